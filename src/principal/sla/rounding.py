"""How figures are rounded for display and JSON; decisions are always taken on the exact values."""

from __future__ import annotations

from decimal import Decimal

SIX_PLACES = Decimal("0.000001")
MINUTES_PLACES = Decimal("0.0001")


def shown(value: Decimal, places: Decimal = SIX_PLACES) -> Decimal:
    """`value` rounded to `places` without trailing zeros (43.800000 -> 43.8)."""
    return value.quantize(places).normalize() if value else Decimal(0)


def shown_minutes(value: Decimal) -> Decimal:
    return shown(value, MINUTES_PLACES)
