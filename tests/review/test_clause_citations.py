"""`principal review` cites the clause categories the clause detector finds, the same in every format."""

from __future__ import annotations

from principal.review.result import ReviewResult


def test_the_detector_finds_the_order_forms_clauses(fixture_reviews: dict[str, ReviewResult]) -> None:
    md = fixture_reviews["md"]
    found = {c.category: c for c in md.clauses}
    assert {"Cap On Liability", "Renewal Term", "Notice Period To Terminate Renewal"} <= set(found)
    cap = found["Cap On Liability"]
    assert "shall not exceed the total fees" in cap.quote
    assert 0 <= cap.location.start < cap.location.end <= md.characters


def test_every_format_yields_the_same_clause_categories(fixture_reviews: dict[str, ReviewResult]) -> None:
    categories = {fmt: [c.category for c in r.clauses] for fmt, r in fixture_reviews.items()}
    assert len({tuple(v) for v in categories.values()}) == 1, categories
