"""Switching against staying on a cost sheet, in the deal's currency, mirroring principal.cost.transition and
principal.cost.switching:

- all moved: the last go-live + the months each part keeps the incumbent running (overlap); notice run: the month
  notice is served + the notice months; earliest end E0 = MAX(all moved, notice run);
- end month E (the first month the incumbent bills nothing): E0, or, while the incumbent is committed through
  month K and E0 <= K, E0 when an early-termination fee ends the commitment (charged in month E0) and K + 1 without;
- the incumbent's cost in month m: monthly x (1 + growth/100)^(year - 1) (what staying costs);
- agents moved in month m: each wave's agents once month >= its go-live + overlap;
- running alongside in month m < E: the full cost while committed (m <= K), else cost x (1 - variable %/100 x
  moved / agents); nothing from E on;
- cost of switching = the new contract's total + running alongside + the fee, month by month and by contract year,
  against the cost of staying.

When the deal does not give the incumbent's monthly cost, staying and dual running are unknown: the block says so
with the question to ask, and no formula pretends they are 0.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from decimal import Decimal

from principal.cost.lines import Category
from principal.cost.scenario import PLAN
from principal.cost.switching import SwitchingCost
from principal.cost.timeline import contract_year
from principal.cost.waves import waves
from principal.reports.workbook.blocks import Block, Calc, Number, Text
from principal.reports.workbook.cells import rel
from principal.reports.workbook.input_refs import IncumbentRefs
from principal.reports.workbook.month_table import Column
from principal.reports.workbook.sheet_context import SheetContext

Address = Callable[[], str]


@dataclass
class SwitchingRefs:
    """Term cells the Comparison sheet shows (functions giving their address once the block is placed); all None
    when the incumbent's cost is unknown."""

    contract: Address | None = None
    dual_running: Address | None = None
    early_termination: Address | None = None
    switching: Address | None = None
    staying: Address | None = None
    difference: Address | None = None


def switching_block(ctx: SheetContext, total: Column, sw: SwitchingCost) -> tuple[Block, SwitchingRefs]:
    """The block of the end months and the yearly switching-against-staying table; adds the monthly columns."""
    st = ctx.deal_st
    block = Block()
    refs = SwitchingRefs()
    block.add(Text("Switching against staying (the incumbent's bill while the operation moves)", st.heading))
    inc = ctx.deal_inputs.buyer.incumbent
    if inc is None or not sw.known:
        question = next(iter(sw.transition.questions), "What does the current platform cost a month?")
        block.add(Text("Cost of staying and dual running", st.text), Text("unknown", st.text), Text(question, st.note))
        return block, refs
    end = _end_rows(ctx, block, inc, sw)
    columns = _columns(ctx, inc, sw, total, end)
    _years(ctx, block, sw, columns, refs)
    return block, refs


@dataclass(frozen=True)
class _End:
    end: Address
    fee_month: Address | None


def _end_rows(ctx: SheetContext, block: Block, inc: IncumbentRefs, sw: SwitchingCost) -> _End:
    st, i, moving = ctx.deal_st, ctx.inputs, sw.transition
    incumbent = ctx.deal.buyer.incumbent
    assert incumbent is not None and moving.all_moved_month is not None and moving.end_month is not None
    go_lives = ",".join(w.go_live for w in i.waves) if i.waves else i.go_live
    moved = block.add(
        Text("Every agent off the incumbent in month", st.text),
        Calc(lambda: f"=MAX({go_lives})+{inc.overlap}", moving.all_moved_month, st.count),
        Text("the last go-live + the months of parallel running", st.note),
    )
    notice_value = (incumbent.notice_served_month or 1) + (incumbent.notice_months or 0)
    notice = block.add(
        Text("The incumbent's notice has run by month", st.text),
        Calc(lambda: f"={inc.notice_served}+{inc.notice_months}", notice_value, st.count),
        Text("served in month + notice months", st.note),
    )
    earliest = block.add(
        Text("Earliest end: the later of the two", st.text),
        Calc(
            lambda: f"=MAX({block.cell(moved, 1)},{block.cell(notice, 1)})",
            max(moving.all_moved_month, notice_value),
            st.count,
        ),
    )

    def e0() -> str:
        return block.cell(earliest, 1)

    committed, fee = inc.committed_until, inc.early_termination_fee

    def end_formula() -> str:
        if committed is None or fee is not None:
            return f"={e0()}"
        return f"=IF({e0()}<={committed},{committed}+1,{e0()})"

    end = block.add(
        Text("The incumbent bills nothing from month", st.text),
        Calc(end_formula, moving.end_month, st.count),
        Text(_end_note(committed, fee), st.note),
    )
    fee_month = None
    if committed is not None and fee is not None:
        earliest_value = max(moving.all_moved_month, notice_value)
        cached = earliest_value if earliest_value <= (incumbent.committed_until_month or 0) else 0
        row = block.add(
            Text("Early-termination fee charged in month", st.text),
            Calc(lambda: f"=IF({e0()}<={committed},{e0()},0)", cached, st.count),
            Text("0: the commitment has ended by then, no fee", st.note),
        )
        fee_month = _cell(block, row)
    return _End(_cell(block, end), fee_month)


def _end_note(committed: str | None, fee: str | None) -> str:
    if committed is None:
        return "the earliest end (no commitment left)"
    if fee is not None:
        return "the earliest end: the early-termination fee ends the commitment when it is still running"
    return "paid through the committed month when the earliest end comes before it (no early-termination fee)"


def _cell(block: Block, row: int) -> Address:
    return lambda: block.cell(row, 1)


@dataclass(frozen=True)
class _Columns:
    total: Column
    dual: Column
    fee: Column | None
    staying: Column
    switching: Column


def _columns(ctx: SheetContext, inc: IncumbentRefs, sw: SwitchingCost, total: Column, end: _End) -> _Columns:
    t, st = ctx.table, ctx.deal_st
    assert sw.staying_months is not None
    staying_months = sw.staying_months
    staying = t.add("Staying: the incumbent's cost", st.money).set(
        lambda m: f"={inc.monthly}*(1+{inc.growth}/100)^({contract_year(m)}-1)", lambda m: staying_months[m - 1]
    )
    incumbent = ctx.deal.buyer.incumbent
    assert incumbent is not None
    overlap = incumbent.overlap_months or 0
    plan = waves(ctx.deal, ctx.offer, PLAN)
    agents = ctx.deal_inputs.buyer.agents

    def moved_formula(m: int) -> str:
        parts = [(w.go_live, w.agents) for w in ctx.inputs.waves] or [(ctx.inputs.go_live, agents)]
        return "=" + "+".join(f"IF({t.m(m)}>={go}+{inc.overlap},{n},0)" for go, n in parts)

    moved = t.add("agents moved off the incumbent", st.volume).set(
        moved_formula, lambda m: sum(w.agents for w in plan if w.go_live_month + overlap <= m)
    )
    by_month: dict[tuple[Category, int], Decimal] = {}
    for line in sw.transition.lines:
        key = (line.category, line.month)
        by_month[key] = by_month.get(key, Decimal(0)) + line.amount

    def dual_formula(m: int) -> str:
        cost = t.at(staying, m)
        falling = f"{cost}*(1-{inc.variable}/100*{t.at(moved, m)}/{agents})"
        if inc.committed_until is not None:
            falling = f"IF({t.m(m)}<={inc.committed_until},{cost},{falling})"
        return f"=IF({t.m(m)}<{end.end()},{falling},0)"

    dual = t.add("incumbent running alongside", st.money, Category.dual_running).set(
        dual_formula, lambda m: by_month.get((Category.dual_running, m), Decimal(0))
    )
    fee = None
    if end.fee_month is not None:
        fee_month, amount = end.fee_month, inc.early_termination_fee
        fee = t.add("incumbent early-termination fee", st.money, Category.early_termination).set(
            lambda m: f"=IF({t.m(m)}={fee_month()},{amount},0)",
            lambda m: by_month.get((Category.early_termination, m), Decimal(0)),
        )
    months = sw.month_totals
    parts = [c for c in (total, dual, fee) if c is not None]
    switching = t.add("Cost of switching", st.money_bold).set(
        lambda m: "=" + "+".join(t.at(c, m) for c in parts), lambda m: months[m - 1]
    )
    return _Columns(total, dual, fee, staying, switching)


def _years(ctx: SheetContext, block: Block, sw: SwitchingCost, c: _Columns, refs: SwitchingRefs) -> None:
    st, t = ctx.deal_st, ctx.table
    heads = (
        "Contract year", "New contract", "Running alongside", "Early termination", "Cost of switching",
        "Cost of staying", "Switching - staying",
    )  # fmt: skip
    head = block.add(*(Text(h, st.header) for h in heads))
    columns: list[Column | None] = [c.total, c.dual, c.fee, c.switching, c.staying]

    def sumif(column: Column | None, r: int) -> Callable[[], str]:
        if column is None:
            return lambda: "=0"
        return lambda: f"=SUMIF({t.span(t.year)},{rel(block.top + r, 0)},{t.span(column)})"

    def difference(r: int) -> Callable[[], str]:
        return lambda: f"={rel(block.top + r, 4)}-{rel(block.top + r, 5)}"

    for year in sw.years:
        r = len(block.rows)
        values = (year.contract, year.dual_running, year.early_termination, year.switching, year.staying)
        cells = [Calc(sumif(col, r), v or Decimal(0), st.money) for col, v in zip(columns, values, strict=True)]
        block.add(Number(year.year, st.count), *cells, Calc(difference(r), year.difference or Decimal(0), st.money))
    first, last = head + 1, len(block.rows) - 1
    term = len(block.rows)

    def total_of(col: int) -> Callable[[], str]:
        return lambda: f"=SUM({rel(block.top + first, col)}:{rel(block.top + last, col)})"

    terms = (sw.contract.total, sw.dual_running, sw.early_termination, sw.total, sw.staying, sw.difference)
    block.add(
        Text("Term", st.header),
        *(Calc(total_of(col), v or Decimal(0), st.money_bold) for col, v in enumerate(terms, start=1)),
    )
    for key, col in (
        ("contract", 1), ("dual_running", 2), ("early_termination", 3), ("switching", 4), ("staying", 5),
        ("difference", 6),
    ):  # fmt: skip
        setattr(refs, key, _at(ctx, block, term, col))


def _at(ctx: SheetContext, block: Block, row: int, col: int) -> Address:
    return lambda: block.cell(row, col, ctx.name)
