"""Engine tabs plug into the workspace: a tab module whose engine imports appears; one whose engine is missing
does not (and is noted); a broken tab module stops the app from starting."""

from __future__ import annotations

import importlib
import sys
import textwrap
from collections.abc import Iterator
from pathlib import Path

import pytest

from principal.store.database import Store
from principal.web.tab_registry import discover_tabs
from tests.web.conftest import WebClient, make_client

PAGE = """
from fastapi import APIRouter, Depends
from starlette.requests import Request
from starlette.responses import HTMLResponse

from principal.web.tab_registry import WorkspaceTab
from principal.web.workspace import Workspace, open_workspace, render_tab
{engine_import}

router = APIRouter()


@router.get("", response_class=HTMLResponse)
def page(request: Request, ws: Workspace = Depends(open_workspace)) -> HTMLResponse:
    return render_tab(request, ws, "{slug}", "offers.html", {{"saved": None}})


TAB = WorkspaceTab(slug="{slug}", title="{title}", order={order}, router=router, engine="{engine}")
"""


def write_tab_package(root: Path, name: str, modules: dict[str, str]) -> None:
    package = root / name
    package.mkdir()
    (package / "__init__.py").write_text("")
    for module, source in modules.items():
        (package / f"{module}.py").write_text(textwrap.dedent(source))


@pytest.fixture
def tab_root(tmp_path: Path) -> Iterator[Path]:
    sys.path.insert(0, str(tmp_path))
    yield tmp_path
    sys.path.remove(str(tmp_path))
    for name in [m for m in sys.modules if m.startswith("fake_tabs")]:
        del sys.modules[name]


def test_every_shipped_tab_is_found_because_every_engine_ships_with_principal() -> None:
    found = discover_tabs()
    assert [(t.slug, t.engine) for t in found.tabs] == [
        ("cost", "principal.cost"),
        ("decide", "principal.cost"),
        ("sla", "principal.sla"),
        ("alignment", "principal.align"),
        ("review", "principal.review"),
        ("strategy", "principal.strategy"),
        ("rehearse", "principal.rehearse"),
        ("signed", "principal.signed"),
        ("exports", "principal.reports.formats"),
    ]
    assert found.missing == ()
    for tab in found.tabs:
        importlib.import_module(tab.engine)


def test_a_tab_appears_when_its_engine_imports_and_not_otherwise(
    tab_root: Path, sqlite_store: Store, seed_text: str
) -> None:
    write_tab_package(
        tab_root,
        "fake_tabs_ok",
        {
            "checks": PAGE.format(engine_import="import json", slug="checks", title="Checks", order=20, engine="json"),
            "alpha": PAGE.format(engine_import="import csv", slug="alpha", title="Alpha", order=10, engine="csv"),
            "costs": PAGE.format(
                engine_import="import principal.no_such_engine",
                slug="costs",
                title="Cost",
                order=5,
                engine="principal.no_such_engine",
            ),
        },
    )
    found = discover_tabs("fake_tabs_ok")
    assert [t.slug for t in found.tabs] == ["alpha", "checks"]
    assert found.missing == ("costs: needs principal.no_such_engine, which is not installed",)
    web = WebClient(make_client(sqlite_store, tab_package="fake_tabs_ok"))
    web.post_form("/deals", {"yaml_text": seed_text, "author": "ana"})
    page = web.client.get("/deals/1/alpha")
    assert page.status_code == 200
    nav = page.text.split('<nav class="tabs"', 1)[1].split("</nav>", 1)[0]
    assert [line.strip() for line in nav.splitlines() if "<li>" in line] == [
        '<li><a href="/deals/1">Offers</a></li>',
        '<li><a href="/deals/1/alpha" aria-current="page">Alpha</a></li>',
        '<li><a href="/deals/1/checks">Checks</a></li>',
        '<li><a href="/deals/1/history">History</a></li>',
        '<li><a href="/deals/1/comments">Comments</a></li>',
    ]
    assert web.client.get("/deals/1/costs").status_code == 404
    assert web.client.get("/deals/1/alpha?v=1").status_code == 200
    assert web.client.get("/deals/7/alpha").status_code == 404


def test_a_broken_tab_module_is_an_error_not_a_missing_tab(tab_root: Path) -> None:
    write_tab_package(
        tab_root,
        "fake_tabs_broken",
        {
            "bad": PAGE.format(
                engine_import="from principal.web.workspace import nothing_here",
                slug="bad",
                title="Bad",
                order=1,
                engine="json",
            )
        },
    )
    with pytest.raises(ImportError, match="nothing_here"):
        discover_tabs("fake_tabs_broken")


def test_a_tab_may_not_take_a_built_in_slug() -> None:
    from fastapi import APIRouter

    from principal.web.tab_registry import WorkspaceTab

    with pytest.raises(ValueError, match="tab slug 'history'"):
        WorkspaceTab(slug="history", title="History", order=1, router=APIRouter(), engine="json")
