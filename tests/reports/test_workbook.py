"""The cost workbook: live formulas over an Inputs sheet, cached values that are the engine's figures, and - with
LibreOffice - a recalculation that reproduces the engine to the cent, before and after a buyer changes inputs."""

from __future__ import annotations

from decimal import Decimal
from io import BytesIO
from pathlib import Path
from typing import Any

import openpyxl
import pytest
from openpyxl.utils.cell import absolute_coordinate

from principal.cost.compare import compare
from principal.loader import load_deal, parse_deal
from principal.model import Deal
from principal.money import round_money
from principal.reports.formats import ExportFormat
from principal.reports.workbook.build import build_workbook, sheet_names
from tests.conftest import SEED
from tests.reports.conftest import MECHANICS
from tests.reports.libreoffice import needs_libreoffice, recalculate, without_cached_values

SHEETS = ["Read me", "Inputs", "Cost original", "Cost quarter-end", "Cost revised-ask", "Cost final", "Comparison",
          "Engine lines"]  # fmt: skip


def comparison_totals(book: Any) -> dict[str, list[Decimal]]:
    """Each offer's annual totals then its TCO, as the Comparison sheet shows them (rounded to the cent)."""
    sheet = book["Comparison"]
    names = [c.value for c in sheet[4][1:] if c.value]
    out: dict[str, list[Decimal]] = {n: [] for n in names}
    for row in sheet.iter_rows(min_row=5, values_only=True):
        if row[0] is None or not (str(row[0]).startswith("Year") or row[0] == "Term (TCO)"):
            break
        for name, value in zip(names, row[1:], strict=False):
            if value is not None:
                out[name].append(round_money(Decimal(repr(value)), "USD"))
    return out


def engine_totals(deal: Deal) -> dict[str, list[Decimal]]:
    result = compare(deal)
    return {
        n: [round_money(y, "USD") for y in s.year_totals] + [round_money(s.total, "USD")]
        for n, s in result.schedules.items()
    }


def input_cell(book: Any, field: str) -> Any:
    """The value cell (column B) of the Inputs row whose deal-file field (column D) is `field`."""
    for row in book["Inputs"].iter_rows(min_row=1):
        if row[3].value == field:
            return row[1]
    raise AssertionError(f"no input for {field}")


def formula_cells(path: Path) -> list[tuple[str, str]]:
    book = openpyxl.load_workbook(path)
    return [
        (ws.title, c.coordinate)
        for ws in book.worksheets
        for row in ws.iter_rows()
        for c in row
        if isinstance(c.value, str) and c.value.startswith("=")
    ]


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
    assert book["Engine lines"].max_row == 3 + sum(len(s.lines) for s in compare(seed_deal).schedules.values())


def test_cost_cells_are_formulas_over_the_inputs(seed_book: bytes) -> None:
    book = openpyxl.load_workbook(BytesIO(seed_book))
    formulas = openpyxl.load_workbook(BytesIO(seed_book))
    price = "'Inputs'!" + absolute_coordinate(input_cell(formulas, "offers.original.licenses[0].unit_price").coordinate)
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


@pytest.mark.libreoffice
@needs_libreoffice
@pytest.mark.parametrize("deal_file", [SEED, MECHANICS], ids=["seed", "mechanics"])
def test_libreoffice_recalculation_reproduces_the_engine(deal_file: Path, tmp_path: Path) -> None:
    deal = load_deal(deal_file)
    exported = tmp_path / "exported.xlsx"
    exported.write_bytes(build_workbook(deal))
    recalculated = recalculate(without_cached_values(exported, tmp_path / "book.xlsx"), tmp_path)
    after = openpyxl.load_workbook(recalculated, data_only=True)
    assert comparison_totals(after) == engine_totals(deal)
    cached = openpyxl.load_workbook(exported, data_only=True)
    cells = formula_cells(exported)
    assert len(cells) > 1000
    differ = []
    for sheet, cell in cells:
        want, got = cached[sheet][cell].value, after[sheet][cell].value
        if not isinstance(got, int | float) or abs(want - got) > 1e-6 * max(1.0, abs(want)):
            differ.append((sheet, cell, want, got))
    assert differ == []


@pytest.mark.libreoffice
@needs_libreoffice
def test_changed_inputs_move_the_totals_to_the_engines_figures(seed_book: bytes, tmp_path: Path) -> None:
    book = openpyxl.load_workbook(BytesIO(seed_book))
    input_cell(book, "offers.original.licenses[0].unit_price").value = 150
    for offer in ("revised-ask", "final"):  # final extends revised-ask, so the deal file changes both
        input_cell(book, f"offers.{offer}.usage[0].rate_card.bands[1].rate").value = 0.0089
    input_cell(book, "buyer.forecasts.bot_sessions.expected").value = 160_000
    edited = tmp_path / "edited.xlsx"
    book.save(edited)
    after = openpyxl.load_workbook(recalculate(edited, tmp_path), data_only=True)
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
