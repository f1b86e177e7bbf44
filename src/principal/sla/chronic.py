"""Chronic-failure rules: k qualifying windows within any rolling run of n windows gives the buyer a right."""

from __future__ import annotations

from collections.abc import Sequence

from principal.model.sla import ChronicRule


def first_trigger(qualifying: Sequence[bool], rule: ChronicRule) -> int | None:
    """0-based index of the first window that completes `count` qualifying windows within `within`; else None.

    Misses in months 1, 4 and 6 with k=3, n=6 trigger at month 6; misses in 1, 4 and 8 never do.
    """
    for index in range(len(qualifying)):
        first = max(0, index - rule.within + 1)
        if qualifying[index] and sum(1 for q in qualifying[first : index + 1] if q) >= rule.count:
            return index
    return None


def describe(rule: ChronicRule) -> str:
    what = "missed windows" if rule.kind.value == "misses" else "windows at maximum credits"
    watched = ", ".join(rule.components) if rule.components else "any component"
    fee = f", exit fee {rule.termination_fee}" if rule.termination_fee else ", no exit fee"
    return f"{rule.count} {what} ({watched}) within any {rule.within} windows: {rule.remedy.value}{fee}"
