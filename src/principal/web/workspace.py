"""What every workspace page needs: the deal's version being viewed, the tab bar, and cached engine results.

Engine tabs use `open_workspace` as a dependency and `render_tab` to draw inside the workspace layout.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any
from urllib.parse import urlencode

from fastapi import Path, Query
from starlette.requests import Request
from starlette.responses import HTMLResponse

from principal.model import Deal
from principal.store import analyses, deals
from principal.store.database import Store
from principal.store.records import DealSummary, StoredVersion
from principal.web.tab_registry import WorkspaceTab
from principal.web.templating import render
from principal.web.workers import bounded, deal_parser


@dataclass(frozen=True)
class Workspace:
    """One deal at one version, validated: what a workspace page shows."""

    summary: DealSummary
    version: StoredVersion
    deal: Deal

    @property
    def deal_id(self) -> int:
        return self.summary.id

    @property
    def number(self) -> int:
        return self.version.info.number

    @property
    def is_latest(self) -> bool:
        return self.version.info.number == self.summary.latest_number

    def href(self, path: str = "") -> str:
        """A link inside this deal's workspace that keeps the viewed version."""
        base = f"/deals/{self.deal_id}{path}"
        return base if self.is_latest else f"{base}?v={self.number}"

    def link(self, path: str, **query: str) -> str:
        """Like `href`, with query parameters (an offer to show, say) added after the version."""
        params = {} if self.is_latest else {"v": str(self.number)}
        params.update({key: value for key, value in query.items() if value})
        base = f"/deals/{self.deal_id}{path}"
        return f"{base}?{urlencode(params)}" if params else base


@dataclass(frozen=True)
class NavTab:
    slug: str
    title: str
    href: str


def get_store(request: Request) -> Store:
    store: Store = request.app.state.store
    return store


def open_workspace(request: Request, deal_id: int, v: int | None = Query(default=None, ge=1)) -> Workspace:
    """Dependency: the deal `deal_id` at version `v` (latest when absent)."""
    store = get_store(request)
    summary = deals.get_deal(store, deal_id)
    stored, model = deals.load_version(store, deal_id, v, parse=deal_parser(request))
    return Workspace(summary, stored, model)


def open_version(request: Request, deal_id: int, number: int = Path(ge=1)) -> Workspace:
    """Dependency for the JSON API: the deal `deal_id` at version `number`, which must exist."""
    store = get_store(request)
    summary = deals.get_deal(store, deal_id)
    stored, model = deals.load_version(store, deal_id, number, parse=deal_parser(request))
    return Workspace(summary, stored, model)


def nav_tabs(request: Request, ws: Workspace) -> list[NavTab]:
    engine_tabs: tuple[WorkspaceTab, ...] = request.app.state.tabs
    out = [NavTab("offers", "Offers", ws.href())]
    out.extend(NavTab(tab.slug, tab.title, ws.href(f"/{tab.slug}")) for tab in engine_tabs)
    out.append(NavTab("history", "History", f"/deals/{ws.deal_id}/history"))
    out.append(NavTab("comments", "Comments", f"/deals/{ws.deal_id}/comments"))
    return out


def render_tab(
    request: Request,
    ws: Workspace,
    active: str,
    template: str,
    context: Mapping[str, Any] | None = None,
    *,
    status: int = 200,
) -> HTMLResponse:
    """A page inside the workspace layout (templates extend "workspace.html") with tab `active` highlighted."""
    tabs = nav_tabs(request, ws)
    title = next((tab.title for tab in tabs if tab.slug == active), "Deal")
    values: dict[str, Any] = {"ws": ws, "tabs": tabs, "active": active, "page_title": title}
    values.update(context or {})
    return render(request, template, values, status=status)


def cached_result(
    request: Request,
    ws: Workspace,
    engine: str,
    engine_version: str,
    params: Mapping[str, object],
    compute: Callable[[], str],
) -> str:
    """An engine's JSON result for the viewed version, computed once per version and settings (in a worker, within
    the request's budgets: see workers.py)."""

    def in_worker() -> str:
        return bounded(request, f"the {engine} analysis of version {ws.number}", compute)

    return analyses.analysis(get_store(request), ws.version.info.id, engine, engine_version, params, in_worker)
