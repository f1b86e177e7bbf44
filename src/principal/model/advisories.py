"""Things in a valid deal that are probably not what its author meant: warnings, never errors.

- A percentage that looks like a fraction (`percent_of_forecast: 1.1` is a 1.1% cap; `percent: 0.05` is 0.05%).
- A milestone payment gated on go-live (or on stable operations) in a month before that go-live.

Each warning is (path, message); the loader locates it in the file and every command prints it before its output.
"""

from __future__ import annotations

from collections.abc import Iterator
from decimal import Decimal
from typing import Any

from pydantic import BaseModel

from principal.model.deal import Deal, Offer
from principal.model.pricing import MilestoneGate, Uplift, UsageCap

Finding = tuple[tuple[str | int, ...], str]

CAP_FRACTION_BELOW = Decimal(10)
"""A usage cap under 10% of the forecast charge would refuse most usage: it is read as a fraction typed as %."""
FRACTION_BELOW = Decimal(1)
"""Any other percentage between 0 and 1 is read as a fraction typed as %."""
DAYS_A_MONTH = Decimal(365) / 12
PERCENT_NAMES = frozenset({"lost_contact_share"})
"""Percentages whose field name does not say so."""


def advise_deal(deal: Deal) -> list[Finding]:
    found = list(_fractions(deal, ()))
    for name, offer in deal.offers.items():
        found.extend(_milestones_before_events(("offers", name), offer))
    return found


def _percent_field(owner: BaseModel, name: str) -> bool:
    if isinstance(owner, Uplift) and name in ("floor", "cap", "cpi_assumed"):
        return True
    if name in PERCENT_NAMES:
        return True
    return name == "percent" or name.endswith("_percent") or "_percent_" in name or name.startswith("percent_")


def _as_percent(value: Decimal) -> str:
    return format((value * 100).normalize(), "f")


def _check_value(owner: BaseModel, name: str, value: Decimal) -> str | None:
    limit = CAP_FRACTION_BELOW if isinstance(owner, UsageCap) and name == "percent_of_forecast" else FRACTION_BELOW
    if 0 < value < limit:
        shown = format(value.normalize(), "f")
        return f"{shown} means {shown}%; did you mean {_as_percent(value)}%?"
    return None


def _fractions(node: Any, path: tuple[str | int, ...]) -> Iterator[Finding]:
    if isinstance(node, BaseModel):
        for name in type(node).model_fields:
            value = getattr(node, name)
            here = (*path, name)
            if _percent_field(node, name):
                values = value if isinstance(value, tuple) else (value,)
                for i, item in enumerate(values):
                    if isinstance(item, Decimal):
                        message = _check_value(node, name, item)
                        if message is not None:
                            yield ((*here, i) if isinstance(value, tuple) else here), message
                continue
            yield from _fractions(value, here)
    elif isinstance(node, tuple | list):
        for i, item in enumerate(node):
            yield from _fractions(item, (*path, i))
    elif isinstance(node, dict):
        for key, item in node.items():
            yield from _fractions(item, (*path, key))


def _milestones_before_events(base: tuple[str | int, ...], offer: Offer) -> Iterator[Finding]:
    impl = offer.implementation
    if impl is None:
        return
    go_lives = {w.name: w.go_live_month for w in impl.waves}
    last = max(go_lives.values()) if go_lives else impl.go_live_month
    if last is None:
        return
    settle = int(Decimal(impl.stable_operations_days or 0) / DAYS_A_MONTH)
    for i, fee in enumerate(offer.one_time_fees):
        for j, milestone in enumerate(fee.milestones):
            if milestone.gate not in (MilestoneGate.go_live, MilestoneGate.stable_operations):
                continue
            go_live = go_lives.get(milestone.wave, last) if milestone.wave is not None else last
            which = f"wave {milestone.wave!r}" if milestone.wave is not None else ("the last wave" if go_lives else "")
            event = go_live if milestone.gate is MilestoneGate.go_live else go_live + settle
            if milestone.month >= event:
                continue
            subject = f"go-live of {which}" if which else "go-live"
            if milestone.gate is MilestoneGate.go_live:
                what = f"the {subject} (month {event})"
            else:
                days = impl.stable_operations_days or 0
                what = f"{days} days of stable operations after the {subject} (month {event})"
            yield (
                (*base, "one_time_fees", i, "milestones", j, "month"),
                f"the payment falls in month {milestone.month}, before {what}; move it to its event's month",
            )
