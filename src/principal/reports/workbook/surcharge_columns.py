"""Surcharge and tax columns, mirroring principal.cost.surcharges.

The bases of a month: licences (with true-ups and free-month credits), recurring fees, usage (every usage line,
the cap's refusal and the collar included; with `meters`, only those meters' own lines) and one-time fees (with
signing credits). A percentage is `base x percent/100`, one column per base it applies to; a per-unit charge is
`amount x` the meter's billable units (or the licence's billed seats); a monthly charge is `monthly` from
MAX(billing start, from month). A charge marked `on_surcharges` also applies to the other surcharges paid with the
same base (never to another such charge): `(base + those surcharges) x percent/100`.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from decimal import Decimal

from principal.cost.lines import SURCHARGE_CATEGORIES, USAGE_CATEGORIES, Category
from principal.cost.surcharges import BASE_CATEGORY
from principal.model.order_form import ChargeBase, Surcharge, SurchargeKind
from principal.reports.workbook.input_refs import SurchargeRefs
from principal.reports.workbook.licence_columns import LicenceColumns
from principal.reports.workbook.month_table import Column
from principal.reports.workbook.sheet_context import SheetContext
from principal.reports.workbook.usage_columns import MeterColumns


def base_of(column: Column) -> ChargeBase | None:
    """The surcharge base an amount column belongs to (as principal.cost.surcharges.base_of for lines)."""
    if column.category is None or column.category in SURCHARGE_CATEGORIES:
        return None
    category = column.invoice
    if category in USAGE_CATEGORIES:
        return ChargeBase.usage
    if category in (Category.licenses, Category.true_up):
        return ChargeBase.licenses
    if category is Category.recurring:
        return ChargeBase.recurring
    if category is Category.one_time:
        return ChargeBase.one_time
    return None


@dataclass
class _Pass:
    ctx: SheetContext
    meters: dict[str, MeterColumns]
    licences: dict[str, LicenceColumns]
    bases: dict[ChargeBase, Column]
    added: dict[ChargeBase, list[Column]]


def add_surcharge_columns(
    ctx: SheetContext, licences: list[LicenceColumns], meters: list[MeterColumns]
) -> list[Column]:
    """The bases the offer's surcharges need, then one column per surcharge line, first-pass charges before those
    on surcharges."""
    offer = ctx.offer
    if not offer.surcharges:
        return []
    t = ctx.table
    members: dict[ChargeBase, list[Column]] = {b: [] for b in ChargeBase}
    for column in t.columns:
        b = base_of(column)
        if b is not None:
            members[b].append(column)
    needed = {b for charge in offer.surcharges for b in charge.applies_to}
    bases = {}
    for b in ChargeBase:
        if b not in needed:
            continue
        cols = members[b]
        bases[b] = t.add(f"{b.value.replace('_', '-')} charges (surcharge base)", ctx.st.money).set(
            _sum(ctx, cols), _cached_sum(cols)
        )
    state = _Pass(
        ctx,
        {mc.refs.meter.name: mc for mc in meters},
        {lc.licence.name: lc for lc in licences},
        bases,
        {b: [] for b in ChargeBase},
    )
    out: list[Column] = []
    pairs = list(zip(offer.surcharges, ctx.inputs.surcharges, strict=True))
    for charge, refs in pairs:
        if not charge.on_surcharges:
            out.extend(_first(state, charge, refs))
    for charge, refs in pairs:
        if charge.on_surcharges:
            out.extend(_percent(state, charge, refs, with_added=True))
    return out


def _sum(ctx: SheetContext, cols: list[Column]) -> Callable[[int], str]:
    return lambda m: "=" + ("+".join(ctx.table.at(c, m) for c in cols) or "0")


def _cached_sum(cols: list[Column]) -> Callable[[int], Decimal]:
    def value(m: int) -> Decimal:
        return sum((Decimal(c.cached(m)) for c in cols if c.cached is not None), Decimal(0))

    return value


def _line(ctx: SheetContext, category: Category, item: str) -> Callable[[int], Decimal]:
    return lambda m: ctx.line(category, item, m)


def _category(charge: Surcharge) -> Category:
    return Category.tax if charge.kind is SurchargeKind.tax else Category.surcharge


def _first(state: _Pass, charge: Surcharge, refs: SurchargeRefs) -> list[Column]:
    ctx = state.ctx
    t = ctx.table
    category = _category(charge)
    if charge.percent is not None:
        return _percent(state, charge, refs, with_added=False)
    if charge.per_unit is not None:
        unit = charge.per_unit
        amount = refs.per_unit
        assert amount is not None
        if unit.meter is not None:
            billable = state.meters[unit.meter].billable
            column = ctx.amount(charge.name, category, Category.usage).set(
                lambda m: f"={amount}*{t.at(billable, m)}", lambda m: ctx.line(category, charge.name, m)
            )
            state.added[ChargeBase.usage].append(column)
        else:
            assert unit.license is not None
            seats = state.licences[unit.license].quantity
            column = ctx.amount(charge.name, category, Category.licenses).set(
                lambda m: f"=IF({t.m(m)}>={ctx.bill_start},{amount}*{t.at(seats, m)},0)",
                lambda m: ctx.line(category, charge.name, m),
            )
            state.added[ChargeBase.licenses].append(column)
        return [column]
    monthly, first = refs.monthly, refs.from_month
    assert monthly is not None and first is not None
    column = ctx.amount(charge.name, category, Category.recurring).set(
        lambda m: f"=IF({t.m(m)}>=MAX({ctx.bill_start},{first}),{monthly},0)",
        lambda m: ctx.line(category, charge.name, m),
    )
    state.added[ChargeBase.recurring].append(column)
    return [column]


def _percent(state: _Pass, charge: Surcharge, refs: SurchargeRefs, *, with_added: bool) -> list[Column]:
    ctx = state.ctx
    t = ctx.table
    category = _category(charge)
    percent = refs.percent
    assert percent is not None
    out = []
    for b in charge.applies_to:
        if b is ChargeBase.usage and charge.meters:
            parts = [c for name in charge.meters for c in state.meters[name].billed]
        else:
            parts = [state.bases[b]]
        if with_added:
            parts = parts + state.added[b]
        item = f"{charge.name} ({b.value.replace('_', '-')})"

        def formula(m: int, parts: list[Column] = parts) -> str:
            base = "+".join(t.at(c, m) for c in parts) or "0"
            return f"=({base})*{percent}/100"

        column = ctx.amount(item, category, BASE_CATEGORY[b]).set(formula, _line(ctx, category, item))
        if not with_added:
            state.added[b].append(column)
        out.append(column)
    return out
