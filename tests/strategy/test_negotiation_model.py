"""The deal's negotiation block: defaults stated, values validated and located, round trip through dump."""

from __future__ import annotations

from decimal import Decimal

import pytest

from principal.errors import InputError
from principal.loader import parse_deal
from principal.model import Deal
from principal.model.negotiation import IssueKey, Negotiation, Pressure
from tests.conftest import SEED


def test_seed_negotiation_block(seed_deal: Deal) -> None:
    neg = seed_deal.negotiation
    assert neg is not None
    assert neg.target_offer == "revised-ask" and neg.vendor_offer == "quarter-end"
    assert neg.weight(IssueKey.chronic_exit) == Decimal("1.5")
    assert neg.weight(IssueKey.holdback) == 1  # not given: face value
    assert neg.vendor.quarter_end_pressure is Pressure.high
    assert neg.vendor.cost_to_serve_percent == 35


def test_defaults_are_stated() -> None:
    neg = Negotiation()
    assert neg.vendor.concession_budget_percent == 5
    assert neg.buyer_risk.expected_misses_per_year == 2
    assert neg.buyer_power == Decimal("0.5")
    fields = type(neg.vendor).model_fields.values()
    described = [f for f in fields if "Assumption" in (f.description or "")]
    assert len(described) == 4  # every number except the pressure level (an enum) says it is an assumption


def test_round_trip(seed_deal: Deal) -> None:
    # Through JSON: the block survives a dump and reload unchanged.
    again = Deal.model_validate_json(seed_deal.model_dump_json())
    assert again == seed_deal and again.negotiation == seed_deal.negotiation


def test_bad_negotiation_values_are_located() -> None:
    text = SEED.read_text().replace("cost_to_serve_percent: 35", "cost_to_serve_percent: 135")
    text = text.replace("    usage_cap: 1.2 ", "    usage_kap: 1.2 ")
    with pytest.raises(InputError) as info:
        parse_deal(text, "deal.yaml")
    rendered = [p.render() for p in info.value.problems]
    assert any("negotiation.vendor.cost_to_serve_percent: must be <= 100 (got 135)" in r for r in rendered)
    assert any("negotiation.priorities" in r and "usage_kap" in r for r in rendered)
