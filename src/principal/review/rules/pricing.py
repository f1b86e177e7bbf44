"""Rules on pricing and usage: where the vendor's revenue grows without the buyer's control."""

from __future__ import annotations

import re
from decimal import Decimal

from principal.review.extract.terms import TermKind
from principal.review.rules.base import Category, Finding, RuleContext, Severity, finding

CPI_REFERENCE = Decimal(3)  # a buyer's usual ceiling on a yearly uplift, in %
_AI_LABEL = re.compile(r"\b(?:ai|bot|virtual agent|summar|sentiment|copilot|assist|generative)", re.I)


def rule_usage_uncapped(ctx: RuleContext) -> list[Finding]:
    """Usage is billed per unit with no cap or collar.

    Principal-agent reason: per-unit billing pays the vendor more when volume rises, including volume the vendor's
    own failures cause (repeat calls after an outage, bot loops). Without a not-to-exceed cap the buyer carries all
    of that risk and the vendor has no reason to keep volume efficient.
    """
    rates = ctx.of(TermKind.usage_rate)
    if not rates or ctx.has(TermKind.usage_cap):
        return []
    return [
        finding(
            rule_usage_uncapped,
            "Usage is billed with no cap or collar",
            Category.pricing_usage,
            Severity.high,
            f"{len(rates)} per-unit usage rate(s) and no limit on total usage charges: the bill grows with "
            "every minute, session or summary, whoever caused the volume.",
            'Add: "Usage Fees in any contract year shall not exceed 110% of the Usage Fees at the volumes in '
            "the Customer's forecast, except for new countries or channels the Customer adds in writing.\"",
            rates[0],
            missing=True,
        )
    ]


def rule_ai_billable_by_default(ctx: RuleContext) -> list[Finding]:
    """AI features are switched on by default and each use is billable.

    Principal-agent reason: the vendor decides how many billable AI events occur (default-on summaries, bots in
    every flow), so its revenue rises with usage the buyer never chose; the buyer needs to control the switch.
    """
    default_on = ctx.of(TermKind.ai_default_on)
    if default_on:
        return [
            finding(
                rule_ai_billable_by_default,
                "AI features bill by default",
                Category.pricing_usage,
                Severity.high,
                "AI features are on unless the buyer turns them off, and every use is a billable event, so "
                "spend starts before anyone has decided the feature is worth it.",
                'Replace with: "AI features are disabled until the Customer enables them in writing per queue; '
                'no AI usage is billable before that enablement."',
                default_on[0],
            )
        ]
    ai_rates = [t for t in ctx.of(TermKind.usage_rate) if _AI_LABEL.search(t.detail)]
    if ai_rates and not ctx.has(TermKind.ai_opt_in):
        return [
            finding(
                rule_ai_billable_by_default,
                "AI usage priced with no opt-in",
                Category.pricing_usage,
                Severity.medium,
                "AI usage has a per-unit price but the document never says it needs the buyer's opt-in.",
                'Add: "AI features are billable only after the Customer enables them in writing."',
                ai_rates[0],
                missing=True,
            )
        ]
    return []


def rule_uplift_above_cpi(ctx: RuleContext) -> list[Finding]:
    """Yearly price increases above a CPI-like ceiling, or CPI-linked with no cap.

    Principal-agent reason: once the buyer is locked in, switching is costly, so the vendor can raise prices
    faster than its costs; a fixed uplift above inflation compounds into a transfer that has nothing to do with
    the service delivered.
    """
    out: list[Finding] = []
    capped = ctx.has(TermKind.price_increase_cap)
    for term in ctx.of(TermKind.price_increase):
        if term.basis == "cpi" and not capped:
            out.append(finding(rule_uplift_above_cpi, "CPI-linked increase with no cap", Category.pricing_usage,
                               Severity.medium, "Prices follow CPI (plus a margin) with no ceiling on a year's rise.",
                               f"Add: \"No annual increase shall exceed the lesser of CPI and {CPI_REFERENCE}%.\"",
                               term))  # fmt: skip
        elif term.basis == "fixed" and term.value is not None and term.value > CPI_REFERENCE:
            severity = Severity.high if term.value >= 5 else Severity.medium
            out.append(finding(rule_uplift_above_cpi, f"{term.value}% yearly uplift", Category.pricing_usage,
                               severity,
                               f"A fixed {term.value}% a year is above the {CPI_REFERENCE}% a buyer can usually hold "
                               f"to; over a three-year term it compounds to "
                               f"{((1 + term.value / 100) ** 2 - 1) * 100:.2f}% by year 3.",
                               f"Replace with: \"Fees may increase once a year by no more than the lesser of CPI and "
                               f"{CPI_REFERENCE}%, and not before the first renewal.\"", term))  # fmt: skip
    return out


def rule_no_seat_reduction(ctx: RuleContext) -> list[Finding]:
    """Seat quantities cannot be reduced during the term.

    Principal-agent reason: when automation or attrition lowers the agents needed, the vendor keeps billing seats
    nobody uses, so it has no stake in the buyer's efficiency gains (its own AI features included).
    """
    prohibited = [t for t in ctx.of(TermKind.seat_reduction) if t.basis == "prohibited"]
    if prohibited:
        return [
            finding(
                rule_no_seat_reduction,
                "Seats cannot be reduced",
                Category.pricing_usage,
                Severity.medium,
                "The seat count is fixed for the whole term however many agents the operation needs.",
                'Add: "On each anniversary the Customer may reduce seat quantities by up to 15% without penalty."',
                prohibited[0],
            )
        ]
    seats = ctx.of(TermKind.seat_price)
    if seats and not ctx.has(TermKind.seat_reduction, "allowed"):
        return [
            finding(
                rule_no_seat_reduction,
                "No right to reduce seats",
                Category.pricing_usage,
                Severity.medium,
                "Seats are priced but the document gives no right to lower the quantity during the term.",
                'Add: "On each anniversary the Customer may reduce seat quantities by up to 15% without penalty."',
                seats[0],
                missing=True,
            )
        ]
    return []
