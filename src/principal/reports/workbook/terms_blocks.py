"""The order-form blocks of a cost sheet, in the deal's currency, mirroring principal.cost.exit_terms and payments:

- renewal exposure: the run rate (the last 12 months without one-time fees, credits and what is paid with them,
  x 12 / months), and the first renewal year at the renewal price (contract: the run rate; capped: x (1 + cap/100);
  list: with the licence lines re-priced at list), x MIN(12, renewal months)/12; the notice date
  EDATE(start, term) - notice days;
- cash and NPV: each invoice's amount summed by the contract year it is paid in, and the present values summed;
- leaving early at each contract-year end: paid to date plus the fee (% of the licence and recurring charges left,
  plus a fixed fee; all of them without a right to leave);
- liability cap at each contract-year end: months of fees x the trailing 12 months' average, and/or the fixed
  amount (the greater or lesser per the offer), the lowest against one hour of a full outage.

Terms the deal does not give are written as unknown with the question to ask, never as 0.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass
from decimal import Decimal

from principal.cost.lines import Category
from principal.cost.timeline import years_in_term
from principal.model.terms import CapCombination, RenewalPrice
from principal.reports.workbook.blocks import Block, Calc, Number, Text
from principal.reports.workbook.cash_columns import CashColumns
from principal.reports.workbook.month_table import Column
from principal.reports.workbook.sheet_context import SheetContext

EXCEL_EPOCH = dt.date(1899, 12, 30)
EXCLUDED = frozenset({Category.one_time, Category.credit})


@dataclass
class TermsRefs:
    """Cells the Comparison sheet shows, as functions giving their address once the blocks are placed (None: the
    figure is unknown)."""

    renewal: Callable[[], str] | None = None
    npv: Callable[[], str] | None = None
    liability: Callable[[], str] | None = None


def _address(ctx: SheetContext, block: Block, row: int) -> Callable[[], str]:
    return lambda: block.cell(row, 1, ctx.name)


def serial(day: dt.date) -> int:
    return (day - EXCEL_EPOCH).days


def terms_blocks(ctx: SheetContext, total: Column, cash: CashColumns) -> tuple[list[Block], TermsRefs]:
    refs = TermsRefs()
    blocks = [_renewal(ctx, total, refs), _cash(ctx, cash, refs)]
    if years_in_term(ctx.term) > 1:
        blocks.append(_leaving(ctx, total))
    blocks.append(_liability(ctx, total, refs))
    return blocks, refs


def _sum(ctx: SheetContext, columns: list[Column], first: int, last: int) -> str:
    if not columns:
        return "0"
    return "+".join(f"SUM({ctx.table.span(c, first, last)})" for c in columns)


def _unknown(block: Block, ctx: SheetContext, label: str, question: str) -> None:
    block.add(Text(label, ctx.deal_st.text), Text("unknown", ctx.deal_st.text), Text(question, ctx.deal_st.note))


def _renewal(ctx: SheetContext, total: Column, refs: TermsRefs) -> Block:
    st, t, r = ctx.deal_st, ctx.table, ctx.terms.renewal
    inputs = ctx.inputs.renewal
    block = Block()
    block.add(Text("Renewal exposure (the first renewal year, not part of the term cost)", st.heading))
    window = min(12, ctx.term)
    first = ctx.term - window + 1
    excluded = [
        c for cols in ctx.categories.values() for c in cols if c.category in EXCLUDED or c.billed_with in EXCLUDED
    ]

    def run_rate() -> str:
        kept = f"SUM({t.span(total, first, ctx.term)})-{ctx.to_deal(_sum(ctx, excluded, first, ctx.term))}"
        return f"=({kept})*12/{window}"

    rr = block.add(
        Text(f"Run rate: months {first}-{ctx.term}, a year", st.text),
        Calc(run_rate, r.run_rate, st.money),
        Text("without one-time fees, credits and what is paid with them", st.note),
    )
    questions = {u.path.rsplit(".", 1)[-1]: u.question for u in r.unknowns}
    if inputs is None:
        _unknown(block, ctx, "Renewal", questions.get("renewal", "How does the contract renew?"))
        return block
    renews = {True: "renews automatically", False: "does not renew automatically", None: "unknown"}[r.auto_renews]
    block.add(Text("Renews automatically", st.text), Text(renews, st.text))
    months = block.add(
        Text("Months of the first renewal year", st.text),
        Calc(lambda: f"=MIN(12,{inputs.term_months})", r.months, st.count),
    )
    price = r.price.value if r.price is not None else "unknown"
    block.add(Text("Renewal price", st.text), Text(price, st.text), Text("fixed by the export", st.note))
    if r.exposure is None:
        question = next(
            iter(q for p, q in questions.items() if p in ("price", "licenses")), "What is the renewal price?"
        )
        _unknown(block, ctx, "Exposure", question)
    else:
        formula: Callable[[], str]
        if r.price is RenewalPrice.contract:
            formula = lambda: f"={block.cell(rr, 1)}*{block_cell(block, months)}/12"  # noqa: E731
        elif r.price is RenewalPrice.capped:
            assert inputs.uplift_cap is not None
            cap = inputs.uplift_cap
            formula = lambda: f"={block.cell(rr, 1)}*(1+{cap}/100)*{block_cell(block, months)}/12"  # noqa: E731
        else:
            formula = _at_list(ctx, block, rr, months, first, window)
        at = block.add(Text("Exposure", st.text), Calc(formula, r.exposure, st.money_bold), Text(r.formula, st.note))
        refs.renewal = _address(ctx, block, at)
    start = ctx.deal_inputs.buyer.start
    if start is not None and r.term_end is not None:
        end = block.add(
            Text("Term ends (the day after its last day)", st.text),
            Calc(lambda: f"=EDATE({start},{ctx.term})", serial(r.term_end), st.date),
        )
        if inputs.notice_days is not None and r.notice_by is not None:
            days = inputs.notice_days
            block.add(
                Text("Notice of non-renewal by", st.text),
                Calc(lambda: f"={block.cell(end, 1)}-{days}", serial(r.notice_by), st.date),
            )
    for unknown in r.unknowns:
        if unknown.path.endswith(("notice_days", "start", "auto_renews")):
            _unknown(block, ctx, unknown.path, unknown.question)
    return block


def block_cell(block: Block, row: int) -> str:
    return block.cell(row, 1)


def _at_list(ctx: SheetContext, block: Block, rr: int, months: int, first: int, window: int) -> Callable[[], str]:
    t = ctx.table

    def formula() -> str:
        parts = []
        for refs, quantity, charge in ctx.licence_charges:
            assert refs.list_price is not None
            window_months, billed = t.span(t.month, first, ctx.term), t.span(quantity, first, ctx.term)
            seats = f"SUMPRODUCT(({window_months}>={ctx.bill_start})*{billed})"
            parts.append(f"{seats}*{refs.list_price}-SUM({t.span(charge, first, ctx.term)})")
        difference = ctx.to_deal("+".join(parts) or "0")
        return f"=({block.cell(rr, 1)}+{difference}*12/{window})*{block.cell(months, 1)}/12"

    return formula


def _cash(ctx: SheetContext, cash: CashColumns, refs: TermsRefs) -> Block:
    st, t, view = ctx.deal_st, ctx.table, ctx.terms.cash
    block = Block()
    block.add(
        Text(
            f"Cash paid ({view.frequency.value} invoices, {view.timing.value}, net {view.payment_days} days at export)",
            st.heading,
        )
    )
    block.add(Text("Contract year", st.header), Text("Cash paid", st.header))

    def paid(low: int, high: int | None) -> Callable[[], str]:
        def formula() -> str:
            parts = []
            for inv in cash.invoices:
                when, amount = t.span(inv.paid_in), t.span(inv.amount)
                upper = f"*({when}<={high})" if high is not None else ""
                parts.append(f"SUMPRODUCT(({when}>={low}){upper}*{amount})")
            return "=" + ctx.to_deal("+".join(parts) or "0")

        return formula

    for y, value in enumerate(view.year_totals(), start=1):
        block.add(Number(y, st.count), Calc(paid((y - 1) * 12 + 1, min(12 * y, ctx.term)), value, st.money))
    block.add(Text("After the term", st.text), Calc(paid(ctx.term + 1, None), view.after_term, st.money))
    if cash.present_value is None or view.npv is None:
        question = next((u.question for u in view.unknowns), "What discount rate should payments be valued at?")
        _unknown(block, ctx, "Net present value", question)
    else:
        pv = cash.present_value
        at = block.add(
            Text(f"Net present value at {view.discount_rate_percent}% a year", st.text),
            Calc(lambda: "=" + ctx.to_deal(f"SUM({t.span(pv)})"), view.npv, st.money_bold),
            Text("sum of each invoice x (1 + r)^(-months until paid / 12)", st.note),
        )
        refs.npv = _address(ctx, block, at)
    return block


def _leaving(ctx: SheetContext, total: Column) -> Block:
    st, term = ctx.deal_st, ctx.terms.termination
    block = Block()
    block.add(Text("Leaving early: the cost to leave at the end of each contract year", st.heading))
    heads = ("Leave at the end of year", "Paid to date", "Committed fees left", "Fee", "Cost to leave")
    block.add(*(Text(h, st.header) for h in heads))
    committed = [
        c
        for c in (*ctx.categories.get(Category.licenses, []), *ctx.categories.get(Category.recurring, []),
                  *ctx.categories.get(Category.credit, []))
        if c.category is not Category.credit or c.billed_with is Category.licenses
    ]  # fmt: skip
    for ex in term.exits:
        r = len(block.rows)
        month = ex.month
        paid = Calc(_paid_to(ctx, total, month), ex.paid_to_date, st.money)
        left = Calc(_left(ctx, committed, month), ex.remaining_committed, st.money)
        row: list[Text | Number | Calc] = [Number(ex.year, st.count), paid, left]
        if ex.fee is None:
            row += [Text("unknown", st.text), Text("unknown", st.text)]
        else:
            row.append(Calc(_fee(ctx, block, r, term.right), ex.fee, st.money))
            row.append(Calc(_sum_of(block, r, 1, 3), ex.cost_to_leave or Decimal(0), st.money_bold))
        block.add(*row)
    for unknown in term.unknowns:
        _unknown(block, ctx, unknown.path, unknown.question)
    return block


def _paid_to(ctx: SheetContext, total: Column, month: int) -> Callable[[], str]:
    return lambda: f"=SUM({ctx.table.span(total, 1, month)})"


def _left(ctx: SheetContext, committed: list[Column], month: int) -> Callable[[], str]:
    return lambda: "=" + ctx.to_deal(_sum(ctx, committed, month + 1, ctx.term))


def _sum_of(block: Block, r: int, a: int, b: int) -> Callable[[], str]:
    return lambda: f"={block.cell(r, a)}+{block.cell(r, b)}"


def _average(ctx: SheetContext, total: Column, end: int) -> Callable[[], str]:
    return lambda: f"=SUM({ctx.table.span(total, max(1, end - 11), end)})/12"


def _times(months: str, block: Block, r: int) -> Callable[[], str]:
    return lambda: f"={months}*{block.cell(r, 1)}"


def _fee(ctx: SheetContext, block: Block, r: int, right: bool | None) -> Callable[[], str]:
    inputs = ctx.inputs.exit

    def formula() -> str:
        left = block.cell(r, 2)
        if right is False or inputs is None:
            return f"={left}"
        parts = []
        if inputs.fee_percent is not None:
            parts.append(f"{inputs.fee_percent}/100*{left}")
        if inputs.fixed_fee is not None:
            parts.append(ctx.to_deal(inputs.fixed_fee))
        return "=" + ("+".join(parts) or "0")

    return formula


def _liability(ctx: SheetContext, total: Column, refs: TermsRefs) -> Block:
    st, cap = ctx.deal_st, ctx.terms.liability
    inputs = ctx.inputs.exit
    block = Block()
    block.add(Text("Liability cap at the end of each contract year", st.heading))
    heads = ("Contract year", "Average monthly fees (trailing 12 months)", "Cap from months of fees", "Cap")
    block.add(*(Text(h, st.header) for h in heads))
    first_row = len(block.rows)
    for at in cap.by_year:
        r = len(block.rows)
        end = at.month
        average = Calc(_average(ctx, total, end), at.trailing_average, st.money)
        row: list[Text | Number | Calc] = [Number(at.year, st.count), average]
        months = inputs.cap_months if inputs is not None else None
        amount = inputs.cap_amount if inputs is not None else None
        if months is not None and at.from_months is not None:
            row.append(Calc(_times(months, block, r), at.from_months, st.money))
        else:
            row.append(Text("", st.text))
        if at.cap is None:
            row.append(Text("unknown", st.text))
        else:
            row.append(Calc(_cap_formula(ctx, block, r, months, amount, cap.combination), at.cap, st.money_bold))
        block.add(*row)
    last_row = len(block.rows) - 1
    if cap.lowest is not None:
        lowest = block.add(
            Text("Lowest cap over the term", st.text),
            Calc(lambda: f"=MIN({block.cell(first_row, 3)}:{block.cell(last_row, 3)})", cap.lowest, st.money_bold),
        )
        refs.liability = _address(ctx, block, lowest)
        hour = ctx.deal_inputs.buyer.outage_hour
        if hour is not None and cap.outage_hours_covered is not None:
            block.add(
                Text("Hours of a full outage the lowest cap covers", st.text),
                Calc(lambda: f"={block.cell(lowest, 1)}/{hour}", cap.outage_hours_covered, st.volume),
                Text("against one hour of a full outage on the Inputs sheet", st.note),
            )
    for unknown in cap.unknowns:
        _unknown(block, ctx, unknown.path, unknown.question)
    return block


def _cap_formula(
    ctx: SheetContext, block: Block, r: int, months: str | None, amount: str | None, combination: CapCombination | None
) -> Callable[[], str]:
    def formula() -> str:
        fixed = ctx.to_deal(amount) if amount is not None else None
        by_months = block.cell(r, 2) if months is not None else None
        if by_months is not None and fixed is not None:
            pick = "MAX" if combination is CapCombination.greater else "MIN"
            return f"={pick}({by_months},{fixed})"
        return f"={by_months or fixed}"

    return formula
