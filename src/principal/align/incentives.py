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
from principal.money import Amount
from principal.statements import Percent, Statement, say


def _d(value: float) -> Decimal:
    return Decimal(str(value))


@dataclass(frozen=True)
class ReliabilityTest:
    effort_cost: Amount
    """psi: what the vendor's reliability effort costs it a month."""
    effort_cost_source: Statement
    p_miss_low_effort: Decimal
    p_miss_high_effort: Decimal
    credit_at_miss: Amount
    credit_ceiling: Amount | None
    minimum_credit: Amount
    """psi / dP: the least a missed month must cost the vendor for effort to pay."""
    chronic_monthly_equivalent: Amount
    chronic_note: Statement
    """How the chronic-failure exit's monthly equivalent was worked out."""
    expected_loss_avoided: Amount
    passes: bool
    """Effort pays: the loss it avoids is at least its cost."""
    cap_blocks: bool
    """Even the capped maximum credit cannot reach the minimum that induces effort."""

    @property
    def delta_p(self) -> Decimal:
        return self.p_miss_low_effort - self.p_miss_high_effort


def minimum_credit(effort_cost: Amount, p_miss_low: Decimal, p_miss_high: Decimal) -> Amount:
    """The credit per missed month at which effort breaks even: psi / (P(miss|low) - P(miss|high))."""
    return effort_cost / (p_miss_low - p_miss_high)


def reliability_test(
    assumptions: ReliabilityEffort,
    monthly_fees: Amount,
    credit_at_miss: Amount,
    credit_ceiling: Amount | None,
    chronic_monthly_equivalent: Amount | None = None,
    chronic_note: Statement | None = None,
) -> ReliabilityTest:
    cur = monthly_fees.currency
    if assumptions.effort_cost_monthly is not None:
        psi = Amount(assumptions.effort_cost_monthly, cur)
        source = say("set in the deal (incentives.reliability.effort_cost_monthly)")
    else:
        psi = monthly_fees * assumptions.effort_cost_percent / 100
        source = say(
            "default: {share_of_fees} of monthly fees {monthly_fees}",
            share_of_fees=Percent(assumptions.effort_cost_percent),
            monthly_fees=monthly_fees,
        )
    low, high = _d(assumptions.p_miss_low_effort), _d(assumptions.p_miss_high_effort)
    chronic = Amount.zero(cur) if chronic_monthly_equivalent is None else chronic_monthly_equivalent
    avoided = credit_at_miss * (low - high) + chronic
    least = minimum_credit(psi, low, high)
    return ReliabilityTest(
        effort_cost=psi,
        effort_cost_source=source,
        p_miss_low_effort=low,
        p_miss_high_effort=high,
        credit_at_miss=credit_at_miss,
        credit_ceiling=credit_ceiling,
        minimum_credit=least,
        chronic_monthly_equivalent=chronic,
        chronic_note=say("no chronic-failure exit") if chronic_note is None else chronic_note,
        expected_loss_avoided=avoided,
        passes=avoided >= psi,
        cap_blocks=credit_ceiling is not None and credit_ceiling < least,
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
    effort_cost: Amount
    effort_cost_source: Statement
    p_on_time_high_effort: Decimal
    p_on_time_low_effort: Decimal
    at_risk: Amount
    """Held back until on-time acceptance."""
    minimum_at_risk: Amount
    expected_gain: Amount
    """What the holdback is worth to the vendor in expectation: at_risk x dq."""
    passes: bool

    @property
    def delta_q(self) -> Decimal:
        return self.p_on_time_high_effort - self.p_on_time_low_effort


def implementation_test(
    assumptions: ImplementationEffort, one_time_total: Amount, at_risk: Amount
) -> ImplementationTest:
    """Holdback h x M released on on-time acceptance induces effort only if h x M x dq >= psi_impl."""
    cur = one_time_total.currency
    if assumptions.effort_cost is not None:
        psi = Amount(assumptions.effort_cost, cur)
        source = say("set in the deal (incentives.implementation.effort_cost)")
    else:
        psi = one_time_total * assumptions.effort_cost_percent / 100
        source = say(
            "default: {share_of_fees} of one-time fees {one_time_fees}",
            share_of_fees=Percent(assumptions.effort_cost_percent),
            one_time_fees=one_time_total,
        )
    high, low = _d(assumptions.p_on_time_high_effort), _d(assumptions.p_on_time_low_effort)
    gain = at_risk * (high - low)
    return ImplementationTest(
        effort_cost=psi,
        effort_cost_source=source,
        p_on_time_high_effort=high,
        p_on_time_low_effort=low,
        at_risk=at_risk,
        minimum_at_risk=psi / (high - low),
        expected_gain=gain,
        passes=gain >= psi,
    )


def deal_incentives(deal: Deal) -> tuple[ReliabilityEffort, ImplementationEffort]:
    return deal.incentives.reliability, deal.incentives.implementation
