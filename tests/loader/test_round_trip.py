"""load -> dump -> load gives an equal deal, for the seed and for generated deals."""

from __future__ import annotations

from decimal import Decimal

from hypothesis import given, settings
from hypothesis import strategies as st

from principal.loader import dump_deal, parse_deal
from principal.model import Deal
from tests.builders import build_deal, offer_data


def test_seed_round_trips(seed_deal: Deal) -> None:
    again = parse_deal(dump_deal(seed_deal), "dumped.yaml")
    assert again == seed_deal


def test_dump_keeps_exact_decimals(seed_deal: Deal) -> None:
    text = dump_deal(seed_deal)
    assert "rate: 0.0125" in text
    assert parse_deal(text).offers["final"].usage[0].rate_card.bands[1].rate == Decimal("0.0099")


money = st.decimals(min_value=0, max_value=10_000, places=4, allow_nan=False, allow_infinity=False)


@settings(max_examples=60, deadline=None)
@given(
    price=money, rate=money, quantity=st.integers(1, 5000), term=st.integers(1, 60), uplift=st.decimals(0, 20, places=2)
)
def test_generated_deals_round_trip(price: Decimal, rate: Decimal, quantity: int, term: int, uplift: Decimal) -> None:
    offer = offer_data(
        {
            "term_months": term,
            "licenses": [{"name": "agent", "quantity": quantity, "unit_price": price}],
            "uplift": {"kind": "fixed", "percent": uplift},
            "usage": [{"name": "voice", "forecast": "voice", "rate_card": {"kind": "flat", "rate": rate}}],
        }
    )
    deal = build_deal({"name": "generated", "buyer": {"agents": quantity}, "offers": {"only": None, "a": offer}})
    assert parse_deal(dump_deal(deal)) == deal
