"""Licence terms beyond quantity x price: ramp pricing (price steps), free months and true-ups.

- Price steps: from a step's month the unit price is the step's; the uplift factor still applies on top.
- Free months: the licence is billed as usual in a free month and credited in full on its own `credit` line, so
  the concession is visible.
- True-ups: a licence with `true_up` bills its committed `quantity` every month; the seats in use (the ramp's
  quantity, times a scenario's seat factor) above it are counted over each true-up period (contract quarters or
  years, within the billed months) at their peak or average and billed at the end of the period:
  `excess seats x the sum of the period's monthly prices` (contract price with steps and uplift, or list_price).
"""

from __future__ import annotations

from collections.abc import Sequence
from decimal import Decimal

from principal.cost.licences import quantity_in_month
from principal.cost.lines import Category, Line
from principal.cost.scenario import Scenario
from principal.cost.timeline import billing_start_month, contract_year, uplift_factor
from principal.model.deal import Offer
from principal.model.order_form import TrueUpBasis, TrueUpFrequency, TrueUpPrice
from principal.model.pricing import License, LicenseKind, UpliftTarget


def unit_price_in_month(lic: License, month: int) -> Decimal:
    """The licence's unit price in a month: the last price step reached, else unit_price (before uplift)."""
    price = lic.unit_price
    for step in lic.price_steps:
        if step.from_month <= month:
            price = step.unit_price
    return price


def licence_item(lic: License) -> str:
    """The item name of a licence's lines in the schedule."""
    return f"{lic.name} licences ({lic.kind.value})"


def seat_factor(scenario: Scenario, month: int) -> Decimal:
    if scenario.licence_quantity_from and month >= scenario.licence_quantity_from[0]:
        return scenario.licence_quantity_from[1]
    return Decimal(1)


def free_month_credits(offer: Offer, lines: Sequence[Line]) -> list[Line]:
    """A credit cancelling each free month's licence charge."""
    out = []
    for lic in offer.licenses:
        if not lic.free_months:
            continue
        item = licence_item(lic)
        free = set(lic.free_months)
        for line in lines:
            if line.category is Category.licenses and line.item == item and line.month in free and line.amount:
                out.append(
                    Line(
                        line.month,
                        Category.credit,
                        f"{lic.name} licences: free month",
                        -line.amount,
                        f"month {line.month} is free: the licence charge credited in full",
                        billed_with=Category.licenses,
                    )
                )
    return out


def true_up_lines(offer: Offer, scenario: Scenario) -> list[Line]:
    start = billing_start_month(offer, scenario)
    out = []
    for lic in offer.licenses:
        up = lic.true_up
        if up is None or lic.kind is LicenseKind.hourly:
            continue
        span = 3 if up.frequency is TrueUpFrequency.quarter else 12
        basis = up.basis or TrueUpBasis.peak
        for first in range(1, offer.term_months + 1, span):
            months = [m for m in range(first, min(first + span, offer.term_months + 1)) if m >= start]
            if not months:
                continue
            in_use = [quantity_in_month(lic, m) * seat_factor(scenario, m) for m in months]
            counted = max(in_use) if basis is TrueUpBasis.peak else sum(in_use, Decimal(0)) / len(in_use)
            excess = counted - lic.quantity
            if excess <= 0:
                continue
            prices = [_true_up_price(offer, lic, up.price, m) for m in months]
            amount = excess * sum(prices, Decimal(0))
            price_text = (
                f"{prices[0]} a month" if len(set(prices)) == 1 else "prices " + " + ".join(str(p) for p in prices)
            )
            out.append(
                Line(
                    months[-1],
                    Category.true_up,
                    f"{lic.name} true-up",
                    amount,
                    f"{basis.value} {counted:,.2f} seats in use in months {months[0]}-{months[-1]} less "
                    f"{lic.quantity:,} committed = {excess:,.2f} x {len(months)} months at {up.price.value} "
                    f"{price_text}",
                    quantity=excess,
                    unit="seat",
                )
            )
    return out


def _true_up_price(offer: Offer, lic: License, price: TrueUpPrice, month: int) -> Decimal:
    if price is TrueUpPrice.list:
        assert lic.list_price is not None  # guaranteed by the model
        return lic.list_price
    return unit_price_in_month(lic, month) * uplift_factor(offer.uplift, contract_year(month), UpliftTarget.licenses)
