"""HTML: block elements become paragraphs, table rows become paragraphs with cells joined by ' | '."""

from __future__ import annotations

from typing import Any

from selectolax.lexbor import LexborHTMLParser

from principal.review.document import Document, DocumentBuilder, SourceFormat
from principal.review.ingest.limits import Limits

_BLOCKS = frozenset(
    {
        *("p", "div", "h1", "h2", "h3", "h4", "h5", "h6", "li", "dt", "dd", "tr", "blockquote", "pre", "section"),
        *("article", "header", "footer", "address", "caption", "table", "thead", "tbody", "tfoot", "ul", "ol"),
        *("dl", "title", "hr"),
    }
)
_CELLS = frozenset({"td", "th"})
_SKIP = ["script", "style", "noscript", "template", "head", "svg", "math", "nav"]


def _list_marker(item: Any) -> str:
    """The marker a browser draws before an <li> of an <ol>: "(a) ", "1. ", "(iv) "; "" for <ul> items."""
    parent = item.parent
    if parent is None or parent.tag != "ol":
        return ""
    position = 0
    sibling = parent.child
    while sibling is not None:
        if sibling.tag == "li":
            position += 1
        if sibling.mem_id == item.mem_id:
            break
        sibling = sibling.next
    try:
        start = int(parent.attributes.get("start") or 1)
    except ValueError:
        start = 1
    value = start + position - 1
    kind = parent.attributes.get("type") or "1"
    if kind in ("a", "A"):
        letter = chr(ord("a") + (value - 1) % 26) if value > 0 else "a"
        return f"({letter.upper() if kind == 'A' else letter}) "
    if kind in ("i", "I"):
        roman = _roman(value)
        return f"({roman.upper() if kind == 'I' else roman}) "
    return f"{value}. "


def _roman(value: int) -> str:
    out = []
    for number, letters in ((10, "x"), (9, "ix"), (5, "v"), (4, "iv"), (1, "i")):
        while value >= number:
            out.append(letters)
            value -= number
    return "".join(out)


def read_html(name: str, text: str, limits: Limits) -> Document:
    tree = LexborHTMLParser(text)
    tree.strip_tags(_SKIP, recursive=True)
    builder = DocumentBuilder(name, SourceFormat.html, limits.max_chars, limits.max_pages)
    root = tree.body or tree.root
    if root is None:
        return builder.build()
    parts: list[str] = []
    row_has_cell = False

    def flush() -> None:
        builder.paragraph(" ".join("".join(parts).split()))
        parts.clear()

    for node in root.traverse(include_text=True):
        tag = node.tag
        if tag == "-text":
            parts.append(node.text_content or "")
        elif tag in _BLOCKS:
            flush()
            row_has_cell = False
            if tag == "li":
                parts.append(_list_marker(node))
        elif tag in _CELLS:
            if row_has_cell:
                parts.append(" | ")
            row_has_cell = True
        elif tag == "br":
            parts.append(" ")
    flush()
    return builder.build()
