"""`principal sla`: what an offer's SLA allows, what outages cost, what the vendor pays back.

Every figure is written by the deal's formatter (its currency, decimals and locale); the engine modules are imported
inside the command so `principal --help` does not load them.
"""

from __future__ import annotations

from collections.abc import Callable
from decimal import Decimal
from pathlib import Path
from typing import TYPE_CHECKING

import typer
from rich.table import Table

from principal.cli.output import command, console, emit_result, use_formatter
from principal.errors import InputError, Problem

if TYPE_CHECKING:
    from principal.model.deal import Deal
    from principal.present import Formatter
    from principal.sla.comparison import DesignComparison
    from principal.sla.replay import ReplayResult
    from principal.sla.report import SlaReport
    from principal.sla.simulation import SimulationResult, Spread


def register(app: typer.Typer) -> None:
    app.command("sla")(sla)


@command("sla")
def sla(
    file: Path = typer.Argument(..., help="Deal file (YAML or JSON)."),
    offer: str | None = typer.Option(None, "--offer", help="Offer whose SLA to analyse; default the baseline."),
    outages: Path | None = typer.Option(None, "--outages", help="Outage log (CSV) to replay through the SLA."),
    simulate: int | None = typer.Option(None, "--simulate", help="Simulate this many contract terms of outages."),
    seed: int = typer.Option(0, "--seed", help="Seed of the simulation (same seed, same figures)."),
    preset: str = typer.Option("typical", "--preset", help="Outage preset: reliable, typical or troubled."),
    against: str | None = typer.Option(None, "--against", help="Compare with this other offer's SLA design."),
    as_json: bool = typer.Option(False, "--json", help="Machine-readable output with every figure."),
) -> None:
    """Allowed downtime, outage replay, simulated credits and impact, and design comparison for an offer's SLA."""
    from principal.loader import load_deal
    from principal.loader.outage_log import load_outage_log
    from principal.present import formatter_for
    from principal.sla.report import sla_report

    deal = load_deal(file)
    fmt = use_formatter(formatter_for(deal.currency, deal.locale))
    name = _offer(deal, file, offer or deal.baseline_name, "--offer")
    other = _offer(deal, file, against, "--against") if against is not None else None
    _check_options(deal, file, name, other, simulate, seed, preset)
    log = None
    if outages is not None:
        known = sorted({c.name for o in deal.offers.values() if o.sla is not None for c in o.sla.components})
        log = load_outage_log(outages, components=known, timezone=_named_zone(deal))
    report = sla_report(
        deal,
        name,
        outages=log.outages if log is not None else None,
        outage_log=str(outages) if outages is not None else None,
        simulate=simulate,
        seed=seed,
        preset=preset,
        against=other,
    )
    if as_json:
        emit_result({"currency": deal.currency, "report": report})
        return
    _render(report, fmt)


def _named_zone(deal: Deal) -> str | None:
    """The deal's time zone when the file names one (then outage times must carry an offset)."""
    buyer = deal.buyer
    if "business_hours" in buyer.model_fields_set and "timezone" in buyer.business_hours.model_fields_set:
        return buyer.business_hours.timezone
    return None


def _offer(deal: Deal, file: Path, name: str | None, option: str) -> str:
    assert name is not None
    if name not in deal.offers:
        raise InputError.single(
            str(file), f"no offer named {name!r}; offers are {', '.join(deal.offers)}", field=option
        )
    if deal.offers[name].sla is None:
        with_sla = [n for n, o in deal.offers.items() if o.sla is not None]
        from principal.loader.yaml_positions import parse_located

        line, column = parse_located(file.read_text(encoding="utf-8-sig"), str(file)).where(("offers", name))
        message = f"offer {name!r} has no sla block; offers with one: {', '.join(with_sla) or '(none)'}"
        raise InputError([Problem(str(file), line, column, f"offers.{name} ({option})", message)])
    return name


def _check_options(
    deal: Deal, file: Path, offer: str, other: str | None, simulate: int | None, seed: int, preset: str
) -> None:
    from principal.sla.outage_model import PRESETS
    from principal.sla.simulation import max_runs

    if preset not in PRESETS:
        raise InputError.single(str(file), f"unknown preset {preset!r}; use {', '.join(PRESETS)}", field="--preset")
    if seed < 0:
        raise InputError.single(str(file), f"the seed must be 0 or more (got {seed})", field="--seed")
    if simulate is not None:
        offers = [offer] if other is None else [offer, other]
        term = max(deal.offers[o].term_months for o in offers)
        parts = max(len(deal.offers[o].sla.components) for o in offers)  # type: ignore[union-attr]
        limit = max_runs(term, parts)
        if not 1 <= simulate <= limit:
            raise InputError.single(
                str(file), f"give 1 to {limit:,} runs for a {term}-month term (got {simulate})", field="--simulate"
            )


def _target(fmt: Formatter, value: Decimal) -> str:
    """A target or cap in percent with the decimals it was written with (99.95%, 99.9%, 15%)."""
    exponent = value.as_tuple().exponent
    places = -exponent if isinstance(exponent, int) and exponent < 0 else 0
    return fmt.percent(value, places)


def _render(report: SlaReport, fmt: Formatter) -> None:
    out = console.print
    out(f"SLA of offer {report.offer!r}" + (f" ({report.label})" if report.label else ""), markup=False)
    fee = report.fee_base
    out(f"Fee base for credits: {fee.name} = {fmt.money(fee.monthly_amount)} a month", markup=False)
    out(f"  from {fee.source}", markup=False)
    _render_allowed(report, fmt)
    if report.chronic_rules:
        out("Chronic-failure rules:", markup=False)
        for rule in report.chronic_rules:
            out(f"  - {fmt.text(rule)}", markup=False)
    if report.sole_remedy:
        out("Credits are the sole remedy for a miss.", markup=False)
    if report.replay is not None:
        _render_replay(report.replay, report.outage_log or "", fmt)
    if report.simulation is not None and report.comparison is None:
        _render_simulation((report.simulation,), fmt)
    if report.comparison is not None:
        _render_comparison(report.comparison, fmt)


def _render_allowed(report: SlaReport, fmt: Formatter) -> None:
    allowed = report.allowed
    table = Table(title=f"Allowed downtime in minutes ({allowed.computation.value}, {allowed.window.value} windows)")
    table.add_column("component")
    table.add_column("target", justify="right")
    for period in allowed.components[0].periods:
        table.add_column(period.label, justify="right")
    table.add_column("365-day year", justify="right")
    for comp in allowed.components:
        table.add_row(
            comp.component,
            _target(fmt, comp.target),
            *[fmt.number(p.allowed_minutes, 2) for p in comp.periods],
            fmt.number(comp.per_365_day_year_minutes, 2),
        )
    console.print(table)
    console.print(f"Measured on {allowed.components[0].measured_basis}; {allowed.combined_note}.", markup=False)
    console.print(f"Carve-outs (minutes per {allowed.reference_days}-day window):", markup=False)
    for carve in allowed.carveouts:
        if not carve.applies:
            amount = "0"
        elif carve.excludable_minutes is None:
            amount = "no limit"
        else:
            amount = fmt.number(carve.excludable_minutes, 2)
        console.print(f"  - {carve.rule}: {amount}: {carve.note}", markup=False)


def _render_replay(replay: ReplayResult, log: str, fmt: Formatter) -> None:
    table = Table(title=f"Outage replay of {log} under {replay.offer!r} (windows with outages; --json has all)")
    for column in ("window", "figure", "counted min", "allowed min", "availability", "miss", "credit %"):
        table.add_column(column, justify="right" if column not in ("window", "figure") else "left")
    for window in replay.windows:
        if not any(c.outage_minutes for c in window.components):
            continue
        for judged in window.judged:
            table.add_row(
                f"{window.index} ({window.first_day}..{window.last_day})",
                judged.name,
                fmt.number(judged.counted_minutes, 2),
                fmt.number(judged.allowed_minutes, 2),
                fmt.percent(judged.availability_percent, 4),
                "yes" if judged.missed else "no",
                fmt.number(judged.credit_percent) + (f" ({judged.repeats} repeat)" if judged.repeats else ""),
            )
        capped = " (capped)" if window.capped else ""
        below = " (below the minimum credit: not paid)" if window.below_minimum else ""
        deadline = f", claim by {window.claim_deadline}" if window.claim_deadline else ""
        lost = ", forfeited: no later invoice" if window.forfeited else ""
        table.add_row(
            "", "window credit", "", "", "", "", f"{fmt.money(window.credit_paid)}{capped}{below}{deadline}{lost}"
        )
    console.print(table)
    outages = Table(title="Outages: minutes excluded and why, and what each cost the operation")
    for column in ("row", "component", "start", "minutes", "counted", "excluded", "impact", "note"):
        outages.add_column(column)
    for o in replay.outages:
        excluded = ", ".join(f"{e.rule} {fmt.number(e.minutes, 2)}" for e in o.excluded) or "-"
        outages.add_row(
            str(o.row),
            o.component + (f" -> {o.counts_against}" if o.counts_against not in (None, o.component) else ""),
            o.start.isoformat(),
            fmt.number(o.minutes, 2),
            fmt.number(o.counted_minutes, 2),
            excluded,
            fmt.money(o.impact.total),
            o.note,
        )
    console.print(outages)
    for rule in replay.chronic:
        when = f"fires in window {rule.fires_in_window}, on {rule.fires_on}" if rule.fires_in_window else "never fires"
        console.print(f"Chronic rule {rule.rule + 1} ({fmt.text(rule.description)}): {when}", markup=False)
    impact = replay.impact
    console.print(
        f"Totals: {fmt.number(replay.outage_minutes, 2)} outage minutes, {fmt.number(replay.counted_minutes, 2)} "
        f"counted, {replay.misses} miss(es); credits {fmt.money(replay.credits_paid)} "
        f"(forfeited {fmt.money(replay.credits_forfeited)}); impact {fmt.money(impact.total)} "
        f"(idle payroll {fmt.money(impact.idle_payroll)}, lost contacts {fmt.money(impact.lost_contacts)}); "
        f"credits cover {fmt.share(replay.coverage_ratio, 2, blank='-')} of it",
        markup=False,
    )


def _render_simulation(results: tuple[SimulationResult, ...], fmt: Formatter) -> None:
    first = results[0]
    models = Table(
        title=f"Outage models ({fmt.number(first.runs)} simulated {first.term_months}-month terms, seed {first.seed})"
    )
    for column in ("component", "outages/month", "median min", "mean min", "sigma", "min/month", "source"):
        models.add_column(column)
    for m in first.models:
        models.add_row(
            m.component,
            fmt.number(m.rate_per_month, 3),
            fmt.number(m.median_minutes, 1),
            fmt.number(m.mean_minutes, 1),
            fmt.number(m.sigma, 2),
            fmt.number(m.expected_minutes_per_month, 1),
            m.source,
        )
    console.print(models)
    table = Table(title="Simulated contract years")
    table.add_column("figure")
    for r in results:
        table.add_column(r.offer, justify="right")

    def spread(s: Spread) -> str:
        return "/".join(fmt.money(v) for v in (s.p10, s.p50, s.p90))

    def share(value: Decimal | None) -> str:
        return fmt.share(value, 2, blank="-")

    rows: list[tuple[str, Callable[[SimulationResult], str]]] = [
        ("credits a year P10 / P50 / P90", lambda r: spread(r.yearly_credits)),
        ("credits a year, mean", lambda r: fmt.money(r.yearly_credits.mean)),
        ("impact a year P10 / P50 / P90", lambda r: spread(r.yearly_impact)),
        ("impact a year, mean", lambda r: fmt.money(r.yearly_impact.mean)),
        ("coverage (mean credits / mean impact)", lambda r: share(r.coverage_ratio)),
        ("P(any credit in a year)", lambda r: share(r.probability_of_any_credit_in_a_year)),
        ("credits forfeited at term end, mean", lambda r: fmt.money(r.mean_forfeited_per_term)),
    ]
    for label, cell in rows:
        table.add_row(label, *[cell(r) for r in results])
    for r in results:
        for f in r.figures:
            table.add_row(
                f"{r.offer}: {f.name} misses {_target(fmt, f.target)} (share of windows)",
                *[share(f.miss_probability_per_window) if x is r else "" for x in results],
            )
        for c in r.chronic:
            table.add_row(
                f"{r.offer}: P(chronic rule {c.rule + 1} fires in the term)",
                *[share(c.probability_within_term) if x is r else "" for x in results],
            )
    console.print(table)


def _render_comparison(comparison: DesignComparison, fmt: Formatter) -> None:
    designs = comparison.designs
    table = Table(title="SLA designs side by side")
    table.add_column("term")
    for d in designs:
        table.add_column(d.offer)

    def row(label: str, values: list[str]) -> None:
        table.add_row(label, *values)

    row("window / computation", [f"{d.window} / {d.computation}" for d in designs])
    row(
        "components (allowed min in a 30-day month)",
        [
            "\n".join(
                f"{c.name} {_target(fmt, c.target)} ({fmt.number(c.allowed_minutes_30_day_month, 2)})"
                for c in d.components
            )
            for d in designs
        ],
    )
    row("carved out", [", ".join(d.carved_out) or "-" for d in designs])
    row("planned maintenance", [d.maintenance for d in designs])
    row("credit tiers", ["\n".join(d.tiers) or "-" for d in designs])
    row("escalation", [d.escalation or "-" for d in designs])
    row("fee base a month", [f"{d.fee_base} {fmt.money(d.fee_base_monthly)}" for d in designs])
    row(
        "cap a month",
        [
            f"{_target(fmt, d.cap_percent if d.cap_percent is not None else Decimal(100))} = "
            f"{fmt.money(d.cap_amount_monthly)}"
            for d in designs
        ],
    )
    row("claim within (days)", [str(d.claim_days) if d.claim_days is not None else "-" for d in designs])
    row("sole remedy", [str(d.sole_remedy) for d in designs])
    row("chronic-failure exit", ["\n".join(fmt.text(c) for c in d.chronic) or "none" for d in designs])
    console.print(table)
    scenarios = Table(
        title=f"Scenarios (outages at 10:00 local on the first Tuesday of the month, from {comparison.scenario_start})"
    )
    scenarios.add_column("scenario")
    scenarios.add_column("impact", justify="right")
    for d in designs:
        scenarios.add_column(f"{d.offer}: credits (coverage)", justify="right")
        scenarios.add_column(f"{d.offer}: chronic exit", justify="right")
    for s in comparison.scenarios:
        cells = [s.name, fmt.money(s.figures[0].impact.total)]
        for f in s.figures:
            cells.append(f"{fmt.money(f.credits_paid)} ({fmt.share(f.coverage_ratio, 1, blank='-')})")
            cells.append(f"window {f.chronic_fires_in_window}" if f.chronic_fires_in_window else "no")
        scenarios.add_row(*cells)
    console.print(scenarios)
    if comparison.replay is not None:
        for r in comparison.replay:
            console.print(
                f"Outage log under {r.offer!r}: {r.misses} miss(es), credits {fmt.money(r.credits_paid)}, "
                f"impact {fmt.money(r.impact.total)}, coverage {fmt.share(r.coverage_ratio, 2, blank='-')}",
                markup=False,
            )
    if comparison.simulation is not None:
        _render_simulation(comparison.simulation, fmt)
