"""PDF: pypdf checks the file (encryption, page count, text layer); pdfplumber lays out words into paragraphs and
tables on documents of ordinary length; longer ones use pypdf's text. Parsing runs in a bounded child process."""

from __future__ import annotations

import io
import logging
import re

from principal.review.document import Document, DocumentBuilder, SourceFormat
from principal.review.ingest.limits import Limits
from principal.review.ingest.sandbox import Refused, run_bounded

Page = list[str]  # the paragraphs of one page, in reading order
# Layout analysis (columns, tables, running headers) costs about 0.3 s a page in pdfminer; longer documents are
# read from pypdf's text (about 0.02 s a page), so a 30-page contract is reviewed in about a second.
LAYOUT_PAGES = 20

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
        if count <= min(limits.pdf_layout_pages, LAYOUT_PAGES):
            pages = _layout_pages(data)
        else:
            pages = _without_running_lines([_plain_paragraphs(page.extract_text() or "") for page in reader.pages])
    except Refused:
        raise
    except Exception as exc:
        raise Refused(f"is damaged or not a valid PDF ({type(exc).__name__}: {str(exc)[:120]})") from None
    visible = sum(len("".join(p.split())) for page in pages for p in page)
    if visible < 10 * count:
        raise Refused(OCR_MESSAGE)
    return pages


def _without_running_lines(pages: list[Page]) -> list[Page]:
    """Drop a page's first or last paragraph when it repeats (digits aside) on other pages: a running header or
    footer in pypdf's text."""
    from collections import Counter

    def signature(text: str) -> str:
        return re.sub(r"\d+", "#", " ".join(text.lower().split()))

    edges: Counter[str] = Counter()
    for page in pages:
        edges.update({signature(p) for p in (page[:1] + page[-1:])})
    out = []
    for page in pages:
        kept = list(page)
        if kept and len(pages) > 2 and edges[signature(kept[0])] > len(pages) // 2:
            kept = kept[1:]
        if kept and len(pages) > 2 and edges[signature(kept[-1])] > len(pages) // 2:
            kept = kept[:-1]
        out.append(kept)
    return out


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
    from principal.review.ingest.pdf_layout import layout_document

    return layout_document(data)
