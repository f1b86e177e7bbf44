"""Plain text and Markdown: paragraphs are blocks between blank lines; a form feed starts a new page."""

from __future__ import annotations

import re

from principal.review.document import Document, DocumentBuilder, SourceFormat, TooLarge
from principal.review.ingest.limits import Limits

_PARAGRAPH = re.compile(r"(?:\A|\n[ \t\f]*\n|\f)[ \t\f\n]*(?=\S)")
_MD_HEADING = re.compile(r"^\s{0,3}#{1,6}\s+")
_MD_TABLE_RULE = re.compile(r"\|?[ \t]*:?-{2,}:?[ \t]*(?:\|[ \t]*:?-{2,}:?[ \t]*)*\|?")  # on the stripped line
_MD_EMPHASIS = re.compile(r"(\*\*|__|`)")


def read_text(name: str, text: str, limits: Limits) -> Document:
    """Keep the text as it is (offsets match the file, CRLF aside) and index its pages and paragraphs."""
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    if len(text) > limits.max_chars:
        raise TooLarge(f"more than {limits.max_chars:,} characters of text")
    breaks = text.count("\f")
    if breaks >= limits.max_pages:
        raise TooLarge(f"{breaks + 1:,} pages (form feeds); the limit is {limits.max_pages:,}")
    pages = [0] + [m.end() for m in re.finditer("\f", text)]
    paragraphs = [m.end() for m in _PARAGRAPH.finditer(text)] or [0]
    return Document(name, SourceFormat.text, text, tuple(pages), tuple(paragraphs))


def read_markdown(name: str, text: str, limits: Limits) -> Document:
    """Markdown without its markup: headings and table rows become paragraphs, cells joined by ' | '."""
    builder = DocumentBuilder(name, SourceFormat.markdown, limits.max_chars, limits.max_pages)
    block: list[str] = []

    def flush() -> None:
        if block:
            builder.paragraph(" ".join(block))
            block.clear()

    for raw in text.replace("\r\n", "\n").split("\n"):
        line = _MD_EMPHASIS.sub("", raw).rstrip()
        if "\f" in line:
            flush()
            builder.page_break()
            line = line.replace("\f", "")
        if not line.strip():
            flush()
        elif _MD_HEADING.match(line):
            flush()
            builder.paragraph(_MD_HEADING.sub("", line))
        elif line.lstrip().startswith("|"):
            flush()
            if not _MD_TABLE_RULE.fullmatch(line.strip()):
                cells = [cell.strip() for cell in line.strip().strip("|").split("|")]
                builder.paragraph(" ".join(" | ".join(cells).split()))
        else:
            block.append(line.strip())
    flush()
    return builder.build()
