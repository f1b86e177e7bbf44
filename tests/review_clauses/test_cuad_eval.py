"""Evaluation metrics on a tiny synthetic CUAD-shaped folder whose answers are known."""

from __future__ import annotations

import csv
from pathlib import Path

import numpy as np
import pytest

from principal.cli.eval_commands import _notes
from principal.review.clauses.categories import CATEGORIES
from principal.review.clauses.fingerprint import text_signature
from principal.review.clauses.model_file import ClauseModel, shipped_clause_model
from principal.review.cuad_eval import (
    DocumentOutcome,
    evaluate_cuad,
    macro_f1_interval,
    score_outcomes,
    span_iou,
)

AUDIT = "Customer may audit and inspect the Supplier's books and records once per year on ten days notice."
PLAIN = "This Agreement is governed by the laws of the State of New York and the courts there."


def _model(
    categories_on: set[str],
    cross_validation: dict[str, object] | None = None,
    extra: dict[str, object] | None = None,
) -> ClauseModel:
    """A one-term model: `audit` pushes Audit Rights (if on) over its threshold, nothing else ever fires.

    Its training fingerprints hold one text, AUDIT + " " + PLAIN (contract a.txt below)."""
    n = len(CATEGORIES)
    coef = np.zeros((1 + 2 * n, n))
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
        possible_threshold=np.full(n, -1.0),
        fingerprints=np.array([text_signature(AUDIT + " " + PLAIN)]),
        pattern_weight=0.0,
        context_weight=0.0,
        metadata={"cross_validation": cross_validation or {}, **(extra or {})},
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
    # a.txt is the training text; b.txt holds the same two sentences in the other order: both count.
    assert result.trained_on == 2 and result.training_set_figures
    low, high = result.macro_f1_interval
    assert low < result.macro_f1 <= high


def test_micro_and_strict_f1(tmp_path: Path) -> None:
    """A right answer citing the wrong sentence counts for F1 but not for strict F1."""
    folder = write_folder(
        tmp_path,
        [
            ("a.txt", AUDIT + " " + PLAIN, {"Audit Rights": [AUDIT]}),  # hit, cited sentence is the clause
            ("e.txt", PLAIN + " " + AUDIT, {"Audit Rights": ["governed by the laws"]}),  # hit, wrong sentence
            ("f.txt", PLAIN + " " + AUDIT, {}),  # false alarm
        ],
    )
    result = evaluate_cuad(folder, _model({"Audit Rights"}))
    audit = next(s for s in result.scores if s.category == "Audit Rights")
    assert (audit.labelled, audit.predicted, audit.true_positives, audit.strict_true_positives) == (2, 3, 2, 1)
    assert audit.f1 == pytest.approx(2 * 2 / (2 + 3))
    assert audit.strict_f1 == pytest.approx(2 * 1 / (2 + 3))
    # Pooled over the 12 categories only Audit Rights has anything: micro-F1 is its F1.
    assert result.micro_f1 == pytest.approx(0.8)
    assert result.strict_micro_f1 == pytest.approx(0.4)
    assert result.strict_macro_f1 == pytest.approx((0.4 + 11) / 12)
    low, high = audit.f1_interval
    assert 0.0 <= low <= audit.f1 <= high <= 1.0
    others = [s for s in result.scores if s.category != "Audit Rights"]
    assert all(s.f1_interval == (1.0, 1.0) for s in others)
    assert result.span_scores is not None and result.span_scores.labelled_clauses == 2


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
    low, high = cv["macro_f1_interval"]
    assert low < cv["macro_f1"] < high


def test_training_set_note_carries_the_recorded_cross_validated_interval(tmp_path: Path) -> None:
    folder = write_folder(tmp_path, [("a.txt", AUDIT + " " + PLAIN, {"Audit Rights": [AUDIT]})])
    recorded = {"macro_f1": 0.7461, "macro_f1_interval": [0.7102, 0.7796]}
    result = evaluate_cuad(folder, _model({"Audit Rights"}, recorded))
    assert (result.cross_validated_macro_f1, result.cross_validated_interval) == (0.7461, (0.7102, 0.7796))
    assert _notes(result)[1] == (
        "The cross-validated Macro-F1 recorded at training is 0.746 (95% interval over contracts: 0.710 to 0.780)."
    )
    bare = evaluate_cuad(folder, _model({"Audit Rights"}, {"macro_f1": 0.7461}))
    assert bare.cross_validated_interval is None
    assert _notes(bare)[1].endswith("recorded at training is 0.746.")


def test_training_set_note_prefers_the_estimate_on_unseen_contracts(tmp_path: Path) -> None:
    folder = write_folder(tmp_path, [("a.txt", AUDIT + " " + PLAIN, {"Audit Rights": [AUDIT]})])
    estimate = {"macro_f1": 0.7012, "macro_f1_interval": [0.6504, 0.7497], "protocol": "measured on a third"}
    result = evaluate_cuad(folder, _model({"Audit Rights"}, {"macro_f1": 0.75}, {"estimate": estimate}))
    assert _notes(result)[1] == (
        "The estimate on unseen contracts recorded at training is Macro-F1 0.701 (95% interval 0.650 to 0.750), "
        "measured on a third."
    )


def test_training_overlap_is_found_by_text_not_by_name(tmp_path: Path) -> None:
    """The training text saved under another name, re-wrapped and in capitals, still counts as trained on."""
    same = (AUDIT + "\n" + PLAIN).upper()
    folder = write_folder(tmp_path, [("renamed.txt", same, {}), ("other.txt", "Completely different words. " * 9, {})])
    result = evaluate_cuad(folder, _model({"Audit Rights"}))
    assert result.trained_on == 1


def _predictions(n: int, seed: int) -> tuple[np.ndarray, np.ndarray]:
    """n contracts, one category, half labelled; predictions right for 80% of contracts (F1 near 0.8)."""
    rng = np.random.default_rng(seed)
    labelled = rng.random((n, 1)) < 0.5
    wrong = rng.random((n, 1)) < 0.2
    return labelled, labelled ^ wrong


def test_macro_f1_interval_brackets_the_figure_and_narrows_with_more_contracts() -> None:
    small_l, small_p = _predictions(100, seed=1)
    large_l, large_p = _predictions(2000, seed=1)
    for labelled, predicted in ((small_l, small_p), (large_l, large_p)):
        tp = (labelled & predicted).sum()
        f1 = 2 * tp / (labelled.sum() + predicted.sum())
        low, high = macro_f1_interval(labelled, predicted)
        assert low < f1 < high
    small_width = np.subtract(*macro_f1_interval(small_l, small_p)[::-1])
    large_width = np.subtract(*macro_f1_interval(large_l, large_p)[::-1])
    # The width of a bootstrap interval shrinks like 1 / sqrt(n): 20 times the contracts, about 4.5 times narrower.
    assert 0.08 < small_width < 0.25
    assert 3.0 < small_width / large_width < 6.5
    assert macro_f1_interval(small_l, small_p) == macro_f1_interval(small_l, small_p)  # fixed seed


def test_macro_f1_interval_edge_cases() -> None:
    perfect = np.array([[True, False], [False, False], [True, True]])
    assert macro_f1_interval(perfect, perfect) == (1.0, 1.0)
    # One contract labelled and missed, one predicted and not labelled: every resample scores 0.
    assert macro_f1_interval(np.array([[True], [False]]), np.array([[False], [True]])) == (0.0, 0.0)
    with pytest.raises(ValueError, match="same shape"):
        macro_f1_interval(np.zeros((3, 2), bool), np.zeros((3, 1), bool))
