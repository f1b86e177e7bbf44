"""Everything the order form says beyond the monthly schedule, for one offer: who bids and in which currency, the
cash view and NPV, renewal exposure, the cost of leaving early, the liability cap, all-in unit prices, and the
defaults assumed and terms unknown."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from principal.cost.bids import vendor_of
from principal.cost.defaults import DefaultUsed, Unknown
from principal.cost.exit_terms import (
    LiabilityCap,
    RenewalExposure,
    TerminationCosts,
    liability_cap,
    renewal_exposure,
    termination_costs,
)
from principal.cost.fx import FxExposure, fx_exposure, offer_currency
from principal.cost.lines import Schedule
from principal.cost.payments import CashView, cash_view
from principal.cost.term_defaults import schedule_defaults
from principal.cost.unit_prices import UnitPrices, unit_prices
from principal.model.deal import Deal


@dataclass(frozen=True)
class OrderTerms:
    offer: str
    vendor: str | None
    version: str | None
    currency: str
    """The currency the offer is priced in (every figure here is in the deal's)."""
    fx: FxExposure | None
    cash: CashView
    renewal: RenewalExposure
    termination: TerminationCosts
    liability: LiabilityCap
    unit_prices: UnitPrices
    defaults_used: tuple[DefaultUsed, ...]
    unknowns: tuple[Unknown, ...]


def order_terms(deal: Deal, s: Schedule, switching_total: Decimal | None = None) -> OrderTerms:
    """The order-form view of the offer costed in `s` (its name must be in the deal)."""
    name = s.offer
    offer = deal.offers[name]
    cash = cash_view(deal, name, offer, s)
    renewal = renewal_exposure(deal, name, offer, s)
    termination = termination_costs(deal, name, offer, s)
    liability = liability_cap(deal, name, offer, s)
    prices = unit_prices(deal, name, offer, s, switching_total)
    defaults = schedule_defaults(name, offer) + cash.defaults_used + renewal.defaults_used
    unknowns = cash.unknowns + renewal.unknowns + termination.unknowns + liability.unknowns + prices.unknowns
    return OrderTerms(
        offer=name,
        vendor=vendor_of(deal, name),
        version=offer.version,
        currency=offer_currency(deal, offer),
        fx=fx_exposure(deal, offer, s.total),
        cash=cash,
        renewal=renewal,
        termination=termination,
        liability=liability,
        unit_prices=prices,
        defaults_used=defaults,
        unknowns=unknowns,
    )
