"""Outage replay: an outage history run through an SLA design, window by window.

For every window and component: availability, the minutes excluded and under which rule, whether the target was
missed, the credit earned after escalation, caps and the minimum credit, the claim deadline, and the window in which
each chronic-failure rule would fire. The business impact of each outage is costed from the buyer's figures.
"""

from __future__ import annotations

import bisect
import datetime as dt
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, replace
from decimal import ROUND_HALF_EVEN, Decimal
from zoneinfo import ZoneInfo

from principal.model.deal import Deal
from principal.model.sla import ChronicKind, Component, Computation, CreditBasis, FeeBase, Outage, Sla
from principal.money import Amount, quantize_to
from principal.sla.chronic import describe, first_trigger
from principal.sla.coverage import covering_component
from principal.sla.credits import (
    ceiling_percent,
    duration_tier_percent,
    escalated_percent,
    repeats_before,
    top_tier_percent,
    uptime_tier_percent,
)
from principal.sla.downtime import allowed_minutes, combined_target
from principal.sla.exclusions import Classified, classify
from principal.sla.fee_base import FeeBases
from principal.sla.impact import HourlyImpact, Impact, add_impacts, hourly_impact, impact_for_hours
from principal.sla.rounding import shown, shown_minutes
from principal.sla.windows import MeasurementWindow, measurement_windows, months_per_window, windows_in_term
from principal.statements import Statement

HUNDRED = Decimal(100)
MINUTE = Decimal(60)
SHOWN = Decimal("0.000001")
COMBINED = "combined"


@dataclass(frozen=True)
class ComponentMinutes:
    """One component in one window: outage minutes, the excluded part by rule, the counted part."""

    component: str
    outage_minutes: Decimal
    excluded_minutes: Decimal
    excluded_by_rule: Mapping[str, Decimal]
    counted_minutes: Decimal
    availability_percent: Decimal


@dataclass(frozen=True)
class JudgedFigure:
    """A figure the SLA judges (a component, or the combined figure) and the credit it earns in one window.

    `credit_before_cap` is exact (fee base x credit %); the window's totals are rounded once, in `WindowResult`.
    """

    name: str
    target: Decimal
    counted_minutes: Decimal
    allowed_minutes: Decimal
    availability_percent: Decimal
    missed: bool
    tier_percent: Decimal
    repeats: int
    credit_percent: Decimal
    fee_base_amount: Amount
    credit_before_cap: Amount


@dataclass(frozen=True)
class WindowResult:
    index: int
    first_day: dt.date
    last_day: dt.date
    calendar_days: int
    minutes: Decimal
    components: tuple[ComponentMinutes, ...]
    judged: tuple[JudgedFigure, ...]
    fee_base_amount: Amount
    cap_amount: Amount
    credit_before_cap: Amount
    credit_after_cap: Amount
    capped: bool
    below_minimum: bool
    credit_paid: Amount
    claim_deadline: dt.date | None
    forfeited: bool
    impact: Impact


@dataclass(frozen=True)
class ExcludedMinutes:
    rule: str
    minutes: Decimal


@dataclass(frozen=True)
class OutageOutcome:
    row: int
    component: str
    counts_against: str | None
    start: dt.datetime
    end: dt.datetime
    minutes: Decimal
    counted_minutes: Decimal
    excluded: tuple[ExcludedMinutes, ...]
    note: str
    impact: Impact


@dataclass(frozen=True)
class ChronicOutcome:
    rule: int
    description: Statement
    qualifying_windows: tuple[int, ...]
    fires_in_window: int | None
    fires_on: dt.date | None
    remedy: str
    termination_fee: Amount


@dataclass(frozen=True)
class ReplayResult:
    offer: str
    timezone: str
    fee_base: str
    fee_base_monthly: Amount
    windows: tuple[WindowResult, ...]
    outages: tuple[OutageOutcome, ...]
    chronic: tuple[ChronicOutcome, ...]
    outage_minutes: Decimal
    counted_minutes: Decimal
    misses: int
    credits_paid: Amount
    credits_forfeited: Amount
    impact: Impact
    coverage_ratio: Decimal | None


def _minutes(seconds: Decimal) -> Decimal:
    return seconds / MINUTE


def _anchor(deal: Deal, outages: Sequence[Outage], zone: ZoneInfo) -> dt.date:
    if not outages:
        return deal.start or dt.date(2025, 1, 1)
    earliest = min(o.start for o in outages).astimezone(zone)
    if deal.start is not None and earliest >= dt.datetime.combine(deal.start, dt.time(0), tzinfo=zone):
        return deal.start
    return earliest.date().replace(day=1)


def replay_windows(
    deal: Deal, sla: Sla, outages: Sequence[Outage], first_day: dt.date | None = None
) -> tuple[MeasurementWindow, ...]:
    """Windows from the contract start (or the first outage's month when the log is older) to the last outage."""
    timezone = deal.buyer.business_hours.timezone
    zone = ZoneInfo(timezone)
    anchor = first_day or _anchor(deal, outages, zone)
    step = months_per_window(sla.window)
    count = 1
    if outages:
        last = max(o.end for o in outages).astimezone(zone).date()
        months = (last.year - anchor.year) * 12 + last.month - anchor.month + 1
        count = max(1, -(-months // step))
    windows = measurement_windows(sla.window, sla.days_basis, anchor, count + 1, timezone)
    while len(windows) > 1 and windows[-1].start >= max((o.end for o in outages), default=windows[0].end):
        windows = windows[:-1]
    return windows


def replay_outages(
    deal: Deal,
    offer_name: str,
    outages: Sequence[Outage],
    fee_bases: FeeBases,
    *,
    impact_components: Mapping[str, Component] | None = None,
    first_day: dt.date | None = None,
) -> ReplayResult:
    """Run `outages` through the SLA of `offer_name`."""
    offer = deal.offer(offer_name)
    sla = offer.sla
    if sla is None:
        raise ValueError(f"offer {offer_name!r} has no SLA")
    hours = deal.buyer.business_hours
    ordered = sorted(outages, key=lambda o: (o.start, o.row))
    windows = replay_windows(deal, sla, ordered, first_day)
    starts = [w.start.timestamp() for w in windows]
    per_window: list[dict[str, list[tuple[Outage, Classified]]]] = [{} for _ in windows]
    outcomes: list[OutageOutcome] = []
    rates: dict[str, HourlyImpact] = {}
    for outage in ordered:
        target = covering_component(sla, outage.component)
        definition = (impact_components or {}).get(outage.component) or target
        if definition is None:
            definition = Component(name=outage.component, target=Decimal(100))
        if outage.component not in rates:
            rates[outage.component] = hourly_impact(deal.buyer, definition, deal.currency)
        parts: list[Classified] = []
        first = max(0, bisect.bisect_right(starts, outage.start.timestamp()) - 1)
        for i in range(first, len(windows)):
            window = windows[i]
            lo, hi = max(outage.start, window.start), min(outage.end, window.end)
            if hi <= lo:
                if window.start >= outage.end:
                    break
                continue
            part = classify(outage, lo, hi, sla.exclusions, hours)
            parts.append(part)
            if target is not None:
                per_window[i].setdefault(target.name, []).append((outage, part))
        outcomes.append(_outcome(outage, target, rates[outage.component], parts))
    currency = deal.currency
    results = _judge_windows(sla, windows, per_window, fee_bases, outcomes, ordered, offer.term_months)
    chronic = _chronic(sla, results, currency)
    total_impact = add_impacts([o.impact for o in outcomes], currency)
    zero = Amount.zero(currency)
    paid = sum((w.credit_paid for w in results), zero)
    forfeited = sum((w.credit_paid for w in results if w.forfeited), zero)
    ratio = (
        quantize_to(paid.ratio(total_impact.total), SHOWN, rounding=ROUND_HALF_EVEN)
        if total_impact.total.number > 0
        else None
    )
    return ReplayResult(
        offer=offer_name,
        timezone=hours.timezone,
        fee_base=sla.credits.fee_base.value,
        fee_base_monthly=fee_bases.monthly(sla.credits.fee_base, tuple(c.name for c in sla.components)),
        windows=tuple(results),
        outages=tuple(outcomes),
        chronic=chronic,
        outage_minutes=sum((o.minutes for o in outcomes), Decimal(0)),
        counted_minutes=sum((o.counted_minutes for o in outcomes if o.counts_against), Decimal(0)),
        misses=sum(1 for w in results for j in w.judged if j.missed),
        credits_paid=paid,
        credits_forfeited=forfeited,
        impact=total_impact,
        coverage_ratio=ratio,
    )


def _outcome(outage: Outage, target: Component | None, rate: HourlyImpact, parts: list[Classified]) -> OutageOutcome:
    by_rule: dict[str, Decimal] = {}
    for part in parts:
        for ex in part.excluded:
            by_rule[ex.rule.value] = by_rule.get(ex.rule.value, Decimal(0)) + ex.seconds
    business = sum((p.business_seconds for p in parts), Decimal(0))
    hours = business / Decimal(3600) * outage.degraded_percent / HUNDRED
    note = "; ".join(dict.fromkeys(p.note for p in parts if p.note))
    if target is None:
        note = "no SLA promise covers this component" + (f"; {note}" if note else "")
    return OutageOutcome(
        row=outage.row,
        component=outage.component,
        counts_against=target.name if target is not None else None,
        start=outage.start,
        end=outage.end,
        minutes=shown_minutes(_minutes(sum((p.seconds for p in parts), Decimal(0)))),
        counted_minutes=shown_minutes(_minutes(sum((p.counted_seconds for p in parts), Decimal(0))))
        if target
        else Decimal(0),
        excluded=tuple(ExcludedMinutes(rule, shown_minutes(_minutes(s))) for rule, s in by_rule.items()),
        note=note,
        impact=impact_for_hours(rate, hours),
    )


def _component_minutes(
    component: Component, window: MeasurementWindow, parts: list[tuple[Outage, Classified]]
) -> ComponentMinutes:
    total = sum((p.seconds for _, p in parts), Decimal(0))
    counted = sum((p.counted_seconds for _, p in parts), Decimal(0))
    by_rule: dict[str, Decimal] = {}
    for _, part in parts:
        for ex in part.excluded:
            by_rule[ex.rule.value] = by_rule.get(ex.rule.value, Decimal(0)) + _minutes(ex.seconds)
    counted_min = _minutes(counted)
    return ComponentMinutes(
        component=component.name,
        outage_minutes=shown_minutes(_minutes(total)),
        excluded_minutes=shown_minutes(_minutes(total - counted)),
        excluded_by_rule={rule: shown_minutes(m) for rule, m in by_rule.items()},
        counted_minutes=counted_min,
        availability_percent=(window.minutes - counted_min) / window.minutes * HUNDRED,
    )


def _judge_windows(
    sla: Sla,
    windows: tuple[MeasurementWindow, ...],
    per_window: list[dict[str, list[tuple[Outage, Classified]]]],
    fee_bases: FeeBases,
    outcomes: list[OutageOutcome],
    outages: Sequence[Outage],
    term_months: int,
) -> list[WindowResult]:
    credits = sla.credits
    step = months_per_window(sla.window)
    last_term_window = windows_in_term(sla.window, term_months)
    names = [c.name for c in sla.components]
    history: dict[str, list[bool]] = {}
    results: list[WindowResult] = []
    impacts_by_window = _impacts_by_window(windows, outages, outcomes, fee_bases.currency)
    for i, window in enumerate(windows):
        comps = tuple(_component_minutes(c, window, per_window[i].get(c.name, [])) for c in sla.components)
        figures: list[tuple[str, Decimal, Decimal, Decimal, tuple[str, ...], list[Decimal]]] = []
        if sla.computation is Computation.per_component or (len(sla.components) == 1 and sla.combined_target is None):
            for comp, cm in zip(sla.components, comps, strict=True):
                durations = [
                    p.counted_seconds / MINUTE for _, p in per_window[i].get(comp.name, []) if p.counted_seconds > 0
                ]
                figures.append(
                    (comp.name, comp.target, cm.counted_minutes, cm.availability_percent, (comp.name,), durations)
                )
        else:
            target = combined_target(sla)
            if sla.computation is Computation.averaged:
                availability = sum((c.availability_percent for c in comps), Decimal(0)) / len(comps)
            else:
                product = Decimal(1)
                for c in comps:
                    product *= c.availability_percent / HUNDRED
                availability = product * HUNDRED
            counted = window.minutes * (HUNDRED - availability) / HUNDRED
            durations = [
                p.counted_seconds / MINUTE for n in names for _, p in per_window[i].get(n, []) if p.counted_seconds > 0
            ]
            figures.append((COMBINED, target, counted, availability, tuple(names), durations))
        judged: list[JudgedFigure] = []
        for name, target, counted, availability, members, durations in figures:
            allowed = allowed_minutes(target, window.minutes)
            missed = availability < target
            history.setdefault(name, []).append(missed)
            if credits.basis is CreditBasis.uptime:
                tier = uptime_tier_percent(credits, availability) if missed else Decimal(0)
            else:
                tier = sum((duration_tier_percent(credits, d) for d in durations), Decimal(0))
            repeats = repeats_before(history[name], i, credits.escalation) if missed else 0
            percent = escalated_percent(tier, repeats, credits.escalation)
            base = fee_bases.monthly(credits.fee_base, members) * step
            judged.append(
                JudgedFigure(
                    name=name,
                    target=target,
                    counted_minutes=shown_minutes(counted),
                    allowed_minutes=shown_minutes(allowed),
                    availability_percent=shown(availability),
                    missed=missed,
                    tier_percent=tier,
                    repeats=repeats,
                    credit_percent=percent,
                    fee_base_amount=base,
                    credit_before_cap=base * percent / HUNDRED,
                )
            )
        comps = tuple(
            replace(
                c, counted_minutes=shown_minutes(c.counted_minutes), availability_percent=shown(c.availability_percent)
            )
            for c in comps
        )
        results.append(
            _window_total(sla, window, comps, judged, fee_bases, step, last_term_window, impacts_by_window[i])
        )
    return results


def _window_total(
    sla: Sla,
    window: MeasurementWindow,
    comps: tuple[ComponentMinutes, ...],
    judged: list[JudgedFigure],
    fee_bases: FeeBases,
    step: int,
    last_term_window: int,
    impact: Impact,
) -> WindowResult:
    credits = sla.credits
    ceiling = ceiling_percent(credits)
    zero = Amount.zero(fee_bases.currency)
    before = sum((j.credit_before_cap for j in judged), zero)
    if credits.fee_base is FeeBase.component:
        cap_amount = sum((j.fee_base_amount * ceiling / HUNDRED for j in judged), zero)
        after = sum((min(j.credit_before_cap, j.fee_base_amount * ceiling / HUNDRED) for j in judged), zero)
        base = sum((j.fee_base_amount for j in judged), zero)
    else:
        base = fee_bases.monthly(credits.fee_base) * step
        cap_amount = base * ceiling / HUNDRED
        after = min(before, cap_amount)
    after = after.rounded()
    below_minimum = Decimal(0) < after.number < credits.minimum_credit
    paid = zero if below_minimum else after
    deadline = window.last_day + dt.timedelta(days=credits.claim_days) if credits.claim_days is not None else None
    return WindowResult(
        index=window.index,
        first_day=window.start.date(),
        last_day=window.last_day,
        calendar_days=window.calendar_days,
        minutes=window.minutes,
        components=comps,
        judged=tuple(judged),
        fee_base_amount=base,
        cap_amount=cap_amount.rounded(),
        credit_before_cap=before.rounded(),
        credit_after_cap=after,
        capped=after < before.rounded(),
        below_minimum=below_minimum,
        credit_paid=paid,
        claim_deadline=deadline if paid.number > 0 else None,
        forfeited=credits.future_invoice_only and paid.number > 0 and window.index >= last_term_window,
        impact=impact,
    )


def _impacts_by_window(
    windows: tuple[MeasurementWindow, ...], outages: Sequence[Outage], outcomes: list[OutageOutcome], currency: str
) -> list[Impact]:
    """Each outage's impact is booked in the window it starts in."""
    starts = [w.start.timestamp() for w in windows]
    buckets: list[list[Impact]] = [[] for _ in windows]
    for outage, outcome in zip(outages, outcomes, strict=True):
        index = max(0, bisect.bisect_right(starts, outage.start.timestamp()) - 1)
        buckets[index].append(outcome.impact)
    return [add_impacts(b, currency) for b in buckets]


def _chronic(sla: Sla, results: list[WindowResult], currency: str) -> tuple[ChronicOutcome, ...]:
    out: list[ChronicOutcome] = []
    credits = sla.credits
    at_max = credits.cap_percent if credits.cap_percent is not None else top_tier_percent(credits)
    for index, rule in enumerate(sla.chronic):
        qualifying: list[bool] = []
        for window in results:
            watched = [
                j for j in window.judged if j.name == COMBINED or not rule.components or j.name in rule.components
            ]
            missed = any(j.missed for j in watched)
            if rule.kind is ChronicKind.max_credits:
                if credits.fee_base is FeeBase.component:
                    missed = any(j.missed and j.credit_percent >= at_max for j in watched)
                else:
                    window_percent = sum((j.credit_percent for j in window.judged), Decimal(0))
                    missed = missed and window_percent >= at_max > 0
            qualifying.append(missed)
        fired = first_trigger(qualifying, rule)
        out.append(
            ChronicOutcome(
                rule=index,
                description=describe(rule, currency),
                qualifying_windows=tuple(results[i].index for i, q in enumerate(qualifying) if q),
                fires_in_window=results[fired].index if fired is not None else None,
                fires_on=results[fired].last_day if fired is not None else None,
                remedy=rule.remedy.value,
                termination_fee=Amount(rule.termination_fee, currency),
            )
        )
    return tuple(out)
