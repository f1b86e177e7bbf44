"""Clause detection: which CUAD clause categories a contract contains, and the sentences that say so."""

from principal.review.clauses.categories import CATEGORIES
from principal.review.clauses.detect import (
    CategoryDecision,
    ClauseHit,
    ClauseReport,
    classify_clauses,
    detect_clauses,
)

__all__ = ["CATEGORIES", "CategoryDecision", "ClauseHit", "ClauseReport", "classify_clauses", "detect_clauses"]
