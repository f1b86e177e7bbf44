"""The appendix: every line item of every offer with the formula the cost engine recorded, and the deal's
assumptions. Consecutive months with the same charge and formula share one row."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from principal.cost.lines import Line, Schedule
from principal.money import minor_units
from principal.reports.brief.content import BriefContent
from principal.reports.brief.document import Block, Bullets, Paragraph, Section, Table


@dataclass(frozen=True)
class Run:
    """Months first..last in which one item charged the same amount by the same formula."""

    first: int
    last: int
    line: Line

    @property
    def months(self) -> str:
        return str(self.first) if self.first == self.last else f"{self.first}-{self.last}"


def runs(schedule: Schedule) -> list[Run]:
    """The schedule's lines as runs of identical consecutive months, per item, in order of first month."""
    by_item: dict[tuple[str, str], list[Run]] = {}
    for line in schedule.lines:
        key = (line.category.value, line.item)
        items = by_item.setdefault(key, [])
        last = items[-1] if items else None
        if (
            last is not None
            and last.last == line.month - 1
            and last.line.amount == line.amount
            and last.line.formula == line.formula
            and last.line.year == line.year
        ):
            items[-1] = Run(last.first, line.month, last.line)
        else:
            items.append(Run(line.month, line.month, line))
    return sorted((r for rs in by_item.values() for r in rs), key=lambda r: (r.first, r.line.category.value))


def appendix_section(c: BriefContent) -> Section:
    money = c.fmt.money
    subsections = []
    for item in c.cost.offers:
        s = item.schedule
        rows = tuple((r.months, r.line.item, money(r.line.amount), r.line.formula) for r in runs(s))
        items = list(dict.fromkeys(ln.item for ln in s.lines))
        totals = tuple((name, *[money(s.item_year_total(name, y.year)) for y in s.years]) for name in items)
        totals += (("Total", *[money(y.total) for y in s.years]),)
        blocks: list[Block] = [
            Table(
                ("Months", "Item", "Each month", "How it is computed"),
                rows,
                f"Line items of {s.offer}",
                numeric=(2,),
                small=True,
            ),
            Table(
                ("Item", *[f"Year {y.year}" for y in s.years]),
                totals,
                f"Line items of {s.offer} by contract year",
                numeric=tuple(range(1, len(s.years) + 1)),
                bold_last_row=True,
                small=True,
            ),
        ]
        subsections.append(Section(f"Line items: {s.offer}", f"lines-{s.offer}", tuple(blocks)))
    intro = Paragraph(
        "Every amount in this brief is a sum of the line items below. Each row shows a charge for the months "
        "given and the formula behind it, exactly as the cost engine recorded it; amounts are exact and rounded "
        f"half-up to {_smallest_unit(c.currency)} only when shown."
    )
    assumptions = c.deal.assumptions
    extra: list[Block] = []
    if assumptions:
        extra = [
            Paragraph("Assumptions written into the deal file", emphasis=True),
            Bullets(tuple(f"{a.path}: {a.note}" for a in assumptions)),
        ]
    return Section("Appendix: line items and assumptions", "appendix", (intro, *extra), tuple(subsections))


def _smallest_unit(currency: str) -> str:
    """How the rounding reads: 'the cent' (USD, EUR), 'a whole JPY' (no minor unit), '0.001 KWD'."""
    digits = minor_units(currency)
    if digits == 0:
        return f"a whole {currency}"
    if digits == 2:
        return "the cent"
    return f"{Decimal(1).scaleb(-digits)} {currency}"
