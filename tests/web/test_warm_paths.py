"""What the server prepares once instead of per request or per job: models, renderers and static files built at app
creation, the Cost tab's body kept per version, the exports reusing the Strategy tab's negotiation brief."""

from __future__ import annotations

import gc
import gzip
import sys
from typing import Any

import pytest

from principal.model.common import Record
from principal.reports.brief import content as brief_content
from principal.reports.brief.pdf_render import paused_gc
from principal.reports.formats import ExportFormat, render
from principal.web import static_files, warm_up
from principal.web.tabs import cost as cost_tab
from principal.web.templating import STATIC
from tests.web.conftest import WebClient

PLOTLY = "vendor/plotly-basic.min.js"


def test_app_creation_builds_every_record_and_loads_the_renderers(client: object) -> None:
    records = list(warm_up._records(Record))
    assert len(records) > 40
    assert all(cls.__pydantic_complete__ for cls in records)
    assert "weasyprint" in sys.modules
    assert "principal.strategy.plan.brief" in sys.modules


def test_every_static_file_is_read_and_compressed_at_app_creation(client: object) -> None:
    on_disk = sorted(p.relative_to(STATIC).as_posix() for p in STATIC.rglob("*") if p.is_file())
    assert sorted(set(on_disk) & set(static_files._files)) == on_disk
    plotly = static_files._files[PLOTLY]
    assert gzip.decompress(plotly.encoded["gzip"]) == (STATIC / PLOTLY).read_bytes()
    assert len(plotly.encoded["gzip"]) < len(plotly.content) / 2
    assert static_files._files["favicon.svg"].encoded == {}  # too small to be worth compressing


def test_a_gzip_response_decodes_to_the_file(client: Any) -> None:
    response = client.get(f"/static/{PLOTLY}", headers={"accept-encoding": "gzip"})
    assert response.headers["content-encoding"] == "gzip"
    assert response.headers["vary"] == "accept-encoding"
    assert response.content == (STATIC / PLOTLY).read_bytes()  # httpx decoded it
    assert int(response.headers["content-length"]) == len(static_files._files[PLOTLY].encoded["gzip"])


def test_brotli_is_sent_when_accepted_and_decodes_to_the_file(client: Any) -> None:
    brotli = pytest.importorskip("brotli")
    response = client.get(f"/static/{PLOTLY}", headers={"accept-encoding": "gzip, deflate, br"})
    assert response.headers["content-encoding"] == "br"
    assert response.content == (STATIC / PLOTLY).read_bytes()
    assert brotli.decompress(static_files._files[PLOTLY].encoded["br"]) == (STATIC / PLOTLY).read_bytes()


def test_a_refused_or_absent_encoding_gets_the_file_as_it_is(client: Any) -> None:
    for header in ("identity", "gzip;q=0, br;q=0", ""):
        response = client.get(f"/static/{PLOTLY}", headers={"accept-encoding": header})
        assert "content-encoding" not in response.headers, header
        assert response.content == (STATIC / PLOTLY).read_bytes()
    assert static_files.accepted("gzip;q=0.5, br;q=0, deflate") == {"gzip", "deflate"}


def test_a_hashed_url_is_cached_for_a_year_and_revalidates(client: Any) -> None:
    url = static_files.static_url(PLOTLY)
    response = client.get(url)
    assert response.headers["cache-control"] == "public, max-age=31536000, immutable"
    again = client.get(url, headers={"if-none-match": response.headers["etag"]})
    assert again.status_code == 304 and again.content == b""


def test_the_cost_tab_body_is_drawn_once_per_version(seeded: WebClient, monkeypatch: pytest.MonkeyPatch) -> None:
    drawn: list[int] = []
    real = cost_tab._body

    def counted(request: Any, ws: Any) -> Any:
        drawn.append(ws.number)
        return real(request, ws)

    monkeypatch.setattr(cost_tab, "_body", counted)
    first = seeded.client.get("/deals/1/cost").text
    assert seeded.client.get("/deals/1/cost").text == first
    assert drawn == [1]
    assert 'hx-get="/deals/1/cost/lines?offer=final"' in first


def test_a_new_version_gets_a_new_cost_tab_body_and_the_old_one_links_to_itself(
    seeded: WebClient, monkeypatch: pytest.MonkeyPatch
) -> None:
    drawn: list[tuple[int, bool]] = []
    real = cost_tab._body

    def counted(request: Any, ws: Any) -> Any:
        drawn.append((ws.number, ws.is_latest))
        return real(request, ws)

    monkeypatch.setattr(cost_tab, "_body", counted)
    assert "$5,752,292.98" in seeded.client.get("/deals/1/cost").text
    saved: Any = seeded.post_form(
        "/deals/1/offers/final", {"base_version": "1", "licenses.0.unit_price": "139", "author": "Bo"}
    )
    assert saved.status_code == 303
    latest = seeded.client.get("/deals/1/cost").text
    assert "$5,685,529.54" in latest and "$5,752,292.98" not in latest.split('<tr data-offer="final">')[1][:2000]
    old = seeded.client.get("/deals/1/cost?v=1").text
    assert 'hx-get="/deals/1/cost/lines?v=1&amp;offer=final"' in old
    assert drawn == [(1, True), (2, True), (1, False)]


def test_an_export_reuses_the_strategy_tabs_brief_and_says_the_same(
    seeded: WebClient, monkeypatch: pytest.MonkeyPatch, seed_text: str
) -> None:
    from principal.loader import parse_deal

    expected = {
        kind: render(parse_deal(seed_text, "deal.yaml"), kind, source="version 1 of deal 1")
        for kind in (ExportFormat.html, ExportFormat.md)
    }
    assert seeded.client.get("/deals/1/strategy").status_code == 200

    def not_again(*args: Any, **kwargs: Any) -> Any:
        raise AssertionError("the export built the negotiation brief again")

    monkeypatch.setattr(brief_content, "build_brief", not_again)  # the export's worker is forked after this
    for kind, made in expected.items():
        response = seeded.client.get(f"/deals/1/exports/brief.{kind.value}")
        assert response.status_code == 200, response.text[:500]
        assert response.content == made
    pdf = seeded.client.get("/deals/1/exports/brief.pdf")
    assert pdf.status_code == 200 and pdf.content.startswith(b"%PDF-")


def test_an_export_without_a_kept_brief_builds_it_once_for_the_strategy_tab_too(seeded: WebClient) -> None:
    from principal.web.tabs import strategy

    before = len(strategy._briefs._values)
    assert seeded.client.get("/deals/1/exports/brief.md").status_code == 200
    assert len(strategy._briefs._values) == min(before + 1, strategy.KEEP_BRIEFS)
    assert seeded.client.get("/deals/1/exports/brief.xlsx").status_code == 200
    assert len(strategy._briefs._values) == min(before + 1, strategy.KEEP_BRIEFS)


def test_the_collector_is_paused_during_a_layout_and_restored() -> None:
    assert gc.isenabled()
    with paused_gc():
        assert not gc.isenabled()
    assert gc.isenabled()
    gc.disable()
    try:
        with paused_gc():
            assert not gc.isenabled()
        assert not gc.isenabled()
    finally:
        gc.enable()
