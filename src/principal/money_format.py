"""Formatting of amounts for people (CLI, web pages, reports): cents, thousands separators, the deal's currency.

Presentation only: it rounds a figure for display and computes nothing else.
"""

from __future__ import annotations

from decimal import Decimal

from principal.model.common import to_cents

SYMBOLS = {"USD": "$", "EUR": "€", "GBP": "£"}


def money(amount: Decimal | float, currency: str = "USD", *, cents: bool = True) -> str:
    value = to_cents(Decimal(str(amount))) if not isinstance(amount, Decimal) else to_cents(amount)
    sign = "-" if value < 0 else ""
    symbol = SYMBOLS.get(currency, "")
    text = f"{abs(value):,.2f}" if cents else f"{abs(value):,.0f}"
    return f"{sign}{symbol}{text}" if symbol else f"{sign}{text} {currency}"


def percent(share: float | Decimal, digits: int = 1) -> str:
    return f"{float(share) * 100:.{digits}f}%"
