"""The usage cap and collar columns, mirroring principal.cost.usage_charges._cap_lines.

With *so far* what the covered meters billed (usage, commitment and minimum lines) within the cap's period, the
refused part of a month is `MIN(limit, so far) - MIN(limit, so far - this month) - this month` (negative). The limit
is the cap % of the period's charge at the buyer's plan, or the amount (x months/12 in a short year); the collar
bills `MAX(0, collar % x the plan's charge - MIN(limit, so far))` at the end of the period.
"""

from __future__ import annotations

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

    so_far = t.add(f"cap: so far this {cap.period.value}", st.money)
    so_far.set(
        lambda m: f"={t.at(under, m)}" if m == period(m)[0] else f"={t.at(so_far, m - 1)}+{t.at(under, m)}",
        lambda m: sum(cached[period(m)[0] - 1 : m], Decimal(0)),
    )

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

    def refused(m: int) -> str:
        c, s = t.at(so_far, m), t.at(under, m)
        return f"=MIN({limit(m)},{c})-MIN({limit(m)},{c}-{s})-{s}"

    line = ctx.amount("refused by cap", Category.usage_cap).set(
        refused, lambda m: ctx.line(Category.usage_cap, "usage refused by cap", m)
    )
    collar = None
    if cap.collar is not None:
        floor = cap.collar

        def collar_formula(m: int) -> str:
            if m != period(m)[1]:
                return "=0"
            return f"=MAX(0,{floor}/100*{plan_charge(m)}-MIN({limit(m)},{t.at(so_far, m)}))"

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
