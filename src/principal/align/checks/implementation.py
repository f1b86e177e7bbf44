"""Checklist: implementation and fee timing."""

from __future__ import annotations

from decimal import Decimal

from principal.align.checks.base import Answer, Check, Group, _bool_check, _check, _f
from principal.align.context import OfferContext
from principal.statements import Count, Share, say


def check_holdback(ctx: OfferContext) -> Check:
    q = "Is part of the services fee held back until stable operations?"
    if not ctx.offer.one_time_fees:
        return _check(
            "holdback", Group.implementation, q, Answer.yes, _f(ctx, "one_time_fees"), say("no one-time fees"), ""
        )
    held = ctx.timing.holdback
    if held.number > 0:
        share = held.ratio(ctx.timing.one_time_total)
        return _check(
            "holdback",
            Group.implementation,
            q,
            Answer.yes,
            _f(ctx, "one_time_fees[].milestones[].holdback"),
            say("{held} ({held_share}) held back", held=held, held_share=Share(share, 0)),
            "",
        )
    return _check(
        "holdback",
        Group.implementation,
        q,
        Answer.no,
        _f(ctx, "one_time_fees[].milestones"),
        say("nothing is held back"),
        "Ask to hold back 10% of services fees until 60 days of stable operations and reporting delivered.",
    )


def check_paid_on_milestones(ctx: OfferContext) -> Check:
    q = "Is most of the services fee paid only once the service is live?"
    t = ctx.timing
    share = t.share_one_time_before_go_live
    if share is None:
        return _check(
            "fees-before-value",
            Group.implementation,
            q,
            Answer.yes,
            _f(ctx, "one_time_fees"),
            say("no one-time fees"),
            "",
        )
    evidence = say(
        "{before} ({before_share}) is due before go-live in month {go_live}",
        before=t.one_time_before_go_live,
        before_share=Share(share, 0),
        go_live=t.go_live_month,
    )
    if share <= Decimal("0.5"):
        return _check(
            "fees-before-value",
            Group.implementation,
            q,
            Answer.yes,
            _f(ctx, "one_time_fees[].milestones"),
            evidence,
            "",
        )
    return _check(
        "fees-before-value",
        Group.implementation,
        q,
        Answer.no,
        _f(ctx, "one_time_fees[].milestones"),
        evidence,
        "Ask to pay services on milestones: design, UAT, go-live and stable operations.",
    )


def check_billing_waits_for_go_live(ctx: OfferContext) -> Check:
    q = "Does recurring billing wait for go-live?"
    impl = ctx.offer.implementation
    t = ctx.timing
    if impl is None or (impl.billing_start_month is None and impl.billing_tied_to_go_live is None):
        return _check(
            "billing-start",
            Group.implementation,
            q,
            Answer.unknown,
            _f(ctx, "implementation.billing_start_month"),
            say("the offer does not say"),
            "When does subscription billing start, and does it move if go-live slips?",
        )
    if impl.billing_tied_to_go_live or t.billing_start_month >= t.go_live_month:
        return _check(
            "billing-start",
            Group.implementation,
            q,
            Answer.yes,
            _f(ctx, "implementation"),
            say("billing starts at go-live"),
            "",
        )
    return _check(
        "billing-start",
        Group.implementation,
        q,
        Answer.no,
        _f(ctx, "implementation.billing_start_month"),
        say(
            "{billed} of subscription fees falls due in the {months} months before go-live",
            billed=t.recurring_before_go_live,
            months=Count(t.billing_before_go_live_months),
        ),
        "Ask that subscription billing starts at go-live, or that fees before go-live are credited if it slips.",
    )


def check_key_personnel(ctx: OfferContext) -> Check:
    kp = ctx.offer.implementation.key_personnel if ctx.offer.implementation else None
    return _bool_check(
        ctx,
        "key-personnel",
        Group.implementation,
        "Must the vendor get approval before replacing named key people?",
        kp.approval_before_substitution if kp else None,
        "implementation.key_personnel.approval_before_substitution",
        "Ask to name the solution architect and project manager and to approve any substitution.",
        "Who are the named project roles, and can they be replaced without our approval?",
    )
