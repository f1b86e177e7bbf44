"""Compare offers: totals side by side, savings attributed to each lever, and when cumulative costs cross.

Savings are measured on the cost of switching (`principal.cost.switching`: the new contract plus the incumbent's
dual running and any early-termination fee), so a later go-live, which keeps the incumbent running, costs money;
when the deal does not give the incumbent's cost they are measured on the new contract alone (`basis`).

Lever attribution uses Shapley values: every lever in which two offers differ (licences, uplift, usage rate
cards, usage cap, recurring fees, one-time fees, implementation timing and waves, term) is switched from the
baseline to the offer in every possible order, and each lever is credited with its average effect. The levers'
savings add up exactly to the total saving, and the result does not depend on an arbitrary order.
"""

from __future__ import annotations

import itertools
import math
from collections.abc import Sequence
from dataclasses import dataclass, field
from decimal import Decimal

from principal.cost.bids import VendorBid, vendor_bids
from principal.cost.fx import offer_currency
from principal.cost.incumbent import incumbent_months
from principal.cost.lines import Category, Schedule
from principal.cost.order_terms import OrderTerms, order_terms
from principal.cost.scenario import PLAN, Scenario
from principal.cost.schedule import schedule
from principal.cost.switching import SwitchingCost, switching_cost
from principal.model.deal import Deal, Offer

LEVERS: tuple[tuple[str, str, tuple[str, ...]], ...] = (
    ("licences", "seat price and quantity", ("licenses",)),
    ("uplift", "annual uplift", ("uplift",)),
    ("usage_rates", "usage rate cards and bands", ("usage",)),
    ("usage_cap", "usage cap and collar", ("usage_cap",)),
    ("recurring_fees", "recurring platform fees", ("recurring_fees",)),
    ("one_time_fees", "one-time fees and milestones", ("one_time_fees",)),
    ("surcharges", "surcharges and taxes", ("surcharges",)),
    ("credits", "signing credits", ("credits",)),
    ("timing", "go-live, waves and billing start", ("implementation",)),
    ("term", "term length", ("term_months",)),
)


OTHER_CURRENCY = (
    "currency",
    "the whole offer (priced in another currency)",
    (*(name for _, _, names in LEVERS for name in names), "currency"),
)


@dataclass(frozen=True)
class LeverSaving:
    lever: str
    description: str
    term: Decimal
    by_year: tuple[Decimal, ...]


@dataclass(frozen=True)
class Crossing:
    """From `month` on, the offer's cumulative cost is `direction` ('above' or 'below') the other's."""

    against: str
    month: int
    direction: str


BASIS_SWITCHING = "cost of switching"
BASIS_CONTRACT = "new contract"


@dataclass(frozen=True)
class OfferVsBaseline:
    offer: str
    baseline: str
    saving: Decimal
    saving_by_year: tuple[Decimal, ...]
    levers: tuple[LeverSaving, ...]
    basis: str = BASIS_SWITCHING
    """What the saving is measured on: the cost of switching, or the new contract alone (no incumbent cost)."""


@dataclass(frozen=True)
class VendorView:
    """The vendor's volume estimates against the buyer's plan, priced with the offer's own rate cards."""

    offer: str
    usage_at_vendor_estimate: Decimal
    usage_at_buyer_plan: Decimal
    monthly_at_vendor_estimate: Decimal
    monthly_at_buyer_plan: Decimal
    reference_month: int
    by_meter: dict[str, tuple[Decimal, Decimal]]
    """Per meter with a vendor estimate: (monthly charge at the vendor's volume, at the buyer's plan)."""

    @property
    def gap(self) -> Decimal:
        return self.usage_at_buyer_plan - self.usage_at_vendor_estimate


@dataclass(frozen=True)
class Comparison:
    baseline: str
    schedules: dict[str, Schedule]
    versus_baseline: tuple[OfferVsBaseline, ...]
    crossings: dict[str, tuple[Crossing, ...]]
    vendor_views: tuple[VendorView, ...]
    incumbent_monthly: Decimal | None
    run_rate_above_incumbent: dict[str, int | None]
    currency: str
    switching: dict[str, SwitchingCost] = field(default_factory=dict)
    terms: dict[str, OrderTerms] = field(default_factory=dict)
    """Each offer's order-form view (cash and NPV, renewal, leaving early, liability cap, unit prices)."""
    bids: tuple[VendorBid, ...] = ()
    """The offers by vendor: each vendor's best offer and the alternative the others give the buyer."""


def _hybrid(base: Offer, target: Offer, fields: set[str]) -> Offer:
    return base.model_copy(update={name: getattr(target, name) for name in fields})


def _cost_relevant(offer: Offer, name: str) -> object:
    value = getattr(offer, name)
    if name == "implementation":
        # Only the dates that move money matter to cost; roles and metrics are compared elsewhere.
        if value is None:
            return None
        waves = tuple((w.name, w.agents, w.go_live_month) for w in value.waves)
        return (value.go_live_month, value.billing_start_month, value.billing_tied_to_go_live, waves)
    return value


def _differs(base: Offer, target: Offer, fields: tuple[str, ...]) -> bool:
    return any(_cost_relevant(base, name) != _cost_relevant(target, name) for name in fields)


def attribute_levers(deal: Deal, baseline: str, offer_name: str, scenario: Scenario = PLAN) -> OfferVsBaseline:
    """Shapley attribution of the saving (baseline's cost of switching - the offer's) to each lever."""
    base = deal.offers[baseline]
    target = deal.offers[offer_name]
    active = [lever for lever in LEVERS if _differs(base, target, lever[2])]
    if offer_currency(deal, base) != offer_currency(deal, target):
        # Prices in two currencies do not split into levers: the whole difference is one.
        active = [OTHER_CURRENCY]
    years = max(len(schedule(deal, baseline, scenario).years), len(schedule(deal, offer_name, scenario).years))
    cost: dict[frozenset[int], tuple[Decimal, tuple[Decimal, ...]]] = {}
    known = True
    for size in range(len(active) + 1):
        for subset in itertools.combinations(range(len(active)), size):
            fields = {field for i in subset for field in active[i][2]}
            moved = switching_cost(deal, f"{offer_name}~", scenario, offer=_hybrid(base, target, fields))
            known = known and moved.transition.known
            totals = moved.year_totals if moved.transition.known else moved.contract.year_totals
            padded = tuple(totals) + (Decimal(0),) * (years - len(totals))
            cost[frozenset(subset)] = (moved.basis, padded)
    n = len(active)
    levers = []
    for i, (key, description, _) in enumerate(active):
        # Integer weights |S|! (n-|S|-1)!, one division by n! at the end keeps the arithmetic exact.
        term = Decimal(0)
        by_year = [Decimal(0)] * years
        for size in range(n):
            weight = math.factorial(size) * math.factorial(n - size - 1)
            for subset in itertools.combinations([j for j in range(n) if j != i], size):
                without = cost[frozenset(subset)]
                with_i = cost[frozenset((*subset, i))]
                term += weight * (without[0] - with_i[0])
                for y in range(years):
                    by_year[y] += weight * (without[1][y] - with_i[1][y])
        total_weight = math.factorial(n)
        levers.append(LeverSaving(key, description, term / total_weight, tuple(v / total_weight for v in by_year)))
    full_base, full_target = cost[frozenset()], cost[frozenset(range(n))]
    return OfferVsBaseline(
        offer=offer_name,
        baseline=baseline,
        saving=full_base[0] - full_target[0],
        saving_by_year=tuple(b - t for b, t in zip(full_base[1], full_target[1], strict=True)),
        levers=tuple(levers),
        basis=BASIS_SWITCHING if known else BASIS_CONTRACT,
    )


def crossings(a: Sequence[Decimal], other_name: str, other_monthly: Sequence[Decimal]) -> tuple[Crossing, ...]:
    """Where a's cumulative cost stands against the other's: at month 1, then every month the order flips."""
    out: list[Crossing] = []
    running_a = running_b = Decimal(0)
    state = 0
    for month, amount in enumerate(a, start=1):
        running_a += amount
        running_b += other_monthly[month - 1] if month <= len(other_monthly) else Decimal(0)
        now = (running_a > running_b) - (running_a < running_b)
        if now != 0 and now != state:
            out.append(Crossing(other_name, month, "above" if now > 0 else "below"))
            state = now
    return tuple(out)


def recurring_month_totals(s: Schedule) -> list[Decimal]:
    """Monthly cost without one-time fees: the run rate."""
    months = [Decimal(0)] * s.term_months
    for line in s.lines:
        if line.category is not Category.one_time:
            months[line.month - 1] += line.amount
    return months


def vendor_view(deal: Deal, offer_name: str) -> VendorView | None:
    """Usage at the vendor's estimates vs at the buyer's plan, when the deal records vendor estimates."""
    offer = deal.offers[offer_name]
    used = {m.forecast for m in offer.usage}
    if not any(deal.buyer.forecasts[f].vendor_expected is not None for f in used):
        return None
    plan = schedule(deal, offer_name)
    vendor = schedule(deal, offer_name, Scenario(name="vendor estimate", vendor_view=True))
    ref = plan.go_live_month

    def usage_in(s: Schedule, month: int | None = None, item: str | None = None) -> Decimal:
        return sum(
            (
                ln.amount
                for ln in s.lines
                if ln.category is Category.usage
                and (month is None or ln.month == month)
                and (item is None or ln.item == item)
            ),
            Decimal(0),
        )

    by_meter = {
        m.name: (usage_in(vendor, ref, f"{m.name} usage"), usage_in(plan, ref, f"{m.name} usage"))
        for m in offer.usage
        if deal.buyer.forecasts[m.forecast].vendor_expected is not None
    }
    return VendorView(
        offer_name, usage_in(vendor), usage_in(plan), usage_in(vendor, ref), usage_in(plan, ref), ref, by_meter
    )


def compare(deal: Deal, offers: list[str] | None = None, baseline: str | None = None) -> Comparison:
    """The offers side by side. Cumulative crossings compare the cost of switching (the new contract plus the
    incumbent's bill while the operation moves) against staying, and against the baseline's cost of switching."""
    names = offers or list(deal.offers)
    base = baseline or deal.baseline_name
    schedules = {name: schedule(deal, name) for name in dict.fromkeys([base, *names])}
    moves = {name: switching_cost(deal, name, contract=sched) for name, sched in schedules.items()}
    versus = tuple(attribute_levers(deal, base, name) for name in names if name != base)
    cross: dict[str, tuple[Crossing, ...]] = {}
    run_rate: dict[str, int | None] = {}
    inc_monthly = deal.buyer.incumbent.monthly_cost if deal.buyer.incumbent else None
    for name in names:
        sched = schedules[name]
        found: list[Crossing] = []
        inc = incumbent_months(deal, sched.term_months)
        if inc is not None:
            found.extend(crossings(moves[name].month_totals, "staying", inc))
            run = recurring_month_totals(sched)
            above = [m for m, amount in enumerate(run, start=1) if amount > inc[m - 1]]
            run_rate[name] = above[0] if above else None
        if name != base:
            found.extend(crossings(moves[name].month_totals, base, list(moves[base].month_totals)))
        cross[name] = tuple(found)
    views = tuple(v for v in (vendor_view(deal, name) for name in names) if v is not None)
    terms = {name: order_terms(deal, s, moves[name].total) for name, s in schedules.items()}
    # Each vendor's best offer is the one with the lowest cost of switching (the contract alone when it is unknown).
    bids = vendor_bids(deal, {name: moves[name].basis for name in schedules})
    return Comparison(base, schedules, versus, cross, views, inc_monthly, run_rate, deal.currency, moves, terms, bids)
