"""`principal align`: term by term, in the deal's currency, where the vendor wins when the buyer loses."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

import typer

from principal.cli.output import command, console, emit_result, use_formatter

if TYPE_CHECKING:
    from principal.align.report import Alignment, AlignmentReport
    from principal.present import Formatter

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
    from principal.align.report import align_offers
    from principal.cli.progress import working
    from principal.cost.report import pick_offers
    from principal.loader import load_deal
    from principal.present import formatter_for

    deal = load_deal(file)
    fmt = use_formatter(formatter_for(deal.currency, deal.locale))
    names = pick_offers(deal, offer, str(file))
    with working("running the stress and incentive tests", enabled=not as_json):
        result = align_offers(deal, names)
    if as_json:
        emit_result(result)
        return
    from principal.cli.valuation_render import render_lever_values

    if len(result.offers) == 1:
        _render_one(result.offers[0], fmt)
        render_lever_values(result.lever_values, fmt)
        return
    _render_side_by_side(result, fmt)
    render_lever_values(result.lever_values, fmt)
    console.print("\nRun with --offer NAME for one offer's scenarios, incentive tests, fee timing and checklist.")


def _render_side_by_side(result: Alignment, fmt: Formatter) -> None:
    from rich.table import Table

    reports = result.offers
    table = Table(title="Alignment scorecard (exposure: largest loss the buyer carries in the area's tests)")
    table.add_column("area")
    for r in reports:
        table.add_column(r.offer)
    for row in result.compare:
        cells = []
        for r in reports:
            rating = row.ratings[r.offer]
            cells.append(f"[{RATING_STYLE[rating]}]{rating}[/] {fmt.money(row.exposure[r.offer], whole=True)}")
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
            cells.append(f"{fmt.money(found.vendor_change, whole=True)} / {fmt.money(found.buyer_change, whole=True)}")
        scen.add_row(title, *cells)
    console.print(scen)


def _render_one(report: AlignmentReport, fmt: Formatter) -> None:
    say = fmt.text
    console.print(f"[bold]Alignment of offer {report.offer}[/bold] (term cost at plan {fmt.money(report.plan_total)})")
    console.print()
    for area in report.scorecard:
        style = RATING_STYLE[area.rating.value]
        console.print(
            f"[bold]{area.area.value}[/bold]: [{style}]{area.rating.value}[/] "
            f"(checks: {area.yes} yes, {area.no} no, {area.unknown} unknown)"
        )
        for reason in area.reasons:
            console.print(f"  - {say(reason)}", markup=False)
    console.print("\n[bold]Stress tests[/bold]")
    for s in report.scenarios:
        console.print(f"  [{s.verdict.value}] {say(s.message)}", markup=False)
    rel, impl, t = report.incentives.reliability, report.incentives.implementation, report.fee_timing
    console.print("\n[bold]Does effort pay the vendor?[/bold]")
    if rel is not None:
        verdict = "yes" if rel.passes else "no"
        cap = f" (cap {fmt.money(rel.credit_ceiling)})" if rel.credit_ceiling is not None else ""
        console.print(
            f"  Reliability: effort costs {fmt.money(rel.effort_cost)} a month ({say(rel.effort_cost_source)}); "
            f"a miss is {fmt.share(rel.p_miss_low_effort, 0)} likely without it and "
            f"{fmt.share(rel.p_miss_high_effort, 0)} with it, so a miss must cost the vendor at least "
            f"{fmt.money(rel.minimum_credit)}. A miss earns {fmt.money(rel.credit_at_miss)}{cap}; the chronic exit "
            f"adds {fmt.money(rel.chronic_monthly_equivalent)} a month of expected loss. "
            f"Expected loss avoided by effort {fmt.money(rel.expected_loss_avoided)}: {verdict}.",
            markup=False,
        )
        if rel.cap_blocks:
            console.print(
                "  The credit cap alone makes reliability effort impossible to buy with credits.", markup=False
            )
    if impl is not None:
        console.print(
            f"  Implementation: on-time effort costs {fmt.money(impl.effort_cost)} ({say(impl.effort_cost_source)}); "
            f"{fmt.money(impl.at_risk)} is held back against on-time acceptance, "
            f"worth {fmt.money(impl.expected_gain)} in expectation; {fmt.money(impl.minimum_at_risk)} would be "
            f"needed: {'yes' if impl.passes else 'no'}.",
            markup=False,
        )
    console.print("\n[bold]Fee timing[/bold]")
    if t.share_one_time_before_go_live is not None:
        console.print(
            f"  {fmt.money(t.one_time_before_go_live)} of {fmt.money(t.one_time_total)} one-time fees "
            f"({fmt.share(t.share_one_time_before_go_live, 0)}) is paid before go-live (month {t.go_live_month}); "
            f"{fmt.money(t.recurring_before_go_live)} of subscription bills before go-live "
            f"(from month {t.billing_start_month}).",
            markup=False,
        )
    for step in t.steps:
        held = " (holdback)" if step.holdback else ""
        console.print(
            f"  month {step.month}: {step.name}{held}: {fmt.money(step.paid)} paid; "
            f"{fmt.money(step.still_withheld)} still withheld",
            markup=False,
        )
    console.print("\n[bold]Checklist[/bold]")
    for c in report.checklist:
        console.print(f"  [{c.answer.value}] {c.question} ({say(c.evidence)}; {c.field})", markup=False)
    if report.questions:
        console.print("\n[bold]Ask the vendor[/bold]")
        for i, q in enumerate(report.questions, 1):
            console.print(f"  {i}. {q}", markup=False)
