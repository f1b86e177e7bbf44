"""Sentences with what a reader knows when reading them: the titles of the sections they sit in, the lead-in a list
item continues ("Downtime does not include: ... (b) Emergency Maintenance;"), and for a table row its cells and
the table's header cells (a price column headed "Fee (USD per user per month)" gives the row's figures their
currency and unit)."""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from functools import cached_property

from principal.review.document import Document, Location
from principal.review.extract.numbers import CODE
from principal.review.segment import RUN_IN_HEADING, Section, Segments

_ITEM = re.compile(r"^\s*(?:\(?[a-z]{1,4}\)|\(?\d{1,2}\)|[-•*])\s")
_NUMBERED = re.compile(r"^\s*(?:[A-Z]?\d{1,2}(?:\.\d{1,2}){0,3}\.?|[A-Z]\d{0,2}\.)\s+")
_CELL_SEPARATOR = re.compile(r"(?:^|\s)\|(?=\s|$)")
# A column heading over figures (a rate card's "Price (USD)", a ladder's "Credit"), not over terms in words.
# Words that head a column of figures ("Credit (share of quarterly subscription fees)"): a heading row, not a term.
_COLUMN_WORDS = re.compile(
    r"\b(?:price|fee|rate|charge|cost|amount|credit|quantity|qty|users?|seats?|minutes|volume|target|availability"
    r"|uptime|service level|position|terms?|details?|description|value)s?\b",
    re.I,
)
_FIGURE_HEADING = re.compile(
    r"\d|%|\b(?:price|fee|rate|charge|cost|amount|credit|per|quantity|qty|users?|seats?|minutes|volume|target"
    r"|availability|uptime|service level)s?\b|[$€£¥₹]",
    re.I,
)
# A figure in a cell: a percentage, an amount, a bare number or a rate whose currency the heading gives ("0.12 per
# minute" under "Rate (HKD)").
_MONEY_OR_PERCENT = re.compile(rf"\d\s*%|[$€£¥₹]\s?\d|{CODE}\s?\d|^\s*\d[\d,.]*\s*$|^\s*\d[\d,.]*\s*(?:per\b|/)")


@dataclass(frozen=True)
class Sentence:
    start: int
    end: int
    text: str
    lower: str
    headings: str  # titles of the enclosing sections, lower-case, outermost first
    section: str | None  # number of the deepest enclosing section
    lead: str = ""  # lower-case lead-in sentence (ending in ':') that a list item or table row continues
    cells: tuple[str, ...] = ()  # a table row's cells
    header: tuple[str, ...] = ()  # the cells of its table's header row
    previous: str = ""  # the sentence before, lower-case: what "them" or "that date" may refer to

    def locate(self, document: Document) -> Location:
        return document.locate(self.start, self.end, self.section)

    @property
    def quote(self) -> str:
        return " ".join(self.text.split())

    @property
    def body(self) -> str:
        """The text without a leading clause number ("2.1 ", "C3. ", "(b) "): numbers that are not quantities."""
        return _NUMBERED.sub("", _ITEM.sub("", self.text, count=1), count=1)

    @cached_property
    def heading_end(self) -> int:
        """Where the run-in heading at the start of the text ends ("4.2 Termination. Neither party may ..."), or 0:
        the heading's words name the clause; the verbs and their negations come after it."""
        match = RUN_IN_HEADING.match(self.text)
        if match is None or not re.match(r"\.\s+[A-Z(\"“]", self.text[match.end() :]):
            return 0
        return match.end() + 1

    def in_clause(self, pattern: re.Pattern[str]) -> re.Match[str] | None:
        """The first match after the run-in heading, else in the heading itself ("Transition Assistance." over a
        clause that names the help otherwise)."""
        return pattern.search(self.lower, self.heading_end) or pattern.search(self.lower)

    @property
    def is_row(self) -> bool:
        return bool(self.cells)


def split_cells(row: str) -> tuple[str, ...]:
    """A table row's cells; an empty cell ("Voice | | USD 0.0112 | per minute") keeps its column."""
    return tuple(cell.strip() for cell in _CELL_SEPARATOR.split(row.strip()))


def is_header_row(cells: list[str]) -> bool:
    """A table's first row is its header unless it already holds figures."""
    return not any(_MONEY_OR_PERCENT.search(cell) for cell in cells)


def sentences(document: Document, segments: Segments) -> Iterator[Sentence]:
    """Walk sentences in order, keeping a stack of open sections (one pass over both lists)."""
    text = document.text
    sections = segments.sections
    tables = [(t.start, t.end) for t in segments.tables]
    stack: list[Section] = []
    index = 0
    lead = ""
    lead_section: str | None = None
    header: tuple[str, ...] = ()
    table_at = 0
    previous = ""
    for start, end in segments.sentences:
        while index < len(sections) and sections[index].start <= start:
            section = sections[index]
            while stack and (stack[-1].end <= section.start or stack[-1].level >= section.level):
                stack.pop()
            stack.append(section)
            index += 1
        while stack and stack[-1].end <= start:
            stack.pop()
        body = " ".join(text[start:end].split())  # one space between words: no pattern meets a run of blanks
        headings = " / ".join(s.title for s in stack).lower()
        number = _number(stack)
        while table_at < len(tables) and tables[table_at][1] < start:
            table_at += 1
        in_table = table_at < len(tables) and tables[table_at][0] <= start <= tables[table_at][1]
        cells: tuple[str, ...] = ()
        if in_table and " | " in body:
            cells = split_cells(body)
            if start == tables[table_at][0] and _headless_terms(cells):
                header = ("", "")  # a two-column table of terms with no heading row: its first row is a term
            if _is_key_value(cells, header) and (start != tables[table_at][0] or header == ("", "")):
                # "Renewal | automatic, for periods of 12 months, unless ..." states a term as a sentence would.
                body, cells = f"{cells[0]}: {cells[1].rstrip('.')}.", ()
            # A header opens the table, or restarts it with every cell named; a row of words with empty cells in
            # the middle ("geographic numbers | |", a wrapped cell the layout split off) is not a new header.
            # A two-column table of terms keeps its heading: "Order number | VH-2027-118" is a row of it.
            restarts = is_header_row(list(cells)) and all(cells) and not (len(cells) == 2 and len(header) == 2)
            if cells and (start == tables[table_at][0] or restarts):
                header = cells if is_header_row(list(cells)) else ()
                if header:
                    yield Sentence(start, end, body, body.lower(), headings, number, lead, cells, (), previous)
                    previous = body.lower()
                    continue
        elif not in_table:
            header = ()
        # "4.1 Unavailability does not include any period of:" then "4.1.1 Planned Maintenance ...": a numbered
        # sub-clause continues its parent's lead-in as a lettered item does
        child = bool(number and lead_section and number.startswith(lead_section + "."))
        continues = bool(cells) or bool(_ITEM.match(body)) or child
        here_lead = lead if continues and (lead_section == _parent(number) or child) else ""
        yield Sentence(start, end, body, body.lower(), headings, number, here_lead, cells, header if cells else (),
                       previous)  # fmt: skip
        previous = body.lower()
        stripped = body.rstrip()
        if stripped.endswith(":"):
            lead, lead_section = body.lower(), _parent(number)
        elif not continues:
            lead, lead_section = "", None


def _headless_terms(cells: tuple[str, ...]) -> bool:
    """The first row of a two-column table is a term, not a heading, when its second cell is a phrase of its own
    ("Customer billing contact | Accounts Payable, No. 25, Zhongzheng Road, ..."); headings are a word or two
    ("Term | Position")."""
    return (
        len(cells) == 2
        and bool(cells[0])
        and len(re.findall(r"[A-Za-z]{2,}", cells[1])) > 5
        and not _COLUMN_WORDS.search(" ".join(cells))
    )


def _is_key_value(cells: tuple[str, ...], header: tuple[str, ...]) -> bool:
    """A row of a two-column table of terms: a label without figures and the term in words ("Payment | within 30
    days of the invoice date"), not a rate card or ladder row whose figures need their column headings."""
    if len(cells) != 2 or len(header) != 2 or not cells[0] or re.search(r"\d", cells[0]):
        return False
    if header[1] and _FIGURE_HEADING.search(header[1]):
        return False
    # The term in words ("within 30 days of the invoice date") or an amount ("SEK 1,500,000"), not a bare figure
    # ("99.95%") that only its column heading explains.
    return (
        len(re.findall(r"[A-Za-z]{2,}", cells[1])) >= 2
        or bool(re.fullmatch(rf"{CODE}\s?[\d,.]+", cells[1]))
        # a figure with its own unit ("24 months", "Net 45", "60 days"): its meaning does not need the heading
        or bool(re.fullmatch(r"(?:net\s+\d{1,3}|\d{1,3}\s*(?:calendar\s+|business\s+)?(?:days?|months?|years?))",
                             cells[1].strip(), re.I))
    )  # fmt: skip


def _parent(number: str | None) -> str | None:
    """'3.3(b)' -> '3.3': list items sit under the clause whose lead-in they continue."""
    if number is None:
        return None
    return number.split("(", 1)[0] or None  # "(a)" in no numbered clause continues a lead-in outside any


def _number(stack: list[Section]) -> str | None:
    """'3.3' and '(b)' -> '3.3(b)': a lettered clause is cited under its numbered parent."""
    if not stack:
        return None
    parts: list[str] = []
    for section in stack:
        if section.number.startswith("("):
            parts.append(section.number)
        else:
            parts = [section.number]
    return "".join(parts)
