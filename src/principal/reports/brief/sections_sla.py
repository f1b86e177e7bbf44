"""The SLA part of the brief: each offer's design side by side, allowed downtime, and outage scenarios.

Every figure is written by the deal's formatter (`principal.present`): amounts in the deal's currency with its
decimals, percentages and minutes in its locale.
"""

from __future__ import annotations

from decimal import Decimal

from principal.present import Formatter, formatter_for
from principal.reports.brief.content import BriefContent
from principal.reports.brief.document import Block, Bullets, Paragraph, Section, Table
from principal.sla.comparison import DesignComparison, DesignSummary
from principal.sla.report import SlaReport


def _yes_no(value: bool | None) -> str:
    return "not stated" if value is None else ("yes" if value else "no")


def sla_section(c: BriefContent) -> Section:
    if not c.sla.reports:
        return Section("Service levels", "sla", (Paragraph("No offer shown states an SLA."),))
    fmt = formatter_for(c.deal.currency, c.deal.locale)
    blocks: list[Block] = [
        Paragraph(
            "What each offer promises, what it lets the vendor off, and what it pays back. Credits are a share of "
            "the fee base named in the offer; its monthly amount is taken from the cost engine for the first live "
            "month at plan volumes."
        ),
        _designs_table(c.sla.designs, fmt),
    ]
    subsections = [_allowed(r, fmt) for r in c.sla.reports]
    if c.sla.design_comparison is not None:
        subsections.append(_scenarios(c.sla.design_comparison, fmt))
    return Section("Service levels", "sla", tuple(blocks), tuple(subsections))


def _percent(fmt: Formatter, value: Decimal | None) -> str:
    return fmt.percent(value, blank="-")


def _designs_table(designs: tuple[DesignSummary, ...], fmt: Formatter) -> Table:
    def row(label: str, values: list[str]) -> tuple[str, ...]:
        return (label, *values)

    rows = [
        row("Measured per", [d.window for d in designs]),
        row("Computation", [d.computation.replace("_", " ") for d in designs]),
        row(
            "Targets",
            ["; ".join(f"{t.name} {_percent(fmt, t.target)}" for t in d.components) for d in designs],
        ),
        row("Carved out", [", ".join(x.replace("_", " ") for x in d.carved_out) or "nothing" for d in designs]),
        row("Planned maintenance", [d.maintenance for d in designs]),
        row("Credit tiers", ["; ".join(d.tiers) or "none" for d in designs]),
        row("Repeat misses", [d.escalation or "no escalation" for d in designs]),
        row(
            "Fee base",
            [f"{d.fee_base.replace('_', ' ')}: {fmt.money(d.fee_base_monthly)} a month" for d in designs],
        ),
        row(
            "Credit cap",
            [f"{_percent(fmt, d.cap_percent)} = {fmt.money(d.cap_amount_monthly)} a month" for d in designs],
        ),
        row("Claim window", [f"{d.claim_days} days" if d.claim_days is not None else "not stated" for d in designs]),
        row("Credits only against future invoices", [_yes_no(d.future_invoice_only) for d in designs]),
        row("Credits the sole remedy", [_yes_no(d.sole_remedy) for d in designs]),
        row("Chronic failure", ["; ".join(fmt.text(s) for s in d.chronic) or "no exit right" for d in designs]),
    ]
    return Table(("Term", *[d.offer for d in designs]), tuple(rows), "SLA designs side by side")


def _allowed(report: SlaReport, fmt: Formatter) -> Section:
    a = report.allowed
    head_periods = [p.label for p in a.components[0].periods] if a.components else []
    rows = tuple(
        (
            f"{comp.component} ({_percent(fmt, comp.target)})",
            *[f"{fmt.number(p.allowed_minutes, 2)} min" for p in comp.periods],
            f"{fmt.number(comp.per_365_day_year_minutes, 2)} min",
        )
        for comp in a.components
    )
    carve = tuple(
        f"{x.rule.replace('_', ' ')}: {x.note}"
        + (f" (up to {fmt.number(x.excludable_minutes, 2)} min)" if x.applies and x.excludable_minutes else "")
        for x in a.carveouts
    )
    blocks: list[Block] = [
        Table(
            ("Component", *head_periods, "365-day year"),
            rows,
            f"Downtime allowed before a miss: (1 - target) x minutes in the {a.window.value}",
            numeric=tuple(range(1, len(head_periods) + 2)),
            small=True,
        ),
        Paragraph(a.combined_note[0].upper() + a.combined_note[1:] + "."),
        Bullets(carve),
    ]
    fee = report.fee_base
    blocks.append(
        Paragraph(
            f"Credits are a share of the {fee.name.replace('_', ' ')} fee base: {fmt.money(fee.monthly_amount)} "
            f"a month ({fee.source})."
        )
    )
    title = f"What the SLA of {report.offer} allows"
    return Section(title, f"sla-{report.offer}", tuple(blocks))


def _scenarios(d: DesignComparison, fmt: Formatter) -> Section:
    offers = [x.offer for x in d.designs]
    head = ("Outage scenario", "Offer", "Misses", "Credits", "Business impact", "Share repaid")
    rows = []
    for sc in d.scenarios:
        for n, fig in enumerate(sc.figures):
            rows.append(
                (
                    sc.name if n == 0 else "",
                    fig.offer,
                    str(fig.misses),
                    fmt.money(fig.credits_paid),
                    fmt.money(fig.impact.total),
                    fmt.share(fig.coverage_ratio, 1, blank="-"),
                )
            )
    intro = Paragraph(
        f"The same outages replayed through both designs, starting at 10:00 on the first Tuesday of the contract "
        f"month from {d.scenario_start:%d %B %Y}. Business impact is idle agent payroll plus lost contacts during the "
        f"outage, from the buyer's downtime figures; the share repaid is credits divided by that impact."
    )
    table = Table(head, tuple(rows), "Outage scenarios", numeric=(2, 3, 4, 5), small=True)
    return Section(f"Outages replayed: {offers[0]} against {offers[1]}", "sla-scenarios", (intro, table))
