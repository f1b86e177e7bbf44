"""Helpers for SLA tests: outages built from New York local times, deals with an SLA set inline."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

from principal.model import Deal
from principal.model.sla import Outage, OutageCause
from principal.money import Amount

NY = ZoneInfo("America/New_York")
FIXTURES = Path(__file__).resolve().parent.parent / "fixtures" / "outages"


def usd(figure: str | int) -> Amount:
    """An expected amount of the seed deal (in US dollars), written as text: usd("7892.50")."""
    return Amount(Decimal(figure), "USD")


def ny(year: int, month: int, day: int, hour: int = 0, minute: int = 0) -> dt.datetime:
    return dt.datetime(year, month, day, hour, minute, tzinfo=NY)


def outage(
    start: dt.datetime,
    minutes: float,
    component: str = "voice_routing",
    *,
    row: int = 0,
    cause: OutageCause = OutageCause.vendor,
    planned: bool = False,
    notice_days: int | None = None,
    degraded_percent: int = 100,
) -> Outage:
    return Outage(
        row=row,
        start=start,
        end=start + dt.timedelta(minutes=minutes),
        component=component,
        cause=cause,
        planned=planned,
        notice_days=notice_days,
        degraded_percent=degraded_percent,
    )


def with_sla(deal: Deal, offer: str, **changes: Any) -> Deal:
    """A copy of `deal` whose offer's SLA has the given fields replaced (validated again)."""
    sla = deal.offers[offer].sla
    assert sla is not None
    data = sla.model_dump()
    for key, value in changes.items():
        if isinstance(value, dict) and isinstance(data.get(key), dict):
            data[key] = {**data[key], **value}
        else:
            data[key] = value
    new_offer = deal.offers[offer].model_copy(update={"sla": type(sla).model_validate(data)})
    return deal.model_copy(update={"offers": {**deal.offers, offer: new_offer}})
