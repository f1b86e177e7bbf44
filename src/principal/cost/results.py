"""Typed results of the cost engine: what `principal cost` and `principal compare` report, to people and as JSON.

The engine's own records (`Schedule`, `Comparison`, `Simulation`) keep exact Decimals (floats for the simulation)
because other engines compute with them. These records are what gets reported: every money figure is an `Amount`
in the deal's currency, still exact; `principal.json_encoding` writes it rounded half-up to the currency's minor
unit (cents for USD and EUR, whole yen for JPY) and `principal.present` formats it for people, so a figure is
rounded once, when shown. Each result states its `currency` once. The vendor's volume estimate is one record,
`VendorEstimate`, with the same keys in both results.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal

from principal.cost.compare import Comparison, Crossing, VendorView
from principal.cost.lines import Line, Schedule
from principal.cost.montecarlo import Simulation, Stats
from principal.cost.report import CostReport, OfferCost
from principal.cost.terms_results import OfferTermsResult, VendorBidResult, offer_terms_result, vendor_bid_result
from principal.money import Amount
from principal.statements import UnitPrice


@dataclass(frozen=True)
class YearCost:
    year: int
    months: int
    """Months of the term in this contract year (12 except for a short last year)."""
    total: Amount
    by_category: dict[str, Amount]


@dataclass(frozen=True)
class OfferSchedule:
    """One offer costed month by month at the buyer's plan (or a named scenario)."""

    offer: str
    scenario: str
    term_months: int
    go_live_month: int
    billing_start_month: int
    total: Amount
    usage_share: float
    """Share of the term's cost that depends on usage (0-1), unrounded."""
    by_category: dict[str, Amount]
    years: tuple[YearCost, ...]
    months: tuple[Amount, ...]


@dataclass(frozen=True)
class MeterEstimate:
    monthly_at_vendor_estimate: Amount
    monthly_at_buyer_plan: Amount


@dataclass(frozen=True)
class VendorEstimate:
    """Usage priced with the offer's own rate cards at the vendor's volume estimates and at the buyer's plan."""

    offer: str
    reference_month: int
    """The month the monthly figures are for (go-live, the first month with usage)."""
    monthly_usage_at_vendor_estimate: Amount
    monthly_usage_at_buyer_plan: Amount
    term_usage_at_vendor_estimate: Amount
    term_usage_at_buyer_plan: Amount
    term_gap: Amount
    """What the buyer's plan costs over the term beyond the vendor's estimate."""
    by_meter: dict[str, MeterEstimate]


@dataclass(frozen=True)
class BudgetYear:
    year: int
    budget: Amount
    """The annual budget, pro rata for a short year."""
    cost: Amount
    over: Amount
    """Cost minus budget: positive over budget, negative within it."""


@dataclass(frozen=True)
class CostRange:
    """Mean and percentiles of a simulated cost."""

    mean: Amount
    p10: Amount
    p50: Amount
    p90: Amount


@dataclass(frozen=True)
class SimulatedCost:
    offer: str
    draws: int
    seed: int
    term: CostRange
    years: tuple[CostRange, ...]
    usage_term: CostRange
    usage_share_mean: float
    p_over_budget_by_year: tuple[float, ...] | None
    p_over_budget_any_year: float | None
    p_over_incumbent_term: float | None
    incumbent_term_cost: Amount | None


@dataclass(frozen=True)
class LineItem:
    month: int
    year: int
    category: str
    item: str
    quantity: Decimal | None
    unit: str | None
    unit_price: UnitPrice | None
    amount: Amount
    exact_amount: Decimal
    """The amount before rounding, every decimal kept."""
    formula: str


@dataclass(frozen=True)
class OfferCostResult(OfferSchedule):
    """`principal cost` for one offer: its schedule, budget, incumbent, vendor's estimate and simulation."""

    budget: tuple[BudgetYear, ...]
    incumbent_term_cost: Amount | None
    above_incumbent: Amount | None
    """Term cost minus the incumbent's over the same term (negative: the offer costs less)."""
    vendor_view: VendorEstimate | None
    simulation: SimulatedCost | None
    lines: tuple[LineItem, ...] | None
    """Every line item, when asked for (None otherwise)."""
    terms: OfferTermsResult | None = None
    """The order-form view: currency, cash and NPV, renewal, leaving early, liability cap, unit prices."""


@dataclass(frozen=True)
class CostResult:
    deal: str
    currency: str
    offers: tuple[OfferCostResult, ...]


@dataclass(frozen=True)
class LeverResult:
    lever: str
    description: str
    term: Amount
    by_year: tuple[Amount, ...]


@dataclass(frozen=True)
class VersusBaseline:
    offer: str
    baseline: str
    saving: Amount
    saving_by_year: tuple[Amount, ...]
    levers: tuple[LeverResult, ...]


@dataclass(frozen=True)
class ComparisonResult:
    """`principal compare`: the offers side by side, savings by lever, crossings and the vendor's estimates."""

    baseline: str
    currency: str
    offers: dict[str, OfferSchedule]
    versus_baseline: tuple[VersusBaseline, ...]
    crossings: dict[str, tuple[Crossing, ...]]
    incumbent_monthly: Amount | None
    run_rate_above_incumbent_from_month: dict[str, int | None]
    vendor_views: tuple[VendorEstimate, ...]
    terms: dict[str, OfferTermsResult] = field(default_factory=dict)
    bids: tuple[VendorBidResult, ...] = ()
    """Offers by vendor: each vendor's best offer and its alternative (the other vendors' best)."""


def _money(value: Decimal, currency: str) -> Amount:
    return Amount(value, currency)


def _from_float(value: float, currency: str) -> Amount:
    return Amount(Decimal(repr(value)), currency)


ScheduleFields = tuple[
    str, str, int, int, int, Amount, float, dict[str, Amount], tuple[YearCost, ...], tuple[Amount, ...]
]


def _schedule_fields(s: Schedule) -> ScheduleFields:
    """The fields of `OfferSchedule`, in order, from the engine's schedule."""
    cur = s.currency
    return (
        s.offer,
        s.scenario,
        s.term_months,
        s.go_live_month,
        s.billing_start_month,
        _money(s.total, cur),
        float(s.usage_share),
        {k: _money(v, cur) for k, v in s.by_category().items()},
        tuple(
            YearCost(y.year, y.months, _money(y.total, cur), {k: _money(v, cur) for k, v in y.by_category.items()})
            for y in s.years
        ),
        tuple(_money(m, cur) for m in s.month_totals),
    )


def offer_schedule(s: Schedule) -> OfferSchedule:
    return OfferSchedule(*_schedule_fields(s))


def vendor_estimate(v: VendorView, currency: str) -> VendorEstimate:
    return VendorEstimate(
        offer=v.offer,
        reference_month=v.reference_month,
        monthly_usage_at_vendor_estimate=_money(v.monthly_at_vendor_estimate, currency),
        monthly_usage_at_buyer_plan=_money(v.monthly_at_buyer_plan, currency),
        term_usage_at_vendor_estimate=_money(v.usage_at_vendor_estimate, currency),
        term_usage_at_buyer_plan=_money(v.usage_at_buyer_plan, currency),
        term_gap=_money(v.gap, currency),
        by_meter={
            name: MeterEstimate(_money(vendor, currency), _money(plan, currency))
            for name, (vendor, plan) in v.by_meter.items()
        },
    )


def _cost_range(stats: Stats, currency: str) -> CostRange:
    return CostRange(*(_from_float(v, currency) for v in (stats.mean, stats.p10, stats.p50, stats.p90)))


def simulated_cost(sim: Simulation, currency: str) -> SimulatedCost:
    return SimulatedCost(
        offer=sim.offer,
        draws=sim.draws,
        seed=sim.seed,
        term=_cost_range(sim.term, currency),
        years=tuple(_cost_range(y, currency) for y in sim.years),
        usage_term=_cost_range(sim.usage_term, currency),
        usage_share_mean=sim.usage_share_mean,
        p_over_budget_by_year=sim.p_over_budget_by_year,
        p_over_budget_any_year=sim.p_over_budget_any_year,
        p_over_incumbent_term=sim.p_over_incumbent_term,
        incumbent_term_cost=None if sim.incumbent_term_cost is None else _from_float(sim.incumbent_term_cost, currency),
    )


def line_item(ln: Line, currency: str) -> LineItem:
    return LineItem(
        month=ln.month,
        year=ln.year,
        category=ln.category.value,
        item=ln.item,
        quantity=ln.quantity,
        unit=ln.unit,
        unit_price=None if ln.unit_price is None else UnitPrice(Amount(ln.unit_price, currency)),
        amount=_money(ln.amount, currency),
        exact_amount=ln.amount,
        formula=ln.formula,
    )


def _offer_cost(item: OfferCost, currency: str, lines: bool) -> OfferCostResult:
    s = item.schedule
    inc = item.incumbent_term_cost
    return OfferCostResult(
        *_schedule_fields(s),
        budget=tuple(
            BudgetYear(b.year, _money(b.budget, currency), _money(b.cost, currency), _money(b.over, currency))
            for b in item.budget
        ),
        incumbent_term_cost=None if inc is None else _money(inc, currency),
        above_incumbent=None if inc is None else _money(s.total - inc, currency),
        vendor_view=None if item.vendor_view is None else vendor_estimate(item.vendor_view, currency),
        simulation=None if item.simulation is None else simulated_cost(item.simulation, currency),
        lines=tuple(line_item(ln, currency) for ln in s.lines) if lines else None,
        terms=None if item.terms is None else offer_terms_result(item.terms, currency),
    )


def cost_result(report: CostReport, *, lines: bool = False) -> CostResult:
    """What `principal cost` reports, every line item included when `lines`."""
    cur = report.currency
    return CostResult(report.deal, cur, tuple(_offer_cost(item, cur, lines) for item in report.offers))


def comparison_result(result: Comparison) -> ComparisonResult:
    """What `principal compare` reports."""
    cur = result.currency
    return ComparisonResult(
        baseline=result.baseline,
        currency=cur,
        offers={name: offer_schedule(s) for name, s in result.schedules.items()},
        versus_baseline=tuple(
            VersusBaseline(
                offer=v.offer,
                baseline=v.baseline,
                saving=_money(v.saving, cur),
                saving_by_year=tuple(_money(x, cur) for x in v.saving_by_year),
                levers=tuple(
                    LeverResult(
                        lv.lever, lv.description, _money(lv.term, cur), tuple(_money(x, cur) for x in lv.by_year)
                    )
                    for lv in v.levers
                ),
            )
            for v in result.versus_baseline
        ),
        crossings=dict(result.crossings),
        incumbent_monthly=None if result.incumbent_monthly is None else _money(result.incumbent_monthly, cur),
        run_rate_above_incumbent_from_month=dict(result.run_rate_above_incumbent),
        vendor_views=tuple(vendor_estimate(v, cur) for v in result.vendor_views),
        terms={name: offer_terms_result(t, cur) for name, t in result.terms.items()},
        bids=tuple(vendor_bid_result(b, cur) for b in result.bids),
    )
