"""Rules on pricing and usage: where the vendor's revenue grows without the buyer's control."""

from __future__ import annotations

import re
from decimal import Decimal

from principal.review.extract.terms import TermKind
from principal.review.rules.base import Action, Category, Finding, RuleContext, Severity, finding

CPI_REFERENCE = Decimal(3)  # a buyer's usual ceiling on a yearly uplift, in %
_AI_LABEL = re.compile(
    r"\b(?:ai|genai|bots?|chatbots?|virtual (?:agent|assistant)|summar\w*|sentiment|copilot|co-pilot|agent assist"
    r"|generative|conversational ivr|speech analytics)\b",
    re.I,
)


def rule_usage_uncapped(ctx: RuleContext) -> list[Finding]:
    """Usage is billed per unit with no cap or collar.

    Principal-agent reason: per-unit billing pays the vendor more when volume rises, including volume the vendor's
    own failures cause (repeat calls after an outage, bot loops). Without a not-to-exceed cap the buyer carries all
    of that risk and the vendor has no reason to keep volume efficient.
    """
    rates = ctx.of(TermKind.usage_rate)
    if not rates or ctx.has(TermKind.usage_cap):
        return []
    return [finding(ctx, rule_usage_uncapped, "Usage is billed with no cap or collar", Category.pricing_usage,
                    Severity.high,
                    f"{len(rates)} per-unit usage rate(s) and no limit on total usage charges: the bill grows with "
                    "every minute, session or summary, whoever caused the volume.",
                    (Action.add, "Usage charges in any contract year shall not exceed 110% of the usage charges at "
                     "the volumes in {customer}'s forecast, except for new countries or channels {customer} adds in "
                     "writing."), rates[0], missing=True)]  # fmt: skip


def rule_ai_billable_by_default(ctx: RuleContext) -> list[Finding]:
    """AI features are switched on by default and each use is billable (or AI is priced with no opt-in).

    Principal-agent reason: the vendor decides how many billable AI events occur (default-on summaries, bots in
    every flow), so its revenue rises with usage the buyer never chose; the buyer needs to control the switch.
    """
    default_on = ctx.of(TermKind.ai_default_on)
    redline = (Action.substitute, "AI features are disabled until {customer} enables them in writing for each queue; "
               "no AI usage is billable before that enablement.")  # fmt: skip
    if default_on:
        return [finding(ctx, rule_ai_billable_by_default, "AI features bill by default", Category.pricing_usage,
                        Severity.high,
                        "AI features are on unless the buyer turns them off, and every use is a billable event, so "
                        "spend starts before anyone has decided the feature is worth it.", redline,
                        default_on[0])]  # fmt: skip
    ai_rates = [t for t in ctx.of(TermKind.usage_rate) if _AI_LABEL.search(t.detail)]
    if ai_rates and not ctx.has(TermKind.ai_opt_in):
        return [finding(ctx, rule_ai_billable_by_default, "AI usage priced with no opt-in", Category.pricing_usage,
                        Severity.medium,
                        "AI usage has a per-unit price but the documents never say it needs the buyer's opt-in.",
                        (Action.add, "AI features are billable only after {customer} enables them in writing."),
                        ai_rates[0], missing=True)]  # fmt: skip
    return []


def rule_uplift_above_cpi(ctx: RuleContext) -> list[Finding]:
    """Yearly price increases above a CPI-like ceiling, "up to" a figure above it, or CPI-linked with no cap.

    Principal-agent reason: once the buyer is locked in, switching is costly, so the vendor can raise prices
    faster than its costs; a fixed uplift above inflation compounds into a transfer that has nothing to do with
    the service delivered. "Up to 7%" is a right to charge 7%: it is costed and flagged as 7%.
    """
    caps = [t.value for t in ctx.of(TermKind.price_increase_cap) if t.value is not None]
    cap = min(caps) if caps else None
    redline = (Action.substitute, "{fees} may increase once a year by no more than the lesser of CPI and "
               f"{CPI_REFERENCE}%, and not before the first anniversary.")  # fmt: skip
    for term in ctx.of(TermKind.price_increase):
        if term.basis == "cpi" and cap is None:
            return [finding(ctx, rule_uplift_above_cpi, "CPI-linked increase with no cap", Category.pricing_usage,
                            Severity.medium, "Prices follow CPI (plus a margin) with no ceiling on a year's rise.",
                            redline, term)]  # fmt: skip
        if term.basis == "cpi" and cap is not None and cap > CPI_REFERENCE:
            return [_capped(ctx, cap, redline, term)]
        if term.basis in ("fixed", "up_to") and term.value is not None:
            value = min(term.value, cap) if cap is not None else term.value
            if value > CPI_REFERENCE:
                severity = Severity.high if value >= 5 else Severity.medium
                words = "up to " if term.basis == "up_to" else ""
                return [finding(ctx, rule_uplift_above_cpi, f"{words}{value}% yearly uplift", Category.pricing_usage,
                                severity,
                                f"A yearly increase of {words}{value}% is above the {CPI_REFERENCE}% a buyer can "
                                f"usually hold to; over a three-year term it compounds to "
                                f"{((1 + value / 100) ** 2 - 1) * 100:.2f}% by year 3.", redline, term)]  # fmt: skip
            return []
    if cap is not None and cap > CPI_REFERENCE and not ctx.of(TermKind.price_increase):
        term = next(t for t in ctx.of(TermKind.price_increase_cap) if t.value == cap)
        return [_capped(ctx, cap, redline, term)]
    return []


def _capped(ctx: RuleContext, cap: Decimal, redline: tuple[Action, str], term: object) -> Finding:
    from principal.review.extract.terms import Term

    assert isinstance(term, Term)
    return finding(ctx, rule_uplift_above_cpi, f"Increases capped only at {cap}% a year", Category.pricing_usage,
                   Severity.high if cap >= 5 else Severity.medium,
                   f"The cap lets prices rise {cap}% every year, above the {CPI_REFERENCE}% a buyer can usually hold "
                   f"to; costed at the cap it compounds to {((1 + cap / 100) ** 2 - 1) * 100:.2f}% by year 3.",
                   redline, term)  # fmt: skip


def rule_no_seat_reduction(ctx: RuleContext) -> list[Finding]:
    """Seat quantities cannot be reduced during the term (or only at renewal).

    Principal-agent reason: when automation or attrition lowers the agents needed, the vendor keeps billing seats
    nobody uses, so it has no stake in the buyer's efficiency gains (its own AI features included).
    """
    redline = (Action.add, "On each anniversary {customer} may reduce seat quantities by up to 15% without penalty.")
    fixed = [t for t in ctx.of(TermKind.seat_reduction) if t.basis in ("prohibited", "renewal")]
    if fixed:
        title = "Seats cannot be reduced" if fixed[0].basis == "prohibited" else "Seats can be reduced only at renewal"
        return [finding(ctx, rule_no_seat_reduction, title, Category.pricing_usage, Severity.medium,
                        "The seat count is fixed for the term however many agents the operation needs.", redline,
                        fixed[0])]  # fmt: skip
    seats = ctx.of(TermKind.seat_price)
    if seats and not ctx.has(TermKind.seat_reduction, "allowed") and ctx.covers("pricing"):
        return [finding(ctx, rule_no_seat_reduction, "No right to reduce seats", Category.pricing_usage,
                        Severity.medium,
                        "Seats are priced but the documents give no right to lower the quantity during the term.",
                        redline, seats[0], missing=True)]  # fmt: skip
    return []


def rule_overage_premium(ctx: RuleContext) -> list[Finding]:
    """Usage above a commitment is priced at a premium over the committed rate.

    Principal-agent reason: the vendor earns more per unit exactly when the buyer's forecast was wrong, so it
    profits from setting the commitment low and from volume spikes it may itself cause (outages, repeat calls).
    """
    over = [t for t in ctx.of(TermKind.overage_rate) if t.value is not None and t.value > 100]
    if not over:
        return []
    term = over[0]
    assert term.value is not None
    return [finding(ctx, rule_overage_premium, f"Overage billed at {term.value}% of the rate", Category.pricing_usage,
                    Severity.high if term.value >= 150 else Severity.medium,
                    f"Every unit above the commitment costs {term.value - 100}% more than the committed rate.",
                    (Action.substitute, "Usage above the commitment is charged at the committed rates, and the "
                     "commitment may be adjusted once a year to actual volumes."), term)]  # fmt: skip


def rule_true_up_at_list(ctx: RuleContext) -> list[Finding]:
    """Periodic true-ups bill extra seats or usage at list price rather than the contract rate.

    Principal-agent reason: the negotiated discount applies only to the volume fixed at signature; growth the
    vendor measures with its own tools is billed at full price, so the vendor gains from loose counting.
    """
    found = [t for t in ctx.of(TermKind.true_up) if t.basis == "list_price"]
    if not found:
        return []
    return [finding(ctx, rule_true_up_at_list, "True-ups at list price", Category.pricing_usage, Severity.high,
                    "Seats or usage found above the ordered quantity at a true-up are billed at list price, without "
                    "the discount in the contract.",
                    (Action.substitute, "Additional quantities identified at a true-up are charged at the unit prices "
                     "in "
                     "this {order}, pro rata for the rest of the term."), found[0])]  # fmt: skip


def rule_surcharge_fee(ctx: RuleContext) -> list[Finding]:
    """A percentage surcharge ("regulatory recovery", "compliance cost") added on top of the prices.

    Principal-agent reason: a surcharge set and changed by the vendor is a price increase outside the uplift cap;
    the buyer cannot check the costs it claims to recover, so it is revenue, not a pass-through.
    """
    found = ctx.of(TermKind.surcharge)
    if not found:
        return []
    term = found[0]
    return [finding(ctx, rule_surcharge_fee, f"{term.value}% surcharge on top of the prices", Category.pricing_usage,
                    Severity.high if (term.value or 0) >= 5 else Severity.medium,
                    f"A {term.value}% surcharge raises the real price of usage beyond the rate card.",
                    (Action.substitute, "The prices in this {order} include all regulatory and compliance costs; "
                     "taxes imposed by law are the only charges that may be added."), term)]  # fmt: skip


def rule_annual_billing_in_advance(ctx: RuleContext) -> list[Finding]:
    """Recurring fees are invoiced a year in advance.

    Principal-agent reason: a year's fees paid up front remove the vendor's monthly stake in performance (credits
    are then a refund to chase) and fund seats before they are used; the buyer also carries the vendor's credit
    risk for the year.
    """
    found = [t for t in ctx.of(TermKind.billing_frequency) if t.basis == "annual_advance"]
    if not found:
        return []
    return [finding(ctx, rule_annual_billing_in_advance, "Fees billed annually in advance", Category.pricing_usage,
                    Severity.medium, "A whole year of recurring fees falls due before the service is delivered.",
                    (Action.substitute, "{fees} are invoiced monthly in arrears."), found[0])]  # fmt: skip


def rule_per_call_rounding(ctx: RuleContext) -> list[Finding]:
    """Each call is rounded up to the whole minute (or a longer increment).

    Principal-agent reason: rounding each call up bills time nobody used; on short calls (IVR, transfers) it can
    add a third to the minutes, and the vendor gains from every short call its routing produces.
    """
    found = [t for t in ctx.of(TermKind.usage_rounding)
             if t.value is not None and (t.unit == "minute" or (t.unit == "second" and t.value >= 60))]  # fmt: skip
    if not found:
        return []
    return [finding(ctx, rule_per_call_rounding, "Calls rounded up to the minute", Category.pricing_usage,
                    Severity.medium, "Every call is billed as if it lasted to the next whole minute.",
                    (Action.substitute, "Voice usage is billed per second, with no minimum call duration."),
                    found[0])]  # fmt: skip
