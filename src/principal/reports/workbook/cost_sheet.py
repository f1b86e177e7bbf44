"""One cost sheet per offer: the month-by-month schedule as live formulas over the Inputs sheet.

Each formula mirrors a step of the cost engine (principal.cost.schedule, usage_charges, commitments, minimums,
licence_terms, surcharges, fx); the value cached in each cell is the engine's own figure, so the workbook shows
numbers before any recalculation, and a recalculation that matches them shows the formulas reproduce the engine.

Layout, top to bottom: start months, uplift factors by contract year, milestone payments and credits, totals by
contract year and the term, switching against staying (the incumbent's end month, dual running, its
early-termination fee, by contract year), the order-form figures (renewal exposure, cash and NPV, leaving early,
liability cap), then one row per month (agents live, licences, usage, caps, surcharges, totals, cash, then the
incumbent's bill and the cost of switching).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from decimal import Decimal

from xlsxwriter.worksheet import Worksheet

from principal.cost.lines import Category, Schedule
from principal.cost.minimums import commitment_start
from principal.cost.order_terms import OrderTerms
from principal.cost.scenario import PLAN
from principal.cost.switching import SwitchingCost
from principal.cost.timeline import uplift_factor, uplift_rate
from principal.model.deal import Deal, Offer
from principal.model.pricing import UpliftTarget
from principal.reports.workbook.blocks import Block, Calc, Number, Text, place
from principal.reports.workbook.cap_columns import add_cap_columns, needs_plan
from principal.reports.workbook.cash_columns import CashColumns, add_cash_columns
from principal.reports.workbook.cells import Styles, rel
from principal.reports.workbook.input_refs import DealInputs, OfferInputs
from principal.reports.workbook.licence_columns import add_licence_columns, add_recurring_columns, seat_columns
from principal.reports.workbook.month_table import Column, MonthTable
from principal.reports.workbook.sheet_context import SheetContext
from principal.reports.workbook.surcharge_columns import add_surcharge_columns
from principal.reports.workbook.terms_blocks import TermsRefs, terms_blocks
from principal.reports.workbook.transition_columns import SwitchingRefs, switching_block
from principal.reports.workbook.usage_columns import add_meter_columns
from principal.reports.workbook.wave_columns import add_live_column

CATEGORY_TITLES = (
    (Category.licenses, "Licences"),
    (Category.true_up, "True-ups"),
    (Category.recurring, "Recurring fees"),
    (Category.usage, "Usage"),
    (Category.commitment, "Commitments"),
    (Category.usage_minimum, "Usage minimums"),
    (Category.usage_cap, "Refused by cap"),
    (Category.usage_collar, "Usage collar"),
    (Category.one_time, "One-time fees"),
    (Category.credit, "Credits"),
    (Category.surcharge, "Surcharges"),
    (Category.tax, "Taxes"),
)


@dataclass(frozen=True)
class CostSheetRefs:
    sheet: str
    year_totals: tuple[str, ...]
    term_total: str
    terms: TermsRefs
    switching: SwitchingRefs


def write_cost_sheet(
    sheet: Worksheet,
    name: str,
    st: Styles,
    deal_st: Styles,
    deal: Deal,
    deal_inputs: DealInputs,
    inputs: OfferInputs,
    schedule: Schedule,
    terms: OrderTerms,
    switching: SwitchingCost,
) -> CostSheetRefs:
    """`st` formats the offer's own currency (its monthly table), `deal_st` the deal's (its totals)."""
    table = MonthTable(inputs.offer.term_months, st)
    ctx = SheetContext(sheet, name, deal, inputs, deal_inputs, schedule, terms, st, deal_st, table)
    sheet.set_column(0, 0, 34)
    sheet.set_column(1, 200, 15)
    sheet.write_string(0, 0, f"Cost of offer {inputs.name} at the buyer's plan", deal_st.title)
    note = "Every figure is a formula over the Inputs sheet; change an input to see it move."
    if ctx.converted:
        note += (
            f" Prices are in {inputs.currency}: the monthly table is in {inputs.currency}, the totals in "
            f"{deal.currency} at the exchange rate on the Inputs sheet."
        )
    sheet.write_string(1, 0, note, deal_st.note)
    ctx.starts = _starts(ctx)
    ctx.uplift = _uplift_factors(ctx)
    milestones, credits = _milestones(ctx), _credits(ctx)
    total, cash = _columns(ctx, milestones, credits)
    years = _year_totals(ctx, total)
    moving, switching_refs = switching_block(ctx, total, switching)
    order_form, terms_refs = terms_blocks(ctx, total, cash)
    blocks = [ctx.starts, ctx.uplift, milestones, credits, years, moving, *order_form]
    table.top = place(blocks, 3) + 1
    for block in blocks:
        block.write(sheet)
    sheet.write_string(
        table.top - 1, 0, "Month by month" + (f" ({inputs.currency})" if ctx.converted else ""), st.heading
    )
    table.write(sheet)
    sheet.freeze_panes(0, 1)
    n = len(schedule.years)
    year_refs = tuple(years.cell(1 + y, years_total_col(years), name) for y in range(1, n + 1))
    term_total = years.cell(2 + n, years_total_col(years), name)
    return CostSheetRefs(name, year_refs, term_total, terms_refs, switching_refs)


def years_total_col(block: Block) -> int:
    return len(block.rows[1]) - 1


def _starts(ctx: SheetContext) -> Block:
    st, i, offer = ctx.deal_st, ctx.inputs, ctx.offer
    block = Block()
    block.add(Text("Start months", st.heading))
    ctx.start_rows["billing"] = block.add(
        Text("Billing starts in month", st.text),
        Calc(_tied(i, i.billing_start), ctx.schedule.billing_start_month, st.count),
        Text("the later of billing start and go-live when billing waits for go-live", st.note),
    )
    ctx.start_rows["usage"] = block.add(
        Text("Usage starts in month (go-live)", st.text),
        Calc(lambda: f"={i.go_live}", ctx.schedule.go_live_month, st.count),
    )
    for refs in i.meters:
        meter = refs.meter
        starts = (
            ("minimum", refs.minimum.from_month if refs.minimum else None, meter.minimum),
            ("commitment", refs.commitment.from_month if refs.commitment else None, meter.commitment),
        )
        for key, first, term in starts:
            if term is None:
                continue
            ctx.start_rows[f"{key}:{meter.name}"] = block.add(
                Text(f"{meter.name} {key} applies from month", st.text),
                Calc(_tied(i, first, ctx), commitment_start(offer, PLAN, term.from_month), st.count),
                Text("its own first month (else billing start), never before a tied go-live", st.note),
            )
    return block


def _tied(i: OfferInputs, first: str | None, ctx: SheetContext | None = None) -> Callable[[], str]:
    """The formula of a start month: `first` (or, when None, the sheet's billing start), moved to go-live when
    billing waits for go-live."""

    def formula() -> str:
        origin = first if first is not None else ctx.bill_start  # type: ignore[union-attr]
        return f"=IF({i.tied}=1,MAX({origin},{i.go_live}),{origin})"

    return formula


def _uplift_factors(ctx: SheetContext) -> Block:
    st, offer, i = ctx.deal_st, ctx.offer, ctx.inputs
    block = Block()
    block.add(Text("Uplift factors by contract year", st.heading))
    heads = ("Contract year", "Uplift (%)", "Price factor", "Licence factor", "Usage factor")
    block.add(*(Text(h, st.header) for h in heads))

    def at(r: int, col: int) -> str:
        return rel(block.top + r, col)

    def price(y: int, r: int) -> Callable[[], str]:
        return lambda: f"={at(r - 1, 2) + '*' if y > 1 else ''}(1+{at(r, 1)}/100)"

    def applied(flag: str, r: int) -> Callable[[], str]:
        return lambda: f"=IF({flag}=1,{at(r, 2)},1)"

    for y in range(1, len(ctx.schedule.years) + 1):
        r = 1 + y
        rate = uplift_rate(offer.uplift, y) if offer.uplift else Decimal(0)
        block.add(
            Number(y, st.count),
            Calc(_same(i.uplift_rates[y - 1]), rate, st.percent),
            Calc(price(y, r), _price_factor(offer, y), st.factor),
            Calc(applied(i.applies_licences, r), uplift_factor(offer.uplift, y, UpliftTarget.licenses), st.factor),
            Calc(applied(i.applies_usage, r), uplift_factor(offer.uplift, y, UpliftTarget.usage), st.factor),
        )
    return block


def _same(address: str) -> Callable[[], str]:
    return lambda: f"={address}"


def _milestones(ctx: SheetContext) -> Block:
    st, offer = ctx.st, ctx.offer
    block = Block()
    block.add(Text("One-time fees by milestone", st.heading))
    block.add(*(Text(h, st.header) for h in ("Payment", "Share (%)", "Fee", "Amount", "Month")))
    paid = {ln.item: ln for ln in ctx.schedule.lines if ln.category is Category.one_time}

    def amount(r: int) -> Callable[[], str]:
        return lambda: f"={rel(block.top + r, 1)}/100*{rel(block.top + r, 2)}"

    for fee_refs, fee in zip(ctx.inputs.fees, offer.one_time_fees, strict=True):
        for ms_refs, ms in zip(fee_refs.milestones, fee.milestones or (None,), strict=True):
            line = paid[f"{fee.name}: {ms.name}" if ms is not None else fee.name]
            share: Number | Calc = Number(100, st.percent)
            month: Number | Calc = Number(1, st.count)
            if ms is not None and ms_refs.percent is not None and ms_refs.month is not None:
                share = Calc(_same(ms_refs.percent), ms.percent, st.percent)
                month = Calc(_same(ms_refs.month), line.month, st.count)
            block.add(
                Text(f"{fee.name}: {ms_refs.name}", st.text),
                share,
                Calc(_same(fee_refs.amount), fee.amount, st.money),
                Calc(amount(len(block.rows)), line.amount / ctx.rate, st.money),
                month,
            )
    if len(block.rows) == 2:
        block.add(Text("no one-time fees", st.note))
    return block


def _credits(ctx: SheetContext) -> Block:
    st = ctx.st
    block = Block()
    block.add(Text("Signing credits", st.heading))
    block.add(*(Text(h, st.header) for h in ("Credit", "Amount", "Month")))
    for refs, credit in zip(ctx.inputs.credits, ctx.offer.credits, strict=True):
        block.add(
            Text(refs.name, st.text),
            Calc(_same(refs.amount), credit.amount, st.money),
            Calc(_same(refs.month), credit.month, st.count),
        )
    if len(block.rows) == 2:
        block.add(Text("no signing credits", st.note))
    return block


def _columns(ctx: SheetContext, milestones: Block, credits: Block) -> tuple[Column, CashColumns]:
    """Every column of the monthly table; returns the total in the deal's currency and the cash view."""
    t = ctx.table
    add_live_column(ctx)
    licences = add_licence_columns(ctx)
    add_recurring_columns(ctx)
    seats = seat_columns(licences)
    meters = add_meter_columns(ctx, seats)
    planned = needs_plan(ctx)
    plan = add_meter_columns(ctx, seats, plan=True, only=planned) if planned else []
    add_cap_columns(ctx, meters, plan)
    if ctx.inputs.fees:
        ctx.amount("One-time fees", Category.one_time).set(
            _sumif(ctx, milestones, 4, 3, negative=False),
            lambda m: ctx.by_category.get((Category.one_time, m), Decimal(0)),
        )
    if ctx.inputs.credits:
        names = [c.name for c in ctx.offer.credits]
        ctx.amount("Signing credits", Category.credit, Category.one_time).set(
            _sumif(ctx, credits, 2, 1, negative=True), lambda m: ctx.items(Category.credit, names, m)
        )
    add_surcharge_columns(ctx, licences, meters)
    for cat, title in CATEGORY_TITLES:
        members = ctx.categories.get(cat, [])
        if members:
            column = t.add(title, ctx.st.money).set(_plus(ctx, members), _category_value(ctx, cat))
            ctx.sums.append((cat, column))
    months = ctx.schedule.month_totals
    every = [c for _, c in ctx.sums]
    title = "Total" + (f" ({ctx.inputs.currency})" if ctx.converted else "")
    total = t.add(title, ctx.st.money_bold).set(_plus(ctx, every), lambda m: months[m - 1] / ctx.rate)
    if ctx.converted:
        own = total
        total = t.add(f"Total ({ctx.deal.currency})", ctx.deal_st.money_bold).set(
            lambda m: "=" + ctx.to_deal(t.at(own, m)), lambda m: months[m - 1]
        )
    return total, add_cash_columns(ctx)


def _sumif(ctx: SheetContext, block: Block, month_col: int, amount_col: int, *, negative: bool) -> Callable[[int], str]:
    """SUMIF over a block's rows 2.. (a table of amounts and months): what falls due in the month."""

    def formula(m: int) -> str:
        last = len(block.rows) - 1
        months = f"{block.cell(2, month_col)}:{block.cell(last, month_col)}"
        amounts = f"{block.cell(2, amount_col)}:{block.cell(last, amount_col)}"
        return f"={'-' if negative else ''}SUMIF({months},{ctx.table.m(m)},{amounts})"

    return formula


def _plus(ctx: SheetContext, columns: list[Column]) -> Callable[[int], str]:
    return lambda m: "=" + ("+".join(ctx.table.at(c, m) for c in columns) or "0")


def _category_value(ctx: SheetContext, cat: Category) -> Callable[[int], Decimal]:
    return lambda m: ctx.by_category.get((cat, m), Decimal(0))


def _year_totals(ctx: SheetContext, total: Column) -> Block:
    st, t, schedule = ctx.deal_st, ctx.table, ctx.schedule
    block = Block()
    block.add(Text("Totals by contract year" + (f" ({ctx.deal.currency})" if ctx.converted else ""), st.heading))
    titles = dict(CATEGORY_TITLES)
    heads = ["Contract year", *(titles[c] for c, _ in ctx.sums), "Total"]
    block.add(*(Text(h, st.header) for h in heads))

    def sumif(column: Column, r: int, convert: bool) -> Callable[[], str]:
        def formula() -> str:
            text = f"SUMIF({t.span(t.year)},{rel(block.top + r, 0)},{t.span(column)})"
            return "=" + (ctx.to_deal(text) if convert else text)

        return formula

    for y, year in enumerate(schedule.years, start=1):
        r = 1 + y
        cells = [Calc(sumif(c, r, True), year.by_category.get(cat.value, Decimal(0)), st.money) for cat, c in ctx.sums]
        block.add(Number(y, st.count), *cells, Calc(sumif(total, r, False), year.total, st.money_bold))
    last = 1 + len(schedule.years)

    def term(col: int) -> Callable[[], str]:
        return lambda: f"=SUM({rel(block.top + 2, col)}:{rel(block.top + last, col)})"

    by_cat = schedule.by_category()
    values = [by_cat.get(cat.value, Decimal(0)) for cat, _ in ctx.sums] + [schedule.total]
    block.add(
        Text("Term (TCO)", st.header), *(Calc(term(col), v, st.money_bold) for col, v in enumerate(values, start=1))
    )
    return block


def _price_factor(offer: Offer, year: int) -> Decimal:
    """The compounded uplift of `year` whatever the uplift applies to (the factor before applies_to)."""
    if offer.uplift is None:
        return Decimal(1)
    every = offer.uplift.model_copy(update={"applies_to": (UpliftTarget.licenses,)})
    return uplift_factor(every, year, UpliftTarget.licenses)
