"""How figures are rounded for display and JSON; decisions are always taken on the exact values."""

from __future__ import annotations

from decimal import ROUND_HALF_EVEN, Context, Decimal

from principal.money import quantize_to

SIX_PLACES = Decimal("0.000001")
MINUTES_PLACES = Decimal("0.0001")


def shown(value: Decimal, places: Decimal = SIX_PLACES) -> Decimal:
    """`value` rounded to `places` without trailing zeros (43.800000 -> 43.8)."""
    if not value:
        return Decimal(0)
    rounded = quantize_to(value, places, rounding=ROUND_HALF_EVEN)
    return rounded.normalize(Context(prec=max(28, len(rounded.as_tuple().digits))))


def shown_minutes(value: Decimal) -> Decimal:
    return shown(value, MINUTES_PLACES)
