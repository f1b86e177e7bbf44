"""Numbers typed into a form, read the way the deal's locale writes them, exactly, or refused with a reason.

`0,012` in a de_DE deal is twelve thousandths; in an en_US deal it is refused (a comma there groups thousands, and
`0,012` is no grouping), never read as 12. Grouping is accepted only where it is well formed (`1,080` or `1.080`),
so a separator in the wrong place is a question to the user, not a guess.
"""

from __future__ import annotations

import re
from decimal import Decimal, InvalidOperation

from babel import Locale, UnknownLocaleError
from babel.numbers import get_decimal_symbol, get_group_symbol

from principal.errors import PrincipalError

DEFAULT_LOCALE = "en_US"
SPACES = ("\u00a0", "\u202f", " ")
MAX_INTEGER_DIGITS = 15
MAX_FRACTION_DIGITS = 10


class NumberNotRead(PrincipalError):
    """The text is not a number as the locale writes them; the message says what to type instead."""


def symbols(locale: str | None) -> tuple[str, str]:
    """The decimal and grouping symbols of a locale (en_US's when the locale is unknown)."""
    name = locale or DEFAULT_LOCALE
    try:
        Locale.parse(name)
    except (UnknownLocaleError, ValueError):
        name = DEFAULT_LOCALE
    decimal = get_decimal_symbol(name)
    group = get_group_symbol(name)
    if group in SPACES:
        group = " "
    return decimal, group


def _grouped(digits: str, group: str) -> str | None:
    """`1,080` -> `1080` when the groups are well formed (1 to 3 digits, then threes), else None."""
    parts = digits.split(group)
    first, rest = parts[0], parts[1:]
    if not first.isdigit() or len(first) > 3 or (first.startswith("0") and rest):
        return None
    if any(len(part) != 3 or not part.isdigit() for part in rest):
        return None
    return "".join(parts)


def _suggestion(text: str, decimal: str) -> str:
    """The same digits with the other separator as the decimal one, for `did you mean`."""
    other = "," if decimal == "." else "."
    if text.count(other) == 1 and decimal not in text:
        return text.replace(other, decimal)
    return ""


def parse_number(raw: str, locale: str | None, *, percent: bool = False) -> Decimal:
    """The exact number `raw` writes in `locale`; raises NumberNotRead with what to type instead."""
    decimal, group = symbols(locale)
    name = locale or DEFAULT_LOCALE
    text = raw.strip()
    for space in SPACES:
        text = text.replace(space, " ")
    if percent:
        text = text.removesuffix("%").strip()
    if group != " ":
        text = text.replace(" ", "")
    sign = ""
    if text[:1] in "+-":
        sign, text = ("-" if text[0] == "-" else ""), text[1:].lstrip()
    if not text:
        raise NumberNotRead("enter a number")
    if re.fullmatch(r"[0-9.,]+[eE][+-]?[0-9]+", text):
        raise NumberNotRead(f"write the number in full, without an exponent (got {raw.strip()[:40]!r})")
    if not re.fullmatch(r"[0-9.,' ]+", text):
        raise NumberNotRead(f"must be a number such as {_example(decimal)} (got {raw.strip()[:40]!r})")
    whole, _, fraction = text.partition(decimal)
    if decimal in fraction or (group in fraction and group != decimal):
        raise NumberNotRead(_misread(raw, name, decimal, group))
    if group and group in whole:
        grouped = _grouped(whole, group)
        if grouped is None:
            raise NumberNotRead(_misread(raw, name, decimal, group))
        whole = grouped
    if not whole:
        whole = "0"
    if not whole.isdigit() or (fraction and not fraction.isdigit()):
        raise NumberNotRead(_misread(raw, name, decimal, group))
    if len(whole.lstrip("0")) > MAX_INTEGER_DIGITS or len(fraction) > MAX_FRACTION_DIGITS:
        raise NumberNotRead(
            f"at most {MAX_INTEGER_DIGITS} digits before and {MAX_FRACTION_DIGITS} after the decimal separator"
        )
    try:
        return Decimal(f"{sign}{whole}.{fraction}" if fraction else f"{sign}{whole}")
    except InvalidOperation:  # pragma: no cover - the text was checked above
        raise NumberNotRead(f"must be a number (got {raw.strip()[:40]!r})") from None


def _example(decimal: str) -> str:
    return f"1080 or 0{decimal}012"


def _misread(raw: str, locale: str, decimal: str, group: str) -> str:
    shown = raw.strip()[:40]
    group_name = "a space" if group == " " else f"'{group}'"
    guess = _suggestion(shown, decimal)
    hint = f"; did you mean {guess}?" if guess else ""
    return (
        f"{shown!r} is not a number as {locale} writes them: the decimal separator is '{decimal}' and "
        f"{group_name} groups thousands (1{group}080){hint}"
    )


def show_number(value: object, locale: str | None) -> str:
    """A stored number as the form shows it: its own digits, the locale's decimal separator, no grouping."""
    if value is None or value == "":
        return ""
    if isinstance(value, bool):
        return str(value).lower()
    if isinstance(value, int):
        return str(value)
    try:
        number = Decimal(str(value))
    except InvalidOperation:
        return str(value)
    text = format(number, "f")
    decimal, _ = symbols(locale)
    return text.replace(".", decimal)
