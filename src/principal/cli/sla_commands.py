"""`principal sla`: what an offer's SLA allows, what outages cost, what the vendor pays back."""

from __future__ import annotations

from collections.abc import Callable
from decimal import Decimal
from pathlib import Path

import typer
from rich.table import Table

from principal.cli.output import command, console, emit_result
from principal.errors import InputError, Problem
from principal.loader import load_deal
from principal.loader.outage_log import load_outage_log
from principal.model.deal import Deal
from principal.money_format import money
from principal.sla.comparison import DesignComparison
from principal.sla.outage_model import PRESETS
from principal.sla.replay import ReplayResult
from principal.sla.report import SlaReport, sla_report
from principal.sla.simulation import SimulationResult, Spread, max_runs


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
    deal = load_deal(file)
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
    _render(report, deal.currency)


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


def _money(currency: str, amount: Decimal | None) -> str:
    return "-" if amount is None else money(amount, currency)


def _num(value: Decimal, places: int = 2) -> str:
    return f"{value:,.{places}f}"


def _pct(value: Decimal | None, places: int = 2) -> str:
    return "-" if value is None else f"{value * 100:.{places}f}%"


def _render(report: SlaReport, currency: str) -> None:
    out = console.print
    out(f"SLA of offer {report.offer!r}" + (f" ({report.label})" if report.label else ""), markup=False)
    fee = report.fee_base
    out(f"Fee base for credits: {fee.name} = {_money(currency, fee.monthly_amount)} a month", markup=False)
    out(f"  from {fee.source}", markup=False)
    _render_allowed(report)
    if report.chronic_rules:
        out("Chronic-failure rules:", markup=False)
        for rule in report.chronic_rules:
            out(f"  - {rule}", markup=False)
    if report.sole_remedy:
        out("Credits are the sole remedy for a miss.", markup=False)
    if report.replay is not None:
        _render_replay(report.replay, report.outage_log or "", currency)
    if report.simulation is not None and report.comparison is None:
        _render_simulation((report.simulation,), currency)
    if report.comparison is not None:
        _render_comparison(report.comparison, currency)


def _render_allowed(report: SlaReport) -> None:
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
            f"{comp.target}%",
            *[_num(p.allowed_minutes) for p in comp.periods],
            _num(comp.per_365_day_year_minutes),
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
            amount = _num(carve.excludable_minutes)
        console.print(f"  - {carve.rule}: {amount}: {carve.note}", markup=False)


def _render_replay(replay: ReplayResult, log: str, currency: str) -> None:
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
                _num(judged.counted_minutes),
                _num(judged.allowed_minutes),
                f"{judged.availability_percent:.4f}%",
                "yes" if judged.missed else "no",
                f"{judged.credit_percent:f}" + (f" ({judged.repeats} repeat)" if judged.repeats else ""),
            )
        capped = " (capped)" if window.capped else ""
        below = " (below the minimum credit: not paid)" if window.below_minimum else ""
        deadline = f", claim by {window.claim_deadline}" if window.claim_deadline else ""
        lost = ", forfeited: no later invoice" if window.forfeited else ""
        table.add_row(
            "",
            "window credit",
            "",
            "",
            "",
            "",
            f"{_money(currency, window.credit_paid)}{capped}{below}{deadline}{lost}",
        )
    console.print(table)
    outages = Table(title="Outages: minutes excluded and why, and what each cost the operation")
    for column in ("row", "component", "start", "minutes", "counted", "excluded", "impact", "note"):
        outages.add_column(column)
    for o in replay.outages:
        excluded = ", ".join(f"{e.rule} {_num(e.minutes)}" for e in o.excluded) or "-"
        outages.add_row(
            str(o.row),
            o.component + (f" -> {o.counts_against}" if o.counts_against not in (None, o.component) else ""),
            o.start.isoformat(),
            _num(o.minutes),
            _num(o.counted_minutes),
            excluded,
            _money(currency, o.impact.total),
            o.note,
        )
    console.print(outages)
    for rule in replay.chronic:
        when = f"fires in window {rule.fires_in_window}, on {rule.fires_on}" if rule.fires_in_window else "never fires"
        console.print(f"Chronic rule {rule.rule + 1} ({rule.description}): {when}", markup=False)
    console.print(
        f"Totals: {_num(replay.outage_minutes)} outage minutes, {_num(replay.counted_minutes)} counted, "
        f"{replay.misses} miss(es); credits {_money(currency, replay.credits_paid)} "
        f"(forfeited {_money(currency, replay.credits_forfeited)}); impact {_money(currency, replay.impact.total)} "
        f"(idle payroll {_money(currency, replay.impact.idle_payroll)}, lost contacts "
        f"{_money(currency, replay.impact.lost_contacts)}); credits cover {_pct(replay.coverage_ratio)} of it",
        markup=False,
    )


def _render_simulation(results: tuple[SimulationResult, ...], currency: str) -> None:
    first = results[0]
    models = Table(title=f"Outage models ({first.runs:,} simulated {first.term_months}-month terms, seed {first.seed})")
    for column in ("component", "outages/month", "median min", "mean min", "sigma", "min/month", "source"):
        models.add_column(column)
    for m in first.models:
        models.add_row(
            m.component,
            f"{m.rate_per_month:.3f}",
            f"{m.median_minutes:.1f}",
            f"{m.mean_minutes:.1f}",
            f"{m.sigma:.2f}",
            f"{m.expected_minutes_per_month:.1f}",
            m.source,
        )
    console.print(models)
    table = Table(title="Simulated contract years")
    table.add_column("figure")
    for r in results:
        table.add_column(r.offer, justify="right")
    rows: list[tuple[str, Callable[[SimulationResult], str]]] = [
        ("credits a year P10 / P50 / P90", lambda r: "/".join(_money(currency, v) for v in _p(r.yearly_credits))),
        ("credits a year, mean", lambda r: _money(currency, r.yearly_credits.mean)),
        ("impact a year P10 / P50 / P90", lambda r: "/".join(_money(currency, v) for v in _p(r.yearly_impact))),
        ("impact a year, mean", lambda r: _money(currency, r.yearly_impact.mean)),
        ("coverage (mean credits / mean impact)", lambda r: _pct(r.coverage_ratio)),
        ("P(any credit in a year)", lambda r: _pct(r.probability_of_any_credit_in_a_year)),
        ("credits forfeited at term end, mean", lambda r: _money(currency, r.mean_forfeited_per_term)),
    ]
    for label, cell in rows:
        table.add_row(label, *[cell(r) for r in results])
    for r in results:
        for f in r.figures:
            table.add_row(
                f"{r.offer}: {f.name} misses {f.target}% (share of windows)",
                *[_pct(f.miss_probability_per_window) if x is r else "" for x in results],
            )
        for c in r.chronic:
            table.add_row(
                f"{r.offer}: P(chronic rule {c.rule + 1} fires in the term)",
                *[_pct(c.probability_within_term) if x is r else "" for x in results],
            )
    console.print(table)


def _p(spread: Spread) -> tuple[Decimal, Decimal, Decimal]:
    return (spread.p10, spread.p50, spread.p90)


def _render_comparison(comparison: DesignComparison, currency: str) -> None:
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
            "\n".join(f"{c.name} {c.target}% ({_num(c.allowed_minutes_30_day_month)})" for c in d.components)
            for d in designs
        ],
    )
    row("carved out", [", ".join(d.carved_out) or "-" for d in designs])
    row("planned maintenance", [d.maintenance for d in designs])
    row("credit tiers", ["\n".join(d.tiers) or "-" for d in designs])
    row("escalation", [d.escalation or "-" for d in designs])
    row("fee base a month", [f"{d.fee_base} {_money(currency, d.fee_base_monthly)}" for d in designs])
    row(
        "cap a month",
        [
            f"{d.cap_percent if d.cap_percent is not None else 100}% = {_money(currency, d.cap_amount_monthly)}"
            for d in designs
        ],
    )
    row("claim within (days)", [str(d.claim_days) if d.claim_days is not None else "-" for d in designs])
    row("sole remedy", [str(d.sole_remedy) for d in designs])
    row("chronic-failure exit", ["\n".join(d.chronic) or "none" for d in designs])
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
        cells = [s.name, _money(currency, s.figures[0].impact.total)]
        for f in s.figures:
            cells.append(f"{_money(currency, f.credits_paid)} ({_pct(f.coverage_ratio, 1)})")
            cells.append(f"window {f.chronic_fires_in_window}" if f.chronic_fires_in_window else "no")
        scenarios.add_row(*cells)
    console.print(scenarios)
    if comparison.replay is not None:
        for r in comparison.replay:
            console.print(
                f"Outage log under {r.offer!r}: {r.misses} miss(es), credits {_money(currency, r.credits_paid)}, "
                f"impact {_money(currency, r.impact.total)}, coverage {_pct(r.coverage_ratio)}",
                markup=False,
            )
    if comparison.simulation is not None:
        _render_simulation(comparison.simulation, currency)
