"""A document's layout (format, page and paragraph offsets) as JSON, so its extracted text can be stored and
reviewed again later with the same citations, without keeping the original file."""

from __future__ import annotations

import json
from itertools import pairwise

from principal.errors import FileRefused
from principal.review.document import Document, SourceFormat


class BadLayout(FileRefused):
    """A stored layout that does not fit its text (edited by hand, or from another document)."""


def layout_json(document: Document) -> str:
    return json.dumps(
        {
            "format": document.format.value,
            "page_starts": list(document.page_starts),
            "paragraph_starts": list(document.paragraph_starts),
        },
        separators=(",", ":"),
    )


def _offsets(value: object, length: int, what: str) -> tuple[int, ...]:
    if (
        not isinstance(value, list)
        or not value
        or not all(isinstance(v, int) and not isinstance(v, bool) for v in value)
    ):
        raise BadLayout(f"{what} must be a non-empty list of offsets")
    if value[0] != 0 or any(b < a for a, b in pairwise(value)) or value[-1] > length:
        raise BadLayout(f"{what} must rise from 0 and stay within the text's {length:,} characters")
    return tuple(value)


def restore_document(name: str, text: str, layout: str | None) -> Document:
    """The document as it was read: its text with the stored layout, or one page of newline-separated paragraphs
    when no layout was stored."""
    if layout is None:
        starts = (0, *(i + 1 for i, c in enumerate(text) if c == "\n"))
        return Document(name, SourceFormat.text, text, (0,), starts)
    try:
        data = json.loads(layout)
    except ValueError:
        raise BadLayout("the stored layout is not JSON") from None
    if not isinstance(data, dict):
        raise BadLayout("the stored layout must be an object")
    try:
        kind = SourceFormat(str(data.get("format")))
    except ValueError:
        raise BadLayout(f"unknown document format {data.get('format')!r}") from None
    pages = _offsets(data.get("page_starts"), len(text), "page_starts")
    paragraphs = _offsets(data.get("paragraph_starts"), len(text), "paragraph_starts")
    return Document(name, kind, text, pages, paragraphs)
