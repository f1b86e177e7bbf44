"""Helpers for review tests: review a snippet of contract text through the whole pipeline."""

from __future__ import annotations

from pathlib import Path

import pytest

from principal.review.ingest import read_document
from principal.review.result import ReviewResult
from principal.review.review import review_document

FIXTURES = Path(__file__).resolve().parent.parent / "fixtures" / "review"
FORMATS = ("md", "html", "pdf", "docx")


def review_text(text: str, name: str = "draft.txt") -> ReviewResult:
    return review_document(read_document(text.encode("utf-8"), name))


@pytest.fixture(scope="session")
def fixture_reviews() -> dict[str, ReviewResult]:
    from principal.review.review import review_file

    return {suffix: review_file(FIXTURES / f"ccaas-order-form.{suffix}") for suffix in FORMATS}
