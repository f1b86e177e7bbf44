from decimal import Decimal

from principal.review.extract.numbers import find_durations, find_money, find_percents, in_days, words_to_int


def test_money_with_codes_symbols_and_scales() -> None:
    text = "USD 0.012 per minute, $155.00 per user, 280,000 USD, EUR 0.0125 and $1.5 million"
    found = [(q.value, q.unit, text[q.start : q.end]) for q in find_money(text)]
    assert found == [
        (Decimal("0.012"), "USD", "USD 0.012"),
        (Decimal("155.00"), "USD", "$155.00"),
        (Decimal("280000"), "USD", "280,000 USD"),
        (Decimal("0.0125"), "EUR", "EUR 0.0125"),
        (Decimal("1500000"), "USD", "$1.5 million"),
    ]


def test_percent_in_words_and_digits_counted_once() -> None:
    text = "by five percent (5%) a year, capped at ten percent (10%); 99.9% uptime; fifteen percent"
    assert [(q.value, text[q.start : q.end]) for q in find_percents(text)] == [
        (Decimal(5), "five percent (5%)"),
        (Decimal(10), "ten percent (10%)"),
        (Decimal("99.9"), "99.9%"),
        (Decimal(15), "fifteen percent"),
    ]


def test_durations_prefer_the_digits_in_brackets() -> None:
    text = "thirty-six (36) months, ninety (90) days, forty-eight (48) hours, 5 business days, one year"
    found = [(q.value, q.unit) for q in find_durations(text)]
    assert found == [
        (Decimal(36), "month"),
        (Decimal(90), "day"),
        (Decimal(48), "hour"),
        (Decimal(5), "business_day"),
        (Decimal(1), "year"),
    ]
    assert in_days(find_durations("48 hours")[0]) == Decimal(2)


def test_number_words() -> None:
    assert words_to_int("thirty-six") == 36
    assert words_to_int("one hundred and twenty") == 120
    assert words_to_int("several") is None
