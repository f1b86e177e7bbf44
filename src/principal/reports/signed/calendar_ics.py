"""Key dates as an iCalendar file (RFC 5545, written with `icalendar`): one all-day event per date, its clause
cited in the description, and reminders (VALARM) a chosen number of days before every deadline."""

from __future__ import annotations

import datetime as dt
import hashlib
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from icalendar import Alarm, Calendar, Event

from principal.present import Formatter
from principal.signed import KeyDate

PRODID = "-//Principal//after-signature key dates//EN"


@dataclass(frozen=True)
class DealDates:
    """One deal's key dates for the calendar, with how to cite a deal-file field."""

    deal_name: str
    source: str
    dates: Sequence[KeyDate]
    cite: Callable[[str], str]
    formatter: Formatter


def event_uid(deal: DealDates, date: KeyDate) -> str:
    key = "|".join((deal.source, date.kind.value, date.day.isoformat(), *date.fields))
    return hashlib.sha256(key.encode()).hexdigest()[:32] + "@principal"


def describe(deal: DealDates, date: KeyDate) -> str:
    lines = [deal.formatter.text(date.title) + ".", f"How: {date.formula}."]
    lines += [f"Clause: {deal.cite(field)}" for field in date.fields]
    return "\n".join(lines)


def calendar_ics(deals: Sequence[DealDates], *, remind_days: Sequence[int], stamp: dt.datetime) -> bytes:
    """The calendar of every deal's key dates; reminders `remind_days` days before each deadline."""
    cal = Calendar()
    cal.add("prodid", PRODID)
    cal.add("version", "2.0")
    cal.add("calscale", "GREGORIAN")
    cal.add("x-wr-calname", "Contract key dates" if len(deals) != 1 else f"{deals[0].deal_name}: key dates")
    for deal in deals:
        for date in deal.dates:
            event = Event()
            event.add("uid", event_uid(deal, date))
            event.add("dtstamp", stamp)
            event.add("dtstart", date.day)
            event.add("dtend", date.day + dt.timedelta(days=1))
            event.add("summary", f"{deal.deal_name}: {deal.formatter.text(date.title)}")
            event.add("description", describe(deal, date))
            event.add("categories", [date.kind.value])
            event.add("transp", "TRANSPARENT")
            if date.deadline:
                for days in sorted(set(remind_days), reverse=True):
                    alarm = Alarm()
                    alarm.add("action", "DISPLAY")
                    alarm.add("trigger", dt.timedelta(days=-days))
                    alarm.add("description", f"In {days} day(s): {deal.formatter.text(date.title)}")
                    event.add_component(alarm)
            cal.add_component(event)
    return bytes(cal.to_ical())
