"""Figures said aloud in the talk track: the digits follow the deal's locale, the word stays English (the text
around it is English), and the sign comes before the currency symbol."""

from __future__ import annotations

from decimal import Decimal

import pytest

from principal.money import Amount
from principal.present import formatter_for


@pytest.mark.parametrize(
    ("locale", "currency", "number", "said"),
    [
        ("en_US", "USD", "5735602.12", "$5.7 million"),
        ("en_US", "USD", "950000", "$1 million"),  # 0.95 million rounds half-up to one decimal: 1.0
        ("en_US", "USD", "-1500000", "-$1.5 million"),
        ("en_US", "USD", "2345678901", "$2.3 billion"),
        ("de_DE", "EUR", "3475800", "3,5 million €"),
        ("de_DE", "EUR", "12345678", "12,3 million €"),
        ("fr_FR", "EUR", "-1500000", "-1,5 million €"),
        ("en_US", "USD", "47712", "$47,700"),
    ],
)
def test_a_figure_is_said_in_english_with_the_locales_digits(
    locale: str, currency: str, number: str, said: str
) -> None:
    assert formatter_for(currency, locale).spoken(Amount(Decimal(number), currency)) == said
