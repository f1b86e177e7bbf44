"""Fee timing: how much money the buyer pays before it gets value, and what it can still withhold.

Value arrives at go-live; it is proven after the stable-operations period. Every payment due before those
points is money the vendor holds whatever the outcome.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from principal.cost.lines import Category, Schedule
from principal.cost.schedule import schedule
from principal.model.deal import Deal
from principal.model.pricing import MilestoneGate
from principal.money import Amount


@dataclass(frozen=True)
class MilestoneStep:
    month: int
    name: str
    gate: str
    paid: Amount
    paid_so_far: Amount
    still_withheld: Amount
    holdback: bool


@dataclass(frozen=True)
class FeeTiming:
    offer: str
    one_time_total: Amount
    go_live_month: int
    stable_month: int | None
    billing_start_month: int
    one_time_before_go_live: Amount
    share_one_time_before_go_live: Decimal | None
    """one_time_before_go_live / one_time_total (exact); None when the offer has no one-time fees."""
    one_time_before_stable: Amount | None
    recurring_before_go_live: Amount
    holdback: Amount
    steps: tuple[MilestoneStep, ...]

    @property
    def share_one_time_before_stable(self) -> Decimal | None:
        if self.one_time_before_stable is None or not self.one_time_total:
            return None
        return self.one_time_before_stable.ratio(self.one_time_total)

    @property
    def billing_before_go_live_months(self) -> int:
        return max(0, self.go_live_month - self.billing_start_month)


def fee_timing(deal: Deal, offer_name: str, sched: Schedule | None = None) -> FeeTiming:
    """Payments before go-live and before stable operations, and the amount still withheld after each milestone."""
    offer = deal.offers[offer_name]
    s = sched or schedule(deal, offer_name)
    go_live = s.go_live_month
    stable: int | None = None
    for fee in offer.one_time_fees:
        for m in fee.milestones:
            if m.gate is MilestoneGate.stable_operations:
                stable = m.month if stable is None else max(stable, m.month)
    impl = offer.implementation
    if stable is None and impl is not None and impl.stable_operations_days:
        stable = go_live + -(-impl.stable_operations_days // 30)
    one_time = [ln for ln in s.lines if ln.category is Category.one_time]
    total = sum((ln.amount for ln in one_time), Decimal(0))
    before_live = sum((ln.amount for ln in one_time if ln.month < go_live), Decimal(0))
    before_stable = None if stable is None else sum((ln.amount for ln in one_time if ln.month < stable), Decimal(0))
    recurring_before = sum(
        (ln.amount for ln in s.lines if ln.category in (Category.licenses, Category.recurring) and ln.month < go_live),
        Decimal(0),
    )
    cur = deal.currency

    def money(number: Decimal) -> Amount:
        return Amount(number, cur)

    steps: list[MilestoneStep] = []
    paid = Decimal(0)
    holdback = Decimal(0)
    for fee in offer.one_time_fees:
        milestones = fee.milestones or ()
        if not milestones:
            paid += fee.amount
            steps.append(
                MilestoneStep(
                    1,
                    f"{fee.name}: due at start",
                    "signature",
                    money(fee.amount),
                    money(paid),
                    money(total - paid),
                    False,
                )
            )
            continue
        for m in sorted(milestones, key=lambda x: x.month):
            amount = fee.amount * m.percent / 100
            paid += amount
            if m.holdback:
                holdback += amount
            steps.append(
                MilestoneStep(
                    m.month,
                    f"{fee.name}: {m.name}",
                    m.gate.value,
                    money(amount),
                    money(paid),
                    money(total - paid),
                    m.holdback,
                )
            )
    return FeeTiming(
        offer=offer_name,
        one_time_total=money(total),
        go_live_month=go_live,
        stable_month=stable,
        billing_start_month=s.billing_start_month,
        one_time_before_go_live=money(before_live),
        share_one_time_before_go_live=before_live / total if total else None,
        one_time_before_stable=None if before_stable is None else money(before_stable),
        recurring_before_go_live=money(recurring_before),
        holdback=money(holdback),
        steps=tuple(steps),
    )
