"""The month-by-month table of a cost sheet: columns added in order, each with a formula per month and the value
the engine computed for that cell (cached, so the workbook shows figures before any recalculation).

Columns are declared first (their positions are fixed at once), then the table's first row is set when the
blocks above it are laid out, then every cell is written. Formulas are functions of the month, called at
writing time, so a column may refer to any other column of the same or another row.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from decimal import Decimal

from xlsxwriter.format import Format
from xlsxwriter.worksheet import Worksheet

from principal.cost.lines import Category
from principal.cost.timeline import contract_year
from principal.reports.workbook.cells import Styles, num, ref, rel

Formula = Callable[[int], str]
Value = Callable[[int], Decimal | int]


@dataclass
class Column:
    index: int
    title: str
    fmt: Format
    formula: Formula | None = None
    cached: Value | None = None
    category: Category | None = None
    """The line category this column's amounts belong to (None for helpers such as volumes)."""
    billed_with: Category | None = None
    """For surcharges, taxes and credits: the charges whose invoice carries them (as Line.billed_with)."""

    @property
    def invoice(self) -> Category | None:
        """The charges this column is invoiced with: `billed_with`, else its own category."""
        return self.billed_with or self.category

    def set(self, formula: Formula, cached: Value) -> Column:
        self.formula, self.cached = formula, cached
        return self


@dataclass
class MonthTable:
    term: int
    st: Styles
    columns: list[Column] = field(default_factory=list)
    top: int = -1
    """Row of the header (month m is on row top + m); set before writing."""

    def __post_init__(self) -> None:
        self.month = self.add("Month", self.st.count).set(lambda m: "", lambda m: m)
        self.year = self.add("Contract year", self.st.count).set(lambda m: "", contract_year)

    def add(
        self, title: str, fmt: Format, category: Category | None = None, billed_with: Category | None = None
    ) -> Column:
        column = Column(len(self.columns), title, fmt, category=category, billed_with=billed_with)
        self.columns.append(column)
        return column

    def row(self, m: int) -> int:
        assert self.top >= 0, "the table's position is set before any formula is written"
        return self.top + m

    def at(self, column: Column, m: int) -> str:
        """The cell of `column` in month m (relative address)."""
        return rel(self.row(m), column.index)

    def span(self, column: Column, first: int = 1, last: int | None = None) -> str:
        """Absolute range of `column` over months first..last (default: the whole term)."""
        end = self.term if last is None else last
        return f"{ref(self.row(first), column.index)}:{ref(self.row(end), column.index)}"

    def m(self, m: int) -> str:
        """The month number cell of month m."""
        return self.at(self.month, m)

    def write(self, sheet: Worksheet) -> None:
        for column in self.columns:
            sheet.write_string(self.top, column.index, column.title, self.st.header)
        for m in range(1, self.term + 1):
            r = self.row(m)
            for column in self.columns:
                assert column.cached is not None, f"column {column.title} has no values"
                value = column.cached(m)
                if column.formula is None or column is self.month or column is self.year:
                    sheet.write_number(r, column.index, num(value), column.fmt)
                else:
                    sheet.write_formula(r, column.index, column.formula(m), column.fmt, num(value))
