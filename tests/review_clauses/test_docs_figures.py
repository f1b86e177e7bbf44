"""The cross-validated figures printed in docs/review-clauses.md are the ones stored in the shipped model."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from principal.review.clauses.categories import CATEGORIES
from principal.review.clauses.model_file import shipped_clause_model

DOC = Path(__file__).resolve().parents[2] / "docs" / "review-clauses.md"


def _cv_table() -> dict[str, list[str]]:
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


def test_docs_table_matches_the_shipped_model() -> None:
    cv = shipped_clause_model().metadata["cross_validation"]
    rows = _cv_table()
    assert set(rows) == {*CATEGORIES, "Macro-F1"}
    for category in CATEGORIES:
        stored = cv["per_category"][category]
        labelled, predicted, precision, recall, f1 = rows[category][:5]
        assert int(labelled) == stored["labelled"], category
        assert int(predicted) == stored["predicted"], category
        assert float(precision) == pytest.approx(stored["precision"], abs=0.0051), category
        assert float(recall) == pytest.approx(stored["recall"], abs=0.0051), category
        assert float(f1) == pytest.approx(stored["f1"], abs=0.0051), category
    macro = re.sub(r"[^0-9.]", "", rows["Macro-F1"][4])
    assert float(macro) == pytest.approx(cv["macro_f1"], abs=0.0006)


def test_stored_macro_f1_is_the_mean_of_the_stored_category_f1() -> None:
    cv = shipped_clause_model().metadata["cross_validation"]
    mean = sum(cv["per_category"][c]["f1"] for c in CATEGORIES) / len(CATEGORIES)
    assert cv["macro_f1"] == pytest.approx(mean, abs=1e-3)
    assert cv["folds"] == 5 and cv["contracts"] == 305 and cv["thresholds"].startswith("nested")
