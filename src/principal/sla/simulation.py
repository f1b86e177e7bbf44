"""Monte Carlo of an SLA design: yearly credits, chronic-rule odds, business impact and coverage.

Outages are drawn per component and contract month (see `draws`), then every design is judged on the same draws
(common random numbers), with the same rules as the replay: cause carve-outs, minimum outage length, per-component
or combined availability, uptime or duration tiers, escalation, caps, minimum credit and chronic rules.
Simplifications: planned maintenance is not simulated (it is taken to be announced and scheduled as the SLA asks);
an outage is booked in the month it starts and a month's counted downtime is capped at the month's minutes;
outages of different components are costed separately even if they overlap.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from decimal import Decimal
from typing import cast

import numpy as np

from principal.cost.content_memo import BoundedMemo
from principal.model.deal import Deal
from principal.model.sla import ChronicKind, Computation, CreditBasis, CreditTier, DaysBasis, FeeBase, Sla, Window
from principal.money import Amount, minor_units, round_money
from principal.sla.business_hours import open_share_of_week
from principal.sla.chronic import describe
from principal.sla.coverage import covering_component, impact_definitions
from principal.sla.credits import ceiling_percent, top_tier_percent
from principal.sla.downtime import combined_target
from principal.sla.draws import BoolArray, DrawnOutages, FloatArray, IntArray, draw_outages
from principal.sla.exclusions import cause_is_carved_out
from principal.sla.fee_base import FeeBases
from principal.sla.impact import hourly_impact
from principal.sla.outage_model import CAUSES, OutageModel
from principal.sla.windows import average_days, measurement_windows, months_per_window
from principal.statements import Statement

MAX_CELLS = 40_000_000
DOWNTIMES = 3
"""How many designs' counted downtime is remembered (about 26 MB each at 10,000 draws x 36 months x 3 components)."""
RATIO = Decimal("0.000001")
HUNDREDTHS = Decimal("0.01")


def max_runs(term_months: int, components: int) -> int:
    """Most runs a simulation accepts so its arrays stay within memory (runs x months x components cells)."""
    return max(1, MAX_CELLS // max(1, term_months * max(1, components)))


@dataclass(frozen=True)
class Spread:
    """Percentiles and mean of a simulated yearly amount, each rounded half-up to the currency's minor unit."""

    p10: Amount
    p50: Amount
    p90: Amount
    mean: Amount


@dataclass(frozen=True)
class FigureOdds:
    """A judged figure: share of windows it misses and mean counted minutes a window."""

    name: str
    target: Decimal
    miss_probability_per_window: Decimal
    mean_counted_minutes_per_window: Decimal


@dataclass(frozen=True)
class ChronicOdds:
    rule: int
    description: Statement
    probability_within_term: Decimal
    median_window_when_fired: int | None


@dataclass(frozen=True)
class SimulationResult:
    offer: str
    runs: int
    seed: int
    term_months: int
    years_per_run: Decimal
    open_share_of_week: Decimal
    models: tuple[OutageModel, ...]
    fee_base: str
    fee_base_monthly: Amount
    yearly_credits: Spread
    yearly_impact: Spread
    coverage_ratio: Decimal | None
    probability_of_any_credit_in_a_year: Decimal
    mean_forfeited_per_term: Amount
    figures: tuple[FigureOdds, ...]
    chronic: tuple[ChronicOdds, ...]


@dataclass(frozen=True)
class DesignArrays:
    """A design judged on drawn outages: window credits (runs x windows) and each chronic rule's first window."""

    names: tuple[str, ...]
    targets: tuple[Decimal, ...]
    credits: FloatArray
    miss: BoolArray
    counted: FloatArray
    chronic_first: tuple[IntArray, ...]


def month_minutes(deal: Deal, months: int) -> FloatArray:
    """Minutes of each contract month: calendar months from the start date, else 365/12-day months."""
    if deal.start is None:
        return np.full(months, float(average_days(Window.month) * 1440))
    timezone = deal.buyer.business_hours.timezone
    windows = measurement_windows(Window.month, DaysBasis.calendar, deal.start, months, timezone)
    return np.array([float(w.minutes) for w in windows], dtype=np.float64)


def round_half_up(values: FloatArray, decimals: int) -> FloatArray:
    """Non-negative amounts rounded half-up to `decimals` (as `round_money` rounds the replay's credits: a credit of
    8,462.5 yen is 8,463, where numpy's own rounding, half to even, would give 8,462)."""
    scale = 10.0**decimals
    return np.floor(values * scale + 0.5) / scale


def _rolling_count(flags: BoolArray, within: int) -> IntArray:
    """For each window w, how many flags are set in windows [w - within + 1, w] (axis 1)."""
    windows = flags.shape[1]
    cumulative = np.cumsum(flags, axis=1, dtype=np.int64)
    if within < 1:
        return np.zeros_like(cumulative)
    counted = cumulative.copy()
    if within < windows:
        counted[:, within:] -= cumulative[:, : windows - within]
    return counted


@dataclass(frozen=True)
class WindowDowntime:
    """Drawn outages as one design counts them (read-only arrays): each outage's component in the design (-1: not
    covered), whether it counts and its run-window slot; counted minutes and availability per run, window and
    component; the minutes of each window."""

    target: IntArray
    counts: BoolArray
    wslot: IntArray
    down: FloatArray
    window_minutes: FloatArray
    availability: FloatArray


DowntimeKey = tuple[int, tuple[int, ...], int, tuple[bool, ...], float, int, str, bool, bytes]
_downtimes: BoundedMemo[DowntimeKey, tuple[DrawnOutages, WindowDowntime]] = BoundedMemo(DOWNTIMES)


def window_downtime(sla: Sla, drawn: DrawnOutages, minutes_per_month: FloatArray, term_months: int) -> WindowDowntime:
    """The downtime a design counts per window. Designs that cover the same components with the same exclusions,
    window and term count the same downtime on the same draws, so it is remembered for the drawn outages (held
    here, so that their identity stays theirs) and shared; the arrays are read-only."""
    comps = sla.components
    lut = tuple(next((i for i, c in enumerate(comps) if c is covering_component(sla, n)), -1) for n in drawn.names)
    carved = tuple(cause_is_carved_out(sla.exclusions, c) for c in CAUSES)
    minimum = float(sla.exclusions.minimum_outage_minutes)
    average = sla.days_basis is DaysBasis.average
    window = sla.window.value
    key = (id(drawn), lut, len(comps), carved, minimum, term_months, window, average, minutes_per_month.tobytes())
    found = _downtimes.get(key)
    if found is not None and found[0] is drawn:
        return found[1]
    judged = _window_downtime(sla, drawn, minutes_per_month, term_months, lut, carved)
    for array in (judged.target, judged.counts, judged.wslot, judged.down, judged.window_minutes):
        array.flags.writeable = False
    judged.availability.flags.writeable = False
    _downtimes.put(key, (drawn, judged))
    return judged


def _window_downtime(
    sla: Sla,
    drawn: DrawnOutages,
    minutes_per_month: FloatArray,
    term_months: int,
    covering: tuple[int, ...],
    carved_out: tuple[bool, ...],
) -> WindowDowntime:
    runs, step = drawn.runs, months_per_window(sla.window)
    windows = -(-term_months // step)
    comps = sla.components
    size = runs * windows
    lut = np.array(covering or (-1,), dtype=np.int64)
    target = lut[drawn.component]
    carved = np.array(carved_out)
    month = drawn.slot % drawn.months
    minimum = float(sla.exclusions.minimum_outage_minutes)
    counts = (target >= 0) & ~carved[drawn.cause] & (drawn.minutes >= minimum) & (month < term_months)
    wslot = (drawn.slot // drawn.months) * windows + month // step
    key = target[counts] * size + wslot[counts]
    down = np.bincount(key, weights=drawn.minutes[counts], minlength=len(comps) * size)
    down = down.reshape(len(comps), runs, windows).transpose(1, 2, 0)
    average_month = float(average_days(Window.month) * 1440)
    padded = np.concatenate([minutes_per_month[:term_months], np.full(windows * step - term_months, average_month)])
    if sla.days_basis is DaysBasis.average:
        window_minutes = np.full(windows, float(average_days(sla.window) * 1440))
    else:
        window_minutes = padded.reshape(windows, step).sum(axis=1)
    down = np.minimum(down, window_minutes[None, :, None])
    availability = 100.0 * (1.0 - down / window_minutes[None, :, None])
    return WindowDowntime(target, counts, wslot, down, window_minutes, availability)


def _uptime_percent(tiers: Sequence[CreditTier], availability: FloatArray, miss: BoolArray) -> FloatArray:
    """Each window's credit percent by uptime tier (the tier with the lowest `below` the availability is under),
    0 where the window meets its target; worked out only for the windows that miss."""
    missed = np.flatnonzero(miss)
    judged = availability.reshape(-1)[missed]
    part = np.zeros(missed.size)
    for tier in sorted(tiers, key=lambda t: t.below or 0, reverse=True):
        part = np.where(judged < float(tier.below or 0), float(tier.percent), part)
    percent = np.zeros(availability.shape)
    percent.reshape(-1)[missed] = part
    return percent


def _escalated(percent: FloatArray, miss: BoolArray, within: int, add_percent: float) -> FloatArray:
    """`percent` with `add_percent` added for every earlier miss within `within` windows, where a window misses and
    earns a credit (an escalation without a multiplier); the other windows are left as they are."""
    hit = np.flatnonzero(miss & (percent > 0))
    repeats = _rolling_count(miss, within).reshape(-1)[hit] - 1
    grown = hit[repeats > 0]
    out = np.ascontiguousarray(percent)
    if out is percent:
        out = percent.copy()
    flat = out.reshape(-1)
    flat[grown] = flat[grown] + add_percent * repeats[repeats > 0]
    return out


def evaluate_design(
    sla: Sla, drawn: DrawnOutages, minutes_per_month: FloatArray, fees: FeeBases, term_months: int
) -> DesignArrays:
    """Judge drawn outages under one SLA design, all runs and windows at once."""
    runs, step = drawn.runs, months_per_window(sla.window)
    windows = -(-term_months // step)
    comps = sla.components
    size = runs * windows
    judged = window_downtime(sla, drawn, minutes_per_month, term_months)
    target, counts, wslot = judged.target, judged.counts, judged.wslot
    down, window_minutes, availability = judged.down, judged.window_minutes, judged.availability
    credits = sla.credits
    if sla.computation is Computation.per_component or (len(comps) == 1 and sla.combined_target is None):
        names = tuple(c.name for c in comps)
        targets = tuple(c.target for c in comps)
        members: list[tuple[str, ...]] = [(c.name,) for c in comps]
        judged_of_outage = target
        counted = down
    else:
        names, targets, members = ("combined",), (combined_target(sla),), [tuple(c.name for c in comps)]
        if sla.computation is Computation.averaged:
            availability = availability.mean(axis=2, keepdims=True)
        else:
            availability = 100.0 * np.prod(availability / 100.0, axis=2, keepdims=True)
        counted = window_minutes[None, :, None] * (100.0 - availability) / 100.0
        judged_of_outage = np.zeros_like(target)
    miss = availability < np.array([float(t) for t in targets])[None, None, :]
    if credits.basis is CreditBasis.uptime:
        percent = _uptime_percent(credits.tiers, availability, miss)
    else:
        per_outage = np.zeros(int(counts.sum()))
        for tier in sorted(credits.tiers, key=lambda t: t.min_minutes or 0):
            reached = drawn.minutes[counts] >= float(tier.min_minutes or 0)
            per_outage = np.where(reached, float(tier.percent), per_outage)
        dkey = judged_of_outage[counts] * size + wslot[counts]
        percent = cast(FloatArray, np.bincount(dkey, weights=per_outage, minlength=len(names) * size))
        percent = percent.reshape(len(names), runs, windows).transpose(1, 2, 0)
    escalation = credits.escalation
    if escalation is not None and escalation.multiplier == 1:
        percent = _escalated(percent, miss, escalation.repeat_within, float(escalation.add_percent))
    elif escalation is not None:
        repeats = _rolling_count(miss, escalation.repeat_within) - miss
        repeats = np.where(miss & (percent > 0), repeats, 0)
        grown = (percent + float(escalation.add_percent) * repeats) * float(escalation.multiplier) ** repeats
        percent = np.where(repeats > 0, grown, percent)
    if credits.fee_base is FeeBase.component:
        base = np.array([float(fees.monthly(FeeBase.component, m).number) * step for m in members])
    else:
        base = np.full(len(names), float(fees.monthly(credits.fee_base).number) * step)
    before = percent / 100.0 * base[None, None, :]
    ceiling = float(ceiling_percent(credits)) / 100.0
    if credits.fee_base is FeeBase.component:
        window_credit = np.minimum(before, base[None, None, :] * ceiling).sum(axis=2)
    else:
        window_credit = np.minimum(before.sum(axis=2), base[0] * ceiling)
    window_credit = round_half_up(window_credit, minor_units(fees.currency))
    window_credit = np.where(window_credit < float(credits.minimum_credit), 0.0, window_credit)
    return DesignArrays(
        names=names,
        targets=targets,
        credits=window_credit,
        miss=miss,
        counted=counted,
        chronic_first=tuple(_chronic_first(sla, names, miss, percent)),
    )


def _chronic_first(sla: Sla, names: tuple[str, ...], miss: BoolArray, percent: FloatArray) -> list[IntArray]:
    credits = sla.credits
    at_max = float(credits.cap_percent if credits.cap_percent is not None else top_tier_percent(credits))
    out: list[IntArray] = []
    for rule in sla.chronic:
        watched = np.array([n == "combined" or not rule.components or n in rule.components for n in names])
        if rule.kind is ChronicKind.max_credits and credits.fee_base is FeeBase.component:
            qualifying = (miss & (percent >= at_max) & watched[None, None, :]).any(axis=2)
        else:
            qualifying = (miss & watched[None, None, :]).any(axis=2)
            if rule.kind is ChronicKind.max_credits:
                qualifying &= (percent.sum(axis=2) >= at_max) & (at_max > 0)
        fired = qualifying & (_rolling_count(qualifying, rule.within) >= rule.count)
        out.append(np.where(fired.any(axis=1), fired.argmax(axis=1), -1))
    return out


def _money(value: float, currency: str) -> Amount:
    """A simulated float figure as an amount, rounded half-up to the currency's minor unit."""
    return Amount(round_money(Decimal(repr(float(value))), currency), currency)


def _spread(values: FloatArray, currency: str) -> Spread:
    p10, p50, p90 = np.percentile(values, [10, 50, 90])
    return Spread(*(_money(v, currency) for v in (p10, p50, p90, values.mean())))


def _per_year(per_window: FloatArray, windows_per_year: int, term_months: int) -> tuple[FloatArray, Decimal]:
    """Totals per full contract year (pooled over runs); a term shorter than a year is annualised."""
    years = per_window.shape[1] // windows_per_year
    if years == 0:
        return per_window.sum(axis=1) * 12.0 / term_months, Decimal(term_months) / 12
    cut = per_window[:, : years * windows_per_year]
    return cut.reshape(per_window.shape[0], years, windows_per_year).sum(axis=2).ravel(), Decimal(years)


def impact_per_month(drawn: DrawnOutages, hourly: FloatArray) -> FloatArray:
    """Business impact per run and month: outage hours inside business hours x the component's hourly cost."""
    cost = drawn.minutes / 60.0 * drawn.in_hours * hourly[drawn.component]
    flat = np.bincount(drawn.slot, weights=cost, minlength=drawn.runs * drawn.months)
    return flat.astype(np.float64).reshape(drawn.runs, drawn.months)


def summarise(
    offer: str,
    sla: Sla,
    arrays: DesignArrays,
    impact: FloatArray,
    *,
    runs: int,
    seed: int,
    term_months: int,
    open_share: Decimal,
    models: tuple[OutageModel, ...],
    fees: FeeBases,
) -> SimulationResult:
    step = months_per_window(sla.window)
    yearly_credits, years = _per_year(arrays.credits, max(1, 12 // step), term_months)
    yearly_impact, _ = _per_year(impact[:, :term_months], 12, term_months)
    mean_impact = float(yearly_impact.mean())
    ratio = Decimal(repr(float(yearly_credits.mean()) / mean_impact)).quantize(RATIO) if mean_impact > 0 else None
    forfeited = arrays.credits[:, -1].mean() if sla.credits.future_invoice_only else 0.0
    figures = tuple(
        FigureOdds(
            name=name,
            target=target,
            miss_probability_per_window=Decimal(repr(float(arrays.miss[:, :, j].mean()))).quantize(RATIO),
            mean_counted_minutes_per_window=Decimal(repr(float(arrays.counted[:, :, j].mean()))).quantize(HUNDREDTHS),
        )
        for j, (name, target) in enumerate(zip(arrays.names, arrays.targets, strict=True))
    )
    chronic = tuple(
        ChronicOdds(
            rule=i,
            description=describe(rule, fees.currency),
            probability_within_term=Decimal(repr(float((first >= 0).mean()))).quantize(RATIO),
            median_window_when_fired=int(np.median(first[first >= 0])) + 1 if (first >= 0).any() else None,
        )
        for i, (rule, first) in enumerate(zip(sla.chronic, arrays.chronic_first, strict=True))
    )
    return SimulationResult(
        offer=offer,
        runs=runs,
        seed=seed,
        term_months=term_months,
        years_per_run=years,
        open_share_of_week=open_share.quantize(RATIO),
        models=models,
        fee_base=sla.credits.fee_base.value,
        fee_base_monthly=fees.monthly(sla.credits.fee_base, tuple(c.name for c in sla.components)),
        yearly_credits=_spread(yearly_credits, fees.currency),
        yearly_impact=_spread(yearly_impact, fees.currency),
        coverage_ratio=ratio,
        probability_of_any_credit_in_a_year=Decimal(repr(float((yearly_credits > 0).mean()))).quantize(RATIO),
        mean_forfeited_per_term=_money(forfeited, fees.currency),
        figures=figures,
        chronic=chronic,
    )


def simulate_designs(
    deal: Deal,
    offers: Sequence[str],
    fee_bases: Mapping[str, FeeBases],
    models: Sequence[OutageModel],
    *,
    runs: int,
    seed: int,
    impact_sla: Sla,
) -> tuple[SimulationResult, ...]:
    """Simulate `runs` terms of outages once and judge every offer's SLA on the same draws."""
    slas = {name: deal.offer(name).sla for name in offers}
    terms = {name: deal.offer(name).term_months for name in offers}
    months = max(terms.values())
    hours = deal.buyer.business_hours
    open_share = open_share_of_week(hours)
    rng = np.random.default_rng(seed)
    drawn = draw_outages(models, runs, months, float(open_share), rng)
    definitions = impact_definitions(impact_sla, list(drawn.names))
    hourly = np.array(
        [float(hourly_impact(deal.buyer, definitions[n], deal.currency).total.number) for n in drawn.names] or [0.0]
    )
    impact = impact_per_month(drawn, hourly)
    minutes = month_minutes(deal, months)
    out: list[SimulationResult] = []
    for name in offers:
        sla = slas[name]
        if sla is None:
            raise ValueError(f"offer {name!r} has no SLA")
        arrays = evaluate_design(sla, drawn, minutes, fee_bases[name], terms[name])
        out.append(
            summarise(
                name,
                sla,
                arrays,
                impact,
                runs=runs,
                seed=seed,
                term_months=terms[name],
                open_share=open_share,
                models=tuple(models),
                fees=fee_bases[name],
            )
        )
    return tuple(out)
