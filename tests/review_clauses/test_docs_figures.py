"""The accuracy figures printed in docs/review-clauses.md are the ones stored in the shipped model."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from principal.review.clauses.categories import CATEGORIES
from principal.review.clauses.model_file import shipped_clause_model

DOC = Path(__file__).resolve().parents[2] / "docs" / "review-clauses.md"
README = Path(__file__).resolve().parents[2] / "README.md"


def _table() -> dict[str, list[str]]:
    """Rows of the first table under "## Accuracy": first cell (category) -> the other cells."""
    text = DOC.read_text(encoding="utf-8")
    lines = text.split("## Accuracy", 1)[1].splitlines()
    start = next(i for i, line in enumerate(lines) if line.startswith("| category"))
    rows: dict[str, list[str]] = {}
    for line in lines[start + 2 :]:
        if not line.startswith("|"):
            break
        cells = [c.strip() for c in line.strip("|").split("|")]
        rows[cells[0].strip("*")] = cells[1:]
    return rows


def _number(cell: str) -> float:
    return float(re.sub(r"[^0-9.]", "", cell))


def test_docs_table_matches_the_estimate_stored_in_the_shipped_model() -> None:
    meta = shipped_clause_model().metadata
    estimate, cv = meta["estimate"], meta["cross_validation"]
    rows = _table()
    assert set(rows) == {*CATEGORIES, "Macro-F1", "micro-F1"}
    for category in CATEGORIES:
        stored = estimate["per_category"][category]
        labelled, predicted, precision, recall, f1, interval, strict, dev_cv, all_cv = rows[category]
        assert int(labelled) == stored["labelled"], category
        assert int(predicted) == stored["predicted"], category
        assert float(precision) == pytest.approx(stored["precision"], abs=0.0051), category
        assert float(recall) == pytest.approx(stored["recall"], abs=0.0051), category
        assert float(f1) == pytest.approx(stored["f1"], abs=0.0051), category
        low, high = (float(x) for x in interval.split("-"))
        assert (low, high) == pytest.approx(tuple(stored["f1_interval"]), abs=0.0051), category
        assert float(strict) == pytest.approx(stored["strict_f1"], abs=0.0051), category
        dev = estimate["development_cross_validation"]["per_category_f1"][category]
        assert float(dev_cv) == pytest.approx(dev, abs=0.0051), category
        assert float(all_cv) == pytest.approx(cv["per_category"][category]["f1"], abs=0.0051), category
    macro = rows["Macro-F1"]
    assert _number(macro[4]) == pytest.approx(estimate["macro_f1"], abs=0.0006)
    assert _number(macro[7]) == pytest.approx(estimate["development_cross_validation"]["macro_f1"], abs=0.0006)
    assert _number(macro[8]) == pytest.approx(cv["macro_f1"], abs=0.0006)
    assert _number(rows["micro-F1"][4]) == pytest.approx(estimate["micro_f1"], abs=0.0006)


def test_readme_quotes_the_estimate_with_its_interval() -> None:
    estimate = shipped_clause_model().metadata["estimate"]
    low, high = estimate["macro_f1_interval"]
    text = README.read_text(encoding="utf-8")
    assert f"{estimate['macro_f1']:.3f}" in text
    assert f"{low:.3f}-{high:.3f}" in text
    assert "unseen contracts" in text


def test_stored_macro_f1_is_the_mean_of_the_stored_category_f1() -> None:
    meta = shipped_clause_model().metadata
    for report in (meta["estimate"], meta["cross_validation"]):
        mean = sum(report["per_category"][c]["f1"] for c in CATEGORIES) / len(CATEGORIES)
        assert report["macro_f1"] == pytest.approx(mean, abs=1e-3)
    cv = meta["cross_validation"]
    assert cv["folds"] == 5 and cv["contracts"] == 305 and cv["repeats"] >= 2
    assert meta["estimate"]["contracts"] + meta["estimate"]["development_contracts"] == 305
