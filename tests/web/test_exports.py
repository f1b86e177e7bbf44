"""The Export tab in-process: a download per format of a saved version with the right content type, copies kept in
the store with their author, and errors in the app's one shape."""

from __future__ import annotations

from io import BytesIO
from pathlib import Path
from typing import Any

import openpyxl
import pytest

from principal.reports.formats import ExportFormat
from principal.store import exports
from principal.store.database import Store
from tests.web.conftest import WebClient
from tests.web.test_error_shape import assert_error_shape

SLUG = "contact-center-platform-replacement-450-agents-north-america"  # the name cut to 60 characters


@pytest.mark.parametrize(
    ("fmt", "media_type", "start"),
    [
        ("html", "text/html; charset=utf-8", b"<!DOCTYPE html>"),
        ("md", "text/markdown; charset=utf-8", b"# Negotiation brief"),
        ("pdf", "application/pdf", b"%PDF-"),
        ("xlsx", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", b"PK\x03\x04"),
    ],
)
def test_each_format_downloads_as_an_attachment(seeded: WebClient, fmt: str, media_type: str, start: bytes) -> None:
    response = seeded.client.get(f"/deals/1/exports/brief.{fmt}")
    assert response.status_code == 200
    assert response.headers["content-type"] == media_type
    what = "costs" if fmt == "xlsx" else "brief"
    assert response.headers["content-disposition"] == f'attachment; filename="{SLUG}-v1-{what}.{fmt}"'
    assert response.content.startswith(start)


def test_a_download_is_of_the_version_asked_for(seeded: WebClient, seed_text: str) -> None:
    changed = seed_text.replace("unit_price: 143", "unit_price: 140")
    saved = seeded.client.post(
        "/api/deals/1/versions", json={"yaml": changed, "author": "bo"}, headers={"X-CSRF-Token": seeded.csrf}
    )
    assert saved.status_code == 201
    old = seeded.client.get("/deals/1/exports/brief.md?v=1").text
    new = seeded.client.get("/deals/1/exports/brief.md").text
    row = "| seat price and quantity | $202,286.16 | $64,800.00 | $67,392.00 | $70,094.16 |"
    assert row in old and row not in new
    assert "| seat price and quantity | $252,857.70 | $81,000.00 | $84,240.00 | $87,617.70 |" in new  # $15 a seat
    book = openpyxl.load_workbook(BytesIO(seeded.client.get("/deals/1/exports/brief.xlsx?v=2").content))
    prices = [r[1].value for r in book["Inputs"].iter_rows() if r[3].value == "offers.final.licenses[0].unit_price"]
    assert prices == [140]


def test_the_tab_lists_every_format_for_the_viewed_version(seeded: WebClient) -> None:
    page = seeded.client.get("/deals/1/exports")
    assert page.status_code == 200
    for fmt in ExportFormat:
        assert f'href="/deals/1/exports/brief.{fmt.value}"' in page.text
    assert '<a href="/deals/1/exports" aria-current="page">Export</a>' in page.text
    assert 'action="/deals/1/exports"' in page.text and 'name="csrf_token"' in page.text


def test_keeping_a_copy_records_it_with_its_author(seeded: WebClient, sqlite_store: Store) -> None:
    response = seeded.post_form("/deals/1/exports", {"format": "md", "author": "Ana", "base_version": "1"})
    assert response.status_code == 303  # type: ignore[attr-defined]
    kept = exports.list_exports(sqlite_store, 1)
    assert [(e.format, e.author, e.filename) for e in kept] == [("md", "Ana", f"{SLUG}-v1-brief.md")]
    assert response.headers["location"] == f"/deals/1/exports?kept={kept[0].id}"  # type: ignore[attr-defined]
    fetched = seeded.client.get(f"/deals/1/exports/saved/{kept[0].id}")
    assert fetched.status_code == 200
    assert fetched.headers["content-type"] == "text/markdown; charset=utf-8"
    assert fetched.content == seeded.client.get("/deals/1/exports/brief.md").content
    assert kept[0].size_bytes == len(fetched.content)
    page = seeded.client.get("/deals/1/exports")
    assert f"{SLUG}-v1-brief.md" in page.text and "Ana" in page.text


def test_a_copy_needs_a_known_format_and_an_author(seeded: WebClient, sqlite_store: Store) -> None:
    response = seeded.post_form("/deals/1/exports", {"format": "docx", "author": " "})
    assert response.status_code == 422  # type: ignore[attr-defined]
    text = response.text  # type: ignore[attr-defined]
    assert "choose one of html, pdf, md, xlsx" in text
    assert "give your name so the copy says who made it" in text
    assert exports.list_exports(sqlite_store, 1) == []


def test_a_copy_needs_the_csrf_token(seeded: WebClient) -> None:
    response = seeded.client.post("/deals/1/exports", data={"format": "md", "author": "x"})
    assert_error_shape(response, "/deals/1/exports", 403)


@pytest.mark.parametrize(
    ("url", "status", "message"),
    [
        ("/deals/1/exports/brief.docx", 404, "there is no &#39;docx&#39; export; the formats are html, pdf, md, xlsx"),
        ("/deals/1/exports/brief.pdf?v=7", 404, "no version 7"),
        ("/deals/1/exports/brief.md?v=0", 422, "v:"),
        ("/deals/2/exports/brief.md", 404, "no deal"),
        ("/deals/1/exports/saved/99", 404, "deal 1 has no kept export 99"),
        ("/deals/1/exports/saved/x", 422, "export_id:"),
    ],
)
def test_bad_requests_fail_in_the_apps_shape(seeded: WebClient, url: str, status: int, message: str) -> None:
    response = seeded.client.get(url)
    assert_error_shape(response, url, status)
    assert message in response.text


def test_a_kept_copy_of_another_deal_is_not_served(seeded: WebClient, seed_text: str) -> None:
    seeded.post_form("/deals/1/exports", {"format": "md", "author": "Ana"})
    other = seeded.post_form("/deals", {"yaml_text": seed_text, "author": "bo"})
    assert other.status_code == 303  # type: ignore[attr-defined]
    response = seeded.client.get("/deals/2/exports/saved/1")
    assert_error_shape(response, "/deals/2/exports/saved/1", 404)


def test_an_export_is_rendered_once_per_version_and_format(
    seeded: WebClient, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    from principal.web.tabs import exports as tab

    log = tmp_path / "renders.txt"  # rendering runs in a worker process: it leaves its mark in a file
    log.touch()

    def counting(deal: object, kind: ExportFormat, *, source: str, **options: Any) -> bytes:
        with log.open("a") as marks:
            marks.write(kind.value + "\n")
        return real(deal, kind, source=source, **options)

    def calls() -> list[ExportFormat]:
        return [ExportFormat(line) for line in log.read_text().split()]

    real = tab.render
    monkeypatch.setattr(tab, "render", counting)
    first = seeded.client.get("/deals/1/exports/brief.md")
    again = seeded.client.get("/deals/1/exports/brief.md")
    kept = seeded.post_form("/deals/1/exports", {"format": "md", "author": "ana", "base_version": "1"})
    assert (first.status_code, again.status_code, kept.status_code) == (200, 200, 303)
    assert first.content == again.content
    assert calls() == [ExportFormat.md]  # the second download and the kept copy reuse the first rendering
    seeded.client.get("/deals/1/exports/brief.html")
    assert calls() == [ExportFormat.md, ExportFormat.html]
