"""Licence and recurring-fee columns of the monthly table, mirroring principal.cost.schedule and licence_terms:

- quantity: the ramp's quantity in force (hourly licences ROUNDUP to whole hours); a licence with a true-up bills
  its committed quantity and shows the seats in use beside it; a licence billed on live seats bills
  IF(agents live >= agents, quantity, ROUNDUP(quantity x agents live / agents, 0));
- price: the unit price, or the last price step reached (ramp pricing);
- licences: IF(month >= billing start, quantity x price x the year's licence factor, 0);
- true-up, at the end of each quarter or contract year: MAX(0, seats counted - committed) x the sum of the period's
  monthly prices (contract price with steps and uplift, or list price); counted = the peak, or the average, of the
  seats in use over the period's billed months;
- free months: minus the licence charge in a month listed as free;
- recurring fees: IF(month >= MAX(billing start, from month), monthly x factor (when uplifted), 0).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from decimal import Decimal

from principal.cost.licence_terms import licence_item, unit_price_in_month
from principal.cost.licences import billed_quantity, committed_quantity, quantity_in_month, seats_in_month
from principal.cost.lines import Category
from principal.cost.timeline import contract_year, uplift_factor
from principal.model.pricing import License, LicenseKind, UpliftTarget
from principal.reports.workbook.input_refs import LicenceRefs, RecurringRefs
from principal.reports.workbook.month_table import Column
from principal.reports.workbook.sheet_context import SheetContext, period_end, stepped

PriceOf = Callable[[int], str]


@dataclass(frozen=True)
class LicenceColumns:
    refs: LicenceRefs
    licence: License
    quantity: Column
    """Billed quantity (the committed seats for a licence with a true-up)."""
    charge: Column
    in_use: Column | None
    """Seats in use (licences with a true-up)."""
    live_in_use: Column | None = None
    """Seats in use on the live seats (a licence with a true-up billed on live seats): what allowances count."""


def add_licence_columns(ctx: SheetContext) -> list[LicenceColumns]:
    return [_licence(ctx, refs, lic) for refs, lic in zip(ctx.inputs.licences, ctx.offer.licenses, strict=True)]


def seat_columns(licences: list[LicenceColumns]) -> list[Column]:
    """The seats per-seat allowances count: every named and concurrent licence's seats in use."""
    return [lc.live_in_use or lc.in_use or lc.quantity for lc in licences if lc.refs.kind is not LicenseKind.hourly]


def _licence(ctx: SheetContext, refs: LicenceRefs, lic: License) -> LicenceColumns:
    t, st = ctx.table, ctx.st
    unit = "hours" if lic.kind is LicenseKind.hourly else "seats"
    item = licence_item(lic)

    def ramp(m: int) -> str:
        return stepped(refs.quantity, refs.ramp, t.m(m))

    def live(qty: str, m: int) -> str:
        return ctx.live_seats(qty, m) if refs.live_seats else qty

    in_use = live_in_use = None
    if refs.true_up is not None:
        quantity = t.add(f"{lic.name} committed {unit}", st.volume).set(
            lambda m: f"={live(refs.quantity, m)}", lambda m: committed_quantity(lic, ctx.shares[m - 1])
        )
        in_use = t.add(f"{lic.name} {unit} in use", st.volume).set(
            lambda m: f"={ramp(m)}", lambda m: quantity_in_month(lic, m)
        )
        if refs.live_seats and lic.kind is not LicenseKind.hourly:
            seats = in_use
            live_in_use = t.add(f"{lic.name} live {unit} in use", st.volume).set(
                lambda m: f"={live(t.at(seats, m), m)}",
                lambda m: seats_in_month((lic,), m, live=ctx.shares[m - 1]),
            )
    else:

        def billed(m: int) -> str:
            qty = live(ramp(m), m)
            if refs.round_up is not None:
                qty = f"IF({refs.round_up}=1,ROUNDUP({qty},0),{qty})"
            return f"={qty}"

        quantity = t.add(f"{lic.name} {unit}", st.volume).set(
            billed, lambda m: billed_quantity(lic, m, live=ctx.shares[m - 1])
        )
    price_of = _price(ctx, refs, lic)
    charge = ctx.amount(f"{lic.name} licences", Category.licenses).set(
        lambda m: (
            f"=IF({t.m(m)}>={ctx.bill_start},{t.at(quantity, m)}*{price_of(m)}*{ctx.lic_factor(contract_year(m))},0)"
        ),
        lambda m: ctx.line(Category.licenses, item, m),
    )
    if refs.true_up is not None:
        assert in_use is not None
        _true_up(ctx, refs, lic, in_use, price_of)
    if refs.free_months is not None:
        free = refs.free_months
        ctx.amount(f"{lic.name} free months", Category.credit, Category.licenses).set(
            lambda m: f"=IF(COUNTIF({free},{t.m(m)})>0,-{t.at(charge, m)},0)",
            lambda m: ctx.line(Category.credit, f"{lic.name} licences: free month", m),
        )
    ctx.licence_charges.append((refs, quantity, charge))
    return LicenceColumns(refs, lic, quantity, charge, in_use, live_in_use)


def _price(ctx: SheetContext, refs: LicenceRefs, lic: License) -> PriceOf:
    """A function of the month giving the cell (or input) holding the licence's unit price before uplift."""
    if not refs.price_steps:
        return lambda m: refs.price
    t = ctx.table
    column = t.add(f"{lic.name} unit price", ctx.st.rate).set(
        lambda m: f"={stepped(refs.price, refs.price_steps, t.m(m))}", lambda m: unit_price_in_month(lic, m)
    )
    return lambda m: t.at(column, m)


def _true_up(ctx: SheetContext, refs: LicenceRefs, lic: License, in_use: Column, price_of: PriceOf) -> None:
    t, st = ctx.table, ctx.st
    up = refs.true_up
    assert up is not None
    counted = t.add(f"{lic.name} seats in use, billed months", st.volume).set(
        lambda m: f"=IF({t.m(m)}>={ctx.bill_start},{t.at(in_use, m)},0)",
        lambda m: quantity_in_month(lic, m) if m >= ctx.schedule.billing_start_month else Decimal(0),
    )
    if up.list_price:
        assert refs.list_price is not None and lic.list_price is not None
        list_ref, list_value = refs.list_price, lic.list_price
        price = t.add(f"{lic.name} true-up price", st.rate).set(lambda m: f"={list_ref}", lambda m: list_value)
    else:
        uplift = ctx.offer.uplift

        def contract_price(m: int) -> Decimal:
            return unit_price_in_month(lic, m) * uplift_factor(uplift, contract_year(m), UpliftTarget.licenses)

        price = t.add(f"{lic.name} true-up price", st.rate).set(
            lambda m: f"={price_of(m)}*{ctx.lic_factor(contract_year(m))}", contract_price
        )

    def formula(m: int) -> str:
        period = period_end(m, up.span, ctx.term)
        if period is None:
            return "=0"
        first, last = period
        months = t.span(t.month, first, last)
        seats = t.span(counted, first, last)
        billed = f'COUNTIF({months},">="&{ctx.bill_start})'
        seen = f"MAX({seats})" if up.peak else f"SUM({seats})/{billed}"
        prices = f"SUMPRODUCT(({months}>={ctx.bill_start})*{t.span(price, first, last)})"
        return f"=IF({billed}=0,0,MAX(0,{seen}-{refs.quantity})*{prices})"

    ctx.amount(f"{lic.name} true-up", Category.true_up).set(
        formula, lambda m: ctx.line(Category.true_up, f"{lic.name} true-up", m)
    )


def add_recurring_columns(ctx: SheetContext) -> list[Column]:
    out = []
    for rec in ctx.inputs.recurring:
        out.append(ctx.amount(rec.name, Category.recurring).set(*_recurring(ctx, rec)))
    return out


def _recurring(ctx: SheetContext, rec: RecurringRefs) -> tuple[Callable[[int], str], Callable[[int], Decimal]]:
    t = ctx.table

    def formula(m: int) -> str:
        uplifted = f"IF({rec.uplifted}=1,{ctx.lic_factor(contract_year(m))},1)"
        return f"=IF({t.m(m)}>=MAX({ctx.bill_start},{rec.from_month}),{rec.monthly}*{uplifted},0)"

    return formula, lambda m: ctx.line(Category.recurring, rec.name, m)
