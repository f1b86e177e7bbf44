"""Rules on term, risk and exit: how hard it is to leave, and what leaving costs."""

from __future__ import annotations

from decimal import Decimal

from principal.review.extract.terms import TermKind
from principal.review.rules.base import Action, Category, Finding, RuleContext, Severity, finding
from principal.review.rules.service_levels import days

LONG_NOTICE_DAYS = Decimal(60)
MIN_EXPORT_DAYS = Decimal(30)
MIN_LIABILITY_MONTHS = Decimal(12)


def rule_auto_renewal_long_notice(ctx: RuleContext) -> list[Finding]:
    """Automatic renewal with a long notice period to stop it.

    Principal-agent reason: a long notice period before an automatic renewal moves the buyer's decision point
    months before the term ends, when alternatives are least ready, which strengthens the vendor's hand at
    renewal.
    """
    for term in ctx.of(TermKind.renewal_notice):
        if term.basis == "auto" and term.value is not None and days(term.value, term.unit) >= LONG_NOTICE_DAYS:
            length = days(term.value, term.unit)
            unit = (term.unit or "day").replace("_", " ")
            return [finding(ctx, rule_auto_renewal_long_notice, f"Auto-renewal with {term.value} {unit}s' notice",
                            Category.term_risk_exit, Severity.high if length >= 90 else Severity.medium,
                            f"The contract renews itself unless the buyer objects {term.value} {unit}s before the "
                            "end of the term.",
                            (Action.substitute, "This {order} renews only by written agreement; {vendor} will send "
                             "renewal pricing at least 120 days before the end of the term."), term)]  # fmt: skip
    return []


def rule_renewal_at_list_price(ctx: RuleContext) -> list[Finding]:
    """Renewal terms are priced at the vendor's then-current list price.

    Principal-agent reason: at renewal the buyer's switching cost is highest; resetting to list price hands the
    vendor the whole negotiated discount back exactly when the buyer can least walk away.
    """
    found = [t for t in ctx.of(TermKind.renewal_pricing) if t.basis == "list_price"]
    if not found:
        return []
    return [finding(ctx, rule_renewal_at_list_price, "Renewal at then-current list price", Category.term_risk_exit,
                    Severity.high, "The discount ends at renewal: prices reset to whatever the vendor lists then.",
                    (Action.substitute, "Renewal terms are charged at the prices in force at the end of the previous "
                     "term, increased by no more than the lesser of CPI and 3%."), found[0])]  # fmt: skip


def _holds_data(ctx: RuleContext) -> bool:
    return bool(ctx.of(TermKind.seat_price, TermKind.usage_rate, TermKind.uptime_target, TermKind.data_deletion)
                or "customer data" in ctx.document.text.lower())  # fmt: skip


def rule_no_data_export(ctx: RuleContext) -> list[Finding]:
    """No right to take the buyer's data out at the end of the contract.

    Principal-agent reason: without an exit path the cost of leaving is the buyer's alone, so the vendor can
    price renewals against that switching cost rather than against the market.
    """
    exports = [t for t in ctx.of(TermKind.data_export) if t.basis != "none"]
    if exports or not _holds_data(ctx) or not ctx.covers("exit"):
        return []
    deletion = ctx.of(TermKind.data_deletion)
    refused = [t for t in ctx.of(TermKind.data_export) if t.basis == "none"]
    at = refused[0] if refused else (deletion[0] if deletion else None)
    return [finding(ctx, rule_no_data_export, "No data export right", Category.term_risk_exit, Severity.high,
                    "The documents give no right to take recordings, transcripts and configuration out"
                    + (" and let the vendor delete them." if deletion else "."),
                    (Action.add, "For 90 days after termination {vendor} will export all Customer Data (recordings "
                     "as WAV, records as CSV) at no charge."), at, missing=not refused)]  # fmt: skip


def rule_no_transition_assistance(ctx: RuleContext) -> list[Finding]:
    """Nothing obliges the vendor to help move the service to a successor (or it is expressly refused).

    Principal-agent reason: the incumbent controls the knowledge a successor needs; without a duty to hand over,
    the buyer's cost of leaving is the vendor's leverage at renewal.
    """
    offered = [t for t in ctx.of(TermKind.transition_assistance) if t.basis != "none"]
    if offered or not _holds_data(ctx) or not ctx.covers("exit"):
        return []
    refused = [t for t in ctx.of(TermKind.transition_assistance) if t.basis == "none"]
    return [finding(ctx, rule_no_transition_assistance, "No transition assistance", Category.term_risk_exit,
                    Severity.medium, "Nothing obliges the vendor to help move the service to a successor.",
                    (Action.add, "On request {vendor} will provide up to 6 months of transition assistance at the "
                     "rates in this {order}, continuing the Services meanwhile."), refused[0] if refused else None,
                    missing=not refused)]  # fmt: skip


def rule_paid_data_export(ctx: RuleContext) -> list[Finding]:
    """The buyer's data is returned only for a fee (then-current services rates).

    Principal-agent reason: a fee set by the vendor at exit, when the buyer has no alternative, prices the
    buyer's own data at its switching cost.
    """
    found = [t for t in ctx.of(TermKind.data_export) if t.basis == "paid"]
    if not found:
        return []
    return [finding(ctx, rule_paid_data_export, "Data export only for a fee", Category.term_risk_exit,
                    Severity.medium, "Getting the buyer's own data back costs whatever the vendor's rates are then.",
                    (Action.substitute, "{vendor} will export all Customer Data in standard formats at no charge."),
                    found[0])]  # fmt: skip


def rule_short_export_window(ctx: RuleContext) -> list[Finding]:
    """The buyer has only a short window after termination to get its data.

    Principal-agent reason: a migration takes months; a short window forces the buyer to extend with the
    incumbent or lose its recordings, which the vendor can price.
    """
    for term in ctx.of(TermKind.data_export):
        if term.value is not None and days(term.value, term.unit) < MIN_EXPORT_DAYS:
            return [finding(ctx, rule_short_export_window, f"Only {term.value} days to export data",
                            Category.term_risk_exit, Severity.high,
                            f"The buyer's data can be taken out for {term.value} days after termination only.",
                            (Action.substitute, "Customer Data remains available for export for 90 days after "
                             "termination, and is deleted only after {customer} confirms receipt."),
                            term)]  # fmt: skip
    return []


def rule_liability_cap_low(ctx: RuleContext) -> list[Finding]:
    """The vendor's liability is capped at a few months of fees.

    Principal-agent reason: a cap of a few months' fees is smaller than the harm of a serious failure or data
    breach, so the vendor's expected cost of carelessness is bounded by the cap, not by the damage.
    """
    for term in ctx.of(TermKind.liability_cap):
        if term.basis == "fees" and term.value is not None and term.value < MIN_LIABILITY_MONTHS:
            return [finding(ctx, rule_liability_cap_low, f"Liability capped at {term.value} months of fees",
                            Category.term_risk_exit, Severity.high,
                            f"The vendor's liability ends at {term.value} months of fees, less than a year of the "
                            "service.",
                            (Action.substitute, "Each party's aggregate liability is limited to the greater of the "
                             "{fees} paid in the 12 months before the claim and the {fees} for the first year; data "
                             "protection breaches are capped at three times that amount."), term)]  # fmt: skip
    return []


def rule_referenced_document_missing(ctx: RuleContext) -> list[Finding]:
    """The documents incorporate another document (an MSA, an SLA, a DPA) that was not provided.

    Principal-agent reason: terms the buyer has not read are terms the vendor wrote alone; what is missing from
    the review may hold the protections whose absence would otherwise be reported, or their opposite.
    """
    if not ctx.missing_references:
        return []
    names = ", ".join(dict.fromkeys(t.detail for t in ctx.missing_references))
    return [finding(ctx, rule_referenced_document_missing, f"Referenced document not provided: {names}",
                    Category.term_risk_exit, Severity.medium,
                    f"The documents rely on {names}, which was not part of this review; its terms were not checked.",
                    (Action.add, f"The agreed {names} {'is' if ',' not in names else 'are'} attached to this "
                     "{order}; where it differs from this {order}, this {order} prevails."),
                    ctx.missing_references[0])]  # fmt: skip
