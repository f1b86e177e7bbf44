"""Amounts and percentages as they appear in drafted text: '$56,000.00', '99.95%', '2,000,000'."""

from __future__ import annotations

from decimal import Decimal

from principal.model.common import to_cents

SYMBOLS = {"USD": "$", "EUR": "€", "GBP": "£"}


def amount(value: Decimal, currency: str = "USD") -> str:
    """An amount to the cent with the currency's symbol, or its code after the number."""
    cents = to_cents(value)
    sign = "-" if cents < 0 else ""
    symbol = SYMBOLS.get(currency)
    text = f"{abs(cents):,.2f}"
    return f"{sign}{symbol}{text}" if symbol else f"{sign}{text} {currency}"


def rate(value: Decimal, currency: str = "USD") -> str:
    """A unit price with every significant decimal kept ($0.0099, not $0.01)."""
    text = format(value.normalize(), "f")
    if "." in text and len(text.split(".")[1]) < 2:
        text = f"{value:.2f}"
    symbol = SYMBOLS.get(currency)
    return f"{symbol}{text}" if symbol else f"{text} {currency}"


def number(value: Decimal | int) -> str:
    """A count with thousands separators and no trailing zeros (2,000,000; 1.5)."""
    dec = Decimal(value).normalize()
    if dec == dec.to_integral_value():
        return f"{int(dec):,}"
    return f"{dec:,f}"


def percent(value: Decimal) -> str:
    """A percentage as written in a contract: 99.95%, 5%."""
    return f"{format(value.normalize(), 'f')}%"
