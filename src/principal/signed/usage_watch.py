"""Usage against the forecast, and each usage-cap period's projected end against its cap.

- Variance: per meter, the billable units the invoices give (after rounding and allowances, as the cost engine
  counts them) against the plan's billable units in the same months.
- Projection: in a cap period, the covered meters' charge billed in the invoiced months plus, for every later month
  of the period with planned usage, the mean charge of the invoiced months (the run rate); compared with the cap's
  limit for the period. Earlier months the file does not cover count at the plan.
"""

from __future__ import annotations

import functools
from dataclasses import dataclass
from decimal import Decimal

from principal.cost.scenario import PLAN, Scenario
from principal.cost.usage_charges import billed_before_cap, cap_periods, meter_months
from principal.money import Amount, round_money
from principal.signed.context import SignedView


@dataclass(frozen=True)
class UsageVariance:
    meter: str
    unit: str
    months: tuple[int, ...]
    plan_units: Decimal
    invoiced_units: Decimal
    plan_charge: Amount
    invoiced_charge: Amount

    @property
    def variance_percent(self) -> Decimal | None:
        """(invoiced - plan) / plan x 100; None when the plan has no units in these months."""
        if self.plan_units == 0:
            return None
        return (self.invoiced_units - self.plan_units) / self.plan_units * 100


@dataclass(frozen=True)
class CapWatch:
    months: tuple[int, ...]
    """The cap period's contract months."""
    invoiced_months: tuple[int, ...]
    limit: Amount
    basis: str
    billed_so_far: Amount
    """The covered meters' charge before the cap, up to the last invoiced month of the period."""
    run_rate: Amount
    projected_months: int
    projected: Amount
    formula: str

    @property
    def headroom(self) -> Amount:
        """limit - projected: negative when the period is on course to pass its cap."""
        return self.limit - self.projected

    @property
    def over_cap(self) -> bool:
        return self.projected > self.limit


def usage_variance(view: SignedView, scenario: Scenario, covered: frozenset[int]) -> tuple[UsageVariance, ...]:
    deal, offer = view.deal, view.offer
    out = []
    for meter in offer.usage:
        plan = [m for m in meter_months(deal, offer, meter, PLAN) if m.month in covered]
        actual = [m for m in meter_months(deal, offer, meter, scenario) if m.month in covered]
        unit = deal.buyer.forecasts[meter.forecast].unit if meter.forecast in deal.buyer.forecasts else "unit"
        out.append(
            UsageVariance(
                meter=meter.name,
                unit=unit,
                months=tuple(sorted(covered)),
                plan_units=sum((m.billable for m in plan), Decimal(0)),
                invoiced_units=sum((m.billable for m in actual), Decimal(0)),
                plan_charge=Amount(sum((m.charge for m in plan), Decimal(0)), deal.currency),
                invoiced_charge=Amount(sum((m.charge for m in actual), Decimal(0)), deal.currency),
            )
        )
    return tuple(out)


def cap_watch(view: SignedView, scenario: Scenario, covered: frozenset[int]) -> tuple[CapWatch, ...]:
    deal, offer, currency = view.deal, view.offer, view.deal.currency
    periods = cap_periods(deal, offer)
    if not periods:
        return ()
    meters = [m for m in offer.usage if m.name in periods[0].meters]
    actual = [billed_before_cap(deal, offer, m, scenario) for m in meters]
    plan = [billed_before_cap(deal, offer, m, PLAN) for m in meters]

    def month_charge(charges: list[list[Decimal]], month: int) -> Decimal:
        return sum((c[month - 1] for c in charges), Decimal(0))

    out = []
    for period in periods:
        invoiced = tuple(m for m in period.months if m in covered)
        if not invoiced:
            continue
        last = invoiced[-1]
        so_far = sum((month_charge(actual, m) for m in period.months if m <= last), Decimal(0))
        active = [m for m in invoiced if month_charge(plan, m) > 0 or month_charge(actual, m) > 0] or list(invoiced)
        rate = sum((month_charge(actual, m) for m in active), Decimal(0)) / len(active)
        ahead = [m for m in period.months if m > last and month_charge(plan, m) > 0]
        projected = so_far + rate * len(ahead)
        shown = functools.partial(round_money, currency=currency)
        formula = (
            f"billed before the cap in months {period.months[0]}-{last}: {shown(so_far)}; + {len(ahead)} later "
            f"month(s) x run rate {shown(rate)} (mean of the {len(active)} invoiced month(s) with usage) = "
            f"{shown(projected)}; {period.basis}"
        )
        out.append(
            CapWatch(
                months=period.months,
                invoiced_months=invoiced,
                limit=Amount(period.limit, currency),
                basis=period.basis,
                billed_so_far=Amount(so_far, currency),
                run_rate=Amount(rate, currency),
                projected_months=len(ahead),
                projected=Amount(projected, currency),
                formula=formula,
            )
        )
    return tuple(out)
