"""How much of a period falls inside the buyer's business hours, in the buyer's time zone (DST aware)."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from zoneinfo import ZoneInfo

from principal.model.buyer import BusinessHours

UTC = dt.UTC
_WEEKDAYS = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")


def _seconds(delta: dt.timedelta) -> Decimal:
    return Decimal(delta.days * 86400 + delta.seconds) + Decimal(delta.microseconds) / Decimal(1_000_000)


def duration_seconds(start: dt.datetime, end: dt.datetime) -> Decimal:
    """Elapsed seconds between two aware times (compared in UTC, so DST changes are counted correctly)."""
    return _seconds(end.astimezone(UTC) - start.astimezone(UTC))


def seconds_inside(hours: BusinessHours, start: dt.datetime, end: dt.datetime) -> Decimal:
    """Seconds of [start, end) that fall inside business hours. Closing at or before opening means overnight."""
    if end <= start:
        return Decimal(0)
    if hours.always_open:
        return duration_seconds(start, end)
    zone = ZoneInfo(hours.timezone)
    open_days = {day.value for day in hours.days}
    start_utc, end_utc = start.astimezone(UTC), end.astimezone(UTC)
    day = start.astimezone(zone).date() - dt.timedelta(days=1)
    last = end.astimezone(zone).date()
    total = Decimal(0)
    while day <= last:
        if _WEEKDAYS[day.weekday()] in open_days:
            opens = dt.datetime.combine(day, hours.opens, tzinfo=zone).astimezone(UTC)
            close_day = day if hours.closes > hours.opens else day + dt.timedelta(days=1)
            closes = dt.datetime.combine(close_day, hours.closes, tzinfo=zone).astimezone(UTC)
            lo, hi = max(start_utc, opens), min(end_utc, closes)
            if hi > lo:
                total += _seconds(hi - lo)
        day += dt.timedelta(days=1)
    return total


def open_share_of_week(hours: BusinessHours) -> Decimal:
    """Share of a week's minutes that are business hours (ignoring DST): 16 h x 5 days / 168 h = 0.476..."""
    if hours.always_open:
        return Decimal(1)
    opens = hours.opens.hour * 60 + hours.opens.minute
    closes = hours.closes.hour * 60 + hours.closes.minute
    per_day = closes - opens if closes > opens else 1440 - opens + closes
    return Decimal(per_day * len(set(hours.days))) / Decimal(7 * 1440)
