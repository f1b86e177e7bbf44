"""One cost sheet per offer: the month-by-month schedule as live formulas over the Inputs sheet.

Each formula mirrors a step of the cost engine (principal.cost.schedule and usage_charges); the value cached in
each cell is the engine's own figure, so the workbook shows numbers before any recalculation, and a recalculation
that matches them shows the formulas reproduce the engine.

Layout, top to bottom: start months, uplift factors by contract year, milestone payments, totals by contract year
and the term, then one row per month.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from decimal import Decimal

from xlsxwriter.worksheet import Worksheet

from principal.cost.licences import billed_quantity
from principal.cost.lines import Category, Schedule
from principal.cost.minimums import minimum_floors
from principal.cost.scenario import PLAN
from principal.cost.timeline import contract_year, uplift_factor, uplift_rate
from principal.cost.usage_charges import MeterMonth, billed_before_cap, meter_months
from principal.model.deal import Deal, Offer
from principal.model.pricing import LicenseKind, Period, UpliftTarget
from principal.reports.workbook.cells import Styles, num, ref, rel
from principal.reports.workbook.inputs_sheet import MeterRefs, OfferInputs
from principal.reports.workbook.rate_formulas import price_formula

CATEGORY_TITLES = (
    (Category.licenses, "Licences"),
    (Category.recurring, "Recurring fees"),
    (Category.usage, "Usage"),
    (Category.usage_minimum, "Usage minimums"),
    (Category.usage_cap, "Refused by cap"),
    (Category.usage_collar, "Usage collar"),
    (Category.one_time, "One-time fees"),
)
Cached = dict[tuple[Category, str, int], Decimal]


@dataclass(frozen=True)
class CostSheetRefs:
    sheet: str
    year_totals: tuple[str, ...]
    term_total: str


@dataclass(frozen=True)
class _MeterCols:
    refs: MeterRefs
    volume: int
    billed: int
    running: int | None
    charge: int
    shortfall: int | None
    months: tuple[MeterMonth, ...]


@dataclass
class _Columns:
    """Column positions of the monthly table, assigned in order of `add`."""

    titles: list[str] = field(default_factory=list)
    licences: list[tuple[int, int]] = field(default_factory=list)
    recurring: list[int] = field(default_factory=list)
    meters: list[_MeterCols] = field(default_factory=list)
    cap_sum: int | None = None
    cap_so_far: int | None = None
    cap_line: int | None = None
    collar: int | None = None
    one_time: int | None = None
    categories: dict[Category, int] = field(default_factory=dict)

    def add(self, title: str) -> int:
        self.titles.append(title)
        return len(self.titles) - 1

    def members(self, cat: Category) -> list[int]:
        optional = {
            Category.usage_cap: self.cap_line,
            Category.usage_collar: self.collar,
            Category.one_time: self.one_time,
        }
        if cat is Category.licenses:
            return [charge for _, charge in self.licences]
        if cat is Category.recurring:
            return list(self.recurring)
        if cat is Category.usage:
            return [m.charge for m in self.meters]
        if cat is Category.usage_minimum:
            return [m.shortfall for m in self.meters if m.shortfall is not None]
        col = optional[cat]
        return [] if col is None else [col]


@dataclass
class _Sheet:
    sheet: Worksheet
    name: str
    st: Styles
    deal: Deal
    inputs: OfferInputs
    schedule: Schedule
    cached: Cached
    bill_start: str = ""
    usage_start: str = ""
    lic_factor: dict[int, str] = field(default_factory=dict)
    use_factor: dict[int, str] = field(default_factory=dict)
    milestone_rows: list[int] = field(default_factory=list)

    @property
    def offer(self) -> Offer:
        return self.inputs.offer

    def formula(self, row: int, col: int, text: str, value: Decimal | int, bold: bool = False) -> None:
        self.sheet.write_formula(row, col, text, self.st.money_bold if bold else self.st.money, num(value))


def write_cost_sheet(
    sheet: Worksheet, name: str, st: Styles, deal: Deal, inputs: OfferInputs, schedule: Schedule
) -> CostSheetRefs:
    ctx = _Sheet(sheet, name, st, deal, inputs, schedule, _cached_by_month(schedule))
    sheet.set_column(0, 0, 30)
    sheet.set_column(1, 80, 15)
    sheet.write_string(0, 0, f"Cost of offer {inputs.name} at the buyer's plan", st.title)
    sheet.write_string(
        1, 0, "Every figure is a formula over the Inputs sheet; change an input to see it move.", st.note
    )
    _starts(ctx)
    row = _uplift_factors(ctx, 6)
    row = _milestones(ctx, row)
    cols = _columns(ctx)
    years = len(schedule.years)
    month_top = row + years + 5  # header row of the monthly table
    year_refs, term_ref = _year_totals(ctx, cols, row, month_top)
    sheet.write_string(month_top - 1, 0, "Month by month", st.heading)
    for col, title in enumerate(cols.titles):
        sheet.write_string(month_top, col, title, st.header)
    sheet.freeze_panes(month_top + 1, 1)
    cap_cache = _cap_cache(deal, inputs.offer)
    for month in range(1, inputs.offer.term_months + 1):
        _month_row(ctx, cols, month_top, month, cap_cache)
    return CostSheetRefs(name, year_refs, term_ref)


def _starts(ctx: _Sheet) -> None:
    sheet, st, i = ctx.sheet, ctx.st, ctx.inputs
    sheet.write_string(3, 0, "Billing starts in month", st.text)
    start = f"=IF({i.tied}=1,MAX({i.billing_start},{i.go_live}),{i.billing_start})"
    sheet.write_formula(3, 1, start, st.count, ctx.schedule.billing_start_month)
    sheet.write_string(3, 2, "the later of billing start and go-live when billing waits for go-live", st.note)
    sheet.write_string(4, 0, "Usage starts in month (go-live)", st.text)
    sheet.write_formula(4, 1, f"={i.go_live}", st.count, ctx.schedule.go_live_month)
    ctx.bill_start, ctx.usage_start = ref(3, 1), ref(4, 1)


def _uplift_factors(ctx: _Sheet, row: int) -> int:
    sheet, st, offer = ctx.sheet, ctx.st, ctx.offer
    sheet.write_string(row, 0, "Uplift factors by contract year", st.heading)
    for col, head in enumerate(("Contract year", "Uplift (%)", "Price factor", "Licence factor", "Usage factor")):
        sheet.write_string(row + 1, col, head, st.header)
    years = len(ctx.schedule.years)
    for y in range(1, years + 1):
        r = row + 1 + y
        sheet.write_number(r, 0, y, st.count)
        rate = uplift_rate(offer.uplift, y) if offer.uplift else Decimal(0)
        sheet.write_formula(r, 1, f"={ctx.inputs.uplift_rates[y - 1]}", st.percent, num(rate))
        previous = f"{rel(r - 1, 2)}*" if y > 1 else ""
        sheet.write_formula(r, 2, f"={previous}(1+{rel(r, 1)}/100)", st.factor, num(_price_factor(offer, y)))
        lic = uplift_factor(offer.uplift, y, UpliftTarget.licenses)
        use = uplift_factor(offer.uplift, y, UpliftTarget.usage)
        sheet.write_formula(r, 3, f"=IF({ctx.inputs.applies_licences}=1,{rel(r, 2)},1)", st.factor, num(lic))
        sheet.write_formula(r, 4, f"=IF({ctx.inputs.applies_usage}=1,{rel(r, 2)},1)", st.factor, num(use))
        ctx.lic_factor[y] = ref(r, 3)
        ctx.use_factor[y] = ref(r, 4)
    return row + 3 + years


def _milestones(ctx: _Sheet, row: int) -> int:
    sheet, st = ctx.sheet, ctx.st
    sheet.write_string(row, 0, "One-time fees by milestone", st.heading)
    for col, head in enumerate(("Payment", "Share (%)", "Fee", "Amount", "Month")):
        sheet.write_string(row + 1, col, head, st.header)
    r = row + 2
    paid = {ln.item: ln for ln in ctx.schedule.lines if ln.category is Category.one_time}
    for fee_refs, fee in zip(ctx.inputs.fees, ctx.offer.one_time_fees, strict=True):
        for ms_refs, ms in zip(fee_refs.milestones, fee.milestones or (None,), strict=True):
            line = paid[f"{fee.name}: {ms.name}" if ms is not None else fee.name]
            sheet.write_string(r, 0, f"{fee.name}: {ms_refs.name}", st.text)
            if ms_refs.percent is None or ms is None:
                sheet.write_number(r, 1, 100, st.percent)
            else:
                sheet.write_formula(r, 1, f"={ms_refs.percent}", st.percent, num(ms.percent))
            sheet.write_formula(r, 2, f"={fee_refs.amount}", st.money, num(fee.amount))
            ctx.formula(r, 3, f"={rel(r, 1)}/100*{rel(r, 2)}", line.amount)
            if ms_refs.month is None:
                sheet.write_number(r, 4, 1, st.count)
            else:
                sheet.write_formula(r, 4, f"={ms_refs.month}", st.count, line.month)
            ctx.milestone_rows.append(r)
            r += 1
    if not ctx.milestone_rows:
        sheet.write_string(r, 0, "no one-time fees", st.note)
        r += 1
    return r + 1


def _columns(ctx: _Sheet) -> _Columns:
    inputs = ctx.inputs
    cols = _Columns()
    cols.add("Month")
    cols.add("Contract year")
    for lic in inputs.licences:
        cols.licences.append((cols.add(f"{lic.name} quantity"), cols.add(f"{lic.name} licences")))
    cols.recurring = [cols.add(fee.name) for fee in inputs.recurring]
    for m in inputs.meters:
        unit = m.forecast.unit
        volume = cols.add(f"{m.meter.name} {unit}s")
        billed = cols.add(f"{m.meter.name} billable {unit}s")
        running = cols.add(f"{m.meter.name} earlier this year") if m.meter.rate_card.period is Period.year else None
        charge = cols.add(f"{m.meter.name} usage")
        shortfall = cols.add(f"{m.meter.name} minimum shortfall") if m.minimum is not None else None
        months = tuple(meter_months(ctx.deal, ctx.offer, m.meter, PLAN))
        cols.meters.append(_MeterCols(m, volume, billed, running, charge, shortfall, months))
    if inputs.cap is not None:
        cols.cap_sum = cols.add("usage under the cap")
        cols.cap_so_far = cols.add(f"cap: so far this {inputs.cap.period.value}")
        cols.cap_line = cols.add("refused by cap")
        if inputs.cap.collar is not None:
            cols.collar = cols.add("collar shortfall")
    if inputs.fees:
        cols.one_time = cols.add("One-time fees")
    for cat, title in CATEGORY_TITLES:
        if cols.members(cat):
            cols.categories[cat] = cols.add(title)
    cols.add("Total")
    return cols


def _year_totals(ctx: _Sheet, cols: _Columns, row: int, month_top: int) -> tuple[tuple[str, ...], str]:
    sheet, st, schedule = ctx.sheet, ctx.st, ctx.schedule
    total_src = len(cols.titles) - 1
    sheet.write_string(row, 0, "Totals by contract year", st.heading)
    cats = list(cols.categories)
    head = ["Contract year", *[t for c, t in CATEGORY_TITLES if c in cols.categories], "Total"]
    for col, text in enumerate(head):
        sheet.write_string(row + 1, col, text, st.header)
    first, last = month_top + 1, month_top + ctx.offer.term_months
    years_col = f"{ref(first, 1)}:{ref(last, 1)}"

    def column(col: int) -> str:
        return f"{ref(first, col)}:{ref(last, col)}"

    year_refs = []
    total_col = 1 + len(cats)
    for y, year in enumerate(schedule.years, start=1):
        r = row + 1 + y
        sheet.write_number(r, 0, y, st.count)
        for j, cat in enumerate(cats):
            sumif = f"=SUMIF({years_col},{rel(r, 0)},{column(cols.categories[cat])})"
            ctx.formula(r, 1 + j, sumif, year.by_category.get(cat.value, Decimal(0)))
        ctx.formula(r, total_col, f"=SUMIF({years_col},{rel(r, 0)},{column(total_src)})", year.total, bold=True)
        year_refs.append(ref(r, total_col, ctx.name))
    term_row = row + 2 + len(schedule.years)
    sheet.write_string(term_row, 0, "Term (TCO)", st.header)
    by_cat = schedule.by_category()
    for col in range(1, total_col + 1):
        value = schedule.total if col == total_col else by_cat.get(cats[col - 1].value, Decimal(0))
        ctx.formula(term_row, col, f"=SUM({rel(row + 2, col)}:{rel(term_row - 1, col)})", value, bold=True)
    return tuple(year_refs), ref(term_row, total_col, ctx.name)


def _month_row(ctx: _Sheet, cols: _Columns, top: int, m: int, cap_cache: list[Decimal]) -> None:
    sheet, st, inputs = ctx.sheet, ctx.st, ctx.inputs
    r = top + m
    y = contract_year(m)
    month = rel(r, 0)
    sheet.write_number(r, 0, m, st.count)
    sheet.write_number(r, 1, y, st.count)
    seats: list[str] = []
    for lic, (qc, cc), model in zip(inputs.licences, cols.licences, ctx.offer.licenses, strict=True):
        qty = lic.quantity
        for from_month, step_qty in lic.ramp:
            qty = f"IF({month}>={from_month},{step_qty},{qty})"
        if lic.round_up is not None:
            qty = f"IF({lic.round_up}=1,ROUNDUP({qty},0),{qty})"
        sheet.write_formula(r, qc, f"={qty}", st.volume, num(billed_quantity(model, m)))
        charge = f"=IF({month}>={ctx.bill_start},{rel(r, qc)}*{lic.price}*{ctx.lic_factor[y]},0)"
        ctx.formula(r, cc, charge, ctx.cached.get((Category.licenses, f"{lic.name} licences ({lic.kind.value})", m), 0))
        if lic.kind is not LicenseKind.hourly:
            seats.append(rel(r, qc))
    for rec, col in zip(inputs.recurring, cols.recurring, strict=True):
        uplifted = f"IF({rec.uplifted}=1,{ctx.lic_factor[y]},1)"
        text = f"=IF({month}>=MAX({ctx.bill_start},{rec.from_month}),{rec.monthly}*{uplifted},0)"
        ctx.formula(r, col, text, ctx.cached.get((Category.recurring, rec.name, m), 0))
    for mc in cols.meters:
        _meter_cells(ctx, mc, r, m, seats)
    if cols.cap_sum is not None:
        _cap_cells(ctx, cols, top, m, cap_cache)
    if cols.one_time is not None:
        rows = ctx.milestone_rows
        months = f"{ref(rows[0], 4)}:{ref(rows[-1], 4)}"
        amounts = f"{ref(rows[0], 3)}:{ref(rows[-1], 3)}"
        ctx.formula(
            r, cols.one_time, f"=SUMIF({months},{month},{amounts})", ctx.cached.get((Category.one_time, "", m), 0)
        )
    for cat, col in cols.categories.items():
        total = "+".join(rel(r, c) for c in cols.members(cat))
        ctx.formula(r, col, f"={total}", ctx.cached.get((cat, "", m), 0))
    every = "+".join(rel(r, c) for c in cols.categories.values()) or "0"
    ctx.formula(r, len(cols.titles) - 1, f"={every}", ctx.schedule.month_totals[m - 1], bold=True)


def _meter_cells(ctx: _Sheet, mc: _MeterCols, r: int, m: int, seats: list[str]) -> None:
    sheet, st = ctx.sheet, ctx.st
    refs = mc.refs
    fc = refs.forecast
    mm = mc.months[m - 1]
    y = contract_year(m)
    month = rel(r, 0)
    volume = f"=IF({month}>={ctx.usage_start},{fc.expected}*(1+{fc.growth}/100)^({y}-1),0)"
    sheet.write_formula(r, mc.volume, volume, st.volume, num(mm.volume))
    billed = rel(r, mc.volume)
    if refs.rounding_factor is not None:
        billed = f"{billed}*{refs.rounding_factor}"
    if refs.per_seat is not None and refs.fixed is not None:
        seat_count = "+".join(seats) or "0"
        billed = f"MAX(0,{billed}-({refs.per_seat}*({seat_count})+{refs.fixed}))"
    if refs.total_increment is not None:
        billed = f"ROUNDUP({billed}/{refs.total_increment},0)*{refs.total_increment}"
    sheet.write_formula(r, mc.billed, f"={billed}", st.volume, num(mm.billable))
    b = rel(r, mc.billed)
    factor = ctx.use_factor[y]
    if mc.running is not None:
        first_of_year = (m - 1) % 12 == 0
        running = "=0" if first_of_year else f"={rel(r - 1, mc.running)}+{rel(r - 1, mc.billed)}"
        before = sum((x.billable for x in mc.months[(y - 1) * 12 : m - 1]), Decimal(0))
        sheet.write_formula(r, mc.running, running, st.volume, num(before))
        run = rel(r, mc.running)
        charge = f"=({price_formula(refs, f'({run}+{b})')}-{price_formula(refs, run)})*{factor}"
    else:
        charge = f"={price_formula(refs, b)}*{factor}"
    ctx.formula(r, mc.charge, charge, mm.charge)
    minimum = refs.meter.minimum
    if mc.shortfall is None or refs.minimum is None or minimum is None:
        return
    # The engine's floors (principal.cost.minimums): from the minimum's first month, pro-rated in part years.
    floor = next((f for f in minimum_floors(ctx.offer, minimum, PLAN, ctx.deal.currency) if f.months[-1] == m), None)
    if floor is None:
        text = "=0"
    else:
        first = r - (m - floor.months[0])
        if minimum.ramp:
            owed = str(floor.amount)
        elif minimum.period is Period.month or minimum.prorate is False:
            owed = refs.minimum
        else:
            owed = f"{refs.minimum}*{len(floor.months)}/12"
        text = f"=MAX(0,{owed}-SUM({rel(first, mc.charge)}:{rel(r, mc.charge)}))"
    item = f"{refs.meter.name} minimum commitment"
    ctx.formula(r, mc.shortfall, text, ctx.cached.get((Category.usage_minimum, item, m), 0))


def _cap_cells(ctx: _Sheet, cols: _Columns, top: int, m: int, cap_cache: list[Decimal]) -> None:
    """Usage billed to date within the cap's period is MIN(limit, usage so far); the cap line is the change of
    that minus this month's usage, which equals the engine's month-by-month refusal."""
    cap = ctx.inputs.cap
    assert cap is not None and cols.cap_sum is not None and cols.cap_so_far is not None and cols.cap_line is not None
    r = top + m
    y = contract_year(m)
    term = ctx.offer.term_months
    covered = [mc for mc in cols.meters if not cap.meters or mc.refs.meter.name in cap.meters]
    parts = [rel(r, mc.charge) for mc in covered] + [rel(r, mc.shortfall) for mc in covered if mc.shortfall]
    ctx.formula(r, cols.cap_sum, "=" + ("+".join(parts) or "0"), cap_cache[m - 1])
    first = m if cap.period is Period.month else (y - 1) * 12 + 1
    last = m if cap.period is Period.month else min(term, y * 12)
    s = rel(r, cols.cap_sum)
    so_far = f"={s}" if m == first else f"={rel(r - 1, cols.cap_so_far)}+{s}"
    ctx.formula(r, cols.cap_so_far, so_far, sum(cap_cache[first - 1 : m], Decimal(0)))
    plan = f"SUM({rel(top + first, cols.cap_sum)}:{rel(top + last, cols.cap_sum)})"
    if cap.percent is not None:
        limit = f"({cap.percent}/100*{plan})"
    else:
        share = f"*{last - first + 1}/12" if cap.period is Period.year and last - first + 1 != 12 else ""
        limit = f"({cap.amount}{share})"
    c = rel(r, cols.cap_so_far)
    refused = ctx.cached.get((Category.usage_cap, "usage refused by cap", m), 0)
    ctx.formula(r, cols.cap_line, f"=MIN({limit},{c})-MIN({limit},{c}-{s})-{s}", refused)
    if cols.collar is not None:
        text = f"=MAX(0,{cap.collar}/100*{plan}-MIN({limit},{c}))" if m == last else "=0"
        ctx.formula(r, cols.collar, text, ctx.cached.get((Category.usage_collar, "usage collar shortfall", m), 0))


def _cached_by_month(schedule: Schedule) -> Cached:
    """The engine's amounts by (category, item, month), and by (category, '', month) for each category's sum."""
    out: Cached = defaultdict(Decimal)
    for line in schedule.lines:
        out[(line.category, line.item, line.month)] += line.amount
        out[(line.category, "", line.month)] += line.amount
    return out


def _cap_cache(deal: Deal, offer: Offer) -> list[Decimal]:
    """Per month, what the cap's meters bill before the cap (the engine's billed_before_cap, summed)."""
    cap = offer.usage_cap
    months = [Decimal(0)] * offer.term_months
    if cap is None:
        return months
    for meter in offer.usage:
        if cap.meters and meter.name not in cap.meters:
            continue
        for i, amount in enumerate(billed_before_cap(deal, offer, meter, PLAN)):
            months[i] += amount
    return months


def _price_factor(offer: Offer, year: int) -> Decimal:
    """The compounded uplift of `year` whatever the uplift applies to (the factor before applies_to)."""
    if offer.uplift is None:
        return Decimal(1)
    every = offer.uplift.model_copy(update={"applies_to": (UpliftTarget.licenses,)})
    return uplift_factor(every, year, UpliftTarget.licenses)
