"""The deterministic monthly cash-flow schedule of an offer: `schedule(deal, offer_name, scenario)`."""

from __future__ import annotations

from decimal import Decimal

from pydantic import BaseModel

from principal.cost.content_memo import BoundedMemo, content
from principal.cost.fx import converted
from principal.cost.licence_terms import unit_price_in_month
from principal.cost.licences import billed_quantity, committed_quantity
from principal.cost.lines import Category, Line, Schedule
from principal.cost.order_form_lines import order_form_lines
from principal.cost.scenario import PLAN, Scenario
from principal.cost.timeline import billing_start_month, contract_year, go_live_month, uplift_factor
from principal.cost.usage_charges import usage_lines
from principal.cost.waves import LiveShare, live_shares
from principal.model.deal import Deal, Offer
from principal.model.pricing import LicenceBilling, License, LicenseKind, MilestoneGate, Uplift, UpliftTarget

DELAYED_GATES = frozenset({MilestoneGate.uat, MilestoneGate.go_live, MilestoneGate.stable_operations})
CATEGORY_ORDER = {category: i for i, category in enumerate(Category)}
SCHEDULES = 128
"""How many schedules are remembered (by the full content of the deal, offer and scenario)."""

_schedules: BoundedMemo[tuple[str, str, str, str], Schedule] = BoundedMemo(SCHEDULES)


def schedule(deal: Deal, offer_name: str, scenario: Scenario = PLAN, *, offer: Offer | None = None) -> Schedule:
    """Cost one offer month by month. Pass `offer` to cost a variant that is not in the deal under that name.

    The same deal, offer and scenario (by content) give the same, shared, immutable schedule."""
    if offer is None:
        offer = deal.offers[offer_name]
    key = (content(deal), offer_name, content(offer), repr(scenario))
    chosen = offer
    return _schedules.get_or_make(key, lambda: _schedule(deal, offer_name, scenario, chosen))


def _schedule(deal: Deal, offer_name: str, scenario: Scenario, offer: Offer) -> Schedule:
    lines: list[Line] = []
    lines.extend(_licence_lines(deal, offer, scenario))
    lines.extend(_recurring_lines(offer, scenario))
    lines.extend(usage_lines(deal, offer, scenario))
    lines.extend(_one_time_lines(offer, scenario))
    lines = converted(order_form_lines(deal, offer, scenario, lines), deal, offer)
    lines.sort(key=lambda line: (line.month, CATEGORY_ORDER[line.category]))
    return Schedule(
        offer=offer_name,
        scenario=scenario.name,
        term_months=offer.term_months,
        currency=deal.currency,
        lines=tuple(lines),
        go_live_month=go_live_month(offer, scenario),
        billing_start_month=billing_start_month(offer, scenario),
    )


LicenceKey = tuple[str, int, str | None, int, str | None, str]
_licence_memo: BoundedMemo[LicenceKey, tuple[Line, ...]] = BoundedMemo(512)


def _optional(model: BaseModel | None) -> str | None:
    return None if model is None else content(model)


def _licence_lines(deal: Deal, offer: Offer, scenario: Scenario) -> list[Line]:
    """Each licence's monthly lines, remembered per licence on what they read: the licence, the buyer's agents,
    the offer's implementation, term and uplift, and the scenario."""
    start = billing_start_month(offer, scenario)
    shares = live_shares(deal, offer, scenario)
    scenario_text = repr(scenario)
    impl, uplift = _optional(offer.implementation), _optional(offer.uplift)
    out: list[Line] = []
    for lic in offer.licenses:
        key = (content(lic), deal.buyer.agents, impl, offer.term_months, uplift, scenario_text)
        lines = _licence_memo.get(key)
        if lines is None:
            lines = tuple(_one_licence(lic, start, offer.term_months, shares, offer.uplift, scenario))
            _licence_memo.put(key, lines)
        out.extend(lines)
    return out


def _one_licence(
    lic: License, start: int, term: int, shares: tuple[LiveShare, ...], offer_uplift: Uplift | None, scenario: Scenario
) -> list[Line]:
    factors: dict[int, Decimal] = {}
    out = []
    unit = "hour" if lic.kind is LicenseKind.hourly else "seat"
    per_live_seat = lic.billed_on is LicenceBilling.live_seats
    for month in range(start, term + 1):
        factor = Decimal(1)
        if scenario.licence_quantity_from and month >= scenario.licence_quantity_from[0]:
            factor = scenario.licence_quantity_from[1]
        live = shares[month - 1]
        if lic.true_up is not None:
            quantity = committed_quantity(lic, live)
        else:
            quantity = billed_quantity(lic, month, factor, live)
        invoiced = scenario.seats_billed(lic.name, month)
        if invoiced is not None:
            quantity = invoiced
        if per_live_seat and quantity == 0:
            continue
        year = contract_year(month)
        uplift = factors.get(year) or factors.setdefault(year, uplift_factor(offer_uplift, year, UpliftTarget.licenses))
        base_price = unit_price_in_month(lic, month)
        price = base_price * uplift
        uplift_text = f" x uplift {uplift:.6g} (year {contract_year(month)})" if uplift != 1 else ""
        live_text = (
            f" ({live.live:,} of {live.agents:,} agents live, rounded up)" if per_live_seat and not live.full else ""
        )
        out.append(
            Line(
                month,
                Category.licenses,
                f"{lic.name} licences ({lic.kind.value})",
                quantity * price,
                f"{quantity:,} {unit}s{live_text} x {base_price}{uplift_text}",
                quantity=quantity,
                unit=unit,
                unit_price=price,
            )
        )
    return out


def _recurring_lines(offer: Offer, scenario: Scenario) -> list[Line]:
    start = billing_start_month(offer, scenario)
    out = []
    for fee in offer.recurring_fees:
        for month in range(max(start, fee.from_month), offer.term_months + 1):
            uplift = Decimal(1)
            if fee.uplifted:
                uplift = uplift_factor(offer.uplift, contract_year(month), UpliftTarget.licenses)
            text = f"{fee.monthly} a month" + (f" x uplift {uplift:.6g}" if uplift != 1 else "")
            out.append(Line(month, Category.recurring, fee.name, fee.monthly * uplift, text))
    return out


def _one_time_lines(offer: Offer, scenario: Scenario) -> list[Line]:
    out = []
    for fee in offer.one_time_fees:
        if not fee.milestones:
            out.append(Line(1, Category.one_time, fee.name, fee.amount, f"{fee.amount} due in month 1"))
            continue
        for milestone in fee.milestones:
            month = milestone.month
            if milestone.gate in DELAYED_GATES:
                month = min(offer.term_months, month + scenario.go_live_delay_months)
            amount = fee.amount * milestone.percent / 100
            held = " (held back until acceptance)" if milestone.holdback else ""
            out.append(
                Line(
                    month,
                    Category.one_time,
                    f"{fee.name}: {milestone.name}",
                    amount,
                    f"{milestone.percent}% of {fee.amount}{held}",
                )
            )
    return out
