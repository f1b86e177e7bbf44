"""Credit arithmetic: the tier a miss earns, escalation for repeats, caps and the minimum credit.

- Uptime tiers apply only to a miss (availability below the component's own target); among the rungs whose
  `below` the availability falls under, the lowest rung sets the percent.
- Duration tiers apply to each counted outage: the longest `min_minutes` rung it reaches sets its percent;
  a window's percent is the sum over its outages.
- Escalation: `repeats` = misses of the same component in the `repeat_within - 1` windows before this one;
  percent = (tier percent + repeats x add_percent) x multiplier ** repeats.
- Caps: `cap_percent` of the window's fee base (per component when the base is the component's fees, else for
  the window's total); with no cap, credits never exceed 100% of the base. A window total below
  `minimum_credit` is not paid.
"""

from __future__ import annotations

from collections.abc import Sequence
from decimal import Decimal

from principal.model.sla import CreditBasis, Credits, Escalation

HUNDRED = Decimal(100)


def uptime_tier_percent(credits: Credits, availability: Decimal) -> Decimal:
    """Percent of the lowest rung whose `below` the availability falls under; 0 when none does."""
    matching = [t for t in credits.tiers if t.below is not None and availability < t.below]
    if not matching:
        return Decimal(0)
    return min(matching, key=lambda t: t.below or HUNDRED).percent


def duration_tier_percent(credits: Credits, minutes: Decimal) -> Decimal:
    """Percent for one outage of `minutes`: the rung with the largest `min_minutes` it reaches; 0 when none."""
    reached = [t for t in credits.tiers if t.min_minutes is not None and minutes >= t.min_minutes]
    if not reached:
        return Decimal(0)
    return max(reached, key=lambda t: t.min_minutes or Decimal(0)).percent


def repeats_before(misses: Sequence[bool], index: int, escalation: Escalation | None) -> int:
    """Misses in the `repeat_within - 1` windows before window `index` (0-based); 0 without escalation."""
    if escalation is None:
        return 0
    first = max(0, index - escalation.repeat_within + 1)
    return sum(1 for was_missed in misses[first:index] if was_missed)


def escalated_percent(percent: Decimal, repeats: int, escalation: Escalation | None) -> Decimal:
    if escalation is None or repeats == 0 or percent == 0:
        return percent
    return (percent + escalation.add_percent * repeats) * escalation.multiplier**repeats


def top_tier_percent(credits: Credits) -> Decimal:
    return max((t.percent for t in credits.tiers), default=Decimal(0))


def ceiling_percent(credits: Credits) -> Decimal:
    """The most a window can pay, in % of its base: the cap, else 100%."""
    return credits.cap_percent if credits.cap_percent is not None else HUNDRED


def is_uptime_basis(credits: Credits) -> bool:
    return credits.basis is CreditBasis.uptime
