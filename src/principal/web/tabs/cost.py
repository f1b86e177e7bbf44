"""The Cost tab: each offer's annual totals and term cost, savings against the baseline by lever, cumulative cost
against the incumbent, the simulated distribution of term cost, the vendor's volume view, and every line item."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Depends, Query
from starlette.requests import Request
from starlette.responses import HTMLResponse

from principal.cost.charts import cumulative_costs, term_histograms
from principal.cost.compare import compare, comparison_summary
from principal.cost.montecarlo import simulate
from principal.cost.report import cost_report, cost_summary
from principal.model.deal import Deal
from principal.web.tab_registry import WorkspaceTab
from principal.web.tab_results import cached_json, chosen_offer
from principal.web.templating import is_htmx
from principal.web.workspace import Workspace, open_workspace, render_tab

router = APIRouter()

DRAWS = 5_000
SEED = 0
BINS = 40
COLOURS = ("#0b5cad", "#b35900", "#116329", "#8250df", "#a40e26", "#1b7c83")
INCUMBENT_COLOUR = "#57606a"


def cost_results(deal: Deal) -> dict[str, object]:
    """Everything the page shows, from the cost engine: schedules, comparison, budget, simulation, chart series."""
    comparison = compare(deal)
    simulations = [simulate(deal, name, DRAWS, SEED) for name in deal.offers]
    series = cumulative_costs(deal, comparison.schedules)
    return {
        "comparison": comparison_summary(comparison),
        "report": cost_summary(cost_report(deal)),
        "simulations": [s.summary() for s in simulations],
        "histograms": [
            {"offer": h.offer, "draws": h.draws, "centres": h.centres, "counts": h.counts, "edges": h.edges}
            for h in term_histograms(simulations, BINS)
        ],
        "cumulative": {"months": series.months, "offers": series.offers, "incumbent": series.incumbent},
    }


def _layout(title: str, x_title: str, y_title: str, currency: str) -> dict[str, Any]:
    return {
        "title": {"text": title, "font": {"size": 16}},
        "xaxis": {"title": {"text": x_title}},
        "yaxis": {"title": {"text": y_title}, "tickprefix": "$" if currency == "USD" else "", "tickformat": ",.0f"},
        "legend": {"orientation": "h", "y": -0.2},
        "margin": {"l": 80, "r": 20, "t": 50, "b": 40},
        "height": 380,
    }


def cumulative_figure(results: dict[str, Any], currency: str) -> dict[str, Any]:
    series = results["cumulative"]
    data = [
        {
            "type": "scatter",
            "mode": "lines",
            "name": name,
            "x": list(range(1, len(values) + 1)),
            "y": [float(v) for v in values],
            "line": {"color": COLOURS[i % len(COLOURS)], "width": 2},
            "hovertemplate": "month %{x}: %{y:,.2f}<extra>" + name + "</extra>",
        }
        for i, (name, values) in enumerate(series["offers"].items())
    ]
    if series["incumbent"] is not None:
        data.append(
            {
                "type": "scatter",
                "mode": "lines",
                "name": "incumbent",
                "x": list(range(1, len(series["incumbent"]) + 1)),
                "y": [float(v) for v in series["incumbent"]],
                "line": {"color": INCUMBENT_COLOUR, "width": 2, "dash": "dash"},
                "hovertemplate": "month %{x}: %{y:,.2f}<extra>incumbent</extra>",
            }
        )
    return {"data": data, "layout": _layout("Cumulative cost at plan volumes", "contract month", currency, currency)}


def distribution_figure(results: dict[str, Any], currency: str) -> dict[str, Any]:
    data = [
        {
            "type": "bar",
            "name": h["offer"],
            "x": h["centres"],
            "y": h["counts"],
            "opacity": 0.6,
            "marker": {"color": COLOURS[i % len(COLOURS)]},
            "hovertemplate": "about %{x:,.0f}: %{y} draws<extra>" + h["offer"] + "</extra>",
        }
        for i, h in enumerate(results["histograms"])
    ]
    layout = _layout("Simulated term cost", f"term cost ({currency})", "draws", currency)
    layout["barmode"] = "overlay"
    layout["bargap"] = 0
    layout["xaxis"]["tickformat"] = ",.0f"
    layout["yaxis"] = {"title": {"text": "draws"}}
    return {"data": data, "layout": layout}


def results_for(request: Request, ws: Workspace) -> dict[str, Any]:
    found: dict[str, Any] = cached_json(
        request, ws, "cost", {"draws": DRAWS, "seed": SEED, "bins": BINS}, lambda: cost_results(ws.deal)
    )
    return found


@router.get("", response_class=HTMLResponse)
def cost_page(request: Request, ws: Workspace = Depends(open_workspace)) -> HTMLResponse:
    results = results_for(request, ws)
    currency = ws.deal.currency
    comparison = results["comparison"]
    years = max(len(o["years"]) for o in comparison["offers"].values())
    context = {
        "results": results,
        "cur": currency,
        "years": years,
        "report": {o["offer"]: o for o in results["report"]["offers"]},
        "sims": {s["offer"]: s for s in results["simulations"]},
        "cumulative_figure": cumulative_figure(results, currency),
        "distribution_figure": distribution_figure(results, currency),
        "draws": DRAWS,
        "seed": SEED,
    }
    return render_tab(request, ws, "cost", "tabs/cost.html", context)


@router.get("/lines", response_class=HTMLResponse)
def cost_lines(
    request: Request, ws: Workspace = Depends(open_workspace), offer: str | None = Query(default=None)
) -> HTMLResponse:
    names = list(ws.deal.offers)
    name = chosen_offer(ws, offer, names, names[0])
    found = cached_json(
        request, ws, "cost-lines", {"offer": name}, lambda: cost_summary(cost_report(ws.deal, [name]), lines=True)
    )
    entry = found["offers"][0]
    template = "tabs/_cost_lines.html" if is_htmx(request) else "tabs/cost_lines.html"
    return render_tab(request, ws, "cost", template, {"entry": entry, "cur": ws.deal.currency, "offer": name})


TAB = WorkspaceTab(slug="cost", title="Cost", order=10, router=router, engine="principal.cost")
