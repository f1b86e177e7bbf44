"""Misses of the ninth fresh set's first run, in other words than the corpus: "€" and "£" after the figure; pence
alone in a rate card's cell; a "Per" column holding the unit; credit ladders listed under a lead-in or with a band
name first; one window stated for a table of targets; a reduction refused during the term and allowed at renewal
in the next sentence; each further minute as the next band; full minutes; exclusions "not treated as
unavailability"; credits that "settle all claims"; a credit asserted within a deadline; a framework agreement; a
termination sum; a material default; migration help; an exit period defined after its length; caps "no increase
exceeds"; charges "payable from" go-live; no automatic extension; prices "in effect at the end of the preceding
term"; seats "trued up"; an onboarding lead; a breach "not been remedied"; and a right left open by credits."""

from __future__ import annotations

from decimal import Decimal

import pytest

from principal.review.extract.numbers import find_money
from principal.review.extract.terms import TermKind
from tests.review.conftest import review_text, term_keys


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("29,50 € je Nutzer", [(Decimal("29.50"), "EUR")]),
        ("2.400,00 € einmalig", [(Decimal("2400.00"), "EUR")]),
        ("12 £ a month", [(Decimal(12), "GBP")]),
        ("2.5p", [(Decimal("0.025"), "GBP")]),
    ],
)
def test_currency_after_the_figure_and_pence_alone(text: str, expected: list[tuple[Decimal, str]]) -> None:
    assert [(q.value, q.unit) for q in find_money(text)] == expected


def test_a_rate_card_whose_per_column_holds_the_unit() -> None:
    result = review_text(
        "| Line | Item | Qty | Price (CAD) | Per |\n|---|---|---|---|---|\n"
        "| 1 | Agent | 40 | 55.00 | seat per month |\n| 2 | Outbound calls | - | 0.0110 | minute |\n",
        "order.md",
    )
    assert term_keys(result, TermKind.seat_price) == [(Decimal("55.00"), "CAD/user/month", None, None)]
    assert term_keys(result, TermKind.usage_rate) == [(Decimal("0.0110"), "CAD/minute", None, None)]


def test_credit_ladders_under_a_lead_in_or_with_a_band_name_first() -> None:
    listed = review_text(
        "C4. Credits. The Client earns a credit on the monthly fee as follows:\n\n(i) availability from 99.0% to "
        "below 99.5%: 4%;\n\n(ii) below 99.0%: 9%.\n",
        "sla.md",
    )
    assert term_keys(listed, TermKind.credit_tier) == [
        (Decimal(4), "%", "below", Decimal("99.5")),
        (Decimal(9), "%", "below", Decimal("99.0")),
    ]
    banded = review_text(
        "| Tier | Availability in the month | Service Credit |\n|---|---|---|\n| Bronze | Below 99.5%, down to 99.0% |"
        " 6% |\n| Silver | Below 99.0% | 15% |\n",
        "sla.md",
    )
    assert term_keys(banded, TermKind.credit_tier) == [
        (Decimal(6), "%", "below", Decimal("99.5")),
        (Decimal(15), "%", "below", Decimal("99.0")),
    ]


def test_one_window_stated_before_a_table_of_targets() -> None:
    result = review_text(
        "2.1 The Vendor will keep each module available during each calendar month at no less than the level "
        "below.\n\n| Module | Commitment |\n|---|---|\n| Voice | 99.95% |\n| Email | 99.5% |\n",
        "sla.md",
    )
    assert [k[2] for k in term_keys(result, TermKind.uptime_target)] == ["month", "month"]


def test_reductions_refused_during_the_term_and_allowed_at_renewal() -> None:
    result = review_text(
        "3.2 A decrease in the number of seats is not possible during the initial term. Seats may be reduced "
        "with effect from the end of the initial term.\n",
        "order.md",
    )
    assert term_keys(result, TermKind.seat_reduction) == [(None, None, "renewal", None)]


def test_each_further_minute_is_the_next_band_and_full_minutes_round() -> None:
    result = review_text(
        "| Calls | Price |\n|---|---|\n| Mobile calls, first 200.000 minutes per month | 0,0300 € per minute |\n"
        "| Mobile calls, each further minute in the month | 0,0250 € per minute |\n\n"
        "4.1 Calls are charged in full minutes.\n",
        "order.md",
    )
    assert [k[2:] for k in term_keys(result, TermKind.usage_rate)] == [
        ("band_up_to", Decimal(200000)),
        ("band_above", Decimal(200000)),
    ]
    assert term_keys(result, TermKind.usage_rounding) == [(Decimal(1), "minute", "per_call", None)]


def test_exclusions_not_treated_as_unavailability_and_credits_that_settle_all_claims() -> None:
    result = review_text(
        "## Service levels\n\n2.1 The following are not treated as unavailability:\n\n(a) announced maintenance;"
        "\n\n(b) failures of telecommunications carriers.\n\n3.5 The credits in this Annex settle all claims for "
        "missed availability.\n\n3.6 The Client must assert a credit within fifteen (15) days after the month.\n",
        "sla.md",
    )
    assert sorted(t.basis for t in result.terms if t.kind is TermKind.carve_out) == ["carrier", "maintenance"]
    assert term_keys(result, TermKind.sole_remedy) == [(None, None, "credits", None)]
    assert term_keys(result, TermKind.credit_claim_deadline) == [(Decimal(15), "day", None, None)]


def test_call_off_terms_under_a_framework_agreement() -> None:
    result = review_text(
        "# Call-Off Terms\n\n1.1 These terms apply under the Framework Agreement for Contact Centre Services.\n\n"
        "4.2 On termination under clause 4.1 the Buyer shall pay a termination sum equal to three (3) months' "
        "Charges.\n\n4.3 Either Party may terminate on notice if the other commits a material Default not remedied "
        "within fifteen (15) Working Days.\n",
        "terms.md",
    )
    assert [t.basis for t in result.terms if t.kind is TermKind.reference] == ["msa"]
    assert term_keys(result, TermKind.termination_fee) == [(Decimal(3), "month", "fees", None)]
    assert (Decimal(15), "business_day", "cause", None) in term_keys(result, TermKind.termination_right)


def test_migration_help_for_an_exit_period_defined_after_its_length() -> None:
    result = review_text(
        '5.1 For four (4) months following the termination of this Contract (the "Exit Period"), the Supplier '
        "shall give the assistance the Buyer needs to migrate the Services, at no additional charge.\n\n5.2 During "
        "the Exit Period the Supplier shall return the Buyer's data on request, without charge.\n",
        "terms.md",
    )
    assert term_keys(result, TermKind.transition_assistance) == [(Decimal(4), "month", "free", None)]
    assert term_keys(result, TermKind.data_export) == [(Decimal(4), "month", "free", None)]


def test_an_index_with_no_increase_exceeding_a_cap_and_charges_payable_from_go_live() -> None:
    result = review_text(
        "4.3 From the third year the Supplier may index the Charges by CPI, provided that no increase exceeds two "
        "per cent (2%).\n\n3.2 Licence charges are payable from the Go-Live Date.\n",
        "order.md",
    )
    assert term_keys(result, TermKind.price_increase_cap) == [(Decimal(2), "%", None, None)]
    assert term_keys(result, TermKind.billing_start) == [(None, None, "go_live", None)]


def test_no_automatic_extension_and_renewal_at_the_prices_in_effect() -> None:
    none = review_text("4.2 There is no automatic extension of the Contract.\n", "order.md")
    assert term_keys(none, TermKind.renewal_term) == [(None, None, "by_agreement", None)]
    same = review_text(
        "6.3 The Order renews for 12-month terms; the prices for a renewal term are the prices in effect at the end "
        "of the preceding term.\n",
        "order.md",
    )
    assert term_keys(same, TermKind.renewal_pricing) == [(None, None, "same_price", None)]


def test_seats_trued_up_at_the_per_seat_price_of_a_section() -> None:
    result = review_text(
        "2.5 Seats in use above the ordered quantity are trued up each quarter at the per-seat price in Section B.\n",
        "order.md",
    )
    assert term_keys(result, TermKind.true_up) == [(None, None, "contract_price", None)]


def test_an_onboarding_lead_kept_unless_the_buyer_approves() -> None:
    result = review_text(
        "A2. The Vendor will not replace the Onboarding Lead before go-live without the Client's written approval.\n",
        "terms.md",
    )
    assert term_keys(result, TermKind.key_personnel) == [(None, None, "approval", None)]


def test_a_breach_that_has_not_been_remedied_and_a_right_left_open_by_credits() -> None:
    cause = review_text(
        "5.2 Where a party is in breach, termination is permitted only if the breach has not been remedied within "
        "twenty (20) days after a written warning.\n",
        "terms.md",
    )
    assert term_keys(cause, TermKind.termination_right) == [(Decimal(20), "day", "cause", None)]
    left_open = review_text(
        "## Service credits\n\n4.4 Credits reduce the price. They do not limit the Buyer's right to terminate for "
        "material default.\n",
        "sla.md",
    )
    assert term_keys(left_open, TermKind.termination_right) == []


def test_all_the_charges_invoiced_at_once() -> None:
    result = review_text("3.1 The Vendor shall bill the Charges quarterly in arrears.\n", "order.md")
    assert term_keys(result, TermKind.billing_frequency) == [(None, None, "quarterly_arrears", None)]
