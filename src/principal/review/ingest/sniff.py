"""Decide what a file is from its bytes (the extension is only a hint between text formats)."""

from __future__ import annotations

import re

from principal.errors import FileRefused
from principal.review.document import SourceFormat

PDF_MAGIC = b"%PDF-"
ZIP_MAGIC = b"PK\x03\x04"
OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
RTF_MAGIC = b"{\\rtf"
_HTML_START = re.compile(
    rb"^\s*(?:<\?xml[^>]*>\s*)?(?:<!--.*?-->\s*)*<(?:!doctype\s+html|html|head|body)\b", re.I | re.S
)
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0e-\x1f\x7f]")


class NotADocument(FileRefused):
    """The bytes are not a document Principal reads; the reason says what they are and what to do."""


def sniff(data: bytes, suffix: str) -> SourceFormat:
    head = data[:1024]
    if PDF_MAGIC in head:
        return SourceFormat.pdf
    if head.startswith(ZIP_MAGIC):
        return SourceFormat.docx
    if head.startswith(OLE_MAGIC):
        raise NotADocument("is a legacy binary Office file (.doc); save it as DOCX or PDF and review that")
    if head.startswith(RTF_MAGIC):
        raise NotADocument("is an RTF file; save it as DOCX or PDF and review that")
    if suffix == ".pdf":
        raise NotADocument("has a .pdf name but no PDF header; the file is damaged or not a PDF")
    if suffix == ".docx":
        raise NotADocument("has a .docx name but is not a zip package; the file is damaged or not a DOCX")
    if _HTML_START.match(head) or (suffix in {".html", ".htm", ".xhtml"} and b"<" in head):
        return SourceFormat.html
    if suffix in {".md", ".markdown"}:
        return SourceFormat.markdown
    return SourceFormat.text


def decode_text(data: bytes) -> str:
    """Text from bytes: UTF-8 (with or without BOM), UTF-16 with BOM, else Windows-1252; binary data is refused."""
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        try:
            text = data.decode("utf-16")
        except UnicodeDecodeError:
            raise NotADocument("starts like UTF-16 text but does not decode; save it as UTF-8") from None
    else:
        if b"\x00" in data[:65536]:
            raise NotADocument("is binary data, not a document (PDF, DOCX, HTML, Markdown or text)")
        try:
            text = data.decode("utf-8-sig")
        except UnicodeDecodeError:
            try:
                text = data.decode("cp1252")
            except UnicodeDecodeError:
                raise NotADocument("is binary data, not a document (PDF, DOCX, HTML, Markdown or text)") from None
    sample = text[:65536]
    if sample and len(_CONTROL.findall(sample)) > max(2, len(sample) // 200):
        raise NotADocument("is binary data, not a document (PDF, DOCX, HTML, Markdown or text)")
    return text
