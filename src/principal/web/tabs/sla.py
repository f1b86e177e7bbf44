"""The SLA tab: allowed downtime per component, what credits pay against what outages cost on standard scenarios,
two offers' SLA designs side by side, and the odds of missing targets and of the chronic-failure exit firing from a
small seeded outage simulation.

Amounts are shown in the deal's currency, decimals and locale (the templates' `money` filter); the engine's
statements (chronic-failure rules) are put in words by the deal's formatter when the result is cached.
"""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Depends, Query
from starlette.requests import Request
from starlette.responses import HTMLResponse

from principal.model.deal import Deal
from principal.sla.report import sla_report
from principal.web.tab_registry import WorkspaceTab
from principal.web.tab_results import cached_json, chosen_offer
from principal.web.workspace import Workspace, open_workspace, render_tab

router = APIRouter()

RUNS = 2_000
SEED = 0
PRESET = "typical"
IMPACT_COLOUR = "#57606a"
CREDIT_COLOURS = ("#0b5cad", "#b35900")


def offers_with_sla(deal: Deal) -> list[str]:
    return [name for name, offer in deal.offers.items() if offer.sla is not None]


def default_pair(deal: Deal, names: list[str]) -> tuple[str, str]:
    """The last offer with an SLA (the latest on the table) against the baseline, or the first other one."""
    offer = names[-1]
    baseline = deal.baseline_name
    against = baseline if baseline in names and baseline != offer else next((n for n in names if n != offer), offer)
    return offer, against


def scenario_figure(comparison: dict[str, Any], designs: list[dict[str, Any]], currency: str) -> dict[str, Any]:
    names = [s["name"] for s in comparison["scenarios"]]
    data: list[dict[str, Any]] = [
        {
            "type": "bar",
            "name": "cost of the outage to you",
            "x": names,
            "y": [float(s["figures"][0]["impact"]["total"]) for s in comparison["scenarios"]],
            "marker": {"color": IMPACT_COLOUR},
        }
    ]
    for i, design in enumerate(designs):
        data.append(
            {
                "type": "bar",
                "name": f"credits under {design['offer']}",
                "x": names,
                "y": [float(s["figures"][i]["credits_paid"]) for s in comparison["scenarios"]],
                "marker": {"color": CREDIT_COLOURS[i % len(CREDIT_COLOURS)]},
            }
        )
    return {
        "data": data,
        "layout": {
            "title": {"text": "Credits against the cost of each outage scenario", "font": {"size": 16}},
            "barmode": "group",
            "xaxis": {"automargin": True, "tickangle": -15},
            "yaxis": {"title": {"text": currency}, "tickformat": ",.0f"},
            "legend": {"orientation": "h", "y": -0.35},
            "margin": {"l": 80, "r": 20, "t": 50, "b": 40},
            "height": 420,
        },
    }


@router.get("", response_class=HTMLResponse)
def sla_page(
    request: Request,
    ws: Workspace = Depends(open_workspace),
    offer: str | None = Query(default=None),
    against: str | None = Query(default=None),
) -> HTMLResponse:
    names = offers_with_sla(ws.deal)
    if not names:
        return render_tab(request, ws, "sla", "tabs/sla.html", {"names": names, "report": None})
    first, second = default_pair(ws.deal, names)
    offer_name = chosen_offer(ws, offer, names, first)
    against_name = chosen_offer(ws, against, names, second if second != offer_name else first, field="against")
    params = {"offer": offer_name, "against": against_name, "runs": RUNS, "seed": SEED, "preset": PRESET}
    report = cached_json(
        request,
        ws,
        "sla",
        params,
        lambda: sla_report(ws.deal, offer_name, simulate=RUNS, seed=SEED, preset=PRESET, against=against_name),
    )
    comparison = report["comparison"]
    distinct = against_name != offer_name
    designs = comparison["designs"] if distinct else comparison["designs"][:1]
    simulations = comparison["simulation"] if distinct else comparison["simulation"][:1]
    context = {
        "names": names,
        "report": report,
        "offer": offer_name,
        "against": against_name,
        "designs": designs,
        "simulations": simulations,
        "columns": len(designs),
        "figure": scenario_figure(comparison, designs, ws.deal.currency),
        "cur": ws.deal.currency,
        "runs": RUNS,
        "seed": SEED,
        "preset": PRESET,
    }
    return render_tab(request, ws, "sla", "tabs/sla.html", context)


TAB = WorkspaceTab(slug="sla", title="SLA", order=20, router=router, engine="principal.sla")
