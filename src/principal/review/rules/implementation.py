"""Rules on implementation: whether the vendor is paid before it delivers."""

from __future__ import annotations

from principal.review.extract.terms import TermKind
from principal.review.rules.base import Action, Category, Finding, RuleContext, Severity, finding


def rule_paid_before_go_live(ctx: RuleContext) -> list[Finding]:
    """Implementation fees due at signature, before anything is delivered (a zero or waived fee is not a risk).

    Principal-agent reason: money paid before delivery removes the vendor's stake in an on-time go-live; every
    month of delay then costs the buyer and costs the vendor nothing.
    """
    for term in ctx.of(TermKind.implementation_fee):
        if term.basis == "signature" and term.value is not None and term.value > 0:
            return [finding(ctx, rule_paid_before_go_live, "Implementation fee due before go-live",
                            Category.implementation, Severity.high,
                            f"The {term.value} {term.unit} implementation fee falls due at signature, before "
                            "anything has been delivered.",
                            (Action.substitute, "The implementation fee is paid on milestones: 20% at design sign-off, "
                             "40% at user acceptance, 30% at go-live and 10% after 60 days of stable operation."),
                            term)]  # fmt: skip
    return []


def rule_billing_before_go_live(ctx: RuleContext) -> list[Finding]:
    """Recurring billing starts before go-live (at signature, or whether or not the service is live).

    Principal-agent reason: subscription fees that accrue before go-live pay the vendor for a delay it controls;
    a late go-live is then paid for by the buyer.
    """
    for term in ctx.of(TermKind.billing_start):
        if term.basis == "before_go_live":
            return [finding(ctx, rule_billing_before_go_live, "Billing starts before go-live", Category.implementation,
                            Severity.high,
                            "Subscription fees accrue before the service is live, so a late go-live is paid for by "
                            "the buyer.",
                            (Action.substitute, "{fees} begin on the go-live date accepted by {customer}; usage is "
                             "billable only from that date."), term)]  # fmt: skip
    return []


def rule_key_personnel_substitution(ctx: RuleContext) -> list[Finding]:
    """The vendor may replace key project staff without the buyer's approval.

    Principal-agent reason: the people assigned are the effort the buyer bought; a vendor free to move its best
    staff to newer deals will do so once this one is signed.
    """
    for term in ctx.of(TermKind.key_personnel):
        if term.basis == "vendor_discretion":
            return [finding(ctx, rule_key_personnel_substitution, "Key personnel replaceable at will",
                            Category.implementation, Severity.medium,
                            "The vendor may swap the people on the project without the buyer's consent.",
                            (Action.substitute, "{vendor} may replace named key personnel only with {customer}'s prior "
                             "written approval, by people of equal experience, with a two-week handover."),
                            term)]  # fmt: skip
    return []
