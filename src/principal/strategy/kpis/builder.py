"""Turn goals into contract-ready KPIs and test service-level goals against the planned staffing with Erlang C.

A KPI's remedy is a `Statement`: when it quotes money (a chronic-failure exit fee) the amount stays typed, in the
linked deal's currency. Every staffing figure is a finite number or None (an unstable queue has no finite ASA).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal

from principal.model.buyer import BusinessHours
from principal.model.deal import Deal, Offer
from principal.model.sla import CreditBasis, Sla
from principal.money import Amount
from principal.statements import Statement, say
from principal.strategy import erlang
from principal.strategy.kpis.goals import Goal, GoalsFile, Hours, StaffingPlan
from principal.strategy.kpis.library import LIBRARY, Direction, KpiKind, Unit
from principal.strategy.sentences import concat, literal

_DAY_NAMES = {"mon": "Monday", "tue": "Tuesday", "wed": "Wednesday", "thu": "Thursday", "fri": "Friday"}
_DAY_NAMES |= {"sat": "Saturday", "sun": "Sunday"}


@dataclass(frozen=True)
class Kpi:
    """A KPI ready to paste into a contract schedule."""

    kind: KpiKind
    name: str
    definition: str
    formula: str
    data_source: str
    measured_by: str
    window: str
    exclusions: tuple[str, ...]
    target: str
    target_value: Decimal | None
    target_source: str
    cadence: str
    remedy: Statement
    goal_text: str | None
    notes: tuple[str, ...]


@dataclass(frozen=True)
class Feasibility:
    """One service-level (or ASA/occupancy) goal tested on one staffing plan."""

    kpi: KpiKind
    plan: str
    goal: str
    offered_load: float
    positions: int
    agents_on_phones: int
    p_wait: float
    service_level: float | None
    asa_seconds: float | None
    """Mean wait in seconds; None when the queue is unstable (fewer agents than the load: no finite wait)."""
    occupancy: float
    feasible: bool
    agents_needed: int | None
    """None when no staffing up to erlang.MAX_AGENTS meets the goal."""
    positions_needed: int | None
    message: str


@dataclass(frozen=True)
class KpiReport:
    operation: str
    offer: str | None
    kpis: tuple[Kpi, ...]
    feasibility: tuple[Feasibility, ...]
    feasible: bool = field(init=False)
    """True when every staffing check holds."""

    def __post_init__(self) -> None:
        object.__setattr__(self, "feasible", all(item.feasible for item in self.feasibility))

    @property
    def infeasible(self) -> tuple[Feasibility, ...]:
        return tuple(item for item in self.feasibility if not item.feasible)


def build_kpis(goals: GoalsFile, deal: Deal | None = None, offer_name: str | None = None) -> KpiReport:
    """The KPI schedule and the staffing checks for a goals file, with remedies taken from the offer if given."""
    offer = deal.offers[offer_name] if deal is not None and offer_name is not None else None
    hours = goals.business_hours or (deal.buyer.business_hours if deal is not None else BusinessHours())
    currency = deal.currency if deal is not None else None
    kpis = tuple(_kpi(goal, hours, offer, currency) for goal in goals.goals)
    checks: list[Feasibility] = []
    for goal in goals.goals:
        if goal.kpi not in (KpiKind.service_level, KpiKind.asa, KpiKind.occupancy):
            continue
        for plan in _plans_for(goal, goals.staffing):
            checks.append(check_staffing(goal, plan, goal.text or _target(goal, hours)))
    return KpiReport(goals.operation, offer_name, kpis, tuple(checks))


def _plans_for(goal: Goal, plans: tuple[StaffingPlan, ...]) -> list[StaffingPlan]:
    if goal.staffing:
        return [plan for plan in plans if plan.name in goal.staffing]
    return [plan for plan in plans if goal.channel is None or plan.channel is goal.channel]


def _hours_text(hours: BusinessHours) -> str:
    if hours.always_open:
        return "24x7"
    days = [d.value for d in hours.days]
    weekdays = ["mon", "tue", "wed", "thu", "fri"]
    span = "Monday to Friday" if days == weekdays else ", ".join(_DAY_NAMES[d] for d in days)
    return f"{span} {hours.opens:%H:%M}-{hours.closes:%H:%M} ({hours.timezone})"


def _fmt(value: Decimal) -> str:
    return format(value.normalize(), "f")


def _target(goal: Goal, hours: BusinessHours) -> str:
    scope = "around the clock" if goal.hours is Hours.all else f"during business hours, {_hours_text(hours)}"
    channel = f"{goal.channel.value} " if goal.channel is not None else ""
    value = _fmt(goal.target) if goal.target is not None else ""
    match goal.kpi:
        case KpiKind.service_level:
            assert goal.threshold_seconds is not None
            within = _fmt(goal.threshold_seconds)
            return f"at least {value}% of offered {channel}contacts answered within {within} s, {scope}"
        case KpiKind.asa:
            return f"average speed of answer of {channel}contacts at most {value} s, {scope}"
        case KpiKind.aht:
            return f"average handle time of {channel}contacts at most {value} s"
        case KpiKind.mos:
            return f"monthly mean MOS of voice calls at least {value}"
        case KpiKind.abandonment | KpiKind.occupancy:
            word = "at least" if LIBRARY[goal.kpi].direction is Direction.at_least else "at most"
            return f"{word} {value}%" + (f" for {channel}contacts" if channel else "") + f", {scope}"
        case _:
            word = "at least" if LIBRARY[goal.kpi].direction is Direction.at_least else "at most"
            return f"{word} {value}%" + (f" for {channel}contacts" if channel else "")


def _due(goal: Goal) -> str:
    parts: list[str] = []
    if goal.due_day is not None:
        parts.append(f"by {_DAY_NAMES[goal.due_day.value]}")
    if goal.due_business_day is not None:
        parts.append(f"by business day {goal.due_business_day} of the following period")
    if goal.due_time is not None:
        parts.append(f"{goal.due_time:%H:%M}" if parts else f"by {goal.due_time:%H:%M}")
    return " ".join(parts) if parts else "by a due time still to be agreed"


def _kpi(goal: Goal, hours: BusinessHours, offer: Offer | None, currency: str | None) -> Kpi:
    entry = LIBRARY[goal.kpi]
    name = entry.name
    definition = entry.definition
    target = _target(goal, hours) if goal.target is not None else ""
    target_value = goal.target
    source = "goal"
    remedy = literal(entry.remedy)
    notes: list[str] = []
    window = entry.window
    if goal.kpi is KpiKind.uptime:
        assert goal.component is not None
        name = f"{entry.name}: {goal.component.replace('_', ' ')}"
        target_value, source, remedy, uptime_notes = _uptime_terms(goal, offer, remedy, currency)
        notes.extend(uptime_notes)
        target = (
            f"at least {_fmt(target_value)}% per calendar month"
            if target_value is not None
            else "no target: state one in the goal (e.g. 99.95%) or link a deal whose SLA names this component"
        )
    elif goal.kpi is KpiKind.report_delivery:
        assert goal.report is not None and goal.cadence is not None
        name = f"{entry.name}: {goal.report}"
        due = _due(goal)
        local = f" ({hours.timezone})" if goal.due_time is not None else ""
        target = f"every {goal.cadence.value} report delivered complete {due}{local}; 100% on time per quarter"
        target_value = Decimal(100)
        window = f"each {goal.cadence.value} period; scored per calendar quarter"
        remedy, report_notes = _report_terms(goal, offer, remedy)
        notes.extend(report_notes)
    if goal.kpi is KpiKind.service_level and entry.unit is Unit.percent:
        definition = f"{definition} Threshold: {_fmt(goal.threshold_seconds or Decimal(0))} s."
    return Kpi(
        kind=goal.kpi,
        name=name,
        definition=definition,
        formula=entry.formula,
        data_source=entry.data_source,
        measured_by=entry.measured_by,
        window=window,
        exclusions=entry.exclusions,
        target=target,
        target_value=target_value,
        target_source=source,
        cadence=entry.cadence,
        remedy=remedy,
        goal_text=goal.text,
        notes=tuple(notes),
    )


def credit_ladder_text(sla: Sla) -> str:
    """The credit ladder in one sentence, e.g. '5% of monthly fees below 99.95%, 10% below 99.5%, capped at 15%'."""
    credits = sla.credits
    base = {
        "all_monthly": "all monthly fees",
        "component": "the component's monthly fees",
        "usage": "monthly usage fees",
        "licenses": "monthly licence fees",
    }[credits.fee_base.value]
    if not credits.tiers:
        return "no credit ladder stated"
    if credits.basis is CreditBasis.uptime:
        steps = [f"{_fmt(t.percent)}% below {_fmt(t.below or Decimal(0))}%" for t in credits.tiers]
    else:
        steps = [f"{_fmt(t.percent)}% for an outage of {_fmt(t.min_minutes or Decimal(0))} min" for t in credits.tiers]
    text = f"credits of {', '.join(steps)} (share of {base})"
    if credits.cap_percent is not None:
        text += f", capped at {_fmt(credits.cap_percent)}% a window"
    return text


def _uptime_terms(
    goal: Goal, offer: Offer | None, default_remedy: Statement, currency: str | None
) -> tuple[Decimal | None, str, Statement, list[str]]:
    notes: list[str] = []
    if offer is None or offer.sla is None:
        if offer is not None:
            notes.append("the linked offer has no SLA, so a miss has no contractual remedy yet")
        return goal.target, "goal", default_remedy, notes
    assert currency is not None, "an offer comes with its deal, and so with the deal's currency"
    sla = offer.sla
    component = next((c for c in sla.components if c.name == goal.component), None)
    remedy = literal(f"Service credits: {credit_ladder_text(sla)}.")
    watching = [r for r in sla.chronic if not r.components or goal.component in r.components]
    for rule in watching:
        remedy = concat(
            remedy,
            say(
                " Chronic failure: {count} missed months within any {within} give the buyer the right to {right} "
                "services (exit fee {fee}).",
                count=rule.count,
                within=rule.within,
                right=rule.remedy.value.replace("_", " "),
                fee=Amount(rule.termination_fee, currency),
            ),
        )
    if not watching:
        notes.append("no chronic-failure exit covers this component in the offer")
    if component is None:
        names = ", ".join(c.name for c in sla.components)
        notes.append(f"the offer's SLA does not name {goal.component} (it names {names}): ask for it separately")
        return goal.target, "goal", remedy, notes
    if goal.target is None:
        return component.target, "offer SLA", remedy, notes
    if goal.target > component.target:
        notes.append(f"the offer promises {_fmt(component.target)}%, below the goal of {_fmt(goal.target)}%")
    return goal.target, "goal", remedy, notes


def _report_terms(goal: Goal, offer: Offer | None, default_remedy: Statement) -> tuple[Statement, list[str]]:
    if offer is None:
        return default_remedy, []
    reporting = offer.reporting
    if reporting is None or not reporting.contractual:
        return default_remedy, ["the linked offer does not list reports as contractual deliverables: ask for it"]
    holdbacks = [m for fee in offer.one_time_fees for m in fee.milestones if m.holdback]
    remedy = "Contractual deliverable under the offer (" + ", ".join(reporting.deliverables) + ")."
    if holdbacks:
        remedy += f" Delivery is part of the '{holdbacks[0].name}' milestone, held back until accepted."
    return literal(remedy), []


def check_staffing(goal: Goal, plan: StaffingPlan, label: str | None = None) -> Feasibility:
    """Erlang C at the plan's staffing against one goal; how many agents and positions the goal needs."""
    aht = float(plan.aht_seconds)
    load = erlang.offered_load(float(plan.contacts), plan.interval_minutes * 60.0, aht)
    shrinkage = float(plan.shrinkage_percent) / 100.0
    on_phones = erlang.agents_after_shrinkage(plan.positions, shrinkage)
    threshold = float(goal.threshold_seconds) if goal.threshold_seconds is not None else 0.0
    assert goal.target is not None
    target = float(goal.target)
    sl: float | None = None
    if goal.kpi is KpiKind.service_level:
        sl = erlang.service_level(load, on_phones, threshold, aht) if on_phones > 0 else 0.0
        feasible = sl >= target / 100.0
        needed = erlang.agents_needed(load, aht, service_target=target / 100.0, threshold_seconds=threshold)
    elif goal.kpi is KpiKind.asa:
        feasible = on_phones > load and erlang.average_speed_of_answer(load, on_phones, aht) <= target
        needed = erlang.agents_needed(load, aht, max_asa_seconds=target)
    else:
        feasible = on_phones > 0 and load / on_phones <= target / 100.0
        needed = erlang.agents_needed(load, aht, max_occupancy=target / 100.0) if target > 0 else on_phones
    positions_needed = erlang.positions_for(needed, shrinkage) if needed is not None else None
    p_wait = erlang.erlang_c(load, on_phones) if on_phones > 0 else 1.0
    asa_s = erlang.average_speed_of_answer(load, on_phones, aht) if on_phones > load else None
    occ = erlang.occupancy(load, on_phones) if on_phones > 0 else 1.0
    text = label or goal.text or _target(goal, BusinessHours())
    head = (
        f"{plan.name}: {plan.positions} positions at {_fmt(plan.shrinkage_percent)}% shrinkage leave {on_phones} "
        f"agents for {load:.1f} Erlangs"
    )
    if (needed is None or positions_needed is None) and feasible:
        message = f"{head}; the target holds"
    elif needed is None or positions_needed is None:
        message = (
            f"{head}; the target cannot be met: no staffing up to {erlang.MAX_AGENTS:,} agents reaches it "
            "(infeasible: check the contacts, handle time and target)"
        )
    elif feasible:
        message = f"{head}; the target holds (it needs {needed} agents, {positions_needed} positions)"
    elif on_phones <= load:
        message = (
            f"{head}; the target cannot be met: fewer agents than the load, so the queue grows without limit; "
            f"it needs {needed} agents ({positions_needed} positions, {positions_needed - plan.positions} more)"
        )
    else:
        message = (
            f"{head}; the target cannot be met; it needs {needed} agents "
            f"({positions_needed} positions, {positions_needed - plan.positions} more)"
        )
    return Feasibility(
        kpi=goal.kpi,
        plan=plan.name,
        goal=text,
        offered_load=load,
        positions=plan.positions,
        agents_on_phones=on_phones,
        p_wait=p_wait,
        service_level=sl,
        asa_seconds=asa_s,
        occupancy=occ,
        feasible=feasible,
        agents_needed=needed,
        positions_needed=positions_needed,
        message=message,
    )
