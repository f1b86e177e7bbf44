"""Redlines as Word tracked changes: w:del/w:ins with author and date and a comment with the reason, in the
vendor's own DOCX or in one made from any format; LibreOffice opens the file and lists the changes."""

from __future__ import annotations

import datetime as dt
import io
import re
import shutil
import subprocess
import zipfile
from pathlib import Path

import pytest

from principal.review.ingest import load_document
from principal.review.redline_docx import AUTHOR, redline_docx
from principal.review.review import review_files
from tests.clirunner import run

CORPUS = Path(__file__).resolve().parent.parent.parent / "corpus" / "review" / "tuning"
SOFFICE = shutil.which("soffice")
WHEN = dt.datetime(2027, 3, 4, 5, 6, 7, tzinfo=dt.UTC)


def _document_xml(data: bytes) -> str:
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        return archive.read("word/document.xml").decode("utf-8")


def _comments_xml(data: bytes) -> str:
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        return archive.read("word/comments.xml").decode("utf-8")


def _marked(name: str) -> tuple[bytes, list[str]]:
    path = CORPUS / name
    result = review_files([path], clauses=False)
    data = redline_docx([load_document(path)], result.findings, source=path.read_bytes(), when=WHEN)
    return data, [f.rule for f in result.findings]


def test_a_replaced_clause_is_a_tracked_deletion_and_insertion_with_a_comment() -> None:
    data, rules = _marked("halcyon/order-form.docx")
    xml = _document_xml(data)
    deleted = re.findall(r'<w:del [^>]*w:author="([^"]+)" w:date="([^"]+)"[^>]*>(.*?)</w:del>', xml, re.S)
    assert deleted and all(author == AUTHOR and date == "2027-03-04T05:06:07Z" for author, date, _ in deleted)
    deleted_text = [" ".join(re.findall(r"<w:delText[^>]*>([^<]*)</w:delText>", body)) for _, _, body in deleted]
    assert any("Subscription Fees are invoiced annually in advance." in t for t in deleted_text)
    inserted = " ".join(re.findall(r"<w:ins [^>]*>.*?<w:t[^>]*>([^<]*)</w:t>", xml, re.S))
    assert "Subscription Fees are invoiced monthly in arrears." in inserted  # the document's own defined term
    assert "Provider" not in inserted and "Service Order" in inserted
    comments = _comments_xml(data)
    assert comments.count("<w:comment ") == len(rules)
    assert "Fees billed annually in advance. A whole year of recurring fees falls due" in comments
    assert 'w:author="Principal (buyer redline)"' in comments


def test_any_format_gives_a_tracked_changes_docx(tmp_path: Path) -> None:
    out = tmp_path / "marked.docx"
    paths = [CORPUS / "juniper" / "agreement.pdf"]
    result = run("review", *map(str, paths), "--redline-out", str(out))
    assert result.exit_code == 1, result.stderr
    xml = _document_xml(out.read_bytes())
    assert "Credits are Customer's only remedy for Downtime." in " ".join(re.findall(r"<w:delText[^>]*>([^<]*)<", xml))
    assert xml.count("<w:ins ") >= 10
    assert f"Redlines written as tracked changes to {out}" in result.stdout


@pytest.mark.libreoffice
@pytest.mark.skipif(SOFFICE is None, reason="LibreOffice (soffice) is not installed")
def test_libreoffice_opens_the_redlines_and_lists_the_changes(tmp_path: Path) -> None:
    data, rules = _marked("halcyon/order-form.docx")
    marked = tmp_path / "marked.docx"
    marked.write_bytes(data)
    profile = tmp_path / "profile"
    for target in ("odt", "pdf"):
        subprocess.run(
            [str(SOFFICE), f"-env:UserInstallation=file://{profile}", "--headless", "--convert-to", target,
             "--outdir", str(tmp_path), str(marked)],
            check=True, capture_output=True, timeout=240,
        )  # fmt: skip
    with zipfile.ZipFile(tmp_path / "marked.odt") as odt:
        content = odt.read("content.xml").decode("utf-8")
    regions = re.findall(r"<text:changed-region.*?</text:changed-region>", content, re.S)
    insertions = [r for r in regions if "<text:insertion" in r]
    deletions = [r for r in regions if "<text:deletion" in r]
    assert len(deletions) >= 4 and len(insertions) >= len(rules)
    assert all("<dc:creator>Principal (buyer redline)</dc:creator>" in r for r in regions)
    assert any("Subscription Fees are invoiced annually in advance." in re.sub(r"<[^>]+>", "", r) for r in deletions)
    assert content.count("<office:annotation ") >= len(rules)
    assert (tmp_path / "marked.pdf").read_bytes().startswith(b"%PDF-")
