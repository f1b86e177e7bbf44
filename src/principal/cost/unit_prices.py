"""All-in unit prices of an offer: what it costs per agent per month, how far its licences are below list, and how
much of its cost is fixed.

- Effective cost per agent per month = term cost / buyer.agents / term months (the contract alone; with the cost
  of switching when it is given).
- Percent off list = 1 - licence charges (after free months) / the same seats at list_price with the same uplift;
  unknown when a licence has no list_price.
- Variable share = usage charges (usage, commitments, minimums, cap and collar) and the surcharges paid with usage,
  over the term cost; fixed share = 1 - variable share.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from principal.cost.defaults import Unknown
from principal.cost.fx import fx_rate
from principal.cost.licence_terms import licence_item
from principal.cost.lines import USAGE_CATEGORIES, Category, Schedule
from principal.cost.timeline import contract_year, uplift_factor
from principal.model.deal import Deal, Offer
from principal.model.pricing import UpliftTarget


@dataclass(frozen=True)
class UnitPrices:
    agents: int
    term_months: int
    per_agent_month: Decimal
    """The contract's term cost / agents / term months."""
    switching_per_agent_month: Decimal | None
    """The cost of switching / agents / term months (None when not given)."""
    licences_at_price: Decimal
    licences_at_list: Decimal | None
    percent_off_list: Decimal | None
    """In percent: 7.74 means the licences cost 7.74% less than at list price."""
    variable: Decimal
    variable_share: Decimal
    fixed_share: Decimal
    unknowns: tuple[Unknown, ...]


def unit_prices(
    deal: Deal, offer_name: str, offer: Offer, s: Schedule, switching_total: Decimal | None = None
) -> UnitPrices:
    agents = deal.buyer.agents
    seat_months = Decimal(agents * s.term_months)
    rate = fx_rate(deal, offer)
    at_price = sum(
        (
            ln.amount
            for ln in s.lines
            if ln.category is Category.licenses
            or (ln.category is Category.credit and ln.billed_with is Category.licenses)
        ),
        Decimal(0),
    )
    missing = [lic.name for lic in offer.licenses if lic.list_price is None]
    unknowns: tuple[Unknown, ...] = ()
    at_list: Decimal | None = None
    if missing:
        unknowns = (
            Unknown(
                f"offers.{offer_name}.licenses",
                f"What is the list price of {', '.join(missing)}? The discount from list depends on it.",
            ),
        )
    elif offer.licenses:
        at_list = Decimal(0)
        for lic in offer.licenses:
            assert lic.list_price is not None
            for ln in s.lines:
                if ln.category is Category.licenses and ln.item == licence_item(lic):
                    factor = uplift_factor(offer.uplift, contract_year(ln.month), UpliftTarget.licenses)
                    at_list += (ln.quantity or Decimal(0)) * lic.list_price * factor * rate
    off = None if not at_list else (1 - at_price / at_list) * 100
    variable = sum(
        (ln.amount for ln in s.lines if ln.category in USAGE_CATEGORIES or ln.billed_with is Category.usage),
        Decimal(0),
    )
    share = variable / s.total if s.total else Decimal(0)
    return UnitPrices(
        agents=agents,
        term_months=s.term_months,
        per_agent_month=s.total / seat_months,
        switching_per_agent_month=None if switching_total is None else switching_total / seat_months,
        licences_at_price=at_price,
        licences_at_list=at_list,
        percent_off_list=off,
        variable=variable,
        variable_share=share,
        fixed_share=1 - share if s.total else Decimal(0),
        unknowns=unknowns,
    )
