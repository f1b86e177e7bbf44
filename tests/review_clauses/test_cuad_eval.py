"""Evaluation metrics on a tiny synthetic CUAD-shaped folder whose answers are known."""

from __future__ import annotations

import csv
from pathlib import Path

import numpy as np
import pytest

from principal.review.clauses.categories import CATEGORIES
from principal.review.clauses.model_file import ClauseModel, shipped_clause_model
from principal.review.cuad_data import contract_fingerprint
from principal.review.cuad_eval import DocumentOutcome, evaluate_cuad, score_outcomes, span_iou

AUDIT = "Customer may audit and inspect the Supplier's books and records once per year on ten days notice."
PLAIN = "This Agreement is governed by the laws of the State of New York and the courts there."


def _model(categories_on: set[str]) -> ClauseModel:
    """A one-term model: `audit` pushes Audit Rights (if on) over its threshold, nothing else ever fires."""
    n = len(CATEGORIES)
    coef = np.zeros((1 + n, n))
    for j, category in enumerate(CATEGORIES):
        if category in categories_on:
            coef[0, j] = 10.0
    return ClauseModel(
        categories=CATEGORIES,
        index={"audit": 0},
        idf=np.ones(1),
        coef=coef,
        context_coef=np.zeros((1, n)),
        intercept=np.full(n, -5.0),
        threshold=np.zeros(n),
        pattern_weight=0.0,
        context_weight=0.0,
        metadata={"training": {"contract_fingerprints": [contract_fingerprint("a.txt")]}},
    )


def write_folder(root: Path, rows: list[tuple[str, str, dict[str, list[str]]]]) -> Path:
    (root / "contracts").mkdir(parents=True)
    header = ["Filename", *[c for category in CATEGORIES for c in (category, f"{category}-Answer")], "Text File"]
    with (root / "master_clauses.csv").open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(header)
        for name, text, quotes in rows:
            (root / "contracts" / name).write_text(text, encoding="utf-8")
            cells = []
            for category in CATEGORIES:
                found = quotes.get(category, [])
                cells += [repr(found) if found else "[]", "Yes" if found else "No"]
            writer.writerow([name.replace(".txt", ".pdf"), *cells, name])
    return root


def test_metrics_on_known_answers(tmp_path: Path) -> None:
    folder = write_folder(
        tmp_path,
        [
            ("a.txt", AUDIT + " " + PLAIN, {"Audit Rights": [AUDIT]}),  # true positive, exact span
            ("b.txt", PLAIN + " " + AUDIT, {}),  # false positive
            ("c.txt", PLAIN, {"Audit Rights": ["governed by the laws"]}),  # false negative
            ("d.txt", PLAIN, {}),  # true negative
        ],
    )
    result = evaluate_cuad(folder, _model({"Audit Rights"}))
    audit = next(s for s in result.scores if s.category == "Audit Rights")
    assert (audit.labelled, audit.predicted, audit.true_positives) == (2, 2, 1)
    assert audit.precision == pytest.approx(0.5)
    assert audit.recall == pytest.approx(0.5)
    assert audit.f1 == pytest.approx(0.5)
    assert audit.cited_overlap == pytest.approx(1.0)
    assert audit.mean_iou == pytest.approx(1.0)
    # The other 11 categories: nothing labelled, nothing predicted -> F1 = 1 each.
    assert result.macro_f1 == pytest.approx((0.5 + 11 * 1.0) / 12)
    assert result.contracts == 4
    assert result.trained_on == 1 and result.training_set_figures


def test_iou_and_overlap_of_a_partly_matching_citation() -> None:
    outcome = DocumentOutcome(
        name="x",
        labelled={c: c == "Cap On Liability" for c in CATEGORIES},
        spans={c: ((0, 100), (200, 260)) if c == "Cap On Liability" else () for c in CATEGORIES},
        cited={c: (50, 150) if c == "Cap On Liability" else None for c in CATEGORIES},
    )
    cap = score_outcomes([outcome])[0]
    assert cap.true_positives == 1
    assert cap.cited_overlap == 1.0
    assert cap.mean_iou == pytest.approx(50 / 150)
    assert span_iou((0, 10), (10, 20)) == 0.0


def test_missing_text_file_is_skipped_and_reported(tmp_path: Path) -> None:
    folder = write_folder(tmp_path, [("a.txt", AUDIT, {"Audit Rights": [AUDIT]})])
    with (folder / "master_clauses.csv").open("a", encoding="utf-8", newline="") as handle:
        csv.writer(handle).writerow(["gone.pdf", *(["[]", "No"] * len(CATEGORIES)), "gone.txt"])
    result = evaluate_cuad(folder, _model({"Audit Rights"}))
    assert result.missing_text == ("gone.txt",)
    assert result.contracts == 1


def test_shipped_model_records_cuad_credit_and_cross_validation() -> None:
    model = shipped_clause_model()
    assert "CUAD v1, The Atticus Project, CC BY 4.0" in model.metadata["credit"]
    cv = model.metadata["cross_validation"]
    assert cv["grouped_by"] == "contract"
    assert set(cv["per_category"]) == set(CATEGORIES)
    assert 0.0 < cv["macro_f1"] <= 1.0
