"""Usage charges of an offer: each meter's monthly charge, minimum commitments, then caps and collars.

Order of operations in a month, per meter: forecast volume -> per-event rounding -> allowance -> total increment
-> rate card (monthly bands on the month's volume; annual bands on the contract year's running volume, so the
months of a year add up to the annual price) -> commitment overage and take-or-pay (principal.cost.commitments)
-> minimum commitment shortfall (principal.cost.minimums). Then, across the meters a cap
covers, the cap refuses what exceeds it within its period (shown as its own negative line) and a collar bills
the shortfall below its floor at the end of the period.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from pydantic import BaseModel

from principal.cost import ratecard
from principal.cost.commitments import MeterVolume, commitment_lines
from principal.cost.content_memo import BoundedMemo, content
from principal.cost.licences import seats_in_month
from principal.cost.lines import Category, Line
from principal.cost.minimums import minimum_lines
from principal.cost.scenario import PLAN, Scenario
from principal.cost.timeline import contract_year, go_live_month, uplift_factor
from principal.cost.volumes import billable_volume, forecast_volume
from principal.cost.waves import LiveShare, live_shares
from principal.model.deal import Deal, Offer
from principal.model.pricing import Period, UpliftTarget, UsageCap, UsageMeter
from principal.money import round_money


@dataclass(frozen=True)
class MeterMonth:
    month: int
    volume: Decimal
    billable: Decimal
    charge: Decimal
    rate_factor: Decimal
    live: LiveShare | None = None
    """Agents live on the new platform that month (None: the forecast gives the new platform's volume itself)."""


def _period_months(period: Period, term: int) -> list[list[int]]:
    if period is Period.month:
        return [[m] for m in range(1, term + 1)]
    return [list(range(start, min(start + 12, term + 1))) for start in range(1, term + 1, 12)]


MeterKey = tuple[str, int, str | None, tuple[str, ...], str | None, str, str]
_meter_months: BoundedMemo[MeterKey, tuple[MeterMonth, ...]] = BoundedMemo(512)


def _optional(model: BaseModel | None) -> str | None:
    return None if model is None else content(model)


def meter_key(deal: Deal, offer: Offer, meter: UsageMeter, scenario: Scenario) -> MeterKey:
    """Everything `meter_months` reads, by content: the buyer, the offer's term, implementation, licences and
    uplift, the meter and the scenario (not the offer's other terms, so variants of an offer share the months)."""
    return (
        content(deal.buyer),
        offer.term_months,
        _optional(offer.implementation),
        tuple(content(lic) for lic in offer.licenses),
        _optional(offer.uplift),
        content(meter),
        repr(scenario),
    )


def meter_months(deal: Deal, offer: Offer, meter: UsageMeter, scenario: Scenario) -> list[MeterMonth]:
    """A meter's billable volume and rate-card charge for every month of the term (no minimums, no cap)."""
    key = meter_key(deal, offer, meter, scenario)
    return list(_meter_months.get_or_make(key, lambda: tuple(months_of_meter(deal, offer, meter, scenario))))


def months_of_meter(deal: Deal, offer: Offer, meter: UsageMeter, scenario: Scenario) -> list[MeterMonth]:
    """`meter_months` computed afresh. It reads only what `meter_key` names."""
    usage_start = go_live_month(offer, scenario)
    shares = live_shares(deal, offer, scenario)
    seat_factor = Decimal(1)
    factors: dict[int, Decimal] = {}
    out: list[MeterMonth] = []
    year_running = Decimal(0)
    for month in range(1, offer.term_months + 1):
        if (month - 1) % 12 == 0:
            year_running = Decimal(0)
        if scenario.licence_quantity_from and month >= scenario.licence_quantity_from[0]:
            seat_factor = scenario.licence_quantity_from[1]
        live = shares[month - 1]
        seats = seats_in_month(offer.licenses, month, seat_factor, live, scenario.seats_billed)
        invoiced = scenario.units_billed(meter.forecast, month)
        if invoiced is not None:
            volume = invoiced
            billable, _ = billable_volume(meter, volume, seats, rounded=True)
        else:
            volume = forecast_volume(deal, meter.forecast, month, usage_start, scenario, live)
            billable, _ = billable_volume(meter, volume, seats)
        year = contract_year(month)
        factor = factors.get(year) or factors.setdefault(year, uplift_factor(offer.uplift, year, UpliftTarget.usage))
        card = meter.rate_card
        if card.period is Period.year:
            charge = ratecard.price(card, year_running + billable, factor) - ratecard.price(card, year_running, factor)
            year_running += billable
        else:
            charge = ratecard.price(card, billable, factor)
        scaled = None if deal.buyer.forecasts[meter.forecast].schedule else live
        out.append(MeterMonth(month, volume, billable, charge, factor, scaled))
    return out


def billed_before_cap(deal: Deal, offer: Offer, meter: UsageMeter, scenario: Scenario) -> list[Decimal]:
    """A meter's monthly charge with its commitment and minimum lines added: what a cap applies to."""
    months = meter_months(deal, offer, meter, scenario)
    charges = [mm.charge for mm in months]
    for line in commitment_and_minimum_lines(offer, meter, months, deal.currency, scenario):
        charges[line.month - 1] += line.amount
    return charges


def commitment_and_minimum_lines(
    offer: Offer, meter: UsageMeter, months: list[MeterMonth], currency: str, scenario: Scenario
) -> list[Line]:
    """A meter's overage and take-or-pay lines, then its minimum's shortfalls over usage plus those lines."""
    annual_card = meter.rate_card.period is Period.year
    volumes = []
    running = Decimal(0)
    for mm in months:
        if annual_card and (mm.month - 1) % 12 == 0:
            running = Decimal(0)
        volumes.append(MeterVolume(mm.month, mm.billable, running, mm.rate_factor))
        if annual_card:
            running += mm.billable
    lines = commitment_lines(offer, meter, volumes, currency, scenario)
    charges = [mm.charge for mm in months]
    for line in lines:
        charges[line.month - 1] += line.amount
    return lines + minimum_lines(offer, meter, charges, currency, scenario)


def _meter_usage_lines(meter: UsageMeter, months: list[MeterMonth], unit: str | None) -> list[Line]:
    card_text = ratecard.describe(meter.rate_card)
    out = []
    for mm in months:
        if mm.billable == 0 and mm.charge == 0:
            continue
        uplift_text = f" x uplift {mm.rate_factor:.6g}" if mm.rate_factor != 1 else ""
        if mm.live is not None and not mm.live.full:
            uplift_text += f"; forecast x {mm.live.live:,}/{mm.live.agents:,} agents live"
        out.append(
            Line(
                mm.month,
                Category.usage,
                f"{meter.name} usage",
                mm.charge,
                f"{mm.billable:,.2f} {unit}s billable, {card_text}{uplift_text}",
                quantity=mm.billable,
                unit=unit,
            )
        )
    return out


_meter_lines: BoundedMemo[MeterKey, tuple[Line, ...]] = BoundedMemo(512)


def usage_lines(deal: Deal, offer: Offer, scenario: Scenario) -> list[Line]:
    unit_of = {name: fc.unit for name, fc in deal.buyer.forecasts.items()}
    lines: list[Line] = []
    charges: dict[str, list[Decimal]] = {}
    for meter in offer.usage:
        key = meter_key(deal, offer, meter, scenario)
        months = meter_months(deal, offer, meter, scenario)
        charges[meter.name] = [mm.charge for mm in months]
        unit = unit_of.get(meter.forecast)
        shown = _meter_lines.get(key)
        if shown is None:
            shown = tuple(_meter_usage_lines(meter, months, unit))
            _meter_lines.put(key, shown)
        lines.extend(shown)
        extra = commitment_and_minimum_lines(offer, meter, months, deal.currency, scenario)
        lines.extend(extra)
        for line in extra:  # the cap sees what the meter bills, commitment and minimum included
            charges[meter.name][line.month - 1] += line.amount
    if offer.usage_cap is not None:
        at_plan = charges if repr(scenario) == PLAN_TEXT else None
        lines.extend(_cap_lines(deal, offer, offer.usage_cap, charges, at_plan))
    return lines


@dataclass(frozen=True)
class CapPeriod:
    """One period of a usage cap: its months, the limit on the covered meters' charges, and how it was set."""

    months: tuple[int, ...]
    meters: tuple[str, ...]
    limit: Decimal
    plan: Decimal
    """The covered meters' charge at the buyer's plan in the period (what a percentage cap is a share of)."""
    basis: str


PLAN_TEXT = repr(PLAN)
_cap_periods: BoundedMemo[tuple[str, str], tuple[CapPeriod, ...]] = BoundedMemo(128)


def cap_periods(deal: Deal, offer: Offer, plan_charges: dict[str, list[Decimal]] | None = None) -> list[CapPeriod]:
    """The offer's usage cap period by period (empty without a cap). `plan_charges`: each meter's
    `billed_before_cap` at the plan, when the caller has them at hand."""
    if offer.usage_cap is None:
        return []
    key = (content(deal), content(offer))
    return list(_cap_periods.get_or_make(key, lambda: tuple(_cap_periods_of(deal, offer, plan_charges))))


def _cap_periods_of(deal: Deal, offer: Offer, at_plan: dict[str, list[Decimal]] | None) -> list[CapPeriod]:
    cap = offer.usage_cap
    assert cap is not None
    covered = [m for m in offer.usage if not cap.meters or m.name in cap.meters]
    plan_charges = dict(at_plan) if at_plan is not None else {}
    for m in covered:
        if m.name not in plan_charges:
            plan_charges[m.name] = billed_before_cap(deal, offer, m, PLAN)

    def shown(value: Decimal) -> Decimal:
        return round_money(value, deal.currency)

    out = []
    for months in _period_months(cap.period, offer.term_months):
        plan = sum((plan_charges[m.name][k - 1] for m in covered for k in months), Decimal(0))
        if cap.amount is not None:
            share = Decimal(len(months)) / 12 if cap.period is Period.year else Decimal(1)
            limit = cap.amount * share
            basis = f"cap {shown(cap.amount)} per {cap.period.value}" + (f" x {len(months)}/12" if share != 1 else "")
        else:
            assert cap.percent_of_forecast is not None
            limit = plan * cap.percent_of_forecast / 100
            basis = f"cap {cap.percent_of_forecast}% of forecast charge {shown(plan)} = {shown(limit)}"
        out.append(CapPeriod(tuple(months), tuple(m.name for m in covered), limit, plan, basis))
    return out


def _cap_lines(
    deal: Deal,
    offer: Offer,
    cap: UsageCap,
    charges: dict[str, list[Decimal]],
    at_plan: dict[str, list[Decimal]] | None,
) -> list[Line]:
    covered = [m for m in offer.usage if not cap.meters or m.name in cap.meters]
    out: list[Line] = []
    label = ", ".join(m.name for m in covered)

    def shown(value: Decimal) -> Decimal:
        return round_money(value, deal.currency)

    for period in cap_periods(deal, offer, at_plan):
        months, limit, plan, basis = list(period.months), period.limit, period.plan, period.basis
        billed = Decimal(0)
        for month in months:
            charge = sum((charges[m.name][month - 1] for m in covered), Decimal(0))
            allowed = max(Decimal(0), limit - billed)
            if charge > allowed:
                out.append(
                    Line(
                        month,
                        Category.usage_cap,
                        "usage refused by cap",
                        allowed - charge,
                        f"{basis}; usage this {cap.period.value} so far {shown(billed + charge)}",
                    )
                )
                billed += allowed
            else:
                billed += charge
        if cap.collar_percent_of_forecast is not None:
            floor = plan * cap.collar_percent_of_forecast / 100
            if billed < floor:
                out.append(
                    Line(
                        months[-1],
                        Category.usage_collar,
                        "usage collar shortfall",
                        floor - billed,
                        f"collar {cap.collar_percent_of_forecast}% of forecast charge {shown(plan)} "
                        f"less usage billed {shown(billed)} ({label})",
                    )
                )
    return out
