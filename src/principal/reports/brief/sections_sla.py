"""The SLA part of the brief: each offer's design side by side, allowed downtime, and outage scenarios."""

from __future__ import annotations

from principal.reports.brief.content import BriefContent
from principal.reports.brief.document import Block, Bullets, Paragraph, Section, Table
from principal.reports.brief.figures import money, number, percent, share, yes_no
from principal.sla.comparison import DesignComparison, DesignSummary
from principal.sla.report import SlaReport


def sla_section(c: BriefContent) -> Section:
    if not c.sla.reports:
        return Section("Service levels", "sla", (Paragraph("No offer shown states an SLA."),))
    blocks: list[Block] = [
        Paragraph(
            "What each offer promises, what it lets the vendor off, and what it pays back. Credits are a share of "
            "the fee base named in the offer; its monthly amount is taken from the cost engine for the first live "
            "month at plan volumes."
        ),
        _designs_table(c.sla.designs, c.currency),
    ]
    subsections = [_allowed(r, c.currency) for r in c.sla.reports]
    if c.sla.design_comparison is not None:
        subsections.append(_scenarios(c.sla.design_comparison, c.currency))
    return Section("Service levels", "sla", tuple(blocks), tuple(subsections))


def _designs_table(designs: tuple[DesignSummary, ...], cur: str) -> Table:
    def row(label: str, values: list[str]) -> tuple[str, ...]:
        return (label, *values)

    rows = [
        row("Measured per", [d.window for d in designs]),
        row("Computation", [d.computation.replace("_", " ") for d in designs]),
        row(
            "Targets",
            ["; ".join(f"{t.name} {percent(t.target)}" for t in d.components) for d in designs],
        ),
        row("Carved out", [", ".join(x.replace("_", " ") for x in d.carved_out) or "nothing" for d in designs]),
        row("Planned maintenance", [d.maintenance for d in designs]),
        row("Credit tiers", ["; ".join(d.tiers) or "none" for d in designs]),
        row("Repeat misses", [d.escalation or "no escalation" for d in designs]),
        row("Fee base", [f"{d.fee_base.replace('_', ' ')}: {money(d.fee_base_monthly, cur)} a month" for d in designs]),
        row("Credit cap", [f"{percent(d.cap_percent)} = {money(d.cap_amount_monthly, cur)} a month" for d in designs]),
        row("Claim window", [f"{d.claim_days} days" if d.claim_days is not None else "not stated" for d in designs]),
        row("Credits only against future invoices", [yes_no(d.future_invoice_only) for d in designs]),
        row("Credits the sole remedy", [yes_no(d.sole_remedy) for d in designs]),
        row("Chronic failure", ["; ".join(d.chronic) or "no exit right" for d in designs]),
    ]
    return Table(("Term", *[d.offer for d in designs]), tuple(rows), "SLA designs side by side")


def _allowed(report: SlaReport, cur: str) -> Section:
    a = report.allowed
    head_periods = [p.label for p in a.components[0].periods] if a.components else []
    rows = tuple(
        (
            f"{comp.component} ({percent(comp.target)})",
            *[f"{number(p.allowed_minutes, 2)} min" for p in comp.periods],
            f"{number(comp.per_365_day_year_minutes, 2)} min",
        )
        for comp in a.components
    )
    carve = tuple(
        f"{x.rule.replace('_', ' ')}: {x.note}"
        + (f" (up to {number(x.excludable_minutes, 2)} min)" if x.applies and x.excludable_minutes else "")
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
            f"Credits are a share of the {fee.name.replace('_', ' ')} fee base: {money(fee.monthly_amount, cur)} "
            f"a month ({fee.source})."
        )
    )
    title = f"What the SLA of {report.offer} allows"
    return Section(title, f"sla-{report.offer}", tuple(blocks))


def _scenarios(d: DesignComparison, cur: str) -> Section:
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
                    money(fig.credits_paid, cur),
                    money(fig.impact.total, cur),
                    share(fig.coverage_ratio),
                )
            )
    intro = Paragraph(
        f"The same outages replayed through both designs, starting at 10:00 on the first Tuesday of the contract "
        f"month from {d.scenario_start:%d %B %Y}. Business impact is idle agent payroll plus lost contacts during the "
        f"outage, from the buyer's downtime figures; the share repaid is credits divided by that impact."
    )
    table = Table(head, tuple(rows), "Outage scenarios", numeric=(2, 3, 4, 5), small=True)
    return Section(f"Outages replayed: {offers[0]} against {offers[1]}", "sla-scenarios", (intro, table))
