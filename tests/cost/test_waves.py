"""Phased roll-outs on hand-made deals: usage and per-live-seat licences follow the agents live in each month, an
explicit volume schedule replaces the scaled forecast, and the simulation follows the same roll-out."""

from __future__ import annotations

from decimal import Decimal

import pytest

from principal.cost import Category, schedule
from principal.cost.montecarlo import simulate
from principal.cost.switching import switching_cost
from principal.loader import parse_deal
from principal.model import Deal


def deal(agents: int, waves: str, licence: str, forecast: str = "{unit: minute, expected: 100000}") -> Deal:
    return parse_deal(
        f"""
name: waves
buyer:
  agents: {agents}
  forecasts:
    voice: {forecast}
  incumbent: {{monthly_cost: 10000}}
offers:
  a:
    term_months: 12
    licenses: [{licence}]
    usage: [{{name: voice, forecast: voice, rate_card: {{kind: flat, rate: 0.01}}}}]
    implementation: {{waves: [{waves}]}}
"""
    )


TWO_WAVES = "{name: east, agents: 40, go_live_month: 3}, {name: west, agents: 60, go_live_month: 6}"


def by_month(d: Deal, category: Category) -> dict[int, Decimal]:
    out: dict[int, Decimal] = {}
    for line in schedule(d, "a").lines:
        if line.category is category:
            out[line.month] = out.get(line.month, Decimal(0)) + line.amount
    return out


def test_licences_per_live_seat_and_usage_follow_the_waves() -> None:
    d = deal(100, TWO_WAVES, "{name: agent, quantity: 100, unit_price: 50, billed_on: live_seats}")
    s = schedule(d, "a")
    assert s.go_live_month == 3  # the first wave's
    licences = by_month(d, Category.licenses)
    # No seat is live before month 3; 40 seats x 50 in months 3-5; all 100 x 50 from month 6.
    assert licences == {**{m: Decimal(2000) for m in (3, 4, 5)}, **{m: Decimal(5000) for m in range(6, 13)}}
    usage = by_month(d, Category.usage)
    # 100,000 minutes for the whole operation x 40/100 live = 40,000 x 0.01 = 400; then 1,000 a month.
    assert usage == {**{m: Decimal(400) for m in (3, 4, 5)}, **{m: Decimal(1000) for m in range(6, 13)}}
    assert s.total == 3 * Decimal(2000) + 7 * Decimal(5000) + 3 * Decimal(400) + 7 * Decimal(1000)  # 49,200


def test_committed_licences_bill_the_whole_quantity_from_billing_start() -> None:
    d = deal(100, TWO_WAVES, "{name: agent, quantity: 100, unit_price: 50}")
    assert by_month(d, Category.licenses) == {m: Decimal(5000) for m in range(1, 13)}


def test_live_seats_are_rounded_up_to_whole_seats() -> None:
    waves = "{name: east, agents: 31, go_live_month: 2}, {name: west, agents: 59, go_live_month: 5}"
    d = deal(90, waves, "{name: agent, quantity: 100, unit_price: 10, billed_on: live_seats}")
    licences = schedule(d, "a").lines
    month_2 = next(ln for ln in licences if ln.category is Category.licenses and ln.month == 2)
    assert month_2.quantity == Decimal(35)  # 100 x 31/90 = 34.44 seats, billed as 35
    assert month_2.amount == Decimal(350)


def test_an_explicit_schedule_is_the_new_platforms_volume_as_it_stands() -> None:
    steps = "[{from_month: 2, expected: 10000}, {from_month: 5, expected: 50000}]"
    forecast = "{unit: minute, expected: 100000, schedule: " + steps + "}"
    d = deal(100, TWO_WAVES, "{name: agent, quantity: 100, unit_price: 0}", forecast)
    usage = by_month(d, Category.usage)
    # Nothing before the first go-live (month 3); 10,000 x 0.01 = 100 in months 3-4; 50,000 x 0.01 = 500 from
    # month 5, not scaled by the share of agents live (the schedule is the new platform's volume).
    assert usage == {3: Decimal(100), 4: Decimal(100), **{m: Decimal(500) for m in range(5, 13)}}


def test_the_simulation_follows_the_roll_out() -> None:
    d = deal(100, TWO_WAVES, "{name: agent, quantity: 100, unit_price: 50, billed_on: live_seats}")
    sim = simulate(d, "a", draws=200, seed=3)
    # A fixed forecast: every draw is the schedule's 49,200.
    assert sim.term.p10 == pytest.approx(49200, abs=0.01) and sim.term.p90 == pytest.approx(49200, abs=0.01)
    # Dual running: months 1-2 at 10,000, months 3-5 at 10,000 x (1 - 40/100) = 6,000; 38,000 in all.
    assert sim.dual_running == pytest.approx(2 * 10000 + 3 * 6000)
    assert sim.switching_term is not None and sim.switching_term.p50 == pytest.approx(49200 + 38000, abs=0.01)
    assert sim.difference_term is not None
    assert sim.difference_term.p50 == pytest.approx(49200 + 38000 - 12 * 10000, abs=0.01)  # 32,800 less to switch
    assert sim.p_switching_beats_staying == 1.0
    assert switching_cost(d, "a").total == Decimal(49200) + Decimal(38000)


def test_simulated_usage_with_waves_averages_the_deterministic_schedule() -> None:
    forecast = "{unit: minute, expected: 100000, low: 80000, high: 120000, distribution: uniform}"
    d = deal(100, TWO_WAVES, "{name: agent, quantity: 100, unit_price: 0}", forecast)
    sim = simulate(d, "a", draws=40_000, seed=7)
    # Uniform around the expected 100,000: the mean usage is the plan's 3 x 400 + 7 x 1,000 = 8,200.
    assert sim.usage_term.mean == pytest.approx(8200, rel=0.005)
