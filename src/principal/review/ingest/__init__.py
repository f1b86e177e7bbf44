"""Read a contract file (PDF, DOCX, HTML, Markdown, text) into a `Document`, refusing hostile or unreadable files
with one located message (`InputError`, exit code 2 at the CLI)."""

from __future__ import annotations

from pathlib import Path

from principal.errors import FileRefused, InputError
from principal.review.document import Document, SourceFormat
from principal.review.ingest.docx_reader import read_docx
from principal.review.ingest.html_reader import read_html
from principal.review.ingest.limits import DEFAULT_LIMITS, Limits
from principal.review.ingest.pdf_reader import read_pdf
from principal.review.ingest.sandbox import Crashed
from principal.review.ingest.sniff import decode_text, sniff
from principal.review.ingest.text_reader import read_markdown, read_text

__all__ = ["DEFAULT_LIMITS", "Limits", "load_document", "read_document"]


def load_document(path: str | Path, limits: Limits = DEFAULT_LIMITS) -> Document:
    """Read a file from disk; the size limit is checked before a byte is read."""
    fs_path = Path(path)
    name = str(path)
    try:
        if fs_path.is_dir():
            raise InputError.single(name, "is a directory; give a contract file (PDF, DOCX, HTML, Markdown or text)")
        size = fs_path.stat().st_size
    except FileNotFoundError:
        raise InputError.single(name, "file not found; check the path") from None
    except OSError as exc:
        raise InputError.single(name, f"cannot read the file ({exc.strerror})") from None
    if size > limits.max_bytes:
        raise InputError.single(
            name, f"file is {size:,} bytes; the limit is {limits.max_bytes:,} (split the document or remove images)"
        )
    if size == 0:
        raise InputError.single(name, "file is empty")
    with fs_path.open("rb") as handle:
        data = handle.read(limits.max_bytes + 1)
    return read_document(data, name, limits)


def read_document(data: bytes, name: str, limits: Limits = DEFAULT_LIMITS) -> Document:
    """Read bytes already in memory (an upload, say); `name` is used in messages and its suffix as a hint."""
    if len(data) > limits.max_bytes:
        raise InputError.single(name, f"file is {len(data):,} bytes; the limit is {limits.max_bytes:,}")
    suffix = Path(name).suffix.lower()
    try:
        kind = sniff(data, suffix)
        if kind is SourceFormat.pdf:
            document = read_pdf(name, data, limits)
        elif kind is SourceFormat.docx:
            document = read_docx(name, data, limits)
        else:
            text = decode_text(data)
            if kind is SourceFormat.html:
                document = read_html(name, text, limits)
            elif kind is SourceFormat.markdown:
                document = read_markdown(name, text, limits)
            else:
                document = read_text(name, text, limits)
    except Crashed as exc:
        raise Crashed(f"is damaged or not a valid {kind.value.upper()} ({exc.reason})", file=name) from None
    except FileRefused as exc:  # the readers' refusals (NotADocument, TooLarge, Refused, OutOfBounds) name no file
        raise exc.for_file(name) from None
    except RecursionError:
        raise InputError.single(name, "is nested too deeply to read") from None
    if not document.text.strip():
        raise InputError.single(name, f"holds no text to review (an empty {document.format.value} document)")
    return document
