"""Workspace tabs contributed by engines: each is a module in `principal.web.tabs` that defines `TAB`.

A tab module imports its engine at the top. When the engine is not installed (its module cannot be found) the tab
is left out and the reason noted; any other error in a tab module is a bug and stops the app from starting.

    # src/principal/web/tabs/cost.py
    from fastapi import APIRouter, Depends
    from principal.cost import cost_report                  # the engine; missing -> no Cost tab
    from principal.web.tab_registry import WorkspaceTab
    from principal.web.workspace import Workspace, open_workspace, render_tab

    router = APIRouter()

    @router.get("")
    def cost_page(request: Request, ws: Workspace = Depends(open_workspace)) -> HTMLResponse:
        return render_tab(request, ws, "cost", "tabs/cost.html", {"report": cost_report(ws.deal)})

    TAB = WorkspaceTab(slug="cost", title="Cost", order=10, router=router, engine="principal.cost")

The template (templates/tabs/cost.html) starts with {% extends "workspace.html" %} and fills {% block tab %}; for
charts it adds {% block head %} with /static/vendor/plotly-basic.min.js and /static/charts.js and embeds each figure as
<div data-figure="ID"></div><script type="application/json" id="ID">{{ figure|tojson }}</script> (tojson, not
plain {{ }}: HTML escaping would corrupt JSON inside a script element).
"""

from __future__ import annotations

import importlib
import logging
import pkgutil
import re
from dataclasses import dataclass

from fastapi import APIRouter

log = logging.getLogger("principal.web")

TAB_PACKAGE = "principal.web.tabs"
SLUG = re.compile(r"^[a-z][a-z0-9-]{0,30}$")
RESERVED = frozenset({"offers", "history", "diff", "versions", "yaml"})


@dataclass(frozen=True)
class WorkspaceTab:
    """A page of the deal workspace, served under /deals/{deal_id}/{slug} by its own router."""

    slug: str
    title: str
    order: int
    router: APIRouter
    engine: str

    def __post_init__(self) -> None:
        if not SLUG.match(self.slug) or self.slug in RESERVED:
            raise ValueError(
                f"tab slug {self.slug!r} must be lower-case letters, digits and '-', not {sorted(RESERVED)}"
            )


@dataclass(frozen=True)
class TabDiscovery:
    tabs: tuple[WorkspaceTab, ...]
    missing: tuple[str, ...]


def discover_tabs(package: str = TAB_PACKAGE) -> TabDiscovery:
    """Import every tab module in `package`; keep those whose engine imports, ordered by `order` then title."""
    root = importlib.import_module(package)
    tabs: list[WorkspaceTab] = []
    missing: list[str] = []
    for info in sorted(pkgutil.iter_modules(root.__path__), key=lambda m: m.name):
        name = f"{package}.{info.name}"
        try:
            module = importlib.import_module(name)
        except ModuleNotFoundError as exc:
            absent = exc.name or ""
            if absent == name or absent.startswith(("principal.web", "fastapi", "starlette")) or not absent:
                raise
            missing.append(f"{info.name}: needs {absent}, which is not installed")
            log.info("workspace tab %s left out: %s is not installed", info.name, absent)
            continue
        tab = getattr(module, "TAB", None)
        if not isinstance(tab, WorkspaceTab):
            raise TypeError(f"{name} must define TAB = WorkspaceTab(...)")
        tabs.append(tab)
    slugs = [tab.slug for tab in tabs]
    if len(set(slugs)) != len(slugs):
        raise ValueError(f"two workspace tabs share a slug: {slugs}")
    return TabDiscovery(tuple(sorted(tabs, key=lambda t: (t.order, t.title))), tuple(missing))
