"""The one formatter of figures for people: money in the deal's currency and locale, rates, percentages, counts,
and the engines' statements turned into words.

Every figure is rounded here, once, half-up (money to the currency's minor unit: cents for USD, whole yen for JPY),
then written with the locale's symbols and grouping (babel, CLDR data shipped in its wheel). Engines never format.
"""

from __future__ import annotations

import decimal
import functools
import re
from contextlib import AbstractContextManager
from decimal import Decimal
from typing import TYPE_CHECKING

from principal.locales import check_locale as check_locale
from principal.money import Amount, minor_units, quantize_half_up, round_money
from principal.statements import Count, Percent, Share, Spoken, Statement, UnitPrice, Value, spoken_figure

if TYPE_CHECKING:
    from markupsafe import Markup

DEFAULT_LOCALE = "en_US"
_DECIMAL_PART = re.compile(r"(#[#,]*0|0)(\.[0#]+)?")
Number = Decimal | int | float | str


def _exact(value: Number) -> Decimal:
    return value if isinstance(value, Decimal) else Decimal(str(value))


def _digits_for(number: Decimal) -> AbstractContextManager[decimal.Context]:
    """A decimal context holding every digit of `number` (babel rounds in the current one, 28 digits by default)."""
    digits = len(number.as_tuple().digits) + max(number.adjusted(), 0) + 2 if number.is_finite() else 28
    return decimal.localcontext(prec=max(28, digits))


def _decimals(number: Decimal) -> int:
    """How many decimals a (normalized) figure has: 0.0099 -> 4, 155 -> 0."""
    exponent = number.as_tuple().exponent
    return -exponent if isinstance(exponent, int) and exponent < 0 else 0


@functools.lru_cache(maxsize=64)
def _pattern(locale: str, kind: str, decimals: int, optional: int) -> str:
    """The locale's money or number pattern with exactly `decimals` decimals plus up to `optional` more."""
    from babel import Locale

    loc = Locale.parse(locale)
    base = loc.currency_formats["standard"].pattern if kind == "money" else loc.decimal_formats[None].pattern
    tail = ("." + "0" * decimals + "#" * optional) if decimals or optional else ""

    def one(sub: str) -> str:
        return _DECIMAL_PART.sub(lambda m: m.group(1) + tail, sub, count=1)

    return ";".join(one(sub) for sub in base.split(";"))


class Formatter:
    """Formats figures for one deal: its currency (symbol and decimals) and the reader's locale."""

    def __init__(self, currency: str, locale: str | None = None) -> None:
        self.currency = currency
        self.locale = locale or DEFAULT_LOCALE

    # money ---------------------------------------------------------------------------------------------------
    def money(self, value: Amount | Number | None, *, whole: bool = False, blank: str = "") -> str:
        """An amount to the currency's minor unit (or whole units with `whole`), '-' sign, locale grouping."""
        if value is None or value == "":
            return blank
        from babel.numbers import format_currency

        currency = value.currency if isinstance(value, Amount) else self.currency
        number = value.number if isinstance(value, Amount) else _exact(value)
        decimals = 0 if whole else minor_units(currency)
        rounded = quantize_half_up(number, Decimal(1).scaleb(-decimals))
        if rounded == 0:
            rounded = abs(rounded)  # never '-$0.00'
        pattern = _pattern(self.locale, "money", decimals, 0)
        with _digits_for(rounded):
            return str(format_currency(rounded, currency, format=pattern, locale=self.locale, currency_digits=False))

    def rate(self, value: Amount | Number | None, *, blank: str = "") -> str:
        """A unit price with every significant decimal kept, never fewer than the currency's ($0.0099, $0.25)."""
        if value is None or value == "":
            return blank
        from babel.numbers import format_currency

        currency = value.currency if isinstance(value, Amount) else self.currency
        number = (value.number if isinstance(value, Amount) else _exact(value)).normalize()
        places = max(minor_units(currency), _decimals(number))
        pattern = _pattern(self.locale, "money", places, 0)
        with _digits_for(number):
            return str(format_currency(number, currency, format=pattern, locale=self.locale, currency_digits=False))

    def spoken(self, value: Amount) -> str:
        """An amount as said aloud (`principal.statements.spoken_figure`): '$143', '$47,700', '$5.8 million'."""
        from babel.numbers import format_currency, format_decimal, get_currency_symbol

        figure = spoken_figure(value.number)
        if abs(figure) >= 1_000_000:
            # The text around it is English, so the word is too ("3,5 million €" in de-DE, not "3,5 Millionen €");
            # the digits follow the locale.
            billions = abs(figure) >= 1_000_000_000
            scale, word = (Decimal(1_000_000_000), "billion") if billions else (Decimal(1_000_000), "million")
            tenths = (abs(figure) / scale).quantize(Decimal("0.1"), decimal.ROUND_HALF_UP)
            sign = "-" if figure < 0 else ""
            digits = format_decimal(tenths, format="#,##0.#", locale=self.locale)
            words = f"{digits} {word}"
            symbol = get_currency_symbol(value.currency, locale=self.locale)
            pattern = _pattern(self.locale, "money", 0, 0)
            return f"{sign}{symbol}{words}" if pattern.lstrip("-").startswith("\xa4") else f"{sign}{words} {symbol}"
        decimals = minor_units(value.currency) if figure != figure.to_integral_value() else 0
        pattern = _pattern(self.locale, "money", decimals, 0)
        return str(format_currency(figure, value.currency, format=pattern, locale=self.locale, currency_digits=False))

    def rounded(self, value: Amount | Number) -> Decimal:
        """The exact figure rounded as `money` shows it (for JSON and spreadsheets that carry numbers)."""
        if isinstance(value, Amount):
            return round_money(value.number, value.currency)
        return round_money(_exact(value), self.currency)

    # numbers -------------------------------------------------------------------------------------------------
    def number(self, value: Number | None, places: int | None = None, *, blank: str = "") -> str:
        """A count or volume with the locale's grouping; `places` fixes the decimals, else they are kept as given."""
        if value is None or value == "":
            return blank
        from babel.numbers import format_decimal

        number = _exact(value)
        if places is None:
            number = number.normalize()
            pattern = _pattern(self.locale, "number", _decimals(number), 0)
        else:
            number = quantize_half_up(number, Decimal(1).scaleb(-places))
            pattern = _pattern(self.locale, "number", places, 0)
        with _digits_for(number):
            return str(format_decimal(number, format=pattern, locale=self.locale, decimal_quantization=False))

    def percent(self, value: Number | None, places: int | None = None, *, blank: str = "") -> str:
        """A figure already in percent: 99.95 -> '99.95%', 5 -> '5%'."""
        if value is None or value == "":
            return blank
        return self.number(value, places) + "%"

    def share(self, value: Number | None, digits: int = 1, *, blank: str = "") -> str:
        """A 0-1 share as a percentage: 0.5291 -> '52.9%'."""
        if value is None or value == "":
            return blank
        return self.number(_exact(value) * 100, digits) + "%"

    # statements ----------------------------------------------------------------------------------------------
    def value(self, value: Value) -> str:
        """One typed value of a statement in words."""
        if isinstance(value, Amount):
            return self.money(value)
        if isinstance(value, UnitPrice):
            return self.rate(value.amount)
        if isinstance(value, Spoken):
            return self.spoken(value.amount)
        if isinstance(value, Percent):
            return self.percent(value.value)
        if isinstance(value, Share):
            return self.share(value.value, value.digits)
        if isinstance(value, Count):
            return self.number(value.value)
        if isinstance(value, bool):
            return "yes" if value else "no"
        if isinstance(value, int):
            return self.number(value)
        return str(value)

    def text(self, statement: Statement) -> str:
        """A statement as plain text."""
        return statement.template.format(**{name: self.value(v) for name, v in statement.values})

    def html(self, statement: Statement) -> Markup:
        """A statement as HTML: the template and every value escaped."""
        from markupsafe import Markup, escape

        values = {name: escape(self.value(v)) for name, v in statement.values}
        return Markup(str(escape(statement.template)).format(**values))


def formatter_for(currency: str, locale: str | None = None) -> Formatter:
    """The formatter of a deal: `formatter_for(deal.currency, deal.locale)` (cached per currency and locale)."""
    return _cached_formatter(currency, locale or DEFAULT_LOCALE)


@functools.lru_cache(maxsize=32)
def _cached_formatter(currency: str, locale: str) -> Formatter:
    return Formatter(currency, locale)
