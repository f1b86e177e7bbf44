"""Cell addresses and the workbook's cell styles (inputs in blue on pale yellow, amounts in the deal's currency)."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from xlsxwriter.format import Format
from xlsxwriter.utility import xl_rowcol_to_cell
from xlsxwriter.workbook import Workbook

CURRENCY_SYMBOL = {"USD": "$", "EUR": "€", "GBP": "£"}


def ref(row: int, col: int, sheet: str | None = None) -> str:
    """Absolute A1 address of a 0-based (row, col), qualified by sheet when given: 'Inputs'!$B$7."""
    cell: str = xl_rowcol_to_cell(row, col, row_abs=True, col_abs=True)
    return f"{quote(sheet)}!{cell}" if sheet else cell


def rel(row: int, col: int) -> str:
    """Relative address on the same sheet (B7)."""
    address: str = xl_rowcol_to_cell(row, col)
    return address


def quote(sheet: str) -> str:
    return "'" + sheet.replace("'", "''") + "'"


def num(value: Decimal | int | float) -> float:
    """A cached value as Excel stores it (a binary float)."""
    return float(value)


@dataclass(frozen=True)
class Styles:
    title: Format
    heading: Format
    header: Format
    note: Format
    text: Format
    money: Format
    money_bold: Format
    rate: Format
    count: Format
    volume: Format
    percent: Format
    factor: Format
    input_money: Format
    input_rate: Format
    input_count: Format
    input_percent: Format
    input_flag: Format


def styles(book: Workbook, currency: str) -> Styles:
    symbol = CURRENCY_SYMBOL.get(currency)
    money = f'"{symbol}"#,##0.00;-"{symbol}"#,##0.00' if symbol else f'#,##0.00" {currency}";-#,##0.00" {currency}"'
    rate = f'"{symbol}"0.00####' if symbol else f'0.00####" {currency}"'
    pct = '0.00##"%"'

    def fmt(**props: object) -> Format:
        return book.add_format({"font_name": "Arial", "font_size": 10, **props})

    def inp(**props: object) -> Format:
        return fmt(font_color="#1f4e79", bg_color="#fff2cc", border=1, border_color="#bfbfbf", **props)

    return Styles(
        title=fmt(bold=True, font_size=14, font_color="#1f4e79"),
        heading=fmt(bold=True, font_size=11, font_color="#1f4e79", bottom=1),
        header=fmt(bold=True, bg_color="#e8eef5", border=1, border_color="#bfbfbf", text_wrap=True),
        note=fmt(italic=True, font_color="#595959"),
        text=fmt(),
        money=fmt(num_format=money),
        money_bold=fmt(num_format=money, bold=True, top=1),
        rate=fmt(num_format=rate),
        count=fmt(num_format="0"),
        volume=fmt(num_format="#,##0.00"),
        percent=fmt(num_format=pct),
        factor=fmt(num_format="0.000000"),
        input_money=inp(num_format=money),
        input_rate=inp(num_format=rate),
        input_count=inp(num_format="#,##0.####"),
        input_percent=inp(num_format=pct),
        input_flag=inp(num_format="0"),
    )
