"""Security: cross-site posts, CSRF tokens, request and upload size, access token, Host header, headers."""

from __future__ import annotations

from typing import Any

import pytest

from principal.store.database import Store
from principal.web.settings import WebSettings
from tests.web.conftest import LOCAL, WebClient, make_client

TOKEN = "correct-horse-battery-staple-42"


def test_cross_site_form_post_is_refused(seeded: WebClient) -> None:
    data = {"base_version": "1", "licenses.0.unit_price": "1", "author": "mallory"}
    for headers in (
        {"Origin": "http://evil.example"},
        {"Origin": "null"},
        {"Referer": "http://evil.example/page"},
        {"Sec-Fetch-Site": "cross-site"},
        {"Sec-Fetch-Site": "same-site", "Origin": LOCAL},
    ):
        response: Any = seeded.post_form("/deals/1/offers/final", data, headers=headers)
        assert response.status_code == 403, headers
        assert "Form not accepted" in response.text
    same_origin: Any = seeded.post_form(
        "/deals/1/offers/final", data, headers={"Origin": LOCAL, "Sec-Fetch-Site": "same-origin"}
    )
    assert same_origin.status_code == 303
    assert seeded.client.get("/api/deals/1").json()["latest"]["number"] == 2


def test_form_without_or_with_a_wrong_csrf_token_is_refused(seeded: WebClient) -> None:
    data = {"base_version": "1", "licenses.0.unit_price": "1", "author": "mallory"}
    missing = seeded.client.post("/deals/1/offers/final", data=data)
    wrong = seeded.client.post("/deals/1/offers/final", data={**data, "csrf_token": "x" * 43})
    api = seeded.client.post("/api/deals", json={"yaml": "x", "author": "m"})
    assert (missing.status_code, wrong.status_code, api.status_code) == (403, 403, 403)
    assert api.json()["error"]["code"] == "csrf_rejected"
    assert seeded.client.get("/api/deals/1").json()["latest"]["number"] == 1


def test_oversize_request_is_refused_before_it_is_read(sqlite_store: Store) -> None:
    client = make_client(sqlite_store, WebSettings(max_request_bytes=10_000))
    web = WebClient(client)
    response: Any = web.post_form("/deals", {"author": "ana", "yaml_text": "x" * 20_000})
    assert response.status_code == 413
    assert "at most 10,000 are accepted" in response.text
    api = client.post("/api/deals", content=b"{" + b" " * 20_000 + b"}", headers={"content-type": "application/json"})
    assert (api.status_code, api.json()["error"]["code"]) == (413, "payload_too_large")


def test_oversize_deal_upload_is_refused(web: WebClient) -> None:
    big = b"name: x\n" + b"#" * (1024 * 1024) + b"\n"
    response: Any = web.post_form("/deals", {"author": "ana"}, files={"file": ("big.yaml", big, "application/yaml")})
    assert response.status_code == 413
    assert "big.yaml is over 1,048,576 bytes, the limit for a deal file" in response.text
    assert "No deals yet." in web.client.get("/").text


def test_binary_upload_is_refused(web: WebClient) -> None:
    response: Any = web.post_form(
        "/deals", {"author": "ana"}, files={"file": ("d.yaml", b"\x00\x01", "application/yaml")}
    )
    assert response.status_code == 415
    assert "d.yaml is not a text file (it holds binary data)" in response.text


def test_untrusted_host_header_is_refused_without_a_token(client: Any) -> None:
    response = client.get("/api/deals", headers={"Host": "attacker.example"})
    assert (response.status_code, response.json()["error"]["code"]) == (400, "untrusted_host")
    assert client.get("/api/deals", headers={"Host": "localhost:8450"}).status_code == 200


def test_token_guards_every_page_and_api(sqlite_store: Store) -> None:
    client = make_client(sqlite_store, WebSettings(host="0.0.0.0", token=TOKEN))
    page = client.get("/")
    assert page.status_code == 401 and 'name="token"' in page.text
    assert client.get("/api/deals").json()["error"] == {
        "status": 401,
        "code": "unauthorized",
        "message": "this server needs its access token; enter it to continue",
    }
    wrong = client.get("/api/deals", headers={"Authorization": "Bearer not-the-token-at-all"})
    assert (wrong.status_code, wrong.json()["error"]["message"]) == (401, "wrong access token")
    assert client.get("/?token=wrong-token-wrong-token").status_code == 401
    assert client.get("/static/principal.css").status_code == 200
    bearer = client.get("/api/deals", headers={"Authorization": f"Bearer {TOKEN}"})
    assert bearer.status_code == 200


def test_token_in_the_url_once_gives_the_browser_a_cookie(sqlite_store: Store) -> None:
    client = make_client(sqlite_store, WebSettings(host="0.0.0.0", token=TOKEN))
    first = client.get(f"/deals/new?token={TOKEN}&x=1", follow_redirects=False)
    assert (first.status_code, first.headers["location"]) == (303, "/deals/new?x=1")
    assert TOKEN not in first.headers["set-cookie"]
    assert client.get("/deals/new").status_code == 200


def test_login_form_with_wrong_then_right_token(sqlite_store: Store) -> None:
    client = make_client(sqlite_store, WebSettings(host="0.0.0.0", token=TOKEN))
    web = WebClient(client)
    wrong: Any = web.post_form("/login", {"token": "nope", "next": "/deals/new"})
    assert wrong.status_code == 401 and "wrong access token" in wrong.text
    right: Any = web.post_form("/login", {"token": TOKEN, "next": "//evil.example/"})
    assert (right.status_code, right.headers["location"]) == (303, "/")
    assert client.get("/").status_code == 200


def test_every_response_carries_security_headers(client: Any) -> None:
    first = client.get("/").headers["set-cookie"]
    assert first.startswith("principal_csrf=") and first.endswith("; Path=/; HttpOnly; SameSite=Strict")
    for url in ("/", "/nope", "/api/deals", "/static/principal.css"):
        headers = client.get(url).headers
        assert headers["content-security-policy"].startswith("default-src 'none'; script-src 'self'")
        assert headers["x-content-type-options"] == "nosniff"
        assert headers["x-frame-options"] == "DENY"
        assert headers["referrer-policy"] == "same-origin"
    assert client.get("/").headers["cache-control"] == "no-store"
    assert "set-cookie" not in client.get("/").headers  # the session keeps its token


@pytest.mark.parametrize(("host", "token"), [("0.0.0.0", None), ("192.0.2.10", None), ("::", None)])
def test_settings_refuse_non_local_bind_without_token(host: str, token: str | None) -> None:
    problem = WebSettings(host=host, token=token).bind_problem()
    assert problem is not None and problem.startswith(f"refusing to listen on {host}")


def test_settings_accept_loopback_and_tokened_binds() -> None:
    assert WebSettings(host="127.0.0.1").bind_problem() is None
    assert WebSettings(host="localhost").bind_problem() is None
    assert WebSettings(host="::1").bind_problem() is None
    assert WebSettings(host="0.0.0.0", token=TOKEN).bind_problem() is None
    assert WebSettings(host="0.0.0.0", token="short").bind_problem() == (
        "the access token must be at least 16 characters; generate one with `openssl rand -hex 24`"
    )
