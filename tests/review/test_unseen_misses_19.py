"""Misses of the fourteenth fresh set's first run (US enterprise, translated Spanish, Danish and Saudi drafting), in
other words than the corpus."""

from __future__ import annotations

from decimal import Decimal

from principal.review.extract.terms import TermKind
from tests.review.conftest import review_text, review_texts, term_keys


def test_kroner_before_the_figure_in_a_table_and_in_another_document_of_the_package() -> None:
    result = review_texts(
        (
            "order.md",
            "# Order\n\n1. All amounts are in Danish kroner (DKK).\n\n| Item | Quantity | Price per licence per month |"
            "\n|---|---|---|\n| Agent licence | 12 | kr. 410,00 |\n",
        ),
        ("terms.md", "# General Terms\n\n9.3 The Supplier's total liability is limited to kr. 900.000,00 a year.\n"),
    )
    assert term_keys(result, TermKind.seat_price) == [(Decimal("410.00"), "DKK/user/month", None, None)]
    assert term_keys(result, TermKind.seat_quantity) == [(Decimal(12), "seat", None, None)]
    assert term_keys(result, TermKind.liability_cap) == [(Decimal("900000.00"), "DKK", None, None)]


def test_danish_order_billing_rounding_minimum_and_usage_cap() -> None:
    result = review_text(
        "5.1 Licences are invoiced quarterly in advance, from the go-live date.\n\n"
        "6.1 Calls are charged per commenced minute.\n\n"
        "6.2 Minimum consumption: DKK 3.000,00 per month.\n\n"
        "6.3 Usage is invoiced at most with DKK 20.000,00 per month.\n",
        "order.md",
    )
    assert term_keys(result, TermKind.billing_frequency) == [(None, None, "quarterly_advance", None)]
    assert term_keys(result, TermKind.billing_start) == [(None, None, "go_live", None)]
    assert term_keys(result, TermKind.usage_rounding) == [(Decimal(1), "minute", "per_call", None)]
    assert term_keys(result, TermKind.minimum_commitment) == [(Decimal("3000.00"), "DKK", None, None)]
    assert term_keys(result, TermKind.usage_cap) == [(Decimal("20000.00"), "DKK", None, None)]


def test_an_export_whose_window_and_price_follow_in_the_next_sentences_and_no_transfer_help() -> None:
    result = review_text(
        "13.1 On termination the Supplier shall, at the Customer's request, hand over the Customer Data in CSV. The "
        "request must be made no later than ten (10) days after the termination. The handover is charged at the "
        "Supplier's hourly rates.\n\n"
        "13.3 The Supplier is not obliged to provide assistance beyond section 13.1 in connection with the transfer "
        "of the Services to another supplier.\n",
        "terms.md",
    )
    assert term_keys(result, TermKind.data_export) == [(Decimal(10), "day", "paid", None)]
    assert term_keys(result, TermKind.transition_assistance) == [(None, None, "none", None)]


def test_spanish_drafting_of_indexation_exit_fee_migration_and_payment() -> None:
    result = review_text(
        "5.3. Prices are revised each year by the annual change in the consumer price index, increased by two (2) "
        "percentage points.\n\n"
        "13.2. The Customer may terminate at any time by giving two (2) months' written notice, and shall then pay, "
        "as compensation, twenty percent (20 %) of the licence fees pending invoicing until the end of the initial "
        "term.\n\n"
        "14.2. On request the Supplier shall cooperate in the migration of the Services to a new provider for up to "
        "sixty (60) calendar days, invoicing its time at the professional services rate in the Order.\n\n"
        "15.1. Invoices shall be paid by bank transfer within thirty (30) calendar days from the invoice date, under "
        "the law on late payment in commercial transactions.\n",
        "conditions.md",
    )
    assert term_keys(result, TermKind.price_increase) == [(Decimal(2), "%", "cpi", None)]
    assert term_keys(result, TermKind.termination_fee) == [(Decimal(20), "%", "remaining_fees", None)]
    assert term_keys(result, TermKind.transition_assistance) == [(Decimal(60), "day", "paid", None)]
    assert term_keys(result, TermKind.payment_terms) == [(Decimal(30), "day", None, None)]


def test_service_level_wording_of_exclusions_caps_and_a_chronic_exit_notice() -> None:
    result = review_text(
        "# Service Level Annex\n\n4.1. The following shall not be counted as Unavailability:\n\n"
        "(a) planned maintenance notified at least five (5) business days in advance;\n\n"
        "4.2. Force majeure periods are not regarded as unavailability.\n\n"
        "5.2. The total credit for a month can at most amount to 25 % of the month's licence fees.\n\n"
        "6. If the voice service misses its commitment in three (3) consecutive months, the Customer may terminate "
        "the Contract by giving twenty (20) calendar days' (días naturales) written notice.\n",
        "sla.md",
    )
    assert {t.basis for t in result.terms if t.kind is TermKind.carve_out} == {"maintenance", "force_majeure"}
    assert term_keys(result, TermKind.credit_cap) == [(Decimal(25), "%", "month", None)]
    assert term_keys(result, TermKind.termination_right) == [(Decimal(20), "day", "chronic", None)]


def test_an_ai_feature_that_shall_only_be_activated_on_request_is_opt_in() -> None:
    result = review_text(
        "2.2 The Vendor virtual assistant shall only be activated on the queues the Customer names in writing.\n",
        "order.md",
    )
    assert term_keys(result, TermKind.ai_opt_in) == [(None, None, None, None)]


def test_us_order_form_billing_before_go_live_true_up_and_creditors() -> None:
    result = review_text(
        "2.2 If the peak number of seats exceeds the quantity on Line 1, the excess Seats will be invoiced at the unit "
        "fee stated on Line 1.\n\n"
        "5.2 Subscription Fees commence on the Start Date, whether or not Customer has completed implementation.\n\n"
        "5.3 Either party may terminate on written notice if the other fails to cure a material breach within thirty "
        "(30) days, or makes an assignment for the benefit of creditors.\n\n"
        "5.4 The Initial Term is twenty-four (24) Gregorian months.\n",
        "order.md",
    )
    assert term_keys(result, TermKind.true_up) == [(None, None, "contract_price", None)]
    assert term_keys(result, TermKind.billing_start) == [(None, None, "before_go_live", None)]
    assert term_keys(result, TermKind.implementation_fee) == []
    assert term_keys(result, TermKind.credit_claim_deadline) == []
    assert term_keys(result, TermKind.subscription_term) == [(Decimal(24), "month", None, None)]


def test_words_deleted_and_replaced_in_a_service_level_exhibit() -> None:
    result = review_texts(
        (
            "sla.md",
            "# Exhibit B\n\n6.2 Customer must request each Service Credit within ten (10) days after the month.\n",
        ),
        (
            "amendment.md",
            '# Amendment No. 1\n\n3. In Section 6.2 of Exhibit B, the words "within ten (10) days" are deleted and '
            'replaced with the words "within thirty (30) days".\n',
        ),
    )
    assert [(t.value, t.location.document) for t in result.terms if t.kind is TermKind.credit_claim_deadline] == [
        (Decimal(10), "sla.md"),
        (Decimal(30), "amendment.md"),
    ]


def test_a_pdf_heading_cell_wrapped_onto_a_line_of_its_own_keeps_the_table() -> None:
    result = review_text(
        "4.1 Below the target the Customer receives a credit:\n\nAvailability | Credit in % of the month's licence"
        "\n\n| fees\n\nunder 99,8 % | 10 %\n\nunder 99,0 % | 20 %\n",
        "sla.txt",
    )
    assert sorted(term_keys(result, TermKind.credit_tier), key=str) == [
        (Decimal(10), "%", "below", Decimal("99.8")),
        (Decimal(20), "%", "below", Decimal("99.0")),
    ]
