"""Checklist: KPIs and quality metrics."""

from __future__ import annotations

from principal.align.checks.base import Answer, Check, Group, _bool_check, _check, _f
from principal.align.context import OfferContext
from principal.model.sla import Computation
from principal.statements import say


def check_kpis_reflect_operation(ctx: OfferContext) -> Check:
    rep = ctx.offer.reporting
    return _bool_check(
        ctx,
        "kpis-own",
        Group.kpis,
        "Do the KPIs describe the operation's outcomes rather than what the vendor's reports happen to show?",
        rep.buyer_defined_kpis if rep else None,
        "reporting.buyer_defined_kpis",
        "Ask to define service level, abandonment and uptime KPIs from the operation's targets, "
        "measured from raw data.",
        "Which KPIs will the contract hold you to, and who defines and measures them?",
    )


def check_implementation_metrics(ctx: OfferContext) -> Check:
    impl = ctx.offer.implementation
    return _bool_check(
        ctx,
        "impl-metrics",
        Group.kpis,
        "Are implementation success metrics agreed before kickoff?",
        impl.success_metrics_defined if impl else None,
        "implementation.success_metrics_defined",
        "Ask to fix go-live acceptance criteria (queues, integrations, reports) in the statement of work.",
        "What acceptance criteria will decide that go-live succeeded, and when are they agreed?",
    )


def check_reports_contractual(ctx: OfferContext) -> Check:
    rep = ctx.offer.reporting
    return _bool_check(
        ctx,
        "reports",
        Group.kpis,
        "Are reports listed as contractual deliverables?",
        (rep.contractual if rep.contractual is not None else (True if rep.deliverables else None)) if rep else None,
        "reporting.contractual",
        "Ask to list the daily, weekly and monthly reports as deliverables with due dates.",
        "Which reports are contractual deliverables, with what content and due dates?",
    )


def check_channel_metrics(ctx: OfferContext) -> Check:
    q = "Are voice and digital channels measured separately?"
    rep = ctx.offer.reporting
    if rep is not None and rep.channel_specific_metrics is not None:
        return _bool_check(
            ctx,
            "channel-metrics",
            Group.kpis,
            q,
            rep.channel_specific_metrics,
            "reporting.channel_specific_metrics",
            "Ask for separate voice and digital metrics and SLAs.",
            "",
        )
    sla = ctx.offer.sla
    if sla is not None and len(sla.components) > 1 and sla.computation is Computation.per_component:
        return _check(
            "channel-metrics", Group.kpis, q, Answer.yes, _f(ctx, "sla.components"), say("separate SLA components"), ""
        )
    return _check(
        "channel-metrics",
        Group.kpis,
        q,
        Answer.unknown,
        _f(ctx, "reporting.channel_specific_metrics"),
        say("the offer does not say"),
        "Will voice and digital channels be reported and held to targets separately?",
    )
