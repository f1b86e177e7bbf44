"""Misses left after the sixth fresh set's first fixes, in other words than the corpus: the rand written "R" and the
forint written "Ft"; a sentence that ends in a price with cents; term-table labels ("Charges begin", "Additional
licences"); periods defined as a "Service Month" or a "Contract Year"; credits that leave damages open; a share of
the fees for the unexpired term; a chronic exit counted in defined months; a component named "Reporting ..."; an
amendment that resets a usage cap; a commitment stated per month; acceptance of an order is its signature; billing
from provisioning; a fee split "half of it"; totals rows; "Cloud Services Terms" and "... and Service Levels";
breaches left unremedied; usage billed in blocks; and a vendor named in one document measuring its own uptime in
another."""

from __future__ import annotations

from decimal import Decimal

import pytest

from principal.review.extract.defined_periods import defined_periods
from principal.review.extract.numbers import find_money
from principal.review.extract.terms import TermKind
from principal.review.ingest import read_document
from principal.review.review import review_documents
from tests.review.conftest import review_text, term_keys


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("a monthly fee of R1 299,95 per seat", [(Decimal("1299.95"), "ZAR")]),
        ("capped at R75 000", [(Decimal(75000), "ZAR")]),
        ("R0,07 per message", [(Decimal("0.07"), "ZAR")]),
        ("see requirement R3 and R14", []),  # requirement numbers, not rand
        ("6 250 Ft per agent", [(Decimal(6250), "HUF")]),
        ("a 40 ft cable", []),
    ],
)
def test_the_rand_and_the_forint_written_as_their_symbols(text: str, expected: list[tuple[Decimal, str]]) -> None:
    assert [(q.value, q.unit) for q in find_money(text)] == expected


def test_a_sentence_ending_in_a_price_with_cents_ends_there() -> None:
    # Read as one sentence, the next one's "raise" made the cap look like a price increase.
    result = review_text(
        "7.3 Messaging usage charges in any month are capped at R90 000,00. Only the Customer may raise the cap, "
        "in writing.\n",
        "schedule.md",
    )
    assert term_keys(result, TermKind.usage_cap) == [(Decimal(90000), "ZAR", None, None)]


def test_seats_and_rates_in_a_term_table_in_forint() -> None:
    result = review_text(
        "Prices are in Hungarian forint (HUF).\n\n| Item | Agreed |\n|---|---|\n"
        "| Agent seats | 75 named agents at 11 800 Ft per agent per month |\n"
        "| Calls to mobiles | 6,10 Ft per minute |\n",
        "order.md",
    )
    assert term_keys(result, TermKind.seat_quantity) == [(Decimal(75), "seat", None, None)]
    assert term_keys(result, TermKind.seat_price) == [(Decimal(11800), "HUF/user/month", None, None)]
    assert term_keys(result, TermKind.usage_rate) == [(Decimal("6.10"), "HUF/minute", None, None)]


@pytest.mark.parametrize(
    ("row", "basis"),
    [
        ("| Charges begin | when the first agent takes a live customer call |", "go_live"),
        ("| Fees commence | on signature of the Order |", "before_go_live"),
        ("| Fees start | on the Activation Date |", "before_go_live"),
    ],
)
def test_a_term_table_row_saying_when_charges_start(row: str, basis: str) -> None:
    result = review_text(
        "| Term | Position |\n|---|---|\n| Term | 24 months |\n"
        "| Activation Date | the day the vendor emails the administrator's login credentials |\n" + row + "\n",
        "order.md",
    )
    assert term_keys(result, TermKind.billing_start) == [(None, None, basis, None)]


def test_migration_help_at_the_daily_rates_of_a_price_list_is_paid() -> None:
    result = review_text(
        "11.4 After expiry the Supplier shall give exit assistance for up to sixty (60) days at the daily rates in "
        "its published price list.\n\n11.5 Migration support beyond that is charged at the Supplier's standard "
        "rates.\n",
        "msa.md",
    )
    assert term_keys(result, TermKind.transition_assistance) == [(Decimal(60), "day", "paid", None)]


def test_periods_defined_as_a_month_or_a_year() -> None:
    text = (
        '"Service Month" means each calendar month. "Contract Year" means each twelve-month period from the '
        'Start Date. "Review Quarter" means a three-month period. "Billing Period" means each calendar month of a '
        "Contract Year."
    )
    assert defined_periods(text) == {
        "service month": "month",
        "contract year": "year",
        "review quarter": "quarter",
        "billing period": "month",  # the first window named, not the year it sits in
    }


def test_an_availability_table_takes_its_window_from_the_lead_in() -> None:
    result = review_text(
        '1.1 "Service Month" means a calendar month.\n\n'
        "4.1 The Provider shall achieve the following Availability in every Service Month:\n\n"
        "| Component | Availability |\n|---|---|\n| Voice | 99.95% |\n| Chat | 99.9% |\n",
        "sla.md",
    )
    assert term_keys(result, TermKind.uptime_target) == [
        (Decimal("99.95"), "%", "month", None),
        (Decimal("99.9"), "%", "month", None),
    ]


@pytest.mark.parametrize(
    "sentence",
    [
        "Service credits do not affect the Customer's right to recover damages for the same outage.",
        "Credits under this Schedule do not limit any other rights the Client has.",
    ],
)
def test_credits_that_leave_damages_open_are_not_the_sole_remedy(sentence: str) -> None:
    result = review_text("## Service levels\n\n5.5 " + sentence + "\n", "sla.md")
    assert term_keys(result, TermKind.sole_remedy) == [(None, None, "not_sole", None)]


def test_a_share_of_the_fees_for_the_unexpired_term_and_no_fee_from_the_notice() -> None:
    result = review_text(
        "12.2 The Client may end this Agreement early on not less than two (2) months' notice, provided that it "
        "pays an early termination charge of forty percent (40%) of the subscription charges that would have "
        "fallen due for the unexpired part of the Initial Term.\n",
        "msa.md",
    )
    assert term_keys(result, TermKind.termination_fee) == [(Decimal(40), "%", "remaining_fees", None)]


def test_a_months_fee_after_a_notice_period_is_counted_from_the_charge() -> None:
    result = review_text(
        "12.3 On three (3) months' notice the Client may end the Order, and an early termination fee of one (1) "
        "month's fees is then payable.\n",
        "order.md",
    )
    assert term_keys(result, TermKind.termination_fee) == [(Decimal(1), "month", "fees", None)]


def test_a_chronic_exit_counted_in_defined_months() -> None:
    result = review_text(
        '"Service Month" means a calendar month.\n\n8.1 Where Availability is below 99.0% in three (3) '
        "consecutive Service Months, the Customer may terminate the Order without any termination fee.\n",
        "sla.md",
    )
    assert term_keys(result, TermKind.termination_right) == [(None, None, "chronic", None)]


def test_a_component_named_reporting_is_no_performance_report() -> None:
    portal = review_text(
        "6.2 If Availability of the Reporting Dashboard in a month is below 99.0%, a credit of 3% of the monthly "
        "fees applies.\n",
        "sla.md",
    )
    assert term_keys(portal, TermKind.reporting) == []
    report = review_text(
        "9.1 The Vendor sends a service report for each month by the tenth working day of the following month.\n",
        "sla.md",
    )
    assert term_keys(report, TermKind.reporting) == [(None, None, "month", None)]


def test_an_amendment_that_resets_the_usage_cap() -> None:
    result = review_text(
        "3. The consumption cap in clause 6.2 of Schedule B is reduced to R120 000,00 per month.\n", "change.md"
    )
    assert term_keys(result, TermKind.usage_cap) == [(Decimal(120000), "ZAR", None, None)]


def test_a_commitment_per_month_is_a_sum_and_a_rate_per_minute_is_not() -> None:
    monthly = review_text("4.1 The Client commits to a minimum spend of NOK 40,000 per month.\n", "order.md")
    assert term_keys(monthly, TermKind.minimum_commitment) == [(Decimal(40000), "NOK", None, None)]
    rate = review_text("4.2 The Client commits to calls at NOK 0.25 per minute.\n", "order.md")
    assert term_keys(rate, TermKind.minimum_commitment) == []


@pytest.mark.parametrize(
    ("sentence", "basis"),
    [
        ("The set-up fee of USD 9,000 is invoiced on acceptance of this Order Form.", "signature"),
        ("The set-up fee of USD 9,000 is invoiced on acceptance of the configured service.", "go_live"),
    ],
)
def test_accepting_the_order_is_signing_it(sentence: str, basis: str) -> None:
    result = review_text("2.1 " + sentence + "\n", "order.md")
    assert term_keys(result, TermKind.implementation_fee) == [(Decimal(9000), "USD", basis, None)]


def test_an_implementation_fee_split_in_the_next_sentence() -> None:
    result = review_text(
        "5.1 The implementation charge is NOK 180,000. The Supplier invoices half of it when the Order is signed "
        "and the remaining half at go-live.\n",
        "order.md",
    )
    assert term_keys(result, TermKind.implementation_fee) == [(Decimal(180000), "NOK", "milestones", None)]


def test_assist_features_that_stay_off_unless_ordered() -> None:
    result = review_text(
        "3.2 The AI summary feature shall not be switched on unless the Client signs a written order for it.\n",
        "order.md",
    )
    assert term_keys(result, TermKind.ai_opt_in) == [(None, None, None, None)]


@pytest.mark.parametrize(
    ("row", "basis"),
    [
        ("| Additional licences | can be added at any time at the vendor's current list price |", "list_price"),
        ("| Additional seats | may be added during the term at the unit prices in Schedule 1 |", "contract_price"),
    ],
)
def test_additional_seats_in_a_term_table(row: str, basis: str) -> None:
    result = review_text("| Term | Position |\n|---|---|\n| Term | 36 months |\n" + row + "\n", "order.md")
    assert term_keys(result, TermKind.true_up) == [(None, None, basis, None)]


def test_a_totals_row_named_at_its_end_is_no_price() -> None:
    result = review_text(
        "| Item | Seats | Price per user per month |\n|---|---|---|\n| Agent | 40 | PHP 2,100.00 |\n"
        "| Annual licence total | | PHP 1,008,000.00 |\n",
        "order.md",
    )
    assert term_keys(result, TermKind.seat_price) == [(Decimal("2100.00"), "PHP/user/month", None, None)]


@pytest.mark.parametrize(
    ("sentence", "basis"),
    [
        ("This Order is governed by the Lumen Cloud Services Terms.", "msa"),
        ("The Lumen Support and Service Levels document applies to this Order.", "sla"),
        ("Lumen provides the Services under the Product Guide, which sets out the service levels.", "sla"),
    ],
)
def test_references_to_terms_and_service_levels_under_other_names(sentence: str, basis: str) -> None:
    result = review_text("# Order Form\n\n" + sentence + "\n", "order.md")
    assert [t.basis for t in result.terms if t.kind is TermKind.reference] == [basis]


def test_a_breach_left_unremedied_gives_a_right_for_cause() -> None:
    result = review_text(
        "14.2 Either party may end the Agreement by notice if the other breaches it and does not cure the breach "
        "within twenty-one (21) days of being asked to.\n",
        "msa.md",
    )
    assert term_keys(result, TermKind.termination_right) == [(Decimal(21), "day", "cause", None)]


def test_usage_billed_in_blocks_and_a_unit_then_charged() -> None:
    result = review_text(
        "2.2 Calls are charged in blocks of thirty (30) seconds; a fraction of a block counts as a whole block.\n\n"
        "2.3 Each transcript generated is then billed at PHP 1.50.\n",
        "order.md",
    )
    assert term_keys(result, TermKind.usage_rounding) == [(Decimal(30), "second", "per_call", None)]
    assert term_keys(result, TermKind.usage_rate) == [(Decimal("1.50"), "PHP/transcript", None, None)]


def test_a_vendor_named_in_the_order_measures_its_own_uptime_in_the_sla() -> None:
    order = read_document(
        b'Order between Lumen Contact Pte. Ltd. ("Lumen") and Harbour Bank (the "Customer").\n\n'
        b"1. The Service Level Schedule applies.\n",
        "order.md",
    )
    sla = read_document(
        b"# Service Level Schedule\n\n2.1 Availability of the Service is 99.9% in each calendar month.\n\n"
        b"2.2 Availability is measured by Lumen using probes in its data centres.\n",
        "sla.md",
    )
    result = review_documents([order, sla], check_contract=False, clauses=False)
    assert term_keys(result, TermKind.uptime_measurement) == [(None, None, "vendor_monitoring", None)]


def test_each_rate_of_a_sentence_is_named_by_its_own_words() -> None:
    result = review_text(
        "2.1 Calls to mobiles are charged at NOK 0.31 per minute and calls to landlines at NOK 0.12 per minute.\n\n"
        "2.2 SMS are charged at NOK 0.40 per domestic message and NOK 0.95 per international message.\n\n"
        "2.3 If ordered, it is charged at NOK 0.20 per assisted conversation.\n",
        "order.md",
    )
    assert [t.detail for t in result.terms if t.kind is TermKind.usage_rate] == [
        "Calls to mobiles",
        "calls to landlines",
        "SMS",
        "international message",
        "assisted conversation",
    ]
