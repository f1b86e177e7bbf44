"""The third fresh set's first-run misses, each in other words than the corpus: currencies beyond the usual five,
two-column tables of terms, price columns headed "per user", short amendments, references, CPI margins in
percentage points, reductions and AI switches with exceptions, caps worded "in no event", exit terms, and PDF
lines that a figure continues."""

from __future__ import annotations

from decimal import Decimal

from principal.review.extract.numbers import currency_in, find_money
from principal.review.extract.terms import TermKind
from principal.review.ingest import read_document
from principal.review.package import contract_problem
from principal.review.result import ReviewResult
from principal.review.review import review_documents
from tests.review.conftest import review_text


def _keys(result: ReviewResult, kind: TermKind) -> list[tuple[object, ...]]:
    return [t.key()[1:5] for t in result.terms if t.kind is kind]


def _package(*documents: tuple[str, str]) -> ReviewResult:
    return review_documents(
        [read_document(text.encode("utf-8"), name) for name, text in documents], check_contract=False, clauses=False
    )


# Money in any currency


def test_any_iso_currency_code_is_read_before_or_after_the_amount() -> None:
    found = [(q.value, q.unit) for q in find_money("DKK 410.00 a seat, 12.5 NOK a minute, HK$ 99 and ZAR 7")]
    assert found == [(Decimal("410.00"), "DKK"), (Decimal("12.5"), "NOK"), (Decimal(99), "HKD"), (Decimal(7), "ZAR")]


def test_capitalised_words_that_are_also_codes_are_not_money() -> None:
    assert find_money("ALL 3 AGENTS AND TOP 5 QUEUES") == []
    assert currency_in("Monthly charge (PLN)") == "PLN"


def test_a_price_column_headed_per_user_is_a_price_not_a_count() -> None:
    result = review_text(
        "| Plan | Named agents | DKK per agent per month |\n|---|---|---|\n"
        "| Inbound Essentials | 65 | 410.00 |\n"
        "| Quality Reviewer | 7 | 190.00 |\n",
        "order.md",
    )
    assert _keys(result, TermKind.seat_price) == [
        (Decimal("410.00"), "DKK/user/month", None, None),
        (Decimal("190.00"), "DKK/user/month", None, None),
    ]
    assert _keys(result, TermKind.seat_quantity) == [
        (Decimal(65), "seat", None, None),
        (Decimal(7), "seat", None, None),
    ]


def test_a_rate_cell_with_its_unit_takes_the_currency_from_its_heading() -> None:
    result = review_text(
        "| No. | Service | Seats | Charge (NOK) |\n|---|---|---|---|\n"
        "| 1 | Digital agent | 40 | 515.00 / user / month |\n"
        "| 2 | SMS notifications | as used | 0.45 per message |\n",
        "order.md",
    )
    assert _keys(result, TermKind.seat_price) == [(Decimal("515.00"), "NOK/user/month", None, None)]
    assert _keys(result, TermKind.seat_quantity) == [(Decimal(40), "seat", None, None)]
    assert _keys(result, TermKind.usage_rate) == [(Decimal("0.45"), "NOK/message", None, None)]


# Two-column tables of terms


def test_a_table_of_terms_in_words_is_read_row_by_row_as_sentences() -> None:
    result = review_text(
        "| Item | Position |\n|---|---|\n"
        "| Subscription term | 24 months from the Start Date |\n"
        "| Billing cycle | quarterly in advance |\n"
        "| Payment | due within 21 days of the invoice date |\n"
        "| Rollover | automatic, for periods of 12 months, unless cancelled in writing at least three (3) months "
        "before expiry |\n"
        "| Annual minimum | PLN 250,000 |\n",
        "terms.md",
    )
    assert _keys(result, TermKind.subscription_term) == [(Decimal(24), "month", None, None)]
    assert _keys(result, TermKind.billing_frequency) == [(None, None, "quarterly_advance", None)]
    assert _keys(result, TermKind.payment_terms) == [(Decimal(21), "day", None, None)]
    assert _keys(result, TermKind.renewal_notice) == [(Decimal(3), "month", "auto", None)]
    assert _keys(result, TermKind.minimum_commitment) == [(Decimal(250000), "PLN", None, None)]


def test_a_per_component_target_table_stays_a_table() -> None:
    result = review_text(
        "| Component | Availability target |\n|---|---|\n| Voice | 99.95% |\n| Web chat | 99.5% |\n", "sla.md"
    )
    assert sorted(t.value for t in result.terms if t.kind is TermKind.uptime_target) == [
        Decimal("99.5"),
        Decimal("99.95"),
    ]


def test_a_seat_count_in_the_row_before_belongs_to_the_price_after_it() -> None:
    result = review_text(
        "| Topic | Agreed |\n|---|---|\n| Seats | Ninety (90) named agents |\n"
        "| Seat fee | PLN 300 per agent per month |\n",
        "order.md",
    )
    assert _keys(result, TermKind.seat_quantity) == [(Decimal(90), "seat", None, None)]


def test_a_fee_in_a_table_of_terms_is_read_with_its_instalments_and_billing_start() -> None:
    result = review_text(
        "| Heading | Detail |\n|---|---|\n| Set-up | PLN 48,000, half when the order is signed and half at written "
        "acceptance |\n| Billing start | the date of signature of this order |\n",
        "order.md",
    )
    assert _keys(result, TermKind.implementation_fee) == [(Decimal(48000), "PLN", "milestones", None)]
    assert _keys(result, TermKind.billing_start) == [(None, None, "before_go_live", None)]


# Short amendments and references


def test_a_short_variation_is_a_contract_document() -> None:
    variation = read_document(
        b"Variation 2 to the Order. Agreed between the supplier and the buyer with effect from 1 May 2028: the "
        b"rate for web chat is reduced to EUR 0.07 per session, and the supervisors are increased by four (4) "
        b"at EUR 40 per month each. Everything else is unchanged.",
        "variation-2.txt",
    )
    assert contract_problem(variation) is None


def test_references_to_general_or_master_terms_and_an_availability_appendix() -> None:
    result = review_text(
        "Order 5521\n\nThis order is placed under the supplier's General Terms. Schedule 3 (Uptime Commitment) is "
        "part of it.\n"
    )
    assert sorted(t.basis or "" for t in result.terms if t.kind is TermKind.reference) == ["msa", "sla"]
    other = review_text("Quote Q-7\n\nThe Master Terms published on the supplier's site govern this quote.\n")
    assert [t.basis for t in other.terms if t.kind is TermKind.reference] == ["msa"]


def test_an_addendum_titled_after_the_agreement_it_changes_refers_to_it() -> None:
    result = _package(
        ("addendum.txt", "Second Addendum to the Master Services Agreement\n\nThe parties agree that clause 9 of the "
         "Master Services Agreement is deleted.\n"),
    )  # fmt: skip
    assert [t.basis for t in result.terms if t.kind is TermKind.reference] == ["msa"]


def test_an_amendment_sets_a_new_export_period() -> None:
    result = review_text("Clause 12.2 is changed: the retrieval window after termination is sixty (60) days.\n")
    assert _keys(result, TermKind.data_export) == [(Decimal(60), "day", None, None)]


# Prices and commitments


def test_a_cpi_margin_in_percentage_points() -> None:
    result = review_text("Each year the supplier may increase the fees by the CPI change plus 2.5 percentage points.\n")
    assert _keys(result, TermKind.price_increase) == [(Decimal("2.5"), "%", "cpi", None)]
    words = review_text("Rates may increase annually by inflation (CPI) plus three percentage points.\n")
    assert _keys(words, TermKind.price_increase) == [(Decimal(3), "%", "cpi", None)]


def test_an_index_inside_a_cap_is_no_increase() -> None:
    result = review_text(
        "The fees may be adjusted yearly; each adjustment will not exceed the lesser of 3% and the CPI change.\n"
    )
    assert _keys(result, TermKind.price_increase_cap) == [(Decimal(3), "%", None, None)]
    assert _keys(result, TermKind.price_increase) == []


def test_a_reduction_denied_during_the_term_but_allowed_at_renewal() -> None:
    result = review_text(
        "The licences cannot be reduced during the term; the buyer may lower them with effect from any renewal.\n"
    )
    assert _keys(result, TermKind.seat_reduction) == [(None, None, "renewal", None)]


def test_a_commitment_of_qualified_minutes_and_a_committed_yearly_spend() -> None:
    result = review_text("The buyer commits to 90,000 inbound minutes a month.\n")
    assert _keys(result, TermKind.minimum_commitment) == [(Decimal(90000), "minute", None, None)]
    spend = review_text("Committed yearly spend is EUR 80,000.\n")
    assert _keys(spend, TermKind.minimum_commitment) == [(Decimal(80000), "EUR", None, None)]


def test_overage_at_the_rates_plus_a_margin() -> None:
    result = review_text("Minutes over the commitment are billed at the standard rates plus 35%.\n")
    assert _keys(result, TermKind.overage_rate) == [(Decimal(135), "%", None, None)]


def test_usage_cap_worded_in_no_event() -> None:
    result = review_text("In no event will the call charges in a month exceed EUR 2,000.\n")
    assert _keys(result, TermKind.usage_cap) == [(Decimal(2000), "EUR", None, None)]


def test_seats_in_use_above_the_number_purchased_at_list_price() -> None:
    result = review_text("Users in use above the number purchased are billed at list price from the next month.\n")
    assert _keys(result, TermKind.true_up) == [(None, None, "list_price", None)]


def test_billing_of_subscription_and_other_charges_together() -> None:
    result = review_text("Subscription and support charges are invoiced quarterly in arrears.\n")
    assert _keys(result, TermKind.billing_frequency) == [(None, None, "quarterly_arrears", None)]


# AI switches


def test_ai_active_for_every_team_with_a_switch_off_is_on_by_default() -> None:
    result = review_text(
        "The bot assistant is active for every team from launch; the buyer may disable it per team. Each bot "
        "conversation is billed at EUR 0.20.\n"
    )
    assert _keys(result, TermKind.ai_default_on) == [(None, None, "default_on", None)]
    other = review_text("Sentiment scores are billed per call unless the buyer turns the option off.\n")
    assert _keys(other, TermKind.ai_default_on) == [(None, None, "default_on", None)]


def test_ai_off_until_the_buyer_activates_it_named_in_the_sentence_before() -> None:
    result = review_text(
        "Call transcription is priced at EUR 0.01 per minute. It is not turned on for any team unless the "
        "buyer activates it.\n"
    )
    assert _keys(result, TermKind.ai_opt_in) == [(None, None, None, None)]
    assert _keys(result, TermKind.ai_default_on) == []


# Exit, liability, people


def test_liability_months_are_those_of_the_fees_not_of_the_period_measured() -> None:
    result = review_text(
        "Liability in any calendar-year period is limited to the fees paid in the four (4) months before the claim.\n"
    )
    assert _keys(result, TermKind.liability_cap) == [(Decimal(4), "month", "fees", None)]


def test_a_named_lead_replaced_only_with_consent() -> None:
    result = review_text("The supplier will not replace its Project Lead without the buyer's prior consent.\n")
    assert _keys(result, TermKind.key_personnel) == [(None, None, "approval", None)]


def test_an_exit_charge_the_buyer_is_subject_to_paying() -> None:
    result = review_text(
        "The buyer may terminate for convenience on 60 days' notice, subject to paying an early termination fee "
        "equal to two (2) months of fees.\n"
    )
    assert _keys(result, TermKind.termination_fee) == [(Decimal(2), "month", "fees", None)]
    assert _keys(result, TermKind.termination_right) == [(Decimal(60), "day", "convenience", None)]


def test_a_renewal_charged_at_the_fees_of_the_initial_term() -> None:
    result = review_text(
        "The order renews automatically for one year. Renewals are charged at the fees applicable at the end of "
        "the initial term.\n"
    )
    assert _keys(result, TermKind.renewal_pricing) == [(None, None, "same_price", None)]


def test_no_onboarding_or_set_up_fee_is_zero() -> None:
    result = review_text("Agent licences cost EUR 50 per user per month. No onboarding or training fee is charged.\n")
    assert _keys(result, TermKind.implementation_fee) == [(Decimal(0), "EUR", None, None)]


# Service levels


def test_exclusions_introduced_by_is_not_reduced_by() -> None:
    result = review_text(
        "The Uptime is not reduced by:\n\n(a) planned works announced seven (7) days ahead as scheduled "
        "maintenance;\n\n(b) a force majeure event.\n"
    )
    assert sorted(t.basis or "" for t in result.terms if t.kind is TermKind.carve_out) == ["force_majeure",
                                                                                          "maintenance"]  # fmt: skip


def test_the_vendor_measures_availability_with_its_internal_monitoring() -> None:
    result = review_text("The supplier measures availability with its internal monitoring tools.\n")
    assert _keys(result, TermKind.uptime_measurement) == [(None, None, "vendor_monitoring", None)]


def test_availability_titled_schedule_is_an_sla_in_a_package() -> None:
    result = _package(
        ("order.txt", "Order\n\nSeats: 10 agents at EUR 50 per user per month. Schedule 2 (Availability) applies.\n"),
        ("schedule.txt", "Schedule 2: Availability\n\nThe supplier keeps the service available 99.9% of each month.\n"),
    )  # fmt: skip
    assert "referenced_document_missing" not in {f.rule for f in result.findings}


# PDF layout


def test_a_pdf_line_ending_in_a_currency_continues_with_its_amount() -> None:
    """Before: a line starting "64.50 per user" after "... licences at NZD" was taken for clause 64.50, and a short
    line after "(75)" for a heading, so the count, the currency and the price fell into three sentences."""
    from weasyprint import HTML

    html = (
        "<html><head><style>body { font: 10pt 'DejaVu Sans'; } p { width: 16cm; }</style></head><body>"
        "<p>1.1 The buyer orders seventy-five (75)<br>Contact Licences at NZD<br>64.50 per licence per month for the "
        "whole term of this order, invoiced monthly.</p></body></html>"
    )
    result = review_documents([read_document(HTML(string=html).write_pdf(), "order.pdf")], check_contract=False,
                              clauses=False)  # fmt: skip
    assert _keys(result, TermKind.seat_price) == [(Decimal("64.50"), "NZD/user/month", None, None)]
    assert _keys(result, TermKind.seat_quantity) == [(Decimal(75), "seat", None, None)]
