"""Usage commitments: units up to the committed quantity at the card rate, units above it at the overage price,
and (take-or-pay) the committed quantity billed even when less is used.

Per period (a month, or a contract year) from the commitment's first month (`commitment_start`): the committed
quantity is `quantity`, or for an annual commitment in a part year `quantity x months/12` (unless `prorate` is
false). Units used in those months are counted in order; the units of a month beyond the committed quantity are
overage. Their card charge (the rate card's price of those top units) stays on the usage line and the commitment
line adds the premium `card charge x (overage_percent - 100)/100` (150% of the rate adds half the rate again).
With take-or-pay, when fewer units than committed were used the shortfall `price(committed) - price(used)` (the
rate card applied to the period's volume as one block) is billed at the end of the period.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

import numpy as np

from principal.cost import ratecard
from principal.cost.lines import Category, Line
from principal.cost.minimums import commitment_start, periods
from principal.cost.ratecard import FloatArray
from principal.cost.scenario import PLAN, Scenario
from principal.model.deal import Offer
from principal.model.order_form import Commitment, CommitmentPeriod
from principal.model.pricing import Period, UsageMeter
from principal.money import round_money

DEFAULT_OVERAGE = Decimal(100)


@dataclass(frozen=True)
class CommittedPeriod:
    months: tuple[int, ...]
    quantity: Decimal
    text: str


def overage_percent(commitment: Commitment) -> Decimal:
    return commitment.overage_percent if commitment.overage_percent is not None else DEFAULT_OVERAGE


def committed_periods(offer: Offer, commitment: Commitment, scenario: Scenario) -> list[CommittedPeriod]:
    start = commitment_start(offer, scenario, commitment.from_month)
    period = Period.year if commitment.period is CommitmentPeriod.year else Period.month
    out = []
    for months in periods(period, offer.term_months):
        active = tuple(m for m in months if m >= start)
        if not active:
            continue
        quantity = commitment.quantity
        text = f"{quantity:,} committed per {commitment.period.value}"
        if period is Period.year and len(active) != 12 and commitment.prorate is not False:
            quantity = quantity * len(active) / 12
            text = f"{commitment.quantity:,} committed per year x {len(active)}/12 = {quantity:,.2f}"
        out.append(CommittedPeriod(active, quantity, text))
    return out


@dataclass(frozen=True)
class MeterVolume:
    """What the commitment needs of a meter's month: billable units, the card's running volume before them (annual
    cards count the contract year) and the month's rate factor (uplift)."""

    month: int
    billable: Decimal
    running: Decimal
    factor: Decimal


def commitment_lines(
    offer: Offer, meter: UsageMeter, months: list[MeterVolume], currency: str, scenario: Scenario = PLAN
) -> list[Line]:
    commitment = meter.commitment
    if commitment is None:
        return []
    card = meter.rate_card
    premium = (overage_percent(commitment) - 100) / 100
    take_or_pay = commitment.take_or_pay is not False
    by_month = {mv.month: mv for mv in months}
    out: list[Line] = []
    for cp in committed_periods(offer, commitment, scenario):
        used = Decimal(0)
        for m in cp.months:
            mv = by_month[m]
            over = max(Decimal(0), used + mv.billable - cp.quantity) - max(Decimal(0), used - cp.quantity)
            used += mv.billable
            if over > 0 and premium != 0:
                top = mv.running + mv.billable
                card_charge = ratecard.price(card, top, mv.factor) - ratecard.price(card, top - over, mv.factor)
                out.append(
                    Line(
                        m,
                        Category.commitment,
                        f"{meter.name} overage above commitment",
                        card_charge * premium,
                        f"{over:,.2f} units over {cp.text}: card charge {round_money(card_charge, currency)} x "
                        f"({overage_percent(commitment)}% - 100%)",
                        quantity=over,
                    )
                )
        if take_or_pay and used < cp.quantity:
            factor = by_month[cp.months[-1]].factor
            short = ratecard.price(card, cp.quantity, factor) - ratecard.price(card, used, factor)
            out.append(
                Line(
                    cp.months[-1],
                    Category.commitment,
                    f"{meter.name} take-or-pay shortfall",
                    short,
                    f"take-or-pay: {cp.text}, {used:,.2f} used; the card's price of the difference",
                    quantity=cp.quantity - used,
                )
            )
    return out


def commitment_array(
    offer: Offer, meter: UsageMeter, billable: FloatArray, running: FloatArray, factors: FloatArray
) -> FloatArray:
    """The commitment's lines for every draw (draws x months): the same rule on float arrays, plan timing."""
    commitment = meter.commitment
    out = np.zeros_like(billable)
    if commitment is None:
        return out
    card = meter.rate_card
    premium = float((overage_percent(commitment) - 100) / 100)
    take_or_pay = commitment.take_or_pay is not False
    for cp in committed_periods(offer, commitment, PLAN):
        quantity = float(cp.quantity)
        used = np.zeros(billable.shape[0])
        for m in cp.months:
            k = m - 1
            q = billable[:, k]
            over = np.maximum(used + q - quantity, 0.0) - np.maximum(used - quantity, 0.0)
            used = used + q
            if premium != 0:
                top = running[:, k] + q
                f = factors[k]
                out[:, k] += (ratecard.price_array(card, top, f) - ratecard.price_array(card, top - over, f)) * premium
        if take_or_pay:
            f = factors[cp.months[-1] - 1]
            full = ratecard.price_array(card, np.full_like(used, quantity), f)
            short = np.where(used < quantity, full - ratecard.price_array(card, np.minimum(used, quantity), f), 0.0)
            out[:, cp.months[-1] - 1] += short
    return out
