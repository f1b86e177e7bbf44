"""PDF reading order: words laid out into lines, columns, table rows and paragraphs, as a person reads the page.

- Running headers and footers (lines in the top or bottom margin that repeat on other pages, or page numbers)
  are dropped, so they do not split sentences or pose as clauses.
- Two-column pages are read left column first: a vertical gutter no word crosses, with long lines on both sides.
- Tables with ruling lines are read by pdfplumber's table finder; tables without them are lines whose words sit
  in columns separated by wide gaps. Each row is one paragraph with cells joined by " | "; a wrapped cell's second
  line is added to the cell above it.
- A sentence cut by a column or page break is rejoined: the paragraph continues when the next line starts in
  lower case or the paragraph stops mid-sentence.
"""

from __future__ import annotations

import io
import re
from collections import Counter
from dataclasses import dataclass
from typing import Any

Page = list[str]

_PAGE_NUMBER = re.compile(r"^\s*(?:page\s+)?\d{1,4}(?:\s+(?:of|/)\s+\d{1,4})?\s*$", re.I)
# A clause number starts a clause only before a word that can open one: "Schedule" then "2 governs ..." is a
# sentence the line break cut, "99.9 % for Omnichannel Routing" a percentage, "1 January" a date.
_MONTHS = r"(?:January|February|March|April|May|June|July|August|September|October|November|December)\b"
_CLAUSE_START = re.compile(
    r"^(?:\(?[a-z]{1,3}\)|\d{1,2}(?:\.\d{1,2}){0,3}\.?\s+(?![a-z%]|" + _MONTHS + r")\S|[A-Z]\d{1,2}\.?\s|\u2022|-\s)"
)
# "... does not take into account (a) scheduled maintenance ... in advance," then "(b) emergency maintenance, or
# (c) ...": the next item of a list written inside one sentence, not a list item of its own.
_LATER_ITEM = re.compile(r"^\(?[b-z]\)")
_INLINE_FIRST_ITEM = re.compile(r"\S\s+\(a\)\s")
_LABEL = re.compile(
    r"^(?:\(?[a-z]{1,4}\)|\d{1,2}(?:\.\d{1,2}){0,3}\.?|[A-Z]\d{1,2}\.?|[A-Z]\.)$"
)  # "(a)", "3.3", "C1."
_END = re.compile(r"[.;:!?)\]\"”]$")
_WANTS_FIGURE = re.compile(r"(?:\b[A-Z]{3}|[$€£¥₹]|\b(?:at|of|to|by|than|from|until|on|before|after|per))$")
MARGIN = 0.09  # share of the page height at top and bottom where running headers and footers live
CELL_GAP = 11.0  # points: a wider gap between two words on a line separates table cells


@dataclass
class Line:
    page: int
    column: int
    top: float
    bottom: float
    cells: list[tuple[float, str]]  # (x0, text) of each cell; one cell for running text
    table: bool = False  # a row of a ruled table (pdfplumber)
    bold: bool = False  # every word in a bold face: a heading
    size: float = 0.0  # the largest font size on the line
    right: float = 0.0  # x of the line's last character

    @property
    def text(self) -> str:
        return " | ".join(text for _, text in self.cells)

    @property
    def height(self) -> float:
        return max(self.bottom - self.top, 1.0)


def layout_document(data: bytes) -> list[Page]:
    import pdfplumber

    pages: list[list[Line]] = []
    heights: list[float] = []
    gutter: float | None = None
    with pdfplumber.open(io.BytesIO(data)) as pdf:
        for number, page in enumerate(pdf.pages):
            lines, gutter = _page_lines(page, number, gutter)
            pages.append(lines)
            heights.append(float(page.height))
    _drop_running_lines(pages, heights)
    return _paragraphs(pages)


def _page_lines(page: Any, number: int, before: float | None) -> tuple[list[Line], float | None]:
    """The page's lines, by column, and its gutter; `before` is the previous page's gutter: a last page whose
    right-hand column holds only a short signature block keeps the columns of the pages before it."""
    tables = page.find_tables()
    boxes = [table.bbox for table in tables]

    def outside(obj: dict[str, Any]) -> bool:
        if obj.get("object_type") != "char":
            return True
        x = (obj["x0"] + obj["x1"]) / 2
        y = (obj["top"] + obj["bottom"]) / 2
        return not any(x0 <= x <= x1 and top <= y <= bottom for x0, top, x1, bottom in boxes)

    text_page = page.filter(outside) if boxes else page
    words = text_page.extract_words(
        x_tolerance=1.5, y_tolerance=3, keep_blank_chars=False, extra_attrs=["fontname", "size"]
    )
    width = float(page.width)
    height = float(page.height)
    body = [w for w in words if MARGIN * height < w["top"] and w["bottom"] < (1 - MARGIN) * height]
    gutter = _gutter(body, width)
    if gutter is None and before is not None and _still_splits(body, before):
        gutter = before
    lines: list[Line] = []
    if gutter is None:
        lines.extend(_lines(words, number, 0))
    else:
        # Running headers and footers span the page: they are read whole, not cut at the gutter (a header cut in
        # two would neither repeat as a whole nor stay out of the body's sentences).
        margin = [w for w in words if not (MARGIN * height < w["top"] and w["bottom"] < (1 - MARGIN) * height)]
        whole, split = _page_wide(margin, gutter)
        left = [w for w in [*body, *split] if w["x1"] <= gutter]
        right = [w for w in [*body, *split] if w["x1"] > gutter]
        lines.extend(_lines(whole, number, 0))
        lines.extend(_lines(left, number, 0))
        lines.extend(_lines(right, number, 1))
    for table in tables:
        x0, top, _x1, bottom = table.bbox
        column = 1 if gutter is not None and x0 >= gutter else 0
        rows = table.extract()
        step = (bottom - top) / max(len(rows), 1)
        for index, row in enumerate(rows):
            cells = [_cell(cell or "") for cell in row]
            if any(cells):
                row_top = top + index * step
                lines.append(Line(number, column, row_top, row_top + step, [(0.0, c) for c in cells], table=True))
    lines.sort(key=lambda line: (line.column, line.top))
    return _merge_wrapped_cells(lines), gutter


def _still_splits(words: list[dict[str, Any]], gutter: float) -> bool:
    """No word crosses the previous page's gutter and text stands on both sides of it."""
    if any(w["x0"] < gutter < w["x1"] for w in words):
        return False
    left = sum(1 for w in words if w["x1"] <= gutter)
    return left >= 10 and len(words) - left >= 3


def _page_wide(words: list[dict[str, Any]], gutter: float) -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
    """Margin words in rows that run across the gutter with ordinary word spacing (a running header) and the
    others (column text that reaches into the margin), which are read by column."""
    rows: list[list[dict[str, Any]]] = []
    for word in sorted(words, key=lambda w: (round(w["top"]), w["x0"])):
        if rows and abs(word["top"] - rows[-1][0]["top"]) <= 0.5 * (word["bottom"] - word["top"]):
            rows[-1].append(word)
        else:
            rows.append([word])
    whole: list[dict[str, Any]] = []
    split: list[dict[str, Any]] = []
    for row in rows:
        left = [w for w in row if w["x1"] <= gutter]
        right = [w for w in row if w["x1"] > gutter]
        across = bool(left and right) and min(w["x0"] for w in right) - max(w["x1"] for w in left) < 8
        (whole if across else split).extend(row)
    return whole, split


def _gutter(words: list[dict[str, Any]], width: float) -> float | None:
    """x of an empty vertical band in the middle of the page with long lines on both sides, else None."""
    if len(words) < 40:
        return None
    low, high = int(width * 0.3), int(width * 0.7)
    covered = [False] * (high - low)
    for w in words:
        for x in range(max(int(w["x0"]), low), min(int(w["x1"]) + 1, high)):
            covered[x - low] = True
    best: tuple[int, int] | None = None
    run_start: int | None = None
    for i, value in enumerate([*covered, True]):
        if not value and run_start is None:
            run_start = i
        elif value and run_start is not None:
            if best is None or i - run_start > best[1] - best[0]:
                best = (run_start, i)
            run_start = None
    if best is None or best[1] - best[0] < 8:
        return None
    middle = low + (best[0] + best[1]) / 2
    left = [w for w in words if w["x1"] <= middle]
    right = [w for w in words if w["x0"] >= middle]
    if len(left) < 20 or len(right) < 20:
        return None
    # Running text fills its column: most left-hand lines of prose end close to the gutter (a table's first column
    # does not). Lines of a few words (headings, the cells of a table inside the column) say nothing either way.
    rows: dict[int, list[float]] = {}
    for w in left:
        rows.setdefault(round(w["top"]), []).append(w["x1"])
    prose = [max(ends) for ends in rows.values() if len(ends) >= 4]
    ends = prose if len(prose) >= 5 else [max(ends) for ends in rows.values()]
    near = sum(1 for x1 in ends if x1 > low + best[0] - 60)
    return middle if near >= 0.5 * len(ends) else None


def _lines(words: list[dict[str, Any]], page: int, column: int) -> list[Line]:
    ordered = sorted(words, key=lambda w: (round(w["top"]), w["x0"]))
    rows: list[list[dict[str, Any]]] = []
    for word in ordered:
        if rows and abs(word["top"] - rows[-1][0]["top"]) <= 0.5 * (word["bottom"] - word["top"]):
            rows[-1].append(word)
        else:
            rows.append([word])
    lines = []
    for row in rows:
        row.sort(key=lambda w: w["x0"])
        cells: list[tuple[float, list[str]]] = []
        previous_x1: float | None = None
        for word in row:
            after_label = len(cells) == 1 and len(cells[0][1]) == 1 and _LABEL.match(cells[0][1][0])
            gap = word["x0"] - previous_x1 if previous_x1 is not None else 0.0
            if previous_x1 is None or (gap > CELL_GAP and not (after_label and gap < 30)):
                cells.append((word["x0"], [word["text"]]))
            else:
                cells[-1][1].append(word["text"])
            previous_x1 = word["x1"]
        top = min(w["top"] for w in row)
        bottom = max(w["bottom"] for w in row)
        bold = all("bold" in str(w.get("fontname", "")).lower() for w in row)
        size = max(float(w.get("size") or 0.0) for w in row)
        right = max(float(w["x1"]) for w in row)
        lines.append(Line(page, column, top, bottom, [(x, " ".join(ws)) for x, ws in cells], bold=bold, size=size,
                          right=right))  # fmt: skip
    return lines


def _merge_wrapped_cells(lines: list[Line]) -> list[Line]:
    """A line right under a table row whose cells all start at that row's cell positions continues those cells (a
    line under the first cell only when it is set tight or starts in lower case, else it is the next paragraph)."""
    out: list[Line] = []
    for position, line in enumerate(lines):
        previous = out[-1] if out else None
        if (
            previous is not None
            and not line.table
            and not previous.table
            and len(previous.cells) >= 2
            and len(line.cells) < len(previous.cells)
            and line.column == previous.column
            and line.top - previous.bottom < 0.8 * line.height
        ):
            starts = [x for x, _ in previous.cells]
            slots = [_slot(starts, x) for x, _ in line.cells]
            tight = line.top - previous.bottom < 0.35 * line.height
            lower = line.cells[0][1][:1].islower()  # "Monthly availability of the | ..." / "component"
            header = _wrapped_header(out, line, lines[position + 1] if position + 1 < len(lines) else None)
            if all(slot is not None for slot in slots) and (
                len(line.cells) >= 2 or slots[0] != 0 or tight or lower or header
            ):
                cells = list(previous.cells)
                for (_, text), slot in zip(line.cells, slots, strict=True):
                    x, old = cells[slot]  # type: ignore[index]
                    cells[slot] = (x, _join(old, text))  # type: ignore[index]
                previous.cells = cells
                previous.bottom = line.bottom
                continue
        out.append(line)
    return out


def _wrapped_header(out: list[Line], line: Line, following: Line | None) -> bool:
    """A word or two under the first cell of a table's first row, with the table's rows going on below it: the
    heading cell wrapped ("Uptime of the Component in the | Service Credit" then "Month"), not a paragraph."""
    previous = out[-1]
    starts = [x for x, _ in previous.cells]
    first_row = len(out) < 2 or len(out[-2].cells) < 2 or out[-2].column != previous.column
    return (
        first_row
        and len(line.cells) == 1
        and len(line.text.split()) <= 3
        and following is not None
        and following.column == line.column
        and len(following.cells) >= 2
        and all(_slot(starts, x) is not None for x, _ in following.cells)
        and following.top - line.bottom < 1.5 * line.height
    )


def _cell(text: str) -> str:
    out = ""
    for piece in text.split("\n"):
        piece = " ".join(piece.split())
        out = _join(out, piece) if out and piece else (out or piece)
    return out


def _join(before: str, after: str) -> str:
    """Two pieces of a line broken by the layout: a word hyphenated at the break is closed up again."""
    if len(before) >= 2 and before.endswith("-") and before[-2].isalnum() and after[:1].isalnum():
        return before + after
    if before[-1:].isalpha() and re.match(r"[b-hj-wyz](?:\s|$)", after):
        return before + after  # a narrow cell breaks a word anywhere: "Availabilit" / "y achieved"
    return f"{before} {after}"


def _slot(starts: list[float], x: float) -> int | None:
    for index, start in enumerate(starts):
        if abs(start - x) <= 4:
            return index
    return None


def _signature(text: str) -> str:
    return re.sub(r"\d+", "#", " ".join(text.lower().split()))


def _drop_running_lines(pages: list[list[Line]], heights: list[float]) -> None:
    """Remove running headers and footers: margin lines repeated on other pages, page numbers, and on a
    one-page document a margin line set well apart from the body."""
    repeats: Counter[str] = Counter()
    for lines, height in zip(pages, heights, strict=True):
        seen = {_signature(ln.text) for ln in lines if _in_margin(ln, height)}
        repeats.update(seen)
    for index, (lines, height) in enumerate(zip(pages, heights, strict=True)):
        kept: list[Line] = []
        for position, line in enumerate(lines):
            if not line.table and _in_margin(line, height):
                text = line.text
                if _PAGE_NUMBER.match(text) or (len(pages) > 1 and repeats[_signature(text)] > 1):
                    continue
                if len(pages) == 1 and _set_apart(lines, position):
                    continue
            kept.append(line)
        pages[index] = kept


def _in_margin(line: Line, height: float) -> bool:
    return line.top < MARGIN * height or line.bottom > (1 - MARGIN) * height


def _set_apart(lines: list[Line], position: int) -> bool:
    line = lines[position]
    neighbours = [ln for ln in lines if ln is not line and ln.column == line.column]
    gaps = [min(abs(ln.top - line.bottom), abs(line.top - ln.bottom)) for ln in neighbours]
    return not gaps or min(gaps) > 2 * line.height


def _looks_like_heading(text: str) -> bool:
    words = text.split()
    return len(text) < 70 and not _END.search(text) and sum(w[:1].isupper() for w in words) >= 0.6 * len(words)


def _body_size(pages: list[list[Line]]) -> float:
    """The font size most of the running text is set in (by characters)."""
    sizes: Counter[float] = Counter()
    for lines in pages:
        for line in lines:
            if not line.table and line.size:
                sizes[round(line.size, 1)] += len(line.text)
    return sizes.most_common(1)[0][0] if sizes else 0.0


def _column_widths(pages: list[list[Line]]) -> dict[tuple[int, int], float]:
    """The widest running-text line of each page column (its right edge), the measure of a full line."""
    widest: dict[tuple[int, int], float] = {}
    for lines in pages:
        for line in lines:
            if not line.table and len(line.cells) == 1:
                key = (line.page, line.column)
                widest[key] = max(widest.get(key, 0.0), line.right - line.cells[0][0])
    return widest


def _short_title(line: Line, widths: dict[tuple[int, int], float]) -> bool:
    """A line worded like a title (few words, capitalised, no closing punctuation) that stops well short of a
    full line, so it cannot be the first line of a paragraph that wraps."""
    width = widths.get((line.page, line.column), 0.0)
    used = line.right - line.cells[0][0] if line.cells else 0.0
    return _looks_like_heading(line.text) and len(line.text.split()) <= 8 and bool(width) and used < 0.6 * width


def _ends(text: str) -> bool:
    """Whether a line's text closes a sentence or clause; a figure in brackets ("three hundred and twenty (320)")
    is followed by what it counts."""
    return bool(_END.search(text)) and not re.search(r"\(\d[\d,.]*%?\)$", text)


def _paragraphs(pages: list[list[Line]]) -> list[Page]:
    out: list[Page] = [[] for _ in pages]
    current: list[str] = []
    current_page = 0
    previous: Line | None = None
    body = _body_size(pages)
    widths = _column_widths(pages)

    def is_heading(line: Line) -> bool:
        """Bold, or set larger than the running text, and short: a heading however the document styles it."""
        larger = bool(body) and line.size >= body * 1.12 and len(line.text) < 120 and not _END.search(line.text)
        return line.bold or larger

    heading = False  # the current paragraph is a heading (bold lines)
    title_like = False  # the current paragraph is one short line worded like a title ("Service Credits")

    def flush() -> None:
        if current:
            out[current_page].append(" ".join(current))
            current.clear()

    for lines in pages:
        for line in lines:
            if line.table or len(line.cells) >= 2:
                flush()
                out[line.page].append(line.text)
                previous = None
                continue
            text = line.text.strip()
            if not text:
                continue
            if not current:
                current_page = line.page
                current.append(text)
                previous = line
                heading = is_heading(line)
                title_like = _short_title(line, widths)
                continue
            joined = " ".join(current)
            # "... Agent Licences at CHF" then "79.50 per Agent Licence": a figure the line before asks for, not
            # a clause number.
            inline_item = bool(_LATER_ITEM.match(text) and _INLINE_FIRST_ITEM.search(joined)) and not _ends(joined)
            starts_clause = bool(_CLAUSE_START.match(text)) and not _WANTS_FIGURE.search(joined) and not inline_item
            line_heading = is_heading(line)
            if heading != line_heading:  # a heading's last line, or a heading after body text
                new = True
            elif title_like and not heading and not _short_title(line, widths) and text[:1].isupper():
                new = True  # a heading in the body's own font, on its own line above the clause it names
            elif not heading and _ends(joined) and _short_title(line, widths):
                new = True  # that heading, right after the sentence that closed the previous paragraph
            elif heading:
                new = starts_clause or previous is None or line.top - previous.bottom > 0.6 * line.height
            elif previous is not None and previous.page == line.page and previous.column == line.column:
                new = starts_clause or line.top - previous.bottom > 0.6 * line.height
            else:  # a column or page break: continue a sentence the break cut
                mid_sentence = not _ends(joined) and not _looks_like_heading(joined)
                new = starts_clause or not (text[:1].islower() or mid_sentence)
            if new:
                flush()
                current_page = line.page
                current.append(text)
                heading = line_heading
                title_like = _short_title(line, widths)
            else:
                current[-1] = _join(current[-1], text)
                title_like = False
            previous = line
    flush()
    return out
