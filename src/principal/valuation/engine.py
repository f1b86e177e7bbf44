"""Lever values: the change in the buyer's expected risk-adjusted cost of switching and in its P90.

saving = E[cost(offer with the lever at the reference's terms)] - E[cost(offer)], and the same for the P90, both
on the same draws (common random numbers), each rounded half-up to the currency's minor unit once, here. Positive
means the lever lowers the buyer's cost. Every command that quotes a lever (compare, align, plan, the brief) reads
these figures, so they agree to the cent.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

import numpy as np

from principal.model.deal import Deal, Offer
from principal.money import Amount, round_money
from principal.sla.draws import FloatArray
from principal.valuation.assumptions import Assumption, Basis, RiskAssumptions, risk_assumptions
from principal.valuation.levers import LEVER_SPECS, SPECS, LeverSpec
from principal.valuation.outcomes import DRAWS, SEED, Valuer


@dataclass(frozen=True)
class LeverValue:
    lever: str
    title: str
    offer: str
    reference: str
    expected_saving: Amount | None
    """E[cost without the lever] - E[cost with it] (None: cannot be valued, see `note`)."""
    p90_saving: Amount | None
    basis: Basis
    """deal: every assumption it uses is stated by the deal; default: at least one is a labelled default."""
    defaults_used: tuple[str, ...]
    note: str = ""


@dataclass(frozen=True)
class Valuation:
    offer: str
    reference: str
    draws: int
    seed: int
    currency: str
    expected_cost: Amount
    p90_cost: Amount
    includes_dual_running: bool
    levers: tuple[LeverValue, ...]
    assumptions: tuple[Assumption, ...]

    def get(self, key: str) -> LeverValue | None:
        return next((lv for lv in self.levers if lv.lever == key), None)


def money(value: float, currency: str) -> Amount:
    return Amount(round_money(Decimal(repr(float(value))), currency), currency)


def p90(values: FloatArray) -> float:
    return float(np.percentile(values, 90))


def _defaults(risk: RiskAssumptions, names: tuple[str, ...]) -> tuple[str, ...]:
    by_name = {a.name: a for a in risk.all()}
    return tuple(n for n in names if n in by_name and by_name[n].basis is Basis.default)


def lever_between(
    valuer: Valuer, spec: LeverSpec, name: str, with_lever: Offer, without: Offer, ref: str
) -> LeverValue:
    """The value of moving `without` to `with_lever` (two variants of offer `name`), on the valuer's draws."""
    cur = valuer.deal.currency
    defaults = _defaults(valuer.risk, spec.assumptions)
    basis = Basis.default if defaults else Basis.deal
    a, b = valuer.cost(name, with_lever), valuer.cost(name, without)
    note = ""
    if spec.renewal:
        ra, rb = valuer.renewal(name, with_lever), valuer.renewal(name, without)
        if ra is None or rb is None:
            return LeverValue(
                spec.key,
                spec.title,
                name,
                ref,
                None,
                None,
                Basis.unknown,
                defaults,
                "the renewal price of one side is not known: ask for it",
            )
        a, b = a + ra, b + rb
        note = "includes the first renewal year when the buyer stays"
    return LeverValue(
        spec.key,
        spec.title,
        name,
        ref,
        money(float(b.mean() - a.mean()), cur),
        money(p90(b) - p90(a), cur),
        basis,
        defaults,
        note,
    )


def valuer_for(deal: Deal, draws: int = DRAWS, seed: int = SEED) -> Valuer:
    return Valuer(deal, risk_assumptions(deal), draws, seed)


def value_levers(
    deal: Deal,
    offer_name: str,
    reference: str,
    *,
    valuer: Valuer | None = None,
    draws: int = DRAWS,
    seed: int = SEED,
) -> Valuation:
    """Every non-price lever in which `offer_name` differs from `reference`, valued on one Monte Carlo."""
    valuer = valuer if valuer is not None else valuer_for(deal, draws, seed)
    offer, ref = deal.offers[offer_name], deal.offers[reference]
    levers = tuple(
        lever_between(valuer, spec, offer_name, offer, spec.revert(offer, ref), reference)
        for spec in LEVER_SPECS
        if spec.differs(ref, offer)
    )
    cost = valuer.cost(offer_name, offer)
    cur = deal.currency
    return Valuation(
        offer=offer_name,
        reference=reference,
        draws=valuer.draws,
        seed=valuer.seed,
        currency=cur,
        expected_cost=money(float(cost.mean()), cur),
        p90_cost=money(p90(cost), cur),
        includes_dual_running=valuer.switching_known(offer_name),
        levers=levers,
        assumptions=valuer.risk.all(),
    )


def spec(key: str) -> LeverSpec:
    return SPECS[key]
