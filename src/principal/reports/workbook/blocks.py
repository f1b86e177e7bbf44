"""Blocks of a cost sheet above its monthly table: rows of cells whose formulas are written once every block (and
the table) has its position, so a block can refer to the table below it and the table to the blocks above."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from decimal import Decimal

from xlsxwriter.format import Format
from xlsxwriter.worksheet import Worksheet

from principal.reports.workbook.cells import num, ref


@dataclass(frozen=True)
class Text:
    text: str
    fmt: Format


@dataclass(frozen=True)
class Number:
    value: Decimal | int
    fmt: Format


@dataclass(frozen=True)
class Calc:
    """A formula (built when written, so it may use any address) with the engine's value cached."""

    formula: Callable[[], str]
    cached: Decimal | int
    fmt: Format


Cell = Text | Number | Calc | None


@dataclass
class Block:
    rows: list[list[Cell]] = field(default_factory=list)
    top: int = -1

    def add(self, *cells: Cell) -> int:
        """Append a row; returns its index within the block."""
        self.rows.append(list(cells))
        return len(self.rows) - 1

    def cell(self, row: int, col: int, sheet: str | None = None) -> str:
        """Absolute address of the block's (row, col), valid once the block is placed."""
        assert self.top >= 0, "the block is placed before its addresses are used"
        return ref(self.top + row, col, sheet)

    @property
    def height(self) -> int:
        return len(self.rows)

    def write(self, sheet: Worksheet) -> None:
        for i, cells in enumerate(self.rows):
            for col, cell in enumerate(cells):
                r = self.top + i
                if isinstance(cell, Text):
                    sheet.write_string(r, col, cell.text, cell.fmt)
                elif isinstance(cell, Number):
                    sheet.write_number(r, col, num(cell.value), cell.fmt)
                elif isinstance(cell, Calc):
                    sheet.write_formula(r, col, cell.formula(), cell.fmt, num(cell.cached))


def place(blocks: list[Block], first_row: int, gap: int = 1) -> int:
    """Set each block's top row in order from `first_row`; returns the first free row after them."""
    row = first_row
    for block in blocks:
        block.top = row
        row += block.height + gap
    return row
