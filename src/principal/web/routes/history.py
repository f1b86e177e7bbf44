"""Version history: every saved version with who, when and why; differences between any two; YAML of each."""

from __future__ import annotations

import re

from fastapi import APIRouter, Depends, Query
from starlette.requests import Request
from starlette.responses import HTMLResponse, Response

from principal.store import deals
from principal.store.diff import diff_versions
from principal.web.templating import is_htmx
from principal.web.workers import bounded
from principal.web.workspace import Workspace, get_store, open_workspace, render_tab

router = APIRouter()


@router.get("/deals/{deal_id}/history", response_class=HTMLResponse)
def history(request: Request, ws: Workspace = Depends(open_workspace)) -> HTMLResponse:
    versions = deals.list_versions(get_store(request), ws.deal_id)
    return render_tab(request, ws, "history", "history.html", {"versions": versions})


@router.get("/deals/{deal_id}/diff", response_class=HTMLResponse)
def diff_page(
    request: Request,
    deal_id: int,
    old: int = Query(ge=1),
    new: int = Query(ge=1),
    ws: Workspace = Depends(open_workspace),
) -> HTMLResponse:
    store = get_store(request)
    older, newer = deals.get_version(store, deal_id, old), deals.get_version(store, deal_id, new)
    result = bounded(request, f"comparing versions {old} and {new}", diff_versions, older, newer)
    versions = deals.list_versions(store, deal_id)
    template = "_diff.html" if is_htmx(request) else "diff.html"
    return render_tab(request, ws, "history", template, {"diff": result, "versions": versions})


def yaml_filename(name: str, number: int) -> str:
    slug = re.sub(r"[^a-z0-9]+", "-", name.lower()).strip("-")[:60] or "deal"
    return f"{slug}-v{number}.yaml"


@router.get("/deals/{deal_id}/versions/{number}/deal.yaml", response_model=None)
def version_yaml(request: Request, deal_id: int, number: int) -> Response:
    store = get_store(request)
    summary = deals.get_deal(store, deal_id)
    stored = deals.get_version(store, deal_id, number)
    filename = yaml_filename(summary.name, number)
    return Response(
        stored.yaml_text.encode("utf-8"),
        media_type="application/yaml; charset=utf-8",
        headers={"content-disposition": f'attachment; filename="{filename}"'},
    )
