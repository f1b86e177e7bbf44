"""HTML: block elements become paragraphs, table rows become paragraphs with cells joined by ' | '."""

from __future__ import annotations

import re
from typing import Any

from selectolax.lexbor import LexborHTMLParser

from principal.review.document import Document, DocumentBuilder, SourceFormat
from principal.review.ingest.limits import Limits
from principal.review.ingest.sniff import NotADocument

_BLOCKS = frozenset(
    {
        *("p", "div", "h1", "h2", "h3", "h4", "h5", "h6", "li", "dt", "dd", "tr", "blockquote", "pre", "section"),
        *("article", "header", "footer", "address", "caption", "table", "thead", "tbody", "tfoot", "ul", "ol"),
        *("dl", "title", "hr"),
    }
)
_CELLS = frozenset({"td", "th"})
_SKIP = ["script", "style", "noscript", "template", "head", "svg", "math", "nav"]
_TAG = re.compile(r"<(/?)([A-Za-z][A-Za-z0-9:-]{0,40})\b[^<>]{0,4000}?(/?)>")
# Elements that never hold others (void) or that the next tag of their kind closes (implied end): they add no depth.
_FLAT = frozenset(
    {
        *("area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "param", "source", "track"),
        *("wbr", "p", "li", "dt", "dd", "tr", "td", "th", "option", "optgroup", "rp", "rt", "thead", "tbody"),
        *("tfoot", "colgroup", "caption", "html", "head", "body"),
    }
)
_ROMAN_LIMIT = 3_999


def nesting_depth(text: str) -> int:
    """The deepest nesting of elements the markup opens, in one pass over its tags (elements in `_FLAT` left out)."""
    depth = deepest = 0
    for match in _TAG.finditer(text):
        closing, tag, self_closing = match.groups()
        if tag.lower() in _FLAT or self_closing:
            continue
        if closing:
            depth = max(depth - 1, 0)
        else:
            depth += 1
            deepest = max(deepest, depth)
    return deepest


_MARKER_ONLY = re.compile(r"-|\(?[a-z]{1,4}\)|\(?[ivxlc]{1,6}\)|\d{1,3}\.")


def _list_marker(item: Any, positions: dict[int, int]) -> str:
    """The marker a browser draws before an <li>: "(a) ", "1. ", "(iv) " in an <ol>, "- " in a <ul>.
    `positions` counts the items met so far under each list (items come in document order), so a list of n items
    costs n steps, not n squared."""
    parent = item.parent
    if parent is not None and parent.tag == "ul":
        return "- "  # a bullet, as Markdown writes it: the item continues its list's lead-in
    if parent is None or parent.tag != "ol":
        return ""
    position = positions[parent.mem_id] = positions.get(parent.mem_id, 0) + 1
    try:
        start = int(parent.attributes.get("start") or 1)
    except ValueError:
        start = 1
    value = start + position - 1
    kind = parent.attributes.get("type") or "1"
    if kind in ("a", "A"):
        letter = chr(ord("a") + (value - 1) % 26) if value > 0 else "a"
        return f"({letter.upper() if kind == 'A' else letter}) "
    if kind in ("i", "I") and 0 < value <= _ROMAN_LIMIT:
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
    depth = nesting_depth(text)
    if depth > limits.max_html_depth:
        raise NotADocument(
            f"nests elements {depth:,} deep (limit {limits.max_html_depth:,}); a contract page this deep is refused"
        )
    tree = LexborHTMLParser(text)
    tree.strip_tags(_SKIP, recursive=True)
    builder = DocumentBuilder(name, SourceFormat.html, limits.max_chars, limits.max_pages)
    root = tree.body or tree.root
    if root is None:
        return builder.build()
    parts: list[str] = []
    positions: dict[int, int] = {}
    row_has_cell = False

    def flush() -> None:
        text = " ".join("".join(parts).split())
        if _MARKER_ONLY.fullmatch(text):
            return  # "<li><p>...": the item's marker stays with the paragraph it numbers
        builder.paragraph(text)
        parts.clear()

    for node in root.traverse(include_text=True):
        tag = node.tag
        if tag == "-text":
            parts.append(node.text_content or "")
        elif tag in _BLOCKS:
            flush()
            row_has_cell = False
            if tag == "li":
                parts.append(_list_marker(node, positions))
        elif tag in _CELLS:
            if row_has_cell:
                parts.append(" | ")
            row_has_cell = True
        elif tag == "br":
            parts.append(" ")
    flush()
    return builder.build()
