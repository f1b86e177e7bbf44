"""Negotiation maths in numpy: issue space, utilities, Pareto frontier, Nash point, ZOPA and MESO packages."""

from principal.strategy.negotiation.frontier import nash_point, pareto_front, pareto_mask
from principal.strategy.negotiation.meso import (
    Fallback,
    MesoPackage,
    acceptance,
    equal_value_candidates,
    fallbacks,
    meso,
)
from principal.strategy.negotiation.space import Issue, IssueSpace, Utilities
from principal.strategy.negotiation.zopa import Zopa, zopa

__all__ = [
    "Fallback",
    "Issue",
    "IssueSpace",
    "MesoPackage",
    "Utilities",
    "Zopa",
    "acceptance",
    "equal_value_candidates",
    "fallbacks",
    "meso",
    "nash_point",
    "pareto_front",
    "pareto_mask",
    "zopa",
]
