"""Reading each format, locating text, and refusing hostile input with one line and exit code 2."""

from __future__ import annotations

import io
import os
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest
from pypdf import PdfWriter

from principal.errors import InputError
from principal.review.document import SourceFormat
from principal.review.ingest import Limits, load_document, read_document
from tests.review.conftest import FIXTURES

MEMORY_BOUND = 500 * 1024 * 1024


def test_formats_are_detected_from_content_not_the_name(tmp_path: Path) -> None:
    pdf = (FIXTURES / "ccaas-order-form.pdf").read_bytes()
    assert read_document(pdf, "renamed.txt").format is SourceFormat.pdf
    docx = (FIXTURES / "ccaas-order-form.docx").read_bytes()
    assert read_document(docx, "upload.bin").format is SourceFormat.docx
    html = b"<!DOCTYPE html><html><body><p>Fees are due net 30 days.</p></body></html>"
    assert read_document(html, "page.txt").format is SourceFormat.html
    assert read_document(b"# Title\n\nText.", "notes.md").format is SourceFormat.markdown


def test_text_keeps_file_offsets_pages_and_paragraphs() -> None:
    text = "First paragraph\nstill first.\n\nSecond paragraph.\fThird, on page two."
    document = read_document(text.encode(), "plain.txt")
    assert document.text == text
    third = text.index("Third")
    assert document.page_of(third) == 2
    assert document.paragraph_of(text.index("still")) == 1
    assert document.paragraph_of(text.index("Second")) == 2
    assert document.locate(third, third + 5).cite() == f"p.2 ¶3 [{third}:{third + 5}]"


def test_docx_page_breaks_and_tables() -> None:
    document = load_document(FIXTURES / "ccaas-order-form.docx")
    assert document.pages == 3
    assert document.page_of(document.text.index("2.1 Termination")) == 2
    assert "CX Premier named agent seat | 450 | USD 155.00 per user per month | Annually in advance" in document.text


def test_html_skips_scripts_and_joins_cells() -> None:
    html = b"<html><body><script>var price = '$999';</script><table><tr><td>Seat</td><td>$155</td></tr></table></body>"
    document = read_document(html, "x.html")
    assert document.text == "Seat | $155"


def _refusal(data: bytes, name: str, limits: Limits | None = None) -> str:
    with pytest.raises(InputError) as caught:
        read_document(data, name, limits or Limits())
    problems = caught.value.problems
    assert len(problems) == 1
    rendered = problems[0].render()
    assert "\n" not in rendered and rendered.startswith(name)
    return rendered


def test_binary_garbage_is_refused() -> None:
    garbage = bytes((i * 7919 + 13) % 256 for i in range(20_000))
    assert "binary data" in _refusal(garbage, "contract.txt")
    assert "no PDF header" in _refusal(garbage, "contract.pdf")


def test_corrupt_pdf_is_refused() -> None:
    assert "damaged or not a valid PDF" in _refusal(b"%PDF-1.7\n" + b"\x8f garbage " * 500, "broken.pdf")
    truncated = (FIXTURES / "ccaas-order-form.pdf").read_bytes()[:3000]
    message = _refusal(truncated, "truncated.pdf")
    assert "damaged" in message or "no text layer" in message


def test_encrypted_pdf_is_refused() -> None:
    writer = PdfWriter()
    writer.add_blank_page(width=595, height=842)
    writer.encrypt(user_password="secret", owner_password="owner", algorithm="AES-128")
    raw = io.BytesIO()
    writer.write(raw)
    assert "encrypted with a password" in _refusal(raw.getvalue(), "locked.pdf")


def test_scanned_pdf_without_text_layer_asks_for_ocr() -> None:
    writer = PdfWriter()
    for _ in range(3):
        writer.add_blank_page(width=595, height=842)
    raw = io.BytesIO()
    writer.write(raw)
    message = _refusal(raw.getvalue(), "scan.pdf")
    assert "no text layer" in message and "OCR" in message


def _zip(members: dict[str, bytes]) -> bytes:
    raw = io.BytesIO()
    with zipfile.ZipFile(raw, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in members.items():
            archive.writestr(name, data)
    return raw.getvalue()


def test_zip_bomb_docx_is_refused_by_declared_size_and_by_ratio() -> None:
    raw = io.BytesIO()
    with zipfile.ZipFile(raw, "w", zipfile.ZIP_DEFLATED, compresslevel=1) as archive:
        archive.writestr("[Content_Types].xml", b"<Types/>")
        with archive.open("word/document.xml", "w") as member:
            chunk = b"\0" * (1024 * 1024)
            for _ in range(120):
                member.write(chunk)
    assert "zip bomb" in _refusal(raw.getvalue(), "bomb.docx")
    ratio_bomb = _zip({"[Content_Types].xml": b"<Types/>", "word/document.xml": b"<w/>" * 5_000_000})
    assert "compressed" in _refusal(ratio_bomb, "ratio.docx") and "zip bomb" in _refusal(ratio_bomb, "ratio.docx")


def test_zip_that_is_not_a_word_document_is_refused() -> None:
    assert "not a Word document" in _refusal(_zip({"hello.txt": b"hi"}), "archive.docx")


def _docx_with_page_breaks(count: int) -> bytes:
    template = io.BytesIO((FIXTURES / "ccaas-order-form.docx").read_bytes())
    out = io.BytesIO()
    # Numbered pages compress like real text (about 20:1), so the page cap, not the zip-ratio check, refuses it.
    body = "".join(
        f'<w:p><w:r><w:t>Clause {i * 7919 % 100_003}</w:t><w:br w:type="page"/></w:r></w:p>' for i in range(count)
    )
    with zipfile.ZipFile(template) as src, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            data = src.read(info.filename)
            if info.filename == "word/document.xml":
                head, _, tail = data.decode().partition("<w:body>")
                data = (head + "<w:body>" + body + tail).encode()
            dst.writestr(info.filename, data)
    return out.getvalue()


def test_hundred_thousand_page_breaks_are_refused() -> None:
    assert "page breaks" in _refusal(_docx_with_page_breaks(100_000), "pages.docx")
    assert "pages (form feeds)" in _refusal(b"clause\f" * 100_000, "pages.txt")


def test_too_large_file_is_refused_before_reading(tmp_path: Path) -> None:
    big = tmp_path / "big.pdf"
    with big.open("wb") as handle:
        handle.truncate(50 * 1024 * 1024)
    with pytest.raises(InputError) as caught:
        load_document(big)
    assert "52,428,800 bytes; the limit is 20,971,520" in caught.value.problems[0].render()


def test_pdf_parser_bounds_are_enforced() -> None:
    pdf = (FIXTURES / "ccaas-order-form.pdf").read_bytes()
    assert "within bounds" in _refusal(pdf, "slow.pdf", Limits(parse_cpu_seconds=0.0001))
    assert "has 4 pages; the limit is 2" in _refusal(pdf, "long.pdf", Limits(max_pages=2))


def _hostile_files(tmp_path: Path) -> list[Path]:
    writer = PdfWriter()
    writer.add_blank_page(width=595, height=842)
    writer.encrypt(user_password="secret", algorithm="AES-128")
    encrypted = io.BytesIO()
    writer.write(encrypted)
    files = {
        "corrupt.pdf": b"%PDF-1.7\n" + os.urandom(200_000),
        "encrypted.pdf": encrypted.getvalue(),
        "garbage.docx": os.urandom(100_000),
        "pages.docx": _docx_with_page_breaks(100_000),
        "noise.txt": os.urandom(300_000),
    }
    paths = []
    for name, data in files.items():
        path = tmp_path / name
        path.write_bytes(data)
        paths.append(path)
    big = tmp_path / "big.txt"
    with big.open("wb") as handle:
        handle.truncate(50 * 1024 * 1024)
    return [*paths, big]


# Runs the command and writes its peak resident memory (kB, its waited-for children such as the parser's sandbox
# included) to the file named first. The command is started from this small launcher, not from the test process: a
# forked child's peak starts at its parent's size and exec keeps it, so a command started straight from a pytest
# worker that has grown to 650 MB would report 650 MB whatever it used itself.
_LAUNCHER = """
import os, subprocess, sys
process = subprocess.Popen(sys.argv[2:])
_pid, status, usage = os.wait4(process.pid, 0)
open(sys.argv[1], "w").write(str(usage.ru_maxrss))
sys.exit(os.waitstatus_to_exitcode(status))
"""


def _run_with_peak(command: list[str], tmp_path: Path) -> tuple[int, str, str, int]:
    """Exit code, stdout, stderr and the command's own peak resident memory in bytes."""
    peak_file = tmp_path / "peak.txt"
    done = subprocess.run(
        [sys.executable, "-c", _LAUNCHER, str(peak_file), *command],
        capture_output=True,
        text=True,
        timeout=120,  # a hang guard, not a speed assertion: benchmarks/bench_review.py times these
    )
    return done.returncode, done.stdout, done.stderr, int(peak_file.read_text()) * 1024


def test_cli_refuses_hostile_files_with_one_line_exit_2_and_bounded_memory(tmp_path: Path) -> None:
    for path in _hostile_files(tmp_path):
        principal = str(Path(sys.executable).parent / "principal")
        code, out, err, peak = _run_with_peak([principal, "review", str(path)], tmp_path)
        assert code == 2, (path.name, err)
        lines = err.strip().splitlines()
        assert len(lines) == 1 and lines[0].startswith(str(path)), (path.name, err)
        assert "Traceback" not in err and out == ""
        assert peak < MEMORY_BOUND, (path.name, peak)
