"""The fourth fresh set's first-run misses (corpus/review/fresh4), each in other words than the corpus: currency
signs and groupings of Brazil, India and Mexico, line totals and total rows, rounding in pulses and increments, an
overage "increased by" a share, seats activated above the order at list price, AI switches named by product,
price revisions, index plus percentage points, notice periods an amendment replaces, caps per quarter, one named
component, notice in business days, and an amendment that turns AI to opt-in."""

from __future__ import annotations

from decimal import Decimal

import pytest

from principal.review.extract.numbers import find_durations, find_money
from principal.review.extract.terms import TermKind
from principal.review.ingest import read_document
from principal.review.result import ReviewResult
from principal.review.review import review_documents
from tests.review.conftest import review_text


def _keys(result: ReviewResult, kind: TermKind) -> list[tuple[object, ...]]:
    return [t.key()[1:5] for t in result.terms if t.kind is kind]


def _rules(result: ReviewResult) -> set[str]:
    return {f.rule for f in result.findings}


@pytest.mark.parametrize(
    ("text", "value", "currency"),
    [
        ("R$ 2.350,75 a month", Decimal("2350.75"), "BRL"),
        ("INR 12,50,000.00 once", Decimal("1250000.00"), "INR"),
        ("Rs. 2,40,000 on go-live", Decimal(240000), "INR"),
        ("$1,150,000.00 M.N. a year", Decimal("1150000.00"), "MXN"),
        ("MX$ 845.00 per seat", Decimal("845.00"), "MXN"),
        ("₩ 42,000 per agent", Decimal(42000), "KRW"),
        ("at most R$ 18.000,00.", Decimal("18000.00"), "BRL"),  # a full stop after the decimals ends the figure
        ("USD 2.5M.", Decimal(2500000), "USD"),
    ],
)
def test_currency_signs_and_groupings_beyond_europe(text: str, value: Decimal, currency: str) -> None:
    assert [(q.value, q.unit) for q in find_money(text)][:1] == [(value, currency)]


def test_a_number_with_a_leading_zero_is_a_dialling_prefix_not_a_duration() -> None:
    assert [(d.value, d.unit) for d in find_durations("0300 minutes and 45 minutes")] == [(Decimal(45), "minute")]


@pytest.mark.parametrize(
    ("text", "value", "unit"),
    [
        (
            "Freephone 0800 minutes cost EUR 0.02 per minute, rated in six (6) second increments for every call.",
            6,
            "second",
        ),
        ("Each call is charged in pulses of thirty (30) seconds; part of a pulse counts as a whole one.", 30, "second"),
        ("Call minutes are metered per second for each call.", 1, "second"),
    ],
)
def test_per_call_rounding_in_increments_pulses_and_metering(text: str, value: int, unit: str) -> None:
    assert _keys(review_text(text, "order.md"), TermKind.usage_rounding) == [(Decimal(value), unit, "per_call", None)]


def test_a_line_total_found_by_its_arithmetic_and_a_total_row_are_no_prices() -> None:
    result = review_text(
        "| # | Product | Licences | Price per licence per month (INR) | Value per month (INR) |\n"
        "|---|---|---|---|---|\n"
        "| 1 | Voice Agent | 240 | 1,200.00 | 2,88,000.00 |\n"
        "| 2 | Team Leader | 20 | 1,900.00 | 38,000.00 |\n"
        "| | Total | | | 3,26,000.00 |\n",
        "order.md",
    )
    assert _keys(result, TermKind.seat_price) == [
        (Decimal("1200.00"), "INR/user/month", None, None),
        (Decimal("1900.00"), "INR/user/month", None, None),
    ]
    assert _keys(result, TermKind.seat_quantity) == [
        (Decimal(240), "seat", None, None),
        (Decimal(20), "seat", None, None),
    ]


def test_band_limits_and_commitments_in_lakhs_and_space_groups() -> None:
    bands = review_text(
        "| Minutes in the month | EUR per minute |\n|---|---|\n"
        "| up to 250 000 | 0,0150 |\n| above 250 000 | 0,0110 |\n",
        "order.md",
    )
    assert _keys(bands, TermKind.usage_rate) == [
        (Decimal("0.0150"), "EUR/minute", "band_up_to", Decimal(250000)),
        (Decimal("0.0110"), "EUR/minute", "band_above", Decimal(250000)),
    ]
    minimum = review_text("The Customer commits to a minimum of 2,50,000 inbound minutes each month.", "order.md")
    assert _keys(minimum, TermKind.minimum_commitment) == [(Decimal(250000), "minute", None, None)]


def test_additional_licences_in_an_amendment_carry_their_count() -> None:
    result = review_text("1. The Client orders twenty-five (25) additional Voice Agent licences at EUR 70.00 per "
                         "licence per month.", "amendment.md")  # fmt: skip
    assert _keys(result, TermKind.seat_quantity) == [(Decimal(25), "seat", None, None)]


def test_usage_over_the_commitment_at_the_rates_increased_by_a_share_is_an_overage_premium() -> None:
    result = review_text(
        "Usage above the Monthly Commitment is billed at the rates in section 3 increased by 35%.", "order.md"
    )
    assert _keys(result, TermKind.overage_rate) == [(Decimal(135), "%", None, None)]
    assert _keys(result, TermKind.price_increase) == []
    assert "overage_premium" in _rules(result)


def test_seats_activated_above_the_order_at_list_price_are_a_true_up_at_list() -> None:
    result = review_text(
        "Licences activated above the quantities in section 1 are invoiced from activation at the Vendor's list "
        "price then in force.",
        "order.md",
    )
    assert _keys(result, TermKind.true_up) == [(None, None, "list_price", None)]


@pytest.mark.parametrize(
    ("text", "kind"),
    [
        (
            "Speech Insights (conversation intelligence) is not activated unless the Client requests it in writing.",
            TermKind.ai_opt_in,
        ),
        (
            "2.6 Asistente Virtual sessions cost EUR 0.90 per session. The Asistente Virtual is live on all queues "
            "from "
            "Go-Live unless the Customer declines it in writing.",
            TermKind.ai_default_on,
        ),
    ],
)
def test_ai_switches_named_by_what_the_feature_does_or_by_its_product_name(text: str, kind: TermKind) -> None:
    assert _keys(review_text(text, "order.md"), kind) == [(None, None, "default_on" if kind is TermKind.ai_default_on
                                                           else None, None)]  # fmt: skip


def test_price_revisions_and_an_index_plus_percentage_points() -> None:
    revise = review_text("The Supplier may revise its prices each year by up to six percent (6%).", "order.md")
    assert _keys(revise, TermKind.price_increase) == [(Decimal(6), "%", "up_to", None)]
    index = review_text(
        "Fees may be adjusted yearly by the change in the consumer price index plus up to one (1) percentage point.",
        "order.md",
    )
    assert _keys(index, TermKind.price_increase) == [(Decimal(1), "%", "cpi", None)]


def test_prices_that_continue_to_apply_on_renewal_are_the_same_price() -> None:
    result = review_text("At renewal the rates in this Order Form remain in force.", "order.md")
    assert _keys(result, TermKind.renewal_pricing) == [(None, None, "same_price", None)]


def test_an_amended_notice_period_keeps_the_new_figure_not_the_one_it_replaces() -> None:
    result = review_text("2. Notice of non-renewal shall be given at least forty-five (45) days, rather than ninety "
                         "(90) days, before the end of the term.", "amendment.md")  # fmt: skip
    assert _keys(result, TermKind.renewal_notice) == [(Decimal(45), "day", "auto", None)]


def test_a_cap_on_credits_for_a_quarter_and_a_cap_on_what_may_be_invoiced() -> None:
    credits = review_text("Credits in a quarter may not exceed 12% of the fees for that quarter.", "sla.md")
    assert _keys(credits, TermKind.credit_cap) == [(Decimal(12), "%", "quarter", None)]
    usage = review_text("The Provider will not bill usage charges above EUR 8,000 in any month without approval.")
    assert _keys(usage, TermKind.usage_cap) == [(Decimal(8000), "EUR", None, None)]


def test_one_named_component_is_no_per_component_sla_and_three_measured_separately_are() -> None:
    one = review_text("The Supplier shall keep the voice platform available at least 99.9% in each month.", "sla.md")
    three = review_text("The Service is available 99.9% of each month, measured separately for the voice, chat "
                        "and reporting components.", "sla.md")  # fmt: skip
    assert "no_per_component_sla" in _rules(one)
    assert "no_per_component_sla" not in _rules(three)


def test_maintenance_notice_of_five_business_days_is_short_and_of_ten_is_not() -> None:
    five = review_text("Downtime excludes planned maintenance announced at least five (5) business days ahead.")
    ten = review_text("Downtime excludes planned maintenance announced at least ten (10) business days ahead.")
    assert "maintenance_exclusion_broad" in _rules(five)
    assert "maintenance_exclusion_broad" not in _rules(ten)


def test_an_amendment_that_makes_ai_opt_in_ends_the_default_on_it_replaces() -> None:
    agreement = (
        "# Services Agreement\n\nThe parties agree the following Fees and terms for the Services.\n\n"
        "4.1 The AI summary feature is enabled by default for all agents and is charged at EUR 0.02 per summary.\n"
    )
    amendment = (
        "# Amendment No. 2 to the Services Agreement\n\nThis Amendment changes the Services Agreement.\n\n"
        '1. Clause 4.1 is replaced by: "The AI summary feature is off until the Customer asks for it in writing."\n'
    )
    result = review_documents(
        [read_document(agreement.encode(), "agreement.md"), read_document(amendment.encode(), "amendment-2.md")],
        check_contract=False,
        clauses=False,
    )
    assert "ai_billable_by_default" not in _rules(result)


# Credit bands written as ranges


def test_credit_bands_as_ranges_start_below_the_next_step_up() -> None:
    table = review_text(
        "| Monthly Availability | Credit |\n|---|---|\n| 99.70% - 99.949% | 3% |\n| 99.0% - 99.69% | 8% |\n"
        "| below 99.0% | 20% |\n",
        "sla.md",
    )
    assert _keys(table, TermKind.credit_tier) == [
        (Decimal(3), "%", "below", Decimal("99.95")),
        (Decimal(8), "%", "below", Decimal("99.7")),
        (Decimal(20), "%", "below", Decimal("99.0")),
    ]
    prose = review_text(
        "If availability is between 99.00% and 99.79% the credit is 6% of the month's fees; from 98.00% to "
        "98.99%, 12%.",
        "sla.md",
    )
    assert _keys(prose, TermKind.credit_tier) == [
        (Decimal(6), "%", "below", Decimal("99.8")),
        (Decimal(12), "%", "below", Decimal(99)),
    ]


def test_a_credit_column_headed_in_percent_holds_bare_figures() -> None:
    result = review_text(
        "| Uptime in the month | Credit (% of the monthly charge) |\n|---|---|\n| < 99.95% | 4 |\n| < 99.5% | 9 |\n",
        "sla.md",
    )
    assert _keys(result, TermKind.credit_tier) == [
        (Decimal(4), "%", "below", Decimal("99.95")),
        (Decimal(9), "%", "below", Decimal("99.5")),
    ]


def test_a_suspension_for_overdue_invoices_is_no_payment_term() -> None:
    suspend = review_text("The Vendor may suspend access if an invoice remains unpaid twenty (20) days after its due "
                          "date and is overdue.", "msa.md")  # fmt: skip
    due = review_text("Invoices are payable within twenty (20) days; late amounts bear interest at 1% a month.")
    assert _keys(suspend, TermKind.payment_terms) == []
    assert _keys(due, TermKind.payment_terms) == [(Decimal(20), "day", None, None)]


def test_fees_through_the_end_of_the_term_on_a_convenience_exit_are_all_remaining_fees() -> None:
    result = review_text("The Client may terminate for convenience on sixty (60) days' notice, provided that the "
                         "Client pays all fees through the end of the Initial Term.", "msa.md")  # fmt: skip
    assert _keys(result, TermKind.termination_fee) == [(None, None, "remaining_fees", None)]


def test_a_table_of_terms_whose_values_are_figures_with_their_units() -> None:
    result = review_text(
        "| Term | Value |\n|---|---|\n| Initial Term | 36 months |\n| Payment | Net 60 |\n"
        "| Renewal | Automatic 24-month periods; 120 days' notice to cancel |\n",
        "order.md",
    )
    assert _keys(result, TermKind.subscription_term) == [(Decimal(36), "month", None, None)]
    assert _keys(result, TermKind.payment_terms) == [(Decimal(60), "day", None, None)]
    assert _keys(result, TermKind.renewal_notice) == [(Decimal(120), "day", "auto", None)]


def test_additional_users_added_during_the_term_at_list_price_are_a_true_up_at_list() -> None:
    at_list = review_text("Additional users added during the Term are charged pro rata at the then-current list "
                          "price.", "order.md")  # fmt: skip
    at_contract = review_text("Additional users added during the Term are charged at the prices in this Order.")
    assert _keys(at_list, TermKind.true_up) == [(None, None, "list_price", None)]
    assert _keys(at_contract, TermKind.true_up) == [(None, None, "contract_price", None)]
