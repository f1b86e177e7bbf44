"""Risk rules: each a function `rule_*(RuleContext) -> list[Finding]` whose docstring states the principal-agent
reason. `RULES` is the registry the review runs, in order."""

from __future__ import annotations

from principal.review.document import Document
from principal.review.extract.terms import Term
from principal.review.rules.base import Category, Finding, Names, Rule, RuleContext, Severity
from principal.review.rules.exit import (
    rule_auto_renewal_long_notice,
    rule_liability_cap_low,
    rule_no_data_export,
    rule_no_transition_assistance,
    rule_paid_data_export,
    rule_referenced_document_missing,
    rule_renewal_at_list_price,
    rule_short_export_window,
)
from principal.review.rules.implementation import (
    rule_billing_before_go_live,
    rule_key_personnel_substitution,
    rule_paid_before_go_live,
)
from principal.review.rules.pricing import (
    rule_ai_billable_by_default,
    rule_annual_billing_in_advance,
    rule_no_seat_reduction,
    rule_overage_premium,
    rule_per_call_rounding,
    rule_surcharge_fee,
    rule_true_up_at_list,
    rule_uplift_above_cpi,
    rule_usage_uncapped,
)
from principal.review.rules.reporting import rule_no_performance_reporting
from principal.review.rules.service_levels import (
    rule_carrier_exclusion,
    rule_credit_cap_low,
    rule_credits_sole_remedy,
    rule_efforts_only_uptime,
    rule_maintenance_exclusion_broad,
    rule_minimum_outage_threshold,
    rule_no_chronic_failure_exit,
    rule_no_per_component_sla,
    rule_no_uptime_commitment,
    rule_short_claim_window,
    rule_vendor_only_measurement,
)

__all__ = ["RULES", "Category", "Finding", "Names", "Rule", "RuleContext", "Severity", "run_rules"]

RULES: tuple[Rule, ...] = (
    rule_usage_uncapped,
    rule_ai_billable_by_default,
    rule_uplift_above_cpi,
    rule_no_seat_reduction,
    rule_overage_premium,
    rule_true_up_at_list,
    rule_surcharge_fee,
    rule_annual_billing_in_advance,
    rule_per_call_rounding,
    rule_credits_sole_remedy,
    rule_credit_cap_low,
    rule_maintenance_exclusion_broad,
    rule_carrier_exclusion,
    rule_no_per_component_sla,
    rule_no_uptime_commitment,
    rule_no_chronic_failure_exit,
    rule_short_claim_window,
    rule_efforts_only_uptime,
    rule_minimum_outage_threshold,
    rule_vendor_only_measurement,
    rule_no_performance_reporting,
    rule_paid_before_go_live,
    rule_billing_before_go_live,
    rule_key_personnel_substitution,
    rule_auto_renewal_long_notice,
    rule_renewal_at_list_price,
    rule_no_data_export,
    rule_no_transition_assistance,
    rule_paid_data_export,
    rule_short_export_window,
    rule_liability_cap_low,
    rule_referenced_document_missing,
)

_SEVERITY_ORDER = {Severity.high: 0, Severity.medium: 1, Severity.low: 2}


def run_rules(document: Document, terms: tuple[Term, ...], context: RuleContext | None = None) -> tuple[Finding, ...]:
    """Every rule's findings, most severe first, then in rule order."""
    ctx = context or RuleContext(document, terms)
    found = [f for rule in RULES for f in rule(ctx)]
    return tuple(sorted(found, key=lambda f: _SEVERITY_ORDER[f.severity]))
