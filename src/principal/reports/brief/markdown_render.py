"""The brief as Markdown: the same sections, paragraphs and tables as the HTML (charts become their tables)."""

from __future__ import annotations

from principal.reports.brief.document import Block, Bullets, Chart, Document, KeyFigures, Paragraph, Section, Table


def _cell(text: str) -> str:
    return text.replace("|", "\\|").replace("\n", " ")


def _table(t: Table) -> list[str]:
    out = []
    if t.caption:
        out.extend([f"**{_cell(t.caption)}**", ""])
    out.append("| " + " | ".join(_cell(h) or " " for h in t.headers) + " |")
    out.append("|" + "|".join("---:" if i in t.numeric else "---" for i in range(len(t.headers))) + "|")
    for n, row in enumerate(t.rows):
        cells = [_cell(c) for c in row]
        if t.bold_last_row and n == len(t.rows) - 1:
            cells = [f"**{c}**" if c else c for c in cells]
        out.append("| " + " | ".join(cells) + " |")
    return [*out, ""]


def _block(b: Block) -> list[str]:
    if isinstance(b, Paragraph):
        return [f"**{b.text}**" if b.emphasis else b.text, ""]
    if isinstance(b, Bullets):
        marks = [f"{n}." if b.numbered else "-" for n in range(1, len(b.items) + 1)]
        return [*(f"{m} {_cell(text)}" for m, text in zip(marks, b.items, strict=True)), ""]
    if isinstance(b, Table):
        return _table(b)
    if isinstance(b, KeyFigures):
        rows = tuple((f.label, f.value, f.note) for f in b.items)
        return _table(Table(("Key figure", "Amount", "What it is"), rows, numeric=(1,)))
    if isinstance(b, Chart):
        return [f"*Chart: {b.caption} (drawn in the HTML and PDF brief; its figures are in the table above.)*", ""]
    raise TypeError(f"unknown block {type(b).__name__}")


def _section(s: Section, level: int) -> list[str]:
    out = [f"{'#' * level} {s.title}", ""]
    for b in s.blocks:
        out.extend(_block(b))
    for sub in s.subsections:
        out.extend(_section(sub, min(level + 1, 6)))
    return out


def render_markdown(doc: Document) -> str:
    out = [f"# {doc.title}", "", doc.subtitle, ""]
    for s in doc.sections:
        out.extend(_section(s, 2))
    out.extend(f"*{note}*" for note in doc.footnotes)
    return "\n".join(out).rstrip() + "\n"
