"""Numbers typed into forms are read the way the deal's locale writes them, exactly, or refused with a reason."""

from __future__ import annotations

from decimal import Decimal

import pytest

from principal.web.builder.numbers import NumberNotRead, parse_number, show_number


@pytest.mark.parametrize(
    ("typed", "locale", "read"),
    [
        ("0,012", "de_DE", "0.012"),
        ("1.080", "de_DE", "1080"),
        ("1.080,5", "de_DE", "1080.5"),
        ("0.012", "en_US", "0.012"),
        ("1,080", "en_US", "1080"),
        ("1,140.50", "en_US", "1140.50"),
        ("1 080,5", "fr_FR", "1080.5"),
        ("1\u202f080,5", "fr_FR", "1080.5"),
        ("-3.5", "en_US", "-3.5"),
        (".5", None, "0.5"),
    ],
)
def test_numbers_are_read_as_the_locale_writes_them(typed: str, locale: str | None, read: str) -> None:
    assert parse_number(typed, locale) == Decimal(read)
    assert str(parse_number(typed, locale)) == read


@pytest.mark.parametrize(
    ("typed", "locale", "message"),
    [
        (
            "0,012",
            "en_US",
            "'0,012' is not a number as en_US writes them: the decimal separator is '.' and ',' groups thousands "
            "(1,080); did you mean 0.012?",
        ),
        (
            "0.012",
            "de_DE",
            "'0.012' is not a number as de_DE writes them: the decimal separator is ',' and '.' groups thousands "
            "(1.080); did you mean 0,012?",
        ),
        ("12,5", None, "did you mean 12.5?"),
        ("1e3", "en_US", "write the number in full, without an exponent (got '1e3')"),
        ("twelve", "en_US", "must be a number such as 1080 or 0.012 (got 'twelve')"),
        ("1.2.3", "en_US", "'1.2.3' is not a number as en_US writes them"),
    ],
)
def test_a_misplaced_separator_is_refused_never_multiplied(typed: str, locale: str | None, message: str) -> None:
    with pytest.raises(NumberNotRead) as caught:
        parse_number(typed, locale)
    assert message in str(caught.value)


def test_a_percent_sign_is_allowed_where_a_percentage_is_read() -> None:
    assert parse_number("2,5 %", "de_DE", percent=True) == Decimal("2.5")
    with pytest.raises(NumberNotRead):
        parse_number("2.5%", "en_US")


def test_stored_numbers_are_shown_with_the_locale_decimal_separator_and_no_grouping() -> None:
    assert show_number(Decimal("0.0120"), "de_DE") == "0,0120"
    assert show_number(Decimal("1080.5"), "en_US") == "1080.5"
    assert show_number(4000000, "de_DE") == "4000000"
    assert show_number(None, "de_DE") == ""
