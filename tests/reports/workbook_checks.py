"""Reading exported and recalculated workbooks in tests: the Comparison totals, an Inputs row by its deal-file field,
and every formula cell of a recalculated copy against the engine figure cached in the export."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path
from typing import Any

import openpyxl

from principal.cost.compare import compare
from principal.cost.scenario import PLAN, Scenario
from principal.cost.schedule import schedule
from principal.cost.switching import switching_cost
from principal.model import Deal
from principal.money import round_money

HALF_CENT = 0.005


def comparison_totals(book: Any, currency: str = "USD") -> dict[str, list[Decimal]]:
    """Each offer's annual totals then its TCO, as the Comparison sheet shows them (rounded to the currency's minor
    unit: the cent for USD and EUR)."""
    sheet = book["Comparison"]
    names = [c.value for c in sheet[4][1:] if c.value]
    out: dict[str, list[Decimal]] = {n: [] for n in names}
    for row in sheet.iter_rows(min_row=5, values_only=True):
        if row[0] is None or not (str(row[0]).startswith("Year") or row[0] == "Term (TCO)"):
            break
        for name, value in zip(names, row[1:], strict=False):
            if value is not None:
                out[name].append(round_money(Decimal(repr(value)), currency))
    return out


def engine_totals(deal: Deal) -> dict[str, list[Decimal]]:
    result = compare(deal)
    return {n: _rounded(deal, s.year_totals, s.total) for n, s in result.schedules.items()}


def _rounded(deal: Deal, years: tuple[Decimal, ...], total: Decimal) -> list[Decimal]:
    return [round_money(y, deal.currency) for y in years] + [round_money(total, deal.currency)]


def scenario_totals(deal: Deal, scenario: Scenario) -> dict[str, list[Decimal]]:
    """Each offer's annual totals then its TCO under a scenario, from the engine (rounded to the cent)."""
    out = {}
    for name in deal.offers:
        s = schedule(deal, name, scenario)
        out[name] = _rounded(deal, s.year_totals, s.total)
    return out


SWITCHING_HEADING = "Switching against staying over the term (live, from each cost sheet)"


def switching_totals(book: Any, currency: str = "USD") -> dict[str, list[Decimal | None]]:
    """Each offer's new contract, dual running, early-termination fee, cost of switching, cost of staying and
    difference over the term, as the Comparison sheet shows them (None where it says unknown)."""
    sheet = book["Comparison"]
    names = [c.value for c in sheet[4][1:] if c.value]
    rows = list(sheet.iter_rows(values_only=True))
    top = next(i for i, row in enumerate(rows) if row[0] == SWITCHING_HEADING)
    out: dict[str, list[Decimal | None]] = {n: [] for n in names}
    for row in rows[top + 1 : top + 7]:
        for name, value in zip(names, row[1:], strict=False):
            known = isinstance(value, int | float)
            out[name].append(round_money(Decimal(repr(value)), currency) if known else None)
    return out


def engine_switching(deal: Deal, scenario: Scenario | None = None) -> dict[str, list[Decimal | None]]:
    """The same figures from the cost engine (principal.cost.switching), rounded to the cent."""
    out: dict[str, list[Decimal | None]] = {}
    for name in deal.offers:
        sw = switching_cost(deal, name, scenario or PLAN)
        figures = (sw.contract.total, sw.dual_running, sw.early_termination, sw.total, sw.staying, sw.difference)
        out[name] = [None if v is None else round_money(v, deal.currency) for v in figures]
    return out


def month_column(sheet: Any, title: str) -> list[Decimal]:
    """The monthly values of the column headed `title` in a cost sheet's month-by-month table."""
    for row in sheet.iter_rows():
        if row[0].value == "Month" and row[1].value == "Contract year":
            col = next(c.column for c in row if c.value == title)
            rows = sheet.iter_rows(min_row=row[0].row + 1, min_col=col, max_col=col, values_only=True)
            return [Decimal(repr(v[0])) for v in rows if v[0] is not None]
    raise AssertionError(f"no month-by-month table in {sheet.title}")


def input_row(book: Any, field: str, label: str | None = None) -> Any:
    """The Inputs row (a tuple of cells) whose deal-file field (column D) is `field` and, when given, whose label
    (column A) starts with `label`."""
    for row in book["Inputs"].iter_rows(min_row=1):
        if row[3].value == field and (label is None or str(row[0].value).startswith(label)):
            return row
    raise AssertionError(f"no input for {field} {label or ''}")


def input_cell(book: Any, field: str, label: str | None = None) -> Any:
    """The value cell (column B) of an Inputs row (see input_row)."""
    return input_row(book, field, label)[1]


def formula_cells(path: Path) -> list[tuple[str, str]]:
    book = openpyxl.load_workbook(path)
    return [
        (ws.title, c.coordinate)
        for ws in book.worksheets
        for row in ws.iter_rows()
        for c in row
        if isinstance(c.value, str) and c.value.startswith("=")
    ]


@dataclass
class CellCheck:
    """Every formula cell of a recalculated workbook against the engine's figure cached in the export."""

    cells: int = 0
    max_difference: float = 0.0
    differ: list[tuple[str, str, Any, Any]] = field(default_factory=list)

    def add(self, other: CellCheck) -> None:
        self.cells += other.cells
        self.max_difference = max(self.max_difference, other.max_difference)
        self.differ.extend(other.differ)


def check_cells(exported: Path, recalculated: Path, tolerance: float = HALF_CENT) -> CellCheck:
    """Compare every formula cell: numbers within `tolerance` (half a cent: the same figure to the cent), dates
    equal. The cached values are the engine's; the recalculated ones LibreOffice's."""
    cached = openpyxl.load_workbook(exported, data_only=True)
    after = openpyxl.load_workbook(recalculated, data_only=True)
    out = CellCheck()
    for sheet, cell in formula_cells(exported):
        want, got = cached[sheet][cell].value, after[sheet][cell].value
        out.cells += 1
        if isinstance(want, dt.datetime):
            if want != got:
                out.differ.append((sheet, cell, want, got))
            continue
        if not isinstance(got, int | float) or isinstance(got, bool):
            out.differ.append((sheet, cell, want, got))
            continue
        difference = abs(want - got)
        out.max_difference = max(out.max_difference, difference)
        if difference > tolerance:
            out.differ.append((sheet, cell, want, got))
    return out
