"""Helpers for review tests: review a snippet of contract text through the whole pipeline."""

from __future__ import annotations

from pathlib import Path

import pytest

from principal.review.extract.terms import TermKind
from principal.review.ingest import read_document
from principal.review.result import ReviewResult
from principal.review.review import review_document

FIXTURES = Path(__file__).resolve().parent.parent / "fixtures" / "review"
FORMATS = ("md", "html", "pdf", "docx")


def review_text(text: str, name: str = "draft.txt") -> ReviewResult:
    return review_document(read_document(text.encode("utf-8"), name))


def review_texts(*documents: tuple[str, str]) -> ReviewResult:
    """Review (name, text) documents together, as one deal's package."""
    from principal.review.review import review_documents

    read = [read_document(text.encode("utf-8"), name) for name, text in documents]
    return review_documents(read, check_contract=False, clauses=False)


def term_keys(result: ReviewResult, kind: TermKind) -> list[tuple[object, ...]]:
    """What each term of a kind says: (value, unit, basis, threshold)."""
    return [t.key()[1:5] for t in result.terms if t.kind is kind]


@pytest.fixture(scope="session")
def fixture_reviews() -> dict[str, ReviewResult]:
    from principal.review.review import review_file

    return {suffix: review_file(FIXTURES / f"ccaas-order-form.{suffix}") for suffix in FORMATS}
