"""Rules on term, risk and exit: how hard it is to leave, and what leaving costs."""

from __future__ import annotations

from decimal import Decimal

from principal.review.extract.terms import TermKind
from principal.review.rules.base import Category, Finding, RuleContext, Severity, finding

LONG_NOTICE_DAYS = Decimal(60)


def rule_auto_renewal_long_notice(ctx: RuleContext) -> list[Finding]:
    """Automatic renewal with a long notice period to stop it.

    Principal-agent reason: a long notice period before an automatic renewal moves the buyer's decision point
    months before the term ends, when alternatives are least ready, which strengthens the vendor's hand at
    renewal.
    """
    out = []
    for term in ctx.of(TermKind.renewal_notice):
        if term.basis == "auto" and term.value is not None and term.value >= LONG_NOTICE_DAYS:
            out.append(finding(rule_auto_renewal_long_notice, f"Auto-renewal with {term.value} days' notice",
                               Category.term_risk_exit, Severity.high if term.value >= 90 else Severity.medium,
                               f"The contract renews itself unless the buyer objects {term.value} days before the "
                               "end of the term.",
                               "Replace with: \"The Order Form renews only by written agreement; the Provider "
                               "will send renewal pricing at least 120 days before the end of the term.\"",
                               term))  # fmt: skip
    return out


def rule_no_data_export_or_transition(ctx: RuleContext) -> list[Finding]:
    """No right to export data, or no transition assistance, at the end of the contract.

    Principal-agent reason: without an exit path the cost of leaving is the buyer's alone, so the vendor can
    price renewals against that switching cost rather than against the market.
    """
    out: list[Finding] = []
    deletion = ctx.of(TermKind.data_deletion)
    service = ctx.of(TermKind.seat_price, TermKind.usage_rate, TermKind.uptime_target) or deletion
    if not service and "customer data" not in ctx.document.text.lower():
        return out  # not a service that holds the buyer's data: nothing to export
    if not ctx.has(TermKind.data_export):
        out.append(finding(rule_no_data_export_or_transition, "No data export right", Category.term_risk_exit,
                           Severity.high,
                           "The document gives no right to take recordings, transcripts and configuration out"
                           + (" and lets the vendor delete them." if deletion else "."),
                           "Add: \"For 90 days after termination the Provider will export all Customer Data "
                           "(recordings as WAV, records as CSV) at no charge.\"", deletion[0] if deletion else None,
                           missing=True))  # fmt: skip
    if not ctx.has(TermKind.transition_assistance):
        out.append(finding(rule_no_data_export_or_transition, "No transition assistance", Category.term_risk_exit,
                           Severity.medium,
                           "Nothing obliges the vendor to help move the service to a successor.",
                           "Add: \"On request the Provider will provide up to 6 months of transition assistance at "
                           "the rates in this Order Form, continuing the Services meanwhile.\"", None,
                           missing=True))  # fmt: skip
    return out
