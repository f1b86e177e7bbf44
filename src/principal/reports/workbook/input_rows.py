"""Rows of the Inputs sheet: label, value, how it is used, the deal-file field. Columns: A what it is, B the value,
C how it is used, D the deal-file field."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from decimal import Decimal
from typing import Protocol

from xlsxwriter.format import Format
from xlsxwriter.worksheet import Worksheet

from principal.reports.workbook.cells import Styles, num, ref

SHEET = "Inputs"
WHAT_IF = "what-if (not in the deal file)"


class Assumed(Protocol):
    """A labelled default of the engine (principal.cost.defaults.DefaultUsed and its like)."""

    @property
    def path(self) -> str: ...
    @property
    def assumed(self) -> str: ...
    @property
    def question(self) -> str: ...


class Rows:
    """Appends rows and returns each value cell's address. `defaults` maps a deal-file field to the engine's
    labelled default for it, so the row says what was assumed and what to ask."""

    def __init__(self, sheet: Worksheet, st: Styles, defaults: Mapping[str, Assumed] | None = None) -> None:
        self.sheet = sheet
        self.st = st
        self.row = 0
        self.defaults: dict[str, Assumed] = dict(defaults or {})

    def heading(self, text: str) -> None:
        self.row += 1
        self.sheet.write_string(self.row, 0, text, self.st.heading)
        self.row += 1

    def value(self, label: str, value: Decimal | int | bool, fmt: Format, note: str, field: str) -> str:
        self.sheet.write_string(self.row, 0, label, self.st.text)
        self.sheet.write_number(self.row, 1, num(value), fmt)
        self._tail(note, field)
        return self._take()

    def date(self, label: str, value: dt.date, note: str, field: str) -> str:
        self.sheet.write_string(self.row, 0, label, self.st.text)
        self.sheet.write_datetime(self.row, 1, dt.datetime(value.year, value.month, value.day), self.st.input_date)
        self._tail(note, field)
        return self._take()

    def formula(self, label: str, formula: str, cached: Decimal, fmt: Format, note: str, field: str) -> str:
        self.sheet.write_string(self.row, 0, label, self.st.text)
        self.sheet.write_formula(self.row, 1, formula, fmt, num(cached))
        self._tail(note, field)
        return self._take()

    def text(self, label: str, text: str, note: str = "", field: str = "") -> None:
        self.sheet.write_string(self.row, 0, label, self.st.text)
        self.sheet.write_string(self.row, 1, text, self.st.text)
        self._tail(note, field)
        self.row += 1

    def defaulted(self, field: str, note: str = "") -> str:
        """The note of a row whose value is the engine's labelled default for `field` (or `note` when none)."""
        used = self.defaults.get(field)
        if used is None:
            return note
        return f"default (the deal file is silent): {used.assumed}. Ask: {used.question}"

    def _tail(self, note: str, field: str) -> None:
        if note:
            self.sheet.write_string(self.row, 2, note, self.st.note)
        if field:
            self.sheet.write_string(self.row, 3, field, self.st.note)

    def _take(self) -> str:
        address = ref(self.row, 1, SHEET)
        self.row += 1
        return address
