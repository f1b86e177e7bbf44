"""Where a deal-file field stands (file, line, column) and, when the value came from a reviewed document, the
passage it cites: `principal review --deal-out` writes `# DOCUMENT §section p.page ¶paragraph [start:end] "quote"`
after each value it read, and the calendar and claim letters quote that back."""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path as FsPath

from principal.loader.deal_file import MAX_DEAL_BYTES, locate_deal
from principal.loader.input_file import read_text
from principal.loader.problems import Path
from principal.loader.yaml_positions import Located

_REVIEWED = re.compile(r"(?:§\S+\s+)?p\.\d+\s+¶\d+")
_PREAMBLE = re.compile(r"^# Partial deal file written by `principal review` from (.+)\.$", re.M)
_PART = re.compile(r"([^.\[\]]+)|\[(\d+)\]")


@dataclass(frozen=True)
class Citation:
    """A deal-file field: where it is, and the document passage it was read from (when it was)."""

    field: str
    file: str
    line: int | None
    column: int | None
    document: str | None
    """`order.pdf §12.2 p.4 ¶3 [1200:1290] "..."` when the value came from a reviewed document."""

    def where(self) -> str:
        place = self.file if self.line is None else f"{self.file}:{self.line}"
        return f"{place} {self.field}"

    def text(self) -> str:
        return self.where() + (f"; {self.document}" if self.document else "")


def parse_field(dotted: str) -> Path:
    """`offers.final.usage[0].rate_card` -> ('offers', 'final', 'usage', 0, 'rate_card')."""
    return tuple(int(index) if index else name for name, index in _PART.findall(dotted))


class DealCitations:
    """Citations for the fields of one deal file."""

    def __init__(self, text: str, filename: str, documents: tuple[str, ...] = ()) -> None:
        self.filename = filename
        self.lines = text.splitlines()
        self.located: Located = locate_deal(text, filename)
        preamble = _PREAMBLE.search(text)
        self.default_document = preamble.group(1) if preamble else (documents[0] if len(documents) == 1 else None)

    def cite(self, dotted: str) -> Citation:
        """The field's place; a field the file does not hold has no line (never a neighbour's)."""
        path = parse_field(dotted)
        if not _holds(self.located.data, path):
            return Citation(dotted, self.filename, None, None, None)
        line, column = self.located.where(path)
        return Citation(dotted, self.filename, line, column, self._document(line, column))

    def cite_text(self, dotted: str) -> str:
        """The citation as one line: `deal.yaml:268 offers.final.exit.renewal.notice_days; order.pdf §12 ...`."""
        return self.cite(dotted).text()

    def _document(self, line: int | None, column: int | None) -> str | None:
        if line is None or not 0 < line <= len(self.lines):
            return None
        text = self.lines[line - 1]
        after = text[(column or 1) - 1 :]
        mark = after.find(" #")
        if mark < 0:
            return None
        comment = after[mark + 2 :].strip()
        if not _REVIEWED.search(comment) or comment.startswith("assumption"):
            return None
        if self.default_document and self.default_document not in comment:
            return f"{self.default_document} {comment}"
        return comment


def _holds(data: object, path: Path) -> bool:
    for part in path:
        if isinstance(part, int) and isinstance(data, list) and 0 <= part < len(data):
            data = data[part]
        elif isinstance(part, str) and isinstance(data, dict) and part in data:
            data = data[part]
        else:
            return False
    return True


def deal_citations(path: str | FsPath, documents: tuple[str, ...] = ()) -> DealCitations:
    text = read_text(path, max_bytes=MAX_DEAL_BYTES, what="a deal file")
    return DealCitations(text, str(path), documents)
