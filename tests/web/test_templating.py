"""Templates fail loudly on a missing key, and the money and share filters write figures through the one formatter
in the deal's currency and locale (or the ones a template names)."""

from __future__ import annotations

from types import SimpleNamespace

import pytest
from jinja2.exceptions import UndefinedError

from principal.web.templating import templates
from tests.builders import build_deal


def render(source: str, **context: object) -> str:
    return templates.env.from_string(source).render(**context)


def test_a_missing_key_is_an_error_not_empty_text() -> None:
    with pytest.raises(UndefinedError, match="'nope' is undefined"):
        render("total: {{ nope }}")
    with pytest.raises(UndefinedError, match="has no attribute 'totl'"):
        render("total: {{ report.totl }}", report={"total": 1})
    assert render("{{ nope | default('unknown') }}") == "unknown"


def test_money_in_the_currency_given() -> None:
    assert render("{{ x|money('USD') }}", x="1234.565") == "$1,234.57"  # half-up, once, when shown
    assert render("{{ x|money('USD', false) }}", x="1234.5") == "$1,235"
    assert render("{{ x|money('JPY') }}", x="1234.5") == "¥1,235"  # yen have no minor unit
    assert render("{{ x|money('EUR', locale='de_DE') }}", x="1234.5") == "1.234,50\xa0€"
    assert render("{{ x|money('EUR') }}", x=None) == ""


def test_money_and_shares_default_to_the_viewed_deal() -> None:
    ws = SimpleNamespace(deal=build_deal({"currency": "EUR", "locale": "de_DE"}))
    assert render("{{ x|money }}", x="1234.5", ws=ws) == "1.234,50\xa0€"
    assert render("{{ x|money('USD') }}", x="1234.5", ws=ws) == "1.234,50\xa0$"  # the deal's locale still applies
    assert render("{{ x|money('USD', locale='en_US') }}", x="1234.5", ws=ws) == "$1,234.50"
    assert render("{{ x|share }}", x="0.5291", ws=ws) == "52,9%"
    assert render("{{ x|share(0) }}", x="0.5291") == "53%"


def test_money_without_a_currency_or_a_deal_is_an_error() -> None:
    with pytest.raises(ValueError, match="needs a currency"):
        render("{{ x|money }}", x="1")
