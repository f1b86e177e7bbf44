"""The cost part of the brief: totals by year, spend by category, savings by lever, milestones, the vendor's view."""

from __future__ import annotations

from decimal import Decimal

from principal.cost.charts import cumulative_switching
from principal.cost.lines import Category
from principal.cost.report import OfferCost
from principal.present import Formatter
from principal.reports.brief import svg_charts
from principal.reports.brief.content import BriefContent
from principal.reports.brief.document import Block, Bullets, Chart, Paragraph, Section, Table
from principal.reports.brief.sections_switching import switching_blocks

CATEGORY_LABELS = {
    "licenses": "licences",
    "recurring": "recurring fees",
    "usage": "usage",
    "usage_minimum": "usage minimums",
    "usage_cap": "refused by usage cap",
    "usage_collar": "usage collar",
    "one_time": "one-time fees",
    "dual_running": "dual running (incumbent)",
    "early_termination": "incumbent early termination",
}


def cost_section(c: BriefContent) -> Section:
    cur = c.currency
    fmt = c.fmt
    money = fmt.money
    comp = c.comparison
    schedules = comp.schedules
    names = list(schedules)
    years = max(len(s.years) for s in schedules.values())
    rows = [
        (f"Year {i + 1}", *[money(s.years[i].total) if i < len(s.years) else "" for s in schedules.values()])
        for i in range(years)
    ]
    rows.append(("Usage share", *[fmt.share(s.usage_share) for s in schedules.values()]))
    rows.append(("Term (TCO)", *[money(s.total) for s in schedules.values()]))
    blocks: list[Block] = [
        *switching_blocks(c),
        Paragraph(
            f"Every offer is costed month by month at the buyer's planned volumes, with uplifts, rate-card bands, "
            f"caps and milestone payments applied as the offer states them. Savings are measured on the cost of "
            f"switching (so a later go-live, which keeps the incumbent running, costs money) against the "
            f"baseline, {comp.baseline!r}."
        ),
        Table(
            ("", *names),
            tuple(rows),
            "Cost by contract year",
            numeric=tuple(range(1, len(names) + 1)),
            bold_last_row=True,
        ),
        Chart(
            svg_charts.grouped_bars(
                "Cost by contract year",
                [f"Year {i + 1}" for i in range(years)],
                [(n, s.year_totals) for n, s in schedules.items()],
                cur,
            ),
            "Annual cost of each offer at plan volumes.",
        ),
        _cumulative_chart(c),
        _category_table(c),
    ]
    return Section(
        "Cost",
        "cost",
        tuple(blocks),
        (_savings(c), _milestones(c), _run_rate(c)),
    )


def _cumulative_chart(c: BriefContent) -> Chart:
    curves = cumulative_switching(c.deal, c.comparison.switching)
    series = list(curves.offers.items())
    caption = (
        "Cumulative cost of switching month by month (the new contract plus the incumbent's bill while the "
        "operation moves); the gap at the right edge is the difference over the term."
    )
    if curves.incumbent is not None:
        series.append(("incumbent (staying)", curves.incumbent))
        caption += " The dashed line is staying with the incumbent."
    return Chart(svg_charts.lines("Cumulative cost of switching", series, c.currency, "contract month"), caption)


def _category_table(c: BriefContent) -> Table:
    money = c.fmt.money
    schedules = c.comparison.schedules
    by_offer = {n: s.by_category() for n, s in schedules.items()}
    used = [cat.value for cat in Category if any(cat.value in cats for cats in by_offer.values())]
    rows = tuple((CATEGORY_LABELS[cat], *[money(by_offer[n].get(cat, 0)) for n in schedules]) for cat in used)
    total = ("Term (TCO)", *[money(s.total) for s in schedules.values()])
    return Table(
        ("Spend over the term", *schedules),
        (*rows, total),
        "Spend by category over the term",
        numeric=tuple(range(1, len(schedules) + 1)),
        bold_last_row=True,
    )


def _savings(c: BriefContent) -> Section:
    money = c.fmt.money
    blocks: list[Block] = []
    for versus in c.comparison.versus_baseline:
        years = len(versus.saving_by_year)
        head = ("Lever", "Term", *[f"Year {i + 1}" for i in range(years)])
        rows = [(lv.description, money(lv.term), *[money(y) for y in lv.by_year]) for lv in versus.levers]
        rows.append(("Total saving", money(versus.saving), *[money(y) for y in versus.saving_by_year]))
        blocks.append(
            Table(
                head,
                tuple(rows),
                f"{versus.offer} against {versus.baseline}: saving on the {versus.basis} by lever",
                numeric=tuple(range(1, years + 2)),
                bold_last_row=True,
            )
        )
    if not blocks:
        blocks.append(Paragraph("Only the baseline is shown, so there is no saving to attribute."))
    else:
        blocks.insert(0, _lever_chart(c))
    intro = Paragraph(
        "Each saving on the cost of switching is split over the levers in which the offer differs from the "
        "baseline (seat price, uplift, usage rates, cap, fees, go-live timing and waves, term). A lever's share is "
        "its average effect when the levers are switched from the baseline's terms to the offer's in every possible "
        "order (Shapley values), so the shares add up exactly to the total and do not depend on the order chosen."
    )
    return Section("Savings by lever", "savings", (intro, *blocks))


def _lever_chart(c: BriefContent) -> Chart:
    """Term saving by lever for each offer; a lever an offer does not change saves nothing."""
    versus = c.comparison.versus_baseline
    keys = list(dict.fromkeys(lv.lever for v in versus for lv in v.levers))
    series = [
        (v.offer, [next((lv.term for lv in v.levers if lv.lever == k), Decimal(0)) for k in keys]) for v in versus
    ]
    svg = svg_charts.grouped_bars("Term saving by lever", [k.replace("_", " ") for k in keys], series, c.currency)
    return Chart(svg, f"Saving over the term against {c.comparison.baseline}, by lever.")


def _milestones(c: BriefContent) -> Section:
    money = c.fmt.money
    blocks: list[Block] = []
    for item in c.cost.offers:
        s = item.schedule
        rows = tuple(
            (str(ln.month), ln.item, money(ln.amount), ln.formula) for ln in s.lines if ln.category is Category.one_time
        )
        if rows:
            blocks.append(
                Table(("Month", "Payment", "Amount", "How"), rows, f"One-time fees of {s.offer}", numeric=(0, 2))
            )
    if not blocks:
        blocks.append(Paragraph("No offer shown has one-time fees."))
    return Section("One-time fees and milestones", "milestones", tuple(blocks))


def _offer_notes(item: OfferCost, fmt: Formatter) -> list[str]:
    money = fmt.money
    s = item.schedule
    notes = []
    for check in item.budget:
        verdict = f"over budget by {money(check.over)}" if check.over > 0 else f"within budget by {money(-check.over)}"
        notes.append(f"{s.offer}, year {check.year}: {money(check.cost)} against {money(check.budget)}, {verdict}.")
    return notes


def _run_rate(c: BriefContent) -> Section:
    money = c.fmt.money
    comp = c.comparison
    blocks: list[Block] = []
    views = comp.vendor_views
    if views:
        rows = tuple(
            (
                v.offer,
                str(v.reference_month),
                money(v.monthly_at_vendor_estimate),
                money(v.monthly_at_buyer_plan),
                money(v.gap),
            )
            for v in views
        )
        blocks.append(
            Paragraph(
                "The vendor sized usage with its own volume estimates. The same rate cards applied to the buyer's "
                "plan give the figures below; the gap is what the vendor's estimate leaves out over the term."
            )
        )
        blocks.append(
            Table(
                ("Offer", "Month", "Usage at vendor estimate", "Usage at buyer plan", "Term gap"),
                rows,
                "Usage priced at the vendor's volumes and at the buyer's plan",
                numeric=(1, 2, 3, 4),
            )
        )
    notes: list[str] = []
    if comp.incumbent_monthly is not None:
        notes.append(f"The incumbent costs {money(comp.incumbent_monthly)} a month.")
        for name, month in comp.run_rate_above_incumbent.items():
            when = f"from month {month}" if month else "in no month of the term"
            notes.append(f"{name}: the monthly run rate without one-time fees is above the incumbent's {when}.")
    for name, items in comp.crossings.items():
        if items:
            steps = "; ".join(f"{x.direction} {x.against} from month {x.month}" for x in items)
            notes.append(f"{name}, cumulative cost of switching: {steps}.")
    for item in c.cost.offers:
        notes.extend(_offer_notes(item, c.fmt))
    if notes:
        blocks.append(Bullets(tuple(notes)))
    if not blocks:
        blocks.append(Paragraph("The deal gives no incumbent, budget or vendor volume estimate to compare with."))
    return Section("Vendor's estimate, budget and incumbent", "run-rate", tuple(blocks))
