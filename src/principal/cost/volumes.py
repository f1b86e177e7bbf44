"""Monthly volumes a meter bills: the forecast under a scenario, then billing increments and allowances.

The volume on the new platform in a month is the forecast's (expected x growth, events applied) x the share of
agents live in that month (`principal.cost.waves`), unless the forecast gives an explicit `schedule` of the volume
on the new platform, which is then used as it stands (a step function; nothing before its first step).

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
from principal.cost.waves import LiveShare
from principal.model.buyer import Forecast
from principal.model.deal import Deal
from principal.model.pricing import Rounding, UsageMeter


def grown(factor: Decimal, years: int) -> Decimal:
    """`factor ** years`, with no growth in year 0 even at -100% a year (Decimal refuses 0 ** 0)."""
    return Decimal(1) if years == 0 else factor**years


def scheduled_volume(fc: Forecast, month: int) -> Decimal:
    """The explicit schedule's volume in a month: the last step reached (0 before the first)."""
    volume = Decimal(0)
    for step in fc.schedule:
        if step.from_month <= month:
            volume = step.expected
    return volume


def forecast_volume(
    deal: Deal, forecast: str, month: int, usage_start: int, scenario: Scenario, live: LiveShare | None = None
) -> Decimal:
    """Volume of a forecast on the new platform in a contract month (0 before usage starts).

    `live` scales a forecast without a schedule by the share of agents live (None: every agent is live).
    """
    if month < usage_start:
        return Decimal(0)
    fc = deal.buyer.forecasts[forecast]
    if fc.schedule:
        volume = scheduled_volume(fc, month)
        if scenario.vendor_view and fc.vendor_expected is not None and fc.expected:
            volume = volume * fc.vendor_expected / fc.expected
    else:
        base = fc.vendor_expected if scenario.vendor_view and fc.vendor_expected is not None else fc.expected
        volume = base * grown(1 + fc.growth_percent / 100, contract_year(month) - 1)
    if scenario.events_occur:
        for event in fc.events:
            end = event.from_month + event.months if event.months is not None else None
            if event.from_month <= month and (end is None or month < end):
                volume = event.level if event.level is not None else volume + (event.add or Decimal(0))
    if live is not None and not fc.schedule and not live.full:
        volume = volume * live.live / live.agents
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


def billable_volume(meter: UsageMeter, volume: Decimal, seats: Decimal) -> tuple[Decimal, Decimal]:
    """(billable units, included units) after rounding, allowances and total increments."""
    billed = volume * rounding_factor(meter.rounding)
    included = Decimal(0)
    if meter.included is not None:
        included = meter.included.per_seat * seats + meter.included.fixed
    billable = max(Decimal(0), billed - included)
    if meter.rounding is not None and meter.rounding.total_increment is not None:
        step = meter.rounding.total_increment
        billable = (billable / step).to_integral_value(rounding=ROUND_CEILING) * step
    return billable, min(included, billed)
