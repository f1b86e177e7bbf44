"""Memoised engine results are keyed on the full content of their inputs: deals that differ in one field, even in
how a number is written, never share a result, and a remembered result is the one a cold run gives."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

import numpy as np
import pytest
from pydantic import BaseModel

from principal.cost.content_memo import BoundedMemo, clear_all, content
from principal.cost.scenario import PLAN, Scenario
from principal.cost.schedule import schedule
from principal.cost.usage_charges import meter_months, months_of_meter
from principal.cost.waves import _live_shares, live_shares
from principal.loader import load_deal
from principal.sla.simulation import window_downtime
from principal.valuation.engine import valuer_for
from principal.valuation.world import build_world
from tests.builders import build_deal, offer_data


def test_two_deals_differing_in_one_price_never_share_a_schedule() -> None:
    # 10 seats x 100 x 12 + 100,000 minutes x 0.01 x 12 = 24,000; at 101 a seat: 12,120 + 12,000 = 24,120.
    cheap = build_deal()
    dear = build_deal(
        {"offers": {"only": offer_data({"licenses": [{"name": "agent", "quantity": 10, "unit_price": 101}]})}}
    )
    assert schedule(cheap, "only").total == Decimal(24_000)
    assert schedule(dear, "only").total == Decimal(24_120)
    assert schedule(cheap, "only").total == Decimal(24_000)


def test_a_number_written_differently_is_a_different_key() -> None:
    # 0.010 and 0.01 are equal numbers, but a schedule's exact amounts keep how the rate was written.
    plain = build_deal()
    padded = build_deal(
        {
            "offers": {
                "only": offer_data(
                    {"usage": [{"name": "voice", "forecast": "voice", "rate_card": {"kind": "flat", "rate": "0.010"}}]}
                )
            }
        }
    )
    assert content(plain) != content(padded)
    plain_line = next(ln for ln in schedule(plain, "only").lines if ln.item == "voice usage")
    padded_line = next(ln for ln in schedule(padded, "only").lines if ln.item == "voice usage")
    assert plain_line.amount == padded_line.amount == Decimal(1000)
    assert str(plain_line.amount) != str(padded_line.amount)


def test_scenarios_that_compare_equal_but_are_written_differently_do_not_share() -> None:
    deal = build_deal()
    one = schedule(deal, "only", Scenario(volume_factor=Decimal("1.0"))).lines
    plan = schedule(deal, "only", PLAN).lines
    voice = [ln for ln in one if ln.item == "voice usage"]
    assert [str(ln.quantity) for ln in voice] != [str(ln.quantity) for ln in plan if ln.item == "voice usage"]


def test_a_remembered_schedule_is_the_cold_one() -> None:
    deal = load_deal("examples/ccaas-450/deal.yaml")
    late = Scenario(name="late", go_live_delay_months=2)
    warm = [schedule(deal, name, late) for name in deal.offers]
    clear_all()
    cold = [schedule(deal, name, late) for name in deal.offers]
    assert warm == cold
    assert all(w is not c for w, c in zip(warm, cold, strict=True))


class Reading:
    """A stand-in that records which attributes (dotted, through nested records) of the wrapped record are read."""

    def __init__(self, wrapped: Any, seen: set[str], prefix: str = "") -> None:
        self._wrapped, self._seen, self._prefix = wrapped, seen, prefix

    def __getattr__(self, name: str) -> Any:
        path = self._prefix + name
        self._seen.add(path)
        value = getattr(self._wrapped, name)
        if isinstance(value, BaseModel):
            return Reading(value, self._seen, path + ".")
        return value


def _under(seen: set[str], allowed: set[str]) -> set[str]:
    """The paths read that are neither an allowed path nor inside one (nor a record on the way to one)."""
    return {p for p in seen if not any(p == a or p.startswith(a + ".") or a.startswith(p + ".") for a in allowed)}


SCENARIOS = (PLAN, Scenario(name="late", go_live_delay_months=3, events_occur=True, vendor_view=True))


@pytest.mark.parametrize("example", ["ccaas-450", "multi-region"])
def test_meter_months_and_live_shares_read_only_what_their_memo_keys_name(example: str) -> None:
    deal = load_deal(f"examples/{example}/deal.yaml")
    for offer in deal.offers.values():
        for scenario in SCENARIOS:
            seen: set[str] = set()
            shares = _live_shares(Reading(deal, seen), Reading(offer, seen, "offer."), scenario)
            assert shares == live_shares(deal, offer, scenario)
            assert "offer.term_months" in seen and "buyer.agents" in seen
            assert _under(seen, {"buyer.agents", "offer.implementation", "offer.term_months"}) == set()
            for meter in offer.usage:
                seen = set()
                months = months_of_meter(Reading(deal, seen), Reading(offer, seen, "offer."), meter, scenario)
                assert months == meter_months(deal, offer, meter, scenario)
                offer_parts = {"offer.term_months", "offer.implementation", "offer.licenses", "offer.uplift"}
                assert {"buyer.forecasts", "offer.term_months"} <= seen
                assert _under(seen, {"buyer", *offer_parts}) == set()


def test_variants_differing_outside_the_key_share_meter_months_and_inside_do_not() -> None:
    deal = build_deal()
    offer = deal.offers["only"]
    meter = offer.usage[0]
    first = meter_months(deal, offer, meter, PLAN)
    relabelled = offer.model_copy(update={"label": "Another name"})
    assert meter_months(deal, relabelled, meter, PLAN)[0] is first[0]
    longer = offer.model_copy(update={"term_months": 24})
    assert len(meter_months(deal, longer, meter, PLAN)) == 24
    more = deal.model_copy(update={"buyer": deal.buyer.model_copy(update={"agents": 11})})
    assert meter_months(more, offer, meter, PLAN)[0] is not first[0]


def test_memos_are_bounded() -> None:
    memo: BoundedMemo[int, int] = BoundedMemo(3)
    for i in range(10):
        memo.put(i, i * i)
    assert len(memo) == 3
    assert memo.get(0) is None
    assert memo.get(9) == 81
    assert memo.get_or_make(4, lambda: -1) == -1


def test_shared_downtime_arrays_are_read_only() -> None:
    deal = load_deal("examples/ccaas-450/deal.yaml")
    valuer = valuer_for(deal, draws=200)
    world = valuer.world
    assert world.outages is not None
    sla = deal.offers["final"].sla
    assert sla is not None
    judged = window_downtime(sla, world.outages, world.minutes_per_month, 36)
    assert window_downtime(sla, world.outages, world.minutes_per_month, 36) is judged
    assert window_downtime(sla, world.outages, world.minutes_per_month, 24) is not judged
    with pytest.raises(ValueError):
        judged.down[0, 0, 0] = 1.0
    other = build_world(deal, valuer.risk, 200, 1)
    assert other.outages is not None
    again = window_downtime(sla, other.outages, other.minutes_per_month, 36)
    assert again is not judged
    assert not np.array_equal(again.down, judged.down)
