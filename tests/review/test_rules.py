"""Each risk rule fires on wording that carries the risk and stays silent on wording that does not.

Every rule in RULES has a case here (test_every_rule_has_a_case enforces it).
"""

from __future__ import annotations

import pytest

from principal.review.rules import RULES
from tests.review.conftest import review_text

# rule name -> (text that must trigger it, expected (title, severity, missing), text that must not trigger it)
CASES: dict[str, tuple[str, tuple[str, str, bool], str]] = {
    "usage_uncapped": (
        "1. Usage\nInbound voice | USD 0.012 per minute\n",
        ("Usage is billed with no cap or collar", "high", True),
        "1. Usage\nInbound voice | USD 0.012 per minute\n\n"
        "Usage Fees in any contract year shall not exceed 110% of the forecast usage charges.\n",
    ),
    "ai_billable_by_default": (
        "AI Summaries are enabled by default for all queues and each summary is a billable event.\n",
        ("AI features bill by default", "high", False),
        "AI Summaries | USD 0.03 per summary\n\nAI features are billable only after Customer's written "
        "consent; Customer must enable each AI feature, and AI fees apply only upon opt-in.\n",
    ),
    "uplift_above_cpi": (
        "Provider may increase the fees by seven percent (7%) each year.\n",
        ("7% yearly uplift", "high", False),
        "Provider may increase the fees by three percent (3%) each year.\n",
    ),
    "no_seat_reduction": (
        "Seat quantities may not be reduced during the Subscription Term.\n",
        ("Seats cannot be reduced", "medium", False),
        "Agent seat | 100 | $75.00 per user per month\n\nCustomer may reduce the number of seats by 10% on each "
        "anniversary.\n",
    ),
    "credits_sole_remedy": (
        "3. Service Levels\nService Credits are Customer's sole and exclusive remedy for unavailability.\n",
        ("Credits are the sole remedy", "high", False),
        "3. Warranty\nRe-performance is Customer's sole and exclusive remedy for breach of the warranty.\n",
    ),
    "credit_cap_low": (
        "Total Service Credits in any month shall not exceed ten percent (10%) of the monthly fees.\n",
        ("Credits capped at 10% of fees", "high", False),
        "Total Service Credits in any month shall not exceed thirty percent (30%) of the monthly fees.\n",
    ),
    "maintenance_exclusion_broad": (
        "Availability excludes Emergency Maintenance and Scheduled Maintenance announced 24 hours ahead.\n",
        ("Broad maintenance exclusion", "high", False),
        "Availability excludes Scheduled Maintenance announced at least fourteen (14) days ahead.\n",
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
    "no_chronic_failure_exit": (
        "Voice routing will be available 99.99% of the time each month.\n",
        ("No chronic-failure exit", "high", True),
        "Voice routing will be available 99.99% of the time each month. If availability falls below the "
        "service level in three (3) months within any six, Customer may terminate the affected Services.\n",
    ),
    "short_claim_window": (
        "Customer must submit a credit claim within seven (7) days after the end of the month.\n",
        ("Credits must be claimed within 7 days", "low", False),
        "Customer must submit a credit claim within sixty (60) days after the end of the month.\n",
    ),
    "no_performance_reporting": (
        "Voice routing will be available 99.99% of the time each month.\n",
        ("No contractual performance reports", "medium", True),
        "Voice routing will be available 99.99% of the time each month. Provider will deliver a monthly "
        "report of availability and service level performance.\n",
    ),
    "paid_before_go_live": (
        "The implementation fee of $50,000 is invoiced upon execution of this Order Form.\n",
        ("Implementation fee due before go-live", "high", False),
        "The implementation fee of $50,000 is invoiced on acceptance of the go-live milestone.\n",
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
        "This Agreement automatically renews for one (1) year unless either party gives notice at least "
        "thirty (30) days before the end of the term.\n",
    ),
    "no_data_export_or_transition": (
        "Provider will delete Customer Data within thirty (30) days after termination.\n",
        ("No data export right", "high", True),
        "For ninety (90) days after termination Customer may export all Customer Data. Provider will provide "
        "transition assistance for up to six (6) months.\n",
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
    assert "compounds to 14.49% by year 3" in finding.reason


def test_absence_rule_with_nothing_to_cite_has_no_location() -> None:
    text = "Provider hosts the Customer Data."
    finding = next(f for f in review_text(text).findings if f.title == "No transition assistance")
    assert finding.missing and finding.location is None and finding.quote is None


def test_exit_absence_checks_apply_only_to_services_holding_data() -> None:
    assert review_text("The Distributor shall purchase the Products at list price.").findings == ()
