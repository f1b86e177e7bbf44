"""How figures read in a document: amounts to the cent with thousands separators, percentages, months."""

from __future__ import annotations

from decimal import Decimal

from principal import money_format
from principal.money import Amount


def money(amount: Amount | Decimal | int | None, currency: str) -> str:
    """`$64,800.00`; a currency without a symbol is written after the figure: `64,800.00 CHF`."""
    if isinstance(amount, Amount):  # the strategy engine's figures carry their currency
        amount = amount.number
    return "-" if amount is None else money_format.money(Decimal(amount), currency)


def share(value: float | Decimal | None, digits: int = 1) -> str:
    """A 0-1 share as a percentage: 0.5291 -> 52.9%."""
    return "-" if value is None else f"{float(value) * 100:.{digits}f}%"


def percent(value: Decimal | None) -> str:
    """A figure already in percent: 99.95 -> 99.95%."""
    return "-" if value is None else f"{value.normalize():f}%"


def number(value: Decimal | int, places: int = 0) -> str:
    return f"{Decimal(value):,.{places}f}"


def yes_no(value: bool | None) -> str:
    return "not stated" if value is None else ("yes" if value else "no")
