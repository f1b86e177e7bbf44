"""The usage cap and collar columns, mirroring principal.cost.usage_charges._cap_lines.

Month by month within the cap's period, of what the covered meters bill (usage, commitment and minimum lines) the
cap lets through `MIN(this month, MAX(0, limit - let through so far))`; the refused part is that less this month
(negative). The limit is the cap % of the period's charge at the buyer's plan, or the amount (x months/12 in a
short year); the collar bills `MAX(0, collar % x the plan's charge - let through in the period)` at its end.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from decimal import Decimal

from principal.cost.lines import Category
from principal.cost.scenario import PLAN
from principal.cost.timeline import contract_year
from principal.cost.usage_charges import billed_before_cap
from principal.model.pricing import Period
from principal.reports.workbook.month_table import Column
from principal.reports.workbook.sheet_context import SheetContext
from principal.reports.workbook.usage_columns import MeterColumns


def needs_plan(ctx: SheetContext) -> set[str]:
    """The meters whose charge at the buyer's plan the cap or collar measures (none for a bare amount cap)."""
    cap = ctx.inputs.cap
    if cap is None or (cap.percent is None and cap.collar is None):
        return set()
    return {m.meter.name for m in ctx.inputs.meters if not cap.meters or m.meter.name in cap.meters}


@dataclass(frozen=True)
class CapColumns:
    line: Column
    collar: Column | None


def add_cap_columns(ctx: SheetContext, meters: list[MeterColumns], plan: list[MeterColumns]) -> CapColumns | None:
    cap = ctx.inputs.cap
    if cap is None:
        return None
    t, st = ctx.table, ctx.st
    covered = [mc for mc in meters if not cap.meters or mc.refs.meter.name in cap.meters]
    cached = _before_cap(ctx)
    under = t.add("usage under the cap", st.money).set(
        lambda m: "=" + ("+".join(t.at(c, m) for mc in covered for c in mc.billed) or "0"), lambda m: cached[m - 1]
    )
    at_plan = None
    if plan:
        at_plan = t.add("usage under the cap at the plan", st.money).set(
            lambda m: "=" + ("+".join(t.at(c, m) for mc in plan for c in mc.billed) or "0"), lambda m: cached[m - 1]
        )

    def period(m: int) -> tuple[int, int]:
        if cap.period is Period.month:
            return m, m
        y = contract_year(m)
        return (y - 1) * 12 + 1, min(ctx.term, y * 12)

    def plan_charge(m: int) -> str:
        assert at_plan is not None
        first, last = period(m)
        return f"SUM({t.span(at_plan, first, last)})"

    def limit(m: int) -> str:
        if cap.percent is not None:
            return f"({cap.percent}/100*{plan_charge(m)})"
        first, last = period(m)
        share = f"*{last - first + 1}/12" if cap.period is Period.year and last - first + 1 != 12 else ""
        return f"({cap.amount}{share})"

    billed = t.add(f"cap: billed so far this {cap.period.value}", st.money)

    def before(m: int) -> str:
        return "0" if m == period(m)[0] else t.at(billed, m - 1)

    def allowed(m: int) -> str:
        return f"MIN({t.at(under, m)},MAX(0,{limit(m)}-{before(m)}))"

    billed.set(lambda m: f"={before(m)}+{allowed(m)}", _billed_values(ctx, cached, period))
    line = ctx.amount("refused by cap", Category.usage_cap).set(
        lambda m: f"={allowed(m)}-{t.at(under, m)}", lambda m: ctx.line(Category.usage_cap, "usage refused by cap", m)
    )
    collar = None
    if cap.collar is not None:
        floor = cap.collar

        def collar_formula(m: int) -> str:
            if m != period(m)[1]:
                return "=0"
            return f"=MAX(0,{floor}/100*{plan_charge(m)}-{t.at(billed, m)})"

        collar = ctx.amount("collar shortfall", Category.usage_collar).set(
            collar_formula, lambda m: ctx.line(Category.usage_collar, "usage collar shortfall", m)
        )
    return CapColumns(line, collar)


def _before_cap(ctx: SheetContext) -> list[Decimal]:
    """Per month, what the cap's meters bill before the cap (the engine's billed_before_cap, summed)."""
    cap = ctx.offer.usage_cap
    months = [Decimal(0)] * ctx.term
    assert cap is not None
    for meter in ctx.offer.usage:
        if cap.meters and meter.name not in cap.meters:
            continue
        for i, amount in enumerate(billed_before_cap(ctx.deal, ctx.offer, meter, PLAN)):
            months[i] += amount
    return months


def _billed_values(
    ctx: SheetContext, charges: list[Decimal], period: Callable[[int], tuple[int, int]]
) -> Callable[[int], Decimal]:
    """What the cap lets through so far in its period (the engine's running `billed`), from its cap lines."""

    def value(m: int) -> Decimal:
        first = period(m)[0]
        return sum(
            (charges[k - 1] + ctx.line(Category.usage_cap, "usage refused by cap", k) for k in range(first, m + 1)),
            Decimal(0),
        )

    return value
