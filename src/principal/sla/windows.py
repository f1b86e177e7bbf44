"""Measurement windows: contract months, quarters or years, and how many minutes each one holds."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal
from zoneinfo import ZoneInfo

from principal.model.sla import DaysBasis, Window

MINUTES_PER_DAY = Decimal(1440)
SECONDS_PER_MINUTE = Decimal(60)
DAYS_PER_YEAR = Decimal(365)
MONTHS_PER_WINDOW = {Window.month: 1, Window.quarter: 3, Window.year: 12}


def months_per_window(window: Window) -> int:
    return MONTHS_PER_WINDOW[window]


def average_days(window: Window) -> Decimal:
    """Days in an average window of a 365-day year: 365/12 for a month, 365/4 for a quarter, 365 for a year."""
    return DAYS_PER_YEAR * months_per_window(window) / 12


def basis_minutes(window: Window, days_basis: DaysBasis, calendar_days: int) -> Decimal:
    """Minutes the SLA measures in a window: its calendar days, or the average window of a 365-day year."""
    days = Decimal(calendar_days) if days_basis is DaysBasis.calendar else average_days(window)
    return days * MINUTES_PER_DAY


@dataclass(frozen=True)
class MeasurementWindow:
    """One window of the SLA: [start, end) in the deal's time zone, its calendar days and measured minutes."""

    index: int
    start: dt.datetime
    end: dt.datetime
    calendar_days: int
    minutes: Decimal

    @property
    def last_day(self) -> dt.date:
        return (self.end - dt.timedelta(days=1)).date()


def add_months(day: dt.date, months: int) -> dt.date:
    """The same day-of-month `months` later, clamped to the month's last day (31 Jan + 1 month = 28/29 Feb)."""
    total = day.year * 12 + (day.month - 1) + months
    year, month = divmod(total, 12)
    month += 1
    for candidate in (day.day, 30, 29, 28):
        try:
            return dt.date(year, month, min(day.day, candidate))
        except ValueError:
            continue
    raise ValueError(f"no valid date for {day} + {months} months")  # pragma: no cover - 28 always exists


def measurement_windows(
    window: Window, days_basis: DaysBasis, first_day: dt.date, count: int, timezone: str
) -> tuple[MeasurementWindow, ...]:
    """`count` consecutive windows starting at midnight of `first_day` in `timezone`."""
    zone = ZoneInfo(timezone)
    step = months_per_window(window)
    out: list[MeasurementWindow] = []
    for i in range(count):
        begin = add_months(first_day, i * step)
        finish = add_months(first_day, (i + 1) * step)
        days = (finish - begin).days
        out.append(
            MeasurementWindow(
                index=i + 1,
                start=dt.datetime.combine(begin, dt.time(0), tzinfo=zone),
                end=dt.datetime.combine(finish, dt.time(0), tzinfo=zone),
                calendar_days=days,
                minutes=basis_minutes(window, days_basis, days),
            )
        )
    return tuple(out)


def windows_in_term(window: Window, term_months: int) -> int:
    """How many windows a term holds; a partial last window counts as one."""
    step = months_per_window(window)
    return -(-term_months // step)
