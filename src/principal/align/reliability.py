"""The reliability and implementation incentive tests, fed from an offer's SLA, fees and milestones."""

from __future__ import annotations

from decimal import Decimal

from principal.align.fee_timing import FeeTiming
from principal.align.incentives import (
    ImplementationTest,
    ReliabilityTest,
    chronic_fire_probability,
    implementation_test,
    reliability_test,
)
from principal.model.deal import Deal
from principal.model.sla import ChronicRemedy, CreditBasis, Sla, Window
from principal.money import Amount
from principal.sla.credits import ceiling_percent
from principal.sla.fee_base import FeeBases
from principal.statements import Count, Share, Statement, say

WINDOW_MONTHS = {Window.month: 1, Window.quarter: 3, Window.year: 12}


def first_miss_percent(sla: Sla) -> Decimal:
    """Credit % a month that just misses earns: the highest uptime rung, or the shortest duration rung."""
    tiers = sla.credits.tiers
    if not tiers:
        return Decimal(0)
    if sla.credits.basis is CreditBasis.uptime:
        return max(tiers, key=lambda t: t.below or Decimal(0)).percent
    return min(tiers, key=lambda t: t.min_minutes or Decimal(0)).percent


def chronic_stake(deal: Deal, offer: str, fees: FeeBases) -> tuple[Amount, Statement]:
    """Monthly equivalent of what the chronic-failure exit puts at stake for the vendor, and how it was computed.

    (P(rule fires in the term | low effort) - P(... | high effort)) x revenue lost on exit / term months, where the
    revenue lost is the monthly fees over half the term (an exit lands mid-term on average).
    """
    o = deal.offers[offer]
    sla = o.sla
    zero = Amount.zero(deal.currency)
    if sla is None:
        return zero, say("no SLA")
    rules = [r for r in sla.chronic if r.remedy in (ChronicRemedy.terminate_affected, ChronicRemedy.terminate_all)]
    if not rules:
        return zero, say("no chronic-failure exit")
    r = rules[0]
    windows = o.term_months // WINDOW_MONTHS[sla.window]
    a = deal.incentives.reliability
    p_low = chronic_fire_probability(a.p_miss_low_effort, r.count, r.within, windows)
    p_high = chronic_fire_probability(a.p_miss_high_effort, r.count, r.within, windows)
    stake = fees.all_monthly * o.term_months / 2
    monthly = (stake * Decimal(str(round(p_low - p_high, 6))) / o.term_months) if o.term_months else zero
    how = say(
        "exit after {misses} misses in {windows} windows fires with probability {p_without} without effort and "
        "{p_with} with it; at stake {stake} (monthly fees over half the term)",
        misses=Count(r.count),
        windows=Count(r.within),
        p_without=Share(p_low),
        p_with=Share(p_high),
        stake=stake,
    )
    return monthly, how


def reliability_for(deal: Deal, offer: str, fees: FeeBases) -> ReliabilityTest | None:
    sla = deal.offers[offer].sla
    if sla is None:
        return None
    names = tuple(c.name for c in sla.components)
    base = fees.monthly(sla.credits.fee_base, names)
    ceiling = base * ceiling_percent(sla.credits) / 100
    credit = min(base * first_miss_percent(sla) / 100, ceiling)
    chronic, how = chronic_stake(deal, offer, fees)
    return reliability_test(
        deal.incentives.reliability,
        fees.all_monthly,
        credit,
        ceiling if sla.credits.cap_percent is not None else None,
        chronic,
        how,
    )


def implementation_for(deal: Deal, timing: FeeTiming) -> ImplementationTest | None:
    if not timing.one_time_total:
        return None
    return implementation_test(deal.incentives.implementation, timing.one_time_total, timing.holdback)
