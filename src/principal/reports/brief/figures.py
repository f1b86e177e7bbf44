"""How figures read in a document, written by the one formatter (`principal.present`): amounts in the deal's
currency with its decimals (cents for USD and EUR, none for JPY) and the deal's locale, percentages, counts.

A section with the brief's content at hand uses its formatter (`BriefContent.fmt`); these functions are for
callers that hold only the currency (and, best, the locale)."""

from __future__ import annotations

from decimal import Decimal

from principal.money import Amount
from principal.present import formatter_for

_ANY_CURRENCY = "USD"
"""Shares, percentages and counts carry no currency; the formatter of any one writes them the same way."""


def money(amount: Amount | Decimal | int | None, currency: str, locale: str | None = None) -> str:
    """`$64,800.00` (en_US), `64.800,00 €` (EUR in de_DE), `¥64,800` (JPY); '-' for no figure."""
    return "-" if amount is None else formatter_for(currency, locale).money(amount)


def share(value: float | Decimal | None, digits: int = 1, locale: str | None = None) -> str:
    """A 0-1 share as a percentage: 0.5291 -> 52.9%."""
    return "-" if value is None else formatter_for(_ANY_CURRENCY, locale).share(value, digits)


def percent(value: Decimal | None, locale: str | None = None) -> str:
    """A figure already in percent: 99.95 -> 99.95%."""
    return "-" if value is None else formatter_for(_ANY_CURRENCY, locale).percent(value)


def number(value: Decimal | int, places: int = 0, locale: str | None = None) -> str:
    return formatter_for(_ANY_CURRENCY, locale).number(value, places)


def yes_no(value: bool | None) -> str:
    return "not stated" if value is None else ("yes" if value else "no")
