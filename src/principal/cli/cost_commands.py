"""`principal cost` and `principal compare`: what each offer costs, and how the offers differ."""

from __future__ import annotations

from pathlib import Path

import typer
from rich.table import Table

from principal.cli.output import command, console, emit_result
from principal.cli.progress import progress_bar
from principal.cost.compare import Comparison, compare, comparison_summary
from principal.cost.report import CostReport, OfferCost, cost_report, cost_summary, pick_offers
from principal.errors import InputError
from principal.loader import load_deal
from principal.money_format import money, percent


def register(app: typer.Typer) -> None:
    app.command("cost")(cost)
    app.command("compare")(compare_command)


def _check_draws(draws: int) -> None:
    if draws < 0 or draws > 2_000_000:
        raise InputError.single("principal cost", f"must be between 0 and 2,000,000 (got {draws})", field="--simulate")


@command("cost")
def cost(
    file: Path = typer.Argument(..., help="Deal file (YAML or JSON)."),
    offer: list[str] = typer.Option([], "--offer", "-o", help="Offer to cost (repeatable); default all."),
    draws: int = typer.Option(0, "--simulate", "-n", help="Monte Carlo draws over the forecast (0 = none)."),
    seed: int = typer.Option(0, "--seed", help="Random seed for the simulation."),
    lines: bool = typer.Option(False, "--lines", help="Show every monthly line item with its formula."),
    as_json: bool = typer.Option(False, "--json", help="Machine-readable output."),
) -> None:
    """The monthly cash-flow schedule, annual totals and term cost of each offer, with its uncertainty."""
    _check_draws(draws)
    deal = load_deal(file)
    names = pick_offers(deal, offer, str(file))
    with progress_bar("simulating", draws * len(names), enabled=draws >= 20_000 and not as_json) as advance:
        report = cost_report(deal, names, draws=draws, seed=seed, progress=advance)
    if as_json:
        emit_result(cost_summary(report, lines=lines))
        return
    _render_cost(report, lines)


def _render_cost(report: CostReport, show_lines: bool) -> None:
    cur = report.currency
    console.print(f"[bold]{report.deal}[/bold]")
    for item in report.offers:
        _render_offer(item, cur, show_lines)


def _render_offer(item: OfferCost, cur: str, show_lines: bool) -> None:
    s = item.schedule
    console.print()
    console.print(
        f"[bold]Offer {s.offer}[/bold]: {s.term_months} months, go-live month {s.go_live_month}, "
        f"billing from month {s.billing_start_month}"
    )
    table = Table(show_edge=False, pad_edge=False)
    table.add_column("Year")
    categories = sorted({c for y in s.years for c in y.by_category})
    for cat in categories:
        table.add_column(cat.replace("_", " "), justify="right")
    table.add_column("total", justify="right", style="bold")
    for y in s.years:
        table.add_row(
            f"{y.year} ({y.months} mo)",
            *[money(y.by_category.get(c, 0), cur) for c in categories],
            money(y.total, cur),
        )
    by_cat = s.by_category()
    table.add_row("term", *[money(by_cat.get(c, 0), cur) for c in categories], money(s.total, cur), style="bold")
    console.print(table)
    console.print(f"Usage-based share of spend: {percent(s.usage_share)}")
    if item.vendor_view is not None:
        v = item.vendor_view
        console.print(
            f"Vendor's volume estimate vs your plan (month {v.reference_month}): usage "
            f"{money(v.monthly_at_vendor_estimate, cur)} vs {money(v.monthly_at_buyer_plan, cur)} a month; "
            f"over the term the plan costs {money(v.gap, cur)} more than the vendor's estimate."
        )
        for meter, (vend, plan) in v.by_meter.items():
            console.print(f"  {meter}: {money(vend, cur)} vs {money(plan, cur)} a month")
    for check in item.budget:
        verdict = f"over by {money(check.over, cur)}" if check.over > 0 else f"within by {money(-check.over, cur)}"
        console.print(
            f"Budget year {check.year}: {money(check.cost, cur)} against {money(check.budget, cur)}: {verdict}"
        )
    if item.incumbent_term_cost is not None:
        diff = s.total - item.incumbent_term_cost
        word = "more" if diff > 0 else "less"
        console.print(
            f"Incumbent over the same term: {money(item.incumbent_term_cost, cur)}; "
            f"this offer costs {money(abs(diff), cur)} {word}."
        )
    if item.simulation is not None:
        sim = item.simulation
        console.print(f"Simulation ({sim.draws:,} draws, seed {sim.seed}):")
        sim_table = Table(show_edge=False, pad_edge=False)
        for col in ("", "mean", "P10", "P50", "P90"):
            sim_table.add_column(col, justify="right" if col else "left")
        for label, st in [("term", sim.term), *[(f"year {i}", y) for i, y in enumerate(sim.years, 1)]]:
            sim_table.add_row(label, *(money(v, cur, cents=False) for v in (st.mean, st.p10, st.p50, st.p90)))
        console.print(sim_table)
        if sim.p_over_budget_any_year is not None:
            console.print(f"  P(some year over budget) = {percent(sim.p_over_budget_any_year)}")
        if sim.p_over_incumbent_term is not None:
            console.print(f"  P(term cost above the incumbent's) = {percent(sim.p_over_incumbent_term)}")
        console.print(f"  Mean usage-based share: {percent(sim.usage_share_mean)}")
    if show_lines:
        lt = Table(show_edge=False, pad_edge=False)
        for col in ("month", "item", "amount", "how"):
            lt.add_column(col, justify="right" if col in ("month", "amount") else "left")
        for ln in s.lines:
            lt.add_row(str(ln.month), ln.item, money(ln.amount, cur), ln.formula)
        console.print(lt)


@command("compare")
def compare_command(
    file: Path = typer.Argument(..., help="Deal file (YAML or JSON)."),
    offer: list[str] = typer.Option([], "--offer", "-o", help="Offers to compare (repeatable); default all."),
    baseline: str | None = typer.Option(None, "--baseline", "-b", help="Offer to measure savings against."),
    as_json: bool = typer.Option(False, "--json", help="Machine-readable output."),
) -> None:
    """Offers side by side: totals, savings against the baseline by lever, and when cumulative costs cross."""
    deal = load_deal(file)
    names = pick_offers(deal, offer, str(file))
    if baseline is not None:
        pick_offers(deal, [baseline], str(file), "--baseline")
    result = compare(deal, names, baseline)
    if as_json:
        emit_result(comparison_summary(result))
        return
    _render_compare(result, deal.currency)


def _render_compare(result: Comparison, cur: str) -> None:
    names = list(result.schedules)
    table = Table(title="Cost by contract year (plan volumes)", show_edge=False, pad_edge=False)
    table.add_column("")
    for name in names:
        table.add_column(name, justify="right")
    years = max(len(s.years) for s in result.schedules.values())
    for i in range(years):
        table.add_row(
            f"year {i + 1}",
            *[money(s.years[i].total, cur) if i < len(s.years) else "" for s in result.schedules.values()],
        )
    table.add_row("term", *[money(s.total, cur) for s in result.schedules.values()], style="bold")
    table.add_row("usage share", *[percent(s.usage_share) for s in result.schedules.values()])
    console.print(table)
    for versus in result.versus_baseline:
        console.print()
        console.print(
            f"[bold]{versus.offer}[/bold] vs {versus.baseline}: saves {money(versus.saving, cur)} over the term "
            f"({', '.join(money(y, cur) for y in versus.saving_by_year)} by year)"
        )
        lt = Table(show_edge=False, pad_edge=False)
        lt.add_column("lever")
        lt.add_column("term", justify="right")
        for i in range(len(versus.saving_by_year)):
            lt.add_column(f"year {i + 1}", justify="right")
        for lever in versus.levers:
            lt.add_row(lever.description, money(lever.term, cur), *[money(y, cur) for y in lever.by_year])
        console.print(lt)
    if result.incumbent_monthly is not None:
        console.print()
        console.print(f"Incumbent: {money(result.incumbent_monthly, cur)} a month.")
        for name, month in result.run_rate_above_incumbent.items():
            text = f"from month {month}" if month else "never"
            console.print(f"  {name}: monthly run rate (without one-time fees) above the incumbent's {text}")
    for name, items in result.crossings.items():
        if items:
            steps = "; ".join(f"{c.direction} {c.against} from month {c.month}" for c in items)
            console.print(f"  {name} cumulative cost: {steps}")
    for v in result.vendor_views:
        console.print(
            f"  {v.offer}: the vendor's estimate prices usage at {money(v.monthly_at_vendor_estimate, cur)} a month, "
            f"your plan at {money(v.monthly_at_buyer_plan, cur)}"
        )
