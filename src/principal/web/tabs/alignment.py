"""The Alignment tab: the scorecard of every offer side by side, and for one offer the stress tests in the deal's
currency, the incentive tests, when fees fall due, the checklist and the questions to ask the vendor.

The page renders the engine's typed result (amounts through the `money` filter, statements through the deal's
formatter, escaped); the version's result is also stored as JSON, once, like every engine tab's.
"""

from __future__ import annotations

from fastapi import APIRouter, Depends, Query
from starlette.requests import Request
from starlette.responses import HTMLResponse

from principal.align.report import Alignment, align_offers
from principal.model.deal import Deal
from principal.present import formatter_for
from principal.web.recently_made import RecentlyMade
from principal.web.tab_registry import WorkspaceTab
from principal.web.tab_results import cached_json, chosen_offer
from principal.web.workers import bounded
from principal.web.workspace import Workspace, open_workspace, render_tab

router = APIRouter()

_typed: RecentlyMade[Alignment] = RecentlyMade(16)
"""The typed results of the most recently viewed versions (statements need their typed figures to be written)."""


def alignment_results(deal: Deal) -> Alignment:
    return align_offers(deal, list(deal.offers))


def _results(request: Request, ws: Workspace) -> Alignment:
    key = (str(request.app.state.store.url), ws.version.info.id)
    result = _typed.get(key, lambda: bounded(request, "the alignment analysis", alignment_results, ws.deal))
    cached_json(request, ws, "align", {}, lambda: result)
    return result


@router.get("", response_class=HTMLResponse)
def alignment_page(
    request: Request, ws: Workspace = Depends(open_workspace), offer: str | None = Query(default=None)
) -> HTMLResponse:
    names = list(ws.deal.offers)
    name = chosen_offer(ws, offer, names, names[-1])
    results = _results(request, ws)
    detail = next(o for o in results.offers if o.offer == name)
    context = {
        "names": names,
        "offer": name,
        "compare": results.compare,
        "d": detail,
        "cur": ws.deal.currency,
        "fmt": formatter_for(ws.deal.currency, ws.deal.locale),
    }
    return render_tab(request, ws, "alignment", "tabs/alignment.html", context)


TAB = WorkspaceTab(slug="alignment", title="Alignment", order=30, router=router, engine="principal.align")
