"""Increments people negotiate in: a seat price moves in half or whole units of the currency (or in 2, 5, 10, ...
when the range is wide), an uplift or a cap in whole percents. A grid of odd steps ($143.39) is never offered."""

from __future__ import annotations

from decimal import Decimal

from principal.money import minor_units

STEPS = (Decimal("0.5"), Decimal(1), Decimal(2), Decimal(5))


def negotiable_step(widest: Decimal, currency: str, most: int) -> tuple[Decimal, int]:
    """The smallest negotiable step that spans `widest` in at most `most` steps, and the number of steps.

    Half units only where the currency has minor units (half a dollar, never half a yen); then 1, 2, 5, 10, 20, ...
    """
    scale = Decimal(1)
    while True:
        for step in STEPS:
            size = step * scale
            if minor_units(currency) == 0 and size < 1:
                continue
            if widest <= size * most:
                return size, int(widest // size)
        scale *= 10
