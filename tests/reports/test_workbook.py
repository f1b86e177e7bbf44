"""The cost workbook: live formulas over an Inputs sheet, cached values that are the engine's figures, and - with
LibreOffice - a recalculation that reproduces the engine to the cent, before and after a buyer changes inputs.

Every workbook these tests recalculate (the examples and the edited copies) goes through one LibreOffice run."""

from __future__ import annotations

from decimal import Decimal
from io import BytesIO
from typing import Any

import openpyxl
import pytest
from openpyxl.utils.cell import absolute_coordinate

from principal.cost.compare import compare
from principal.cost.scenario import Scenario
from principal.loader import load_deal, parse_deal
from principal.model import Deal
from principal.reports.formats import ExportFormat
from principal.reports.workbook.build import sheet_names
from tests.conftest import SEED
from tests.reports.conftest import EXAMPLES, MECHANICS, Recalculated
from tests.reports.libreoffice import needs_libreoffice
from tests.reports.workbook_checks import (
    check_cells,
    comparison_totals,
    engine_totals,
    input_cell,
    month_column,
    scenario_totals,
)

SHEETS = ["Read me", "Inputs", "Cost original", "Cost quarter-end", "Cost revised-ask", "Cost final", "Comparison",
          "Engine lines"]  # fmt: skip


@pytest.fixture(scope="module")
def seed_book(seed_exports: dict[ExportFormat, bytes]) -> bytes:
    return seed_exports[ExportFormat.xlsx]


def test_sheets_inputs_and_cached_engine_figures(seed_book: bytes, seed_deal: Deal) -> None:
    book = openpyxl.load_workbook(BytesIO(seed_book), data_only=True)
    assert book.sheetnames == SHEETS
    price = input_cell(book, "offers.original.licenses[0].unit_price")
    assert price.value == 155 and "$" in price.number_format
    assert input_cell(book, "offers.revised-ask.usage[0].rate_card.bands[1].rate").value == 0.0099
    assert input_cell(book, "offers.revised-ask.usage_cap.percent_of_forecast").value == 110
    assert input_cell(book, "buyer.forecasts.voice_inbound_minutes.expected").value == 4_000_000
    assert input_cell(book, "offers.final.implementation.go_live_month").value == 4
    totals = comparison_totals(book)
    assert totals == engine_totals(seed_deal)
    assert totals["original"] == [Decimal("2012500.00"), Decimal("2072850.00"), Decimal("2116792.50"),
                                  Decimal("6202142.50")]  # fmt: skip
    # every line of every schedule, and the incumbent's dual running (3 months before the month-4 go-live) of each
    result = compare(seed_deal)
    lines = sum(len(s.lines) + len(result.switching[n].transition.lines) for n, s in result.schedules.items())
    assert book["Engine lines"].max_row == 3 + lines == 3 + sum(len(s.lines) for s in result.schedules.values()) + 4 * 3


def test_cost_cells_are_formulas_over_the_inputs(seed_book: bytes) -> None:
    book = openpyxl.load_workbook(BytesIO(seed_book))
    price = "'Inputs'!" + absolute_coordinate(input_cell(book, "offers.original.licenses[0].unit_price").coordinate)
    sheet = book["Cost original"]
    licence_cells = [c.value for row in sheet.iter_rows() for c in row if isinstance(c.value, str) and price in c.value]
    assert len(licence_cells) == 36 and all(v.startswith("=IF(") for v in licence_cells)
    texts = [c.value for row in sheet.iter_rows() for c in row if isinstance(c.value, str)]
    assert sum(1 for t in texts if t.startswith("=SUMIF(")) >= 3 * 4  # years x (categories + total)
    graduated = book["Cost revised-ask"]
    assert any("MAX(0,MIN(" in c.value for row in graduated.iter_rows() for c in row if isinstance(c.value, str))


def test_sheet_names_fit_excel_and_never_clash() -> None:
    names = sheet_names(["a" * 40, "a" * 41, "final"])
    assert all(len(n) <= 31 for n in names.values())
    assert len({n.lower() for n in names.values()}) == 3


# --- recalculated by LibreOffice (the workbooks of tests/reports/conftest.py, in one run) -----------------------


def _book(recalculated: Recalculated, name: str) -> Any:
    return openpyxl.load_workbook(recalculated[name][1], data_only=True)


@pytest.mark.libreoffice
@needs_libreoffice
@pytest.mark.parametrize("name", ["seed", "mechanics"])
def test_libreoffice_recalculation_reproduces_the_engine(name: str, recalculated: Recalculated) -> None:
    exported, after = recalculated[name]
    assert comparison_totals(openpyxl.load_workbook(after, data_only=True)) == engine_totals(load_deal(EXAMPLES[name]))
    check = check_cells(exported, after)
    assert check.cells > 1000
    assert check.differ == []


@pytest.mark.libreoffice
@needs_libreoffice
def test_changed_inputs_move_the_totals_to_the_engines_figures(recalculated: Recalculated) -> None:
    after = _book(recalculated, "seed-edited")
    text = SEED.read_text(encoding="utf-8")
    for old, new in (
        ("unit_price: 155", "unit_price: 150"),
        ("- {rate: 0.0099}", "- {rate: 0.0089}"),
        ("expected: 120_000", "expected: 160_000"),
        ("high: 140_000", "high: 200_000"),  # the deal file keeps expected within low..high; no effect on cost
    ):
        assert text.count(old) == 1
        text = text.replace(old, new)
    changed = parse_deal(text)
    totals = comparison_totals(after)
    assert totals == engine_totals(changed)
    assert totals != engine_totals(load_deal(SEED))
    # 6,202,142.50 - $5 x 450 seats x 12 x (1 + 1.05 + 1.1025) + 40,000 sessions x $0.25 x 33 live months
    assert totals["original"][-1] == Decimal("6447025.00")


@pytest.mark.libreoffice
@needs_libreoffice
def test_a_volume_overrun_typed_into_the_inputs_makes_the_cap_bind(recalculated: Recalculated) -> None:
    plan = _book(recalculated, "seed")
    after = _book(recalculated, "seed-overrun")
    refused = month_column(after["Cost revised-ask"], "refused by cap")
    assert sum(month_column(plan["Cost revised-ask"], "refused by cap")) == 0
    # At the plan the ask's usage is 43,800 + 12,200 + 30,000 + 7,500 = 93,500 a month from go-live (month 4): the
    # 110% cap allows 1.1 x 9 x 93,500 = 925,650 in year 1 and 1.1 x 12 x 93,500 = 1,234,200 in years 2 and 3.
    # 30% more inbound minutes (5.2M: 2M x 0.012 + 3.2M x 0.0099 = 55,680) bill 105,380 a month:
    # 9 x 105,380 = 948,420 and 12 x 105,380 = 1,264,560, each above its cap.
    cap_years = [Decimal("925650"), Decimal("1234200"), Decimal("1234200")]
    billed = [Decimal("948420"), Decimal("1264560"), Decimal("1264560")]
    assert round(sum(refused), 2) == sum(cap_years) - sum(billed) == Decimal("-83490")
    first_refusal = next(m for m, value in enumerate(refused, start=1) if value != 0)
    assert first_refusal == 12  # 8 x 105,380 = 843,040 fits under 925,650; month 12 does not
    totals, plan_totals = comparison_totals(after), comparison_totals(plan)
    usage_at_plan = 9 * Decimal(93500) + 2 * 12 * Decimal(93500)
    assert totals["revised-ask"][-1] == plan_totals["revised-ask"][-1] + usage_at_plan / 10  # + 308,550.00
    # the cap's limit stays on the plan; every offer's totals are the engine's for the overrun
    seed = load_deal(SEED)
    overrun = Scenario(name="overrun", forecast_factors=(("voice_inbound_minutes", Decimal("1.3")),))
    assert totals == scenario_totals(seed, overrun)


@pytest.mark.libreoffice
@needs_libreoffice
def test_an_overrun_binds_an_amount_cap_and_keeps_the_collar_on_the_plan(
    recalculated: Recalculated,
) -> None:
    after = _book(recalculated, "mechanics-overrun")
    for sheet in ("Cost first", "Cost second"):
        assert sum(month_column(after[sheet], "refused by cap")) < 0
    deal = load_deal(MECHANICS)
    overrun = Scenario(name="overrun", forecast_factors=(("calls", Decimal("1.4")), ("chats", Decimal("1.25"))))
    assert comparison_totals(after) == scenario_totals(deal, overrun)
