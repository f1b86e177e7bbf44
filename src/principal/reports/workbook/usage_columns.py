"""Usage columns of the monthly table, one chain per meter, mirroring principal.cost.usage_charges, commitments and
minimums:

- volume: IF(month >= go-live, expected x (1 + growth/100)^(year - 1) x the share of agents live x what-if %/100,
  0), or the forecast's explicit schedule (the step in force, 0 before the first) x what-if %/100;
- billable: volume x rounding factor, less allowances (MAX(0, ...)), ROUNDUP to the total increment;
- usage: the rate card's price of the billable volume (annual cards: price(earlier this year + billable) -
  price(earlier this year)) x the year's usage factor;
- commitment: the committed quantity of the period from its first month (x months/12 in a part year when
  pro-rated); units over = MAX(0, used + billable - committed) - MAX(0, used - committed); the overage line adds
  (price(top) - price(top - over)) x factor x (overage % - 100)/100; take-or-pay bills (price(committed) -
  price(used)) x factor at the end of a period that used less;
- minimum: the amount in force (ramp steps) from its first month; a monthly minimum's shortfall is
  MAX(0, minimum - usage and commitment lines); an annual one at the end of each contract year against
  SUMIF(months >= start) of those lines, owing SUMIF(months >= start, amount in force)/12 when pro-rated, else the
  amount in force in its first month.

The same chain is written a second time at the buyer's plan (no what-if) for the meters a cap measures against
the forecast charge, so a what-if overrun raises usage but not the cap's limit.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from principal.cost.commitments import committed_periods
from principal.cost.lines import Category, Line
from principal.cost.minimums import amount_in_force
from principal.cost.scenario import PLAN
from principal.cost.timeline import contract_year
from principal.cost.usage_charges import MeterMonth, commitment_and_minimum_lines, meter_months
from principal.model.pricing import Period
from principal.reports.workbook.input_refs import CommitmentRefs, MeterRefs, MinimumRefs
from principal.reports.workbook.month_table import Column
from principal.reports.workbook.rate_formulas import price_formula
from principal.reports.workbook.sheet_context import SheetContext, period_end, stepped
from principal.reports.workbook.wave_columns import live_factor


@dataclass(frozen=True)
class MeterColumns:
    refs: MeterRefs
    volume: Column
    billable: Column
    running: Column | None
    charge: Column
    overage: Column | None
    take_or_pay: Column | None
    shortfall: Column | None

    @property
    def billed(self) -> list[Column]:
        """What the meter bills before any cap: usage, commitment and minimum lines."""
        return [c for c in (self.charge, self.overage, self.take_or_pay, self.shortfall) if c is not None]


@dataclass
class _Engine:
    """The engine's figures for one meter at the buyer's plan: months, and commitment and minimum lines."""

    months: list[MeterMonth]
    lines: dict[tuple[Category, str, int], Decimal]


def add_meter_columns(
    ctx: SheetContext, seats: list[Column], *, plan: bool = False, only: set[str] | None = None
) -> list[MeterColumns]:
    out = []
    for refs in ctx.inputs.meters:
        if only is not None and refs.meter.name not in only:
            continue
        months = meter_months(ctx.deal, ctx.offer, refs.meter, PLAN)
        extra: dict[tuple[Category, str, int], Decimal] = {}
        line: Line
        for line in commitment_and_minimum_lines(ctx.offer, refs.meter, months, ctx.deal.currency, PLAN):
            key = (line.category, line.item, line.month)
            extra[key] = extra.get(key, Decimal(0)) + line.amount
        out.append(_Chain(ctx, refs, seats, plan, _Engine(months, extra)).columns())
    return out


class _Chain:
    def __init__(self, ctx: SheetContext, refs: MeterRefs, seats: list[Column], plan: bool, engine: _Engine) -> None:
        self.ctx, self.refs, self.seats, self.plan, self.engine = ctx, refs, seats, plan, engine
        self.t = ctx.table
        self.name = refs.meter.name
        self.prefix = "plan: " if plan else ""

    def cached(self, category: Category, item: str, m: int, plan: Decimal | None = None) -> Decimal:
        """The engine's line: the schedule's for the what-if chain (the plan at export), else the meter's own
        figure at the plan (`plan`, or its commitment and minimum lines)."""
        if not self.plan:
            return self.ctx.line(category, item, m)
        if plan is not None:
            return plan
        return self.engine.lines.get((category, item, m), Decimal(0))

    def amount(self, title: str, category: Category) -> Column:
        if self.plan:
            return self.t.add(f"{self.prefix}{title}", self.ctx.st.money)
        return self.ctx.amount(title, category)

    def columns(self) -> MeterColumns:
        ctx, t, refs, st = self.ctx, self.t, self.refs, self.ctx.st
        fc = refs.forecast
        mm = self.engine.months
        unit = fc.unit
        what_if = "" if self.plan else f"*{fc.what_if}/100"

        def planned(m: int) -> str:
            if fc.schedule:
                return stepped("0", fc.schedule, t.m(m))
            grown = f"{fc.expected}*(1+{fc.growth}/100)^({contract_year(m)}-1)"
            return grown if ctx.live is None else f"{grown}*{live_factor(ctx, m)}"

        volume = t.add(f"{self.prefix}{self.name} {unit}s", st.volume).set(
            lambda m: f"=IF({t.m(m)}>={ctx.usage_start},{planned(m)}{what_if},0)", lambda m: mm[m - 1].volume
        )
        billable = t.add(f"{self.prefix}{self.name} billable {unit}s", st.volume).set(
            lambda m: self._billable(volume, m), lambda m: mm[m - 1].billable
        )
        running = None
        if refs.meter.rate_card.period is Period.year:
            running = t.add(f"{self.prefix}{self.name} earlier this year", st.volume).set(
                lambda m: "=0" if (m - 1) % 12 == 0 else f"={t.at(running_col(), m - 1)}+{t.at(billable, m - 1)}",
                lambda m: sum((x.billable for x in mm[(contract_year(m) - 1) * 12 : m - 1]), Decimal(0)),
            )

        def running_col() -> Column:
            assert running is not None
            return running

        def charge_formula(m: int) -> str:
            b = t.at(billable, m)
            factor = ctx.use_factor(contract_year(m))
            if running is not None:
                run = t.at(running, m)
                return f"=({price_formula(refs, f'({run}+{b})')}-{price_formula(refs, run)})*{factor}"
            return f"={price_formula(refs, b)}*{factor}"

        charge = self.amount(f"{self.name} usage", Category.usage).set(
            charge_formula, lambda m: self.cached(Category.usage, f"{self.name} usage", m, mm[m - 1].charge)
        )
        overage = take = None
        if refs.commitment is not None:
            overage, take = self._commitment(refs.commitment, billable, running)
        shortfall = None
        if refs.minimum is not None:
            shortfall = self._minimum(refs.minimum, [c for c in (charge, overage, take) if c is not None])
        return MeterColumns(refs, volume, billable, running, charge, overage, take, shortfall)

    def _billable(self, volume: Column, m: int) -> str:
        refs, t = self.refs, self.t
        billed = t.at(volume, m)
        if refs.rounding_factor is not None:
            billed = f"{billed}*{refs.rounding_factor}"
        if refs.per_seat is not None and refs.fixed is not None:
            seat_count = "+".join(t.at(c, m) for c in self.seats) or "0"
            billed = f"MAX(0,{billed}-({refs.per_seat}*({seat_count})+{refs.fixed}))"
        if refs.total_increment is not None:
            billed = f"ROUNDUP({billed}/{refs.total_increment},0)*{refs.total_increment}"
        return f"={billed}"

    def _commitment(self, c: CommitmentRefs, billable: Column, running: Column | None) -> tuple[Column, Column]:
        ctx, t, refs, st = self.ctx, self.t, self.refs, self.ctx.st
        commitment = refs.meter.commitment
        assert commitment is not None
        key = f"commitment:{self.name}"

        def start() -> str:
            return ctx.start(key)

        mm = self.engine.months
        committed: dict[int, Decimal] = {}
        used_before: dict[int, Decimal] = {}
        for cp in committed_periods(ctx.offer, commitment, PLAN):
            so_far = Decimal(0)
            for month in cp.months:
                committed[month] = cp.quantity
                used_before[month] = so_far
                so_far += mm[month - 1].billable
        annual = c.period is Period.year

        def quantity_formula(m: int) -> str:
            if not annual:
                return f"=IF({t.m(m)}>={start()},{c.quantity},0)"
            y = contract_year(m)
            months = t.span(t.month, (y - 1) * 12 + 1, min(12 * y, ctx.term))
            assert c.prorate is not None
            share = f'{c.quantity}*COUNTIF({months},">="&{start()})/12'
            return f"=IF({t.m(m)}>={start()},IF({c.prorate}=1,{share},{c.quantity}),0)"

        q = t.add(f"{self.prefix}{self.name} committed this period", st.volume).set(
            quantity_formula, lambda m: committed.get(m, Decimal(0))
        )
        used_col = None
        if annual:
            used_col = t.add(f"{self.prefix}{self.name} used earlier in the period", st.volume).set(
                lambda m: (
                    "=0"
                    if (m - 1) % 12 == 0
                    else f"={t.at(used_of(), m - 1)}+IF({t.m(m - 1)}>={start()},{t.at(billable, m - 1)},0)"
                ),
                lambda m: used_before.get(m, Decimal(0)),
            )

        def used_of() -> Column:
            assert used_col is not None
            return used_col

        def used(m: int) -> str:
            return t.at(used_col, m) if used_col is not None else "0"

        def over_value(m: int) -> Decimal:
            if m not in committed:
                return Decimal(0)
            u, b, cq = used_before[m], mm[m - 1].billable, committed[m]
            return max(Decimal(0), u + b - cq) - max(Decimal(0), u - cq)

        def over_formula(m: int) -> str:
            u, b, cq = used(m), t.at(billable, m), t.at(q, m)
            return f"=IF({t.m(m)}>={start()},MAX(0,{u}+{b}-{cq})-MAX(0,{u}-{cq}),0)"

        over = t.add(f"{self.prefix}{self.name} units over the commitment", st.volume).set(over_formula, over_value)

        def overage_formula(m: int) -> str:
            b = t.at(billable, m)
            top = f"({t.at(running, m)}+{b})" if running is not None else b
            factor = ctx.use_factor(contract_year(m))
            below = f"({top}-{t.at(over, m)})"
            return f"=({price_formula(refs, top)}-{price_formula(refs, below)})*{factor}*({c.overage_percent}-100)/100"

        item = f"{self.name} overage above commitment"
        overage = self.amount(item, Category.commitment).set(
            overage_formula, lambda m: self.cached(Category.commitment, item, m)
        )
        span = 12 if annual else 1

        def take_formula(m: int) -> str:
            if period_end(m, span, ctx.term) is None:
                return "=0"
            total = f"({used(m)}+{t.at(billable, m)})" if annual else t.at(billable, m)
            cq = t.at(q, m)
            factor = ctx.use_factor(contract_year(m))
            priced = f"({price_formula(refs, cq)}-{price_formula(refs, total)})*{factor}"
            return f"=IF(AND({c.take_or_pay}=1,{total}<{cq}),{priced},0)"

        shortfall_item = f"{self.name} take-or-pay shortfall"
        take = self.amount(shortfall_item, Category.commitment).set(
            take_formula, lambda m: self.cached(Category.commitment, shortfall_item, m)
        )
        return overage, take

    def _minimum(self, minimum: MinimumRefs, billed: list[Column]) -> Column:
        ctx, t, st = self.ctx, self.t, self.ctx.st
        model = self.refs.meter.minimum
        assert model is not None
        key = f"minimum:{self.name}"

        def start() -> str:
            return ctx.start(key)

        in_force = t.add(f"{self.prefix}{self.name} minimum in force", st.money).set(
            lambda m: f"={stepped(minimum.amount, minimum.ramp, t.m(m))}", lambda m: amount_in_force(model, m)
        )

        def formula(m: int) -> str:
            if minimum.period is Period.month:
                spent = "+".join(t.at(c, m) for c in billed)
                return f"=IF({t.m(m)}>={start()},MAX(0,{t.at(in_force, m)}-({spent})),0)"
            period = period_end(m, 12, ctx.term)
            if period is None:
                return "=0"
            first, last = period
            months = t.span(t.month, first, last)
            after = f'">="&{start()}'
            spent = "+".join(f"SUMIF({months},{after},{t.span(c, first, last)})" for c in billed)
            amounts = t.span(in_force, first, last)
            prorated = f"SUMIF({months},{after},{amounts})/12"
            assert minimum.prorate is not None
            whole = f"IF(COUNTIF({months},{after})=0,0,INDEX({amounts},MAX({start()},{first})-{first}+1))"
            return f"=MAX(0,IF({minimum.prorate}=1,{prorated},{whole})-({spent}))"

        item = f"{self.name} minimum commitment"
        return self.amount(item, Category.usage_minimum).set(
            formula, lambda m: self.cached(Category.usage_minimum, item, m)
        )
