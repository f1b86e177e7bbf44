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
from principal.cost.switching import SwitchingCost, headline, incumbent_end
from principal.cost.terms_results import OfferTermsResult, VendorBidResult, offer_terms_result, vendor_bid_result
from principal.cost.transition import DefaultUsed
from principal.money import Amount
from principal.statements import Statement, UnitPrice


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
    incumbent_term_cost: Amount | None
    """The cost of staying over the term (fixed: the incumbent's cost has no uncertainty in the deal)."""
    dual_running: Amount | None
    """Dual running plus any early-termination fee: fixed per offer (go-live timing is deterministic)."""
    switching: CostRange | None
    """The cost of switching (the simulated contract + dual running)."""
    difference: CostRange | None
    """Switching - staying, draw by draw: positive when switching costs more."""
    p_switching_beats_staying: float | None


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
class SwitchingYearResult:
    year: int
    months: int
    contract: Amount
    dual_running: Amount | None
    early_termination: Amount | None
    switching: Amount | None
    staying: Amount | None
    difference: Amount | None


@dataclass(frozen=True)
class SwitchingResult:
    """The headline: the cost of switching to the offer (new contract + dual running + early termination)
    against the cost of staying (the incumbent over the same term). None marks what is unknown because the deal
    does not give the incumbent's monthly cost; `questions` says what to ask."""

    offer: str
    known: bool
    headline: Statement
    incumbent_end: Statement | None
    contract: Amount
    dual_running: Amount | None
    early_termination: Amount | None
    switching: Amount | None
    staying: Amount | None
    difference: Amount | None
    """Switching - staying: positive when switching costs more."""
    switching_beats_staying: bool | None
    incumbent_end_month: int | None
    """First month the incumbent bills nothing."""
    all_moved_month: int | None
    """First month every agent is off the incumbent (last go-live + overlap)."""
    end_rule: str | None
    """Why the incumbent ends then: moved, notice, commitment, early_termination or after_term."""
    years: tuple[SwitchingYearResult, ...]
    defaults_used: tuple[DefaultUsed, ...]
    questions: tuple[str, ...]
    notes: tuple[Statement, ...]
    lines: tuple[LineItem, ...] | None
    """The incumbent's lines (dual running, early termination), when asked for."""


@dataclass(frozen=True)
class OfferCostResult(OfferSchedule):
    """`principal cost` for one offer: switching against staying, its schedule, budget, vendor's estimate and
    simulation."""

    switching: SwitchingResult
    budget: tuple[BudgetYear, ...]
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
    basis: str
    """What the saving is measured on: "cost of switching", or "new contract" when the incumbent is unknown."""
    saving: Amount
    saving_by_year: tuple[Amount, ...]
    levers: tuple[LeverResult, ...]


@dataclass(frozen=True)
class ComparisonResult:
    """`principal compare`: the offers side by side, savings by lever, crossings and the vendor's estimates."""

    baseline: str
    currency: str
    offers: dict[str, OfferSchedule]
    switching: dict[str, SwitchingResult]
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
        incumbent_term_cost=None if sim.incumbent_term_cost is None else _from_float(sim.incumbent_term_cost, currency),
        dual_running=None if sim.dual_running is None else _from_float(sim.dual_running, currency),
        switching=None if sim.switching_term is None else _cost_range(sim.switching_term, currency),
        difference=None if sim.difference_term is None else _cost_range(sim.difference_term, currency),
        p_switching_beats_staying=sim.p_switching_beats_staying,
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


def _maybe(value: Decimal | None, currency: str) -> Amount | None:
    return None if value is None else Amount(value, currency)


def switching_result(sw: SwitchingCost, currency: str, *, lines: bool = False) -> SwitchingResult:
    """The cost of switching against staying, as reported."""
    moving = sw.transition
    difference = sw.difference
    return SwitchingResult(
        offer=sw.offer,
        known=sw.known,
        headline=headline(sw, currency),
        incumbent_end=incumbent_end(moving),
        contract=_money(sw.contract.total, currency),
        dual_running=_maybe(sw.dual_running, currency),
        early_termination=_maybe(sw.early_termination, currency),
        switching=_maybe(sw.total, currency),
        staying=_maybe(sw.staying, currency),
        difference=_maybe(difference, currency),
        switching_beats_staying=None if difference is None else difference < 0,
        incumbent_end_month=moving.end_month,
        all_moved_month=moving.all_moved_month,
        end_rule=None if moving.rule is None else moving.rule.value,
        years=tuple(
            SwitchingYearResult(
                y.year,
                y.months,
                _money(y.contract, currency),
                _maybe(y.dual_running, currency),
                _maybe(y.early_termination, currency),
                _maybe(y.switching, currency),
                _maybe(y.staying, currency),
                _maybe(y.difference, currency),
            )
            for y in sw.years
        ),
        defaults_used=moving.defaults_used,
        questions=moving.questions,
        notes=moving.notes,
        lines=tuple(line_item(ln, currency) for ln in moving.lines) if lines else None,
    )


def _offer_cost(item: OfferCost, currency: str, lines: bool) -> OfferCostResult:
    s = item.schedule
    return OfferCostResult(
        *_schedule_fields(s),
        switching=switching_result(item.switching, currency, lines=lines),
        budget=tuple(
            BudgetYear(b.year, _money(b.budget, currency), _money(b.cost, currency), _money(b.over, currency))
            for b in item.budget
        ),
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
        switching={name: switching_result(sw, cur) for name, sw in result.switching.items()},
        versus_baseline=tuple(
            VersusBaseline(
                offer=v.offer,
                baseline=v.baseline,
                basis=v.basis,
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
