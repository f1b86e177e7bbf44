"""Hostile deal texts through the web (the reproductions of issue 19): each is refused when it is read, 422 in the
error shape with one problem located at its line and field, by the API and the form alike; never a 500 and never a
stalled server. A deal at the largest figures the loader accepts is stored, and every page and analysis of it
answers without a server error."""

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


LOCATED = {  # the line and field of the problem in the mutated seed
    "term_months 1e999999999": (68, "offers.original.term_months"),
    "from_year 1e9999999999": (78, "offers.original.uplift.from_year"),
    "unit_price 1e22": (73, "offers.original.licenses[0].unit_price"),
    "unit_price 27 digits": (73, "offers.original.licenses[0].unit_price"),
    "quantity 30 digits": (72, "offers.original.licenses[0].quantity"),
    "agents 5000 digits": (12, "buyer.agents"),
    "incumbent 1e30": (54, "buyer.incumbent.monthly_cost"),
    "!!bool text": (12, "buyer.agents"),
    "nested 5000 deep": (SEED_TEXT.count("\n") + 1, None),
}
LARGEST = (
    _swap("unit_price: 155", "unit_price: 1_000_000_000_000"),
    _swap("quantity: 450", "quantity: 1_000_000_000_000"),
    _swap("monthly_cost: 162_000", "monthly_cost: 1_000_000_000_000_000"),
)


@pytest.mark.parametrize("name", sorted(MUTATIONS))
def test_hostile_deal_texts_are_refused_with_a_located_422(hostile_client: WebClient, name: str) -> None:
    web = hostile_client
    text = MUTATIONS[name](SEED_TEXT)
    api = web.client.post("/api/deals", json={"yaml": text, "author": "mallory"}, headers={"X-CSRF-Token": web.csrf})
    assert_error_shape(api, "/api/deals", 422)
    assert api.json()["error"]["code"] == "invalid_deal"
    [problem] = api.json()["error"]["problems"]
    line, field = LOCATED[name]
    assert (problem["file"], problem["line"]) == ("deal.yaml", line)
    if field is not None:
        assert problem["field"] == field
    form: Any = web.post_form("/deals", {"yaml_text": text, "author": "mallory"})
    assert form.status_code == 422 and "Traceback" not in form.text  # the import form again, the problem inline
    assert (
        f'<a href="#line-{line}">line {line}' in form.text
        and f'<li id="line-{line}" value="{line}" class="bad">' in form.text
    )
    assert web.client.get("/api/deals").json()["deals"] == []  # nothing was stored


def test_a_deal_at_the_largest_figures_allowed_answers_every_page(hostile_client: WebClient) -> None:
    web = hostile_client
    text = SEED_TEXT
    for mutate in LARGEST:
        text = mutate(text)
    api = web.client.post("/api/deals", json={"yaml": text, "author": "mallory"}, headers={"X-CSRF-Token": web.csrf})
    assert api.status_code == 201, api.text[:300]
    deal = api.json()["deal_id"]
    for page in PAGES:
        _never_a_server_error(web.client.get(f"/deals/{deal}{page}"), f"/deals/{deal}{page}")
    for analysis in ANALYSES:
        path = f"/api/deals/{deal}/versions/1/{analysis}"
        _never_a_server_error(web.client.get(path), path)
    assert web.client.get("/health").status_code == 200
