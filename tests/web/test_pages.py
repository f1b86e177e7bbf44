"""Every page, in process: import, workspace, offer form, YAML editing, history, diffs, YAML download."""

from __future__ import annotations

import re
from typing import Any

from principal import __version__
from principal.loader import parse_deal
from tests.web.conftest import WebClient


def texts(html: str, css_class: str) -> list[str]:
    return [re.sub(r"\s+", " ", m).strip() for m in re.findall(rf'class="{css_class}"[^>]*>(.*?)</p>', html, re.S)]


def test_empty_deals_list_points_to_import(web: WebClient) -> None:
    page = web.client.get("/")
    assert page.status_code == 200
    assert "No deals yet." in page.text
    assert web.client.get("/deals/new").status_code == 200


def test_import_by_paste_lands_in_the_workspace(seeded: WebClient) -> None:
    listing = seeded.client.get("/")
    assert "Contact-center platform replacement, 450 agents" in listing.text
    page = seeded.client.get("/deals/1?saved=1")
    assert page.status_code == 200
    assert "Saved as version 1." in page.text
    assert "agent: 450 × USD 143" in page.text
    assert "3% a year from year 2" in page.text
    assert 'aria-current="page">Offers' in page.text
    assert re.findall(r'<span class="offer-name">([^<]+)</span>', page.text) == [
        "original",
        "quarter-end",
        "revised-ask",
        "final",
    ]


def test_import_by_upload(web: WebClient, seed_text: str) -> None:
    files = {"file": ("deal.yaml", seed_text.encode(), "application/yaml")}
    response: Any = web.post_form("/deals", {"author": "ana", "yaml_text": ""}, files=files)
    assert (response.status_code, response.headers["location"]) == (303, "/deals/1?saved=1")


def test_invalid_import_lists_problems_beside_their_lines(web: WebClient, seed_text: str) -> None:
    broken = seed_text.replace("  agents: 450", "  agents: many").replace("term_months: 36", "term_month: 36")
    response: Any = web.post_form("/deals", {"yaml_text": broken, "author": "ana"})
    assert response.status_code == 422
    agents_line = broken.splitlines().index("  agents: many") + 1
    assert f'<li id="line-{agents_line}" value="{agents_line}" class="bad">' in response.text
    assert "buyer.agents: must be a whole number (got &#39;many&#39;)" in response.text
    assert "unknown key &#39;term_month&#39;; did you mean &#39;term_months&#39;?" in response.text
    assert "agents: many" in response.text  # the submitted text is kept in the form to be fixed
    assert "No deals yet." in web.client.get("/").text


def test_upload_of_the_wrong_type_is_refused_next_to_the_field(web: WebClient) -> None:
    files = {"file": ("deal.exe", b"MZ\x90\x00", "application/octet-stream")}
    response: Any = web.post_form("/deals", {"author": "ana"}, files=files)
    assert response.status_code == 415
    assert texts(response.text, "field-error") == ["deal.exe is not a deal file; accepted: .yaml, .yml, .json"]


def test_offer_form_saves_a_new_version_with_author_and_generated_message(seeded: WebClient) -> None:
    form = seeded.client.get("/deals/1/offers/final")
    assert 'name="licenses.0.unit_price" value="143"' in form.text
    response: Any = seeded.post_form(
        "/deals/1/offers/final", {"base_version": "1", "licenses.0.unit_price": "139.50", "author": "Bo"}
    )
    assert (response.status_code, response.headers["location"]) == (303, "/deals/1/offers/final?saved=2")
    after = seeded.client.get("/deals/1/offers/final?saved=2")
    assert "Saved as version 2." in after.text
    assert 'name="licenses.0.unit_price" value="139.50"' in after.text
    versions = seeded.client.get("/api/deals/1/versions").json()["versions"]
    assert [(v["number"], v["author"], v["message"]) for v in versions] == [
        (2, "Bo", "final: agent: unit price 143 -> 139.50"),
        (1, "ana", "Imported"),
    ]
    assert (
        parse_deal(seeded.client.get("/deals/1/versions/2/deal.yaml").text).offers["final"].licenses[0].unit_price
        == 139.5
    )


def test_offer_form_shows_validation_messages_inline_and_saves_nothing(seeded: WebClient) -> None:
    response: Any = seeded.post_form(
        "/deals/1/offers/final",
        {"base_version": "1", "licenses.0.unit_price": "-5", "uplift.percent": "120", "author": "Bo"},
    )
    assert response.status_code == 422
    assert texts(response.text, "field-error") == ["must be &gt;= 0 (got -5)", "must be &lt;= 100 (got 120)"]
    assert 'id="f-licenses-0-unit_price" name="licenses.0.unit_price" value="-5"' in response.text
    assert 'aria-invalid="true"' in response.text
    assert seeded.client.get("/api/deals/1").json()["latest"]["number"] == 1


def test_offer_form_with_no_change_saves_nothing(seeded: WebClient) -> None:
    response: Any = seeded.post_form(
        "/deals/1/offers/final", {"base_version": "1", "term_months": "36", "author": "Bo"}
    )
    assert response.status_code == 200
    assert texts(response.text, "notice") == ["no figure changed; the deal stays at version 1"]


def test_stale_offer_form_gets_the_conflict_view_with_both_changes(seeded: WebClient) -> None:
    seeded.post_form("/deals/1/offers/final", {"base_version": "1", "licenses.0.unit_price": "141", "author": "Bo"})
    response: Any = seeded.post_form(
        "/deals/1/offers/final", {"base_version": "1", "licenses.0.unit_price": "150", "author": "Cy"}
    )
    assert response.status_code == 409
    assert "Version 2 was saved by Bo" in response.text
    assert "after version 1, which your change started from" in response.text
    assert 'name="choice:offers.final.licenses[0].unit_price" value="mine" checked' in response.text
    assert "Yours: 150" in response.text and "Version 2: 141" in response.text
    assert seeded.client.get("/api/deals/1").json()["latest"]["number"] == 2


def test_htmx_offer_save_redirects_and_htmx_errors_swap_the_form(seeded: WebClient) -> None:
    headers = {"HX-Request": "true", "X-CSRF-Token": seeded.csrf}
    ok = seeded.client.post(
        "/deals/1/offers/final", data={"base_version": "1", "term_months": "24", "author": "Bo"}, headers=headers
    )
    assert (ok.status_code, ok.headers["hx-redirect"]) == (204, "/deals/1/offers/final?saved=2")
    bad = seeded.client.post(
        "/deals/1/offers/final", data={"base_version": "2", "term_months": "0", "author": "Bo"}, headers=headers
    )
    assert bad.status_code == 422
    assert bad.text.startswith('<div id="offer-form">')
    assert texts(bad.text, "field-error") == ["must be &gt;= 1 (got 0)"]


def test_edit_whole_yaml_saves_or_lists_problems(seeded: WebClient, seed_text: str) -> None:
    assert "schema_version: 1" in seeded.client.get("/deals/1/yaml").text
    bad: Any = seeded.post_form("/deals/1/yaml", {"base_version": "1", "yaml_text": "name: [", "author": "Bo"})
    assert bad.status_code == 422
    assert "not valid YAML/JSON" in bad.text
    good: Any = seeded.post_form(
        "/deals/1/yaml",
        {"base_version": "1", "yaml_text": seed_text.replace("vendor: Shortlisted", "vendor: Chosen"), "author": "Bo"},
    )
    assert (good.status_code, good.headers["location"]) == (303, "/deals/1?saved=2")
    assert "Chosen CCaaS vendor" in seeded.client.get("/").text


def test_history_and_diff_between_any_two_versions(seeded: WebClient) -> None:
    seeded.post_form("/deals/1/offers/final", {"base_version": "1", "licenses.0.unit_price": "141", "author": "Bo"})
    seeded.post_form(
        "/deals/1/offers/revised-ask",
        {"base_version": "2", "uplift.percent": "2", "author": "Cy", "message": "Lower uplift ask"},
    )
    history = seeded.client.get("/deals/1/history")
    assert history.status_code == 200
    assert re.findall(r'<td class="message">([^<]*)</td>', history.text) == [
        "Lower uplift ask",
        "final: agent: unit price 143 -&gt; 141",
        "Imported",
    ]
    diff = seeded.client.get("/deals/1/diff?old=1&new=3")
    rows = re.findall(r'<tr class="changed"><td><code>([^<]+)</code></td><td>([^<]+)</td><td>([^<]+)</td>', diff.text)
    assert rows == [
        ("offers.revised-ask.uplift.percent", "3", "2"),
        ("offers.final.licenses[0].unit_price", "143", "141"),
        ("offers.final.uplift.percent", "3", "2"),
    ]
    fragment = seeded.client.get("/deals/1/diff?old=3&new=2", headers={"HX-Request": "true"})
    assert fragment.text.startswith('<section class="diff"')
    older = seeded.client.get("/deals/1?v=1")
    assert "You are looking at version 1, not the latest." in older.text
    assert "agent: 450 × USD 143" in older.text


def test_yaml_download_is_the_stored_text_as_an_attachment(seeded: WebClient, seed_text: str) -> None:
    response = seeded.client.get("/deals/1/versions/1/deal.yaml")
    assert response.status_code == 200
    assert response.text == seed_text
    assert response.headers["content-type"] == "application/yaml; charset=utf-8"
    assert response.headers["content-disposition"] == (
        'attachment; filename="contact-center-platform-replacement-450-agents-north-america-v1.yaml"'
    )


def test_api_round_trip(web: WebClient, seed_text: str) -> None:
    api = web.client
    headers = {"X-CSRF-Token": web.csrf}
    created = api.post("/api/deals", json={"yaml": seed_text, "author": "ana"}, headers=headers)
    assert created.status_code == 201 and created.json()["deal_id"] == 1
    saved = api.post(
        "/api/deals/1/versions",
        json={"yaml": seed_text.replace("quantity: 450", "quantity: 440"), "author": "bo", "base_version": 1},
        headers=headers,
    )
    assert saved.status_code == 201 and saved.json()["version"]["number"] == 2
    assert api.get("/api/deals/1/versions/2").json()["version"]["yaml"].count("quantity: 440") == 4
    fields = api.get("/api/deals/1/diff?old=1&new=2").json()["fields"]
    assert [f["path"] for f in fields] == [
        f"offers.{n}.licenses[0].quantity" for n in ("original", "quarter-end", "revised-ask", "final")
    ]
    assert api.get("/api/deals").json()["deals"][0]["latest_number"] == 2
    assert api.get("/api/health").json() == {"ok": True, "version": __version__, "database": "sqlite"}
