"""Checklist: the pricing model."""

from __future__ import annotations

from principal.align.checks.base import Answer, Check, Group, _check, _f
from principal.align.context import OfferContext, is_ai_meter
from principal.model.pricing import RateCardKind
from principal.statements import Percent, Share, say


def check_usage_share_bounded(ctx: OfferContext) -> Check:
    share = ctx.schedule.usage_share
    q = "Is the usage-based part of the spend known and bounded?"
    evidence = say("{usage_share} of the term's spend is usage-based at the plan", usage_share=Share(share))
    if share == 0:
        return _check("usage-share", Group.pricing, q, Answer.yes, _f(ctx, "usage"), say("no usage charges"), "")
    if ctx.offer.usage_cap is not None:
        return _check(
            "usage-share", Group.pricing, q, Answer.yes, _f(ctx, "usage_cap"), evidence + say("; a cap bounds it"), ""
        )
    return _check(
        "usage-share",
        Group.pricing,
        q,
        Answer.no,
        _f(ctx, "usage_cap"),
        evidence + say(" and nothing bounds it"),
        "Ask for an annual not-to-exceed amount on usage charges tied to the agreed forecast.",
    )


def check_usage_needs_approval(ctx: OfferContext) -> Check:
    q = "Does every usage element need fresh approval before it can grow past the plan?"
    cap = ctx.offer.usage_cap
    meters = [m.name for m in ctx.offer.usage]
    if not meters:
        return _check("usage-approval", Group.pricing, q, Answer.yes, _f(ctx, "usage"), say("no usage meters"), "")
    uncovered = [m for m in meters if cap is None or (cap.meters and m not in cap.meters)]
    if not uncovered:
        return _check(
            "usage-approval",
            Group.pricing,
            q,
            Answer.yes,
            _f(ctx, "usage_cap.meters"),
            say("every meter is under the cap"),
            "",
        )
    return _check(
        "usage-approval",
        Group.pricing,
        q,
        Answer.no,
        _f(ctx, "usage_cap.meters"),
        say("can grow without approval: {meters}", meters=", ".join(uncovered)),
        f"Ask that growth in {', '.join(uncovered)} beyond the forecast needs a written change order.",
    )


def check_rates_step_down(ctx: OfferContext) -> Check:
    q = "Do usage rates step down automatically as volume grows?"
    banded = [m.name for m in ctx.offer.usage if m.rate_card.kind is not RateCardKind.flat]
    flat = [m.name for m in ctx.offer.usage if m.rate_card.kind is RateCardKind.flat]
    if not ctx.offer.usage:
        return _check("rate-bands", Group.pricing, q, Answer.yes, _f(ctx, "usage"), say("no usage meters"), "")
    if banded:
        evidence = say("banded: {banded}", banded=", ".join(banded))
        if flat:
            evidence += say("; flat: {flat}", flat=", ".join(flat))
        return _check("rate-bands", Group.pricing, q, Answer.yes, _f(ctx, "usage[].rate_card"), evidence, "")
    return _check(
        "rate-bands",
        Group.pricing,
        q,
        Answer.no,
        _f(ctx, "usage[].rate_card"),
        say("flat rates only: {flat}", flat=", ".join(flat)),
        "Ask for volume bands on the largest meters so unit prices fall as volume grows.",
    )


def check_cap_or_collar(ctx: OfferContext) -> Check:
    q = "Is there a not-to-exceed cap or budget collar on forecast usage?"
    cap = ctx.offer.usage_cap
    if cap is None:
        return _check(
            "usage-cap",
            Group.pricing,
            q,
            Answer.no,
            _f(ctx, "usage_cap"),
            say("no cap in the offer"),
            "Ask to cap annual usage charges at 110% of the forecast unless the buyer adds countries or channels.",
        )
    if cap.percent_of_forecast is not None:
        basis = say("cap at {of_forecast} of forecast", of_forecast=Percent(cap.percent_of_forecast))
    else:
        assert cap.amount is not None  # the model requires one of the two
        basis = say("cap at {cap_amount} a {period}", cap_amount=ctx.money(cap.amount), period=cap.period.value)
    return _check("usage-cap", Group.pricing, q, Answer.yes, _f(ctx, "usage_cap"), basis, "")


def check_ai_opt_in(ctx: OfferContext) -> Check:
    q = "Are AI features opt-in rather than billing by default?"
    ai = [m for m in ctx.offer.usage if is_ai_meter(m)]
    if not ai:
        return _check("ai-opt-in", Group.pricing, q, Answer.yes, _f(ctx, "usage"), say("no AI meters in the offer"), "")
    off = [m.name for m in ai if m.opt_in is False]
    unknown = [m.name for m in ai if m.opt_in is None]
    if off:
        return _check(
            "ai-opt-in",
            Group.pricing,
            q,
            Answer.no,
            _f(ctx, "usage[].opt_in"),
            say("bill by default: {meters}", meters=", ".join(off)),
            f"Ask that {', '.join(off)} bill only after the buyer switches them on in writing.",
        )
    if unknown:
        return _check(
            "ai-opt-in",
            Group.pricing,
            q,
            Answer.unknown,
            _f(ctx, "usage[].opt_in"),
            say("not stated for: {meters}", meters=", ".join(unknown)),
            f"Do {', '.join(unknown)} create billable events before we switch them on, "
            "for example inside default flows?",
        )
    return _check(
        "ai-opt-in", Group.pricing, q, Answer.yes, _f(ctx, "usage[].opt_in"), say("every AI meter is opt-in"), ""
    )
