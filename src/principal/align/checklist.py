"""The buyer's checklist, answered from the deal: yes (good for the buyer), no, or unknown (ask the vendor).

Every check is one function `check_*(ctx) -> Check` of the same shape; `CHECKS` lists them in order. An offer
that leaves a field out yields "unknown" and a question, never a guess.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from decimal import Decimal
from enum import StrEnum

from principal.align.context import OfferContext, is_ai_meter
from principal.model.pricing import RateCardKind, UpliftKind
from principal.model.sla import Computation


class Answer(StrEnum):
    yes = "yes"
    no = "no"
    unknown = "unknown"


class Group(StrEnum):
    pricing = "pricing model"
    kpis = "KPIs and quality metrics"
    sla = "SLA and uptime"
    implementation = "implementation"
    exit = "risk and exit"


@dataclass(frozen=True)
class Check:
    id: str
    group: Group
    question: str
    answer: Answer
    field: str
    evidence: str
    ask: str
    """What to put to the vendor (for unknown) or to ask for (for no)."""


def _check(
    id_: str, group: Group, question: str, answer: Answer, field: str, evidence: str, ask: str
) -> Check:
    return Check(id_, group, question, answer, field, evidence, ask)


def _f(ctx: OfferContext, path: str) -> str:
    return f"offers.{ctx.name}.{path}"


def check_usage_share_bounded(ctx: OfferContext) -> Check:
    share = ctx.schedule.usage_share
    q = "Is the usage-based part of the spend known and bounded?"
    evidence = f"{float(share) * 100:.1f}% of the term's spend is usage-based at the plan"
    if share == 0:
        return _check("usage-share", Group.pricing, q, Answer.yes, _f(ctx, "usage"), "no usage charges", "")
    if ctx.offer.usage_cap is not None:
        return _check("usage-share", Group.pricing, q, Answer.yes, _f(ctx, "usage_cap"), evidence + "; a cap bounds it", "")
    return _check(
        "usage-share", Group.pricing, q, Answer.no, _f(ctx, "usage_cap"), evidence + " and nothing bounds it",
        "Ask for an annual not-to-exceed amount on usage charges tied to the agreed forecast.",
    )


def check_usage_needs_approval(ctx: OfferContext) -> Check:
    q = "Does every usage element need fresh approval before it can grow past the plan?"
    cap = ctx.offer.usage_cap
    meters = [m.name for m in ctx.offer.usage]
    if not meters:
        return _check("usage-approval", Group.pricing, q, Answer.yes, _f(ctx, "usage"), "no usage meters", "")
    uncovered = [m for m in meters if cap is None or (cap.meters and m not in cap.meters)]
    if not uncovered:
        return _check("usage-approval", Group.pricing, q, Answer.yes, _f(ctx, "usage_cap.meters"), "every meter is under the cap", "")
    return _check(
        "usage-approval", Group.pricing, q, Answer.no, _f(ctx, "usage_cap.meters"),
        f"can grow without approval: {', '.join(uncovered)}",
        f"Ask that growth in {', '.join(uncovered)} beyond the forecast needs a written change order.",
    )


def check_rates_step_down(ctx: OfferContext) -> Check:
    q = "Do usage rates step down automatically as volume grows?"
    banded = [m.name for m in ctx.offer.usage if m.rate_card.kind is not RateCardKind.flat]
    flat = [m.name for m in ctx.offer.usage if m.rate_card.kind is RateCardKind.flat]
    if not ctx.offer.usage:
        return _check("rate-bands", Group.pricing, q, Answer.yes, _f(ctx, "usage"), "no usage meters", "")
    if banded:
        evidence = f"banded: {', '.join(banded)}" + (f"; flat: {', '.join(flat)}" if flat else "")
        return _check("rate-bands", Group.pricing, q, Answer.yes, _f(ctx, "usage[].rate_card"), evidence, "")
    return _check(
        "rate-bands", Group.pricing, q, Answer.no, _f(ctx, "usage[].rate_card"), f"flat rates only: {', '.join(flat)}",
        "Ask for volume bands on the largest meters so unit prices fall as volume grows.",
    )


def check_cap_or_collar(ctx: OfferContext) -> Check:
    q = "Is there a not-to-exceed cap or budget collar on forecast usage?"
    cap = ctx.offer.usage_cap
    if cap is None:
        return _check(
            "usage-cap", Group.pricing, q, Answer.no, _f(ctx, "usage_cap"), "no cap in the offer",
            "Ask to cap annual usage charges at 110% of the forecast unless the buyer adds countries or channels.",
        )
    basis = f"{cap.percent_of_forecast}% of forecast" if cap.percent_of_forecast is not None else f"{cap.amount} a {cap.period.value}"
    return _check("usage-cap", Group.pricing, q, Answer.yes, _f(ctx, "usage_cap"), f"cap at {basis}", "")


def check_ai_opt_in(ctx: OfferContext) -> Check:
    q = "Are AI features opt-in rather than billing by default?"
    ai = [m for m in ctx.offer.usage if is_ai_meter(m)]
    if not ai:
        return _check("ai-opt-in", Group.pricing, q, Answer.yes, _f(ctx, "usage"), "no AI meters in the offer", "")
    off = [m.name for m in ai if m.opt_in is False]
    unknown = [m.name for m in ai if m.opt_in is None]
    if off:
        return _check(
            "ai-opt-in", Group.pricing, q, Answer.no, _f(ctx, "usage[].opt_in"), f"bill by default: {', '.join(off)}",
            f"Ask that {', '.join(off)} bill only after the buyer switches them on in writing.",
        )
    if unknown:
        return _check(
            "ai-opt-in", Group.pricing, q, Answer.unknown, _f(ctx, "usage[].opt_in"), f"not stated for: {', '.join(unknown)}",
            f"Do {', '.join(unknown)} create billable events before we switch them on, for example inside default flows?",
        )
    return _check("ai-opt-in", Group.pricing, q, Answer.yes, _f(ctx, "usage[].opt_in"), "every AI meter is opt-in", "")


def check_uplift_capped(ctx: OfferContext) -> Check:
    q = "Are price increases held at or below about 3% (or CPI with a cap)?"
    up = ctx.offer.uplift
    if up is None or up.kind is UpliftKind.none:
        return _check("uplift", Group.exit, q, Answer.yes, _f(ctx, "uplift"), "no uplift during the term", "")
    if up.kind is UpliftKind.fixed:
        assert up.percent is not None
        ok = up.percent <= 3
        return _check(
            "uplift", Group.exit, q, Answer.yes if ok else Answer.no, _f(ctx, "uplift.percent"),
            f"{up.percent}% a year from year {up.from_year}",
            "" if ok else "Ask for uplifts of the lower of CPI and 3%, and none in the first renewal year.",
        )
    if up.cap is None:
        return _check(
            "uplift", Group.exit, q, Answer.no, _f(ctx, "uplift.cap"), "CPI-linked with no cap",
            "Ask for a cap on the CPI-linked uplift (3% or less).",
        )
    ok = up.cap <= 5
    return _check(
        "uplift", Group.exit, q, Answer.yes if ok else Answer.no, _f(ctx, "uplift.cap"), f"CPI-linked, capped at {up.cap}%",
        "" if ok else "Ask to lower the CPI cap to 3-5%.",
    )


def _bool_check(
    ctx: OfferContext, id_: str, group: Group, question: str, value: bool | None, field: str, ask_no: str, ask_unknown: str
) -> Check:
    if value is None:
        return _check(id_, group, question, Answer.unknown, _f(ctx, field), "the offer does not say", ask_unknown)
    if value:
        return _check(id_, group, question, Answer.yes, _f(ctx, field), "stated in the offer", "")
    return _check(id_, group, question, Answer.no, _f(ctx, field), "the offer says no", ask_no)


def check_kpis_reflect_operation(ctx: OfferContext) -> Check:
    rep = ctx.offer.reporting
    return _bool_check(
        ctx, "kpis-own", Group.kpis, "Do the KPIs describe the operation's outcomes rather than what the vendor's reports happen to show?",
        rep.buyer_defined_kpis if rep else None, "reporting.buyer_defined_kpis",
        "Ask to define service level, abandonment and uptime KPIs from the operation's targets, measured from raw data.",
        "Which KPIs will the contract hold you to, and who defines and measures them?",
    )


def check_implementation_metrics(ctx: OfferContext) -> Check:
    impl = ctx.offer.implementation
    return _bool_check(
        ctx, "impl-metrics", Group.kpis, "Are implementation success metrics agreed before kickoff?",
        impl.success_metrics_defined if impl else None, "implementation.success_metrics_defined",
        "Ask to fix go-live acceptance criteria (queues, integrations, reports) in the statement of work.",
        "What acceptance criteria will decide that go-live succeeded, and when are they agreed?",
    )


def check_reports_contractual(ctx: OfferContext) -> Check:
    rep = ctx.offer.reporting
    return _bool_check(
        ctx, "reports", Group.kpis, "Are reports listed as contractual deliverables?",
        (rep.contractual if rep.contractual is not None else (True if rep.deliverables else None)) if rep else None,
        "reporting.contractual",
        "Ask to list the daily, weekly and monthly reports as deliverables with due dates.",
        "Which reports are contractual deliverables, with what content and due dates?",
    )


def check_channel_metrics(ctx: OfferContext) -> Check:
    q = "Are voice and digital channels measured separately?"
    rep = ctx.offer.reporting
    if rep is not None and rep.channel_specific_metrics is not None:
        return _bool_check(ctx, "channel-metrics", Group.kpis, q, rep.channel_specific_metrics, "reporting.channel_specific_metrics",
                           "Ask for separate voice and digital metrics and SLAs.", "")
    sla = ctx.offer.sla
    if sla is not None and len(sla.components) > 1 and sla.computation is Computation.per_component:
        return _check("channel-metrics", Group.kpis, q, Answer.yes, _f(ctx, "sla.components"), "separate SLA components", "")
    return _check("channel-metrics", Group.kpis, q, Answer.unknown, _f(ctx, "reporting.channel_specific_metrics"),
                  "the offer does not say", "Will voice and digital channels be reported and held to targets separately?")


def check_components_measured(ctx: OfferContext) -> Check:
    q = "Is uptime measured for each component agents depend on (voice routing, agent desktop, digital)?"
    sla = ctx.offer.sla
    if sla is None:
        return _check("sla-components", Group.sla, q, Answer.unknown, _f(ctx, "sla"), "no SLA in the offer",
                      "What availability do you commit to for voice routing, agent login and digital channels?")
    names = [c.name for c in sla.components]
    if sla.computation is Computation.per_component and len(names) > 1:
        return _check("sla-components", Group.sla, q, Answer.yes, _f(ctx, "sla.components"), "per component: " + ", ".join(names), "")
    how = "averaged" if sla.computation is Computation.averaged else sla.computation.value
    return _check("sla-components", Group.sla, q, Answer.no, _f(ctx, "sla.computation"), f"one {how} figure over {', '.join(names)}",
                  "Ask for separate targets for voice routing, agent desktop and digital channels.")


def check_exclusions_narrow(ctx: OfferContext) -> Check:
    q = "Are exclusions narrow and auditable?"
    sla = ctx.offer.sla
    if sla is None:
        return _check("sla-exclusions", Group.sla, q, Answer.unknown, _f(ctx, "sla.exclusions"), "no SLA in the offer",
                      "Which outages does the SLA not count?")
    ex = sla.exclusions
    if ex.planned_maintenance and (ex.maintenance_notice_days is None or not ex.maintenance_outside_business_hours):
        return _check("sla-exclusions", Group.sla, q, Answer.no, _f(ctx, "sla.exclusions.planned_maintenance"),
                      "planned maintenance is excluded without notice and hours conditions",
                      "Ask that maintenance is excluded only with 7 days' notice and outside agreed business hours.")
    carve = [n for n, flag in (("carrier", ex.carrier), ("third-party", ex.third_party)) if flag]
    note = "maintenance excluded only with notice and outside business hours"
    if carve:
        note += f"; still carved out: {', '.join(carve)}"
    return _check("sla-exclusions", Group.sla, q, Answer.yes, _f(ctx, "sla.exclusions"), note, "")


def check_credits_escalate(ctx: OfferContext) -> Check:
    q = "Do credits escalate for repeat misses?"
    sla = ctx.offer.sla
    if sla is None:
        return _check("credit-escalation", Group.sla, q, Answer.unknown, _f(ctx, "sla.credits"), "no SLA in the offer",
                      "What credits apply, and do they grow when misses repeat?")
    if sla.credits.escalation is not None:
        e = sla.credits.escalation
        return _check("credit-escalation", Group.sla, q, Answer.yes, _f(ctx, "sla.credits.escalation"),
                      f"+{e.add_percent} points (x{e.multiplier}) for a miss within {e.repeat_within} windows of the last", "")
    return _check("credit-escalation", Group.sla, q, Answer.no, _f(ctx, "sla.credits.escalation"), "the same credit however often it misses",
                  "Ask for credits that step up for a second and third miss within six months.")


def check_chronic_exit(ctx: OfferContext) -> Check:
    q = "Is there a chronic-failure termination right?"
    sla = ctx.offer.sla
    if sla is None:
        return _check("chronic-exit", Group.sla, q, Answer.unknown, _f(ctx, "sla.chronic"), "no SLA in the offer",
                      "Can we leave if the service keeps missing its targets?")
    if sla.chronic:
        r = sla.chronic[0]
        return _check("chronic-exit", Group.sla, q, Answer.yes, _f(ctx, "sla.chronic"),
                      f"{r.count} misses in any {r.within} windows: {r.remedy.value.replace('_', ' ')}", "")
    return _check("chronic-exit", Group.sla, q, Answer.no, _f(ctx, "sla.chronic"), "no chronic-failure rule",
                  "Ask for the right to exit the affected services without penalty after 3 misses in any rolling 6 months.")


def check_credits_meaningful(ctx: OfferContext) -> Check:
    q = "Do credits pay back a meaningful share (a quarter or more) of a severe outage's cost?"
    cov = ctx.severe_outage_coverage
    if ctx.offer.sla is None or cov is None:
        return _check("credit-coverage", Group.sla, q, Answer.unknown, _f(ctx, "sla.credits"), "no SLA or no downtime cost to compare",
                      "What would a four-hour voice outage earn us in credits?")
    evidence = f"credits cover {float(cov) * 100:.1f}% of the severe outage's business impact"
    ok = cov >= Decimal("0.25")
    return _check("credit-coverage", Group.sla, q, Answer.yes if ok else Answer.no, _f(ctx, "sla.credits.cap_percent"), evidence,
                  "" if ok else "Ask to raise the credit cap and the top tier so a severe month costs the vendor real money.")


def check_seat_reduction(ctx: OfferContext) -> Check:
    sr = ctx.offer.exit.seat_reduction if ctx.offer.exit else None
    return _bool_check(
        ctx, "seat-reduction", Group.exit, "Can committed seats be reduced at renewal or after automation?",
        sr.allowed if sr else None, "exit.seat_reduction.allowed",
        "Ask for the right to cut seats by up to 20% at each anniversary and after automation projects.",
        "Can we reduce committed seats at renewal or when automation lowers headcount, and by how much?",
    )


def check_data_export(ctx: OfferContext) -> Check:
    de = ctx.offer.exit.data_export if ctx.offer.exit else None
    return _bool_check(
        ctx, "data-export", Group.exit, "Is a full data export included at exit?",
        de.included if de else None, "exit.data_export.included",
        "Ask for a complete export (recordings, transcripts, configuration, reports) at no charge within 30 days.",
        "What data can we export at exit, in what format, how fast and at what price?",
    )


def check_transition_rates(ctx: OfferContext) -> Check:
    ta = ctx.offer.exit.transition_assistance if ctx.offer.exit else None
    q = "Are transition assistance rates agreed in advance?"
    if ta is None or (ta.included is None and ta.rate_per_hour is None):
        return _check("transition", Group.exit, q, Answer.unknown, _f(ctx, "exit.transition_assistance"), "the offer does not say",
                      "What will transition assistance to a new provider cost per hour, and for how long is it available?")
    if ta.rate_per_hour is not None:
        return _check("transition", Group.exit, q, Answer.yes, _f(ctx, "exit.transition_assistance.rate_per_hour"),
                      f"{ta.rate_per_hour} an hour" + (f" for {ta.months} months" if ta.months else ""), "")
    return _check("transition", Group.exit, q, Answer.no, _f(ctx, "exit.transition_assistance.rate_per_hour"),
                  "assistance offered without an agreed rate", "Ask to fix the hourly rate for transition assistance now.")


def check_terminate_modules(ctx: OfferContext) -> Check:
    q = "Can an underperforming module be terminated on its own?"
    ex = ctx.offer.exit
    if ex is not None and ex.terminate_affected_modules is not None:
        return _bool_check(ctx, "module-exit", Group.exit, q, ex.terminate_affected_modules, "exit.terminate_affected_modules",
                           "Ask for the right to terminate only the failing module with a matching fee reduction.", "")
    sla = ctx.offer.sla
    if sla is not None and any(r.remedy.value == "terminate_affected" for r in sla.chronic):
        return _check("module-exit", Group.exit, q, Answer.yes, _f(ctx, "sla.chronic"), "the chronic rule lets the buyer exit affected services", "")
    return _check("module-exit", Group.exit, q, Answer.unknown, _f(ctx, "exit.terminate_affected_modules"), "the offer does not say",
                  "If one module keeps failing, can we terminate it alone and stop paying for it?")


def check_holdback(ctx: OfferContext) -> Check:
    q = "Is part of the services fee held back until stable operations?"
    if not ctx.offer.one_time_fees:
        return _check("holdback", Group.implementation, q, Answer.yes, _f(ctx, "one_time_fees"), "no one-time fees", "")
    held = ctx.timing.holdback
    if held > 0:
        share = held / ctx.timing.one_time_total
        return _check("holdback", Group.implementation, q, Answer.yes, _f(ctx, "one_time_fees[].milestones[].holdback"),
                      f"{held:,.2f} ({float(share) * 100:.0f}%) held back", "")
    return _check("holdback", Group.implementation, q, Answer.no, _f(ctx, "one_time_fees[].milestones"), "nothing is held back",
                  "Ask to hold back 10% of services fees until 60 days of stable operations and reporting delivered.")


def check_paid_on_milestones(ctx: OfferContext) -> Check:
    q = "Is most of the services fee paid only once the service is live?"
    t = ctx.timing
    if not t.one_time_total:
        return _check("fees-before-value", Group.implementation, q, Answer.yes, _f(ctx, "one_time_fees"), "no one-time fees", "")
    share = t.share_one_time_before_go_live
    evidence = f"{t.one_time_before_go_live:,.2f} ({float(share) * 100:.0f}%) is due before go-live in month {t.go_live_month}"
    if share <= Decimal("0.5"):
        return _check("fees-before-value", Group.implementation, q, Answer.yes, _f(ctx, "one_time_fees[].milestones"), evidence, "")
    return _check("fees-before-value", Group.implementation, q, Answer.no, _f(ctx, "one_time_fees[].milestones"), evidence,
                  "Ask to pay services on milestones: design, UAT, go-live and stable operations.")


def check_billing_waits_for_go_live(ctx: OfferContext) -> Check:
    q = "Does recurring billing wait for go-live?"
    impl = ctx.offer.implementation
    t = ctx.timing
    if impl is None or impl.billing_start_month is None and impl.billing_tied_to_go_live is None:
        return _check("billing-start", Group.implementation, q, Answer.unknown, _f(ctx, "implementation.billing_start_month"),
                      "the offer does not say", "When does subscription billing start, and does it move if go-live slips?")
    if impl.billing_tied_to_go_live or t.billing_start_month >= t.go_live_month:
        return _check("billing-start", Group.implementation, q, Answer.yes, _f(ctx, "implementation"), "billing starts at go-live", "")
    return _check("billing-start", Group.implementation, q, Answer.no, _f(ctx, "implementation.billing_start_month"),
                  f"{t.recurring_before_go_live:,.2f} of subscription fees falls due in the {t.billing_before_go_live_months} months before go-live",
                  "Ask that subscription billing starts at go-live, or that fees before go-live are credited if it slips.")


def check_key_personnel(ctx: OfferContext) -> Check:
    kp = ctx.offer.implementation.key_personnel if ctx.offer.implementation else None
    return _bool_check(
        ctx, "key-personnel", Group.implementation, "Must the vendor get approval before replacing named key people?",
        kp.approval_before_substitution if kp else None, "implementation.key_personnel.approval_before_substitution",
        "Ask to name the solution architect and project manager and to approve any substitution.",
        "Who are the named project roles, and can they be replaced without our approval?",
    )


CHECKS: tuple[Callable[[OfferContext], Check], ...] = (
    check_usage_share_bounded,
    check_usage_needs_approval,
    check_rates_step_down,
    check_cap_or_collar,
    check_ai_opt_in,
    check_kpis_reflect_operation,
    check_implementation_metrics,
    check_reports_contractual,
    check_channel_metrics,
    check_components_measured,
    check_exclusions_narrow,
    check_credits_escalate,
    check_chronic_exit,
    check_credits_meaningful,
    check_holdback,
    check_paid_on_milestones,
    check_billing_waits_for_go_live,
    check_key_personnel,
    check_uplift_capped,
    check_seat_reduction,
    check_data_export,
    check_transition_rates,
    check_terminate_modules,
)


def run_checklist(ctx: OfferContext) -> tuple[Check, ...]:
    return tuple(check(ctx) for check in CHECKS)


def questions(checks: tuple[Check, ...]) -> tuple[str, ...]:
    """What to put to the vendor: the question behind every unknown answer."""
    return tuple(c.ask for c in checks if c.answer is Answer.unknown and c.ask)

