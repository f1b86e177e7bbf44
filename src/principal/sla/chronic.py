"""Chronic-failure rules: k qualifying windows within any rolling run of n windows gives the buyer a right."""

from __future__ import annotations

from collections.abc import Sequence

from principal.model.sla import ChronicRule
from principal.money import Amount
from principal.statements import Statement, Value, say


def first_trigger(qualifying: Sequence[bool], rule: ChronicRule) -> int | None:
    """0-based index of the first window that completes `count` qualifying windows within `within`; else None.

    Misses in months 1, 4 and 6 with k=3, n=6 trigger at month 6; misses in 1, 4 and 8 never do.
    """
    for index in range(len(qualifying)):
        first = max(0, index - rule.within + 1)
        if qualifying[index] and sum(1 for q in qualifying[first : index + 1] if q) >= rule.count:
            return index
    return None


def describe(rule: ChronicRule, currency: str) -> Statement:
    """The rule in words: '3 missed windows (voice_routing) within any 6 windows: terminate_affected, no exit fee'."""
    what = "missed windows" if rule.kind.value == "misses" else "windows at maximum credits"
    watched = ", ".join(rule.components) if rule.components else "any component"
    head = "{count} {what} ({watched}) within any {within} windows: {remedy}"
    values: dict[str, Value] = {
        "count": rule.count,
        "what": what,
        "watched": watched,
        "within": rule.within,
        "remedy": rule.remedy.value,
    }
    if rule.termination_fee:
        return say(head + ", exit fee {fee}", **values, fee=Amount(rule.termination_fee, currency))
    return say(head + ", no exit fee", **values)
