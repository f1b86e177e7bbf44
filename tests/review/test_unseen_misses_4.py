"""Shapes met in unseen vendor paper, each in other words than any corpus document: figures written the continental
way (decimal commas, thousands grouped by spaces or dots), a denial that keeps an exception ("shall not reduce ...
except by up to 10%"), an increase bounded as "not ... by more than", line totals beside unit prices, and a
minimum outage a few minutes long."""

from __future__ import annotations

from decimal import Decimal

import pytest

from principal.review.extract.numbers import find_money, find_percents, to_decimal
from principal.review.extract.terms import TermKind
from principal.review.result import ReviewResult
from tests.review.conftest import review_text


def _keys(result: ReviewResult, kind: TermKind) -> list[tuple[object, ...]]:
    return [t.key()[1:5] for t in result.terms if t.kind is kind]


# Figures written the continental way


@pytest.mark.parametrize(
    ("text", "value", "currency"),
    [
        ("EUR 2.480,75 per month", Decimal("2480.75"), "EUR"),
        ("PLN 0,35 per minute", Decimal("0.35"), "PLN"),
        ("0,0125 CHF per message", Decimal("0.0125"), "CHF"),
        ("USD 0,012 a minute", Decimal("0.012"), "USD"),  # a zero before the comma: thousandths, never twelve
        ("INR 3 40 000", Decimal(3), "INR"),  # not a valid grouping: only the 3 is read as the amount
        ("JPY 1 500 000 once", Decimal(1500000), "JPY"),
        ("¥ 9 800 per user", Decimal(9800), "JPY"),
        ("SEK 12\u00a0400,50 yearly", Decimal("12400.50"), "SEK"),  # a no-break space groups the thousands
        ("USD 4,500 for set-up", Decimal(4500), "USD"),  # a comma before three digits still groups thousands
        ("GBP 1,234,567.89 in all", Decimal("1234567.89"), "GBP"),
    ],
)
def test_money_in_continental_and_english_notation(text: str, value: Decimal, currency: str) -> None:
    found = find_money(text)
    assert [(q.value, q.unit) for q in found][:1] == [(value, currency)]


def test_a_list_of_figures_is_not_read_as_one_grouped_number() -> None:
    assert [q.value for q in find_money("AUD 30,40,50 by tier")] == [Decimal(30)]
    assert [q.value for q in find_money("in 2027 120 seats at NZD 61")] == [Decimal(61)]


def test_percentages_with_a_decimal_comma_and_no_space_grouping() -> None:
    assert [q.value for q in find_percents("an increase of 3,5 % a year; Schedule 4 100% of fees")] == [
        Decimal("3.5"),
        Decimal(100),
    ]


def test_to_decimal_reads_the_last_mark_as_the_decimal_point() -> None:
    assert to_decimal("7.125,5") == Decimal("7125.5")
    assert to_decimal("7,125.5") == Decimal("7125.5")
    assert to_decimal("0,75") == Decimal("0.75")
    assert to_decimal("18 250") == Decimal(18250)


def test_a_price_table_in_continental_notation_gives_unit_price_and_seats() -> None:
    result = review_text(
        "| Licence | Named users | Price per user per month (BRL) |\n|---|---|---|\n"
        "| Omnichannel Agent | 95 | 1 480,00 |\n"
        "| Team Lead | 9 | 2.110,50 |\n",
        "pedido.md",
    )
    assert _keys(result, TermKind.seat_price) == [
        (Decimal("1480.00"), "BRL/user/month", None, None),
        (Decimal("2110.50"), "BRL/user/month", None, None),
    ]
    assert _keys(result, TermKind.seat_quantity) == [
        (Decimal(95), "seat", None, None),
        (Decimal(9), "seat", None, None),
    ]


def test_a_fee_grouped_by_spaces_is_read_whole() -> None:
    result = review_text("Onboarding services: MXN 412 500,00, invoiced on go-live.", "orden.md")
    assert _keys(result, TermKind.implementation_fee) == [(Decimal("412500.00"), "MXN", "go_live", None)]


def test_a_usage_rate_with_a_decimal_comma_is_not_read_as_zero() -> None:
    result = review_text("Outbound voice is charged at PLN 0,09 per minute.", "zamowienie.md")
    assert _keys(result, TermKind.usage_rate) == [(Decimal("0.09"), "PLN/minute", None, None)]


# Line totals beside unit prices


def test_a_line_total_column_is_not_a_second_seat_price() -> None:
    result = review_text(
        "| Service | Qty | Unit price | Monthly total |\n|---|---|---|---|\n"
        "| Voice agent seat | 210 | CAD 84.00 per user per month | CAD 17,640.00 |\n"
        "| Supervisor seat | 15 | CAD 99.00 per user per month | CAD 1,485.00 |\n",
        "order.md",
    )
    assert _keys(result, TermKind.seat_price) == [
        (Decimal("84.00"), "CAD/user/month", None, None),
        (Decimal("99.00"), "CAD/user/month", None, None),
    ]
    assert _keys(result, TermKind.seat_quantity) == [
        (Decimal(210), "seat", None, None),
        (Decimal(15), "seat", None, None),
    ]


def test_a_price_per_unit_column_headed_total_per_user_is_still_a_price() -> None:
    result = review_text(
        "| Item | Users | Total per user per month (EUR) |\n|---|---|---|\n| Agent seat | 60 | 71.00 |\n", "order.md"
    )
    assert _keys(result, TermKind.seat_price) == [(Decimal("71.00"), "EUR/user/month", None, None)]


# A denial that keeps an exception


def test_no_reduction_except_by_a_stated_share_is_an_allowed_reduction_of_that_share() -> None:
    result = review_text(
        "6.3 The Subscriber shall not reduce the number of Agent Seats during the Initial Term, save that it may "
        "reduce them by no more than twelve percent (12%) on each anniversary of the Start Date.",
        "order.md",
    )
    assert _keys(result, TermKind.seat_reduction) == [(Decimal(12), "%", "allowed", None)]


def test_may_not_decrease_other_than_by_a_share_is_allowed_with_that_share() -> None:
    result = review_text(
        "Client may not decrease its licensed users, other than by up to 8% once in each contract year.", "order.md"
    )
    assert _keys(result, TermKind.seat_reduction) == [(Decimal(8), "%", "allowed", None)]


def test_a_plain_denial_without_exception_is_still_prohibited() -> None:
    result = review_text("The Customer may not reduce the number of seats during the Term.", "order.md")
    assert _keys(result, TermKind.seat_reduction) == [(None, None, "prohibited", None)]


# "not ... by more than": a cap, not a fixed increase


def test_shall_not_raise_by_more_than_is_a_cap_on_increases() -> None:
    result = review_text(
        "The Provider shall not raise the subscription fees by more than 5% in any contract year.", "order.md"
    )
    assert _keys(result, TermKind.price_increase_cap) == [(Decimal(5), "%", None, None)]
    assert _keys(result, TermKind.price_increase) == []


def test_prices_that_will_not_rise_by_more_than_a_spelled_figure_are_capped() -> None:
    result = review_text("Unit prices will not rise by more than two percent (2%) per annum.", "order.md")
    assert _keys(result, TermKind.price_increase_cap) == [(Decimal(2), "%", None, None)]


def test_giving_rise_to_a_fee_is_not_a_price_increase() -> None:
    result = review_text("A late payment gives rise to interest at 1.5% per month on the fees overdue.", "order.md")
    assert _keys(result, TermKind.price_increase) == []
    assert _keys(result, TermKind.price_increase_cap) == []


# A minimum outage a few minutes long


def test_a_three_minute_outage_floor_is_flagged_and_a_two_minute_one_is_not() -> None:
    three = review_text("A service interruption is Downtime only once it has lasted three (3) consecutive minutes.")
    two = review_text("A service interruption is Downtime only once it has lasted two (2) consecutive minutes.")
    assert _keys(three, TermKind.minimum_outage) == [(Decimal(3), "minute", None, None)]
    assert "minimum_outage_threshold" in {f.rule for f in three.findings}
    assert _keys(two, TermKind.minimum_outage) == [(Decimal(2), "minute", None, None)]
    assert "minimum_outage_threshold" not in {f.rule for f in two.findings}


# A seat named before its price


@pytest.mark.parametrize(
    ("text", "price", "seats"),
    [
        ("Each named agent costs NOK 640,00 per month.", (Decimal("640.00"), "NOK/user/month"), None),
        ("Monthly charge per concurrent agent: AUD 88.00 (35 agents).", (Decimal("88.00"), "AUD/user/month"), 35),
        ("Licensing: 220 agent licences at SGD 71.00 each per month.", (Decimal("71.00"), "SGD/user/month"), 220),
        ("The per-user fee of ZAR 1 150,00 per month includes voice.", (Decimal("1150.00"), "ZAR/user/month"), None),
        ("Every supervisor seat is charged at CHF 1,320.00 per year.", (Decimal("1320.00"), "CHF/user/year"), None),
    ],
)
def test_a_seat_named_before_its_price_with_the_period_after_it(
    text: str, price: tuple[Decimal, str], seats: int | None
) -> None:
    result = review_text(text, "order.md")
    assert _keys(result, TermKind.seat_price) == [(*price, None, None)]
    assert _keys(result, TermKind.seat_quantity) == ([(Decimal(seats), "seat", None, None)] if seats else [])


def test_a_seat_price_needs_its_period_and_a_one_off_fee_per_agent_is_no_seat_price() -> None:
    no_period = review_text("Each agent is charged at USD 40.00 for the headset.", "order.md")
    one_off = review_text("A one-time fee per agent of USD 50.00 applies for training.", "order.md")
    assert _keys(no_period, TermKind.seat_price) == []
    assert _keys(one_off, TermKind.seat_price) == []


# Renewal at list price or at the same price, in other words


@pytest.mark.parametrize(
    ("text", "pricing"),
    [
        ("At renewal, the fees are those of the Vendor's then-current price list.", "list_price"),
        ("Each Renewal Term is charged at the Vendor's then-prevailing standard rates.", "list_price"),
        ("Renewal Terms are billed at the published rate card in force on the renewal date.", "list_price"),
        ("On renewal the Fees remain the same as in the last year of the Initial Term.", "same_price"),
    ],
)
def test_renewal_pricing_in_other_words(text: str, pricing: str) -> None:
    result = review_text(text, "order.md")
    assert _keys(result, TermKind.renewal_pricing) == [(None, None, pricing, None)]
    assert ("renewal_at_list_price" in {f.rule for f in result.findings}) is (pricing == "list_price")


def test_an_increase_capped_at_the_lower_of_cpi_and_a_figure() -> None:
    result = review_text("Any yearly uplift is capped at the lower of CPI and 2.5%.", "order.md")
    assert _keys(result, TermKind.price_increase_cap) == [(Decimal("2.5"), "%", None, None)]
    assert _keys(result, TermKind.price_increase) == [(Decimal(0), "%", "cpi", None)]


# Billing that starts before go-live, in other words


@pytest.mark.parametrize(
    ("text", "basis"),
    [
        ("Invoicing of the licences starts on the Order Date, whether or not the Service is live.", "before_go_live"),
        ("Fees for the seats are billed from the Effective Date, regardless of go-live.", "before_go_live"),
        ("Licence charges are invoiced from the Go-Live Date.", "go_live"),
    ],
)
def test_billing_start_in_other_words(text: str, basis: str) -> None:
    result = review_text(text, "order.md")
    assert _keys(result, TermKind.billing_start) == [(None, None, basis, None)]


# An early termination fee as a share of the fees left


def test_a_share_of_the_remaining_fees_is_the_termination_fee_and_reaches_the_partial_deal() -> None:
    from ruamel.yaml import YAML

    result = review_text(
        "Client may end this Order for convenience on sixty (60) days' notice; an early termination fee of "
        "thirty-five percent (35%) of the remaining Subscription Fees is then payable.",
        "order.md",
    )
    assert _keys(result, TermKind.termination_fee) == [(Decimal(35), "%", "remaining_fees", None)]
    exit_terms = YAML(typ="safe").load(result.deal_yaml)["offers"]["reviewed"]["exit"]
    assert exit_terms["termination_for_convenience"] is True
    assert exit_terms["termination_fee_percent_of_remaining"] == 35


def test_all_remaining_fees_due_on_exit_is_a_fee_of_every_fee_left() -> None:
    from ruamel.yaml import YAML

    result = review_text("On early termination, all Fees for the remainder of the Term become immediately due.")
    assert _keys(result, TermKind.termination_fee) == [(None, None, "remaining_fees", None)]
    exit_terms = YAML(typ="safe").load(result.deal_yaml)["offers"]["reviewed"]["exit"]
    assert exit_terms["termination_fee_percent_of_remaining"] == 100
