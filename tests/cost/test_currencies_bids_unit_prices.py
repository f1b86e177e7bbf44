"""Hand models of offers in another currency (conversion, FX sensitivity), competing bids and all-in unit prices.

The small deal: 10 agents; 10 seats at 100 a month and 100,000 voice minutes at 0.01, 12 months: 24,000.
"""

from __future__ import annotations

import json
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest

from principal.cost import compare, schedule, simulate
from principal.cost.order_terms import order_terms
from principal.errors import InputError
from principal.model import Deal
from tests.builders import build_deal, deal_text, offer_data
from tests.clirunner import run

RATE = Decimal("1.08")


def eur_deal(extra: dict[str, Any] | None = None) -> Deal:
    return build_deal(
        {
            "fx_rates": {"EUR": "1.08"},
            "offers": {"only": None, "usd": offer_data(), "eur": offer_data({"currency": "EUR", **(extra or {})})},
        }
    )


def test_an_offer_in_euros_is_converted_line_by_line_at_the_deals_rate() -> None:
    d = eur_deal()
    s = schedule(d, "eur")
    assert s.currency == "USD"
    assert s.total == Decimal(24000) * RATE  # 25,920.00
    licence = s.lines[0]
    assert licence.amount == 10 * Decimal(100) * RATE
    assert licence.unit_price == Decimal(100) * RATE
    assert licence.formula == "10 seats x 100; x 1.08 USD per EUR"


def test_fx_sensitivity_moves_the_term_cost_10_percent_either_way() -> None:
    d = eur_deal()
    fx = order_terms(d, schedule(d, "eur")).fx
    assert fx is not None and fx.currency == "EUR" and fx.rate == RATE
    assert fx.term_cost_rate_down == Decimal(24000) * RATE * Decimal("0.9")  # 23,328.00
    assert fx.term_cost_rate_up == Decimal(24000) * RATE * Decimal("1.1")  # 28,512.00
    assert order_terms(d, schedule(d, "usd")).fx is None


def test_simulation_converts_usage_and_surcharges() -> None:
    fee = {"name": "regulatory recovery fee", "percent": 12, "applies_to": ["usage"]}
    d = eur_deal({"surcharges": [fee]})
    expected = (Decimal(24000) + 12 * Decimal(1000) * 12 / 100) * RATE  # (24,000 + 1,440) x 1.08
    assert schedule(d, "eur").total == expected
    assert abs(simulate(d, "eur", draws=10).term.mean - float(expected)) < 1e-6


def test_levers_are_not_split_across_currencies() -> None:
    d = eur_deal()
    versus = compare(d, baseline="usd").versus_baseline[0]
    assert [lv.lever for lv in versus.levers] == ["currency"]
    assert versus.saving == Decimal(24000) - Decimal(24000) * RATE  # -1,920.00


def test_a_currency_without_a_rate_is_a_located_error() -> None:
    text = deal_text({"offers": {"only": offer_data({"currency": "EUR"})}})
    with pytest.raises(InputError) as caught:
        from principal.loader import parse_deal

        parse_deal(text, "deal.json")
    (problem,) = caught.value.problems
    assert problem.field == "offers.only.currency"
    assert problem.message == "no exchange rate for EUR: add fx_rates: {EUR: RATE} (USD per EUR) to the deal"
    assert problem.line == text.splitlines().index('      "currency": "EUR"') + 1


def test_each_vendors_best_offer_is_the_others_alternative() -> None:
    d = build_deal(
        {
            "vendor": "Acme",
            "offers": {
                "only": None,
                "a1": offer_data(),
                "a2": offer_data({"licenses": [{"name": "agent", "quantity": 10, "unit_price": 90}]}),
                "b1": offer_data({"vendor": "Birch", "version": "v2", "term_months": 12}),
                "b2": offer_data(
                    {"vendor": "Birch", "licenses": [{"name": "agent", "quantity": 10, "unit_price": 95}]}
                ),
            },
        }
    )
    bids = {b.vendor: b for b in compare(d).bids}
    acme, birch = bids["Acme"], bids["Birch"]
    # a2: 12 x (900 + 1,000) = 22,800; b2: 12 x (950 + 1,000) = 23,400.
    assert (acme.best_offer, acme.best_cost) == ("a2", Decimal(22800))
    assert (acme.alternative_vendor, acme.alternative_offer, acme.gap) == ("Birch", "b2", Decimal(600))
    assert (birch.best_offer, birch.alternative_offer, birch.gap) == ("b2", "a2", Decimal(-600))
    assert acme.offers == ("a1", "a2") and birch.offers == ("b1", "b2")
    terms = order_terms(d, schedule(d, "b1"))
    assert (terms.vendor, terms.version) == ("Birch", "v2")


def test_all_in_unit_prices() -> None:
    d = build_deal(
        {
            "offers": {
                "only": offer_data(
                    {"licenses": [{"name": "agent", "quantity": 10, "unit_price": 100, "list_price": 125}]}
                )
            }
        }
    )
    up = order_terms(d, schedule(d, "only")).unit_prices
    assert up.per_agent_month == Decimal(24000) / 10 / 12  # 200.00
    assert up.percent_off_list == (1 - Decimal(12000) / Decimal(15000)) * 100  # 20%
    assert up.variable_share == Decimal(12000) / Decimal(24000)
    assert up.fixed_share == 1 - Decimal(12000) / Decimal(24000)
    unknown = order_terms(build_deal(), schedule(build_deal(), "only")).unit_prices
    assert unknown.percent_off_list is None  # no list price: unknown, not 0%


def test_cost_and_compare_show_the_order_form_terms(tmp_path: Path) -> None:
    deal = tmp_path / "deal.json"
    renewal = {"auto_renews": True, "notice_days": 90, "price": "capped", "uplift_cap_percent": 5}
    deal.write_text(
        deal_text(
            {
                "start": "2027-01-01",
                "fx_rates": {"EUR": "1.08"},
                "buyer": {"discount_rate_percent": 8},
                "offers": {
                    "only": offer_data({"exit": {"renewal": renewal}}),
                    "eur": offer_data({"currency": "EUR", "vendor": "Other"}),
                },
            }
        )
    )
    out = run("cost", str(deal), "-o", "only")
    assert out.exit_code == 0, out.stderr
    assert "All-in: $200.00 per agent per month (the contract alone)" in out.stdout
    assert (
        "Renewal: automatic yes, notice by 2027-10-03; first renewal year at the capped price $25,200.00" in out.stdout
    )
    assert "NPV at 8% a year: $" in out.stdout
    shown = run("compare", str(deal))
    assert "FX ±10%" in shown.stdout
    assert "Other: best offer eur at $25,920.00, $1,920.00 above the best other bid (only of" in shown.stdout
    payload = json.loads(run("compare", str(deal), "--json").stdout)["result"]
    assert payload["terms"]["eur"]["fx"]["term_cost_rate_up"] == "28512.00"
    assert payload["bids"][1]["gap"] == "-1920.00"
