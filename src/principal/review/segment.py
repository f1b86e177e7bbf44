"""Split a document into numbered sections and clauses, definitions, tables and sentences, each with its span.

Headings are recognised at the start of a line or right after a sentence ends (many filed contracts are one long
line): `ARTICLE V`, `FIFTH:`, `Section 4`, `1.`, `1.1`, `2.3(a)` and lettered sub-clauses `(a)`, `(iv)`.
"""

from __future__ import annotations

import bisect
import itertools
import re
from dataclasses import dataclass

from principal.review.document import Document

_ORDINALS = ("FIRST", "SECOND", "THIRD", "FOURTH", "FIFTH", "SIXTH", "SEVENTH", "EIGHTH", "NINTH", "TENTH", "ELEVENTH",
             "TWELFTH", "THIRTEENTH", "FOURTEENTH", "FIFTEENTH", "SIXTEENTH", "SEVENTEENTH", "EIGHTEENTH", "NINETEENTH",
             "TWENTIETH")  # fmt: skip
_HEADING = re.compile(
    r"(?:(?<=\n)|\A|(?<=[.:;]\s)|(?<=[.:;]\s\s))[ \t]*"
    r"(?:(?P<article>ARTICLE|Article)\s+(?P<anum>[IVXLC]{1,6}|\d{1,2})\b[.:]?(?=\s+[A-Z(\n—–]|\s*$)"
    # Civil-law clauses named by their ordinal: "FIFTH: Project Leader", "SEVENTH CLAUSE (Cláusula Séptima)"
    r"|(?:(?<=\n)|\A)(?P<ordinal>" + "|".join(_ORDINALS) + r")(?:\s+CLAUSE)?(?:[.:]|(?=\s+\())(?=\s)"
    r"|(?P<section>SECTION|Section)\s+(?P<snum>\d{1,2}(?:\.\d{1,2}){0,3})\b[.:]?(?=\s+[A-Z(])"
    r"|(?P<num>\d{1,2}(?:\.\d{1,2}){0,3}(?:\([a-z]\))?)(?:\.\s+|\s+)(?=[A-Z(])"
    r"|\((?P<sub>[a-z]|[ivx]{1,4})\)(?=\s))",
    re.M,
)
_DEFINITION = re.compile(
    r"[\"“]([A-Z][^\"”\n]{0,60})[\"”]\s*(?:\)\s*)?(?:means|shall mean|has the meaning|refers to)\b"
    r"|\((?:the\s+|each\s+a\s+|an?\s+)?[\"“]([A-Z][^\"”\n]{0,60})[\"”]\)"
)
_SENTENCE_BREAK = re.compile(r"[.!?][\"”)]?\s+(?=[A-Z(\"“\d])")
# An abbreviation, or a clause number at the start of its line ("2.1. Agent seats"), is no sentence end; a
# cross-reference ending a sentence ("at the prices in 2.1 and 2.2. Seats cannot ...") is.
_NOT_AN_END = re.compile(
    r"(?:\b(?:No|Nos|Inc|Ltd|Ltda|Pty|Pvt|Bhd|Sdn|Co|Corp|e\.g|i\.e|U\.S|Sec|Art|St|Mr|Ms|Dr|vs|cf|approx|incl|excl"
    # currencies written with a point: "Rs. 0.85", "Fr. 1'250.00", "Rp. 45.000"
    r"|Rs|Rp|Fr|Kshs|kr|Kr|Ref|ref|Nr|Cl|cl|Sch|Para|para)|(?:^|\n)[ \t]*[A-Z]?\d{1,2}(?:\.\d{1,2})*)$"
)
# A clause's run-in heading, in title case, numbered or not: "(a) Initial Term", "4.2 Fees", "§ 3 Payment Terms",
# "Subscription Period" at the start of its line.
RUN_IN_HEADING = re.compile(
    r"\s*(?:(?:\([a-z0-9]{1,3}\)|[a-z]\)|[A-Z]?\d{1,2}(?:\.\d{1,2}){0,3}\.?|§\s*\d{1,2}(?:\.\d{1,2})*)\s+)?"
    r"[A-Z][\w'’&/-]*(?:\s+(?:[A-Z][\w'’&/-]*|of|and|for|to|in|the|on|by|or)){0,5}"
)
MAX_SENTENCE = 1500


@dataclass(frozen=True)
class Section:
    number: str
    title: str
    level: int
    start: int
    end: int


@dataclass(frozen=True)
class Definition:
    term: str
    start: int
    end: int


@dataclass(frozen=True)
class Table:
    start: int
    end: int
    rows: int


@dataclass(frozen=True)
class Segments:
    sections: tuple[Section, ...]
    definitions: tuple[Definition, ...]
    tables: tuple[Table, ...]
    sentences: tuple[tuple[int, int], ...]

    def section_at(self, offset: int) -> Section | None:
        """The deepest section whose span holds the offset."""
        best: Section | None = None
        index = bisect.bisect_right([s.start for s in self.sections], offset)
        for section in reversed(self.sections[:index]):
            if section.start <= offset < section.end and (best is None or section.level > best.level):
                best = section
            if best is not None and section.level <= 1:
                break
        return best


def _level(match: re.Match[str], previous: int) -> tuple[str, int]:
    if match.group("article"):
        return match.group("anum"), 0  # "Article 12 (Limitation of Liability)" holds its paragraphs "1.", "2."
    if match.group("ordinal"):
        return str(_ORDINALS.index(match.group("ordinal")) + 1), 0  # "FIFTH:" holds "5.1", "5.2"
    if match.group("section"):
        number = match.group("snum")
        return number, number.count(".") + 1
    if match.group("num"):
        number = match.group("num")
        return number, number.count(".") + 1 + number.count("(")
    return f"({match.group('sub')})", previous + 1


def _title(text: str, start: int) -> str:
    line_end = text.find("\n", start)
    line_end = len(text) if line_end < 0 else line_end
    line = text[start:line_end].strip()
    stop = re.search(r"[.;]\s", line)
    if stop and (len(line) > 100 or stop.start() < 80):
        line = line[: stop.start()]
    return line[:100].strip(" .:")


def segment(document: Document) -> Segments:
    text = document.text
    raw: list[tuple[str, str, int, int]] = []
    level = 1
    for match in _HEADING.finditer(text):
        number, level_here = _level(match, level)
        if not match.group("sub"):
            level = level_here
        raw.append(
            (
                number,
                _title(text, match.end()),
                level_here,
                match.start() + len(match.group(0)) - len(match.group(0).lstrip()),
            )
        )
    # A section ends where the next heading of the same or a higher level starts: one pass with a stack of the
    # sections still open (each heading is pushed and popped once, so the pass is linear in the headings).
    ends = [len(text)] * len(raw)
    open_sections: list[int] = []
    for i, (_, _, lvl, start) in enumerate(raw):
        while open_sections and raw[open_sections[-1]][2] >= lvl:
            ends[open_sections.pop()] = start
        open_sections.append(i)
    sections = [Section(number, title, lvl, start, ends[i]) for i, (number, title, lvl, start) in enumerate(raw)]
    definitions = tuple(Definition(m.group(1) or m.group(2), m.start(), m.end()) for m in _DEFINITION.finditer(text))
    heading_cuts: list[int] = []
    for section in sections:
        heading_cuts.append(section.start)
        line_end = text.find("\n", section.start, section.start + 120)
        if line_end >= 0:  # a heading on its own line ends there, even inside a paragraph of a text file
            heading_cuts.append(line_end + 1)
    return Segments(tuple(sections), definitions, _tables(document), sentence_spans(document, heading_cuts))


def _tables(document: Document) -> tuple[Table, ...]:
    text = document.text
    tables: list[Table] = []
    run: list[tuple[int, int]] = []
    bounds = [*document.paragraph_starts, len(text) + 1]
    for start, nxt in itertools.pairwise(bounds):
        end = nxt - 1 if nxt <= len(text) else len(text)
        line = text[start:end].strip()
        # a row, or a PDF row's wrapped cell on a line of its own ("| Mainland China |", "| fees")
        if " | " in line or line.startswith("| ") or line.endswith(" |"):
            run.append((start, end))
            continue
        if len(run) >= 2:
            tables.append(Table(run[0][0], run[-1][1], len(run)))
        run = []
    if len(run) >= 2:
        tables.append(Table(run[0][0], run[-1][1], len(run)))
    return tuple(tables)


def sentence_spans(document: Document, extra_cuts: list[int] | None = None) -> tuple[tuple[int, int], ...]:
    """Sentence spans: paragraph starts, headings and sentence-ending punctuation are boundaries; long runs are cut."""
    text = document.text
    cuts = set(document.paragraph_starts)
    cuts.update(extra_cuts or ())
    for match in _SENTENCE_BREAK.finditer(text):
        before = text[max(0, match.start() - 12) : match.start()]
        if _NOT_AN_END.search(before) or (match.start() <= 12 and re.fullmatch(r"\s*\d{1,2}(?:\.\d{1,2})*", before)):
            continue
        # Only the last 80 characters are looked at: a file of one long line costs linear time, not quadratic.
        newline = text.rfind("\n", max(0, match.start() - 81), match.start())
        line_start = newline + 1 if newline >= 0 or match.start() <= 81 else -1
        if line_start >= 0 and RUN_IN_HEADING.fullmatch(text, line_start, match.start()):
            continue  # "(a) Initial Term. Twenty-four (24) months ...": the heading runs into its clause
        cuts.add(match.end())
    ordered = sorted(c for c in cuts if 0 < c < len(text))
    spans: list[tuple[int, int]] = []
    previous = 0
    for cut in [*ordered, len(text)]:
        start = previous
        while cut - start > MAX_SENTENCE:
            spans.append((start, start + MAX_SENTENCE))
            start += MAX_SENTENCE
        if text[start:cut].strip():
            spans.append((start, cut))
        previous = cut
    return tuple(spans)
