"""Measure clause detection against the lawyers' labels of a CUAD-shaped folder.

For each category, at document level: a contract is labelled positive when the lawyers quoted at least one clause
for it, and predicted positive when detection reports the category present.

- precision = TP / predicted, recall = TP / labelled, F1 = 2PR / (P + R); when a category has no labelled and no
  predicted contract, P = R = F1 = 1 (nothing to find, nothing claimed).
- Macro-F1 = the plain mean of the categories' F1; micro-F1 = F1 of the true positives, predictions and labels
  pooled over all categories (dominated by the common categories).
- strict F1: as F1, but a true positive counts only when the cited span (the best hit) overlaps a labelled clause
  of the category; a right answer for the wrong reason counts as a miss and a false alarm.
- cited overlap = share of true-positive contracts whose cited span (the best hit) shares at least one character
  with a labelled clause.
- mean IoU = mean over true-positive contracts of |cited ∩ clause| / |cited ∪ clause| in characters, taking the
  labelled clause that fits the cited span best (0 when none overlaps).
- Macro-F1 interval = the 2.5th and 97.5th percentiles of Macro-F1 over 1,000 bootstrap resamples of the contracts
  (drawn with replacement, fixed seed): how much the figure would move on another sample of contracts like these.
  The same resamples give each category's F1 interval.
- possible: contracts where the category is not reported present but is in the "possible" band (see
  clauses/detect.py), and how many of those the lawyers labelled.
- span scores: the cited units scored as in the CUAD paper (review/cuad_spans.py): a different task.
- trained on: evaluated contracts whose text (not file name) matches a training contract of the model
  (clauses/fingerprint.py).

Labels come from CUAD v1 (The Atticus Project, CC BY 4.0).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from principal.review.clauses.categories import CATEGORIES
from principal.review.clauses.detect import decide, unit_margins
from principal.review.clauses.fingerprint import SAME_TEXT, closest_match
from principal.review.clauses.model_file import ClauseModel, shipped_clause_model
from principal.review.cuad_data import CUAD_CREDIT, locate_quote, read_corpus
from principal.review.cuad_spans import Question, SpanScores, span_scores, top_predictions

Span = tuple[int, int]


@dataclass(frozen=True)
class DocumentOutcome:
    """One contract: per category, the labelled clause spans, whether it is labelled, and the cited span if any."""

    name: str
    labelled: dict[str, bool]
    spans: dict[str, tuple[Span, ...]]
    cited: dict[str, Span | None]
    possible: dict[str, bool] | None = None


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
    strict_true_positives: int = 0
    strict_f1: float = 0.0
    f1_interval: tuple[float, float] = (0.0, 0.0)
    possible: int = 0
    possible_labelled: int = 0


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
    micro_f1: float = 0.0
    strict_macro_f1: float = 0.0
    strict_micro_f1: float = 0.0
    span_scores: SpanScores | None = None
    span_scores_by_category: dict[str, SpanScores] | None = None
    estimate: dict[str, object] | None = None
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


def _f1(tp: int, predicted: int, labelled: int) -> float:
    if labelled == 0 and predicted == 0:
        return 1.0
    return 2 * tp / (predicted + labelled)


def score_outcomes(outcomes: Sequence[DocumentOutcome], categories: Sequence[str] = CATEGORIES) -> list[CategoryScore]:
    """Per-category document-level precision, recall, F1, strict F1, interval and cited-span overlap."""
    scores: list[CategoryScore] = []
    intervals = category_intervals(outcomes, categories)
    for category, interval in zip(categories, intervals, strict=True):
        labelled = sum(1 for o in outcomes if o.labelled[category])
        predicted = sum(1 for o in outcomes if o.cited[category] is not None)
        possible = [o for o in outcomes if o.possible is not None and o.possible.get(category, False)]
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
        strict = sum(overlaps)
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
                cited_overlap=strict / tp if tp else None,
                mean_iou=sum(ious) / tp if tp else None,
                strict_true_positives=strict,
                strict_f1=_f1(strict, predicted, labelled),
                f1_interval=interval,
                possible=len(possible),
                possible_labelled=sum(1 for o in possible if o.labelled[category]),
            )
        )
    return scores


def macro_f1(scores: Sequence[CategoryScore]) -> float:
    return sum(s.f1 for s in scores) / len(scores) if scores else 0.0


def micro_f1(scores: Sequence[CategoryScore], *, strict: bool = False) -> float:
    """F1 of the true positives, predictions and labels pooled over the categories."""
    tp = sum(s.strict_true_positives if strict else s.true_positives for s in scores)
    return _f1(tp, sum(s.predicted for s in scores), sum(s.labelled for s in scores))


def _bootstrap_f1(labelled: np.ndarray, predicted: np.ndarray, resamples: int, seed: int) -> np.ndarray:
    """resamples x categories F1 over contracts drawn with replacement (nothing labelled or predicted scores 1)."""
    rows = np.random.default_rng(seed).integers(0, labelled.shape[0], size=(resamples, labelled.shape[0]))
    true_positives = (labelled & predicted)[rows].sum(axis=1)
    denominator = labelled[rows].sum(axis=1) + predicted[rows].sum(axis=1)
    return np.where(denominator > 0, 2 * true_positives / np.maximum(denominator, 1), 1.0)


def _check(labelled: np.ndarray, predicted: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    labelled = np.asarray(labelled, dtype=bool)
    predicted = np.asarray(predicted, dtype=bool)
    if labelled.shape != predicted.shape or labelled.ndim != 2:
        raise ValueError("labelled and predicted must be contracts x categories arrays of the same shape")
    return labelled, predicted


def macro_f1_interval(
    labelled: np.ndarray, predicted: np.ndarray, *, resamples: int = 1000, seed: int = 0
) -> tuple[float, float]:
    """95% bootstrap interval of Macro-F1: contracts (rows of the two contracts x categories boolean arrays) are
    resampled with replacement `resamples` times with a fixed seed; a category with nothing labelled and nothing
    predicted in a resample scores 1, as in `score_outcomes`."""
    labelled, predicted = _check(labelled, predicted)
    if labelled.shape[0] == 0 or labelled.shape[1] == 0:
        return (0.0, 0.0)
    low, high = np.percentile(_bootstrap_f1(labelled, predicted, resamples, seed).mean(axis=1), [2.5, 97.5])
    return (float(low), float(high))


def f1_intervals(
    labelled: np.ndarray, predicted: np.ndarray, *, resamples: int = 1000, seed: int = 0
) -> list[tuple[float, float]]:
    """Each category's 95% bootstrap interval of F1, from the same resamples as `macro_f1_interval`."""
    labelled, predicted = _check(labelled, predicted)
    if labelled.shape[0] == 0:
        return [(0.0, 0.0)] * labelled.shape[1]
    bounds = np.percentile(_bootstrap_f1(labelled, predicted, resamples, seed), [2.5, 97.5], axis=0)
    return [(float(lo), float(hi)) for lo, hi in bounds.T]


def _arrays(outcomes: Sequence[DocumentOutcome], categories: Sequence[str]) -> tuple[np.ndarray, np.ndarray]:
    labelled = np.zeros((len(outcomes), len(categories)), dtype=bool)
    predicted = np.zeros_like(labelled)
    for i, outcome in enumerate(outcomes):
        labelled[i] = [outcome.labelled[c] for c in categories]
        predicted[i] = [outcome.cited[c] is not None for c in categories]
    return labelled, predicted


def outcomes_interval(
    outcomes: Sequence[DocumentOutcome], categories: Sequence[str] = CATEGORIES
) -> tuple[float, float]:
    """`macro_f1_interval` of document outcomes (predicted = a clause is cited)."""
    return macro_f1_interval(*_arrays(outcomes, categories))


def category_intervals(
    outcomes: Sequence[DocumentOutcome], categories: Sequence[str] = CATEGORIES
) -> list[tuple[float, float]]:
    """`f1_intervals` of document outcomes."""
    return f1_intervals(*_arrays(outcomes, categories))


def evaluate_cuad(folder: Path, model: ClauseModel | None = None) -> CuadEvaluation:
    """Detect clauses in every contract of `folder` and score them against the labels (InputError if unreadable)."""
    model = model if model is not None else shipped_clause_model()
    corpus = read_corpus(folder, model.categories)
    outcomes: list[DocumentOutcome] = []
    questions: dict[str, list[Question]] = {c: [] for c in model.categories}
    trained_on = 0
    for contract in corpus.contracts:
        text = contract.read_text()
        units, margins = unit_margins(text, model)
        report = decide(text, units, margins, model)
        cited: dict[str, Span | None] = {}
        for decision in report.decisions:
            best = decision.best
            cited[decision.category] = (best.start, best.end) if best is not None else None
        spans = {
            category: tuple(s for quote in contract.quotes[category] for s in locate_quote(text, quote))
            for category in model.categories
        }
        labelled = {category: contract.present(category) for category in model.categories}
        possible = {d.category: d.possible for d in report.decisions}
        outcomes.append(DocumentOutcome(contract.name, labelled, spans, cited, possible))
        texts = [text[u.start : u.end] for u in units]
        for j, category in enumerate(model.categories):
            answers = tuple(text[s:e] for s, e in spans[category])
            unit_scores = 1.0 / (1.0 + np.exp(-margins[:, j])) if len(units) else np.zeros(0)
            questions[category].append(Question(top_predictions(texts, unit_scores), answers))
        if closest_match(text, model.fingerprints) >= SAME_TEXT:
            trained_on += 1
    scores = score_outcomes(outcomes, model.categories)
    recorded = model.metadata.get("cross_validation", {})
    cv = recorded.get("macro_f1")
    cv_interval = recorded.get("macro_f1_interval")
    estimate = model.metadata.get("estimate")
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
        micro_f1=micro_f1(scores),
        strict_macro_f1=sum(s.strict_f1 for s in scores) / len(scores) if scores else 0.0,
        strict_micro_f1=micro_f1(scores, strict=True),
        span_scores=span_scores([q for c in model.categories for q in questions[c]]),
        span_scores_by_category={c: span_scores(questions[c]) for c in model.categories},
        estimate=estimate if isinstance(estimate, dict) else None,
    )
