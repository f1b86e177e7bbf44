"""`principal align`: term by term, in dollars, where the vendor wins when the buyer loses."""

from __future__ import annotations

from pathlib import Path

import typer
from rich.table import Table

from principal.align.report import AlignmentReport, align, alignment_summary, compare_alignment
from principal.cli.output import command, console, emit_result
from principal.cli.progress import working
from principal.cost.report import pick_offers
from principal.loader import load_deal
from principal.money_format import money, percent

RATING_STYLE = {"strong": "green", "needs work": "yellow", "at risk": "red"}


def register(app: typer.Typer) -> None:
    app.command("align")(align_command)


@command("align")
def align_command(
    file: Path = typer.Argument(..., help="Deal file (YAML or JSON)."),
    offer: list[str] = typer.Option([], "--offer", "-o", help="Offer(s) to analyse (repeatable); default all."),
    as_json: bool = typer.Option(False, "--json", help="Machine-readable output."),
) -> None:
    """Stress tests, incentive tests, fee timing, the checklist and the scorecard; several offers side by side."""
    deal = load_deal(file)
    names = pick_offers(deal, offer, str(file))
    with working("running the stress and incentive tests", enabled=not as_json):
        reports = [align(deal, name) for name in names]
    if as_json:
        payload: dict[str, object] = {"offers": [alignment_summary(r) for r in reports]}
        if len(reports) > 1:
            payload["compare"] = [
                {"area": a.area, "ratings": a.ratings, "exposure": a.exposure} for a in compare_alignment(reports)
            ]
        emit_result(payload)
        return
    cur = deal.currency
    if len(reports) == 1:
        _render_one(reports[0], cur)
        return
    _render_side_by_side(reports, cur)
    console.print("\nRun with --offer NAME for one offer's scenarios, incentive tests, fee timing and checklist.")


def _render_side_by_side(reports: list[AlignmentReport], cur: str) -> None:
    table = Table(title="Alignment scorecard (exposure: largest loss the buyer carries in the area's tests)")
    table.add_column("area")
    for r in reports:
        table.add_column(r.offer)
    for row in compare_alignment(reports):
        cells = []
        for r in reports:
            rating = row.ratings[r.offer]
            cells.append(f"[{RATING_STYLE[rating]}]{rating}[/] {money(row.exposure[r.offer], cur, cents=False)}")
        table.add_row(row.area, *cells)
    console.print(table)
    scen = Table(title="Stress tests: vendor's revenue change / your loss")
    scen.add_column("test")
    for r in reports:
        scen.add_column(r.offer, justify="right")
    ids = list(dict.fromkeys(s.id for r in reports for s in r.scenarios))
    for sid in ids:
        cells = []
        title = ""
        for r in reports:
            found = next((s for s in r.scenarios if s.id == sid), None)
            if found is None:
                cells.append("")
                continue
            title = found.title
            cells.append(
                f"{money(found.vendor_change, cur, cents=False)} / {money(found.buyer_change, cur, cents=False)}"
            )
        scen.add_row(title, *cells)
    console.print(scen)


def _render_one(report: AlignmentReport, cur: str) -> None:
    console.print(f"[bold]Alignment of offer {report.offer}[/bold] (term cost at plan {money(report.plan_total, cur)})")
    console.print()
    for area in report.areas:
        style = RATING_STYLE[area.rating.value]
        console.print(
            f"[bold]{area.area.value}[/bold]: [{style}]{area.rating.value}[/] "
            f"(checks: {area.yes} yes, {area.no} no, {area.unknown} unknown)"
        )
        for reason in area.reasons:
            console.print(f"  - {reason}", markup=False)
    console.print("\n[bold]Stress tests[/bold]")
    for s in report.scenarios:
        console.print(f"  [{s.verdict.value}] {s.message}", markup=False)
    rel, impl, t = report.reliability, report.implementation, report.timing
    console.print("\n[bold]Does effort pay the vendor?[/bold]")
    if rel is not None:
        verdict = "yes" if rel.passes else "no"
        console.print(
            f"  Reliability: effort costs {money(rel.effort_cost, cur)} a month ({rel.effort_cost_source}); a miss is "
            f"{float(rel.p_miss_low) * 100:.0f}% likely without it and {float(rel.p_miss_high) * 100:.0f}% with it, "
            f"so a miss must cost the vendor at least {money(rel.minimum_credit, cur)}. "
            f"A miss earns {money(rel.credit_at_miss, cur)}"
            + (f" (cap {money(rel.credit_ceiling, cur)})" if rel.credit_ceiling is not None else "")
            + f"; the chronic exit adds {money(rel.chronic_monthly_equivalent, cur)} a month of expected loss. "
            f"Expected loss avoided by effort {money(rel.expected_loss_avoided, cur)}: {verdict}.",
            markup=False,
        )
        if rel.cap_blocks:
            console.print(
                "  The credit cap alone makes reliability effort impossible to buy with credits.", markup=False
            )
    if impl is not None:
        console.print(
            f"  Implementation: on-time effort costs {money(impl.effort_cost, cur)} ({impl.effort_cost_source}); "
            f"{money(impl.at_risk, cur)} is held back against on-time acceptance, "
            f"worth {money(impl.expected_gain, cur)} "
            f"in expectation; {money(impl.minimum_at_risk, cur)} would be needed: {'yes' if impl.passes else 'no'}.",
            markup=False,
        )
    console.print("\n[bold]Fee timing[/bold]")
    if t.one_time_total:
        console.print(
            f"  {money(t.one_time_before_go_live, cur)} of {money(t.one_time_total, cur)} one-time fees "
            f"({percent(t.share_one_time_before_go_live, 0)}) is paid before go-live (month {t.go_live_month}); "
            f"{money(t.recurring_before_go_live, cur)} of subscription bills before go-live "
            f"(from month {t.billing_start_month}).",
            markup=False,
        )
    for step in t.steps:
        held = " (holdback)" if step.holdback else ""
        console.print(
            f"  month {step.month}: {step.name}{held}: {money(step.paid, cur)} paid; "
            f"{money(step.still_withheld, cur)} still withheld",
            markup=False,
        )
    console.print("\n[bold]Checklist[/bold]")
    for c in report.checks:
        console.print(f"  [{c.answer.value}] {c.question} ({c.evidence}; {c.field})", markup=False)
    if report.questions:
        console.print("\n[bold]Ask the vendor[/bold]")
        for i, q in enumerate(report.questions, 1):
            console.print(f"  {i}. {q}", markup=False)
