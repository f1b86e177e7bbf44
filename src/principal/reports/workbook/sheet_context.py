"""What every part of a cost sheet needs: the offer's inputs, the engine's figures for its cells, the sheet's start
months and uplift factors, and the monthly table.

An offer priced in another currency is costed on its sheet in that currency (as the engine costs it) and converted
into the deal's currency in its totals; its cells cache the engine's figures divided by the exchange rate.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, field
from decimal import Decimal

from xlsxwriter.worksheet import Worksheet

from principal.cost.fx import fx_rate
from principal.cost.lines import Category, Schedule
from principal.cost.order_terms import OrderTerms
from principal.cost.scenario import PLAN
from principal.cost.waves import LiveShare, live_shares
from principal.model.deal import Deal, Offer
from principal.reports.workbook.blocks import Block
from principal.reports.workbook.cells import Styles
from principal.reports.workbook.input_refs import DealInputs, LicenceRefs, OfferInputs, Step
from principal.reports.workbook.month_table import Column, MonthTable

LineKey = tuple[Category, str, int]


@dataclass
class SheetContext:
    sheet: Worksheet
    name: str
    deal: Deal
    inputs: OfferInputs
    deal_inputs: DealInputs
    schedule: Schedule
    terms: OrderTerms
    st: Styles
    """Number formats of the offer's currency (the monthly table's amounts)."""
    deal_st: Styles
    """Number formats of the deal's currency (totals and order-form figures)."""
    table: MonthTable
    starts: Block = field(default_factory=Block)
    uplift: Block = field(default_factory=Block)
    start_rows: dict[str, int] = field(default_factory=dict)
    """Rows of the starts block by key ('billing', 'usage', 'minimum:<meter>', 'commitment:<meter>')."""
    rate: Decimal = Decimal(1)
    lines: dict[LineKey, Decimal] = field(default_factory=dict)
    by_category: dict[tuple[Category, int], Decimal] = field(default_factory=dict)
    categories: dict[Category, list[Column]] = field(default_factory=lambda: defaultdict(list))
    """The table's amount columns by line category (what the category sums add up)."""
    licence_charges: list[tuple[LicenceRefs, Column, Column]] = field(default_factory=list)
    """Each licence's inputs, billed-quantity column and charge column."""
    sums: list[tuple[Category, Column]] = field(default_factory=list)
    """The table's category sums, in the order of the year totals."""
    live: Column | None = None
    """Agents live on the new platform in each month (principal.cost.waves), when the offer has waves or bills
    licences on live seats."""
    shares: tuple[LiveShare, ...] = ()
    """The engine's live share of every month (index 0 is month 1)."""

    def __post_init__(self) -> None:
        self.rate = fx_rate(self.deal, self.offer)
        lines: dict[LineKey, Decimal] = defaultdict(Decimal)
        cats: dict[tuple[Category, int], Decimal] = defaultdict(Decimal)
        for line in self.schedule.lines:
            lines[(line.category, line.item, line.month)] += line.amount / self.rate
            cats[(line.category, line.month)] += line.amount / self.rate
        self.lines, self.by_category = lines, cats
        self.shares = live_shares(self.deal, self.offer, PLAN)

    @property
    def offer(self) -> Offer:
        return self.inputs.offer

    @property
    def term(self) -> int:
        return self.offer.term_months

    @property
    def converted(self) -> bool:
        return self.inputs.fx_rate is not None

    def line(self, category: Category, item: str, m: int) -> Decimal:
        """The engine's amount of one item in month m, in the offer's currency."""
        return self.lines.get((category, item, m), Decimal(0))

    def items(self, category: Category, items: Sequence[str], m: int) -> Decimal:
        return sum((self.line(category, item, m) for item in dict.fromkeys(items)), Decimal(0))

    def start(self, key: str) -> str:
        return self.starts.cell(self.start_rows[key], 1)

    @property
    def bill_start(self) -> str:
        return self.start("billing")

    @property
    def usage_start(self) -> str:
        return self.start("usage")

    def lic_factor(self, year: int) -> str:
        return self.uplift.cell(1 + year, 3)

    def use_factor(self, year: int) -> str:
        return self.uplift.cell(1 + year, 4)

    def amount(self, title: str, category: Category | None, billed_with: Category | None = None) -> Column:
        """A new amount column of the table (in the offer's currency), counted in `category`'s sum."""
        column = self.table.add(title, self.st.money, category, billed_with)
        if category is not None:
            self.categories[category].append(column)
        return column

    def live_seats(self, quantity: str, m: int) -> str:
        """`quantity` x the share of agents live in month m, rounded up (the whole of it once every agent is live):
        principal.cost.licences._live_part."""
        assert self.live is not None
        live, agents = self.table.at(self.live, m), self.deal_inputs.buyer.agents
        return f"IF({live}>={agents},{quantity},ROUNDUP({quantity}*{live}/{agents},0))"

    def to_deal(self, expr: str) -> str:
        """`expr` (an amount in the offer's currency) in the deal's currency."""
        return f"({expr})*{self.inputs.fx_rate}" if self.inputs.fx_rate is not None else f"({expr})"


def stepped(base: str, steps: Sequence[Step], month: str) -> str:
    """The value in force in `month`: the last step reached, else `base` (steps in increasing months)."""
    expr = base
    for step in steps:
        expr = f"IF({month}>={step.from_month},{step.value},{expr})"
    return expr


def period_end(m: int, span: int, term: int) -> tuple[int, int] | None:
    """(first, last) month of the period of `span` months that ends in month m, or None when m ends none."""
    first = (m - 1) // span * span + 1
    last = min(first + span - 1, term)
    return (first, last) if m == last else None
