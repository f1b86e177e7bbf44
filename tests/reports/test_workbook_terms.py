"""The order-form terms in the cost workbook (tests/reports/fixtures/order-terms.yaml): every input with the
deal-file field it comes from, an offer in euros costed in euros and totalled in dollars, and LibreOffice's
recalculation equal to the engine, at the plan and with a what-if overrun."""

from __future__ import annotations

from decimal import Decimal
from io import BytesIO
from typing import Any

import openpyxl
import pytest
from openpyxl.utils.cell import absolute_coordinate

from principal.cost.scenario import Scenario
from principal.loader import load_deal
from principal.reports.workbook.build import build_workbook
from tests.reports.conftest import ORDER_TERMS, Recalculated
from tests.reports.libreoffice import needs_libreoffice
from tests.reports.workbook_checks import (
    check_cells,
    comparison_totals,
    engine_totals,
    input_cell,
    input_row,
    month_column,
    scenario_totals,
)

EU, US = "offers.eu-bid", "offers.us-bid"


@pytest.fixture(scope="module")
def book() -> Any:
    return openpyxl.load_workbook(BytesIO(build_workbook(load_deal(ORDER_TERMS))))


@pytest.mark.parametrize(
    ("field", "value"),
    [
        ("fx_rates.EUR", 1.08),
        ("buyer.discount_rate_percent", 8),
        (f"{EU}.licenses[0].price_steps[1].unit_price", 88),
        (f"{EU}.licenses[0].free_months[1]", 2),
        (f"{EU}.licenses[1].list_price", 120),
        (f"{EU}.usage[0].commitment.quantity", 380_000),
        (f"{EU}.usage[0].commitment.overage_percent", 150),
        (f"{EU}.usage[0].commitment.take_or_pay", 1),
        (f"{EU}.usage[0].minimum.from_month", 4),
        (f"{EU}.usage[0].minimum.ramp[0].amount", 60_000),
        (f"{EU}.usage[0].minimum.prorate", 1),  # not given: pro-rated, the labelled default
        (f"{EU}.usage[1].minimum.prorate", 0),
        (f"{EU}.usage[1].commitment.from_month", 6),
        (f"{EU}.credits[1].amount", 2000),
        (f"{EU}.surcharges[0].percent", 6),
        (f"{EU}.surcharges[1].per_unit.amount", 0.75),
        (f"{EU}.surcharges[3].monthly", 150),
        (f"{EU}.billing.frequency", 3),
        (f"{EU}.billing.payment_days", 45),
        (f"{EU}.exit.renewal.notice_days", 90),
        (f"{EU}.exit.termination_fee_percent_of_remaining", 40),
        (f"{EU}.exit.liability_cap_amount", 150_000),
        (f"{US}.usage[1].minimum.ramp[0].amount", 5800),
        (f"{US}.exit.renewal.uplift_cap_percent", 5),
        (f"{US}.billing.payment_days", 30),  # not given: net 30, the labelled default
    ],
)
def test_every_term_is_an_input_with_its_deal_file_field(book: Any, field: str, value: float) -> None:
    assert input_cell(book, field).value == value


def test_defaults_the_engine_assumes_are_labelled_with_the_question(book: Any) -> None:
    note = input_row(book, f"{US}.billing.payment_days")[2].value
    assert (
        note.startswith("default (the deal file is silent): net 30 days") and "Ask: What are the payment terms?" in note
    )
    assert input_row(book, f"{EU}.usage[0].commitment.from_month")[1].value == "billing start"


def test_an_offer_in_euros_has_euro_inputs_and_dollar_totals(book: Any) -> None:
    assert "€" in input_cell(book, f"{EU}.licenses[0].unit_price").number_format
    assert "$" in input_cell(book, f"{US}.licenses[0].unit_price").number_format
    sheet = book["Cost eu-bid"]
    heading = next(r for r in sheet.iter_rows() if r[0].value == "Totals by contract year (USD)")
    totals = sheet.cell(heading[0].row + 2, 2)
    rate = "'Inputs'!" + absolute_coordinate(input_cell(book, "fx_rates.EUR").coordinate)
    assert "$" in totals.number_format and str(totals.value).endswith(f"*{rate}")


@pytest.mark.libreoffice
@needs_libreoffice
def test_libreoffice_recalculation_reproduces_the_engine_on_every_term(recalculated: Recalculated) -> None:
    exported, after = recalculated["order-terms"]
    deal = load_deal(ORDER_TERMS)
    assert comparison_totals(openpyxl.load_workbook(after, data_only=True)) == engine_totals(deal)
    check = check_cells(exported, after)
    assert check.cells > 3000
    assert check.differ == []
    book = openpyxl.load_workbook(after, data_only=True)
    # us-bid: 5,000,000 minutes committed a year, take-or-pay, not pro-rated, from the tied go-live in month 4:
    # year 1 uses 9 x 400,000 = 3,600,000, short by 1,400,000 at the all-units rate 0.012 = 16,800.00.
    take = month_column(book["Cost us-bid"], "calls take-or-pay shortfall")
    assert take[11] == Decimal("16800") and sum(take[:11]) == 0
    # eu-bid: billing starts in month 2, so the free month 1 credits nothing and month 2 credits 50 seats x 80.
    assert month_column(book["Cost eu-bid"], "agent free months")[:3] == [0, -4000, 0]


@pytest.mark.libreoffice
@needs_libreoffice
def test_an_overrun_makes_both_caps_bind_and_the_totals_follow_the_engine(recalculated: Recalculated) -> None:
    plan = openpyxl.load_workbook(recalculated["order-terms"][1], data_only=True)
    after = openpyxl.load_workbook(recalculated["order-terms-overrun"][1], data_only=True)
    # eu-bid's cap is 105% of the plan's charge: it never binds at the plan, and binds after the overrun;
    # us-bid's 10,500 a month already refuses part of its minimums and take-or-pay at the plan, and more after it
    eu = "Cost eu-bid"
    assert sum(month_column(plan[eu], "refused by cap")) == 0 < -sum(month_column(after[eu], "refused by cap"))
    us = "Cost us-bid"
    assert sum(month_column(after[us], "refused by cap")) < sum(month_column(plan[us], "refused by cap")) < 0
    overrun = Scenario(name="overrun", forecast_factors=(("calls", Decimal("1.25")),))
    assert comparison_totals(after) == scenario_totals(load_deal(ORDER_TERMS), overrun)
