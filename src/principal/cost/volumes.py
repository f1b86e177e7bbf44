"""Monthly volumes a meter bills: the forecast under a scenario, then billing increments and allowances.

Per-event rounding assumes event lengths are exponentially distributed with the stated mean (the classic
call-length model). Billed seconds per event with increment i and minimum m (m a multiple of i):
    E[billed] = m + exp(-m/mean) * i / (1 - exp(-i/mean))          with an increment
    E[billed] = m + mean * exp(-m/mean)                             without one (per-second billing)
and the billed volume is volume x E[billed] / mean.
"""

from __future__ import annotations

from decimal import ROUND_CEILING, Decimal

from principal.cost.scenario import Scenario
from principal.cost.timeline import contract_year
from principal.model.deal import Deal
from principal.model.pricing import Rounding, UsageMeter


def forecast_volume(deal: Deal, forecast: str, month: int, usage_start: int, scenario: Scenario) -> Decimal:
    """Volume of a forecast in a contract month (0 before usage starts)."""
    if month < usage_start:
        return Decimal(0)
    fc = deal.buyer.forecasts[forecast]
    base = fc.vendor_expected if scenario.vendor_view and fc.vendor_expected is not None else fc.expected
    volume = base * (1 + fc.growth_percent / 100) ** (contract_year(month) - 1)
    if scenario.events_occur:
        for event in fc.events:
            end = event.from_month + event.months if event.months is not None else None
            if event.from_month <= month and (end is None or month < end):
                volume = event.level if event.level is not None else volume + (event.add or Decimal(0))
    return volume * scenario.factor_for(forecast) + scenario.extra_for(forecast)


def rounding_factor(rounding: Rounding | None) -> Decimal:
    """Billed units per actual unit from per-event rounding (1 when none applies)."""
    if rounding is None or rounding.mean_event_seconds is None:
        return Decimal(1)
    if rounding.increment_seconds is None and rounding.minimum_seconds == 0:
        return Decimal(1)
    mean = rounding.mean_event_seconds
    minimum = Decimal(rounding.minimum_seconds)
    tail = (-minimum / mean).exp()
    if rounding.increment_seconds is not None:
        inc = Decimal(rounding.increment_seconds)
        billed = minimum + tail * inc / (1 - (-inc / mean).exp())
    else:
        billed = minimum + mean * tail
    return billed / mean


def billable_volume(
    meter: UsageMeter, volume: Decimal, seats: Decimal, *, rounded: bool = False
) -> tuple[Decimal, Decimal]:
    """(billable units, included units) after rounding, allowances and total increments. `rounded`: the volume is
    already rounded per event (units as an invoice counts them), so the per-event model is not applied."""
    billed = volume if rounded else volume * rounding_factor(meter.rounding)
    included = Decimal(0)
    if meter.included is not None:
        included = meter.included.per_seat * seats + meter.included.fixed
    billable = max(Decimal(0), billed - included)
    if meter.rounding is not None and meter.rounding.total_increment is not None:
        step = meter.rounding.total_increment
        billable = (billable / step).to_integral_value(rounding=ROUND_CEILING) * step
    return billable, min(included, billed)
