"""Sentences with the titles of the sections they sit in, the unit every extractor reads."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

from principal.review.document import Document, Location
from principal.review.segment import Section, Segments


@dataclass(frozen=True)
class Sentence:
    start: int
    end: int
    text: str
    lower: str
    headings: str  # titles of the enclosing sections, lower-case, outermost first
    section: str | None  # number of the deepest enclosing section

    def locate(self, document: Document) -> Location:
        return document.locate(self.start, self.end, self.section)

    @property
    def quote(self) -> str:
        return " ".join(self.text.split())


def sentences(document: Document, segments: Segments) -> Iterator[Sentence]:
    """Walk sentences in order, keeping a stack of open sections (one pass over both lists)."""
    text = document.text
    sections = segments.sections
    stack: list[Section] = []
    index = 0
    for start, end in segments.sentences:
        while index < len(sections) and sections[index].start <= start:
            section = sections[index]
            while stack and (stack[-1].end <= section.start or stack[-1].level >= section.level):
                stack.pop()
            stack.append(section)
            index += 1
        while stack and stack[-1].end <= start:
            stack.pop()
        body = text[start:end]
        headings = " / ".join(s.title for s in stack).lower()
        yield Sentence(start, end, body, body.lower(), headings, _number(stack))


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
