"""Incentive compatibility: do credits, the chronic-failure exit and holdbacks make the vendor's effort pay?

Two outcomes per month (target met or missed), vendor effort high or low at extra cost psi. Effort pays only if
what the vendor expects to lose by not making it exceeds its cost:

    reliability:     credit_at_miss x (P(miss | low) - P(miss | high)) + chronic-exit term  >=  psi
    implementation:  holdback x (P(on time | high) - P(on time | low))                      >=  psi_impl

so the smallest credit that works is psi / dP, and a credit cap below that makes effort impossible to induce
through credits alone (limited liability).
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

import numpy as np

from principal.model.deal import Deal
from principal.model.incentives import ImplementationEffort, ReliabilityEffort


def _d(value: float) -> Decimal:
    return Decimal(str(value))


@dataclass(frozen=True)
class ReliabilityTest:
    effort_cost: Decimal
    effort_cost_source: str
    p_miss_low: Decimal
    p_miss_high: Decimal
    credit_at_miss: Decimal
    credit_ceiling: Decimal | None
    minimum_credit: Decimal
    chronic_monthly_equivalent: Decimal
    expected_loss_avoided: Decimal

    @property
    def delta_p(self) -> Decimal:
        return self.p_miss_low - self.p_miss_high

    @property
    def passes(self) -> bool:
        return self.expected_loss_avoided >= self.effort_cost

    @property
    def cap_blocks(self) -> bool:
        """True when even the capped maximum credit cannot reach the minimum that induces effort."""
        return self.credit_ceiling is not None and self.credit_ceiling < self.minimum_credit


def minimum_credit(effort_cost: Decimal, p_miss_low: Decimal, p_miss_high: Decimal) -> Decimal:
    """The credit per missed month at which effort breaks even: psi / (P(miss|low) - P(miss|high))."""
    return effort_cost / (p_miss_low - p_miss_high)


def reliability_test(
    assumptions: ReliabilityEffort,
    monthly_fees: Decimal,
    credit_at_miss: Decimal,
    credit_ceiling: Decimal | None,
    chronic_monthly_equivalent: Decimal = Decimal(0),
) -> ReliabilityTest:
    if assumptions.effort_cost_monthly is not None:
        psi = assumptions.effort_cost_monthly
        source = "set in the deal (incentives.reliability.effort_cost_monthly)"
    else:
        psi = monthly_fees * assumptions.effort_cost_percent / 100
        source = f"default: {assumptions.effort_cost_percent}% of monthly fees {monthly_fees:,.2f}"
    low, high = _d(assumptions.p_miss_low_effort), _d(assumptions.p_miss_high_effort)
    avoided = credit_at_miss * (low - high) + chronic_monthly_equivalent
    return ReliabilityTest(
        effort_cost=psi,
        effort_cost_source=source,
        p_miss_low=low,
        p_miss_high=high,
        credit_at_miss=credit_at_miss,
        credit_ceiling=credit_ceiling,
        minimum_credit=minimum_credit(psi, low, high),
        chronic_monthly_equivalent=chronic_monthly_equivalent,
        expected_loss_avoided=avoided,
    )


def chronic_fire_probability(p_miss: float, count: int, within: int, months: int) -> float:
    """Exact chance that `count` misses fall in some rolling `within`-month window during `months`.

    Misses are independent with probability p_miss a month. Dynamic programming over the last `within - 1`
    months' pattern of misses (2^(within-1) states); the rule has fired once a window holds `count` misses.
    """
    if count > within or months <= 0:
        return 0.0
    width = within - 1
    states = np.zeros(1 << width) if width > 0 else np.zeros(1)
    states[0] = 1.0
    fired = 0.0
    mask = (1 << width) - 1 if width > 0 else 0
    popcount = np.array([bin(i).count("1") for i in range(len(states))])
    for _ in range(months):
        new = np.zeros_like(states)
        for miss, prob in ((1, p_miss), (0, 1 - p_miss)):
            window_misses = popcount + miss
            fire = window_misses >= count
            fired += float((states * prob)[fire].sum())
            keep = ~fire
            nxt = ((np.arange(len(states)) << 1) | miss) & mask if width > 0 else np.zeros(len(states), dtype=int)
            np.add.at(new, nxt[keep], (states * prob)[keep])
        states = new
    return fired


@dataclass(frozen=True)
class ImplementationTest:
    effort_cost: Decimal
    effort_cost_source: str
    p_on_time_high: Decimal
    p_on_time_low: Decimal
    at_risk: Decimal
    minimum_at_risk: Decimal

    @property
    def delta_q(self) -> Decimal:
        return self.p_on_time_high - self.p_on_time_low

    @property
    def expected_gain(self) -> Decimal:
        return self.at_risk * self.delta_q

    @property
    def passes(self) -> bool:
        return self.expected_gain >= self.effort_cost


def implementation_test(
    assumptions: ImplementationEffort, one_time_total: Decimal, at_risk: Decimal
) -> ImplementationTest:
    """Holdback h x M released on on-time acceptance induces effort only if h x M x dq >= psi_impl."""
    if assumptions.effort_cost is not None:
        psi = assumptions.effort_cost
        source = "set in the deal (incentives.implementation.effort_cost)"
    else:
        psi = one_time_total * assumptions.effort_cost_percent / 100
        source = f"default: {assumptions.effort_cost_percent}% of one-time fees {one_time_total:,.2f}"
    high, low = _d(assumptions.p_on_time_high_effort), _d(assumptions.p_on_time_low_effort)
    return ImplementationTest(psi, source, high, low, at_risk, psi / (high - low))


def deal_incentives(deal: Deal) -> tuple[ReliabilityEffort, ImplementationEffort]:
    return deal.incentives.reliability, deal.incentives.implementation
