"""The Cost tab: the cost of switching to each offer against staying (with its simulated range and the chance
switching beats staying), each offer's annual totals and term cost, savings against the baseline by lever, the
cumulative cost of switching against staying, the simulated distribution of term cost, the vendor's volume view,
and every line item.

Every amount on the page is in the deal's currency, with its decimals (none for JPY), written by the deal's
formatter: the tables through the `money` filter (given the deal's locale), the charts' hover labels and axis ticks
as text made here by the same formatter, so no symbol or decimal count is left to Plotly.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from typing import Any

from fastapi import APIRouter, Depends, Query
from markupsafe import Markup
from starlette.requests import Request
from starlette.responses import HTMLResponse

from principal.cost.charts import cumulative_switching, term_histograms
from principal.cost.compare import compare
from principal.cost.montecarlo import simulate
from principal.cost.report import cost_report
from principal.cost.results import comparison_result, cost_result, simulated_cost
from principal.model.deal import Deal
from principal.money import Amount
from principal.present import Formatter, formatter_for
from principal.web.recently_made import RecentlyMade
from principal.web.tab_registry import WorkspaceTab
from principal.web.tab_results import cached_json, chosen_offer
from principal.web.templating import is_htmx, templates
from principal.web.workspace import Workspace, open_workspace, render_tab

router = APIRouter()

DRAWS = 5_000
SEED = 0
BINS = 40
SHAPE = 3
"""Version of the cached result's shape (typed results, amounts rounded to the currency): bumped when it changes."""
COLOURS = ("#0b5cad", "#b35900", "#116329", "#8250df", "#a40e26", "#1b7c83")
INCUMBENT_COLOUR = "#57606a"
TICKS = 5


def cost_results(deal: Deal) -> dict[str, object]:
    """Everything the page shows, from the cost engine: schedules, comparison, budget, simulation, chart series."""
    cur = deal.currency
    comparison = compare(deal)
    simulations = [simulate(deal, name, DRAWS, SEED) for name in deal.offers]
    series = cumulative_switching(deal, comparison.switching)
    return {
        "currency": cur,
        "comparison": comparison_result(comparison),
        "report": cost_result(cost_report(deal)),
        "simulations": [simulated_cost(s, cur) for s in simulations],
        "histograms": [
            {"offer": h.offer, "draws": h.draws, "centres": h.centres, "counts": h.counts, "edges": h.edges}
            for h in term_histograms(simulations, BINS)
        ],
        "cumulative": {
            "months": series.months,
            "offers": {name: [Amount(v, cur) for v in values] for name, values in series.offers.items()},
            "incumbent": None if series.incumbent is None else [Amount(v, cur) for v in series.incumbent],
        },
    }


def _step(span: float) -> float:
    """A round tick step (1, 2, 2.5 or 5 times a power of ten) giving about TICKS ticks over `span`."""
    raw = span / TICKS if span > 0 else 1.0
    power = 10.0 ** math.floor(math.log10(raw))
    return next((f * power for f in (1.0, 2.0, 2.5, 5.0) if raw <= f * power), 10 * power)


def money_axis(fmt: Formatter, low: float, high: float, title: str) -> dict[str, Any]:
    """An axis from `low` to `high` whose tick labels are amounts written by the deal's formatter (whole units)."""
    step = _step(high - low)
    first = math.ceil(low / step)
    ticks = [k * step for k in range(first, math.floor(high / step) + 1)] or [low]
    return {
        "title": {"text": title},
        "tickmode": "array",
        "tickvals": ticks,
        "ticktext": [fmt.money(t, whole=True) for t in ticks],
    }


def _layout(title: str, x_axis: dict[str, Any], y_axis: dict[str, Any]) -> dict[str, Any]:
    return {
        "title": {"text": title, "font": {"size": 16}},
        "xaxis": x_axis,
        "yaxis": y_axis,
        "legend": {"orientation": "h", "y": -0.2},
        "margin": {"l": 100, "r": 20, "t": 50, "b": 40},
        "height": 380,
    }


def _line(name: str, values: Sequence[str], fmt: Formatter, style: dict[str, Any]) -> dict[str, Any]:
    return {
        "type": "scatter",
        "mode": "lines",
        "name": name,
        "x": list(range(1, len(values) + 1)),
        "y": [float(v) for v in values],
        "customdata": [fmt.money(v) for v in values],
        "line": style,
        "hovertemplate": "month %{x}: %{customdata}<extra>" + name + "</extra>",
    }


def cumulative_figure(results: dict[str, Any], fmt: Formatter) -> dict[str, Any]:
    series = results["cumulative"]
    data = [
        _line(name, values, fmt, {"color": COLOURS[i % len(COLOURS)], "width": 2})
        for i, (name, values) in enumerate(series["offers"].items())
    ]
    if series["incumbent"] is not None:
        data.append(_line("staying", series["incumbent"], fmt, {"color": INCUMBENT_COLOUR, "width": 2, "dash": "dash"}))
    ys = [y for trace in data for y in trace["y"]]
    y_axis = money_axis(fmt, min(0.0, *ys) if ys else 0.0, max(ys, default=0.0), fmt.currency)
    x_axis = {"title": {"text": "contract month"}}
    return {"data": data, "layout": _layout("Cumulative cost of switching at plan volumes", x_axis, y_axis)}


def distribution_figure(results: dict[str, Any], fmt: Formatter) -> dict[str, Any]:
    histograms = results["histograms"]
    data = [
        {
            "type": "bar",
            "name": h["offer"],
            "x": h["centres"],
            "y": h["counts"],
            "customdata": [fmt.money(c, whole=True) for c in h["centres"]],
            "opacity": 0.6,
            "marker": {"color": COLOURS[i % len(COLOURS)]},
            "hovertemplate": "about %{customdata}: %{y} draws<extra>" + h["offer"] + "</extra>",
        }
        for i, h in enumerate(histograms)
    ]
    edges = [e for h in histograms for e in h["edges"]]
    x_axis = money_axis(fmt, min(edges, default=0.0), max(edges, default=1.0), f"term cost ({fmt.currency})")
    layout = _layout("Simulated term cost", x_axis, {"title": {"text": "draws"}})
    layout["barmode"] = "overlay"
    layout["bargap"] = 0
    return {"data": data, "layout": layout}


KEEP_BODIES = 32
_bodies: RecentlyMade[Markup] = RecentlyMade(KEEP_BODIES)
"""The Cost tab's body (tables and charts) per version, drawn from the cached results once, not on every view."""


def results_for(request: Request, ws: Workspace) -> dict[str, Any]:
    params = {"draws": DRAWS, "seed": SEED, "bins": BINS, "shape": SHAPE}
    found: dict[str, Any] = cached_json(request, ws, "cost", params, lambda: cost_results(ws.deal))
    return found


def _formatter(ws: Workspace) -> Formatter:
    return formatter_for(ws.deal.currency, ws.deal.locale)


def body_key(request: Request, ws: Workspace) -> tuple[object, ...]:
    """What the body depends on: the version (its results never change), whether it is the latest (its links keep
    the version otherwise), the deal's currency and locale, and the settings of the analysis."""
    fmt = _formatter(ws)
    store = str(request.app.state.store.url)
    return (store, ws.version.info.id, ws.number, ws.is_latest, fmt.currency, fmt.locale, DRAWS, SEED, BINS, SHAPE)


def _body(request: Request, ws: Workspace) -> Markup:
    results = results_for(request, ws)
    fmt = _formatter(ws)
    comparison = results["comparison"]
    context = {
        "ws": ws,
        "results": results,
        "cur": fmt.currency,
        "loc": fmt.locale,
        "years": max(len(o["years"]) for o in comparison["offers"].values()),
        "report": {o["offer"]: o for o in results["report"]["offers"]},
        "sims": {s["offer"]: s for s in results["simulations"]},
        "cumulative_figure": cumulative_figure(results, fmt),
        "distribution_figure": distribution_figure(results, fmt),
        "draws": fmt.number(DRAWS),
        "seed": SEED,
    }
    return Markup(templates.env.get_template("tabs/_cost_body.html").render(context))


@router.get("", response_class=HTMLResponse)
def cost_page(request: Request, ws: Workspace = Depends(open_workspace)) -> HTMLResponse:
    body = _bodies.get(body_key(request, ws), lambda: _body(request, ws))
    return render_tab(request, ws, "cost", "tabs/cost.html", {"body": body})


@router.get("/lines", response_class=HTMLResponse)
def cost_lines(
    request: Request, ws: Workspace = Depends(open_workspace), offer: str | None = Query(default=None)
) -> HTMLResponse:
    names = list(ws.deal.offers)
    name = chosen_offer(ws, offer, names, names[0])
    found = cached_json(
        request,
        ws,
        "cost-lines",
        {"offer": name, "shape": SHAPE},
        lambda: cost_result(cost_report(ws.deal, [name]), lines=True),
    )
    entry = found["offers"][0]
    fmt = _formatter(ws)
    template = "tabs/_cost_lines.html" if is_htmx(request) else "tabs/cost_lines.html"
    context = {"entry": entry, "cur": fmt.currency, "loc": fmt.locale, "offer": name}
    return render_tab(request, ws, "cost", template, context)


TAB = WorkspaceTab(slug="cost", title="Cost", order=10, router=router, engine="principal.cost")
