"""HTML: block elements become paragraphs, table rows become paragraphs with cells joined by ' | '."""

from __future__ import annotations

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
_SKIP = ["script", "style", "noscript", "template", "head", "svg", "math"]


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
        elif tag in _CELLS:
            if row_has_cell:
                parts.append(" | ")
            row_has_cell = True
        elif tag == "br":
            parts.append(" ")
    flush()
    return builder.build()
