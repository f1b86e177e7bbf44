"""Load an outage log (CSV) into `Outage` records, reporting every problem as FILE:ROW:COLUMN: field: message.

Columns (header row required, any order, case-insensitive): start, end, component (required); cause, planned,
notice_days, degraded_percent, note (optional). Times are ISO 8601 with a UTC offset (2027-03-02T10:15:00-05:00);
a time without an offset is an error when the deal names a time zone, and is read as UTC otherwise.
Rows are numbered as a spreadsheet shows them (the header is row 1); lines starting with '#' are comments.
"""

from __future__ import annotations

import csv
import datetime as dt
import difflib
import io
from collections.abc import Collection
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from pathlib import Path as FsPath

from principal.errors import InputError, Problem
from principal.loader.csv_table import read_table_file, table_text
from principal.model.common import number_out_of_range
from principal.model.sla import Outage, OutageCause

MAX_LOG_BYTES = 20 * 1024 * 1024
MAX_LOG_ROWS = 200_000
MAX_PROBLEMS = 100
MAX_SPAN = dt.timedelta(days=25 * 366)
MAX_FIELD_CHARS = 4096
COLUMNS = ("start", "end", "component", "cause", "planned", "notice_days", "degraded_percent", "note")
REQUIRED = ("start", "end", "component")
_TRUE = {"true", "yes", "y", "1"}
_FALSE = {"false", "no", "n", "0", ""}
_CAUSE_ALIASES = {"customer_caused": "customer", "thirdparty": "third_party", "": "vendor"}


@dataclass(frozen=True)
class OutageLog:
    """The outages of one log file, in file order."""

    file: str
    outages: tuple[Outage, ...]


def load_outage_log(path: str | FsPath, *, components: Collection[str], timezone: str | None) -> OutageLog:
    """Read and check an outage log. `timezone`: the zone the deal names, or None (naive times are UTC)."""
    raw = read_table_file(path, "the outage log", max_bytes=MAX_LOG_BYTES, kind="an outage log")
    return parse_outage_log(raw, str(path), components=components, timezone=timezone)


def parse_outage_log(raw: bytes, filename: str, *, components: Collection[str], timezone: str | None) -> OutageLog:
    text = table_text(raw, filename, REQUIRED, max_bytes=MAX_LOG_BYTES, whole="the log", table="the outage table")
    return _Reader(filename, set(components), timezone).read(text)


class _Reader:
    def __init__(self, filename: str, components: set[str], timezone: str | None) -> None:
        self.filename = filename
        self.components = components
        self.timezone = timezone
        self.problems: list[Problem] = []

    def problem(self, row: int, column: int | None, field: str, message: str) -> None:
        self.problems.append(Problem(self.filename, row, column, field, message))
        if len(self.problems) >= MAX_PROBLEMS:
            raise InputError(self.problems)

    def read(self, text: str) -> OutageLog:
        first_line = text.splitlines()[0]
        delimiter = max(",;\t", key=first_line.count)
        reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter, strict=True)
        header: list[str] | None = None
        outages: list[Outage] = []
        row_number = 0
        line_before = 0
        try:
            for cells in reader:
                row_number = line_before + 1
                line_before = reader.line_num
                if not cells or (cells[0].lstrip().startswith("#")) or not any(c.strip() for c in cells):
                    continue
                if header is None:
                    header = self._header(cells, row_number)
                    continue
                if len(outages) >= MAX_LOG_ROWS:
                    raise InputError.single(
                        self.filename, f"more than {MAX_LOG_ROWS:,} outage rows; split the log", line=row_number
                    )
                outage = self._row(cells, header, row_number)
                if outage is not None:
                    outages.append(outage)
        except csv.Error as exc:
            raise InputError.single(
                self.filename, f"not valid CSV: {exc}; check quoting", line=line_before or 1
            ) from None
        if header is None:
            raise InputError.single(self.filename, f"no header row; the first row must name {', '.join(REQUIRED)}")
        self._check_overlaps(outages, header)
        self._check_span(outages, header)
        if self.problems:
            raise InputError(self.problems)
        return OutageLog(self.filename, tuple(outages))

    def _header(self, cells: list[str], row: int) -> list[str]:
        names = [c.strip().lower().replace(" ", "_") for c in cells]
        for col, name in enumerate(names, start=1):
            if name not in COLUMNS:
                close = difflib.get_close_matches(name, COLUMNS, n=1, cutoff=0.6)
                hint = f"; did you mean {close[0]!r}?" if close else f"; columns are {', '.join(COLUMNS)}"
                self.problem(row, col, name or "(blank)", f"unknown column {cells[col - 1]!r}{hint}")
            elif names.index(name) != col - 1:
                self.problem(row, col, name, "column given twice")
        for need in REQUIRED:
            if need not in names:
                self.problem(row, None, need, f"missing column {need!r}; the header needs {', '.join(REQUIRED)}")
        if self.problems:
            raise InputError(self.problems)
        return names

    def _row(self, cells: list[str], header: list[str], row: int) -> Outage | None:
        if len(cells) > len(header):
            self.problem(row, len(header) + 1, "(row)", f"{len(cells)} values but {len(header)} columns")
            return None
        if any(len(c) > MAX_FIELD_CHARS for c in cells):
            self.problem(row, None, "(row)", f"a value is longer than {MAX_FIELD_CHARS} characters")
            return None
        values = {name: cells[i].strip() if i < len(cells) else "" for i, name in enumerate(header)}
        col = {name: i + 1 for i, name in enumerate(header)}
        before = len(self.problems)
        start = self._time(values["start"], row, col["start"], "start")
        end = self._time(values["end"], row, col["end"], "end")
        component = self._component(values["component"], row, col["component"])
        cause = self._cause(values.get("cause", ""), row, col.get("cause"))
        planned = self._planned(values.get("planned", ""), row, col.get("planned"))
        notice = self._notice(values.get("notice_days", ""), row, col.get("notice_days"))
        degraded = self._degraded(values.get("degraded_percent", ""), row, col.get("degraded_percent"))
        if start is not None and end is not None and end <= start:
            what = "is before" if end < start else "equals"
            self.problem(row, col["end"], "end", f"end {values['end']} {what} start {values['start']}; fix the times")
        if len(self.problems) > before:
            return None
        assert start is not None and end is not None and component is not None and cause is not None
        return Outage(
            row=row,
            start=start,
            end=end,
            component=component,
            cause=cause,
            planned=bool(planned),
            notice_days=notice,
            degraded_percent=degraded if degraded is not None else Decimal(100),
        )

    def _time(self, value: str, row: int, column: int, field: str) -> dt.datetime | None:
        if not value:
            self.problem(row, column, field, "required; give an ISO 8601 time such as 2027-03-02T10:15:00-05:00")
            return None
        if len(value) < 11 or value[10] not in "Tt ":
            self.problem(row, column, field, f"{value!r} needs a date and a time, e.g. 2027-03-02T10:15:00-05:00")
            return None
        try:
            moment = dt.datetime.fromisoformat(value)
        except ValueError:
            self.problem(row, column, field, f"{value!r} is not an ISO 8601 time, e.g. 2027-03-02T10:15:00-05:00")
            return None
        if not 1970 <= moment.year <= 2200:
            self.problem(row, column, field, f"year {moment.year} is outside 1970-2200")
            return None
        if moment.tzinfo is None:
            if self.timezone is not None:
                self.problem(
                    row,
                    column,
                    field,
                    f"{value!r} has no UTC offset and the deal's time zone is {self.timezone}; "
                    "add the offset, e.g. -05:00 or Z",
                )
                return None
            moment = moment.replace(tzinfo=dt.UTC)
        return moment

    def _component(self, value: str, row: int, column: int) -> str | None:
        if value in self.components:
            return value
        known = sorted(self.components)
        if not value:
            self.problem(row, column, "component", f"required; one of {', '.join(known)}")
            return None
        close = difflib.get_close_matches(value, known, n=1, cutoff=0.6)
        hint = f"; did you mean {close[0]!r}?" if close else ""
        self.problem(
            row, column, "component", f"unknown component {value!r}{hint} (the deal's SLAs name {', '.join(known)})"
        )
        return None

    def _cause(self, value: str, row: int, column: int | None) -> OutageCause | None:
        key = value.strip().lower().replace(" ", "_").replace("-", "_")
        key = _CAUSE_ALIASES.get(key, key)
        try:
            return OutageCause(key)
        except ValueError:
            choices = ", ".join(c.value for c in OutageCause)
            self.problem(row, column, "cause", f"unknown cause {value!r}; use one of {choices}")
            return None

    def _planned(self, value: str, row: int, column: int | None) -> bool | None:
        key = value.lower()
        if key in _TRUE:
            return True
        if key in _FALSE:
            return False
        self.problem(row, column, "planned", f"must be true or false (got {value!r})")
        return None

    def _notice(self, value: str, row: int, column: int | None) -> int | None:
        if not value:
            return None
        if not (value.isascii() and value.isdigit()) or len(value) > 4 or int(value) > 3650:
            self.problem(row, column, "notice_days", f"must be a whole number of days from 0 to 3650 (got {value!r})")
            return None
        return int(value)

    def _degraded(self, value: str, row: int, column: int | None) -> Decimal | None:
        if not value:
            return None
        try:
            number = Decimal(value.rstrip("%"))
        except InvalidOperation:
            number = Decimal(-1)
        if not number.is_finite() or number_out_of_range(number) or not Decimal(0) < number <= 100:
            self.problem(row, column, "degraded_percent", f"must be a number above 0 and at most 100 (got {value!r})")
            return None
        return number

    def _check_overlaps(self, outages: list[Outage], header: list[str]) -> None:
        column = header.index("start") + 1
        by_component: dict[str, list[Outage]] = {}
        for outage in outages:
            by_component.setdefault(outage.component, []).append(outage)
        for rows in by_component.values():
            rows.sort(key=lambda o: (o.start, o.row))
            latest = rows[0]
            for outage in rows[1:]:
                if outage.start < latest.end:
                    self.problem(
                        outage.row,
                        column,
                        "start",
                        f"overlaps row {latest.row} ({outage.component} down until {latest.end.isoformat()}); "
                        "merge the rows or correct the times",
                    )
                if outage.end > latest.end:
                    latest = outage

    def _check_span(self, outages: list[Outage], header: list[str]) -> None:
        if not outages:
            return
        first = min(o.start for o in outages)
        last = max(outages, key=lambda o: o.end)
        if last.end - first > MAX_SPAN:
            self.problem(last.row, header.index("end") + 1, "end", "the log spans more than 25 years; split it")
