"""Measure clause detection against the lawyers' labels of a CUAD-shaped folder.

For each category, at document level: a contract is labelled positive when the lawyers quoted at least one clause
for it, and predicted positive when detection reports the category present.

- precision = TP / predicted, recall = TP / labelled, F1 = 2PR / (P + R); when a category has no labelled and no
  predicted contract, P = R = F1 = 1 (nothing to find, nothing claimed).
- Macro-F1 = the plain mean of the categories' F1.
- cited overlap = share of true-positive contracts whose cited span (the best hit) shares at least one character
  with a labelled clause.
- mean IoU = mean over true-positive contracts of |cited ∩ clause| / |cited ∪ clause| in characters, taking the
  labelled clause that fits the cited span best (0 when none overlaps).
- Macro-F1 interval = the 2.5th and 97.5th percentiles of Macro-F1 over 1,000 bootstrap resamples of the contracts
  (drawn with replacement, fixed seed): how much the figure would move on another sample of contracts like these.

Labels come from CUAD v1 (The Atticus Project, CC BY 4.0).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from principal.review.clauses.categories import CATEGORIES
from principal.review.clauses.detect import classify_clauses
from principal.review.clauses.model_file import ClauseModel, shipped_clause_model
from principal.review.cuad_data import CUAD_CREDIT, contract_fingerprint, locate_quote, read_corpus

Span = tuple[int, int]


@dataclass(frozen=True)
class DocumentOutcome:
    """One contract: per category, the labelled clause spans, whether it is labelled, and the cited span if any."""

    name: str
    labelled: dict[str, bool]
    spans: dict[str, tuple[Span, ...]]
    cited: dict[str, Span | None]


@dataclass(frozen=True)
class CategoryScore:
    category: str
    labelled: int
    predicted: int
    true_positives: int
    precision: float
    recall: float
    f1: float
    cited_overlap: float | None
    mean_iou: float | None


@dataclass(frozen=True)
class CuadEvaluation:
    folder: str
    contracts: int
    missing_text: tuple[str, ...]
    scores: tuple[CategoryScore, ...]
    macro_f1: float
    macro_f1_interval: tuple[float, float]
    trained_on: int
    cross_validated_macro_f1: float | None
    cross_validated_interval: tuple[float, float] | None = None
    credit: str = CUAD_CREDIT

    @property
    def training_set_figures(self) -> bool:
        """True when some evaluated contracts trained the model, so the figures are optimistic."""
        return self.trained_on > 0


def span_iou(a: Span, b: Span) -> float:
    """Character-level intersection over union of two half-open spans."""
    inter = max(0, min(a[1], b[1]) - max(a[0], b[0]))
    union = (a[1] - a[0]) + (b[1] - b[0]) - inter
    return inter / union if union > 0 else 0.0


def _ratio(numerator: int, denominator: int, empty: float) -> float:
    return numerator / denominator if denominator else empty


def score_outcomes(outcomes: Sequence[DocumentOutcome], categories: Sequence[str] = CATEGORIES) -> list[CategoryScore]:
    """Per-category document-level precision, recall, F1 and cited-span overlap over `outcomes`."""
    scores: list[CategoryScore] = []
    for category in categories:
        labelled = sum(1 for o in outcomes if o.labelled[category])
        predicted = sum(1 for o in outcomes if o.cited[category] is not None)
        overlaps: list[bool] = []
        ious: list[float] = []
        for outcome in outcomes:
            cited = outcome.cited[category]
            if cited is None or not outcome.labelled[category]:
                continue
            best = max((span_iou(cited, s) for s in outcome.spans[category]), default=0.0)
            overlaps.append(best > 0.0)
            ious.append(best)
        tp = len(overlaps)
        nothing = labelled == 0 and predicted == 0
        precision = _ratio(tp, predicted, 1.0 if nothing else 0.0)
        recall = _ratio(tp, labelled, 1.0 if nothing else 0.0)
        f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
        scores.append(
            CategoryScore(
                category=category,
                labelled=labelled,
                predicted=predicted,
                true_positives=tp,
                precision=precision,
                recall=recall,
                f1=f1,
                cited_overlap=sum(overlaps) / tp if tp else None,
                mean_iou=sum(ious) / tp if tp else None,
            )
        )
    return scores


def macro_f1(scores: Sequence[CategoryScore]) -> float:
    return sum(s.f1 for s in scores) / len(scores) if scores else 0.0


def macro_f1_interval(
    labelled: np.ndarray, predicted: np.ndarray, *, resamples: int = 1000, seed: int = 0
) -> tuple[float, float]:
    """95% bootstrap interval of Macro-F1: contracts (rows of the two contracts x categories boolean arrays) are
    resampled with replacement `resamples` times with a fixed seed; a category with nothing labelled and nothing
    predicted in a resample scores 1, as in `score_outcomes`."""
    labelled = np.asarray(labelled, dtype=bool)
    predicted = np.asarray(predicted, dtype=bool)
    if labelled.shape != predicted.shape or labelled.ndim != 2:
        raise ValueError("labelled and predicted must be contracts x categories arrays of the same shape")
    if labelled.shape[0] == 0 or labelled.shape[1] == 0:
        return (0.0, 0.0)
    rows = np.random.default_rng(seed).integers(0, labelled.shape[0], size=(resamples, labelled.shape[0]))
    true_positives = (labelled & predicted)[rows].sum(axis=1)
    denominator = labelled[rows].sum(axis=1) + predicted[rows].sum(axis=1)
    f1 = np.where(denominator > 0, 2 * true_positives / np.maximum(denominator, 1), 1.0)
    low, high = np.percentile(f1.mean(axis=1), [2.5, 97.5])
    return (float(low), float(high))


def outcomes_interval(
    outcomes: Sequence[DocumentOutcome], categories: Sequence[str] = CATEGORIES
) -> tuple[float, float]:
    """`macro_f1_interval` of document outcomes (predicted = a clause is cited)."""
    labelled = np.zeros((len(outcomes), len(categories)), dtype=bool)
    predicted = np.zeros_like(labelled)
    for i, outcome in enumerate(outcomes):
        labelled[i] = [outcome.labelled[c] for c in categories]
        predicted[i] = [outcome.cited[c] is not None for c in categories]
    return macro_f1_interval(labelled, predicted)


def evaluate_cuad(folder: Path, model: ClauseModel | None = None) -> CuadEvaluation:
    """Detect clauses in every contract of `folder` and score them against the labels (InputError if unreadable)."""
    model = model if model is not None else shipped_clause_model()
    corpus = read_corpus(folder, model.categories)
    outcomes: list[DocumentOutcome] = []
    trained = model.training_fingerprints
    trained_on = 0
    for contract in corpus.contracts:
        text = contract.read_text()
        report = classify_clauses(text, model)
        cited: dict[str, Span | None] = {}
        for decision in report.decisions:
            best = decision.best
            cited[decision.category] = (best.start, best.end) if best is not None else None
        spans = {
            category: tuple(s for quote in contract.quotes[category] for s in locate_quote(text, quote))
            for category in model.categories
        }
        labelled = {category: contract.present(category) for category in model.categories}
        outcomes.append(DocumentOutcome(contract.name, labelled, spans, cited))
        if contract_fingerprint(contract.name) in trained:
            trained_on += 1
    scores = score_outcomes(outcomes, model.categories)
    recorded = model.metadata.get("cross_validation", {})
    cv = recorded.get("macro_f1")
    cv_interval = recorded.get("macro_f1_interval")
    return CuadEvaluation(
        folder=str(folder),
        contracts=len(outcomes),
        missing_text=corpus.missing_text,
        scores=tuple(scores),
        macro_f1=macro_f1(scores),
        macro_f1_interval=outcomes_interval(outcomes, model.categories),
        trained_on=trained_on,
        cross_validated_macro_f1=float(cv) if isinstance(cv, int | float) else None,
        cross_validated_interval=(
            (float(cv_interval[0]), float(cv_interval[1]))
            if isinstance(cv_interval, list) and len(cv_interval) == 2
            else None
        ),
    )
