"""Misses of the eighth fresh set's first run, in other words than the corpus: ringgit, Kenya shillings, rupiah
and New Taiwan dollars by their symbols; counts grouped by dots; an "Annual Amount" column; a two-column term
table with no heading row; run-in clause headings; an agreement that "continues for" its term; fee timing in a
table row; true-ups "at the unit price of that line" and for "the excess"; exports of "its Content"; hand-over
services refused; the vendor's own staff; a dispute window; exclusions "left out"; caps that "may not exceed";
features switched on by "it"; day-rate help; credits that "do not limit" in the sentence after; an amendment
that raises a line "from 420 to 480"; export requested "in writing within"; vendor-only measurement; chronic
failure "less than" a level; published uptime; "Start of charges"; outages "in a row"; seats used above the order
"in a month"; a removal denied "save that"; and an amendment that replaces quoted words."""

from __future__ import annotations

from decimal import Decimal

import pytest

from principal.review.extract.numbers import find_money
from principal.review.extract.terms import TermKind
from principal.review.ingest import read_document
from principal.review.package import review_package
from tests.review.conftest import review_text, review_texts, term_keys


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("RM 42.50 per seat", [(Decimal("42.50"), "MYR")]),
        ("KSh 1,200.00 a month", [(Decimal("1200.00"), "KES")]),
        ("Kshs 75 per session", [(Decimal(75), "KES")]),
        ("NT$2,300 per user", [(Decimal(2300), "TWD")]),
        ("Rp 45.000 per licence", [(Decimal(45000), "IDR")]),  # a dot groups rupiah thousands
        ("Rp 2.750.000,00 in total", [(Decimal("2750000.00"), "IDR")]),
        ("USD 1.250 per minute", [(Decimal("1.250"), "USD")]),  # a dot before three digits is still a point
        ("a FORM 12.00 filing", []),
    ],
)
def test_currencies_by_their_symbols(text: str, expected: list[tuple[Decimal, str]]) -> None:
    assert [(q.value, q.unit) for q in find_money(text)] == expected


def test_counts_grouped_by_dots_in_bands_and_commitments() -> None:
    result = review_text(
        "Amounts in IDR.\n\n| Minutes in a month | Rp per minute |\n|---|---|\n| 0 to 2.000.000 | Rp 190 |\n"
        "| more than 2.000.000 | Rp 160 |\n\n4.1 The Customer commits to 750.000 outbound minutes per month.\n",
        "schedule.md",
    )
    assert term_keys(result, TermKind.usage_rate) == [
        (Decimal(190), "IDR/minute", "band_up_to", Decimal(2000000)),
        (Decimal(160), "IDR/minute", "band_above", Decimal(2000000)),
    ]
    assert term_keys(result, TermKind.minimum_commitment) == [(Decimal(750000), "minute", None, None)]


def test_an_annual_amount_column_is_a_line_total() -> None:
    result = review_text(
        "| # | Product | Quantity | Unit Price (USD per user per month) | Annual Amount (USD) |\n"
        "|---|---|---|---|---|\n| 1 | Agent | 50 | 90 | 54,000 |\n",
        "order.md",
    )
    assert term_keys(result, TermKind.seat_price) == [(Decimal(90), "USD/user/month", None, None)]


def test_a_term_table_without_a_heading_row() -> None:
    result = review_text(
        "| | |\n|---|---|\n| Customer contact | Head of Procurement, Harbour Bank, 12 Quay Street, Wellington |\n"
        "| Initial Service Term | 24 months from the Start Date |\n",
        "order.md",
    )
    assert term_keys(result, TermKind.subscription_term) == [(Decimal(24), "month", None, None)]


@pytest.mark.parametrize(
    "sentence",
    [
        "(b) Initial Term. Thirty-six (36) months from the Start Date.",
        "1.4 This Order takes effect on signature and runs for thirty-six (36) months from go-live.",
    ],
)
def test_the_term_after_a_run_in_heading_or_as_what_the_agreement_runs_for(sentence: str) -> None:
    assert term_keys(review_text(sentence + "\n", "order.md"), TermKind.subscription_term) == [
        (Decimal(36), "month", None, None)
    ]


def test_when_a_one_time_fee_in_a_table_row_is_due() -> None:
    result = review_text(
        "| Item | Amount (USD) | When invoiced |\n|---|---|---|\n"
        "| Implementation and training | 12,000.00 | When the Customer signs this Order Form |\n",
        "order.md",
    )
    assert term_keys(result, TermKind.implementation_fee) == [(Decimal("12000.00"), "USD", "signature", None)]


@pytest.mark.parametrize(
    ("sentence", "basis"),
    [
        ("Where more agents log in than line 1 orders, the excess is charged at the unit price of that line.",
         "contract_price"),
        ("If peak use is above the ordered seats, the excess is billed at the list price.", "list_price"),
        ("Seats in use during a month beyond the quantities in section 1 are invoiced at the list price.",
         "list_price"),
    ],
)  # fmt: skip
def test_true_ups_named_by_the_line_or_the_excess(sentence: str, basis: str) -> None:
    assert term_keys(review_text("3.3 " + sentence + "\n", "order.md"), TermKind.true_up) == [(None, None, basis, None)]


def test_content_exported_and_deleted_and_hand_over_services_refused() -> None:
    result = review_text(
        "7.1 For twenty-one (21) days after the Agreement ends, the Client may export its Content at no charge.\n\n"
        "7.2 The Vendor deletes the Content within sixty (60) days after the export period ends.\n\n"
        "7.3 The Vendor has no obligation to provide hand-over services.\n",
        "msa.md",
    )
    assert term_keys(result, TermKind.data_export) == [(Decimal(21), "day", "free", None)]
    assert term_keys(result, TermKind.data_deletion) == [(Decimal(60), "day", None, None)]
    assert term_keys(result, TermKind.transition_assistance) == [(None, None, "none", None)]


def test_the_vendors_own_staff_and_a_dispute_window() -> None:
    result = review_text(
        "## 8. Staff\n\n8.1 The Vendor chooses which of its employees do the work and may replace them at will.\n\n"
        "8.2 The Client must dispute an invoice within ten (10) days of its date.\n",
        "msa.md",
    )
    assert term_keys(result, TermKind.key_personnel) == [(None, None, "vendor_discretion", None)]
    assert term_keys(result, TermKind.payment_terms) == []


def test_exclusions_left_out_of_the_calculation() -> None:
    result = review_text(
        "The following are left out when Availability is calculated:\n\n(a) planned maintenance;\n\n"
        "(b) faults of mobile network operators.\n",
        "sla.md",
    )
    assert sorted(t.basis for t in result.terms if t.kind is TermKind.carve_out) == ["carrier", "maintenance"]


def test_a_usage_cap_that_may_not_be_exceeded_unless_the_buyer_raises_it() -> None:
    result = review_text(
        "Amounts in KES.\n\n5.2 Usage charges in a month may not exceed KSh 500,000.00 unless the Client raises that "
        "limit in writing.\n",
        "order.md",
    )
    assert term_keys(result, TermKind.usage_cap) == [(Decimal(500000), "KES", None, None)]


def test_a_feature_switched_on_by_it_and_priced_per_two_word_unit() -> None:
    result = review_text(
        "6.1 The chatbot is off at launch. The Vendor activates it only for the channels the Client names in "
        "writing. Each chatbot web session is charged at USD 0.30.\n",
        "order.md",
    )
    assert term_keys(result, TermKind.ai_opt_in) == [(None, None, None, None)]
    assert term_keys(result, TermKind.usage_rate) == [(Decimal("0.30"), "USD/session", None, None)]


def test_help_charged_per_consultant_day_and_credits_that_do_not_limit_damages() -> None:
    exit_help = review_text("9.2 Exit assistance is charged at USD 1,400 per consultant day.\n", "schedule.md")
    assert term_keys(exit_help, TermKind.transition_assistance) == [(None, None, "paid", None)]
    credits = review_text(
        "## Service credits\n\n5.4 Service Credits reduce the price. They do not limit any claim for damages.\n",
        "sla.md",
    )
    assert term_keys(credits, TermKind.sole_remedy) == [(None, None, "not_sole", None)]


def test_an_amendment_that_raises_a_lines_seats_at_the_existing_price() -> None:
    order = (
        "order.md",
        "# Order Form\n\n| Ref. | Licence | Number | Price per licence per month |\n|---|---|---|---|\n"
        "| B.1.1 | Voice Agent (inbound and outbound) | 100 | USD 70.00 |\n",
    )
    amendment = (
        "amendment.md",
        "# Amendment No. 1\n\n1. The number of Voice Agent licences in line B.1.1 is increased from 100 to 125, at "
        "the existing price of USD 70.00 per licence per month.\n",
    )
    result = review_texts(order, amendment)
    deal = result.deal_yaml
    assert "agents: 125" in deal and "quantity: 100" not in deal
    assert deal.count("unit_price: 70") == 1  # one line, not a second one from the amendment's restated price


def test_an_export_asked_for_in_writing_within_a_period_after_termination() -> None:
    result = review_text(
        "11.2 If the Client so asks in writing within thirty (30) days after the effective date of termination, "
        "the Vendor will deliver a copy of Customer Data at its standard rates.\n",
        "msa.md",
    )
    assert term_keys(result, TermKind.data_export) == [(Decimal(30), "day", "paid", None)]


@pytest.mark.parametrize(
    "sentence",
    [
        "The Vendor's system logs are the sole basis for determining Availability.",
        "Availability is calculated from the monitoring probes of the Vendor's data centre.",
    ],
)
def test_availability_measured_only_by_the_vendor(sentence: str) -> None:
    assert term_keys(review_text("3.1 " + sentence + "\n", "sla.md"), TermKind.uptime_measurement) == [
        (None, None, "vendor_monitoring", None)
    ]


def test_chronic_failure_less_than_a_level_and_published_uptime() -> None:
    result = review_text(
        "6.1 If Availability is less than 99.5% in two (2) consecutive calendar months, the Client may terminate the "
        "Order by notice.\n\n7.1 The Vendor will publish the availability for each month on its portal by the "
        "fifth day of the following month.\n",
        "sla.md",
    )
    assert term_keys(result, TermKind.termination_right) == [(None, None, "chronic", None)]
    assert term_keys(result, TermKind.reporting) == [(None, None, "month", None)]


def test_start_of_charges_on_a_date_defined_as_the_first_live_interaction() -> None:
    result = review_text(
        "| Term | Position |\n|---|---|\n| Term | 12 months |\n"
        "| Launch Date | the date on which the first agent handles a live customer interaction |\n"
        "| Start of charges | all charges start on the Launch Date |\n",
        "order.md",
    )
    assert term_keys(result, TermKind.billing_start) == [(None, None, "go_live", None)]


def test_an_outage_that_counts_only_after_minutes_in_a_row() -> None:
    result = review_text(
        '1.2 The Service is "Unavailable" when agents cannot use it for three (3) minutes or more in a row.\n',
        "sla.md",
    )
    assert term_keys(result, TermKind.minimum_outage) == [(Decimal(3), "minute", None, None)]


def test_a_removal_denied_save_for_a_share_after_a_cross_reference() -> None:
    result = review_text(
        "2.3 The Client may add seats at the prices in 2.1. Seats cannot be removed during the Term, save that at "
        "each anniversary the Client may remove up to five percent (5%) of them.\n",
        "order.md",
    )
    assert term_keys(result, TermKind.seat_reduction) == [(Decimal(5), "%", "allowed", None)]


def test_an_amendment_that_replaces_quoted_words_changes_the_figure_of_that_clause() -> None:
    msa = (
        "msa.md",
        "# Master Subscription Agreement\n\n4.2 The Provider may raise the Fees once a year by the change in CPI, "
        "but no increase may exceed five percent (5%).\n\n4.3 Payment is due within thirty (30) days.\n",
    )
    amendment = (
        "amendment.md",
        '# First Amendment\n\n1. In clause 4.2 of the Agreement, the words "five percent (5%)" are replaced by the '
        'words "two and a half percent (2.5%)".\n',
    )
    package = review_package(
        [read_document(text.encode(), name) for name, text in (msa, amendment)], check_contract=False
    )
    in_force = [t for t in package.in_force if t.kind is TermKind.price_increase_cap]
    assert [t.key()[1:5] for t in in_force] == [(Decimal("2.5"), "%", None, None)]
    assert in_force[0].location.document == "amendment.md"  # cited to the amendment's own sentence
    assert "uplift_above_cpi" not in {f.rule for f in package.findings}
