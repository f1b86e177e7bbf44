"""Score cited sentences the way the CUAD paper scores extracted spans: a different task from document-level F1.

The CUAD paper (Hendrycks et al., 2021) treats each (contract, category) pair as a question whose answers are the
labelled clauses, and scores a model's ranked answer spans:

- a predicted span matches a labelled clause when the Jaccard similarity of their word sets is at least 0.5
  (words lower-cased, punctuation and the articles a/an/the removed, as in SQuAD's answer normalisation);
- at a confidence threshold t, over all questions together: a labelled clause matched by some prediction scoring
  >= t is a true positive, one matched by none a false negative, and a prediction scoring >= t that matches no
  labelled clause a false positive;
- sweeping t gives a precision-recall curve: AUPR is the area under it (precision made non-increasing in recall
  first), and "precision at 80% recall" the best precision at a threshold reaching 80% recall (0 if none does).

Here the predictions are the clause detector's units (sentence-sized, see clauses/segments.py), the best
`TOP_UNITS` per question, scored by the logistic of their margin. A labelled clause that spans several sentences
cannot reach Jaccard 0.5 with one of them, so these figures are far lower than the document-level ones and are
not comparable with them; they are printed only to place the detector beside the paper's models (which extract
free spans: DeBERTa-xlarge reached AUPR 47.8 and 44.0 precision at 80% recall over all 41 categories).

Labels: CUAD v1, The Atticus Project, CC BY 4.0.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

TOP_UNITS = 20
JACCARD_MATCH = 0.5
_ARTICLES = re.compile(r"\b(?:a|an|the)\b")
_PUNCTUATION = re.compile(r"[^\w\s]")


def normalized_words(text: str) -> frozenset[str]:
    """SQuAD-style normalisation: lower case, no punctuation, no articles; the set of the remaining words."""
    return frozenset(_ARTICLES.sub(" ", _PUNCTUATION.sub("", text.lower())).split())


def jaccard(a: frozenset[str], b: frozenset[str]) -> float:
    union = len(a | b)
    return len(a & b) / union if union else 0.0


@dataclass(frozen=True)
class Question:
    """One (contract, category): the predicted spans' texts and scores, and the labelled clauses' texts."""

    predictions: tuple[tuple[str, float], ...]
    answers: tuple[str, ...]


@dataclass(frozen=True)
class SpanScores:
    """CUAD-paper-style figures over a set of questions (see the module docstring)."""

    questions: int
    labelled_clauses: int
    aupr: float
    precision_at_80_recall: float
    best_recall: float


def _curve(questions: Sequence[Question]) -> tuple[np.ndarray, np.ndarray, int]:
    """Precision and recall at every distinct score, highest threshold first; and the number of labelled clauses."""
    matched_at: list[float] = []  # per labelled clause: the best score of a prediction matching it (-inf if none)
    unmatched: list[float] = []  # scores of predictions that match no labelled clause
    for question in questions:
        answers = [normalized_words(a) for a in question.answers]
        best = [-np.inf] * len(answers)
        for text, score in question.predictions:
            words = normalized_words(text)
            hits = [i for i, answer in enumerate(answers) if jaccard(words, answer) >= JACCARD_MATCH]
            if not hits:
                unmatched.append(score)
            for i in hits:
                best[i] = max(best[i], score)
        matched_at.extend(best)
    total = len(matched_at)
    thresholds = np.unique(np.r_[[s for s in matched_at if np.isfinite(s)], unmatched])[::-1]
    if total == 0 or len(thresholds) == 0:
        return np.zeros(0), np.zeros(0), total
    matched = np.sort(np.asarray(matched_at))
    wrong = np.sort(np.asarray(unmatched))
    tp = len(matched) - np.searchsorted(matched, thresholds, side="left")
    fp = len(wrong) - np.searchsorted(wrong, thresholds, side="left")
    precision = np.where(tp + fp > 0, tp / np.maximum(tp + fp, 1), 1.0)
    return precision, tp / total, total


def span_scores(questions: Sequence[Question]) -> SpanScores:
    precision, recall, total = _curve(questions)
    if total == 0 or len(recall) == 0:
        return SpanScores(len(questions), total, 0.0, 0.0, 0.0)
    # Precision made non-increasing in recall (the best precision at this recall or more), then the area.
    interpolated = np.maximum.accumulate(precision[::-1])[::-1]
    r = np.r_[0.0, recall]
    p = np.r_[interpolated[0], interpolated]
    aupr = float(np.sum((r[1:] - r[:-1]) * (p[1:] + p[:-1]) / 2))
    reached = recall >= 0.8
    at_80 = float(precision[reached].max()) if reached.any() else 0.0
    return SpanScores(len(questions), total, aupr, at_80, float(recall.max()))


def top_predictions(texts: Sequence[str], scores: np.ndarray, limit: int = TOP_UNITS) -> tuple[tuple[str, float], ...]:
    """The `limit` best-scoring units of one contract for one category, as (text, score)."""
    order = np.argsort(-scores, kind="stable")[:limit]
    return tuple((texts[i], float(scores[i])) for i in order)
