"""Rules on implementation: whether the vendor is paid before it delivers."""

from __future__ import annotations

from principal.review.extract.terms import TermKind
from principal.review.rules.base import Category, Finding, RuleContext, Severity, finding


def rule_paid_before_go_live(ctx: RuleContext) -> list[Finding]:
    """Implementation fees due before go-live, or recurring billing that starts before go-live.

    Principal-agent reason: money paid before delivery removes the vendor's stake in an on-time go-live; every
    month of delay then costs the buyer subscription fees and costs the vendor nothing.
    """
    out = []
    for term in ctx.of(TermKind.implementation_fee):
        if term.basis == "signature":
            out.append(finding(rule_paid_before_go_live, "Implementation fee due before go-live",
                               Category.implementation, Severity.high,
                               f"The {term.value} {term.unit} implementation fee falls due at signature, before "
                               "anything has been delivered.",
                               "Pay on milestones: 20% design sign-off, 40% UAT, 30% go-live, 10% held back until 60 "
                               "days of stable operations.", term))  # fmt: skip
    for term in ctx.of(TermKind.billing_start):
        if term.basis == "before_go_live":
            out.append(finding(rule_paid_before_go_live, "Billing starts before go-live", Category.implementation,
                               Severity.high,
                               "Subscription fees accrue from signature whether or not the service is live, so a "
                               "late go-live is paid for by the buyer.",
                               "Replace with: \"Subscription Fees begin on the go-live date accepted by the Customer; "
                               "usage is billable only from that date.\"", term))  # fmt: skip
    return out


def rule_key_personnel_substitution(ctx: RuleContext) -> list[Finding]:
    """The vendor may replace key project staff without the buyer's approval.

    Principal-agent reason: the people assigned are the effort the buyer bought; a vendor free to move its best
    staff to newer deals will do so once this one is signed.
    """
    out = []
    for term in ctx.of(TermKind.key_personnel):
        if term.basis == "vendor_discretion":
            out.append(finding(rule_key_personnel_substitution, "Key personnel replaceable at will",
                               Category.implementation, Severity.medium,
                               "The vendor may swap the project manager or architect without the buyer's consent.",
                               "Add: \"Named key personnel may be replaced only with the Customer's prior written "
                               "approval, by people of equal experience, with a two-week handover.\"",
                               term))  # fmt: skip
    return out
