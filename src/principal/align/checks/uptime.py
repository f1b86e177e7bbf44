"""Checklist: SLA and uptime terms."""

from __future__ import annotations

from decimal import Decimal

from principal.align.checks.base import Answer, Check, Group, _check, _f
from principal.align.context import OfferContext
from principal.model.sla import Computation
from principal.statements import Count, Share, say


def check_components_measured(ctx: OfferContext) -> Check:
    q = "Is uptime measured for each component agents depend on (voice routing, agent desktop, digital)?"
    sla = ctx.offer.sla
    if sla is None:
        return _check(
            "sla-components",
            Group.sla,
            q,
            Answer.unknown,
            _f(ctx, "sla"),
            say("no SLA in the offer"),
            "What availability do you commit to for voice routing, agent login and digital channels?",
        )
    names = [c.name for c in sla.components]
    if sla.computation is Computation.per_component and len(names) > 1:
        return _check(
            "sla-components",
            Group.sla,
            q,
            Answer.yes,
            _f(ctx, "sla.components"),
            say("per component: {components}", components=", ".join(names)),
            "",
        )
    how = "averaged" if sla.computation is Computation.averaged else sla.computation.value
    return _check(
        "sla-components",
        Group.sla,
        q,
        Answer.no,
        _f(ctx, "sla.computation"),
        say("one {how} figure over {components}", how=how, components=", ".join(names)),
        "Ask for separate targets for voice routing, agent desktop and digital channels.",
    )


def check_exclusions_narrow(ctx: OfferContext) -> Check:
    q = "Are exclusions narrow and auditable?"
    sla = ctx.offer.sla
    if sla is None:
        return _check(
            "sla-exclusions",
            Group.sla,
            q,
            Answer.unknown,
            _f(ctx, "sla.exclusions"),
            say("no SLA in the offer"),
            "Which outages does the SLA not count?",
        )
    ex = sla.exclusions
    if ex.planned_maintenance and (ex.maintenance_notice_days is None or not ex.maintenance_outside_business_hours):
        return _check(
            "sla-exclusions",
            Group.sla,
            q,
            Answer.no,
            _f(ctx, "sla.exclusions.planned_maintenance"),
            say("planned maintenance is excluded without notice and hours conditions"),
            "Ask that maintenance is excluded only with 7 days' notice and outside agreed business hours.",
        )
    carve = [n for n, flag in (("carrier", ex.carrier), ("third-party", ex.third_party)) if flag]
    note = say("maintenance excluded only with notice and outside business hours")
    if carve:
        note += say("; still carved out: {carved}", carved=", ".join(carve))
    return _check("sla-exclusions", Group.sla, q, Answer.yes, _f(ctx, "sla.exclusions"), note, "")


def check_credits_escalate(ctx: OfferContext) -> Check:
    q = "Do credits escalate for repeat misses?"
    sla = ctx.offer.sla
    if sla is None:
        return _check(
            "credit-escalation",
            Group.sla,
            q,
            Answer.unknown,
            _f(ctx, "sla.credits"),
            say("no SLA in the offer"),
            "What credits apply, and do they grow when misses repeat?",
        )
    if sla.credits.escalation is not None:
        e = sla.credits.escalation
        return _check(
            "credit-escalation",
            Group.sla,
            q,
            Answer.yes,
            _f(ctx, "sla.credits.escalation"),
            say(
                "+{points} points (x{multiplier}) for a miss within {within} windows of the last",
                points=Count(e.add_percent),
                multiplier=Count(e.multiplier),
                within=Count(e.repeat_within),
            ),
            "",
        )
    return _check(
        "credit-escalation",
        Group.sla,
        q,
        Answer.no,
        _f(ctx, "sla.credits.escalation"),
        say("the same credit however often it misses"),
        "Ask for credits that step up for a second and third miss within six months.",
    )


def check_chronic_exit(ctx: OfferContext) -> Check:
    q = "Is there a chronic-failure termination right?"
    sla = ctx.offer.sla
    if sla is None:
        return _check(
            "chronic-exit",
            Group.sla,
            q,
            Answer.unknown,
            _f(ctx, "sla.chronic"),
            say("no SLA in the offer"),
            "Can we leave if the service keeps missing its targets?",
        )
    if sla.chronic:
        r = sla.chronic[0]
        return _check(
            "chronic-exit",
            Group.sla,
            q,
            Answer.yes,
            _f(ctx, "sla.chronic"),
            say(
                "{misses} misses in any {within} windows: {remedy}",
                misses=Count(r.count),
                within=Count(r.within),
                remedy=r.remedy.value.replace("_", " "),
            ),
            "",
        )
    return _check(
        "chronic-exit",
        Group.sla,
        q,
        Answer.no,
        _f(ctx, "sla.chronic"),
        say("no chronic-failure rule"),
        "Ask for the right to exit the affected services without penalty after 3 misses in any rolling 6 months.",
    )


def check_credits_meaningful(ctx: OfferContext) -> Check:
    q = "Do credits pay back a meaningful share (a quarter or more) of a severe outage's cost?"
    cov = ctx.severe_outage_coverage
    if ctx.offer.sla is None or cov is None:
        return _check(
            "credit-coverage",
            Group.sla,
            q,
            Answer.unknown,
            _f(ctx, "sla.credits"),
            say("no SLA or no downtime cost to compare"),
            "What would a four-hour voice outage earn us in credits?",
        )
    evidence = say("credits cover {covered} of the severe outage's business impact", covered=Share(cov))
    ok = cov >= Decimal("0.25")
    return _check(
        "credit-coverage",
        Group.sla,
        q,
        Answer.yes if ok else Answer.no,
        _f(ctx, "sla.credits.cap_percent"),
        evidence,
        "" if ok else "Ask to raise the credit cap and the top tier so a severe month costs the vendor real money.",
    )
