"""Negotiation maths in numpy: issue space, utilities, Pareto frontier, Nash point, ZOPA and MESO packages."""

from principal.strategy.negotiation.frontier import nash_point, pareto_front, pareto_mask
from principal.strategy.negotiation.meso import MesoPackage, acceptance, equal_value_candidates, meso
from principal.strategy.negotiation.space import Issue, IssueSpace, Utilities
from principal.strategy.negotiation.zopa import Zopa, zopa

__all__ = [
    "Issue",
    "IssueSpace",
    "MesoPackage",
    "Utilities",
    "Zopa",
    "acceptance",
    "equal_value_candidates",
    "meso",
    "nash_point",
    "pareto_front",
    "pareto_mask",
    "zopa",
]
