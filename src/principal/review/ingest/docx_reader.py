"""DOCX: the zip is checked (member count, declared sizes, compression ratios, actual sizes) before python-docx reads
paragraphs and tables in body order; explicit page breaks and Word's last rendered page breaks give page numbers."""

from __future__ import annotations

import io
import zipfile
import zlib
from collections.abc import Iterator
from typing import Any

from principal.review.document import Document, DocumentBuilder, SourceFormat
from principal.review.ingest.docx_numbering import Numbering, read_numbering
from principal.review.ingest.limits import Limits
from principal.review.ingest.sniff import NotADocument

_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
_PAGE_BREAK_MARKERS = (b'w:type="page"', b"lastRenderedPageBreak")


def check_zip(data: bytes, limits: Limits) -> None:
    """Refuse zip bombs from the central directory, then confirm the real sizes by bounded reads."""
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
    except (zipfile.BadZipFile, OSError, ValueError) as exc:
        raise NotADocument(f"is a damaged zip package, not a readable DOCX ({exc})") from None
    with archive:
        members = archive.infolist()
        if len(members) > limits.max_zip_members:
            raise NotADocument(f"holds {len(members):,} zip members; a DOCX this complex is refused")
        names = {m.filename for m in members}
        if "word/document.xml" not in names:
            raise NotADocument("is a zip archive but not a Word document (no word/document.xml)")
        declared = sum(m.file_size for m in members)
        if declared > limits.max_unzipped_bytes:
            raise NotADocument(
                f"would unpack to {declared:,} bytes (limit {limits.max_unzipped_bytes:,}); refused as a zip bomb"
            )
        for member in members:
            ratio = member.file_size / max(member.compress_size, 1)
            if member.file_size > limits.zip_ratio_floor_bytes and ratio > limits.max_zip_ratio:
                raise NotADocument(
                    f"member {member.filename} is compressed {ratio:,.0f}:1 (limit {limits.max_zip_ratio}:1); "
                    "refused as a zip bomb"
                )
        budget = limits.max_unzipped_bytes
        for member in members:
            try:
                with archive.open(member) as stream:
                    size = len(stream.read(budget + 1))
            except (zipfile.BadZipFile, zlib.error, OSError, ValueError, NotImplementedError, EOFError) as exc:
                raise NotADocument(f"has a damaged zip member {member.filename} ({exc})") from None
            budget -= size
            if budget < 0:
                raise NotADocument("unpacks to more than its declared size; refused as a zip bomb")


def read_docx(name: str, data: bytes, limits: Limits) -> Document:
    check_zip(data, limits)
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        xml = archive.read("word/document.xml")
        names = set(archive.namelist())
        numbering_xml = archive.read("word/numbering.xml") if "word/numbering.xml" in names else None
        styles_xml = archive.read("word/styles.xml") if "word/styles.xml" in names else None
    breaks = sum(xml.count(marker) for marker in _PAGE_BREAK_MARKERS)
    if breaks >= limits.max_pages:
        raise NotADocument(f"has {breaks:,} page breaks; the limit is {limits.max_pages:,} pages")
    import docx
    from docx.opc.exceptions import PackageNotFoundError

    try:
        document = docx.Document(io.BytesIO(data))
    except (PackageNotFoundError, KeyError, ValueError, zipfile.BadZipFile) as exc:
        raise NotADocument(f"is not a readable DOCX ({type(exc).__name__}: {str(exc)[:120]})") from None
    except Exception as exc:  # lxml syntax errors and the like: the XML inside is damaged
        raise NotADocument(f"has damaged XML inside ({type(exc).__name__}: {str(exc)[:120]})") from None
    try:
        numbering = read_numbering(numbering_xml, styles_xml)
    except Exception as exc:  # lxml syntax errors: the numbering part is damaged
        raise NotADocument(f"has damaged numbering XML inside ({type(exc).__name__}: {str(exc)[:120]})") from None
    builder = DocumentBuilder(name, SourceFormat.docx, limits.max_chars, limits.max_pages)
    for kind, element in _body_blocks(document.element.body):
        if kind == "p":
            _paragraph(builder, element, numbering)
        else:
            for row in element.iter(f"{_W}tr"):
                cells = [_cell_text(cell) for cell in row.iter(f"{_W}tc")]
                builder.paragraph(" | ".join(cells))
    return builder.build()


def _body_blocks(body: Any) -> Iterator[tuple[str, Any]]:
    for child in body.iterchildren():
        if child.tag == f"{_W}p":
            yield "p", child
        elif child.tag == f"{_W}tbl":
            yield "tbl", child
        elif child.tag == f"{_W}sdt":  # content controls wrap ordinary paragraphs and tables
            content = child.find(f"{_W}sdtContent")
            if content is not None:
                yield from _body_blocks(content)


def _paragraph(builder: DocumentBuilder, element: Any, numbering: Numbering) -> None:
    """Text of one w:p, after the label Word's automatic numbering draws for it ("3.3", "(e)"); a page break
    inside it splits it into two paragraphs on two pages."""
    label = numbering.label(element)
    parts: list[str] = [label + " "] if label else []
    for node in element.iter(f"{_W}t", f"{_W}tab", f"{_W}br", f"{_W}lastRenderedPageBreak", f"{_W}cr"):
        tag = node.tag
        if tag == f"{_W}t":
            parts.append(node.text or "")
        elif tag == f"{_W}tab":
            parts.append("\t")
        elif tag == f"{_W}cr" or (tag == f"{_W}br" and node.get(f"{_W}type") != "page"):
            parts.append("\n")
        else:
            builder.paragraph("".join(parts))
            parts = []
            builder.page_break()
    builder.paragraph("".join(parts))


def _cell_text(cell: Any) -> str:
    paragraphs = ("".join((t.text or "") for t in p.iter(f"{_W}t")) for p in cell.iter(f"{_W}p"))
    return " ".join(" ".join(paragraphs).split())
