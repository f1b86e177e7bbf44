"""Checklist: risk, exit and price-increase terms."""

from __future__ import annotations

from principal.align.checks.base import Answer, Check, Group, _bool_check, _check, _f
from principal.align.context import OfferContext
from principal.cost.schedule import schedule
from principal.model.pricing import UpliftKind
from principal.statements import Percent, say


def check_uplift_capped(ctx: OfferContext) -> Check:
    q = "Are price increases held at or below about 3% (or CPI with a cap)?"
    up = ctx.offer.uplift
    if up is None or up.kind is UpliftKind.none:
        return _check("uplift", Group.exit, q, Answer.yes, _f(ctx, "uplift"), say("no uplift during the term"), "")
    without = schedule(ctx.deal, ctx.name, offer=ctx.offer.model_copy(update={"uplift": None}))
    adds = say("; adds {added} over the term", added=ctx.money(ctx.schedule.total - without.total))
    if up.kind is UpliftKind.fixed:
        assert up.percent is not None
        ok = up.percent <= 3
        return _check(
            "uplift",
            Group.exit,
            q,
            Answer.yes if ok else Answer.no,
            _f(ctx, "uplift.percent"),
            say("{uplift} a year from year {from_year}", uplift=Percent(up.percent), from_year=up.from_year) + adds,
            "" if ok else "Ask for uplifts of the lower of CPI and 3%, and none in the first renewal year.",
        )
    if up.cap is None:
        return _check(
            "uplift",
            Group.exit,
            q,
            Answer.no,
            _f(ctx, "uplift.cap"),
            say("CPI-linked with no cap") + adds,
            "Ask for a cap on the CPI-linked uplift (3% or less).",
        )
    ok = up.cap <= 5
    return _check(
        "uplift",
        Group.exit,
        q,
        Answer.yes if ok else Answer.no,
        _f(ctx, "uplift.cap"),
        say("CPI-linked, capped at {cpi_cap}", cpi_cap=Percent(up.cap)) + adds,
        "" if ok else "Ask to lower the CPI cap to 3-5%.",
    )


def check_seat_reduction(ctx: OfferContext) -> Check:
    sr = ctx.offer.exit.seat_reduction if ctx.offer.exit else None
    return _bool_check(
        ctx,
        "seat-reduction",
        Group.exit,
        "Can committed seats be reduced at renewal or after automation?",
        sr.allowed if sr else None,
        "exit.seat_reduction.allowed",
        "Ask for the right to cut seats by up to 20% at each anniversary and after automation projects.",
        "Can we reduce committed seats at renewal or when automation lowers headcount, and by how much?",
    )


def check_data_export(ctx: OfferContext) -> Check:
    de = ctx.offer.exit.data_export if ctx.offer.exit else None
    return _bool_check(
        ctx,
        "data-export",
        Group.exit,
        "Is a full data export included at exit?",
        de.included if de else None,
        "exit.data_export.included",
        "Ask for a complete export (recordings, transcripts, configuration, reports) at no charge within 30 days.",
        "What data can we export at exit, in what format, how fast and at what price?",
    )


def check_transition_rates(ctx: OfferContext) -> Check:
    ta = ctx.offer.exit.transition_assistance if ctx.offer.exit else None
    q = "Are transition assistance rates agreed in advance?"
    if ta is None or (ta.included is None and ta.rate_per_hour is None):
        return _check(
            "transition",
            Group.exit,
            q,
            Answer.unknown,
            _f(ctx, "exit.transition_assistance"),
            say("the offer does not say"),
            "What will transition assistance to a new provider cost per hour, and for how long is it available?",
        )
    if ta.rate_per_hour is not None:
        return _check(
            "transition",
            Group.exit,
            q,
            Answer.yes,
            _f(ctx, "exit.transition_assistance.rate_per_hour"),
            say("{hourly} an hour", hourly=ctx.money(ta.rate_per_hour))
            + (say(" for {months} months", months=ta.months) if ta.months else say("")),
            "",
        )
    return _check(
        "transition",
        Group.exit,
        q,
        Answer.no,
        _f(ctx, "exit.transition_assistance.rate_per_hour"),
        say("assistance offered without an agreed rate"),
        "Ask to fix the hourly rate for transition assistance now.",
    )


def check_terminate_modules(ctx: OfferContext) -> Check:
    q = "Can an underperforming module be terminated on its own?"
    ex = ctx.offer.exit
    if ex is not None and ex.terminate_affected_modules is not None:
        return _bool_check(
            ctx,
            "module-exit",
            Group.exit,
            q,
            ex.terminate_affected_modules,
            "exit.terminate_affected_modules",
            "Ask for the right to terminate only the failing module with a matching fee reduction.",
            "",
        )
    sla = ctx.offer.sla
    if sla is not None and any(r.remedy.value == "terminate_affected" for r in sla.chronic):
        return _check(
            "module-exit",
            Group.exit,
            q,
            Answer.yes,
            _f(ctx, "sla.chronic"),
            say("the chronic rule lets the buyer exit affected services"),
            "",
        )
    return _check(
        "module-exit",
        Group.exit,
        q,
        Answer.unknown,
        _f(ctx, "exit.terminate_affected_modules"),
        say("the offer does not say"),
        "If one module keeps failing, can we terminate it alone and stop paying for it?",
    )
