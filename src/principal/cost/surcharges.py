"""Surcharges and taxes on an offer's charges, month by month.

Bases of a month (before any surcharge):
- `licenses`: licence lines, true-ups and the credits billed with licences (free months);
- `recurring`: recurring fees;
- `usage`: every usage line (usage, commitments, minimums, the cap's refusal, the collar); with `meters`, only
  those meters' own lines (usage, commitment and minimum lines, before any cap);
- `one_time`: one-time fees and the credits billed with them (signing credits).
A percentage charge is `percent/100 x base`, one line per base it applies to (so each line is paid with the
invoice of its base). A per-unit charge is `amount x` the month's billable units of the meter (or billed seats of
the licence). A monthly charge is `monthly` in every billed month from `from_month`. Charges never compound: a
percentage applies to the bases only, unless `on_surcharges` is true, when it also applies to the other charges
(those without `on_surcharges`) paid with the same bases.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from decimal import Decimal

import numpy as np

from principal.cost.lines import SURCHARGE_CATEGORIES, USAGE_CATEGORIES, Category, Line
from principal.cost.ratecard import FloatArray
from principal.cost.scenario import Scenario
from principal.cost.timeline import billing_start_month
from principal.model.deal import Offer
from principal.model.order_form import ChargeBase, Surcharge, SurchargeKind
from principal.money import round_money

BASE_CATEGORY = {
    ChargeBase.usage: Category.usage,
    ChargeBase.licenses: Category.licenses,
    ChargeBase.recurring: Category.recurring,
    ChargeBase.one_time: Category.one_time,
}
MeterDraws = dict[str, tuple[FloatArray, FloatArray]]
"""Per meter, its billable units and charges before any cap, per draw and month (the simulation's)."""
METER_ITEMS = ("usage", "minimum commitment", "overage above commitment", "take-or-pay shortfall")


def base_of(line: Line) -> ChargeBase | None:
    """The base a (non-surcharge) line belongs to."""
    if line.category in SURCHARGE_CATEGORIES:
        return None
    category = line.billed_with or line.category
    if category in USAGE_CATEGORIES:
        return ChargeBase.usage
    if category in (Category.licenses, Category.true_up):
        return ChargeBase.licenses
    if category is Category.recurring:
        return ChargeBase.recurring
    if category is Category.one_time:
        return ChargeBase.one_time
    return None


def of_meters(line: Line, meters: Iterable[str]) -> bool:
    return any(line.item in (f"{m} {kind}" for kind in METER_ITEMS) for m in meters)


def _category(charge: Surcharge) -> Category:
    return Category.tax if charge.kind is SurchargeKind.tax else Category.surcharge


def _first_pass(offer: Offer) -> list[Surcharge]:
    return [c for c in offer.surcharges if not c.on_surcharges]


def _second_pass(offer: Offer) -> list[Surcharge]:
    return [c for c in offer.surcharges if c.on_surcharges]


def monthly_months(offer: Offer, charge: Surcharge, scenario: Scenario) -> range:
    return range(max(billing_start_month(offer, scenario), charge.from_month), offer.term_months + 1)


def surcharge_lines(offer: Offer, lines: Sequence[Line], scenario: Scenario, currency: str) -> list[Line]:
    """Every surcharge and tax line of an offer, from its other lines."""
    if not offer.surcharges:
        return []
    term = offer.term_months
    bases = {b: [Decimal(0)] * term for b in ChargeBase}
    for line in lines:
        b = base_of(line)
        if b is not None:
            bases[b][line.month - 1] += line.amount
    added = {b: [Decimal(0)] * term for b in ChargeBase}
    first = _lines_for(offer, _first_pass(offer), lines, bases, added, scenario, currency)
    for line in first:
        added[_paid_with(line)][line.month - 1] += line.amount
    second = _lines_for(offer, _second_pass(offer), lines, bases, added, scenario, currency)
    return first + second


def _paid_with(line: Line) -> ChargeBase:
    assert line.billed_with is not None
    return next(b for b, c in BASE_CATEGORY.items() if c is line.billed_with)


def _lines_for(
    offer: Offer,
    charges: list[Surcharge],
    lines: Sequence[Line],
    bases: dict[ChargeBase, list[Decimal]],
    added: dict[ChargeBase, list[Decimal]],
    scenario: Scenario,
    currency: str,
) -> list[Line]:
    out: list[Line] = []
    for charge in charges:
        category = _category(charge)
        if charge.percent is not None:
            for b in charge.applies_to:
                values = list(bases[b])
                if b is ChargeBase.usage and charge.meters:
                    values = [Decimal(0)] * offer.term_months
                    for line in lines:
                        if line.category in USAGE_CATEGORIES and of_meters(line, charge.meters):
                            values[line.month - 1] += line.amount
                values = [v + a for v, a in zip(values, added[b], strict=True)]
                what = b.value.replace("_", "-") + (f" ({', '.join(charge.meters)})" if charge.meters else "")
                extra = " and its surcharges" if charge.on_surcharges else ""
                for month, base in enumerate(values, start=1):
                    if base == 0:
                        continue
                    out.append(
                        Line(
                            month,
                            category,
                            f"{charge.name} ({b.value.replace('_', '-')})",
                            base * charge.percent / 100,
                            f"{charge.percent}% of {what} charges{extra} {round_money(base, currency)}",
                            billed_with=BASE_CATEGORY[b],
                        )
                    )
        elif charge.per_unit is not None:
            unit = charge.per_unit
            if unit.meter is not None:
                item, paid, kind = f"{unit.meter} usage", Category.usage, "billable units"
                matching = [ln for ln in lines if ln.category is Category.usage and ln.item == item]
            else:
                paid, kind = Category.licenses, "billed seats"
                lic = next(x for x in offer.licenses if x.name == unit.license)
                item = f"{lic.name} licences ({lic.kind.value})"
                matching = [ln for ln in lines if ln.category is Category.licenses and ln.item == item]
            for line in matching:
                quantity = line.quantity or Decimal(0)
                if quantity == 0:
                    continue
                out.append(
                    Line(
                        line.month,
                        category,
                        charge.name,
                        quantity * unit.amount,
                        f"{quantity:,} {kind} of {unit.meter or unit.license} x {unit.amount}",
                        quantity=quantity,
                        unit_price=unit.amount,
                        billed_with=paid,
                    )
                )
        else:
            assert charge.monthly is not None
            for month in monthly_months(offer, charge, scenario):
                out.append(
                    Line(
                        month,
                        category,
                        charge.name,
                        charge.monthly,
                        f"{charge.monthly} a month",
                        billed_with=Category.recurring,
                    )
                )
    return out


def simulated_surcharges(
    offer: Offer,
    fixed_bases: dict[ChargeBase, FloatArray],
    usage: FloatArray,
    per_meter: MeterDraws,
    fixed_unit_lines: dict[str, FloatArray],
    scenario: Scenario,
    rate: float,
) -> FloatArray:
    """Every surcharge and tax per draw and month (draws x months), in the deal's currency.

    `fixed_bases`: each base's monthly amounts from the schedule, except usage, which is `usage` (every usage line,
    per draw); `per_meter`: each meter's (billable units, charges before any cap) per draw in the offer's
    currency; `fixed_unit_lines`: per licence, its billed seats each month; `rate`: deal currency per offer unit.
    """
    draws, term = usage.shape
    out = np.zeros((draws, term))
    if not offer.surcharges:
        return out

    def base_values(b: ChargeBase, meters: tuple[str, ...]) -> FloatArray:
        if b is not ChargeBase.usage:
            return np.broadcast_to(fixed_bases[b], (draws, term))
        if not meters:
            return usage
        return sum((per_meter[m][1] for m in meters), np.zeros((draws, term))) * rate

    added = {b: np.zeros((draws, term)) for b in ChargeBase}
    for charge in _first_pass(offer):
        if charge.percent is not None:
            for b in charge.applies_to:
                amount = base_values(b, charge.meters) * (float(charge.percent) / 100)
                out += amount
                added[b] += amount
        elif charge.per_unit is not None:
            unit = charge.per_unit
            if unit.meter is not None:
                amount = per_meter[unit.meter][0] * (float(unit.amount) * rate)
                out += amount
                added[ChargeBase.usage] += amount
            else:
                assert unit.license is not None
                seats = fixed_unit_lines[unit.license] * (float(unit.amount) * rate)
                out += seats[None, :]
                added[ChargeBase.licenses] += seats[None, :]
        else:
            assert charge.monthly is not None
            months = np.zeros(term)
            for m in monthly_months(offer, charge, scenario):
                months[m - 1] = float(charge.monthly) * rate
            out += months[None, :]
            added[ChargeBase.recurring] += months[None, :]
    for charge in _second_pass(offer):
        assert charge.percent is not None  # on_surcharges goes with percent only (the model checks)
        for b in charge.applies_to:
            out += (base_values(b, charge.meters) + added[b]) * (float(charge.percent) / 100)
    return out


def schedule_bases(lines: Sequence[Line], term: int) -> tuple[dict[ChargeBase, FloatArray], dict[str, FloatArray]]:
    """From a schedule: each base's monthly amounts (usage left to the simulation) and each licence's billed seats
    by month (keyed by licence name)."""
    bases = {b: np.zeros(term) for b in ChargeBase}
    seats: dict[str, FloatArray] = {}
    for line in lines:
        b = base_of(line)
        if b is not None and b is not ChargeBase.usage:
            bases[b][line.month - 1] += float(line.amount)
        if line.category is Category.licenses and line.quantity is not None:
            name = line.item.split(" licences (")[0]
            seats.setdefault(name, np.zeros(term))[line.month - 1] += float(line.quantity)
    return bases, seats
