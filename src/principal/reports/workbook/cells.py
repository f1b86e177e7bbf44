"""Cell addresses and the workbook's cell styles (inputs in blue on pale yellow, amounts in the deal's currency,
with its symbol and decimals)."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from xlsxwriter.format import Format
from xlsxwriter.utility import xl_rowcol_to_cell
from xlsxwriter.workbook import Workbook

from principal.money import minor_units
from principal.present import formatter_for


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
    input_date: Format
    date: Format


def _quoted(text: str) -> str:
    return f'"{text}"' if text else ""


def currency_affixes(currency: str, locale: str | None = None) -> tuple[str, str]:
    """What the deal's formatter writes before and after an amount's digits: ('$', '') in en_US,
    ('', '\u00a0€') for EUR in de_DE, ('¥', '') for JPY in en_US (read off `principal.present`, which uses babel)."""
    text = formatter_for(currency, locale).money(1, whole=True)
    digits = [i for i, ch in enumerate(text) if ch.isdigit()]
    return text[: digits[0]], text[digits[-1] + 1 :]


def number_formats(currency: str, locale: str | None = None) -> tuple[str, str]:
    """Excel number formats for amounts and for unit prices in the deal's currency: its symbol where the locale
    puts it, and its decimals (2 for USD and EUR, none for JPY); unit prices keep up to six more decimals (or, for
    a currency without decimals, every significant one)."""
    before, after = (_quoted(part.replace('"', "")) for part in currency_affixes(currency, locale))
    decimals = minor_units(currency)
    figure = "#,##0" + ("." + "0" * decimals if decimals else "")
    money = f"{before}{figure}{after};-{before}{figure}{after}"
    rate = f"{before}0.{'0' * decimals}####{after}" if decimals else f"{before}General{after}"
    return money, rate


def styles(book: Workbook, currency: str, locale: str | None = None) -> Styles:
    money, rate = number_formats(currency, locale)
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
        input_date=inp(num_format="yyyy-mm-dd"),
        date=fmt(num_format="yyyy-mm-dd"),
    )
