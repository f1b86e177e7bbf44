"""The brief as a small document tree (sections of paragraphs, lists, tables and charts) that every format renders.

HTML, PDF and Markdown are drawn from one tree, so the three carry the same text and the same figures.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import ClassVar


@dataclass(frozen=True)
class Paragraph:
    kind: ClassVar[str] = "paragraph"
    text: str
    emphasis: bool = False


@dataclass(frozen=True)
class Bullets:
    kind: ClassVar[str] = "bullets"
    items: tuple[str, ...]
    numbered: bool = False


@dataclass(frozen=True)
class Table:
    kind: ClassVar[str] = "table"
    headers: tuple[str, ...]
    rows: tuple[tuple[str, ...], ...]
    caption: str | None = None
    numeric: tuple[int, ...] = ()
    """Columns holding figures (right-aligned)."""
    bold_last_row: bool = False
    small: bool = False


@dataclass(frozen=True)
class Chart:
    kind: ClassVar[str] = "chart"
    svg: str
    caption: str


@dataclass(frozen=True)
class KeyFigure:
    label: str
    value: str
    note: str


@dataclass(frozen=True)
class KeyFigures:
    kind: ClassVar[str] = "figures"
    items: tuple[KeyFigure, ...]


Block = Paragraph | Bullets | Table | Chart | KeyFigures


@dataclass(frozen=True)
class Section:
    title: str
    anchor: str
    blocks: tuple[Block, ...]
    subsections: tuple[Section, ...] = ()


@dataclass(frozen=True)
class Document:
    title: str
    subtitle: str
    sections: tuple[Section, ...]
    footnotes: tuple[str, ...] = field(default=())
