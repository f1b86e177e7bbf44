"""Which minutes of an outage count against the SLA and which are excluded, under which rule.

Rules, in order, for the part of an outage that falls in one window:
1. cause carve-outs: a carrier, third-party, customer-caused or force-majeure outage is excluded whole when the SLA
   excludes that cause;
2. planned maintenance is excluded only when the SLA excludes it, the notice given is at least
   `maintenance_notice_days` (when set), and, when `maintenance_outside_business_hours` is set, only for the minutes
   outside the buyer's business hours: minutes inside business hours count even when the rest is excused;
3. an outage shorter than `minimum_outage_minutes` (its whole length, across windows) does not count;
4. a degraded period (degraded_percent < 100) counts in full, in proportion (weighted) or not at all (ignored).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass
from decimal import Decimal
from enum import StrEnum

from principal.model.buyer import BusinessHours
from principal.model.sla import Exclusions, Outage, OutageCause, PartialDegradation
from principal.sla.business_hours import duration_seconds, seconds_inside

HUNDRED = Decimal(100)


class ExclusionRule(StrEnum):
    carrier = "carrier"
    third_party = "third_party"
    customer_caused = "customer_caused"
    force_majeure = "force_majeure"
    planned_maintenance = "planned_maintenance"
    below_minimum_length = "below_minimum_length"
    partial_degradation = "partial_degradation"


_CAUSE_RULE = {
    OutageCause.carrier: (ExclusionRule.carrier, "carrier"),
    OutageCause.third_party: (ExclusionRule.third_party, "third_party"),
    OutageCause.customer: (ExclusionRule.customer_caused, "customer_caused"),
    OutageCause.force_majeure: (ExclusionRule.force_majeure, "force_majeure"),
}


@dataclass(frozen=True)
class ExcludedPart:
    rule: ExclusionRule
    seconds: Decimal


@dataclass(frozen=True)
class Classified:
    """One outage's part in one window: total, counted and excluded seconds, and why."""

    seconds: Decimal
    counted_seconds: Decimal
    excluded: tuple[ExcludedPart, ...]
    business_seconds: Decimal
    note: str


def classify(
    outage: Outage, start: dt.datetime, end: dt.datetime, exclusions: Exclusions, hours: BusinessHours
) -> Classified:
    """Classify the part [start, end) of `outage` (already clipped to one window)."""
    total = duration_seconds(start, end)
    inside = seconds_inside(hours, start, end)
    excluded: list[ExcludedPart] = []
    counted = total
    notes: list[str] = []

    def exclude(rule: ExclusionRule, seconds: Decimal) -> None:
        nonlocal counted
        if seconds > 0:
            excluded.append(ExcludedPart(rule, seconds))
            counted -= seconds

    carve = _CAUSE_RULE.get(outage.cause)
    if carve is not None and getattr(exclusions, carve[1]):
        exclude(carve[0], counted)
        notes.append(f"{outage.cause.value} outage: excluded")
    elif carve is not None:
        notes.append(f"{outage.cause.value} outage: the SLA does not carve it out")
    if counted > 0 and outage.planned:
        notes.append(_maintenance(outage, exclusions, hours, counted, inside, exclude))
    if counted > 0 and exclusions.minimum_outage_minutes > 0:
        length = duration_seconds(outage.start, outage.end)
        if length < exclusions.minimum_outage_minutes * 60:
            exclude(ExclusionRule.below_minimum_length, counted)
            notes.append(f"shorter than {exclusions.minimum_outage_minutes} minutes: does not count")
    if counted > 0 and outage.degraded_percent < HUNDRED:
        mode = exclusions.partial_degradation
        if mode is PartialDegradation.ignored:
            exclude(ExclusionRule.partial_degradation, counted)
            notes.append("degraded, not down: the SLA ignores it")
        elif mode is PartialDegradation.weighted:
            exclude(ExclusionRule.partial_degradation, counted * (HUNDRED - outage.degraded_percent) / HUNDRED)
            notes.append(f"degraded: counts at {outage.degraded_percent}%")
        else:
            notes.append("degraded: counts in full")
    return Classified(total, counted, tuple(excluded), inside, "; ".join(notes))


def _maintenance(
    outage: Outage,
    exclusions: Exclusions,
    hours: BusinessHours,
    counted: Decimal,
    inside: Decimal,
    exclude: Callable[[ExclusionRule, Decimal], None],
) -> str:
    if not exclusions.planned_maintenance:
        return "planned maintenance: counts (the SLA does not exclude maintenance)"
    needed = exclusions.maintenance_notice_days
    if needed is not None and (outage.notice_days is None or outage.notice_days < needed):
        given = "no notice recorded" if outage.notice_days is None else f"{outage.notice_days} days' notice"
        return f"planned maintenance with {given}, {needed} needed: counts"
    if exclusions.maintenance_outside_business_hours and not hours.always_open:
        outside = max(Decimal(0), counted - inside)
        exclude(ExclusionRule.planned_maintenance, outside)
        if inside > 0:
            return f"planned maintenance: {inside / 60:.2f} minutes inside business hours count, the rest is excluded"
        return "planned maintenance outside business hours: excluded"
    if exclusions.maintenance_outside_business_hours:
        return "planned maintenance: the operation is always open, so it counts"
    exclude(ExclusionRule.planned_maintenance, counted)
    return "planned maintenance: excluded"


def cause_is_carved_out(exclusions: Exclusions, cause: OutageCause) -> bool:
    """True when the SLA excludes outages with this cause (carrier, third party, customer, force majeure)."""
    carve = _CAUSE_RULE.get(cause)
    return carve is not None and bool(getattr(exclusions, carve[1]))
