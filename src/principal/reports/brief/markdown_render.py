"""The brief as Markdown: the same sections, paragraphs and tables as the HTML (charts become their tables).

Every piece of text (deal and offer names, notes, figures) is written as text, never as markup: `&`, `<` and `>`
become HTML entities, so no tag (`<script>`, `<img onerror=...>`) or autolink survives a Markdown viewer, and the
characters that make links, images, code spans and table cells (`[`, `]`, backtick, `|`, and the backslash itself)
are escaped with a backslash. Line breaks inside a text become spaces, so a name cannot start a block of its own.
"""

from __future__ import annotations

import re

from principal.reports.brief.document import Block, Bullets, Chart, Document, KeyFigures, Paragraph, Section, Table

_ENTITIES = {"&": "&amp;", "<": "&lt;", ">": "&gt;"}
_MARKUP = re.compile(r"[\\`\[\]|&<>]")


def _escaped(match: re.Match[str]) -> str:
    char = match.group(0)
    return _ENTITIES.get(char, "\\" + char)


def text(value: str) -> str:
    """`value` as Markdown that shows exactly these characters, on one line."""
    return _MARKUP.sub(_escaped, " ".join(value.splitlines()))


def _table(t: Table) -> list[str]:
    out = []
    if t.caption:
        out.extend([f"**{text(t.caption)}**", ""])
    out.append("| " + " | ".join(text(h) or " " for h in t.headers) + " |")
    out.append("|" + "|".join("---:" if i in t.numeric else "---" for i in range(len(t.headers))) + "|")
    for n, row in enumerate(t.rows):
        cells = [text(c) for c in row]
        if t.bold_last_row and n == len(t.rows) - 1:
            cells = [f"**{c}**" if c else c for c in cells]
        out.append("| " + " | ".join(cells) + " |")
    return [*out, ""]


def _block(b: Block) -> list[str]:
    if isinstance(b, Paragraph):
        return [f"**{text(b.text)}**" if b.emphasis else text(b.text), ""]
    if isinstance(b, Bullets):
        marks = [f"{n}." if b.numbered else "-" for n in range(1, len(b.items) + 1)]
        return [*(f"{m} {text(item)}" for m, item in zip(marks, b.items, strict=True)), ""]
    if isinstance(b, Table):
        return _table(b)
    if isinstance(b, KeyFigures):
        rows = tuple((f.label, f.value, f.note) for f in b.items)
        return _table(Table(("Key figure", "Amount", "What it is"), rows, numeric=(1,)))
    if isinstance(b, Chart):
        caption = text(b.caption)
        return [f"*Chart: {caption} (drawn in the HTML and PDF brief; its figures are in the table above.)*", ""]
    raise TypeError(f"unknown block {type(b).__name__}")


def _section(s: Section, level: int) -> list[str]:
    out = [f"{'#' * level} {text(s.title)}", ""]
    for b in s.blocks:
        out.extend(_block(b))
    for sub in s.subsections:
        out.extend(_section(sub, min(level + 1, 6)))
    return out


def render_markdown(doc: Document) -> str:
    out = [f"# {text(doc.title)}", "", text(doc.subtitle), ""]
    for s in doc.sections:
        out.extend(_section(s, 2))
    out.extend(f"*{text(note)}*" for note in doc.footnotes)
    return "\n".join(out).rstrip() + "\n"
