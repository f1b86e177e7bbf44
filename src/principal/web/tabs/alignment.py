"""The Alignment tab: the scorecard of every offer side by side, and for one offer the stress tests in dollars,
the incentive tests, when fees fall due, the checklist and the questions to ask the vendor."""

from __future__ import annotations

from fastapi import APIRouter, Depends, Query
from starlette.requests import Request
from starlette.responses import HTMLResponse

from principal.align.report import align, alignment_summary, compare_alignment
from principal.model.deal import Deal
from principal.web.tab_registry import WorkspaceTab
from principal.web.tab_results import cached_json, chosen_offer
from principal.web.workspace import Workspace, open_workspace, render_tab

router = APIRouter()


def alignment_results(deal: Deal) -> dict[str, object]:
    reports = [align(deal, name) for name in deal.offers]
    return {
        "offers": [alignment_summary(r) for r in reports],
        "compare": [{"area": a.area, "ratings": a.ratings, "exposure": a.exposure} for a in compare_alignment(reports)],
    }


@router.get("", response_class=HTMLResponse)
def alignment_page(
    request: Request, ws: Workspace = Depends(open_workspace), offer: str | None = Query(default=None)
) -> HTMLResponse:
    names = list(ws.deal.offers)
    name = chosen_offer(ws, offer, names, names[-1])
    results = cached_json(request, ws, "align", {}, lambda: alignment_results(ws.deal))
    detail = next(o for o in results["offers"] if o["offer"] == name)
    context = {"names": names, "offer": name, "compare": results["compare"], "d": detail, "cur": ws.deal.currency}
    return render_tab(request, ws, "alignment", "tabs/alignment.html", context)


TAB = WorkspaceTab(slug="alignment", title="Alignment", order=30, router=router, engine="principal.align")
