"""Misses of the second fresh set's first run (corpus/review/fresh2-first-run.txt) and the held-out misses left open
before it, each fixed by a general rule and tested here in other words than the corpus documents."""

from __future__ import annotations

from decimal import Decimal

import pytest

from principal.review.extract.terms import TermKind
from principal.review.result import ReviewResult
from tests.review.conftest import review_text


def _keys(result: ReviewResult, kind: TermKind) -> list[tuple[object, ...]]:
    return [t.key()[1:5] for t in result.terms if t.kind is kind]


# Prices and their changes


def test_a_price_freeze_for_an_opening_period_is_not_prices_fixed_for_the_term() -> None:
    """Before: "fixed for the first eighteen months" gave a 0% fixed increase (which silenced the uplift rule)
    and an 18-month term."""
    result = review_text(
        "Unit prices stay fixed for the first eighteen (18) months of the Subscription Term. After that the "
        "Vendor may raise them by up to six percent (6%) a year.\n"
    )
    assert _keys(result, TermKind.price_increase) == [(Decimal(6), "%", "up_to", None)]
    assert _keys(result, TermKind.subscription_term) == []
    assert "uplift_above_cpi" in {f.rule for f in result.findings}


def test_an_index_named_index_of_consumer_prices_is_cpi() -> None:
    result = review_text(
        "The Vendor may review its prices annually against the Index of Consumer Prices, and no review shall "
        "exceed three and a half percent (3.5%).\n"
    )
    assert _keys(result, TermKind.price_increase) == [(Decimal(0), "%", "cpi", None)]
    assert _keys(result, TermKind.price_increase_cap) == [(Decimal("3.5"), "%", None, None)]


def test_rates_changed_by_no_more_than_an_index_plus_a_margin() -> None:
    result = review_text(
        "We can change the rates once a year, by no more than the movement in the CPI plus one and a half "
        "per cent (1.5%).\n"
    )
    assert _keys(result, TermKind.price_increase) == [(Decimal("1.5"), "%", "cpi", None)]


def test_renewal_fees_capped_against_the_previous_term_are_a_cap_not_the_same_price() -> None:
    result = review_text(
        "Charges for each renewal period will not exceed the charges for the preceding period by more than two "
        "percent (2%).\n"
    )
    assert _keys(result, TermKind.price_increase_cap) == [(Decimal(2), "%", None, None)]
    assert _keys(result, TermKind.renewal_pricing) == []


def test_renewal_at_the_fees_in_force_when_the_term_ends_is_the_same_price() -> None:
    result = review_text("Any renewal year is billed at the prices applicable at the end of the previous year.\n")
    assert _keys(result, TermKind.renewal_pricing) == [(None, None, "same_price", None)]


# Rates, seats and usage


@pytest.mark.parametrize(
    ("sentence", "value", "unit"),
    [
        ("Calls to mobiles cost 2.4p per minute.", Decimal("0.024"), "GBP/minute"),
        ("Video sessions are charged at EUR 0.30 per video session.", Decimal("0.30"), "EUR/session"),
        ("Speech analytics costs AUD 0.006 per analysed minute.", Decimal("0.006"), "AUD/minute"),
    ],
)
def test_usage_rates_in_pence_and_with_the_unit_qualified_or_before_the_amount(
    sentence: str, value: Decimal, unit: str
) -> None:
    result = review_text(sentence + "\n")
    assert [(t.value, t.unit) for t in result.terms if t.kind is TermKind.usage_rate] == [(value, unit)]


def test_each_unit_named_before_its_price_is_the_rate_unit() -> None:
    result = review_text("Once enabled, every message is charged at GBP 0.012.\n")
    assert _keys(result, TermKind.usage_rate) == [(Decimal("0.012"), "GBP/message", None, None)]


def test_a_shortfall_charge_is_not_a_usage_rate() -> None:
    result = review_text(
        "The Client commits to 400,000 minutes a month; any shortfall is charged at USD 0.009 per minute.\n"
    )
    assert _keys(result, TermKind.usage_rate) == []
    assert _keys(result, TermKind.minimum_commitment) == [(Decimal(400000), "minute", None, None)]


def test_seat_count_in_words_with_digits_in_brackets_before_subscriptions() -> None:
    result = review_text(
        "Buyer orders one hundred and ten (110) Contact Agent subscriptions at USD 75.00 per agent per month.\n"
    )
    assert _keys(result, TermKind.seat_quantity) == [(Decimal(110), "seat", None, None)]


def test_a_committed_volume_in_words_with_digits_in_brackets() -> None:
    result = review_text(
        "Client commits to two million (2,000,000) voice minutes each month, charged at EUR 0.008 per minute.\n"
    )
    assert _keys(result, TermKind.minimum_commitment) == [(Decimal(2000000), "minute", None, None)]


def test_overage_as_a_percentage_of_a_qualified_rate() -> None:
    result = review_text("Minutes beyond the committed volume are billed at 130% of the standard per-minute price.\n")
    assert _keys(result, TermKind.overage_rate) == [(Decimal(130), "%", None, None)]


def test_a_true_up_worded_as_seats_found_in_use_above_the_order() -> None:
    result = review_text(
        "Each half year the Vendor counts the agents logged in; agents used above the contracted quantity are "
        "billed from then on at the Vendor's list price.\n"
    )
    assert _keys(result, TermKind.true_up) == [(None, None, "list_price", None)]


def test_a_usage_ceiling_worded_as_not_required_to_pay_above_a_share() -> None:
    result = review_text(
        "The Buyer is not obliged to pay usage charges in any quarter above 115% of its forecast usage charges.\n"
    )
    assert _keys(result, TermKind.usage_cap) == [(Decimal(115), "%", None, None)]


@pytest.mark.parametrize(
    ("sentence", "value"),
    [
        ("Each call is rounded up to the nearest fifteen (15) seconds.", Decimal(15)),
        ("3.1 Minutes are billed per call and rounded up to the next whole minute.", Decimal(1)),
    ],
)
def test_call_rounding_reads_its_increment_not_the_clause_number(sentence: str, value: Decimal) -> None:
    result = review_text(sentence + "\n")
    assert [t.value for t in result.terms if t.kind is TermKind.usage_rounding] == [value]


def test_subscription_fees_invoiced_in_full_at_the_start_of_each_named_year_are_annual_in_advance() -> None:
    result = review_text("Subscription fees for each Service Year are invoiced in full at the start of that year.\n")
    assert _keys(result, TermKind.billing_frequency) == [(None, None, "annual_advance", None)]


def test_an_implementation_fee_split_into_amounts_is_paid_in_milestones() -> None:
    result = review_text(
        "The set-up fee is USD 9,000, of which USD 3,000 is invoiced at kick-off and USD 6,000 on go-live.\n"
    )
    assert _keys(result, TermKind.implementation_fee) == [(Decimal(9000), "USD", "milestones", None)]


# AI features


@pytest.mark.parametrize(
    ("sentence", "kind"),
    [
        ("The virtual assistant is live for all queues from activation; the Client can switch it off later.",
         TermKind.ai_default_on),
        ("Sentiment scoring is billed per call and is enabled for every agent at launch.", TermKind.ai_default_on),
        ("The chatbot is activated only once the Buyer asks for it in writing.", TermKind.ai_opt_in),
        ("The Vendor will not turn on the bot unless the Buyer opts in.", TermKind.ai_opt_in),
    ],
)  # fmt: skip
def test_ai_on_for_everyone_versus_on_request(sentence: str, kind: TermKind) -> None:
    result = review_text(sentence + "\n")
    kinds = {t.kind for t in result.terms if t.kind in (TermKind.ai_default_on, TermKind.ai_opt_in)}
    assert kinds == {kind}


# Seats


def test_reducing_agents_only_from_the_start_of_a_renewal_period() -> None:
    result = review_text(
        "The Buyer may lower the number of contact agents only from the beginning of a renewal period.\n"
    )
    assert _keys(result, TermKind.seat_reduction) == [(None, None, "renewal", None)]
