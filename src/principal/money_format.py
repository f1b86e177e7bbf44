"""Deprecated shim: callers move to `principal.present.Formatter`; this module is deleted once none is left."""

from __future__ import annotations

from decimal import Decimal

from principal.present import formatter_for


def money(amount: Decimal | float, currency: str = "USD", *, cents: bool = True) -> str:
    return formatter_for(currency).money(amount, whole=not cents)


def percent(share: float | Decimal, digits: int = 1) -> str:
    return formatter_for("USD").share(share, digits)
