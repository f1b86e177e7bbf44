"""Misses left by the twelfth fresh set's first fixes, in other words than the corpus: a service credit called a
penalty in civil-law drafting (ladder, cap and claim window, and its tiers not read as uptime targets); a cap on
"a revision" in the sentence after the indexation; liability limited to "the amount excluding VAT paid"; an early
termination "indemnity"; "reversibility assistance"; "(ref. A1)" inside a sentence; amended quantities "increased
by 30 to 250" and "the quantity of <line> in the table"; one payment on "the Go-Live Milestone"; a fee invoiced
"upon Customer's signature of this Order"; reasonable endeavours to meet the Service Levels in a table; "only
periods of downtime lasting N minutes or more"; users active above "the quantities in this Section" trued up."""

from __future__ import annotations

from decimal import Decimal

from principal.review.extract.terms import TermKind
from tests.review.conftest import review_text, review_texts, term_keys


def test_a_penalty_in_a_service_level_document_is_a_service_credit() -> None:
    result = review_text(
        "# Schedule 3: Availability Commitments\n\n"
        "## 1. Target\n\nThe Service will be available at least 99.8 % of each calendar month.\n\n"
        "## 2. Penalties\n\nWhere availability in a month is under 99.8 % but at least 99.0 %, the Supplier owes a "
        "penalty of 4 % of that month's fees; under 99.0 % but at least 98.0 %, 8 %; under 98.0 %, 12 %.\n\n"
        "Penalties in a month shall not exceed 12 % of that month's fees.\n\n"
        "## 3. Claims\n\nThe Customer must claim a penalty within twenty (20) days after the month ends.\n",
        "schedule.md",
    )
    assert term_keys(result, TermKind.uptime_target) == [(Decimal("99.8"), "%", "month", None)]
    assert sorted(term_keys(result, TermKind.credit_tier), key=str) == [
        (Decimal(12), "%", "below", Decimal("98.0")),
        (Decimal(4), "%", "below", Decimal("99.8")),
        (Decimal(8), "%", "below", Decimal("99.0")),
    ]
    assert term_keys(result, TermKind.credit_cap) == [(Decimal(12), "%", "month", None)]
    assert term_keys(result, TermKind.credit_claim_deadline) == [(Decimal(20), "day", None, None)]


def test_a_penalty_outside_service_levels_and_without_penalty_are_no_credits() -> None:
    # A guard: passes on the old code too; a penalty read as a credit anywhere would fail it.
    result = review_text(
        "# Terms of Business\n\n8.1 The Customer may terminate without penalty on 30 days' notice.\n\n"
        "8.2 A late payment penalty of 2 % a month is capped at 10 % of the invoice.\n",
        "terms.md",
    )
    assert term_keys(result, TermKind.credit_tier) == []
    assert term_keys(result, TermKind.credit_cap) == []


def test_a_limit_on_a_revision_after_the_indexation_is_its_cap() -> None:
    result = review_text(
        "6.2 Fees are adjusted each April by the change in the retail price index over the prior year, plus half "
        "a point (0.5 percentage points). No adjustment may exceed 4 %.\n",
        "order.md",
    )
    assert term_keys(result, TermKind.price_increase) == [(Decimal("0.5"), "%", "cpi", None)]
    assert term_keys(result, TermKind.price_increase_cap) == [(Decimal(4), "%", None, None)]
    unrelated = review_text("6.2 The Customer shall pay each invoice. No adjustment may exceed 4 %.\n", "order.md")
    assert term_keys(unrelated, TermKind.price_increase_cap) == []


def test_french_drafting_of_liability_termination_indemnity_and_reversibility() -> None:
    result = review_text(
        "9.2 Save for gross negligence, the Supplier's total liability is limited to the amount net of VAT paid "
        "by the Client in the nine (9) months before the claim.\n\n"
        "10.2 The Client may not terminate for convenience during the first period, except on two (2) months' "
        "notice and on payment of an early termination indemnity equal to thirty percent (30 %) of the fees "
        "remaining due until the end of that period.\n\n"
        "11.3 On request, the Supplier provides reversibility assistance for up to four (4) months after the end "
        "of the Contract, invoiced at its daily rates then in force.\n",
        "terms.md",
    )
    assert term_keys(result, TermKind.liability_cap) == [(Decimal(9), "month", "fees", None)]
    assert term_keys(result, TermKind.termination_fee) == [(Decimal(30), "%", "remaining_fees", None)]
    assert term_keys(result, TermKind.transition_assistance) == [(Decimal(4), "month", "paid", None)]


def test_amended_quantities_with_a_reference_a_step_and_a_table_line() -> None:
    result = review_text(
        "# Amendment 2\n\n1. The number of Omni Agent licences (ref. B2) is increased from 90 to 120, at the price "
        "in the Order.\n\n"
        "2. The quantity of Supervisor licence in the table in clause 2 of the Order is increased by ten (10) to "
        "thirty-five (35).\n",
        "amendment.md",
    )
    assert [(t.value, t.detail) for t in result.terms if t.kind is TermKind.seat_quantity] == [
        (Decimal(120), "Omni Agent"),
        (Decimal(35), "Supervisor licence"),
    ]


def test_one_payment_on_the_go_live_milestone_and_an_invoice_on_the_customers_signature() -> None:
    go_live = review_text(
        "3.1 Set-up Charge: £9,800.00, payable only on the Buyer's acceptance of the Go-Live Milestone.\n", "o.md"
    )
    assert term_keys(go_live, TermKind.implementation_fee) == [(Decimal("9800.00"), "GBP", "go_live", None)]
    staged = review_text("3.1 Set-up Charge: £9,800.00, payable in two milestones.\n", "o.md")
    assert term_keys(staged, TermKind.implementation_fee) == [(Decimal("9800.00"), "GBP", "milestones", None)]
    signed = review_text(
        "3.1 Onboarding. A fixed fee of 12,500.00 USD, invoiced upon the Client's signature of this Order.\n", "o.md"
    )
    assert term_keys(signed, TermKind.implementation_fee) == [(Decimal("12500.00"), "USD", "signature", None)]


def test_reasonable_endeavours_to_meet_a_table_of_service_levels_and_a_minimum_outage() -> None:
    result = review_texts(
        (
            "order.md",
            "# Order\n\n4.1 The Supplier will use reasonable endeavours to achieve the Service Levels below in each "
            "month.\n\n| Service Level | Target |\n|---|---|\n| Voice availability | 99.9% |\n\n"
            "4.2 Only periods of downtime lasting five (5) minutes or more are counted.\n",
        ),
    )
    assert term_keys(result, TermKind.uptime_standard) == [(None, None, "reasonable_efforts", None)]
    assert term_keys(result, TermKind.minimum_outage) == [(Decimal(5), "minute", None, None)]
    rules = {f.rule for f in result.findings}
    assert {"efforts_only_uptime", "minimum_outage_threshold"} <= rules


def test_a_credit_ladder_by_outage_length_is_no_minimum_outage() -> None:
    # A guard for the "only ... N minutes or more" floor: a credit tier by outage length is no such floor.
    result = review_text(
        "5.1 For each outage of 30 minutes or more, the Provider credits 5% of the monthly fees.\n", "sla.md"
    )
    assert term_keys(result, TermKind.minimum_outage) == []


def test_users_active_above_the_quantities_in_this_section_are_trued_up_at_its_prices() -> None:
    result = review_text(
        "1.2 Users active above the quantities in this Section are invoiced from their activation month at the "
        "unit prices in this Section.\n",
        "order.md",
    )
    assert term_keys(result, TermKind.true_up) == [(None, None, "contract_price", None)]
