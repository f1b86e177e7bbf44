"""Incentive compatibility: the domain-notes example, cap blocking, the chronic-exit odds, holdbacks."""

from __future__ import annotations

from decimal import Decimal

import numpy as np
import pytest

from principal.align.incentives import (
    chronic_fire_probability,
    implementation_test,
    minimum_credit,
    reliability_test,
)
from principal.model.incentives import ImplementationEffort, ReliabilityEffort
from principal.money import Amount
from principal.present import formatter_for


def usd(number: int | str) -> Amount:
    return Amount(Decimal(number), "USD")


def test_domain_notes_example_minimum_credit_is_12000() -> None:
    assert minimum_credit(usd(3000), Decimal("0.30"), Decimal("0.05")) == usd(12000)


def test_a_5_percent_credit_on_100000_fails_the_test() -> None:
    assumptions = ReliabilityEffort(effort_cost_monthly=Decimal(3000))
    five = reliability_test(assumptions, usd(100_000), usd(5000), None)
    assert not five.passes
    assert five.expected_loss_avoided == usd("1250.00")  # 5,000 x 0.25
    twelve = reliability_test(assumptions, usd(100_000), usd(12_000), None)
    assert twelve.passes


def test_a_cap_below_the_minimum_makes_effort_impossible() -> None:
    assumptions = ReliabilityEffort(effort_cost_monthly=Decimal(3000))
    capped = reliability_test(assumptions, usd(100_000), usd(10_000), usd(10_000))
    assert capped.cap_blocks and not capped.passes
    roomy = reliability_test(assumptions, usd(100_000), usd(5000), usd(15_000))
    assert not roomy.cap_blocks


def test_default_effort_cost_is_3_percent_of_fees() -> None:
    result = reliability_test(ReliabilityEffort(), usd(100_000), usd(0), None)
    assert result.effort_cost == usd(3000)
    assert formatter_for("USD").text(result.effort_cost_source) == "default: 3% of monthly fees $100,000.00"
    yen = reliability_test(ReliabilityEffort(), Amount(Decimal(100_000), "JPY"), Amount(Decimal(0), "JPY"), None)
    assert yen.effort_cost == Amount(Decimal(3000), "JPY")
    assert formatter_for("JPY").text(yen.effort_cost_source) == "default: 3% of monthly fees ¥100,000"


def test_effort_must_reduce_misses() -> None:
    with pytest.raises(ValueError, match="must be below"):
        ReliabilityEffort(p_miss_low_effort=0.05, p_miss_high_effort=0.3)


@pytest.mark.parametrize(("p", "k", "n", "months"), [(0.3, 3, 6, 12), (0.1, 2, 3, 24), (0.5, 1, 1, 5), (0.2, 3, 6, 36)])
def test_chronic_odds_match_a_brute_force_simulation(p: float, k: int, n: int, months: int) -> None:
    rng = np.random.default_rng(1)
    misses = rng.random((200_000, months)) < p
    windows = np.lib.stride_tricks.sliding_window_view(misses, n, axis=1).sum(axis=2) if months >= n else None
    fired = (windows >= k).any(axis=1).mean() if windows is not None else (misses.sum(axis=1) >= k).mean()
    exact = chronic_fire_probability(p, k, n, months)
    assert abs(exact - fired) < 0.005


def test_chronic_odds_edge_cases() -> None:
    assert chronic_fire_probability(1.0, 3, 6, 2) == 0.0  # not enough windows yet
    assert chronic_fire_probability(1.0, 3, 6, 3) == pytest.approx(1.0)
    assert chronic_fire_probability(0.3, 7, 6, 36) == 0.0  # k > n can never fire
    assert chronic_fire_probability(0.0, 1, 1, 36) == 0.0


def test_holdback_test() -> None:
    a = ImplementationEffort(effort_cost=Decimal(14_000), p_on_time_high_effort=0.85, p_on_time_low_effort=0.55)
    small = implementation_test(a, usd(280_000), usd(28_000))
    assert small.minimum_at_risk.rounded() == usd("46666.67")  # 14,000 / (0.85 - 0.55)
    assert small.expected_gain == usd("8400.00") and not small.passes  # 28,000 x 0.30
    assert implementation_test(a, usd(280_000), usd(56_000)).passes
