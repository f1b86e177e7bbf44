"""The Strategy tab: the negotiation brief (objectives, walk-away, ZOPA, ranked asks, packages with their term cost,
alignment score and levels, counters, questions, talk track), clause drafts for an offer, and contract KPIs built
from a goals file the buyer pastes or uploads (checked against the deal's staffing and SLA).

The page gets the engines' typed results: statements are written by the deal's formatter (`fmt.html`, escaped),
amounts by the `money` filter (given the deal's locale). A version never changes and its brief takes seconds to
build, so the briefs of the last few versions viewed are kept in memory (built once however many requests ask at
the same moment).
"""

from __future__ import annotations

from functools import partial
from typing import TYPE_CHECKING, Any

from fastapi import APIRouter, Depends, Query
from starlette.datastructures import UploadFile
from starlette.requests import Request
from starlette.responses import HTMLResponse

from principal.errors import InputError
from principal.present import formatter_for
from principal.web.forms import read_form, source_with_problems, text_field
from principal.web.recently_made import RecentlyMade
from principal.web.tab_registry import WorkspaceTab
from principal.web.tab_results import chosen_offer
from principal.web.uploads import DEAL_FILES, UploadPolicy, read_upload
from principal.web.workers import bounded, off_loop
from principal.web.workspace import Workspace, get_store, open_workspace, render_tab

if TYPE_CHECKING:
    from principal.model import Deal
    from principal.strategy.kpis import KpiReport
    from principal.strategy.plan.brief import Brief

router = APIRouter()

GOALS_FILES = UploadPolicy("goals file", DEAL_FILES.extensions, 1024 * 1024, text=True)

KEEP_BRIEFS = 16
_briefs: RecentlyMade[Brief] = RecentlyMade(KEEP_BRIEFS)


def brief_of(request: Request, ws: Workspace, target: str | None = None, vendor_offer: str | None = None) -> Brief:
    """The negotiation brief of the viewed version (for the chosen target and vendor offer, else the deal's own
    roles), built once and kept for the next requests."""
    from principal.strategy.plan.brief import build_brief

    info = ws.version.info
    key = (str(get_store(request).url), info.id, info.number, info.sha256, target, vendor_offer)
    brief = partial(build_brief, target=target, vendor_offer=vendor_offer)
    return _briefs.get(key, lambda: bounded(request, "the negotiation brief", brief, ws.deal))


def _context(
    request: Request,
    ws: Workspace,
    offer: str | None,
    target: str | None = None,
    vendor_offer: str | None = None,
) -> dict[str, Any]:
    from principal.strategy.clauses import draft_clauses

    names = list(ws.deal.offers)
    name = chosen_offer(ws, offer, names, names[-1])
    chosen_target = chosen_offer(ws, target, names, "", field="target") or None
    chosen_vendor = chosen_offer(ws, vendor_offer, names, "", field="vendor_offer") or None
    fmt = formatter_for(ws.deal.currency, ws.deal.locale)
    return {
        "brief": brief_of(request, ws, chosen_target, chosen_vendor),
        "names": names,
        "offer": name,
        "drafts": draft_clauses(ws.deal, name),
        "cur": fmt.currency,
        "loc": fmt.locale,
        "fmt": fmt,
        "goals_text": "",
        "kpis": None,
        "problems": (),
        "source": None,
        "source_name": "",
        "kpi_note": None,
    }


@router.get("", response_class=HTMLResponse)
def strategy_page(
    request: Request,
    ws: Workspace = Depends(open_workspace),
    offer: str | None = Query(default=None),
    target: str | None = Query(default=None),
    vendor_offer: str | None = Query(default=None),
) -> HTMLResponse:
    context = _context(request, ws, offer, target, vendor_offer)
    return render_tab(request, ws, "strategy", "tabs/strategy.html", context)


def kpis_from_goals(text: str, filename: str, deal: Deal) -> tuple[KpiReport, str | None, str]:
    """The KPIs of the goals text, a note when the goals name an offer the deal lacks, and the offer whose remedies
    were used (computed in a worker)."""
    from principal.strategy.kpis import build_kpis, parse_goals

    goals = parse_goals(text, filename)
    names = list(deal.offers)
    linked = goals.contract.offer if goals.contract is not None else None
    offer = linked if linked in deal.offers else names[-1]
    note = (
        f"the goals name offer {linked!r}, which this deal does not have; remedies come from {offer!r}"
        if linked is not None and linked not in deal.offers
        else None
    )
    return build_kpis(goals, deal, offer), note, offer


@router.post("/kpis", response_class=HTMLResponse)
async def strategy_kpis(request: Request, ws: Workspace = Depends(open_workspace)) -> HTMLResponse:
    """KPIs from the goals given; remedies and uptime targets come from the offer the goals name (else the last)."""
    form = await read_form(request)
    text, filename = text_field(form, "goals_text"), "pasted goals"
    upload = form.get("file")
    if isinstance(upload, UploadFile) and upload.filename:
        accepted = await read_upload(upload, GOALS_FILES)
        text, filename = accepted.content.decode("utf-8-sig"), accepted.filename
    context = await off_loop(_context, request, ws, text_field(form, "offer") or None)
    context["goals_text"] = text
    try:
        if not text.strip():
            raise InputError.single(filename, "paste the goals (YAML) or choose a goals file", field="goals")
        context["kpis"], context["kpi_note"], _offer = await off_loop(
            bounded, request, f"the KPIs of {filename}", kpis_from_goals, text, filename, ws.deal, reads_input=True
        )
    except InputError as exc:
        context["problems"] = exc.problems
        context["source"] = source_with_problems(text, exc.problems)
        context["source_name"] = filename
        return render_tab(request, ws, "strategy", "tabs/strategy.html", context, status=422)
    return render_tab(request, ws, "strategy", "tabs/strategy.html", context)


TAB = WorkspaceTab(slug="strategy", title="Strategy", order=50, router=router, engine="principal.strategy")
