"""What staying with the incumbent costs: its monthly cost grown by contract year."""

from __future__ import annotations

from decimal import Decimal

from principal.cost.volumes import grown
from principal.model.deal import Deal


def incumbent_months(deal: Deal, term: int) -> list[Decimal] | None:
    """The incumbent's cost for each of `term` months (None when the deal does not give it)."""
    inc = deal.buyer.incumbent
    if inc is None or inc.monthly_cost is None:
        return None
    return [inc.monthly_cost * grown(1 + inc.annual_growth_percent / 100, (m - 1) // 12) for m in range(1, term + 1)]
