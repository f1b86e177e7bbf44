"""Misses of the fifteenth fresh set's first run (Korean 'Party A / Party B' drafting, Japanese and Swiss-German
order paper), in other words than the corpus."""

from __future__ import annotations

from decimal import Decimal

from principal.review.extract.terms import TermKind
from tests.review.conftest import review_text, term_keys


def _labelled_parties(body: str) -> str:
    return (
        '# Cloud Telephony Agreement\n\nHanbit Retail Co., Ltd. (hereinafter "Party A") and Saebyeok Cloud Co., '
        'Ltd. (hereinafter "Party B") agree as follows on the contact center services that Party B provides to '
        "Party A.\n\n" + body
    )


def test_the_label_that_provides_the_service_is_the_vendor_and_its_own_denial_is_not_the_buyers() -> None:
    from principal.review.extract.parties import vendor_aliases

    text = _labelled_parties(
        "Article 4 (Fees) Party A shall pay the monthly fees within thirty (30) days of the invoice.\n\n"
        "Article 12 (Termination) Party B shall not terminate this Agreement for convenience during the term.\n"
    )
    assert "party b" in vendor_aliases(text)
    assert "party a" not in vendor_aliases(text)
    assert term_keys_of(text, TermKind.termination_right) == []


def term_keys_of(text: str, kind: TermKind) -> list[tuple[object, ...]]:
    result = review_text(text, "agreement.md")
    return [t.key()[1:5] for t in result.terms if t.kind is kind and t.basis == "no_convenience"]


def test_two_labels_that_both_pay_name_no_vendor() -> None:
    from principal.review.extract.parties import vendor_aliases

    text = (
        'Alpha Holdings Co., Ltd. (hereinafter "Party A") and Beta Works Co., Ltd. (hereinafter "Party B") share '
        "the costs. Party A shall pay half and Party B shall pay half.\n"
    )
    assert vendor_aliases(text) == ()


def test_a_freeze_in_the_initial_term_then_a_cap_at_each_extension() -> None:
    result = review_text(
        "# Order\n\n7.1 The unit prices are fixed during the Initial Term. On each extension thereafter the "
        "Supplier may raise them by no more than four percent (4%) over the prices of the year before.\n",
        "order.md",
    )
    assert [(t.value, t.basis) for t in result.terms if t.kind is TermKind.price_increase] == []
    assert [t.value for t in result.terms if t.kind is TermKind.price_increase_cap] == [Decimal(4)]


def test_prices_fixed_for_the_initial_term_with_no_cap_after_stay_fixed() -> None:
    result = review_text("# Order\n\n7.1 The unit prices stay unchanged during the Initial Term.\n", "order.md")
    assert [t.basis for t in result.terms if t.kind is TermKind.price_increase] == ["fixed"]


def test_an_exit_charge_named_after_its_amount_and_a_share_the_buyer_shall_pay() -> None:
    result = review_text(
        "# Terms\n\n11.2 If the Customer ends the Agreement before the end of the Initial Term it shall pay an amount "
        "equal to three (3) months of the Licence Fees as liquidated damages.\n\n"
        "11.3 If the Customer terminates a renewal term early, the Customer shall pay forty percent (40%) of the "
        "fees remaining for that renewal term.\n",
        "terms.md",
    )
    assert sorted((t.value, t.unit, t.basis) for t in result.terms if t.kind is TermKind.termination_fee) == [
        (Decimal(3), "month", "fees"),
        (Decimal(40), "%", "remaining_fees"),
    ]


def test_convenience_notice_with_a_comma_and_with() -> None:
    result = review_text(
        "# Terms\n\n12.1 The Customer may terminate the Agreement, in whole or for single licences, with two (2) "
        "months' written notice to the end of a calendar month.\n",
        "terms.md",
    )
    assert [(t.value, t.unit, t.basis) for t in result.terms if t.kind is TermKind.termination_right] == [
        (Decimal(2), "month", "convenience")
    ]


def test_migration_help_dpa_and_master_references_in_other_names() -> None:
    result = review_text(
        "# Order\n\n1. This Order is placed under the Cloud Voice Platform Service Agreement between the parties.\n\n"
        "2. Personal data is processed under the Personal Data Processing Entrustment Agreement.\n\n"
        "3. On expiry the Provider shall cooperate reasonably with the migration of the Services to the Customer's "
        "next provider.\n",
        "order.md",
    )
    assert sorted(t.basis for t in result.terms if t.kind is TermKind.reference) == ["dpa", "msa"]
    assert [t.kind for t in result.terms if t.kind is TermKind.transition_assistance] == [
        TermKind.transition_assistance
    ]


def test_service_levels_appended_to_the_general_terms_are_no_separate_exhibit() -> None:
    result = review_text(
        "# Order\n\n1. The Provider's General Terms for Cloud Services, edition 2027, with Appendix B (Service Levels) "
        "apply to this Order.\n",
        "order.md",
    )
    assert [t.basis for t in result.terms if t.kind is TermKind.reference] == ["msa"]


def test_a_schedule_named_on_its_own_is_still_referenced() -> None:
    result = review_text(
        "# Order\n\n1. The Master Subscription Agreement and Exhibit C (Service Levels) apply to this Order.\n",
        "order.md",
    )
    assert sorted(t.basis for t in result.terms if t.kind is TermKind.reference) == ["msa", "sla"]


def test_an_establishment_fee_due_when_the_order_confirmation_is_signed() -> None:
    result = review_text(
        "# Order Confirmation\n\n| Item | Amount |\n|---|---|\n| Establishment fee, one-time | CHF 8'400.00 |\n\n"
        "4.1 The establishment fee is invoiced when this order confirmation is signed.\n",
        "order.md",
    )
    assert [(t.value, t.unit) for t in result.terms if t.kind is TermKind.implementation_fee] == [
        (Decimal("8400.00"), "CHF")
    ]
    assert [t.kind for t in result.terms if t.kind is TermKind.seat_price] == []


def test_billing_that_starts_from_a_numbered_item_and_fees_that_accrue_from_a_date() -> None:
    numbered = review_text(
        "# Order\n\n(2) Seat fees for each month are invoiced at the end of that month, in Japanese yen, starting from "
        "the go-live date.\n",
        "order.md",
    )
    assert [t.basis for t in numbered.terms if t.kind is TermKind.billing_start] == ["go_live"]
    accrued = review_text(
        "# Order\n\n5.1 Subscription fees are invoiced quarterly in advance. They accrue from the go-live date.\n",
        "order.md",
    )
    assert [t.basis for t in accrued.terms if t.kind is TermKind.billing_start] == ["go_live"]


def test_credits_that_shall_not_preclude_damages_and_a_one_minute_outage_floor() -> None:
    result = review_text(
        "# Service Level Exhibit\n\n5.3 Service credits shall not preclude the Customer from claiming damages.\n\n"
        "5.4 Any interruption of two (2) minutes or longer is counted as downtime.\n",
        "sla.md",
    )
    assert [t.basis for t in result.terms if t.kind is TermKind.sole_remedy] == ["not_sole"]
    assert [(t.value, t.unit) for t in result.terms if t.kind is TermKind.minimum_outage] == [(Decimal(2), "minute")]


def test_telecommunications_business_operators_are_a_carrier_carve_out() -> None:
    result = review_text(
        "# Service Level Exhibit\n\n4.1 Failures of telecommunications business operators are not downtime.\n",
        "sla.md",
    )
    assert {t.basis for t in result.terms if t.kind is TermKind.carve_out} == {"carrier"}


def test_a_cost_supplement_is_a_surcharge_and_toll_free_prefixes_are_no_bands() -> None:
    result = review_text(
        "# Order\n\n6.1 A compliance cost supplement of 2,5 % is added to the usage charges.\n\n"
        "| Service | Rate |\n|---|---|\n| Inbound toll-free minutes (1-800, 1-888) | USD 0.021 per minute |\n",
        "order.md",
    )
    assert [t.value for t in result.terms if t.kind is TermKind.surcharge] == [Decimal("2.5")]
    assert [(t.value, t.basis, t.threshold) for t in result.terms if t.kind is TermKind.usage_rate] == [
        (Decimal("0.021"), None, None)
    ]


def test_a_heading_cell_wrapped_onto_a_short_line_of_its_own_above_the_rows() -> None:
    from principal.review.ingest.pdf_layout import Line, _merge_wrapped_cells

    header = Line(1, 0, 100.0, 110.0, [(72.0, "Availability of the component in the"), (300.0, "Credit")])
    wrapped = Line(1, 0, 116.0, 126.0, [(72.0, "Quarter")])
    row = Line(1, 0, 130.0, 140.0, [(72.0, "Below 99.5%"), (300.0, "5%")])
    merged = _merge_wrapped_cells([header, wrapped, row])
    assert [line.text for line in merged] == [
        "Availability of the component in the Quarter | Credit",
        "Below 99.5% | 5%",
    ]


def test_a_short_paragraph_line_under_a_table_without_rows_after_it_stays_a_paragraph() -> None:
    from principal.review.ingest.pdf_layout import Line, _merge_wrapped_cells

    header = Line(1, 0, 100.0, 110.0, [(72.0, "Component"), (300.0, "Target")])
    note = Line(1, 0, 116.0, 126.0, [(72.0, "Notes")])
    paragraph = Line(1, 0, 130.0, 140.0, [(72.0, "The targets apply to production only.")])
    merged = _merge_wrapped_cells([header, note, paragraph])
    assert [line.text for line in merged] == [
        "Component | Target",
        "Notes",
        "The targets apply to production only.",
    ]


def test_an_agreement_that_continues_for_successive_periods_renews() -> None:
    result = review_text(
        "# Agreement\n\n3.1 Unless either party objects in writing sixty (60) days before expiry, this Agreement "
        "continues for successive periods of one (1) year.\n",
        "agreement.md",
    )
    assert term_keys(result, TermKind.renewal_term) == [(Decimal(12), "month", "auto", None)]
    assert term_keys(result, TermKind.renewal_notice) == [(Decimal(60), "day", "auto", None)]
