"""Two SLA designs side by side: their terms, the same outage scenarios replayed through both, and (optionally)
the same simulated outages and the same outage log.

Outages are placed on the components of the design that names more of them (the first design on a tie); a design
with a single platform-wide component counts every outage against it (see `coverage`). Business impact is costed
once, from the richer design's component definitions, so both designs face the same cost.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass
from decimal import Decimal
from zoneinfo import ZoneInfo

from principal.model.deal import Deal
from principal.model.sla import Outage, Sla
from principal.money import Amount
from principal.sla.chronic import describe
from principal.sla.coverage import impact_definitions
from principal.sla.credits import ceiling_percent
from principal.sla.downtime import allowed_minutes, combined_target
from principal.sla.fee_base import FeeBases
from principal.sla.impact import Impact
from principal.sla.replay import ReplayResult, replay_outages
from principal.sla.simulation import SimulationResult
from principal.sla.windows import add_months
from principal.statements import Statement

HUNDRED = Decimal(100)
THIRTY_DAY_MINUTES = Decimal(43200)
FALLBACK_START = dt.date(2025, 1, 1)
SCENARIO_HOUR = dt.time(10, 0)


@dataclass(frozen=True)
class ComponentTerms:
    name: str
    target: Decimal
    allowed_minutes_30_day_month: Decimal


@dataclass(frozen=True)
class DesignSummary:
    offer: str
    label: str | None
    window: str
    computation: str
    combined_target: Decimal | None
    components: tuple[ComponentTerms, ...]
    carved_out: tuple[str, ...]
    maintenance: str
    credit_basis: str
    tiers: tuple[str, ...]
    escalation: str | None
    fee_base: str
    fee_base_monthly: Amount
    cap_percent: Decimal | None
    cap_amount_monthly: Amount
    minimum_credit: Amount
    claim_days: int | None
    future_invoice_only: bool
    sole_remedy: bool | None
    chronic: tuple[Statement, ...]


@dataclass(frozen=True)
class ScenarioOutage:
    component: str
    contract_month: int
    minutes: int


@dataclass(frozen=True)
class ScenarioFigures:
    offer: str
    misses: int
    credits_paid: Amount
    impact: Impact
    coverage_ratio: Decimal | None
    chronic_fires_in_window: int | None


@dataclass(frozen=True)
class Scenario:
    name: str
    outages: tuple[ScenarioOutage, ...]
    figures: tuple[ScenarioFigures, ...]


@dataclass(frozen=True)
class DesignComparison:
    designs: tuple[DesignSummary, ...]
    outage_components: tuple[str, ...]
    scenario_start: dt.date
    scenarios: tuple[Scenario, ...]
    simulation: tuple[SimulationResult, ...] | None
    replay: tuple[ReplayResult, ...] | None


def _sla(deal: Deal, offer: str) -> Sla:
    sla = deal.offer(offer).sla
    if sla is None:
        raise ValueError(f"offer {offer!r} has no SLA")
    return sla


def richest_design(deal: Deal, offers: tuple[str, ...]) -> str:
    """The design naming the most components (the first on a tie): outages are placed on its components."""
    return max(offers, key=lambda name: (len(_sla(deal, name).components), -offers.index(name)))


def outage_components(deal: Deal, offers: tuple[str, ...]) -> tuple[str, ...]:
    return tuple(c.name for c in _sla(deal, richest_design(deal, offers)).components)


def summarise_design(deal: Deal, offer: str, fees: FeeBases) -> DesignSummary:
    sla = _sla(deal, offer)
    credits, ex = sla.credits, sla.exclusions
    base = fees.monthly(credits.fee_base, tuple(c.name for c in sla.components))
    carved = tuple(
        name
        for name, flag in (
            ("carrier", ex.carrier),
            ("third_party", ex.third_party),
            ("customer_caused", ex.customer_caused),
            ("force_majeure", ex.force_majeure),
        )
        if flag
    )
    if not ex.planned_maintenance:
        maintenance = "counts"
    else:
        parts = ["excluded"]
        if ex.maintenance_notice_days is not None:
            parts.append(f"with {ex.maintenance_notice_days} days' notice")
        if ex.maintenance_outside_business_hours:
            parts.append("outside business hours only")
        maintenance = " ".join(parts)
    if credits.basis.value == "uptime":
        tiers = tuple(f"below {t.below}%: {t.percent}%" for t in credits.tiers)
    else:
        tiers = tuple(f"outage of {t.min_minutes}+ min: {t.percent}%" for t in credits.tiers)
    esc = credits.escalation
    escalation = (
        f"+{esc.add_percent} points and x{esc.multiplier} per earlier miss within {esc.repeat_within} windows"
        if esc is not None
        else None
    )
    combined = None if len(sla.components) == 1 and sla.combined_target is None else combined_target(sla)
    if sla.computation.value == "per_component":
        combined = None
    return DesignSummary(
        offer=offer,
        label=deal.offer(offer).label,
        window=sla.window.value,
        computation=sla.computation.value,
        combined_target=combined,
        components=tuple(
            ComponentTerms(c.name, c.target, allowed_minutes(c.target, THIRTY_DAY_MINUTES)) for c in sla.components
        ),
        carved_out=carved,
        maintenance=maintenance,
        credit_basis=credits.basis.value,
        tiers=tiers,
        escalation=escalation,
        fee_base=credits.fee_base.value,
        fee_base_monthly=base,
        cap_percent=credits.cap_percent,
        cap_amount_monthly=base * ceiling_percent(credits) / HUNDRED,
        minimum_credit=Amount(credits.minimum_credit, deal.currency),
        claim_days=credits.claim_days,
        future_invoice_only=credits.future_invoice_only,
        sole_remedy=sla.sole_remedy,
        chronic=tuple(describe(rule, deal.currency) for rule in sla.chronic),
    )


def _first_tuesday(day: dt.date) -> dt.date:
    return day + dt.timedelta(days=(1 - day.weekday()) % 7)


def scenario_outages(deal: Deal, scenario: tuple[ScenarioOutage, ...]) -> list[Outage]:
    """Each outage starts at 10:00 local time on the first Tuesday of its contract month (inside business hours
    for a weekday operation)."""
    zone = ZoneInfo(deal.buyer.business_hours.timezone)
    start = deal.start or FALLBACK_START
    out = []
    for item in scenario:
        day = _first_tuesday(add_months(start, item.contract_month - 1))
        begin = dt.datetime.combine(day, SCENARIO_HOUR, tzinfo=zone)
        out.append(Outage(row=0, start=begin, end=begin + dt.timedelta(minutes=item.minutes), component=item.component))
    return out


def standard_scenarios(components: tuple[str, ...]) -> list[tuple[str, tuple[ScenarioOutage, ...]]]:
    core, others = components[0], components[1:]
    out = [
        (f"{core} down 45 minutes once", (ScenarioOutage(core, 1, 45),)),
        (f"{core} down 4 hours once", (ScenarioOutage(core, 1, 240),)),
        (
            f"{core} down 45 minutes in months 1, 3 and 5",
            tuple(ScenarioOutage(core, m, 45) for m in (1, 3, 5)),
        ),
    ]
    out.extend((f"{other} down 60 minutes once", (ScenarioOutage(other, 1, 60),)) for other in others)
    return out


def compare_designs(
    deal: Deal,
    first: str,
    second: str,
    fee_bases: Mapping[str, FeeBases],
    *,
    simulation: tuple[SimulationResult, ...] | None = None,
    outages: list[Outage] | None = None,
) -> DesignComparison:
    offers = (first, second)
    components = outage_components(deal, offers)
    definitions = impact_definitions(_sla(deal, richest_design(deal, offers)), list(components))
    scenarios: list[Scenario] = []
    start = deal.start or FALLBACK_START
    for name, items in standard_scenarios(components):
        placed = scenario_outages(deal, items)
        figures = []
        for offer in offers:
            result = replay_outages(
                deal, offer, placed, fee_bases[offer], impact_components=definitions, first_day=start
            )
            fired = [c.fires_in_window for c in result.chronic if c.fires_in_window is not None]
            figures.append(
                ScenarioFigures(
                    offer=offer,
                    misses=result.misses,
                    credits_paid=result.credits_paid,
                    impact=result.impact,
                    coverage_ratio=result.coverage_ratio,
                    chronic_fires_in_window=min(fired) if fired else None,
                )
            )
        scenarios.append(Scenario(name, items, tuple(figures)))
    replayed = None
    if outages is not None:
        replayed = tuple(
            replay_outages(deal, offer, outages, fee_bases[offer], impact_components=definitions) for offer in offers
        )
    return DesignComparison(
        designs=tuple(summarise_design(deal, offer, fee_bases[offer]) for offer in offers),
        outage_components=components,
        scenario_start=start,
        scenarios=tuple(scenarios),
        simulation=simulation,
        replay=replayed,
    )
