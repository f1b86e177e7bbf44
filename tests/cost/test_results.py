"""The cost engine's typed results: amounts kept exact in the deal's currency, rounded once by the JSON encoder to
the currency's minor unit; and the formulas the engine records rounded the same way."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

from principal.cost import Category, schedule
from principal.cost.compare import compare
from principal.cost.report import cost_report
from principal.cost.results import comparison_result, cost_result
from principal.json_encoding import to_jsonable
from principal.loader import load_deal, parse_deal
from principal.money import Amount
from principal.statements import UnitPrice
from tests.cost.currency_deals import deal_in


def test_amounts_stay_exact_and_are_rounded_once_when_encoded(tmp_path: Path) -> None:
    deal = load_deal(deal_in("JPY", tmp_path))
    result = cost_result(cost_report(deal, ["original"]), lines=True)
    assert result.currency == "JPY"
    offer = result.offers[0]
    # 450 seats x 155 x 12 x (1 + 1.05 + 1.05^2): exact in the result, whole yen in JSON.
    assert offer.by_category["licenses"] == Amount(Decimal("2638642.50"), "JPY")
    assert to_jsonable(offer.by_category["licenses"]) == "2638643"
    assert offer.lines is not None
    first = offer.lines[0]
    assert first.unit_price == UnitPrice(Amount(Decimal(155), "JPY"))
    encoded = to_jsonable(result)
    assert encoded["offers"][0]["years"][2]["total"] == "2116793"  # 2,116,792.50
    assert encoded["offers"][0]["lines"][0]["amount"] == "69750"


def test_every_amount_of_a_comparison_is_in_the_deals_currency(tmp_path: Path) -> None:
    deal = load_deal(deal_in("EUR", tmp_path, locale="de_DE"))
    result = comparison_result(compare(deal))
    found: list[Amount] = []

    def collect(value: object) -> None:
        if isinstance(value, Amount):
            found.append(value)
        elif isinstance(value, dict):
            for v in value.values():
                collect(v)
        elif isinstance(value, list | tuple):
            for v in value:
                collect(v)
        elif hasattr(value, "__dataclass_fields__"):
            for name in value.__dataclass_fields__:
                collect(getattr(value, name))

    collect(result)
    assert len(found) > 100
    assert {a.currency for a in found} == {"EUR"}
    assert result.currency == "EUR"


MINIMUM = """
name: minimum in {currency}
currency: {currency}
buyer:
  agents: 10
  forecasts:
    voice: {{unit: minute, expected: 86000}}
offers:
  a:
    term_months: 1
    usage:
      - name: voice
        forecast: voice
        rate_card: {{kind: flat, rate: 0.010005}}
        minimum: {{amount: 1000, period: month}}
"""


def test_the_minimum_commitment_formula_rounds_to_the_currency() -> None:
    # 86,000 minutes x 0.010005 = 860.43; the minimum bills 1,000 - 860.43 = 139.57.
    for currency, text in (
        ("USD", "minimum 1000.00 per month less usage 860.43"),
        ("JPY", "minimum 1000 per month less usage 860"),
    ):
        s = schedule(parse_deal(MINIMUM.format(currency=currency)), "a")
        line = next(ln for ln in s.lines if ln.category is Category.usage_minimum)
        assert line.formula == text
        assert line.amount == Decimal("139.570000")
