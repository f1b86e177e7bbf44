"""The result of costing an offer: line items per month, with totals by month, year, category and term."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from decimal import Decimal
from enum import StrEnum

from principal.cost.timeline import contract_year


class Category(StrEnum):
    licenses = "licenses"
    recurring = "recurring"
    usage = "usage"
    usage_minimum = "usage_minimum"
    usage_cap = "usage_cap"
    usage_collar = "usage_collar"
    one_time = "one_time"
    commitment = "commitment"
    """Overage above a committed quantity (the premium over the card rate) and take-or-pay shortfalls."""
    true_up = "true_up"
    """Seats in use above the committed licence quantity, billed at the end of a true-up period."""
    surcharge = "surcharge"
    """Regulatory, telecom and other surcharges on the offer's charges."""
    tax = "tax"
    """Taxes on the offer's charges."""
    credit = "credit"
    """Signing credits and free months (negative amounts)."""
    dual_running = "dual_running"
    """The incumbent's bill while the operation moves (the cost of switching, not of the new contract)."""
    early_termination = "early_termination"
    """The fee that ends the incumbent's commitment early."""


USAGE_CATEGORIES = frozenset(
    {Category.usage, Category.usage_minimum, Category.usage_cap, Category.usage_collar, Category.commitment}
)
SURCHARGE_CATEGORIES = frozenset({Category.surcharge, Category.tax})
TRANSITION_CATEGORIES = frozenset({Category.dual_running, Category.early_termination})
"""Lines of the move away from the incumbent (principal.cost.transition); never part of an offer's schedule."""


@dataclass(frozen=True)
class Line:
    """One charge in one month. `amount` is exact; `formula` shows how it was computed."""

    month: int
    category: Category
    item: str
    amount: Decimal
    formula: str
    quantity: Decimal | None = None
    unit: str | None = None
    unit_price: Decimal | None = None
    billed_with: Category | None = None
    """For surcharges, taxes and credits: the charges whose invoice carries this line (its cash timing)."""

    @property
    def year(self) -> int:
        return contract_year(self.month)


@dataclass(frozen=True)
class YearTotal:
    year: int
    months: int
    total: Decimal
    by_category: dict[str, Decimal]


@dataclass(frozen=True)
class Schedule:
    """A deterministic monthly cash-flow schedule for one offer under one scenario.

    Amounts are exact decimals in `currency`; they are rounded half-up to the currency's minor unit
    (`principal.money.round_money`) once, when shown (`principal.cost.results`). Totals are rounded exact sums,
    so a shown total can differ from the sum of shown parts by under half a minor unit per part.
    """

    offer: str
    scenario: str
    term_months: int
    currency: str
    lines: tuple[Line, ...]
    go_live_month: int
    billing_start_month: int
    month_totals: tuple[Decimal, ...] = field(init=False)
    years: tuple[YearTotal, ...] = field(init=False)

    def __post_init__(self) -> None:
        months = [Decimal(0)] * self.term_months
        per_year: dict[int, dict[str, Decimal]] = defaultdict(lambda: defaultdict(Decimal))
        for line in self.lines:
            months[line.month - 1] += line.amount
            per_year[line.year][line.category.value] += line.amount
        object.__setattr__(self, "month_totals", tuple(months))
        years = []
        for year in range(1, contract_year(self.term_months) + 1):
            span = min(12, self.term_months - (year - 1) * 12)
            cats = dict(per_year.get(year, {}))
            years.append(YearTotal(year, span, sum(cats.values(), Decimal(0)), cats))
        object.__setattr__(self, "years", tuple(years))

    @property
    def total(self) -> Decimal:
        return sum(self.month_totals, Decimal(0))

    @property
    def year_totals(self) -> tuple[Decimal, ...]:
        return tuple(y.total for y in self.years)

    def category_total(self, *categories: Category) -> Decimal:
        wanted = set(categories)
        return sum((line.amount for line in self.lines if line.category in wanted), Decimal(0))

    def by_category(self) -> dict[str, Decimal]:
        out: dict[str, Decimal] = {c.value: Decimal(0) for c in Category}
        for line in self.lines:
            out[line.category.value] += line.amount
        return {k: v for k, v in out.items() if v != 0}

    @property
    def usage_total(self) -> Decimal:
        return self.category_total(*USAGE_CATEGORIES)

    @property
    def usage_share(self) -> Decimal:
        """Share of the term's spend that depends on usage (0-1)."""
        return self.usage_total / self.total if self.total else Decimal(0)

    def cumulative(self) -> tuple[Decimal, ...]:
        running = Decimal(0)
        out = []
        for amount in self.month_totals:
            running += amount
            out.append(running)
        return tuple(out)

    def item_year_total(self, item: str, year: int) -> Decimal:
        return sum((ln.amount for ln in self.lines if ln.item == item and ln.year == year), Decimal(0))
