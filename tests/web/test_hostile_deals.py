"""Hostile deal texts through the web: every answer is a 4xx in the error shape (or the deal is accepted and every
page and analysis of it answers without a server error), never a 500 and never a stalled server. Whether a text is
refused when it is read (number bounds in the loader) or when an engine meets its figures, the outcome asked for
is the same, so the tests assert the status class and the shape, not a message."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest

from principal.store.database import Store
from principal.web.settings import WebSettings
from tests.conftest import SEED
from tests.web.conftest import WebClient, make_client
from tests.web.test_error_shape import assert_error_shape

SEED_TEXT = SEED.read_text(encoding="utf-8")


def _swap(old: str, new: str) -> Callable[[str], str]:
    def mutate(text: str) -> str:
        assert old in text
        return text.replace(old, new, 1)

    return mutate


MUTATIONS = {
    "term_months 1e999999999": _swap("term_months: 36", "term_months: 1e999999999"),
    "from_year 1e9999999999": _swap("from_year: 2", "from_year: 1e9999999999"),
    "unit_price 1e22": _swap("unit_price: 155", "unit_price: 1e22"),
    "unit_price 27 digits": _swap("unit_price: 155", "unit_price: 100000000000000000000000000"),
    "quantity 30 digits": _swap("quantity: 450", "quantity: " + "9" * 30),
    "agents 5000 digits": _swap("agents: 450", "agents: " + "9" * 5000),
    "incumbent 1e30": _swap("monthly_cost: 162_000", "monthly_cost: 1e30"),
    "!!bool text": _swap("agents: 450", "agents: !!bool text"),
    "nested 5000 deep": lambda text: text + "extra: " + "[" * 5000 + "]" * 5000 + "\n",
}
PAGES = ("", "/cost", "/sla", "/alignment", "/strategy", "/history", "/exports/brief.md", "/exports/brief.xlsx")
ANALYSES = ("cost", "compare", "sla", "align", "plan", "clauses")


@pytest.fixture
def hostile_client(sqlite_store: Store) -> WebClient:
    # A small CPU budget so that a text that would run for ever is cut short quickly.
    return WebClient(make_client(sqlite_store, WebSettings(default_author="tester", cpu_seconds_per_request=5.0)))


def _never_a_server_error(response: Any, path: str) -> None:
    assert response.status_code < 500, (path, response.status_code, response.text[:300])
    if response.status_code >= 400:
        assert_error_shape(response, path, response.status_code)


@pytest.mark.parametrize("name", sorted(MUTATIONS))
def test_hostile_deal_texts_get_a_4xx_in_shape_or_pages_that_answer(hostile_client: WebClient, name: str) -> None:
    web = hostile_client
    text = MUTATIONS[name](SEED_TEXT)
    api = web.client.post("/api/deals", json={"yaml": text, "author": "mallory"}, headers={"X-CSRF-Token": web.csrf})
    form: Any = web.post_form("/deals", {"yaml_text": text, "author": "mallory"})
    if api.status_code != 201:
        assert 400 <= api.status_code < 500
        assert_error_shape(api, "/api/deals", api.status_code)
        assert 400 <= form.status_code < 500 and "Traceback" not in form.text
        return
    assert form.status_code == 303
    deal = api.json()["deal_id"]
    for page in PAGES:
        _never_a_server_error(web.client.get(f"/deals/{deal}{page}"), f"/deals/{deal}{page}")
    for analysis in ANALYSES:
        path = f"/api/deals/{deal}/versions/1/{analysis}"
        _never_a_server_error(web.client.get(path), path)
    assert web.client.get("/health").status_code == 200
