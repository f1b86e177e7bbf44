"""Each risk rule fires on wording that carries the risk and stays silent on wording that does not.

Every rule in RULES has a case here (test_every_rule_has_a_case_and_a_docstring enforces it), and every
redline is written in the document's own names for the parties.
"""

from __future__ import annotations

import pytest

from principal.review.rules import RULES
from tests.review.conftest import review_text

SEATS = "1. Seats\nAgent seat | 100 | USD 75.00 per user per month\nSupervisor | 5 | USD 40.00 per user per month\n\n"
USAGE = "2. Usage\nInbound voice | USD 0.012 per minute\nOutbound voice | USD 0.015 per minute\n\n"
SLA = "3. Service Levels\nVoice routing will be available 99.99% of the time each month.\n\n"

# rule name -> (text that must trigger it, expected (title, severity, missing), text that must not trigger it)
CASES: dict[str, tuple[str, tuple[str, str, bool], str]] = {
    "usage_uncapped": (
        USAGE,
        ("Usage is billed with no cap or collar", "high", True),
        USAGE + "Usage charges in any contract year shall not exceed 110% of the forecast usage charges.\n",
    ),
    "ai_billable_by_default": (
        "AI Summaries are enabled by default for all queues and each summary is a billable event.\n",
        ("AI features bill by default", "high", False),
        "AI Summaries are not enabled by default; they are billable only after Customer's written consent.\n",
    ),
    "uplift_above_cpi": (
        "Provider may increase the fees by up to seven percent (7%) each year.\n",
        ("up to 7% yearly uplift", "high", False),
        "Provider may increase the fees once a year; any such increase shall not exceed three percent (3%).\n",
    ),
    "no_seat_reduction": (
        "Customer may not reduce the number of seats during the Subscription Term.\n",
        ("Seats cannot be reduced", "medium", False),
        SEATS + "Customer may reduce the number of seats by 10% on each anniversary.\n",
    ),
    "overage_premium": (
        "Minutes above the Committed Volume are charged at 150% of the rate in clause 3.2.\n",
        ("Overage billed at 150% of the rate", "high", False),
        "Usage above the annual commitment is charged at the rates in section 2 with no premium.\n",
    ),
    "true_up_at_list": (
        "Seat counts will be reconciled quarterly and any seats above the ordered quantity are invoiced at the "
        "then-current list price.\n",
        ("True-ups at list price", "high", False),
        "Seat counts will be reconciled quarterly; any seats above the ordered quantity are invoiced at the prices "
        "in this Order Form.\n",
    ),
    "surcharge_fee": (
        "A Regulatory Recovery Fee of twelve percent (12%) of monthly usage charges is added to each invoice.\n",
        ("12% surcharge on top of the prices", "high", False),
        "The prices include all regulatory costs; only taxes imposed by law are added.\n",
    ),
    "annual_billing_in_advance": (
        "Subscription Fees are invoiced annually in advance.\n",
        ("Fees billed annually in advance", "medium", False),
        "Subscription Fees are invoiced monthly in arrears.\n",
    ),
    "per_call_rounding": (
        "Each call is rounded up to the next whole minute.\n",
        ("Calls rounded up to the minute", "medium", False),
        "Calls are billed per second, with no minimum call duration.\n",
    ),
    "credits_sole_remedy": (
        "3. Service Levels\nService Credits are Customer's sole and exclusive remedy for unavailability.\n",
        ("Credits are the sole remedy", "high", False),
        "3. Service Levels\nService Credits are not Customer's sole remedy for a failure to meet the SLA.\n",
    ),
    "credit_cap_low": (
        "Total Service Credits in any month shall not exceed ten percent (10%) of the monthly fees.\n",
        ("Credits capped at 10% of fees", "high", False),
        "Total Service Credits in any month shall not exceed thirty percent (30%) of the monthly fees.\n",
    ),
    "maintenance_exclusion_broad": (
        "Availability excludes Emergency Maintenance and Scheduled Maintenance announced 24 hours ahead.\n",
        ("Broad maintenance exclusion", "high", False),
        "Availability excludes Scheduled Maintenance announced at least fourteen (14) days in advance. Emergency "
        "maintenance counts as downtime.\n",
    ),
    "carrier_exclusion": (
        "Availability excludes failures of telecommunications carriers and the PSTN.\n",
        ("Carrier failures excluded", "medium", False),
        "Availability excludes failures of networks the Customer operates.\n",
    ),
    "no_per_component_sla": (
        "The Services will be available 99.9% of the time each month, measured across the Services as a whole.\n",
        ("No per-component SLA", "medium", True),
        "Voice routing will be available 99.99% of the time each month. Agent desktop will be available 99.95% "
        "of the time each month.\n",
    ),
    "no_uptime_commitment": (
        SEATS,
        ("No uptime commitment", "high", True),
        SEATS + "Exhibit B (Service Level Agreement) applies to the Services.\n",
    ),
    "no_chronic_failure_exit": (
        SLA,
        ("No chronic-failure exit", "high", True),
        SLA + "If availability falls below the service level in three (3) months within any six, Customer may "
        "terminate the affected Services.\n",
    ),
    "short_claim_window": (
        "Customer must submit a credit claim within seven (7) days after the end of the month.\n",
        ("Credits must be claimed within 7 days", "low", False),
        "Customer must submit a credit claim within sixty (60) days after the end of the month.\n",
    ),
    "efforts_only_uptime": (
        "Provider will use commercially reasonable efforts to make the Services available 99.9% of each month.\n",
        ("Uptime promised only as reasonable efforts", "high", False),
        "Provider will make the Services available 99.9% of each month.\n",
    ),
    "minimum_outage_threshold": (
        "An interruption shorter than ten (10) minutes is not Downtime.\n",
        ("Outages under 10 minutes do not count", "medium", False),
        "Every minute in which the Services are unavailable counts as Downtime.\n",
    ),
    "vendor_only_measurement": (
        "Availability is measured by Provider's own monitoring tools, and Provider's records are conclusive.\n",
        ("Availability measured only by the vendor", "medium", False),
        "Availability is measured by an independent monitoring service agreed by the parties.\n",
    ),
    "no_performance_reporting": (
        SLA,
        ("No contractual performance reports", "medium", True),
        SLA + "Provider will deliver a monthly report of availability and service level performance.\n",
    ),
    "paid_before_go_live": (
        "The implementation fee of $50,000 is invoiced upon execution of this Order Form.\n",
        ("Implementation fee due before go-live", "high", False),
        "The implementation fee of $0.00 (waived) would be invoiced upon execution of this Order Form.\n",
    ),
    "billing_before_go_live": (
        "Subscription fees begin to accrue on the Effective Date, whether or not the Services are live.\n",
        ("Billing starts before go-live", "high", False),
        "Subscription fees begin on the go-live date accepted by Customer.\n",
    ),
    "key_personnel_substitution": (
        "Provider may replace the project manager at any time.\n",
        ("Key personnel replaceable at will", "medium", False),
        "Provider may replace the project manager only with Customer's prior written approval.\n",
    ),
    "auto_renewal_long_notice": (
        "This Agreement automatically renews for one (1) year unless either party gives notice at least "
        "ninety (90) days before the end of the term.\n",
        ("Auto-renewal with 90 days' notice", "high", False),
        "This Agreement does not renew automatically; any renewal needs a new order signed by both parties.\n",
    ),
    "renewal_at_list_price": (
        "Renewal terms are charged at Provider's then-current list prices.\n",
        ("Renewal at then-current list price", "high", False),
        "Renewal pricing will be the same as the pricing in this Order Form.\n",
    ),
    "no_data_export": (
        "Provider will delete Customer Data within thirty (30) days after termination.\n",
        ("No data export right", "high", True),
        "For ninety (90) days after termination Customer may export all Customer Data at no charge.\n",
    ),
    "no_transition_assistance": (
        "Provider has no obligation to provide transition assistance after the Customer Data is deleted on "
        "termination.\n",
        ("No transition assistance", "medium", False),
        "Provider hosts the Customer Data. Provider will provide transition assistance for up to six (6) months.\n",
    ),
    "paid_data_export": (
        "On request Provider will make Customer Data available for export at its then-current professional "
        "services rates.\n",
        ("Data export only for a fee", "medium", False),
        "On request Provider will make Customer Data available for export at no charge.\n",
    ),
    "short_export_window": (
        "Customer may retrieve Customer Data for fifteen (15) days after termination.\n",
        ("Only 15 days to export data", "high", False),
        "Customer may retrieve Customer Data for ninety (90) days after termination.\n",
    ),
    "liability_cap_low": (
        "Provider's total liability shall not exceed the fees paid in the three (3) months preceding the claim.\n",
        ("Liability capped at 3 months of fees", "high", False),
        "Provider's total liability shall not exceed the fees paid in the twelve (12) months preceding the claim.\n",
    ),
    "referenced_document_missing": (
        "Acme Order Form\n\nThis Order Form is governed by the Acme Master Services Agreement.\n",
        ("Referenced document not provided: Master Services Agreement", "medium", False),
        "This Order Form and its terms are the whole agreement.\n",
    ),
}


def _titles(text: str, rule: str) -> list[tuple[str, str, bool]]:
    return [(f.title, f.severity.value, f.missing) for f in review_text(text).findings if f.rule == rule]


def test_every_rule_has_a_case_and_a_docstring() -> None:
    names = {rule.__name__.removeprefix("rule_") for rule in RULES}
    assert names == set(CASES)
    for rule in RULES:
        assert rule.__doc__ and "Principal-agent reason" in rule.__doc__, rule.__name__


@pytest.mark.parametrize("rule", sorted(CASES))
def test_rule_fires_on_risky_wording(rule: str) -> None:
    text, expected, _ = CASES[rule]
    assert expected in _titles(text, rule)


@pytest.mark.parametrize("rule", sorted(CASES))
def test_rule_is_silent_on_safe_wording(rule: str) -> None:
    _, _, safe = CASES[rule]
    assert _titles(safe, rule) == []


def test_findings_quote_and_locate_their_source() -> None:
    text = "Intro.\n\n2. Fees\nProvider may increase the fees by seven percent (7%) each year.\n"
    finding = next(f for f in review_text(text).findings if f.rule == "uplift_above_cpi")
    assert finding.quote == "Provider may increase the fees by seven percent (7%) each year."
    assert finding.location is not None
    assert text[finding.location.start : finding.location.end].strip() == finding.quote
    assert (finding.location.section, finding.location.page, finding.location.paragraph) == ("2", 1, 2)
    assert finding.category.value == "pricing and usage"
    assert "compounds to 14.49% by year 3" in finding.reason  # 1.07 ** 2 = 1.1449


def test_absence_rule_with_nothing_to_cite_has_no_location() -> None:
    text = "Provider hosts the Customer Data."
    finding = next(f for f in review_text(text).findings if f.title == "No transition assistance")
    assert finding.missing and finding.location is None and finding.quote is None


def test_exit_absence_checks_apply_only_to_services_holding_data() -> None:
    assert review_text("The Distributor shall purchase the Products at list price.").findings == ()


def test_redlines_use_the_parties_defined_names() -> None:
    text = (
        'Kestrel GmbH (the "Supplier") and Aldermoor AG (the "Client") agree:\n\n'
        "The Supplier may replace the project manager at any time.\n"
    )
    finding = next(f for f in review_text(text).findings if f.rule == "key_personnel_substitution")
    assert finding.new_text == (
        "Supplier may replace named key personnel only with Client's prior written approval, by people of equal "
        "experience, with a two-week handover."
    )
    assert "Provider" not in finding.redline and "Customer" not in finding.redline
