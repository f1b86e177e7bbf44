"""Properties that must hold for any deal: monotone cost, caps that hold, simulation that matches the mean."""

from __future__ import annotations

from decimal import Decimal

import numpy as np
from hypothesis import given, settings
from hypothesis import strategies as st

from principal.cost import Category, Scenario, schedule
from principal.cost.montecarlo import simulate
from principal.loader import parse_deal
from principal.model import Deal

rates = st.decimals(min_value=Decimal("0.001"), max_value=Decimal("1"), places=4)


def banded_deal(r1: Decimal, r2: Decimal, limit: int, kind: str, cap: int | None, minimum: int) -> Deal:
    cap_yaml = f"    usage_cap: {{period: year, percent_of_forecast: {cap}}}\n" if cap else ""
    min_yaml = f"        minimum: {{amount: {minimum}, period: month}}\n" if minimum else ""
    return parse_deal(
        f"""
name: property
buyer:
  agents: 10
  forecasts:
    voice: {{unit: minute, expected: 50000, low: 30000, high: 90000, distribution: triangular}}
offers:
  a:
    term_months: 24
    usage:
      - name: voice
        forecast: voice
        rate_card: {{kind: {kind}, bands: [{{up_to: {limit}, rate: {r1}}}, {{rate: {r2}}}]}}
{min_yaml}{cap_yaml}"""
    )


@settings(max_examples=40, deadline=None)
@given(
    r1=rates,
    r2=rates,
    limit=st.integers(1000, 100000),
    kind=st.sampled_from(["graduated", "volume"]),
    cap=st.one_of(st.none(), st.integers(100, 200)),
    minimum=st.integers(0, 300),
    factors=st.lists(st.decimals(min_value=0, max_value=5, places=2), min_size=2, max_size=2),
)
def test_cost_never_falls_when_usage_rises(
    r1: Decimal, r2: Decimal, limit: int, kind: str, cap: int | None, minimum: int, factors: list[Decimal]
) -> None:
    d = banded_deal(r1, r2, limit, kind, cap, minimum)
    low, high = sorted(factors)
    if kind == "volume" and r2 < r1:
        # All-units tiers can make a larger volume cheaper in total (the "volume cliff"); graduated cards cannot.
        return
    cheap = schedule(d, "a", Scenario(volume_factor=low))
    dear = schedule(d, "a", Scenario(volume_factor=high))
    assert dear.total >= cheap.total


@settings(max_examples=40, deadline=None)
@given(
    r1=rates, r2=rates, limit=st.integers(1000, 100000), cap=st.integers(100, 150), factor=st.decimals(0, 5, places=2)
)
def test_billed_usage_never_exceeds_the_cap(r1: Decimal, r2: Decimal, limit: int, cap: int, factor: Decimal) -> None:
    d = banded_deal(r1, r2, limit, "graduated", cap, 0)
    plan = schedule(d, "a")
    stressed = schedule(d, "a", Scenario(volume_factor=factor))
    for plan_year, year in zip(plan.years, stressed.years, strict=True):
        limit_amount = plan_year.by_category.get("usage", Decimal(0)) * cap / 100
        billed = year.by_category.get("usage", Decimal(0)) + year.by_category.get("usage_cap", Decimal(0))
        assert billed <= limit_amount + Decimal("1e-20")
        assert year.by_category.get("usage_cap", Decimal(0)) <= 0


def test_volume_cliff_exists_for_all_units_tiers() -> None:
    d = banded_deal(Decimal("0.10"), Decimal("0.05"), 60000, "volume", None, 0)
    at_limit = schedule(d, "a", Scenario(volume_factor=Decimal("1.2")))  # 60,000 a month: top of band 1
    past = schedule(d, "a", Scenario(volume_factor=Decimal("1.21")))  # 60,500: every unit at 0.05
    assert past.total < at_limit.total


def test_simulated_mean_matches_the_analytic_mean_for_a_linear_card() -> None:
    d = parse_deal(
        """
name: linear
buyer:
  agents: 10
  forecasts:
    voice: {unit: minute, expected: 50000, low: 30000, high: 90000, distribution: triangular}
    chat: {unit: session, expected: 8000, low: 6000, high: 10000, distribution: uniform}
offers:
  a:
    term_months: 36
    licenses: [{name: agent, quantity: 10, unit_price: 100}]
    usage:
      - {name: voice, forecast: voice, rate_card: {kind: flat, rate: 0.012}}
      - {name: chat, forecast: chat, rate_card: {kind: flat, rate: 0.05}}
"""
    )
    sim = simulate(d, "a", draws=100_000, seed=7)
    voice_mean = (30000 + 50000 + 90000) / 3 * 0.012 * 36
    chat_mean = (6000 + 10000) / 2 * 0.05 * 36
    fixed = 10 * 100 * 36
    analytic = voice_mean + chat_mean + fixed
    assert abs(sim.term.mean - analytic) / analytic < 0.01
    assert abs(sim.usage_term.mean - (voice_mean + chat_mean)) / (voice_mean + chat_mean) < 0.01
    assert sim.term.p10 < sim.term.p50 < sim.term.p90


def test_simulation_is_reproducible_and_paired(seed_deal: Deal) -> None:
    a = simulate(seed_deal, "original", draws=2000, seed=3)
    b = simulate(seed_deal, "original", draws=2000, seed=3)
    assert np.array_equal(a.term_samples, b.term_samples)
    quarter = simulate(seed_deal, "quarter-end", draws=2000, seed=3)
    # Same volumes in every draw: the two offers differ only by the fixed licence saving.
    saving = schedule(seed_deal, "original").category_total(Category.licenses) - schedule(
        seed_deal, "quarter-end"
    ).category_total(Category.licenses)
    assert np.allclose(a.term_samples - quarter.term_samples, float(saving))


def test_simulated_cap_binds_in_the_launch_draws(seed_deal: Deal) -> None:
    sim = simulate(seed_deal, "final", draws=20_000, seed=11)
    capped_year_limit = float(schedule(seed_deal, "final").years[1].by_category["usage"]) * 1.10
    licences_y2 = float(schedule(seed_deal, "final").years[1].by_category["licenses"])
    assert sim.years[1].p90 <= capped_year_limit + licences_y2 + 0.01
    assert sim.p_over_budget_any_year is not None and 0 < sim.p_over_budget_any_year < 1
