"""Load invoice (or usage statement) lines from CSV, every problem as FILE:ROW:COLUMN: field: message, and nothing
returned unless every row is good.

Columns (header row, any order, case-insensitive): period, kind, amount (required); invoice, item, quantity,
unit_price, note (optional). `period` is the calendar month the line is for (2027-03, or any day of it); it must
fall in the signed term. `kind` is one of principal.model.signed.InvoiceKind (a few spellings are accepted:
licence, seats, fee...). `item` names the licence, meter, fee, surcharge or credit as the signed offer does; it is
required except for cap and collar lines. `quantity` is required for usage lines: the units used in the month as
the invoice counts them (after per-call rounding, before any included allowance). Numbers are plain decimals
(1234.50, -100), without thousands separators or currency signs. Another layout is read with a column mapping
(field -> the file's header), and then the file's other columns are ignored.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from pathlib import Path as FsPath

from pydantic import ValidationError

from principal.loader.csv_table import Problems, Row, parse_mapping, read_rows, read_table_file, table_text
from principal.model.signed import InvoiceKind, InvoiceLine

COLUMNS = ("invoice", "period", "kind", "item", "quantity", "unit_price", "amount", "note")
REQUIRED = ("period", "kind", "amount")
NO_ITEM = frozenset({InvoiceKind.cap, InvoiceKind.collar})
KIND_ALIASES = {
    "licence": "license",
    "licenses": "license",
    "licences": "license",
    "seat": "license",
    "seats": "license",
    "subscription": "license",
    "fee": "recurring",
    "platform_fee": "recurring",
    "consumption": "usage",
    "overage_above_commitment": "overage",
    "shortfall": "take_or_pay",
    "minimum_commitment": "minimum",
    "cap_refund": "cap",
    "usage_cap": "cap",
    "trueup": "true_up",
    "onetime": "one_time",
    "one_off": "one_time",
    "professional_services": "one_time",
    "discount": "credit",
    "fees": "surcharge",
}
MAX_ABS = Decimal("1e12")


@dataclass(frozen=True)
class InvoiceFile:
    file: str
    lines: tuple[InvoiceLine, ...]
    mapping: Mapping[str, str] | None


def parse_columns(text: str, option: str = "--columns") -> dict[str, str]:
    """A column mapping written `field=Header,field=Header` (the CLI's --columns, the web form's field)."""
    return parse_mapping(text, option, COLUMNS)


def load_invoices(
    path: str | FsPath, *, effective_date: dt.date, term_months: int, mapping: Mapping[str, str] | None = None
) -> InvoiceFile:
    raw = read_table_file(path, "the invoice lines")
    return parse_invoices(raw, str(path), effective_date=effective_date, term_months=term_months, mapping=mapping)


def parse_invoices(
    raw: bytes,
    filename: str,
    *,
    effective_date: dt.date,
    term_months: int,
    mapping: Mapping[str, str] | None = None,
) -> InvoiceFile:
    """Every line of the file, or InputError listing every bad row (nothing is half-read)."""
    text = table_text(raw, filename, REQUIRED)
    problems = Problems(filename)
    reader = _Reader(problems, effective_date, term_months)
    lines = [
        line
        for row in read_rows(text, problems, columns=COLUMNS, required=REQUIRED, mapping=mapping)
        if (line := reader.line(row)) is not None
    ]
    if not lines and not problems.found:
        problems.add(None, None, "(file)", "no invoice lines below the header")
    problems.raise_any()
    return InvoiceFile(filename, tuple(lines), mapping)


def month_index(effective_date: dt.date, period: dt.date) -> int:
    """The contract month that starts in `period`'s calendar month (month 1 starts on the effective date)."""
    return (period.year - effective_date.year) * 12 + period.month - effective_date.month + 1


class _Reader:
    def __init__(self, problems: Problems, effective_date: dt.date, term_months: int) -> None:
        self.problems = problems
        self.effective = effective_date
        self.term = term_months

    def line(self, row: Row) -> InvoiceLine | None:
        before = len(self.problems.found)
        v, col = row.values, row.columns
        period = self._period(v.get("period", ""), row.number, col.get("period"))
        kind = self._kind(v.get("kind", ""), row.number, col.get("kind"))
        item = v.get("item", "")
        if kind is not None and kind not in NO_ITEM and not item:
            self.problems.add(
                row.number,
                col.get("item"),
                "item",
                f"required for a {kind.value} line; name the "
                "licence, meter, fee, surcharge or credit as the signed offer does",
            )
        quantity = self._number(v.get("quantity", ""), row.number, col.get("quantity"), "quantity", signed=False)
        unit_price = self._number(
            v.get("unit_price", ""), row.number, col.get("unit_price"), "unit_price", signed=False
        )
        amount = self._number(v.get("amount", ""), row.number, col.get("amount"), "amount", signed=True)
        if amount is None and v.get("amount", "") == "":
            self.problems.add(row.number, col.get("amount"), "amount", "required; give the line's amount, e.g. 1234.50")
        if kind is InvoiceKind.usage and quantity is None and v.get("quantity", "") == "":
            self.problems.add(
                row.number, col.get("quantity"), "quantity", "required for a usage line: the units used in the month"
            )
        if len(self.problems.found) > before:
            return None
        assert period is not None and kind is not None and amount is not None
        try:
            return InvoiceLine(
                row=row.number,
                invoice=v.get("invoice", ""),
                period=period,
                kind=kind,
                item=item,
                quantity=quantity,
                unit_price=unit_price,
                amount=amount,
            )
        except ValidationError as exc:  # pragma: no cover - every field is checked above
            self.problems.add(row.number, None, "(row)", str(exc.errors()[0]["msg"]))
            return None

    def _period(self, value: str, row: int, column: int | None) -> dt.date | None:
        if not value:
            self.problems.add(row, column, "period", "required; give the month the line is for, e.g. 2027-03")
            return None
        try:
            day = dt.date.fromisoformat(value if len(value) > 7 else value + "-01")
        except ValueError:
            self.problems.add(row, column, "period", f"{value!r} is not a month such as 2027-03 (or a date 2027-03-01)")
            return None
        first = day.replace(day=1)
        month = month_index(self.effective, first)
        if not 1 <= month <= self.term:
            last = _month_label(self.effective, self.term)
            self.problems.add(
                row,
                column,
                "period",
                f"{value} is outside the signed term ({self.effective:%Y-%m} to {last}); check the period or "
                "signed.effective_date",
            )
            return None
        return first

    def _kind(self, value: str, row: int, column: int | None) -> InvoiceKind | None:
        key = value.strip().lower().replace(" ", "_").replace("-", "_")
        key = KIND_ALIASES.get(key, key)
        try:
            return InvoiceKind(key)
        except ValueError:
            choices = ", ".join(k.value for k in InvoiceKind)
            self.problems.add(row, column, "kind", f"unknown kind {value!r}; use one of {choices}")
            return None

    def _number(self, value: str, row: int, column: int | None, field: str, *, signed: bool) -> Decimal | None:
        if not value:
            return None
        try:
            number = Decimal(value)
        except InvalidOperation:
            self.problems.add(
                row,
                column,
                field,
                f"{value!r} is not a number; write it like 1234.50, without thousands separators or currency signs",
            )
            return None
        if not number.is_finite() or abs(number) >= MAX_ABS:
            self.problems.add(row, column, field, f"{value!r} is not a usable number")
            return None
        if not signed and number < 0:
            self.problems.add(row, column, field, f"must be 0 or more (got {value})")
            return None
        return number


def _month_label(effective: dt.date, term: int) -> str:
    index = effective.month - 1 + term - 1
    return f"{effective.year + index // 12:04d}-{index % 12 + 1:02d}"
