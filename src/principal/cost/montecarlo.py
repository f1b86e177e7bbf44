"""Monte Carlo over the buyer's forecast uncertainty: vectorised numpy, seeded, float64.

Each draw picks a level for every forecast (from its distribution), applies growth, month-to-month noise and
forecast events (each happens in a draw with its probability), then prices usage with the same mechanics as the
deterministic schedule (rounding, allowances, bands, minimums, caps and collars). Fixed charges (licences,
recurring and one-time fees) come from the deterministic schedule. Draws for a forecast depend only on the seed
and the forecast's name, so two offers simulated with the same seed see the same volumes (paired comparison).

Volumes on the new platform follow the offer's roll-out: each month's volume is scaled by the share of agents live
(`principal.cost.waves`), or, for a forecast with an explicit `schedule`, is that schedule scaled by the draw's
level / expected. The incumbent's dual running and early-termination fee depend only on go-live timing, which is
deterministic per offer, so the cost of switching in a draw is the draw's contract cost plus that fixed amount,
and the difference against staying (the incumbent over the term, also fixed) is computed draw by draw.
"""

from __future__ import annotations

import zlib
from collections.abc import Callable
from dataclasses import dataclass, field
from decimal import Decimal

import numpy as np

from principal.cost import ratecard
from principal.cost.commitments import commitment_array
from principal.cost.content_memo import BoundedMemo, content
from principal.cost.fx import fx_rate
from principal.cost.incumbent import incumbent_months
from principal.cost.licences import seats_in_month
from principal.cost.lines import SURCHARGE_CATEGORIES, USAGE_CATEGORIES
from principal.cost.minimums import minimum_array
from principal.cost.ratecard import FloatArray
from principal.cost.scenario import PLAN
from principal.cost.schedule import schedule
from principal.cost.surcharges import MeterDraws, schedule_bases, simulated_surcharges
from principal.cost.timeline import contract_year, go_live_month, uplift_factor
from principal.cost.transition import transition
from principal.cost.usage_charges import billed_before_cap, meter_months
from principal.cost.volumes import rounding_factor, scheduled_volume
from principal.cost.waves import live_shares
from principal.model.buyer import Distribution, Forecast
from principal.model.deal import Deal, Offer
from principal.model.pricing import Period, UpliftTarget, UsageMeter

Z90 = 1.2815515655446004  # standard normal quantile at 0.90: P10/P90 are mean -/+ Z90 sigma


@dataclass(frozen=True)
class Stats:
    mean: float
    p10: float
    p50: float
    p90: float

    @classmethod
    def of(cls, values: FloatArray) -> Stats:
        p10, p50, p90 = np.percentile(values, [10, 50, 90])
        return cls(float(values.mean()), float(p10), float(p50), float(p90))


@dataclass(frozen=True)
class Simulation:
    """Distribution of an offer's cost over `draws` forecast scenarios."""

    offer: str
    draws: int
    seed: int
    term: Stats
    years: tuple[Stats, ...]
    usage_term: Stats
    usage_share_mean: float
    p_over_budget_by_year: tuple[float, ...] | None
    p_over_budget_any_year: float | None
    incumbent_term_cost: float | None
    """The cost of staying: the incumbent over the term (None when the deal does not give its cost)."""
    dual_running: float | None
    """Dual running and early-termination fee (fixed per offer; None when the incumbent is unknown)."""
    switching_term: Stats | None
    difference_term: Stats | None
    """Cost of switching - cost of staying, draw by draw (positive: switching costs more)."""
    p_switching_beats_staying: float | None
    """Share of draws in which switching costs less than staying."""
    term_samples: FloatArray = field(repr=False, compare=False)


def _rng(seed: int, name: str) -> np.random.Generator:
    return np.random.default_rng([seed, zlib.crc32(name.encode())])


def draw_levels(fc: Forecast, draws: int, rng: np.random.Generator) -> FloatArray:
    """One monthly level per draw, from the forecast's distribution."""
    expected = float(fc.expected)
    low = float(fc.low) if fc.low is not None else expected
    high = float(fc.high) if fc.high is not None else expected
    kind = fc.distribution
    if kind is Distribution.fixed or low == high:
        return np.full(draws, expected)
    if kind is Distribution.uniform:
        return rng.uniform(low, high, draws)
    if kind is Distribution.triangular:
        return rng.triangular(low, expected, high, draws)
    if kind is Distribution.normal:
        sigma = (high - low) / (2 * Z90)
        return np.maximum(rng.normal(expected, sigma, draws), 0.0)
    mu = (np.log(low) + np.log(high)) / 2
    sigma = (np.log(high) - np.log(low)) / (2 * Z90)
    return rng.lognormal(mu, sigma, draws)


def forecast_volumes(
    deal: Deal,
    name: str,
    term: int,
    usage_start: int,
    draws: int,
    seed: int,
    live: FloatArray | None = None,
) -> FloatArray:
    """Volumes (draws x months) for one forecast on the new platform; `live` is the share of agents live by month.
    The same forecast, term, start, draws, seed and roll-out draw the same volumes: they are drawn once and shared
    (read-only)."""
    fc = deal.buyer.forecasts[name]
    shares = None if live is None else live.tobytes()
    key = (content(fc), name, term, usage_start, draws, seed, shares)
    found = _volumes.get(key)
    if found is None:
        found = _forecast_volumes(fc, name, term, usage_start, draws, seed, live)
        found.flags.writeable = False
        _volumes.put(key, found)
    return found


VOLUMES = 12
"""How many forecasts' drawn volumes are remembered (each is draws x months floats: 2.9 MB at 10,000 x 36)."""
_volumes: BoundedMemo[tuple[str, str, int, int, int, int, bytes | None], FloatArray] = BoundedMemo(VOLUMES)


def _forecast_volumes(
    fc: Forecast, name: str, term: int, usage_start: int, draws: int, seed: int, live: FloatArray | None
) -> FloatArray:
    rng = _rng(seed, name)
    levels = draw_levels(fc, draws, rng)
    months = np.arange(1, term + 1)
    volumes: FloatArray
    if fc.schedule:
        base = np.array([float(scheduled_volume(fc, int(m))) for m in months])
        ratio = levels / float(fc.expected) if fc.expected else np.ones(draws)
        volumes = ratio[:, None] * base[None, :]
    else:
        growth = (1 + float(fc.growth_percent) / 100) ** ((months - 1) // 12)
        volumes = levels[:, None] * growth[None, :]
    if fc.monthly_noise > 0:
        noise = rng.standard_normal((draws, term)) * (float(fc.monthly_noise) / 100)
        volumes *= np.maximum(1 + noise, 0.0)
    for event in fc.events:
        happens = rng.random(draws) < event.probability
        end = event.from_month + event.months if event.months is not None else term + 1
        window = (months >= event.from_month) & (months < end)
        if not window.any() or not happens.any():
            continue
        cells = happens[:, None] & window[None, :]
        if event.level is not None:
            volumes = np.where(cells, float(event.level), volumes)
        else:
            volumes = volumes + cells * float(event.add or 0)
    if live is not None and not fc.schedule and bool((live[usage_start - 1 :] < 1).any()):
        volumes *= live[None, :]
    volumes[:, months < usage_start] = 0.0
    return volumes


def _meter_charges(
    offer: Offer,
    meter: UsageMeter,
    volumes: FloatArray,
    seats: FloatArray,
    factors: FloatArray,
    currency: str,
    collect: MeterDraws | None = None,
) -> FloatArray:
    factor = float(rounding_factor(meter.rounding))
    billable = volumes * factor if factor != 1.0 else volumes  # the volumes are never written to below
    if meter.included is not None:
        included = float(meter.included.per_seat) * seats + float(meter.included.fixed)
        billable = np.maximum(billable - included[None, :], 0.0)
    if meter.rounding is not None and meter.rounding.total_increment is not None:
        step = float(meter.rounding.total_increment)
        billable = np.ceil(billable / step) * step
    card = meter.rate_card
    if card.period is Period.month:
        charges = ratecard.price_array(card, billable, factors[None, :])
    else:
        charges = np.empty_like(billable)
        for start in range(0, offer.term_months, 12):
            span = slice(start, min(start + 12, offer.term_months))
            running = np.cumsum(billable[:, span], axis=1)
            f = factors[None, span]
            charges[:, span] = ratecard.price_array(card, running, f) - ratecard.price_array(
                card, running - billable[:, span], f
            )
    if meter.commitment is not None:
        before = np.zeros_like(billable)
        if card.period is Period.year:
            for start in range(0, offer.term_months, 12):
                span = slice(start, min(start + 12, offer.term_months))
                before[:, span] = np.cumsum(billable[:, span], axis=1) - billable[:, span]
        charges = charges + commitment_array(offer, meter, billable, before, factors)
    charges = minimum_array(offer, meter, charges, currency)
    if collect is not None:
        collect[meter.name] = (billable, charges)
    return charges


def _apply_cap(deal: Deal, offer: Offer, covered_charges: FloatArray, covered: list[UsageMeter]) -> FloatArray:
    cap = offer.usage_cap
    assert cap is not None
    term = offer.term_months
    plan = np.zeros(term)
    for meter in covered:
        plan += np.array([float(c) for c in billed_before_cap(deal, offer, meter, PLAN)])
    spans = (
        [(m, m + 1) for m in range(term)]
        if cap.period is Period.month
        else [(s, min(s + 12, term)) for s in range(0, term, 12)]
    )
    out = np.empty_like(covered_charges)
    for start, end in spans:
        plan_total = plan[start:end].sum()
        if cap.amount is not None:
            limit = float(cap.amount) * ((end - start) / 12 if cap.period is Period.year else 1)
        else:
            limit = plan_total * float(cap.percent_of_forecast or 0) / 100
        running = np.minimum(np.cumsum(covered_charges[:, start:end], axis=1), limit)
        out[:, start:end] = np.diff(running, axis=1, prepend=0.0)
        if cap.collar_percent_of_forecast is not None:
            floor = plan_total * float(cap.collar_percent_of_forecast) / 100
            out[:, end - 1] += np.maximum(floor - running[:, -1], 0.0)
    return out


def simulate_usage(
    deal: Deal,
    offer: Offer,
    draws: int,
    seed: int,
    collect: MeterDraws | None = None,
    plan_deal: Deal | None = None,
) -> FloatArray:
    """Usage charges (draws x months) for an offer, in the offer's currency; `collect` receives each meter's
    billable units and charges before any cap. `plan_deal` gives the forecast a percent-of-forecast cap is set
    against when the volumes come from another view (the vendor's estimates); default `deal`."""
    term = offer.term_months
    start = go_live_month(offer, PLAN)
    shares = live_shares(deal, offer, PLAN)
    live = np.array([s.live / s.agents for s in shares], dtype=np.float64)
    seats = np.array([float(seats_in_month(offer.licenses, m, live=shares[m - 1])) for m in range(1, term + 1)])
    factors = np.array(
        [float(uplift_factor(offer.uplift, contract_year(m), UpliftTarget.usage)) for m in range(1, term + 1)]
    )
    volume_cache: dict[str, FloatArray] = {}
    total = np.zeros((draws, term))
    covered_total = np.zeros((draws, term))
    cap = offer.usage_cap
    covered: list[UsageMeter] = []
    for meter in offer.usage:
        if meter.forecast not in volume_cache:
            volume_cache[meter.forecast] = forecast_volumes(deal, meter.forecast, term, start, draws, seed, live)
        charges = _meter_charges(offer, meter, volume_cache[meter.forecast], seats, factors, deal.currency, collect)
        if cap is not None and (not cap.meters or meter.name in cap.meters):
            covered_total += charges
            covered.append(meter)
        else:
            total += charges
    if cap is not None and covered:
        total += _apply_cap(plan_deal or deal, offer, covered_total, covered)
    return total


def incumbent_monthly(deal: Deal, term: int) -> FloatArray | None:
    months = incumbent_months(deal, term)
    return None if months is None else np.array([float(m) for m in months], dtype=np.float64)


def simulate(
    deal: Deal,
    offer_name: str,
    draws: int = 10_000,
    seed: int = 0,
    *,
    offer: Offer | None = None,
    progress: Callable[[int], None] | None = None,
    plan_deal: Deal | None = None,
) -> Simulation:
    """Simulate an offer's cost over `draws` forecast scenarios (`plan_deal`: see `simulate_usage`)."""
    if offer is None:
        offer = deal.offers[offer_name]
    term = offer.term_months
    fixed_schedule = schedule(deal, offer_name, offer=offer)
    fixed = np.zeros(term)
    for line in fixed_schedule.lines:
        if line.category not in USAGE_CATEGORIES and line.category not in SURCHARGE_CATEGORIES:
            fixed[line.month - 1] += float(line.amount)
    rate = float(fx_rate(deal, offer))
    bases, seats = schedule_bases(fixed_schedule.lines, term)
    usage = np.zeros((draws, term))
    surcharges = np.zeros((draws, term)) if offer.surcharges else None
    chunk = 50_000
    for begin in range(0, draws, chunk):
        size = min(chunk, draws - begin)
        per_meter: MeterDraws | None = {} if surcharges is not None else None
        part = simulate_usage(deal, offer, size, seed + begin, per_meter, plan_deal)
        if rate != 1.0:
            part *= rate
        usage[begin : begin + size] = part
        if surcharges is not None and per_meter is not None:
            surcharges[begin : begin + size] = simulated_surcharges(offer, bases, part, per_meter, seats, PLAN, rate)
        if progress is not None:
            progress(size)
    monthly = usage + fixed[None, :]
    if surcharges is not None:
        monthly += surcharges
    term_total = monthly.sum(axis=1)
    year_totals = [monthly[:, s : min(s + 12, term)].sum(axis=1) for s in range(0, term, 12)]
    usage_total = usage.sum(axis=1)
    budget = deal.buyer.budget.annual if deal.buyer.budget else None
    p_budget: tuple[float, ...] | None = None
    p_any: float | None = None
    if budget is not None:
        limits = [float(budget) * min(12, term - s) / 12 for s in range(0, term, 12)]
        over = np.stack([y > lim for y, lim in zip(year_totals, limits, strict=True)])
        p_budget = tuple(float(row.mean()) for row in over)
        p_any = float(over.any(axis=0).mean())
    inc = incumbent_monthly(deal, term)
    moving = transition(deal, offer_name, offer=offer)
    switching = difference = None
    p_beats = dual = None
    if inc is not None and moving.known:
        dual = float(moving.total())
        switch_total = term_total + dual
        diff = switch_total - inc.sum()
        switching, difference = Stats.of(switch_total), Stats.of(diff)
        p_beats = float((diff < 0).mean())
    return Simulation(
        offer=offer_name,
        draws=draws,
        seed=seed,
        term=Stats.of(term_total),
        years=tuple(Stats.of(y) for y in year_totals),
        usage_term=Stats.of(usage_total),
        usage_share_mean=_usage_share(usage_total, term_total),
        p_over_budget_by_year=p_budget,
        p_over_budget_any_year=p_any,
        incumbent_term_cost=float(inc.sum()) if inc is not None else None,
        dual_running=dual,
        switching_term=switching,
        difference_term=difference,
        p_switching_beats_staying=p_beats,
        term_samples=term_total,
    )


def _usage_share(usage_total: FloatArray, term_total: FloatArray) -> float:
    """Mean share of usage in the term cost; a draw whose term costs nothing has no usage either: share 0."""
    share = np.divide(usage_total, term_total, out=np.zeros_like(term_total), where=term_total > 0)
    return float(share.mean())


def exact_mean_usage(deal: Deal, offer: Offer) -> Decimal:
    """Analytic mean of usage cost for flat, uncapped cards (used to check the simulation)."""
    total = Decimal(0)
    for meter in offer.usage:
        fc = deal.buyer.forecasts[meter.forecast]
        low = fc.low if fc.low is not None else fc.expected
        high = fc.high if fc.high is not None else fc.expected
        mean = (low + fc.expected + high) / 3 if fc.distribution is Distribution.triangular else fc.expected
        for mm in meter_months(deal, offer, meter, PLAN):
            if mm.volume and fc.expected:
                total += mm.charge * mean / fc.expected
    return total
