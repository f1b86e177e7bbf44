"""Typed results of the order-form view (principal.cost.order_terms) and of competing bids: every money figure an
`Amount` in the deal's currency, still exact (rounded once, when shown, like principal.cost.results)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal

from principal.cost.bids import VendorBid
from principal.cost.defaults import DefaultUsed, Unknown
from principal.cost.order_terms import OrderTerms
from principal.money import Amount


@dataclass(frozen=True)
class FxResult:
    currency: str
    """The currency the offer is priced in."""
    rate: Decimal
    """Units of the deal's currency per unit of the offer's."""
    term_cost: Amount
    term_cost_rate_down: Amount
    """The term cost with the rate 10% lower."""
    term_cost_rate_up: Amount
    """The term cost with the rate 10% higher."""
    change: Amount


@dataclass(frozen=True)
class CashResult:
    frequency: str
    timing: str
    payment_days: int
    months: tuple[Amount, ...]
    """Cash paid in each contract month (the last may fall after the term)."""
    by_year: tuple[Amount, ...]
    """Cash paid in each contract year of the term."""
    after_term: Amount
    """Cash paid after the term's last month (charges of its last months paid late)."""
    total: Amount
    discount_rate_percent: Decimal | None
    monthly_rate: Decimal | None
    npv: Amount | None


@dataclass(frozen=True)
class RenewalResult:
    auto_renews: bool | None
    renewal_term_months: int | None
    notice_days: int | None
    term_end: dt.date | None
    notice_by: dt.date | None
    price: str | None
    uplift_cap_percent: Decimal | None
    run_rate: Amount
    months: int
    exposure: Amount | None
    formula: str


@dataclass(frozen=True)
class YearExitResult:
    year: int
    month: int
    paid_to_date: Amount
    remaining_committed: Amount
    fee: Amount | None
    cost_to_leave: Amount | None


@dataclass(frozen=True)
class TerminationResult:
    right: bool | None
    fee_percent: Decimal | None
    fixed_fee: Amount | None
    exits: tuple[YearExitResult, ...]


@dataclass(frozen=True)
class CapAtYearResult:
    year: int
    month: int
    trailing_average: Amount
    from_months: Amount | None
    cap: Amount | None


@dataclass(frozen=True)
class LiabilityResult:
    months_of_fees: Decimal | None
    amount: Amount | None
    combination: str | None
    by_year: tuple[CapAtYearResult, ...]
    lowest: Amount | None
    outage_hour_cost: Amount | None
    outage_hours_covered: Decimal | None


@dataclass(frozen=True)
class UnitPricesResult:
    agents: int
    per_agent_month: Amount
    switching_per_agent_month: Amount | None
    licences_at_price: Amount
    licences_at_list: Amount | None
    percent_off_list: Decimal | None
    variable: Amount
    variable_share: float
    fixed_share: float


@dataclass(frozen=True)
class OfferTermsResult:
    """An offer's order-form terms in money: currency, cash and NPV, renewal, leaving early, liability, unit
    prices, with the defaults assumed and the terms unknown."""

    offer: str
    vendor: str | None
    version: str | None
    currency: str
    fx: FxResult | None
    cash: CashResult
    renewal: RenewalResult
    termination: TerminationResult
    liability: LiabilityResult
    unit_prices: UnitPricesResult
    defaults_used: tuple[DefaultUsed, ...]
    unknowns: tuple[Unknown, ...]


@dataclass(frozen=True)
class VendorBidResult:
    vendor: str | None
    offers: tuple[str, ...]
    best_offer: str
    best_cost: Amount
    alternative_vendor: str | None
    alternative_offer: str | None
    alternative_cost: Amount | None
    gap: Amount | None


def _maybe(value: Decimal | None, currency: str) -> Amount | None:
    return None if value is None else Amount(value, currency)


def offer_terms_result(t: OrderTerms, currency: str) -> OfferTermsResult:
    def money(value: Decimal) -> Amount:
        return Amount(value, currency)

    fx = t.fx
    cash = t.cash
    ren = t.renewal
    term = t.termination
    cap = t.liability
    up = t.unit_prices
    return OfferTermsResult(
        offer=t.offer,
        vendor=t.vendor,
        version=t.version,
        currency=t.currency,
        fx=None
        if fx is None
        else FxResult(
            fx.currency,
            fx.rate,
            money(fx.term_cost),
            money(fx.term_cost_rate_down),
            money(fx.term_cost_rate_up),
            money(fx.change),
        ),
        cash=CashResult(
            frequency=cash.frequency.value,
            timing=cash.timing.value,
            payment_days=cash.payment_days,
            months=tuple(money(m) for m in cash.months),
            by_year=tuple(money(y) for y in cash.year_totals()),
            after_term=money(cash.after_term),
            total=money(cash.total),
            discount_rate_percent=cash.discount_rate_percent,
            monthly_rate=cash.monthly_rate,
            npv=_maybe(cash.npv, currency),
        ),
        renewal=RenewalResult(
            auto_renews=ren.auto_renews,
            renewal_term_months=ren.renewal_term_months,
            notice_days=ren.notice_days,
            term_end=ren.term_end,
            notice_by=ren.notice_by,
            price=None if ren.price is None else ren.price.value,
            uplift_cap_percent=ren.uplift_cap_percent,
            run_rate=money(ren.run_rate),
            months=ren.months,
            exposure=_maybe(ren.exposure, currency),
            formula=ren.formula,
        ),
        termination=TerminationResult(
            right=term.right,
            fee_percent=term.fee_percent,
            fixed_fee=_maybe(term.fixed_fee, currency),
            exits=tuple(
                YearExitResult(
                    e.year,
                    e.month,
                    money(e.paid_to_date),
                    money(e.remaining_committed),
                    _maybe(e.fee, currency),
                    _maybe(e.cost_to_leave, currency),
                )
                for e in term.exits
            ),
        ),
        liability=LiabilityResult(
            months_of_fees=cap.months_of_fees,
            amount=_maybe(cap.amount, currency),
            combination=None if cap.combination is None else cap.combination.value,
            by_year=tuple(
                CapAtYearResult(
                    c.year, c.month, money(c.trailing_average), _maybe(c.from_months, currency), _maybe(c.cap, currency)
                )
                for c in cap.by_year
            ),
            lowest=_maybe(cap.lowest, currency),
            outage_hour_cost=_maybe(cap.outage_hour_cost, currency),
            outage_hours_covered=cap.outage_hours_covered,
        ),
        unit_prices=UnitPricesResult(
            agents=up.agents,
            per_agent_month=money(up.per_agent_month),
            switching_per_agent_month=_maybe(up.switching_per_agent_month, currency),
            licences_at_price=money(up.licences_at_price),
            licences_at_list=_maybe(up.licences_at_list, currency),
            percent_off_list=up.percent_off_list,
            variable=money(up.variable),
            variable_share=float(up.variable_share),
            fixed_share=float(up.fixed_share),
        ),
        defaults_used=t.defaults_used,
        unknowns=t.unknowns,
    )


def vendor_bid_result(bid: VendorBid, currency: str) -> VendorBidResult:
    return VendorBidResult(
        vendor=bid.vendor,
        offers=bid.offers,
        best_offer=bid.best_offer,
        best_cost=Amount(bid.best_cost, currency),
        alternative_vendor=bid.alternative_vendor,
        alternative_offer=bid.alternative_offer,
        alternative_cost=_maybe(bid.alternative_cost, currency),
        gap=_maybe(bid.gap, currency),
    )
