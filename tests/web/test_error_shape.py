"""Every route answers errors in one shape: JSON {"ok": false, "error": {...}} under /api, an error page elsewhere.

Like datasette's test_error_shape: walk the app's routes, make each one fail (unknown ids, missing CSRF token,
bad query values) and check the answer's shape and status.
"""

from __future__ import annotations

import re
from typing import Any

import pytest

from principal.store.database import Store
from tests.web.conftest import WebClient, make_client

MISSING = {
    "deal_id": "999999",
    "number": "999",
    "offer": "no-such-offer",
    "review_id": "999",
    "fmt": "md",
    "export_id": "999",
    "slug": "no-such-step",
    "archived_id": "999",
    "user_id": "999",
}
UNSAFE = {"POST", "PUT", "PATCH", "DELETE"}


def routes(app: Any) -> list[tuple[str, str]]:
    """Every (METHOD, path) the app serves, from its OpenAPI description (which lists every route)."""
    return [(method.upper(), path) for path, methods in app.openapi()["paths"].items() for method in methods]


def assert_error_shape(response: Any, path: str, status: int) -> None:
    assert response.status_code == status, (path, response.status_code, response.text[:300])
    if path.startswith("/api"):
        body = response.json()
        assert set(body) == {"ok", "error"} and body["ok"] is False
        error = body["error"]
        assert set(error) - {"field", "problems"} == {"status", "code", "message"}
        assert error["status"] == status
        assert re.fullmatch(r"[a-z_]+", error["code"])
        assert error["message"] and "\n" not in error["message"] and "Traceback" not in error["message"]
    else:
        assert response.headers["content-type"].startswith("text/html")
        assert f'<div class="error-box" role="alert" data-status="{status}"' in response.text
        assert "Traceback" not in response.text


def fill(path: str) -> str:
    return re.sub(r"\{(\w+)\}", lambda m: MISSING[m.group(1)], path)


def test_the_app_has_the_expected_routes(sqlite_store: Store) -> None:
    assert sorted(routes(make_client(sqlite_store).app)) == [
        ("GET", "/"),
        ("GET", "/api/deals"),
        ("GET", "/api/deals/{deal_id}"),
        ("GET", "/api/deals/{deal_id}/diff"),
        ("GET", "/api/deals/{deal_id}/reviews"),
        ("GET", "/api/deals/{deal_id}/reviews/{review_id}"),
        ("GET", "/api/deals/{deal_id}/versions"),
        ("GET", "/api/deals/{deal_id}/versions/{number}"),
        ("GET", "/api/deals/{deal_id}/versions/{number}/align"),
        ("GET", "/api/deals/{deal_id}/versions/{number}/clauses"),
        ("GET", "/api/deals/{deal_id}/versions/{number}/compare"),
        ("GET", "/api/deals/{deal_id}/versions/{number}/cost"),
        ("GET", "/api/deals/{deal_id}/versions/{number}/plan"),
        ("GET", "/api/deals/{deal_id}/versions/{number}/sla"),
        ("GET", "/api/health"),
        ("GET", "/deals/new"),
        ("GET", "/deals/start"),
        ("GET", "/deals/{deal_id}"),
        ("GET", "/deals/{deal_id}/alignment"),
        ("GET", "/deals/{deal_id}/build"),
        ("GET", "/deals/{deal_id}/build/offers/{offer}"),
        ("GET", "/deals/{deal_id}/build/offers/{offer}/{slug}"),
        ("GET", "/deals/{deal_id}/build/{slug}"),
        ("GET", "/deals/{deal_id}/comments"),
        ("GET", "/deals/{deal_id}/cost"),
        ("GET", "/deals/{deal_id}/cost/lines"),
        ("GET", "/deals/{deal_id}/decide"),
        ("GET", "/deals/{deal_id}/decide/sensitivity"),
        ("GET", "/deals/{deal_id}/diff"),
        ("GET", "/deals/{deal_id}/exports"),
        ("GET", "/deals/{deal_id}/exports/brief.{fmt}"),
        ("GET", "/deals/{deal_id}/exports/saved/{export_id}"),
        ("GET", "/deals/{deal_id}/history"),
        ("GET", "/deals/{deal_id}/offers-manage"),
        ("GET", "/deals/{deal_id}/offers/{offer}"),
        ("GET", "/deals/{deal_id}/rehearse"),
        ("GET", "/deals/{deal_id}/review"),
        ("GET", "/deals/{deal_id}/review/{review_id}"),
        ("GET", "/deals/{deal_id}/review/{review_id}/offer"),
        ("GET", "/deals/{deal_id}/review/{review_id}/redlines.docx"),
        ("GET", "/deals/{deal_id}/signed"),
        ("GET", "/deals/{deal_id}/signed/dates.ics"),
        ("GET", "/deals/{deal_id}/sla"),
        ("GET", "/deals/{deal_id}/strategy"),
        ("GET", "/deals/{deal_id}/versions/{number}/deal.yaml"),
        ("GET", "/deals/{deal_id}/yaml"),
        ("GET", "/health"),
        ("GET", "/login"),
        ("GET", "/portfolio"),
        ("GET", "/portfolio/calendar.ics"),
        ("GET", "/reference"),
        ("GET", "/team"),
        ("POST", "/api/deals"),
        ("POST", "/api/deals/{deal_id}/versions"),
        ("POST", "/api/deals/{deal_id}/versions/{number}/kpis"),
        ("POST", "/deals"),
        ("POST", "/deals/start"),
        ("POST", "/deals/{deal_id}/archive"),
        ("POST", "/deals/{deal_id}/archived-offers/{archived_id}/restore"),
        ("POST", "/deals/{deal_id}/build/offers/{offer}/{slug}"),
        ("POST", "/deals/{deal_id}/build/{slug}"),
        ("POST", "/deals/{deal_id}/comments"),
        ("POST", "/deals/{deal_id}/copy"),
        ("POST", "/deals/{deal_id}/delete"),
        ("POST", "/deals/{deal_id}/exports"),
        ("POST", "/deals/{deal_id}/merge"),
        ("POST", "/deals/{deal_id}/offers"),
        ("POST", "/deals/{deal_id}/offers/{offer}"),
        ("POST", "/deals/{deal_id}/offers/{offer}/archive"),
        ("POST", "/deals/{deal_id}/offers/{offer}/delete"),
        ("POST", "/deals/{deal_id}/offers/{offer}/rename"),
        ("POST", "/deals/{deal_id}/rehearse/keep"),
        ("POST", "/deals/{deal_id}/rehearse/move"),
        ("POST", "/deals/{deal_id}/restore"),
        ("POST", "/deals/{deal_id}/review"),
        ("POST", "/deals/{deal_id}/review/{review_id}/offer"),
        ("POST", "/deals/{deal_id}/signed/audit"),
        ("POST", "/deals/{deal_id}/signed/credits"),
        ("POST", "/deals/{deal_id}/strategy/kpis"),
        ("POST", "/deals/{deal_id}/yaml"),
        ("POST", "/examples/load"),
        ("POST", "/login"),
        ("POST", "/logout"),
        ("POST", "/team/users"),
        ("POST", "/team/users/{user_id}"),
    ]


def test_every_route_without_a_csrf_token_or_with_unknown_ids_fails_in_shape(seeded: WebClient) -> None:
    checked = 0
    for method, path in routes(seeded.client.app):
        url = fill(path)
        assert_error_shape(seeded.client.request(method, url, headers={"Host": "rebound.example"}), path, 400)
        if method in UNSAFE:
            response = seeded.client.request(method, url, data={"author": "x"})
            assert_error_shape(response, path, 403)
            if "{" in path:
                token = {"X-CSRF-Token": seeded.csrf}
                body = {"json": {"yaml": "x", "author": "x"}} if path.startswith("/api") else {"data": {"author": "x"}}
                with_token = seeded.client.request(method, url, headers=token, **body)  # type: ignore[arg-type]
                assert_error_shape(with_token, path, 404)
            checked += 1
        elif "{" in path:
            query = "?old=1&new=1" if path.endswith("/diff") else ""
            assert_error_shape(seeded.client.request(method, url + query), path, 404)
            checked += 1
    assert checked == 74


@pytest.mark.parametrize(
    ("url", "status", "field"),
    [
        ("/api/deals/1/diff?old=1", 422, "new"),
        ("/api/deals/1/diff?old=0&new=1", 422, "old"),
        ("/api/deals/abc", 422, "deal_id"),
        ("/api/deals/1/versions/9", 404, None),
        ("/api/nothing-here", 404, None),
        ("/deals/1?v=0", 422, "v"),
        ("/deals/1/diff?old=x&new=1", 422, "old"),
        ("/deals/1/versions/5/deal.yaml", 404, None),
        ("/deals/1/cost/lines?offer=nope", 404, None),
        ("/deals/1/sla?offer=nope", 404, None),
        ("/deals/1/alignment?offer=nope", 404, None),
        ("/deals/1/strategy?offer=nope", 404, None),
        ("/deals/1/review/1", 404, None),
        ("/deals/1/review/x", 422, "review_id"),
        ("/deals/1/cost?v=0", 422, "v"),
        ("/nothing-here", 404, None),
    ],
)
def test_bad_values_fail_in_shape(seeded: WebClient, url: str, status: int, field: str | None) -> None:
    response = seeded.client.get(url)
    assert_error_shape(response, url, status)
    if url.startswith("/api"):
        assert response.json()["error"].get("field") == field


def test_wrong_method_fails_in_shape(seeded: WebClient) -> None:
    assert_error_shape(seeded.client.delete("/api/deals", headers={"X-CSRF-Token": seeded.csrf}), "/api/deals", 405)
    assert_error_shape(seeded.client.put("/deals/1", headers={"X-CSRF-Token": seeded.csrf}), "/deals/1", 405)


def test_invalid_deal_through_the_api_lists_located_problems(seeded: WebClient) -> None:
    response = seeded.client.post(
        "/api/deals",
        json={"yaml": "name: x\nbuyer:\n  agents: 0\noffers: {}\n", "author": "ana"},
        headers={"X-CSRF-Token": seeded.csrf},
    )
    assert_error_shape(response, "/api/deals", 422)
    error = response.json()["error"]
    assert error["code"] == "invalid_deal"
    assert error["field"] == "buyer.agents"
    assert [(p["line"], p["field"], p["message"]) for p in error["problems"]] == [
        (3, "buyer.agents", "must be >= 1 (got 0)"),
        (4, "offers", "needs at least 1 item(s)"),
    ]


def test_conflicts_fail_in_shape(seeded: WebClient, seed_text: str) -> None:
    headers = {"X-CSRF-Token": seeded.csrf}
    same = seeded.client.post("/api/deals/1/versions", json={"yaml": seed_text, "author": "bo"}, headers=headers)
    assert_error_shape(same, "/api", 409)
    assert same.json()["error"]["code"] == "nothing_changed"
    changed = seed_text.replace("quantity: 450", "quantity: 449")
    seeded.client.post("/api/deals/1/versions", json={"yaml": changed, "author": "bo"}, headers=headers)
    stale = seeded.client.post(
        "/api/deals/1/versions", json={"yaml": seed_text, "author": "cy", "base_version": 1}, headers=headers
    )
    assert_error_shape(stale, "/api", 409)
    assert stale.json()["error"]["code"] == "conflict"
