"""Minimum commitments on a usage meter: from which month they apply, ramped amounts, part years.

A minimum applies from `minimum.from_month` (default: the billing start month) and never before go-live when the
offer ties billing to go-live. Its periods are calendar months or contract years. In an annual period the floor is
the sum, over the months the minimum applies, of a twelfth of the amount in force that month (a ramp step changes
the amount from its month) when `prorate` is true (the default); when it is false a period the minimum touches owes
the amount in force in its first month, in full. A monthly period owes the amount in force that month. The
shortfall, floor minus what the meter billed in those months, is billed at the end of the period.

`minimum_floors` is the one statement of this rule; the schedule (`minimum_lines`) and the simulation
(`minimum_array`) both use it.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

import numpy as np

from principal.cost.lines import Category, Line
from principal.cost.ratecard import FloatArray
from principal.cost.scenario import PLAN, Scenario
from principal.cost.timeline import billing_start_month, go_live_month
from principal.model.deal import Offer
from principal.model.pricing import MeterMinimum, Period, UsageMeter
from principal.money import round_money


def commitment_start(offer: Offer, scenario: Scenario, from_month: int | None) -> int:
    """First month a minimum or a usage commitment applies: its own from_month, else the billing start month;
    never before go-live when billing is tied to go-live."""
    start = from_month if from_month is not None else billing_start_month(offer, scenario)
    impl = offer.implementation
    if impl is not None and impl.billing_tied_to_go_live:
        start = max(start, go_live_month(offer, scenario))
    return start


def amount_in_force(minimum: MeterMinimum, month: int) -> Decimal:
    amount = minimum.amount
    for step in minimum.ramp:
        if step.from_month <= month:
            amount = step.amount
    return amount


@dataclass(frozen=True)
class Floor:
    """The minimum owed over `months` (the months of one period in which the minimum applies)."""

    months: tuple[int, ...]
    amount: Decimal
    formula: str


def periods(period: Period, term: int) -> list[list[int]]:
    """Calendar months, or contract years (the last one short when the term is not whole years)."""
    if period is Period.month:
        return [[m] for m in range(1, term + 1)]
    return [list(range(start, min(start + 12, term + 1))) for start in range(1, term + 1, 12)]


def minimum_floors(offer: Offer, minimum: MeterMinimum, scenario: Scenario, currency: str) -> list[Floor]:
    start = commitment_start(offer, scenario, minimum.from_month)
    prorate = minimum.prorate is not False

    def shown(value: Decimal) -> Decimal:
        return round_money(value, currency)

    out = []
    for months in periods(minimum.period, offer.term_months):
        active = tuple(m for m in months if m >= start)
        if not active:
            continue
        if minimum.period is Period.month:
            amount = amount_in_force(minimum, active[0])
            out.append(Floor(active, amount, f"minimum {shown(amount)} per month"))
            continue
        if not prorate:
            amount = amount_in_force(minimum, active[0])
            out.append(Floor(active, amount, f"minimum {shown(amount)} per year (not pro-rated)"))
            continue
        runs: dict[Decimal, int] = {}
        for m in active:
            value = amount_in_force(minimum, m)
            runs[value] = runs.get(value, 0) + 1
        floor = sum((value * count / 12 for value, count in runs.items()), Decimal(0))
        if len(runs) == 1 and len(active) == 12:
            text = f"minimum {shown(floor)} per year"
        else:
            parts = " + ".join(f"{shown(value)} x {count}/12" for value, count in runs.items())
            text = f"minimum per year {parts} = {shown(floor)}"
            if active[0] != months[0]:
                text += f" (from month {active[0]})"
        out.append(Floor(active, floor, text))
    return out


def minimum_lines(
    offer: Offer, meter: UsageMeter, charges: list[Decimal], currency: str, scenario: Scenario = PLAN
) -> list[Line]:
    """Shortfall lines of a meter's minimum against its monthly `charges` (usage and commitment lines)."""
    if meter.minimum is None:
        return []
    out = []
    for floor in minimum_floors(offer, meter.minimum, scenario, currency):
        spent = sum((charges[m - 1] for m in floor.months), Decimal(0))
        if spent < floor.amount:
            out.append(
                Line(
                    floor.months[-1],
                    Category.usage_minimum,
                    f"{meter.name} minimum commitment",
                    floor.amount - spent,
                    f"{floor.formula} less usage {round_money(spent, currency)}",
                )
            )
    return out


def minimum_array(offer: Offer, meter: UsageMeter, charges: FloatArray, currency: str) -> FloatArray:
    """`charges` (draws x months) with the minimum's shortfalls added at the end of each period (plan timing)."""
    if meter.minimum is None:
        return charges
    out = charges.copy()
    for floor in minimum_floors(offer, meter.minimum, PLAN, currency):
        index = [m - 1 for m in floor.months]
        short = np.maximum(float(floor.amount) - charges[:, index].sum(axis=1), 0.0)
        out[:, floor.months[-1] - 1] += short
    return out
