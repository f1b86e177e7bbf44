"""End to end in Debian's headless chromium, driven by Playwright (no browser is ever downloaded)."""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from tests.conftest import SEED
from tests.web.live_server import HANG_GUARD_SECONDS, live_server

BROWSER_HANG_GUARD_MS = int(HANG_GUARD_SECONDS * 1000 / 3)
CHROMIUM = Path("/usr/bin/chromium")
REVIEW_FIXTURE = Path(__file__).resolve().parent.parent / "fixtures" / "review" / "ccaas-order-form.docx"
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]

pytestmark = [
    pytest.mark.browser,
    pytest.mark.skipif(not CHROMIUM.exists(), reason="Debian chromium is not installed (bash scripts/setup --dev)"),
]


@pytest.fixture(scope="module")
def chromium() -> Iterator[Any]:
    from playwright.sync_api import expect, sync_playwright

    # Playwright waits for readiness (an element, a URL, a text) and gives up after its timeout; make that a hang
    # guard a loaded machine cannot reach, not a speed assertion (benchmarks/bench_web.py times the pages).
    expect.set_options(timeout=BROWSER_HANG_GUARD_MS)
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        yield browser
        browser.close()


@pytest.fixture
def server(tmp_path: Path) -> Iterator[str]:
    with live_server(tmp_path / "principal.db") as base:
        yield base


@pytest.fixture
def page(chromium: Any, server: str) -> Iterator[Any]:
    """A fresh page that records every request it makes and every console error."""
    context = chromium.new_context(base_url=server)
    tab = context.new_page()
    tab.set_default_timeout(BROWSER_HANG_GUARD_MS)
    tab.requests = []
    tab.console_errors = []
    tab.on("request", lambda request: tab.requests.append(request.url))
    tab.on("console", lambda message: message.type == "error" and tab.console_errors.append(message.text))
    yield tab
    context.close()


def test_import_edit_a_price_and_see_the_history(page: Any, server: str) -> None:
    from playwright.sync_api import expect

    page.goto("/deals/new")
    page.get_by_label("Or a file").set_input_files(str(SEED))
    page.get_by_label("Your name").fill("Ana Buyer")
    page.get_by_role("button", name="Check and save").click()
    expect(page).to_have_url(re.compile(r"/deals/1\?saved=1$"))
    expect(page.get_by_role("status")).to_have_text("Saved as version 1.")
    final_row = page.get_by_role("row", name=re.compile(r"^final "))
    expect(final_row).to_contain_text("agent: 450 × USD 143")

    page.get_by_role("link", name="Edit final").click()
    price = page.get_by_label("agent: unit price")
    expect(price).to_have_value("143")
    price.fill("-1")
    page.get_by_role("button", name="Save as a new version").click()
    expect(page.locator(".field-error")).to_have_text("must be >= 0 (got -1)")
    expect(page.get_by_label("agent: unit price")).to_have_attribute("aria-invalid", "true")

    page.get_by_label("agent: unit price").fill("139")
    page.get_by_label("What changed and why").fill("Counter-offer at $139")
    page.get_by_role("button", name="Save as a new version").click()
    expect(page).to_have_url(re.compile(r"/deals/1/offers/final\?saved=2$"))
    expect(page.locator(".saved")).to_contain_text("Saved as version 2.")
    expect(page.get_by_label("agent: unit price")).to_have_value("139")
    expect(page.get_by_label("Your name")).to_have_value("Ana Buyer")

    page.get_by_role("link", name="Offers", exact=True).click()
    expect(page.get_by_role("row", name=re.compile(r"^final "))).to_contain_text("agent: 450 × USD 139")

    page.get_by_role("link", name="History", exact=True).click()
    expect(page.locator("td.message")).to_have_text(["Counter-offer at $139", "Created the deal"])
    page.get_by_role("button", name="Show the differences").click()
    changed = page.locator("table.fields tr.changed")
    expect(changed).to_have_count(1)
    expect(changed).to_contain_text("offers.final.licenses[0].unit_price")
    expect(changed.locator("td").nth(1)).to_have_text("143")
    expect(changed.locator("td").nth(2)).to_have_text("139")
    expect(page).to_have_url(re.compile(r"/deals/1/diff\?old=1&new=2$"))

    with page.expect_download() as download:
        page.get_by_role("link", name="YAML of version 2").click()
    saved = Path(download.value.path()).read_text(encoding="utf-8")
    assert "        unit_price: 139\n" in saved

    expected = "Failed to load resource: the server responded with a status of 422 (Unprocessable Entity)"
    assert [e for e in page.console_errors if e != expected] == []
    assert page.requests and all(url.startswith(server + "/") for url in page.requests)


def import_seed(page: Any) -> None:
    from playwright.sync_api import expect

    page.goto("/deals/new")
    page.get_by_label("Or a file").set_input_files(str(SEED))
    page.get_by_label("Your name").fill("Ana Buyer")
    page.get_by_role("button", name="Check and save").click()
    expect(page).to_have_url(re.compile(r"/deals/1\?saved=1$"))


def test_cost_tab_shows_the_licence_saving_and_follows_a_price_edit(page: Any, server: str) -> None:
    from playwright.sync_api import expect

    import_seed(page)
    page.get_by_role("link", name="Cost", exact=True).click()
    expect(page).to_have_url(re.compile(r"/deals/1/cost$"))
    licences = page.locator('table.savings[data-offer="final"] tr[data-lever="licences"] td')
    expect(licences.first).to_have_text("$64,800.00")
    final_total = page.locator('tr[data-offer="final"] td.total')
    expect(final_total).to_have_text("$5,752,292.98")
    page.locator("#main [data-figure='fig-cumulative'] .scatterlayer .trace").first.wait_for()
    assert page.locator("[data-figure='fig-cumulative'] .scatterlayer .trace").count() == 5
    page.locator("[data-figure='fig-distribution'] .barlayer .trace").first.wait_for()
    assert page.locator("[data-figure='fig-distribution'] .barlayer .trace").count() == 4

    page.locator("details.lines-box summary", has_text="final").click()
    first_line = page.locator("details.lines-box[open] .lines-table tbody tr").first
    expect(first_line).to_contain_text("450 seats x 143")
    expect(first_line.locator("td").last).to_have_text("$64,350.00")

    page.get_by_role("link", name="Offers", exact=True).click()
    page.get_by_role("link", name="Edit final").click()
    page.get_by_label("agent: unit price").fill("139")
    page.get_by_role("button", name="Save as a new version").click()
    expect(page.locator(".saved")).to_contain_text("Saved as version 2.")
    page.get_by_role("link", name="Cost", exact=True).click()
    expect(final_total).to_have_text("$5,685,529.54")
    expect(licences.first).to_have_text("$86,400.00")
    assert [e for e in page.console_errors if "Applying inline style violates" not in e] == []
    assert page.requests and all(url.startswith(server + "/") for url in page.requests)


def test_upload_a_document_and_jump_from_a_finding_to_its_highlighted_clause(page: Any, server: str) -> None:
    from playwright.sync_api import expect

    import_seed(page)
    page.get_by_role("link", name="Review", exact=True).click()
    page.get_by_label(re.compile(r"^Document")).set_input_files(str(REVIEW_FIXTURE))
    page.get_by_role("button", name="Review the document").click()
    expect(page).to_have_url(re.compile(r"/deals/1/review/1$"))
    finding = page.locator("article.finding", has_text="Auto-renewal with 90 days")
    expect(finding.locator(".sev")).to_have_text("High")
    expect(finding).to_contain_text("Redline")
    finding.get_by_role("link").click()
    expect(page).to_have_url(re.compile(r"/deals/1/review/1#clause-\d+$"))
    target = page.locator("mark:target")
    expect(target).to_have_count(1)
    expect(target).to_contain_text("This Order Form will automatically renew")
    expect(target).to_be_in_viewport()
    assert target.evaluate("el => getComputedStyle(el).backgroundColor") == "rgb(255, 211, 61)"

    page.get_by_role("link", name="All reviews of this deal").click()
    expect(page.locator("table.reviews")).to_contain_text("ccaas-order-form.docx")
    page.get_by_label(re.compile(r"^Document")).set_input_files(
        {"name": "hostile.pdf", "mimeType": "application/pdf", "buffer": b"%PDF-1.7\n1 0 obj << /Length 99999"}
    )
    page.get_by_role("button", name="Review the document").click()
    expect(page.get_by_role("alert")).to_contain_text("hostile.pdf is damaged or not a valid PDF")
    expect(page.get_by_role("heading", level=1)).to_have_text("Input not accepted")


CHART_TAB = """
import json
from fastapi import APIRouter, Depends
from starlette.requests import Request
from starlette.responses import HTMLResponse
from principal.web.tab_registry import WorkspaceTab
from principal.web.workspace import Workspace, open_workspace

router = APIRouter()
FIGURE = {"data": [{"type": "bar", "x": ["a", "b", "c"], "y": [1, 3, 2]}], "layout": {"title": {"text": "probe"}}}


@router.get("", response_class=HTMLResponse)
def page(request: Request, ws: Workspace = Depends(open_workspace)) -> HTMLResponse:
    return HTMLResponse(
        '<!doctype html><html><head><link rel="icon" href="/static/favicon.svg">'
        '<script src="/static/vendor/plotly-basic.min.js"></script>'
        '<script src="/static/charts.js"></script></head><body><div id="c" data-figure="f"></div>'
        f'<script type="application/json" id="f">{json.dumps(FIGURE)}</script></body></html>'
    )


TAB = WorkspaceTab(slug="chart", title="Chart", order=1, router=router, engine="json")
"""


def test_vendored_plotly_draws_under_the_content_security_policy(chromium: Any, tmp_path: Path) -> None:
    """charts.js draws a figure embedded as JSON with the vendored plotly.js, with no inline script allowed."""
    import sys
    import threading

    import uvicorn

    from principal.store import deals
    from principal.store.database import open_store
    from principal.web.app import create_app
    from tests.web.live_server import free_port, wait_for_uvicorn

    package = tmp_path / "chart_tabs_probe"
    package.mkdir()
    (package / "__init__.py").write_text("")
    (package / "chart.py").write_text(CHART_TAB)
    sys.path.insert(0, str(tmp_path))
    store = open_store(f"sqlite:///{tmp_path / 'p.db'}")
    deals.create_deal(store, SEED.read_text(encoding="utf-8"), author="ana", message="")
    port = free_port()
    server = uvicorn.Server(
        uvicorn.Config(
            create_app(store, tab_package="chart_tabs_probe"), host="127.0.0.1", port=port, log_level="error"
        )
    )
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    try:
        context = chromium.new_context()
        page = context.new_page()
        page.set_default_timeout(BROWSER_HANG_GUARD_MS)
        errors: list[str] = []
        page.on("console", lambda message: message.type == "error" and errors.append(message.text))
        wait_for_uvicorn(server, thread)
        page.goto(f"http://127.0.0.1:{port}/deals/1/chart")
        page.locator("#c .bars path").first.wait_for()
        assert page.locator("#c .bars path").count() == 3
        assert page.locator("#c .modebar").count() == 1
        # plotly.js sets one style attribute that the policy blocks; nothing else may fail.
        assert [e for e in errors if "Applying inline style violates" not in e] == []
        context.close()
    finally:
        server.should_exit = True
        thread.join(timeout=10)
        sys.path.remove(str(tmp_path))
        store.close()


def test_export_each_format_from_the_export_tab(page: Any, server: str) -> None:
    import io
    import zipfile

    from playwright.sync_api import expect

    import_seed(page)
    page.get_by_role("link", name="Export", exact=True).click()
    expect(page).to_have_url(re.compile(r"/deals/1/exports$"))
    saved: dict[str, bytes] = {}
    for fmt in ("html", "md", "pdf", "xlsx"):
        with page.expect_download(timeout=BROWSER_HANG_GUARD_MS) as download:
            page.locator(f'a[data-format="{fmt}"]').click()
        saved[fmt] = Path(download.value.path()).read_bytes()
    assert "$64,800.00" in saved["html"].decode("utf-8")
    assert "64,800.00" in saved["md"].decode("utf-8")
    assert saved["pdf"].startswith(b"%PDF-")
    with zipfile.ZipFile(io.BytesIO(saved["xlsx"])) as book:
        assert "xl/workbook.xml" in book.namelist()
    assert page.requests and all(url.startswith(server + "/") for url in page.requests)
