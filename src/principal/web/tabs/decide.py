"""The Decide tab: every offer side by side (term cost, all-in cost per agent per month, percent off list, fixed
share, vendor), and what-if sliders on volume, seats and price that cost the offers again at once.

The side-by-side figures are the Cost tab's own (the same cached engine results); the what-if runs the cost engine
on the moved inputs. A sensitivity chart appears when the deal's valuation gives one.
"""

from __future__ import annotations

from decimal import Decimal
from functools import partial
from typing import Any

from fastapi import APIRouter, Depends, Query
from starlette.requests import Request
from starlette.responses import HTMLResponse

from principal.web.offer_colours import offer_classes
from principal.web.sensitivity import sensitivity_context
from principal.web.tab_registry import WorkspaceTab
from principal.web.tabs.cost import results_for
from principal.web.templating import is_htmx
from principal.web.what_if import LIMITS, WhatIf, costed, what_if
from principal.web.workers import bounded
from principal.web.workspace import Workspace, open_workspace, render_tab

router = APIRouter()


def _bounded(name: str, value: int) -> int:
    low, high = LIMITS[name]
    return max(low, min(high, value))


def _side_by_side(results: dict[str, Any]) -> list[dict[str, Any]]:
    comparison = results["comparison"]
    rows = []
    for name, schedule in comparison["offers"].items():
        terms = comparison.get("terms", {}).get(name)
        unit = terms["unit_prices"] if terms else None
        rows.append(
            {
                "offer": name,
                "vendor": terms.get("vendor") if terms else None,
                "term_months": schedule["term_months"],
                "total": schedule["total"],
                "per_agent_month": unit["per_agent_month"] if unit else None,
                "switching_per_agent_month": unit.get("switching_per_agent_month") if unit else None,
                "percent_off_list": unit.get("percent_off_list") if unit else None,
                "fixed_share": unit.get("fixed_share") if unit else None,
            }
        )
    return rows


def _planned(rows: list[dict[str, Any]]) -> dict[str, Decimal]:
    """Each offer's planned term cost: the Cost tab's figure for the version (cached), not computed again."""
    return {row["offer"]: Decimal(row["total"]) for row in rows}


def _costed(request: Request, ws: Workspace, plan: dict[str, Decimal], volume: int, seats: int, price: int) -> WhatIf:
    what = f"the what-if at {volume}% volumes, {seats}% seats, {price}% prices"
    return bounded(request, what, costed, ws.deal, plan, volume, seats, price)


@router.get("", response_class=HTMLResponse)
def decide(
    request: Request,
    ws: Workspace = Depends(open_workspace),
    volume: int = Query(default=100),
    seats: int = Query(default=100),
    price: int = Query(default=100),
) -> HTMLResponse:
    settings = {
        "volume": _bounded("volume", volume),
        "seats": _bounded("seats", seats),
        "price": _bounded("price", price),
    }
    rows = _side_by_side(results_for(request, ws))
    plan = _planned(rows)
    result = what_if(ws.version.info.sha256, partial(_costed, request, ws, plan), **settings)
    context: dict[str, Any] = {"what_if": result, "limits": LIMITS, "colours": offer_classes(ws.deal.offers)}
    if is_htmx(request):
        return render_tab(request, ws, "decide", "tabs/_what_if.html", context)
    context.update({"rows": rows, "any_switching": any(r["switching_per_agent_month"] for r in rows)})
    return render_tab(request, ws, "decide", "tabs/decide.html", context)


@router.get("/sensitivity", response_class=HTMLResponse)
def sensitivity(request: Request, ws: Workspace = Depends(open_workspace)) -> HTMLResponse:
    """The tornado of the valuation against the baseline offer: a fragment for the Decide page, or a page."""
    reference = results_for(request, ws)["comparison"]["baseline"]
    context = sensitivity_context(request, ws, reference)
    template = "tabs/_sensitivity.html" if is_htmx(request) else "tabs/sensitivity.html"
    return render_tab(request, ws, "decide", template, context)


TAB = WorkspaceTab(slug="decide", title="Decide", order=15, router=router, engine="principal.cost")
