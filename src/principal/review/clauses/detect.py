"""Find the clauses of each category in a contract's text and decide, per category, whether the contract has one.

`classify_clauses(text)` splits the text into sentence-sized units, scores every unit for every category with the
shipped model (word terms, hand-written patterns and the neighbouring units' words, see model_file.py), and keeps
as hits the units whose margin reaches the category's threshold. A category is present in the document when it
has at least one hit; its document score is the best unit's score. A category that is not present but whose best
unit reaches the lower `possible_threshold` is reported as *possible*, with that unit and its score, for the
reader to check: the band catches clauses worded unlike the training contracts, at lower precision. Everything
runs offline and gives the same result for the same text.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np

from principal.review.clauses.model_file import ClauseModel, FloatArray, shipped_clause_model
from principal.review.clauses.segments import Unit, split_units


def _logistic(margin: float) -> float:
    if margin >= 0:
        return 1.0 / (1.0 + math.exp(-margin))
    z = math.exp(margin)
    return z / (1.0 + z)


@dataclass(frozen=True)
class ClauseHit:
    """A unit of the text that reads as a clause of `category`: `quote == text[start:end]`."""

    category: str
    start: int
    end: int
    score: float
    quote: str


@dataclass(frozen=True)
class CategoryDecision:
    """Document-level answer for one category: present when the best unit's score reaches the threshold.

    `possible` is set when the category is not present but its best unit reaches `possible_threshold`;
    `candidate` is that unit (None otherwise).
    """

    category: str
    present: bool
    score: float
    threshold: float
    hits: tuple[ClauseHit, ...]
    possible: bool = False
    possible_threshold: float = 1.0
    candidate: ClauseHit | None = None

    @property
    def best(self) -> ClauseHit | None:
        """The highest-scoring hit (the one to cite), or None when the category is absent."""
        return max(self.hits, key=lambda h: (h.score, -h.start)) if self.hits else None


@dataclass(frozen=True)
class ClauseReport:
    """Per-category decisions for one document, in the model's category order, and how many units were scored."""

    decisions: tuple[CategoryDecision, ...]
    units: int

    @property
    def hits(self) -> list[ClauseHit]:
        return sorted((h for d in self.decisions for h in d.hits), key=lambda h: (h.start, h.category))

    @property
    def possible(self) -> list[CategoryDecision]:
        """The categories reported as possible (not present, best unit in the band under the threshold)."""
        return [d for d in self.decisions if d.possible]

    def decision(self, category: str) -> CategoryDecision:
        for item in self.decisions:
            if item.category == category:
                return item
        raise KeyError(category)


def unit_margins(text: str, model: ClauseModel | None = None) -> tuple[list[Unit], FloatArray]:
    """The units of `text` and their margins (units x categories) under `model` (default: the shipped one)."""
    model = model if model is not None else shipped_clause_model()
    units = split_units(text)
    return units, model.margins([text[u.start : u.end] for u in units])


def decide(text: str, units: list[Unit], margins: FloatArray, model: ClauseModel) -> ClauseReport:
    """Per-category decisions from the units' margins (see `classify_clauses`)."""
    decisions: list[CategoryDecision] = []
    for j, category in enumerate(model.categories):
        threshold = float(model.threshold[j])
        possible_threshold = float(model.possible_threshold[j])
        column = margins[:, j] if len(units) else np.zeros(0)
        hits = tuple(
            ClauseHit(category, u.start, u.end, _logistic(float(m)), text[u.start : u.end])
            for u, m in zip(units, column, strict=True)
            if m >= threshold
        )
        candidate: ClauseHit | None = None
        best = -math.inf
        if len(units):
            top = int(np.argmax(column))
            best = float(column[top])
            if not hits and best >= possible_threshold:
                u = units[top]
                candidate = ClauseHit(category, u.start, u.end, _logistic(best), text[u.start : u.end])
        decisions.append(
            CategoryDecision(
                category=category,
                present=bool(hits),
                score=_logistic(best) if len(units) else 0.0,
                threshold=_logistic(threshold),
                hits=hits,
                possible=candidate is not None,
                possible_threshold=_logistic(possible_threshold),
                candidate=candidate,
            )
        )
    return ClauseReport(tuple(decisions), len(units))


def classify_clauses(text: str, model: ClauseModel | None = None) -> ClauseReport:
    """Score every unit of `text` for every category and decide presence per category."""
    model = model if model is not None else shipped_clause_model()
    units, margins = unit_margins(text, model)
    return decide(text, units, margins, model)


def detect_clauses(text: str, model: ClauseModel | None = None) -> list[ClauseHit]:
    """Every clause hit in `text`, ordered by position."""
    return classify_clauses(text, model).hits
