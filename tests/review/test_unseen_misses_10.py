"""Misses of the seventh fresh set's first run, in other words than the corpus: "kr" amounts in the kroner the
document names; usage "charged by the second"; "traffic charges" capped; renewal at the prices in force on the
last day; an availability table headed "Target"; telecom operators excluded; chronic failure over consecutive
defined periods; a report is no claim deadline; who decides a change of key people; deletion after the agreement
"has ended"; assistance priced in the next sentence; a dialling prefix is no band; an amendment's new quantity for a
line; "does not take into account (a) ..., (b) ..."; a statement of work is an order; a defined exit period; a
termination charge in the sentence after the right; a labelled zero fee after a clause number; "minimum usage
commitment"; "the unit prices in the table above"; "including if go-live is delayed"; and PDF lines cut before a
lower-case word, an inline list item or a signature column."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import pytest

from principal.review.extract.terms import TermKind
from principal.review.ingest import load_document
from tests.review.conftest import review_text, review_texts, term_keys

FRESH7 = Path(__file__).resolve().parent.parent.parent / "corpus" / "review" / "fresh7"


@pytest.mark.parametrize(
    ("currency_line", "unit"),
    [
        ("Prices are in Swedish kronor (SEK).", "SEK/user/month"),
        ("All amounts are in DKK.", "DKK/user/month"),
    ],
)
def test_kr_amounts_are_in_the_kroner_the_document_names(currency_line: str, unit: str) -> None:
    result = review_text(
        currency_line + "\n\n2.1 Each agent licence costs kr 425,00 per agent per month.\n", "order.md"
    )
    assert term_keys(result, TermKind.seat_price) == [(Decimal("425.00"), unit, None, None)]


def test_kr_amounts_in_a_document_that_never_says_whose_kroner_are_left_unread() -> None:
    result = review_text("2.1 Each agent licence costs kr 425,00 per agent per month.\n", "order.md")
    assert term_keys(result, TermKind.seat_price) == []


def test_a_kr_column_heading_prices_its_bare_figures() -> None:
    result = review_text(
        "Amounts in NOK.\n\n| Licence | Count | kr per licence per month |\n|---|---|---|\n| Agent | 30 | 510,00 |\n",
        "order.md",
    )
    assert term_keys(result, TermKind.seat_price) == [(Decimal("510.00"), "NOK/user/month", None, None)]


def test_usage_timed_by_the_second_and_traffic_charges_capped() -> None:
    result = review_text(
        "Amounts in NOK.\n\n3.1 Calls are billed by the second.\n\n3.2 Traffic charges for a month shall not "
        "exceed NOK 40 000,00.\n",
        "order.md",
    )
    assert term_keys(result, TermKind.usage_rounding) == [(Decimal(1), "second", "per_call", None)]
    assert term_keys(result, TermKind.usage_cap) == [(Decimal(40000), "NOK", None, None)]


def test_renewal_at_the_prices_in_force_on_the_last_day_of_the_term() -> None:
    result = review_text(
        "8.2 The subscription renews for one year at a time; the fees in force on the last day of the expiring "
        "term apply during the renewal.\n",
        "order.md",
    )
    assert term_keys(result, TermKind.renewal_pricing) == [(None, None, "same_price", None)]


def test_an_availability_table_headed_target_under_an_availability_heading() -> None:
    result = review_text(
        "## 3. Availability commitments\n\n| Module | Target each calendar month |\n|---|---|\n"
        "| Voice routing | 99,9 % |\n| Reporting | 99,5 % |\n",
        "sla.md",
    )
    assert term_keys(result, TermKind.uptime_target) == [
        (Decimal("99.9"), "%", "month", None),
        (Decimal("99.5"), "%", "month", None),
    ]


def test_telecom_operators_excluded_and_chronic_failure_over_defined_periods() -> None:
    result = review_text(
        '1.1 "Review Period" means a calendar month.\n\n4.1 Downtime excludes outages caused by mobile network '
        "operators.\n\n8.1 If Availability is below 99.0% in three consecutive Review Periods, the Client may "
        "terminate the Order on notice.\n",
        "sla.md",
    )
    assert term_keys(result, TermKind.carve_out) == [(None, None, "carrier", None)]
    assert term_keys(result, TermKind.termination_right) == [(None, None, "chronic", None)]


def test_a_monthly_report_listing_claimable_credits_sets_no_claim_deadline() -> None:
    result = review_text(
        "## Service credits\n\n6.4 Within five (5) working days after each month the Provider sends a report of "
        "availability and of the credits the Client may claim.\n",
        "sla.md",
    )
    assert term_keys(result, TermKind.credit_claim_deadline) == []


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        ("The Supplier may reassign its project manager without the Client's consent.", [(None, None,
                                                                                          "vendor_discretion", None)]),
        ("The Supplier shall not reassign the project manager without the Client's written consent.",
         [(None, None, "approval", None)]),
        ("Replacing the project manager requires the Client's prior approval.", [(None, None, "approval", None)]),
        ("A replacement project manager must have similar experience.", []),
    ],
)  # fmt: skip
def test_who_decides_a_change_of_key_people(sentence: str, expected: list[tuple[object, ...]]) -> None:
    result = review_text("## 6. Staffing\n\n6.1 " + sentence + "\n", "sow.md")
    assert term_keys(result, TermKind.key_personnel) == expected


def test_deletion_after_the_agreement_has_ended_and_assistance_priced_in_the_next_sentence() -> None:
    result = review_text(
        "9.1 The Vendor erases Customer Data sixty (60) days after this Agreement has ended.\n\n9.2 On request the "
        "Vendor will assist with the migration of the service to a successor for up to two (2) months after the "
        "end of the Agreement. The assistance is charged at the Vendor's daily rates.\n",
        "msa.md",
    )
    assert term_keys(result, TermKind.data_deletion) == [(Decimal(60), "day", None, None)]
    assert term_keys(result, TermKind.transition_assistance) == [(Decimal(2), "month", "paid", None)]


def test_a_dialling_prefix_is_no_volume_band() -> None:
    result = review_text(
        "| Traffic | Rate |\n|---|---|\n| Calls to 0-800 free-phone numbers | USD 0.021 per minute |\n", "order.md"
    )
    assert term_keys(result, TermKind.usage_rate) == [(Decimal("0.021"), "USD/minute", None, None)]


def test_an_amendment_that_restates_a_lines_quantity_replaces_it() -> None:
    order = (
        "order.md",
        "# Order Form\n\n| Line | Product | Qty | Price per user per month |\n|---|---|---|---|\n"
        "| 1 | Voice Agent | 100 | USD 80.00 |\n",
    )
    amendment = (
        "amendment.md",
        "# Amendment No. 2\n\n1. The quantity for line 1 (Voice Agent) is increased to 130.\n",
    )
    result = review_texts(order, amendment)
    assert sorted(term_keys(result, TermKind.seat_quantity)) == [
        (Decimal(100), "seat", None, None),
        (Decimal(130), "seat", None, None),
    ]  # each document's own reading
    assert "agents: 130" in result.deal_yaml  # the amendment's figure is the one in force


def test_an_inline_list_of_exclusions_after_does_not_take_into_account() -> None:
    result = review_text(
        "5.3 Availability does not take into account (a) planned maintenance, (b) urgent maintenance, or (c) "
        "force majeure.\n",
        "sla.md",
    )
    assert sorted(t.basis for t in result.terms if t.kind is TermKind.carve_out) == [
        "emergency_maintenance",
        "force_majeure",
        "maintenance",
    ]


def test_a_statement_of_work_under_a_master_agreement_not_provided() -> None:
    sow = (
        "sow.md",
        "# Statement of Work 4\n\nThis Statement of Work is made under the Master Services Agreement between "
        "the parties.\n\n1. The Provider configures the contact centre.\n",
    )
    order = ("order.md", "# Order Form\n\n1. The Master Services Agreement governs this Order Form.\n")
    result = review_texts(sow, order)
    assert "referenced_document_missing" in {f.rule for f in result.findings}


def test_an_export_window_given_by_a_defined_period() -> None:
    result = review_text(
        '1.3 "Wind-down Period" means the sixty (60) days after termination or expiry.\n\n7.1 Throughout the '
        "Wind-down Period the Client may export its Customer Data at no charge.\n",
        "msa.md",
    )
    assert term_keys(result, TermKind.data_export) == [(Decimal(60), "day", "free", None)]


@pytest.mark.parametrize(
    ("second", "expected"),
    [
        ("It must then pay an early exit charge of thirty percent (30%) of the fees that would have fallen due "
         "for the rest of the Term.", [(Decimal(30), "%", "remaining_fees", None)]),
        ("In that case the Client shall pay all fees for the remainder of the Initial Term.",
         [(None, None, "remaining_fees", None)]),
        ("The Provider then refunds any prepaid fees for the remainder of the term.", []),
    ],
)  # fmt: skip
def test_a_termination_charge_stated_after_the_right(second: str, expected: list[tuple[object, ...]]) -> None:
    result = review_text(
        "10.2 The Client may terminate the Agreement for convenience on thirty (30) days' notice. " + second + "\n",
        "msa.md",
    )
    assert term_keys(result, TermKind.termination_fee) == expected


def test_a_waived_fee_labelled_after_a_clause_number_and_a_minimum_usage_commitment() -> None:
    result = review_text(
        "4.1 Set-up and configuration: ILS 0.00 (waived for this order).\n\n4.2 Minimum usage commitment: "
        "ILS 9,000.00 per calendar month.\n",
        "order.md",
    )
    assert term_keys(result, TermKind.implementation_fee) == [(Decimal(0), "ILS", None, None)]
    assert term_keys(result, TermKind.minimum_commitment) == [(Decimal(9000), "ILS", None, None)]


def test_seats_added_at_the_unit_prices_in_the_table_above() -> None:
    result = review_text(
        "2.4 Additional seats ordered during the term are charged at the unit prices in the table above.\n",
        "order.md",
    )
    assert term_keys(result, TermKind.true_up) == [(None, None, "contract_price", None)]


def test_a_fee_that_stays_due_if_go_live_slips_is_not_due_at_go_live() -> None:
    result = review_text(
        "5.1 The implementation fee is USD 20,000. The implementation fee is not refundable, even if go-live is "
        "later than planned.\n",
        "sow.md",
    )
    assert term_keys(result, TermKind.implementation_fee) == [(Decimal(20000), "USD", None, None)]


def test_pdf_lines_cut_before_a_lower_case_word_an_inline_item_or_a_signature_column() -> None:
    msa = load_document(FRESH7 / "lagoon" / "master-services-agreement.pdf").text
    assert "set out in Schedule 2 governs Lagoon's processing" in msa  # "2 governs" starts no clause
    assert "after termination or expiry, free of charge." in msa  # last page: signatures in the right column
    order = load_document(FRESH7 / "kalayaan" / "service-order.pdf").text
    assert "forty-eight (48) hours in advance, (b) emergency maintenance, or (c) force majeure" in order
