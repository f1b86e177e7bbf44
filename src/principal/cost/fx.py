"""Offers in another currency: every line converted into the deal's currency at the deal's rate.

`deal.fx_rates[C]` is units of the deal's currency per unit of C (EUR: 1.08 on a USD deal). An offer in C is
costed in C, then each line's amount and unit price is multiplied by the rate, once, exactly; its formula says
so. The sensitivity is the term cost with the rate 10% lower and 10% higher (costs scale with the rate).
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from decimal import Decimal

from principal.cost.lines import Line
from principal.model.deal import Deal, Offer

SENSITIVITY = Decimal("0.10")


def offer_currency(deal: Deal, offer: Offer) -> str:
    return offer.currency or deal.currency


def fx_rate(deal: Deal, offer: Offer) -> Decimal:
    """Deal currency per unit of the offer's currency (1 for an offer in the deal's currency)."""
    currency = offer_currency(deal, offer)
    if currency == deal.currency:
        return Decimal(1)
    return deal.fx_rates[currency]  # present: the model's checks require it


def converted(lines: list[Line], deal: Deal, offer: Offer) -> list[Line]:
    rate = fx_rate(deal, offer)
    if rate == 1 and offer_currency(deal, offer) == deal.currency:
        return lines
    note = f"; x {rate} {deal.currency} per {offer_currency(deal, offer)}"
    return [
        replace(
            ln,
            amount=ln.amount * rate,
            unit_price=None if ln.unit_price is None else ln.unit_price * rate,
            formula=ln.formula + note,
        )
        for ln in lines
    ]


@dataclass(frozen=True)
class FxExposure:
    """An offer priced in another currency: the rate used and the term cost if the rate moves 10% either way."""

    currency: str
    rate: Decimal
    term_cost: Decimal
    term_cost_rate_down: Decimal
    term_cost_rate_up: Decimal
    change: Decimal
    """How much the term cost moves for a 10% move of the rate."""


def fx_exposure(deal: Deal, offer: Offer, term_cost: Decimal) -> FxExposure | None:
    currency = offer_currency(deal, offer)
    if currency == deal.currency:
        return None
    return FxExposure(
        currency=currency,
        rate=fx_rate(deal, offer),
        term_cost=term_cost,
        term_cost_rate_down=term_cost * (1 - SENSITIVITY),
        term_cost_rate_up=term_cost * (1 + SENSITIVITY),
        change=term_cost * SENSITIVITY,
    )
