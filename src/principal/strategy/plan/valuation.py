"""Money values of the non-price terms for the deal space, read from `principal.valuation`.

Every risk level of the plan is valued by the one lever valuation (`principal.valuation`): the change in the
buyer's expected risk-adjusted cost of switching between the ask with the issue at the vendor's terms and the ask
with the issue at that level, on one Monte Carlo over the forecasts and the SLA outage model (common random
numbers). So the figure `plan` and the brief quote for a lever is the one `compare` and `align` print.
The vendor values credits, chronic exit and the holdback with its own, more optimistic failure rate: the buyer's
value is scaled by (vendor's expected misses a year / buyer's). A usage cap is valued for the vendor on the same
Monte Carlo with its own volume estimates (`vendor_view_deal`); exit support is money it gives up one for one.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal

from principal.model.deal import Deal, Offer
from principal.model.negotiation import Negotiation
from principal.money import Amount
from principal.statements import Count, Statement, say
from principal.valuation import SPECS, Basis, LeverValue, Valuer, lever_between, risk_assumptions, valuer_for
from principal.valuation.outcomes import vendor_view_deal

OPTIMISTIC = frozenset({"sla_credits", "chronic_exit", "holdback"})
"""Levers the vendor prices at its own failure rate."""
VENDOR_VOLUMES = frozenset({"usage_cap"})
"""Levers the vendor prices at its own volume estimates (the others it gives up one for one)."""


def significant(value: Decimal) -> str:
    return format(value.normalize(), "f") if abs(value) >= 1 else format(value, ".3g")


@dataclass(frozen=True)
class RiskBasis:
    """What every risk level of one deal is valued with: the valuation's draws and the vendor's optimism."""

    valuer: Valuer
    target: str
    reference: str
    ask: Offer
    ref: Offer
    optimism: Decimal
    currency: str
    vendor_valuers: list[Valuer] = field(default_factory=list)

    def vendor_valuer(self) -> Valuer:
        """The same Monte Carlo at the vendor's own volume estimates (built on first use)."""
        if not self.vendor_valuers:
            deal = self.valuer.original
            view = vendor_view_deal(deal)
            self.vendor_valuers.append(Valuer(view, risk_assumptions(view), self.valuer.draws, self.valuer.seed, deal))
        return self.vendor_valuers[0]


def risk_basis(deal: Deal, reference: str, target: str, negotiation: Negotiation) -> RiskBasis:
    risk = negotiation.buyer_risk
    optimism = (
        negotiation.vendor.expected_misses_per_year / risk.expected_misses_per_year
        if risk.expected_misses_per_year > 0
        else Decimal(1)
    )
    return RiskBasis(
        valuer_for(deal), target, reference, deal.offers[target], deal.offers[reference], optimism, deal.currency
    )


@dataclass(frozen=True)
class RiskValue:
    buyer: Decimal
    vendor: Decimal
    formula: Statement
    lever: LeverValue


def risk_value(basis: RiskBasis, key: str, level_terms: Offer) -> RiskValue:
    """Value of the ask with issue `key` at `level_terms`' terms against the ask with it at the vendor's."""
    spec = SPECS[key]
    without = spec.revert(basis.ask, basis.ref)
    lever = lever_between(basis.valuer, spec, basis.target, level_terms, without, basis.reference)
    saving = lever.expected_saving.number if lever.expected_saving is not None else Decimal(0)
    p90 = lever.p90_saving.number if lever.p90_saving is not None else Decimal(0)
    if key in VENDOR_VOLUMES:
        theirs = lever_between(basis.vendor_valuer(), spec, basis.target, level_terms, without, basis.reference)
        vendor = -(theirs.expected_saving.number if theirs.expected_saving is not None else Decimal(0))
        how = "at its own volume estimates"
    elif key in OPTIMISTIC:
        vendor = -saving * basis.optimism
        how = f"at its own failure rate (x{significant(basis.optimism)})"
    else:
        vendor = -saving
        how = "one for one"
    where = "stated by the deal" if lever.basis is Basis.deal else "defaults: " + ", ".join(lever.defaults_used)
    formula = say(
        "expected saving {saving} (P90 {p90}) on one Monte Carlo of {draws} draws over your forecasts, the SLA "
        "outage model and the slip and exit odds ({where}); the vendor, {how}, gives up {loss}",
        saving=Amount(saving, basis.currency),
        p90=Amount(p90, basis.currency),
        draws=Count(Decimal(basis.valuer.draws)),
        where=where,
        how=how,
        loss=Amount(-vendor, basis.currency),
    )
    return RiskValue(saving, vendor, formula, lever)
