"""Find the clauses of each category in a contract's text and decide, per category, whether the contract has one.

`classify_clauses(text)` splits the text into sentence-sized units, scores every unit for every category with the
shipped model (word terms, hand-written patterns and the neighbouring units' words, see model_file.py), and keeps
as hits the units whose margin reaches the category's threshold. A category is present in the document when it
has at least one hit; its document score is the best unit's score. Everything runs offline and gives the same
result for the same text.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

from principal.review.clauses.model_file import ClauseModel, shipped_clause_model
from principal.review.clauses.segments import split_units


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
    """Document-level answer for one category: present when the best unit's score reaches the threshold."""

    category: str
    present: bool
    score: float
    threshold: float
    hits: tuple[ClauseHit, ...]

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

    def decision(self, category: str) -> CategoryDecision:
        for item in self.decisions:
            if item.category == category:
                return item
        raise KeyError(category)


def classify_clauses(text: str, model: ClauseModel | None = None) -> ClauseReport:
    """Score every unit of `text` for every category and decide presence per category."""
    model = model if model is not None else shipped_clause_model()
    units = split_units(text)
    margins = model.margins([text[u.start : u.end] for u in units])
    decisions: list[CategoryDecision] = []
    for j, category in enumerate(model.categories):
        threshold = float(model.threshold[j])
        column = margins[:, j] if len(units) else margins[:0, j]
        hits = tuple(
            ClauseHit(category, u.start, u.end, _logistic(float(m)), text[u.start : u.end])
            for u, m in zip(units, column, strict=True)
            if m >= threshold
        )
        best = float(column.max()) if len(units) else -math.inf
        decisions.append(
            CategoryDecision(
                category=category,
                present=bool(hits),
                score=_logistic(best) if len(units) else 0.0,
                threshold=_logistic(threshold),
                hits=hits,
            )
        )
    return ClauseReport(tuple(decisions), len(units))


def detect_clauses(text: str, model: ClauseModel | None = None) -> list[ClauseHit]:
    """Every clause hit in `text`, ordered by position."""
    return classify_clauses(text, model).hits
