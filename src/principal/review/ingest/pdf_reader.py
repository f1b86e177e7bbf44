"""PDF: pypdf checks the file (encryption, page count, text layer); pdfplumber lays out words into paragraphs and
tables on documents of ordinary length; longer ones use pypdf's text. Parsing runs in a bounded child process."""

from __future__ import annotations

import io
import logging
import re
from typing import Any

from principal.review.document import Document, DocumentBuilder, SourceFormat
from principal.review.ingest.limits import Limits
from principal.review.ingest.sandbox import Refused, run_bounded

Page = list[str]  # the paragraphs of one page, in reading order

_PAGE_NUMBER = re.compile(r"^\s*(?:page\s+)?\d{1,4}(?:\s+(?:of|/)\s+\d{1,4})?\s*$", re.I)
_SENTENCE_END = re.compile(r"[.;:!?]\s*$")
OCR_MESSAGE = (
    "has no text layer (it looks like a scanned image); run OCR on it first (for example `ocrmypdf in.pdf out.pdf`) "
    "and review the OCR'd file"
)


def read_pdf(name: str, data: bytes, limits: Limits) -> Document:
    pages: list[Page] = run_bounded(
        _parse_pages,
        (data, limits),
        cpu_seconds=limits.parse_cpu_seconds,
        memory=limits.parse_memory_bytes,
        idle_seconds=limits.parse_idle_seconds,
    )
    builder = DocumentBuilder(name, SourceFormat.pdf, limits.max_chars, limits.max_pages)
    for number, paragraphs in enumerate(pages):
        if number:
            builder.page_break()
        for paragraph in paragraphs:
            builder.paragraph(paragraph)
    return builder.build()


def _parse_pages(data: bytes, limits: Limits) -> list[Page]:
    """Runs in the child: every refusal is a `Refused` with a message for the user."""
    for logger in ("pypdf", "pdfminer", "pdfplumber"):  # their warnings would add lines to the one-line error
        logging.getLogger(logger).setLevel(logging.CRITICAL)
    import pypdf
    from pypdf.errors import DependencyError, FileNotDecryptedError, PdfReadError

    try:
        reader = pypdf.PdfReader(io.BytesIO(data), strict=False)
        if reader.is_encrypted:
            try:
                opened = reader.decrypt("")
            except (DependencyError, NotImplementedError) as exc:
                raise Refused(f"is encrypted with a method that cannot be opened here ({exc})") from None
            if not opened:
                raise Refused("is encrypted with a password; remove the password (print to PDF) and review that file")
        count = len(reader.pages)
    except Refused:
        raise
    except FileNotDecryptedError:
        raise Refused("is encrypted with a password; remove the password and review that file") from None
    except (PdfReadError, ValueError, KeyError, TypeError, AttributeError, IndexError, OSError) as exc:
        raise Refused(f"is damaged or not a valid PDF ({type(exc).__name__}: {str(exc)[:120]})") from None
    if count == 0:
        raise Refused("has no pages")
    if count > limits.max_pages:
        raise Refused(f"has {count:,} pages; the limit is {limits.max_pages:,}")
    try:
        if count <= limits.pdf_layout_pages:
            pages = _layout_pages(data)
        else:
            pages = [_plain_paragraphs(page.extract_text() or "") for page in reader.pages]
    except Refused:
        raise
    except Exception as exc:
        raise Refused(f"is damaged or not a valid PDF ({type(exc).__name__}: {str(exc)[:120]})") from None
    visible = sum(len("".join(p.split())) for page in pages for p in page)
    if visible < 10 * count:
        raise Refused(OCR_MESSAGE)
    return pages


def _plain_paragraphs(text: str) -> Page:
    paragraphs: Page = []
    current: list[str] = []
    for line in text.splitlines():
        stripped = line.strip()
        if not stripped or _PAGE_NUMBER.match(stripped):
            if current:
                paragraphs.append(" ".join(current))
                current = []
            continue
        current.append(stripped)
        if _SENTENCE_END.search(stripped):
            paragraphs.append(" ".join(current))
            current = []
    if current:
        paragraphs.append(" ".join(current))
    return paragraphs


def _layout_pages(data: bytes) -> list[Page]:
    import pdfplumber

    pages: list[Page] = []
    with pdfplumber.open(io.BytesIO(data)) as pdf:
        for page in pdf.pages:
            pages.append(_layout_page(page))
    return pages


def _layout_page(page: Any) -> Page:
    """Lines grouped into paragraphs by vertical gaps; each table row one paragraph with cells joined by ' | '."""
    tables = page.find_tables()
    boxes = [table.bbox for table in tables]

    def outside_tables(obj: dict[str, Any]) -> bool:
        if obj.get("object_type") != "char":
            return True
        x = (obj["x0"] + obj["x1"]) / 2
        y = (obj["top"] + obj["bottom"]) / 2
        return not any(x0 <= x <= x1 and top <= y <= bottom for x0, top, x1, bottom in boxes)

    text_page = page.filter(outside_tables) if boxes else page
    items: list[tuple[float, float, str | None, list[str]]] = []
    for line in text_page.extract_text_lines(return_chars=False):
        items.append((line["top"], line["bottom"], line["text"], []))
    for table in tables:
        rows = [" | ".join(" ".join((cell or "").split()) for cell in row) for row in table.extract()]
        items.append((table.bbox[1], table.bbox[3], None, [r for r in rows if r.strip(" |")]))
    items.sort(key=lambda item: item[0])
    paragraphs: Page = []
    current: list[str] = []
    previous_bottom: float | None = None
    for top, bottom, text, rows in items:
        if text is None:
            if current:
                paragraphs.append(" ".join(current))
                current = []
            paragraphs.extend(rows)
            previous_bottom = None
            continue
        stripped = text.strip()
        if not stripped or _PAGE_NUMBER.match(stripped):
            continue
        height = max(bottom - top, 1.0)
        if current and previous_bottom is not None and top - previous_bottom > 0.6 * height:
            paragraphs.append(" ".join(current))
            current = []
        current.append(stripped)
        previous_bottom = bottom
    if current:
        paragraphs.append(" ".join(current))
    return paragraphs
