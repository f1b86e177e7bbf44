"""`principal cost` and `principal compare`: what each offer costs, and how the offers differ.

Both print the cost engine's typed results (`principal.cost.results`): as JSON through the one encoder, or for
people through the deal's formatter (its currency and locale). The engines are imported inside the commands so
`principal --help` loads neither them nor numpy.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

import typer

from principal.cli.output import command, console, emit_result, use_formatter
from principal.cli.switching_render import (
    render_comparison_switching,
    render_defaults,
    render_offer_switching,
    render_simulated_switching,
)
from principal.errors import InputError

if TYPE_CHECKING:
    from rich.table import Table

    from principal.cost.results import ComparisonResult, CostResult, OfferCostResult
    from principal.present import Formatter


def register(app: typer.Typer) -> None:
    app.command("cost")(cost)
    app.command("compare")(compare_command)


def _check_draws(draws: int) -> None:
    if draws < 0 or draws > 2_000_000:
        raise InputError.single("principal cost", f"must be between 0 and 2,000,000 (got {draws})", field="--simulate")


def _table(title: str | None = None) -> Table:
    from rich.table import Table

    return Table(title=title, show_edge=False, pad_edge=False)


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
    from principal.cli.progress import progress_bar
    from principal.cost.report import cost_report, pick_offers
    from principal.cost.results import cost_result
    from principal.loader import load_deal
    from principal.present import formatter_for

    _check_draws(draws)
    deal = load_deal(file)
    fmt = use_formatter(formatter_for(deal.currency, deal.locale))
    names = pick_offers(deal, offer, str(file))
    with progress_bar("simulating", draws * len(names), enabled=draws >= 20_000 and not as_json) as advance:
        report = cost_report(deal, names, draws=draws, seed=seed, progress=advance)
    result = cost_result(report, lines=lines)
    if as_json:
        emit_result(result)
        return
    _render_cost(result, fmt, lines)


def _render_cost(result: CostResult, fmt: Formatter, show_lines: bool) -> None:
    console.print(f"[bold]{result.deal}[/bold]")
    for item in result.offers:
        _render_offer(item, fmt, show_lines)
    console.print()
    render_defaults(item.switching for item in result.offers)


def _render_offer(item: OfferCostResult, fmt: Formatter, show_lines: bool) -> None:
    money = fmt.money
    console.print()
    console.print(
        f"[bold]Offer {item.offer}[/bold]: {item.term_months} months, go-live month {item.go_live_month}, "
        f"billing from month {item.billing_start_month}"
    )
    render_offer_switching(item.switching, fmt)
    console.print("The new contract by contract year:")
    table = _table()
    table.add_column("Year")
    categories = sorted({c for y in item.years for c in y.by_category})
    for cat in categories:
        table.add_column(cat.replace("_", " "), justify="right")
    table.add_column("total", justify="right", style="bold")
    for y in item.years:
        table.add_row(
            f"{y.year} ({y.months} mo)",
            *[money(y.by_category[c]) if c in y.by_category else money(0) for c in categories],
            money(y.total),
        )
    term = [money(item.by_category[c]) if c in item.by_category else money(0) for c in categories]
    table.add_row("term", *term, money(item.total), style="bold")
    console.print(table)
    console.print(f"Usage-based share of spend: {fmt.share(item.usage_share)}")
    if item.vendor_view is not None:
        v = item.vendor_view
        console.print(
            f"Vendor's volume estimate vs your plan (month {v.reference_month}): usage "
            f"{money(v.monthly_usage_at_vendor_estimate)} vs {money(v.monthly_usage_at_buyer_plan)} a month; "
            f"over the term the plan costs {money(v.term_gap)} more than the vendor's estimate."
        )
        for meter, m in v.by_meter.items():
            console.print(
                f"  {meter}: {money(m.monthly_at_vendor_estimate)} vs {money(m.monthly_at_buyer_plan)} a month"
            )
    for check in item.budget:
        verdict = f"over by {money(check.over)}" if check.over.number > 0 else f"within by {money(-check.over)}"
        console.print(f"Budget year {check.year}: {money(check.cost)} against {money(check.budget)}: {verdict}")
    if item.terms is not None:
        from principal.cli.terms_render import render_offer_terms

        render_offer_terms(item.terms, fmt)
    if item.simulation is not None:
        sim = item.simulation
        console.print(f"Simulation ({fmt.number(sim.draws)} draws, seed {sim.seed}):")
        sim_table = _table()
        for col in ("", "mean", "P10", "P50", "P90"):
            sim_table.add_column(col, justify="right" if col else "left")
        rows = [("new contract, term", sim.term), *[(f"  year {i}", y) for i, y in enumerate(sim.years, 1)]]
        if sim.switching is not None and sim.difference is not None:
            rows += [("cost of switching", sim.switching), ("switching - staying", sim.difference)]
            if sim.dual_running is not None:
                console.print(f"  Dual running and early termination (fixed): {money(sim.dual_running)}")
        for label, st in rows:
            sim_table.add_row(label, *(money(v, whole=True) for v in (st.mean, st.p10, st.p50, st.p90)))
        console.print(sim_table)
        render_simulated_switching(sim, fmt)
        if sim.p_over_budget_any_year is not None:
            console.print(f"  P(some year over budget) = {fmt.share(sim.p_over_budget_any_year)}")
        console.print(f"  Mean usage-based share: {fmt.share(sim.usage_share_mean)}")
    if show_lines and item.lines is not None:
        lt = _table()
        for col in ("month", "item", "amount", "how"):
            lt.add_column(col, justify="right" if col in ("month", "amount") else "left")
        for ln in item.lines:
            lt.add_row(str(ln.month), ln.item, money(ln.amount), ln.formula)
        for ln in item.switching.lines or ():
            lt.add_row(str(ln.month), ln.item, money(ln.amount), ln.formula)
        console.print(lt)


@command("compare")
def compare_command(
    file: Path = typer.Argument(..., help="Deal file (YAML or JSON)."),
    offer: list[str] = typer.Option([], "--offer", "-o", help="Offers to compare (repeatable); default all."),
    baseline: str | None = typer.Option(None, "--baseline", "-b", help="Offer to measure savings against."),
    as_json: bool = typer.Option(False, "--json", help="Machine-readable output."),
) -> None:
    """Offers side by side: totals, savings against the baseline by lever, and when cumulative costs cross."""
    from principal.cost.compare import compare
    from principal.cost.report import pick_offers
    from principal.cost.results import comparison_result
    from principal.loader import load_deal
    from principal.present import formatter_for

    deal = load_deal(file)
    fmt = use_formatter(formatter_for(deal.currency, deal.locale))
    names = pick_offers(deal, offer, str(file))
    if baseline is not None:
        pick_offers(deal, [baseline], str(file), "--baseline")
    result = comparison_result(compare(deal, names, baseline))
    if as_json:
        emit_result(result)
        return
    _render_compare(result, fmt)


def _render_compare(result: ComparisonResult, fmt: Formatter) -> None:
    money = fmt.money
    offers = list(result.offers.values())
    render_comparison_switching(result.switching, fmt)
    console.print()
    table = _table("New contract by contract year (plan volumes)")
    table.add_column("")
    for name in result.offers:
        table.add_column(name, justify="right")
    years = max(len(s.years) for s in offers)
    for i in range(years):
        table.add_row(f"year {i + 1}", *[money(s.years[i].total) if i < len(s.years) else "" for s in offers])
    table.add_row("term", *[money(s.total) for s in offers], style="bold")
    table.add_row("usage share", *[fmt.share(s.usage_share) for s in offers])
    console.print(table)
    for versus in result.versus_baseline:
        console.print()
        console.print(
            f"[bold]{versus.offer}[/bold] vs {versus.baseline}: saves {money(versus.saving)} on the {versus.basis} "
            f"over the term ({', '.join(money(y) for y in versus.saving_by_year)} by year)"
        )
        lt = _table()
        lt.add_column("lever")
        lt.add_column("term", justify="right")
        for i in range(len(versus.saving_by_year)):
            lt.add_column(f"year {i + 1}", justify="right")
        for lever in versus.levers:
            lt.add_row(lever.description, money(lever.term), *[money(y) for y in lever.by_year])
        console.print(lt)
    if result.incumbent_monthly is not None:
        console.print()
        console.print(f"Incumbent: {money(result.incumbent_monthly)} a month.")
        for name, month in result.run_rate_above_incumbent_from_month.items():
            when = f"above the incumbent's from month {month}" if month else "never above the incumbent's"
            console.print(f"  {name}: monthly run rate (without one-time fees) {when}")
    for name, items in result.crossings.items():
        if items:
            steps = "; ".join(f"{c.direction} {c.against} from month {c.month}" for c in items)
            console.print(f"  {name} cumulative cost of switching: {steps}")
    for v in result.vendor_views:
        console.print(
            f"  {v.offer}: the vendor's estimate prices usage at {money(v.monthly_usage_at_vendor_estimate)} a "
            f"month, your plan at {money(v.monthly_usage_at_buyer_plan)}"
        )
    from principal.cli.terms_render import render_compare_terms

    render_compare_terms(result.terms, result.bids, fmt)
    console.print()
    render_defaults(result.switching.values())
