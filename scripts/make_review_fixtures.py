"""Generate the HTML, PDF and DOCX versions of the hand-written review fixture from its Markdown source.

Usage:  .venv/bin/python scripts/make_review_fixtures.py
Reads   tests/fixtures/review/ccaas-order-form.md
Writes  tests/fixtures/review/ccaas-order-form.{html,pdf,docx}

The output is byte-for-byte reproducible: fixed document metadata, fixed zip timestamps, no generation dates.
"""

from __future__ import annotations

import datetime as dt
import io
import zipfile
from pathlib import Path

import docx
from docx.shared import Pt
from markdown_it import MarkdownIt
from weasyprint import HTML

FIXTURES = Path(__file__).resolve().parent.parent / "tests" / "fixtures" / "review"
SOURCE = FIXTURES / "ccaas-order-form.md"
FIXED_TIME = dt.datetime(2027, 1, 1, 0, 0, 0)

CSS = """
@page { size: A4; margin: 2cm; @bottom-center { content: "Page " counter(page); font-size: 8pt; } }
body { font-family: "DejaVu Sans", sans-serif; font-size: 10pt; line-height: 1.35; }
h1 { font-size: 14pt; } h2 { font-size: 12pt; page-break-before: always; } h2:first-of-type { page-break-before: auto; }
h3 { font-size: 10.5pt; }
table { border-collapse: collapse; width: 100%; margin: 6pt 0; }
th, td { border: 0.5pt solid #555; padding: 3pt 5pt; text-align: left; vertical-align: top; }
"""


def make_html(markdown: str) -> str:
    body = MarkdownIt("commonmark").enable("table").render(markdown)
    return (
        '<!DOCTYPE html>\n<html lang="en">\n<head>\n<meta charset="utf-8">\n'
        "<title>Northwind Contact Cloud order form</title>\n"
        f"<style>{CSS}</style>\n</head>\n<body>\n{body}</body>\n</html>\n"
    )


def make_pdf(html: str) -> bytes:
    return HTML(string=html).write_pdf(uncompressed_pdf=False)  # type: ignore[no-any-return]


def _table_rows(lines: list[str]) -> list[list[str]]:
    rows = []
    for line in lines:
        cells = [cell.strip() for cell in line.strip().strip("|").split("|")]
        if all(set(cell) <= {"-", ":"} for cell in cells):
            continue
        rows.append(cells)
    return rows


def make_docx(markdown: str) -> bytes:
    document = docx.Document()
    document.styles["Normal"].font.size = Pt(10)
    lines = markdown.splitlines()
    i = 0
    seen_section = False
    while i < len(lines):
        line = lines[i]
        if not line.strip():
            i += 1
            continue
        if line.startswith("#"):
            level = len(line) - len(line.lstrip("#"))
            if level == 2:
                if seen_section:  # each top-level part after the first starts a page, as in the PDF's CSS
                    document.add_page_break()
                seen_section = True
            document.add_heading(line.lstrip("#").strip(), level=level)
            i += 1
            continue
        if line.startswith("|"):
            block = []
            while i < len(lines) and lines[i].startswith("|"):
                block.append(lines[i])
                i += 1
            rows = _table_rows(block)
            table = document.add_table(rows=len(rows), cols=len(rows[0]))
            table.style = "Table Grid"
            for r, row in enumerate(rows):
                for c, cell in enumerate(row):
                    table.cell(r, c).text = cell
            continue
        document.add_paragraph(line.strip())
        i += 1
    props = document.core_properties
    props.author = "Principal test fixtures"
    props.created = FIXED_TIME
    props.modified = FIXED_TIME
    props.last_modified_by = "Principal test fixtures"
    props.revision = 1
    raw = io.BytesIO()
    document.save(raw)
    return _fixed_zip(raw.getvalue())


def _fixed_zip(data: bytes) -> bytes:
    """Rewrite the zip with fixed timestamps so the DOCX bytes do not depend on when the script ran."""
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as src, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            fixed = zipfile.ZipInfo(info.filename, date_time=FIXED_TIME.timetuple()[:6])
            fixed.compress_type = zipfile.ZIP_DEFLATED
            dst.writestr(fixed, src.read(info.filename))
    return out.getvalue()


def main() -> None:
    markdown = SOURCE.read_text(encoding="utf-8")
    html = make_html(markdown)
    (FIXTURES / "ccaas-order-form.html").write_text(html, encoding="utf-8")
    (FIXTURES / "ccaas-order-form.pdf").write_bytes(make_pdf(html))
    (FIXTURES / "ccaas-order-form.docx").write_bytes(make_docx(markdown))
    for suffix in ("html", "pdf", "docx"):
        path = FIXTURES / f"ccaas-order-form.{suffix}"
        print(f"wrote {path.relative_to(FIXTURES.parent.parent.parent)} ({path.stat().st_size:,} bytes)")


if __name__ == "__main__":
    main()
