"""A reviewed document restored from its stored text and layout gives the same findings and citations, and its text
is cut into pieces that highlight every cited clause."""

from __future__ import annotations

from pathlib import Path

import pytest

from principal.review.document import Document, SourceFormat
from principal.review.highlights import text_pieces
from principal.review.ingest import read_document
from principal.review.layout import BadLayout, layout_json, restore_document
from principal.review.review import review_document
from principal.review.rules.base import Category, Finding, Severity

FIXTURES = Path(__file__).resolve().parent.parent / "fixtures" / "review"


@pytest.mark.parametrize("suffix", ["pdf", "docx", "md"])
def test_a_restored_document_reviews_exactly_like_the_original(suffix: str) -> None:
    name = f"ccaas-order-form.{suffix}"
    original = read_document((FIXTURES / name).read_bytes(), name)
    restored = restore_document(name, original.text, layout_json(original))
    assert restored == original
    assert review_document(restored) == review_document(original)


def test_without_a_layout_each_line_is_a_paragraph_on_one_page() -> None:
    doc = restore_document("notes.txt", "first\nsecond\nthird", None)
    assert doc.page_starts == (0,)
    assert doc.paragraph_starts == (0, 6, 13)
    assert doc.format is SourceFormat.text


@pytest.mark.parametrize(
    ("layout", "message"),
    [
        ("not json", "not JSON"),
        ("[1]", "must be an object"),
        ('{"format": "rtf", "page_starts": [0], "paragraph_starts": [0]}', "unknown document format 'rtf'"),
        ('{"format": "pdf", "page_starts": [0, 99], "paragraph_starts": [0]}', "page_starts must rise from 0"),
        ('{"format": "pdf", "page_starts": [0], "paragraph_starts": []}', "paragraph_starts must be a non-empty"),
    ],
)
def test_a_layout_that_does_not_fit_is_refused(layout: str, message: str) -> None:
    with pytest.raises(BadLayout, match=message):
        restore_document("x.pdf", "some text", layout)


def _finding(rule: str, document: Document, start: int, end: int) -> Finding:
    return Finding(
        rule, rule, Category.pricing_usage, Severity.high, "why", "redline", document.text[start:end],
        document.locate(start, end),
    )  # fmt: skip


def test_pieces_cut_at_findings_and_pages_and_rejoin_to_the_text() -> None:
    doc = Document("d.pdf", SourceFormat.pdf, "aaaa\nbbbb\ncccc", page_starts=(0, 10), paragraph_starts=(0, 5, 10))
    findings = [_finding("one", doc, 2, 7), _finding("two", doc, 5, 9), _finding("none", doc, 0, 0)]
    pieces = text_pieces(doc, findings)
    assert "".join(p.text for p in pieces) == doc.text
    assert [(p.start, p.end, p.findings, p.opens, p.page) for p in pieces] == [
        (0, 2, (), (), None),
        (2, 5, (0,), (0,), None),
        (5, 7, (0, 1), (1,), None),
        (7, 9, (1,), (), None),
        (9, 10, (), (), None),
        (10, 14, (), (), 2),
    ]


def test_every_located_finding_of_the_fixture_opens_exactly_one_piece_with_its_quote() -> None:
    data = (FIXTURES / "ccaas-order-form.pdf").read_bytes()
    doc = read_document(data, "ccaas-order-form.pdf")
    findings = review_document(doc).findings
    pieces = text_pieces(doc, findings)
    for i, finding in enumerate(findings):
        opening = [p for p in pieces if i in p.opens]
        if finding.location is None:
            assert opening == []
            continue
        assert len(opening) == 1
        covered = "".join(p.text for p in pieces if i in p.findings)
        assert covered == doc.text[finding.location.start : finding.location.end]
    assert [p.page for p in pieces if p.page] == [2, 3, 4]
