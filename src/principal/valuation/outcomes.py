"""The buyer's risk-adjusted cost of switching to one offer, draw by draw, on the shared draws of a `World`.

cost(draw) = the new contract at the draw's volumes (`principal.cost.montecarlo`, caps, bands and minimums
             included) + dual running and early termination of the incumbent (fixed per offer)
           + if the implementation slips: the extra cost of switching of a go-live `slip_months` later
             (deterministic engine, `Scenario.go_live_delay_months`) - the amount held back until acceptance
           + business impact of the draw's outages - SLA credits the offer's SLA pays on them (the SLA engine's
             `evaluate_design`; a credit only against future invoices is lost in the last window)
           - what a chronic-failure exit saves: once a rule fires, the watched components' impact for the rest of
             the term is replaced by what a vendor at the base preset would cause on average, less the rule's fee
           + if the buyer leaves: export fee (unless included) + transition hours x (agreed rate, else the market
             rate); leaving before the last contract year also costs the offer's termination fee for that year
             (without a stated right to terminate, the committed fees still owed)
           + (for the renewal lever only) if the buyer stays: the first renewal year at the renewal price.
"""

from __future__ import annotations

from decimal import Decimal

import numpy as np

from principal.cost.exit_terms import renewal_exposure, termination_costs
from principal.cost.montecarlo import simulate
from principal.cost.scenario import PLAN, Scenario
from principal.cost.schedule import schedule
from principal.cost.switching import switching_cost
from principal.cost.timeline import years_in_term
from principal.model.deal import Deal, Offer
from principal.model.sla import ChronicRemedy
from principal.sla.draws import FloatArray, IntArray
from principal.sla.fee_base import fee_bases_for_offer
from principal.sla.simulation import evaluate_design
from principal.sla.windows import months_per_window
from principal.valuation.assumptions import RiskAssumptions
from principal.valuation.world import World, build_world

DRAWS = 10_000
SEED = 0


def holdback_amount(offer: Offer) -> Decimal:
    """One-time fees held back until stable operations (paid only on acceptance)."""
    return sum(
        (fee.amount * m.percent / 100 for fee in offer.one_time_fees for m in fee.milestones if m.holdback),
        Decimal(0),
    )


def spread_deal(deal: Deal, factor: Decimal) -> Deal:
    """The deal with every forecast's low-high range scaled by `factor` around its expected value."""
    if factor == 1:
        return deal
    forecasts = {}
    for name, fc in deal.buyer.forecasts.items():
        update: dict[str, object] = {}
        if fc.low is not None:
            update["low"] = max(fc.expected - (fc.expected - fc.low) * factor, fc.expected / 100)
        if fc.high is not None:
            update["high"] = fc.expected + (fc.high - fc.expected) * factor
        forecasts[name] = fc.model_copy(update=update)
    buyer = deal.buyer.model_copy(update={"forecasts": forecasts})
    return deal.model_copy(update={"buyer": buyer})


def vendor_view_deal(deal: Deal) -> Deal:
    """The deal with each forecast the vendor estimated rescaled to the vendor's figure (range and events kept in
    proportion): how the vendor sees the risk of a usage term."""
    forecasts = {}
    for name, fc in deal.buyer.forecasts.items():
        if fc.vendor_expected is None or not fc.expected:
            forecasts[name] = fc
            continue
        ratio = fc.vendor_expected / fc.expected
        update: dict[str, object] = {"expected": fc.vendor_expected}
        if fc.low is not None:
            update["low"] = fc.low * ratio
        if fc.high is not None:
            update["high"] = fc.high * ratio
        forecasts[name] = fc.model_copy(update=update)
    return deal.model_copy(update={"buyer": deal.buyer.model_copy(update={"forecasts": forecasts})})


def _priced(offer: Offer) -> str:
    """The offer's terms that move the contract's cost (not its SLA or exit terms, not its wording)."""
    return offer.model_dump_json(exclude={"sla", "exit", "label"})


def _with_offer(deal: Deal, name: str, offer: Offer) -> Deal:
    if deal.offers.get(name) is offer:
        return deal
    return deal.model_copy(update={"offers": {**deal.offers, name: offer}})


class Valuer:
    """Draw-by-draw costs of offers and offer variants on one world; every figure is memoised."""

    def __init__(
        self, deal: Deal, risk: RiskAssumptions, draws: int = DRAWS, seed: int = SEED, plan_deal: Deal | None = None
    ) -> None:
        self.original = deal
        self.plan_deal = plan_deal
        """The deal whose forecasts percent-of-forecast caps are set against (default: `deal`)."""
        self.risk = risk
        self.deal = spread_deal(deal, risk.forecast_spread.value)
        self.draws = draws
        self.seed = seed
        self.world: World = build_world(self.deal, risk, draws, seed)
        self._cache: dict[tuple[str, str, str], FloatArray] = {}
        self._known: dict[str, bool] = {}

    def rebuilt(self, risk: RiskAssumptions, changed: str) -> Valuer:
        """A valuer over other assumptions (`changed` names the one that differs): the same seed, so the same
        underlying draws; the contract draws are reused unless the forecasts change."""
        other = Valuer(self.original, risk, self.draws, self.seed, self.plan_deal)
        keep = set()
        if changed != "forecast_spread":
            keep.add("contract")
            if changed != "slip_months":
                keep.add("slip")
        other._cache.update({k: v for k, v in self._cache.items() if k[0] in keep})
        other._known.update(self._known)
        return other

    def _memo(self, kind: str, name: str, offer: Offer, make: object, key_text: str | None = None) -> FloatArray:
        key = (kind, name, key_text if key_text is not None else offer.model_dump_json())
        if key not in self._cache:
            assert callable(make)
            self._cache[key] = make()
        return self._cache[key]

    def switching_known(self, name: str) -> bool:
        """True when the incumbent's cost is known, so the contract figure includes dual running."""
        return self._known.get(name, True)

    def contract(self, name: str, offer: Offer) -> FloatArray:
        def make() -> FloatArray:
            deal = _with_offer(self.deal, name, offer)
            plan = _with_offer(self.plan_deal, name, offer) if self.plan_deal is not None else None
            sim = simulate(deal, name, self.draws, self.seed, offer=offer, plan_deal=plan)
            self._known[name] = sim.dual_running is not None
            return sim.term_samples + (sim.dual_running or 0.0)

        return self._memo("contract", name, offer, make, _priced(offer))

    def slip_cost(self, name: str, offer: Offer) -> float:
        def make() -> FloatArray:
            deal = _with_offer(self.deal, name, offer)
            late = Scenario(name="slip", go_live_delay_months=int(self.risk.slip_months.value))
            delta = (
                switching_cost(deal, name, late, offer=offer).basis
                - switching_cost(deal, name, PLAN, offer=offer).basis
            )
            return np.array([float(delta - holdback_amount(offer))])

        return float(self._memo("slip", name, offer, make, _priced(offer))[0])

    def _months(self, offer: Offer) -> int:
        return min(offer.term_months, self.world.months)

    def impact(self, offer: Offer) -> FloatArray:
        total: FloatArray = self.world.impact[:, : self._months(offer), :].sum(axis=(1, 2))
        return total

    def sla_relief(self, name: str, offer: Offer) -> FloatArray:
        """Credits paid plus what a chronic exit saves, draw by draw."""

        world = self.world
        sla = offer.sla
        if sla is None or world.outages is None:
            return np.zeros(world.draws)
        term = self._months(offer)
        fees = fee_bases_for_offer(_with_offer(self.deal, name, offer), name)

        def make() -> FloatArray:
            assert sla is not None and world.outages is not None
            arrays = evaluate_design(sla, world.outages, world.minutes_per_month, fees, term)
            credits: FloatArray = arrays.credits.sum(axis=1)
            if sla.credits.future_invoice_only:
                credits = credits - arrays.credits[:, -1]
            relief: FloatArray = credits + self._chronic_saving(offer, arrays.chronic_first, term)
            return relief

        return self._memo("sla", name, offer, make, f"{sla.model_dump_json()}|{fees!r}|{term}")

    def _chronic_saving(self, offer: Offer, firsts: tuple[IntArray, ...], term: int) -> FloatArray:
        world = self.world
        sla = offer.sla
        assert sla is not None
        step = months_per_window(sla.window)
        best_start = np.full(world.draws, term)
        saving = np.zeros(world.draws)
        for rule, first in zip(sla.chronic, firsts, strict=True):
            if rule.remedy is ChronicRemedy.fee_reduction:
                continue
            every = rule.remedy is ChronicRemedy.terminate_all or not rule.components
            watched = np.array([every or c in rule.components for c in world.components])
            if not watched.any():
                continue
            excess = world.impact[:, :term, watched].sum(axis=2) - world.base_impact_per_month[watched].sum()
            tail = np.concatenate([np.cumsum(excess[:, ::-1], axis=1)[:, ::-1], np.zeros((world.draws, 1))], axis=1)
            start = np.where(first >= 0, np.minimum((first + 1) * step, term), term)
            value = tail[np.arange(world.draws), start] - np.where(start < term, float(rule.termination_fee), 0.0)
            earlier = start < best_start
            saving = np.where(earlier, value, saving)
            best_start = np.where(earlier, start, best_start)
        return saving

    def leaving(self, name: str, offer: Offer) -> FloatArray:
        """Export, transition and early-termination costs in the draws where the buyer leaves."""

        def make() -> FloatArray:
            world, risk = self.world, self.risk
            ex = offer.exit
            export = risk.value("data_export_fee")
            if ex is not None and ex.data_export is not None and ex.data_export.included:
                export = float(ex.data_export.fee or 0)
            rate = risk.value("market_rate_per_hour")
            ta = ex.transition_assistance if ex is not None else None
            if ta is not None and ta.included and ta.rate_per_hour is not None:
                rate = float(ta.rate_per_hour)
            once = export + risk.value("transition_hours") * rate
            years = years_in_term(offer.term_months)
            leave = world.exit_uniform < risk.value("exit_probability")
            year = np.minimum((world.exit_year_uniform * years).astype(np.int64) + 1, years)
            deal = _with_offer(self.deal, name, offer)
            ends = termination_costs(deal, name, offer, schedule(deal, name, offer=offer)).exits
            by_year = np.zeros(years + 1)
            for end in ends:
                by_year[end.year] = float(end.fee if end.fee is not None else end.remaining_committed)
            return np.where(leave, once + by_year[year], 0.0)

        exit_text = offer.exit.model_dump_json() if offer.exit is not None else ""
        return self._memo("leave", name, offer, make, f"{exit_text}|{_priced(offer)}")

    def renewal(self, name: str, offer: Offer) -> FloatArray | None:
        """The first renewal year in the draws where the buyer stays (None: the renewal price is unknown)."""
        deal = _with_offer(self.deal, name, offer)
        exposure = renewal_exposure(deal, name, offer, schedule(deal, name, offer=offer)).exposure
        if exposure is None:
            return None
        stay = self.world.exit_uniform >= self.risk.value("exit_probability")
        return np.where(stay, float(exposure), 0.0)

    def cost(self, name: str, offer: Offer) -> FloatArray:
        """Risk-adjusted cost of switching, draw by draw (the renewal year is not included)."""

        def make() -> FloatArray:
            slipped = self.world.slip_uniform < self.risk.value("implementation_slip_probability")
            total = self.contract(name, offer) + np.where(slipped, self.slip_cost(name, offer), 0.0)
            return total + self.impact(offer) - self.sla_relief(name, offer) + self.leaving(name, offer)

        return self._memo("cost", name, offer, make)
