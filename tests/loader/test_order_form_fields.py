"""Every order-form field: in the JSON Schema, load -> dump -> load round trip, and percent descriptions that say
what a number means (110 means 110%)."""

from __future__ import annotations

from typing import Any

from principal.loader import dump_deal, parse_deal
from principal.model import Deal
from principal.model.pricing import UsageCap
from tests.builders import build_deal, offer_data

EVERY_TERM: dict[str, Any] = {
    "currency": "EUR",
    "vendor": "Birch",
    "version": "v3",
    "licenses": [
        {
            "name": "agent",
            "quantity": 10,
            "unit_price": 100,
            "list_price": 125,
            "ramp": [{"from_month": 5, "quantity": 12}],
            "price_steps": [{"from_month": 7, "unit_price": "110.5"}],
            "free_months": [1, 2],
            "true_up": {"frequency": "quarter", "price": "list", "basis": "average"},
        }
    ],
    "usage": [
        {
            "name": "voice",
            "forecast": "voice",
            "rate_card": {"kind": "flat", "rate": "0.0125"},
            "minimum": {
                "amount": 6000,
                "period": "year",
                "from_month": 2,
                "ramp": [{"from_month": 7, "amount": 9000}],
                "prorate": False,
            },
            "commitment": {
                "quantity": 90000,
                "period": "year",
                "overage_percent": 150,
                "take_or_pay": False,
                "from_month": 3,
                "prorate": True,
            },
        }
    ],
    "surcharges": [
        {"name": "recovery", "percent": 12, "applies_to": ["usage"], "meters": ["voice"]},
        {"name": "vat", "kind": "tax", "percent": 20, "applies_to": ["licenses", "usage"], "on_surcharges": True},
        {"name": "per minute", "per_unit": {"meter": "voice", "amount": "0.001"}},
        {"name": "per seat", "per_unit": {"license": "agent", "amount": 2}},
        {"name": "compliance", "monthly": 75, "from_month": 2},
    ],
    "credits": [{"name": "signing credit", "amount": 500, "month": 1}],
    "billing": {"frequency": "annual", "timing": "advance", "payment_days": 45},
    "exit": {
        "termination_for_convenience": True,
        "termination_fee_percent_of_remaining": 25,
        "termination_fee": 1000,
        "liability_cap_months_of_fees": 12,
        "liability_cap_amount": 50000,
        "liability_cap_combination": "lesser",
        "renewal": {
            "auto_renews": True,
            "renewal_term_months": 12,
            "notice_days": 90,
            "uplift_cap_percent": 4,
            "price": "capped",
        },
    },
}


def every_term_deal() -> Deal:
    return build_deal(
        {
            "fx_rates": {"EUR": "1.0825"},
            "buyer": {"discount_rate_percent": "7.5"},
            "offers": {"only": offer_data(EVERY_TERM), "usd": offer_data()},
        }
    )


def test_every_order_form_term_round_trips() -> None:
    deal = every_term_deal()
    text = dump_deal(deal)
    assert parse_deal(text, "dumped.yaml") == deal
    for key in ("fx_rates", "discount_rate_percent", "price_steps", "true_up", "commitment", "on_surcharges"):
        assert key in text


def test_every_order_form_field_is_in_the_json_schema() -> None:
    defs = Deal.model_json_schema()["$defs"]
    wanted = {
        "Offer": {"currency", "vendor", "version", "surcharges", "credits", "billing"},
        "Buyer": {"discount_rate_percent"},
        "License": {"price_steps", "free_months", "true_up"},
        "UsageMeter": {"commitment"},
        "MeterMinimum": {"from_month", "ramp", "prorate"},
        "Commitment": {"quantity", "period", "overage_percent", "take_or_pay", "from_month", "prorate"},
        "Surcharge": {"name", "kind", "percent", "applies_to", "meters", "on_surcharges", "per_unit", "monthly"},
        "Billing": {"frequency", "timing", "payment_days"},
        "Renewal": {"price"},
        "Exit": {"termination_fee", "liability_cap_amount", "liability_cap_combination"},
        "TrueUp": {"frequency", "price", "basis"},
    }
    for record, fields in wanted.items():
        properties = defs[record]["properties"]
        assert fields <= set(properties), f"{record} lacks {fields - set(properties)}"
        for name in fields:
            assert properties[name].get("description"), f"{record}.{name} has no description"
    assert "fx_rates" in Deal.model_json_schema()["properties"]


def test_percent_descriptions_say_what_a_number_means() -> None:
    cap = UsageCap.model_fields["percent_of_forecast"].description or ""
    assert "110 means 110%" in cap and "1.1 would mean" in cap
    defs = Deal.model_json_schema()["$defs"]
    assert "150 means 150%" in defs["Commitment"]["properties"]["overage_percent"]["description"]
    assert "12 means 12%" in defs["Surcharge"]["properties"]["percent"]["description"]
    assert "8 means 8%" in defs["Buyer"]["properties"]["discount_rate_percent"]["description"]


def test_the_every_term_deal_costs_without_error() -> None:
    from principal.cost import compare

    result = compare(every_term_deal())
    assert set(result.terms) == {"only", "usd"}
    assert result.terms["only"].fx is not None
