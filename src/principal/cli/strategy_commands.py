"""`principal kpis`, `principal clauses` and `principal plan`: KPIs from goals, clause drafts, the negotiation brief.

The engines return typed results (amounts, statements); these commands print them with the deal's formatter
(its currency and locale) or hand them to the one JSON encoder. Engines are imported inside the commands.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

import typer

from principal.cli.brief_render import render_brief
from principal.cli.output import EXIT_FINDINGS, command, console, emit_result, use_formatter
from principal.cli.progress import working
from principal.errors import InputError, Problem
from principal.present import formatter_for

if TYPE_CHECKING:
    from principal.model.deal import Deal
    from principal.present import Formatter
    from principal.strategy.clauses import ClauseSet
    from principal.strategy.kpis import KpiReport

NO_DEAL_CURRENCY = "XXX"
"""ISO 4217's code for "no currency": the formatter of a goals file that links no deal (it quotes no money)."""


def register(app: typer.Typer) -> None:
    app.command("kpis")(kpis)
    app.command("clauses")(clauses)
    app.command("plan")(plan)


def check_negotiation_names(deal: Deal, file: Path) -> None:
    """The negotiation block may only name offers the deal has; report the line of any other name."""
    neg = deal.negotiation
    if neg is None:
        return
    wrong = [
        (("negotiation", key), name)
        for key, name in (("target_offer", neg.target_offer), ("vendor_offer", neg.vendor_offer))
        if name is not None and name not in deal.offers
    ]
    if not wrong:
        return
    from principal.loader.problems import format_path
    from principal.loader.yaml_positions import parse_located

    located = parse_located(file.read_text(encoding="utf-8-sig"), str(file))
    problems = []
    for path, name in wrong:
        line, column = located.where(path)
        message = f"no offer named {name!r}; offers are {', '.join(deal.offers)}"
        problems.append(Problem(str(file), line, column, format_path(path), message))
    raise InputError(problems)


def pick_offer(deal: Deal, name: str | None, file: Path) -> str:
    """The named offer, or the last one; an unknown name is bad input (exit 2)."""
    if name is None:
        return list(deal.offers)[-1]
    if name not in deal.offers:
        raise InputError.single(
            str(file), f"no offer named {name!r}; offers are {', '.join(deal.offers)}", field="--offer"
        )
    return name


@command("kpis")
def kpis(
    file: Path = typer.Argument(..., help="Goals file (YAML or JSON), e.g. examples/ccaas-450/goals.yaml."),
    as_json: bool = typer.Option(False, "--json", help="Machine-readable output."),
) -> None:
    """Turn operations goals into contract-ready KPIs; exit 1 when the planned staffing cannot meet a target."""
    from principal.strategy.kpis import build_kpis, load_goals

    loaded = load_goals(file)
    deal = loaded.deal
    fmt = use_formatter(
        formatter_for(deal.currency, deal.locale) if deal is not None else formatter_for(NO_DEAL_CURRENCY)
    )
    report = build_kpis(loaded.goals, deal, loaded.offer_name)
    if as_json:
        emit_result(report)
    else:
        _render_kpis(report, fmt)
    if not report.feasible:
        raise typer.Exit(EXIT_FINDINGS)


def _render_kpis(report: KpiReport, fmt: Formatter) -> None:
    say = console.print
    source = f" (remedies from offer {report.offer!r})" if report.offer else ""
    say(f"KPIs for {report.operation}{source}", markup=False)
    for number, kpi in enumerate(report.kpis, start=1):
        say("", markup=False)
        say(f"{number}. {kpi.name}", markup=False)
        rows = [
            ("Goal", kpi.goal_text or "(structured goal)"),
            ("Target", f"{kpi.target} [from {kpi.target_source}]"),
            ("Definition", kpi.definition),
            ("Formula", kpi.formula),
            ("Data source", kpi.data_source),
            ("Measured by", kpi.measured_by),
            ("Window", kpi.window),
            ("Exclusions", "; ".join(kpi.exclusions) or "none"),
            ("Reporting", kpi.cadence),
            ("Remedy", fmt.text(kpi.remedy)),
        ]
        rows.extend(("Note", note) for note in kpi.notes)
        for label, text in rows:
            say(f"   {label + ':':<13}{text}", markup=False)
    if report.feasibility:
        say("", markup=False)
        say("Staffing checks (Erlang C at the planned staffing)", markup=False)
        for item in report.feasibility:
            mark = "ok  " if item.feasible else "FAIL"
            if item.service_level is not None:
                measured = f"SL {fmt.share(item.service_level)}"
            else:
                asa = f"{fmt.number(item.asa_seconds, 0)} s" if item.asa_seconds is not None else "without limit"
                measured = f"ASA {asa}, occupancy {fmt.share(item.occupancy)}"
            say(f"  {mark} {item.goal}: {measured}", markup=False)
            say(f"       {item.message}", markup=False)


def _asa(seconds: float | None) -> str:
    return f"{seconds:.0f} s" if seconds is not None else "unbounded (the queue grows)"


@command("clauses")
def clauses(
    file: Path = typer.Argument(..., help="Deal file (YAML or JSON)."),
    offer: str | None = typer.Option(None, "--offer", "-o", help="Offer to draft from; default the last offer."),
    as_json: bool = typer.Option(False, "--json", help="Machine-readable output."),
) -> None:
    """Contract-ready clause drafts for an offer's terms; says what the offer leaves out instead of inventing it."""
    from principal.loader import load_deal
    from principal.strategy.clauses import draft_clauses

    deal = load_deal(file)
    fmt = use_formatter(formatter_for(deal.currency, deal.locale))
    name = pick_offer(deal, offer, file)
    drafts = draft_clauses(deal, name)
    if as_json:
        emit_result(drafts)
        return
    _render_clauses(drafts, fmt)


def _render_clauses(drafts: ClauseSet, fmt: Formatter) -> None:
    say = console.print
    label = f" ({drafts.offer_label})" if drafts.offer_label else ""
    say(f"Clause drafts for {drafts.deal}, offer {drafts.offer!r}{label}", markup=False)
    for number, clause in enumerate(drafts.clauses, start=1):
        say("", markup=False)
        say(f"{number}. {clause.title}", markup=False)
        for paragraph in clause.paragraphs:
            say(f"   {fmt.text(paragraph)}", markup=False)
        for item in clause.missing:
            say(f"   MISSING: {fmt.text(item)}", markup=False)


@command("plan")
def plan(
    file: Path = typer.Argument(..., help="Deal file (YAML or JSON) with an optional negotiation: block."),
    as_json: bool = typer.Option(False, "--json", help="Machine-readable output."),
) -> None:
    """The brief for the supplier meeting: objectives, walk-away, ZOPA, ranked asks, packages, counters, talk track."""
    from principal.loader import load_deal
    from principal.strategy.plan.brief import build_brief

    deal = load_deal(file)
    fmt = use_formatter(formatter_for(deal.currency, deal.locale))
    check_negotiation_names(deal, file)
    with working("building the brief", enabled=not as_json):
        brief = build_brief(deal)
    if as_json:
        emit_result(brief)
        return
    render_brief(brief, fmt)
