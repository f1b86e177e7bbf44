"""A contract read into plain text, with the page and paragraph of every character for citations."""

from __future__ import annotations

import bisect
from dataclasses import dataclass, field
from enum import StrEnum

from principal.errors import FileRefused


class SourceFormat(StrEnum):
    pdf = "pdf"
    docx = "docx"
    html = "html"
    markdown = "markdown"
    text = "text"


@dataclass(frozen=True)
class Location:
    """Where a quoted passage is: 1-based page and paragraph, and its character span in `Document.text`."""

    page: int
    paragraph: int
    start: int
    end: int
    section: str | None = None
    document: str | None = None
    """The file the passage is in, when a review covers several documents."""

    def cite(self) -> str:
        where = f"p.{self.page} ¶{self.paragraph}"
        if self.section:
            where = f"§{self.section} {where}"
        if self.document:
            where = f"{self.document} {where}"
        return f"{where} [{self.start}:{self.end}]"


@dataclass(frozen=True)
class Document:
    """Full text of a contract; `page_starts` and `paragraph_starts` are ascending character offsets (first is 0)."""

    name: str
    format: SourceFormat
    text: str
    page_starts: tuple[int, ...] = (0,)
    paragraph_starts: tuple[int, ...] = (0,)

    @property
    def pages(self) -> int:
        return len(self.page_starts)

    def page_of(self, offset: int) -> int:
        return bisect.bisect_right(self.page_starts, offset)

    def paragraph_of(self, offset: int) -> int:
        return bisect.bisect_right(self.paragraph_starts, offset)

    def locate(self, start: int, end: int, section: str | None = None) -> Location:
        return Location(self.page_of(start), self.paragraph_of(start), start, end, section, self.label)

    label: str | None = None
    """Short name cited in a review of several documents (the file name); None for a single document."""


@dataclass
class DocumentBuilder:
    """Assembles a `Document` paragraph by paragraph; readers call `paragraph` and `page_break` in reading order."""

    name: str
    format: SourceFormat
    max_chars: int
    max_pages: int
    _parts: list[str] = field(default_factory=list)
    _length: int = 0
    _page_starts: list[int] = field(default_factory=lambda: [0])
    _paragraph_starts: list[int] = field(default_factory=list)

    def paragraph(self, text: str) -> None:
        text = " ".join(text.split())
        if not text:
            return
        if self._parts:
            self._parts.append("\n")
            self._length += 1
        self._paragraph_starts.append(self._length)
        self._parts.append(text)
        self._length += len(text)
        if self._length > self.max_chars:
            raise TooLarge(f"more than {self.max_chars:,} characters of text")

    def page_break(self) -> None:
        # Empty pages repeat an offset, so `page_of` still counts them.
        self._page_starts.append(self._length + 1 if self._parts else 0)
        if len(self._page_starts) > self.max_pages:
            raise TooLarge(f"more than {self.max_pages:,} pages")

    def build(self) -> Document:
        paragraphs = self._paragraph_starts or [0]
        return Document(self.name, self.format, "".join(self._parts), tuple(self._page_starts), tuple(paragraphs))


class TooLarge(FileRefused):
    """A document exceeds a size limit (characters, pages); `read_document` names the file."""

    lead = "is too large to review: "
