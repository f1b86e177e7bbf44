"""Every analysis the workspace shows is served as JSON under /api/deals/{id}/versions/{n}/..., in one envelope,
from the same cached results as the tabs; errors keep the API's one shape (404 unknown, 422 malformed)."""

from __future__ import annotations

import json
import re
import warnings
from collections.abc import Iterator
from contextlib import contextmanager
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import func, select

from principal import __version__
from principal.store.database import Store, open_store
from principal.store.tables import AnalysisRow
from tests.builders import deal_text
from tests.clirunner import run
from tests.conftest import ROOT, SEED
from tests.currency_copies import example_in
from tests.web.conftest import WebClient, make_client
from tests.web.test_error_shape import assert_error_shape, routes

with warnings.catch_warnings():
    warnings.simplefilter("ignore")
    from fastapi.testclient import TestClient

V1 = "/api/deals/1/versions/1"
ENVELOPE = {"ok", "analysis", "deal", "version", "params", "principal_version", "result"}
FIXTURE = ROOT / "tests" / "fixtures" / "review" / "ccaas-order-form.docx"
GOALS = ROOT / "examples" / "ccaas-450" / "goals.yaml"

EXAMPLES = {
    ("GET", "/api/deals/{deal_id}/versions/{number}/cost"): (f"{V1}/cost?offer=final", "cost"),
    ("GET", "/api/deals/{deal_id}/versions/{number}/compare"): (f"{V1}/compare", "compare"),
    ("GET", "/api/deals/{deal_id}/versions/{number}/sla"): (f"{V1}/sla", "sla"),
    ("GET", "/api/deals/{deal_id}/versions/{number}/align"): (f"{V1}/align", "align"),
    ("GET", "/api/deals/{deal_id}/versions/{number}/plan"): (f"{V1}/plan", "plan"),
    ("GET", "/api/deals/{deal_id}/versions/{number}/clauses"): (f"{V1}/clauses", "clauses"),
    ("POST", "/api/deals/{deal_id}/versions/{number}/kpis"): (f"{V1}/kpis", "kpis"),
    ("GET", "/api/deals/{deal_id}/reviews"): ("/api/deals/1/reviews", "reviews"),
    ("GET", "/api/deals/{deal_id}/reviews/{review_id}"): ("/api/deals/1/reviews/1", "review"),
}


@contextmanager
def client_at(folder: Path) -> Iterator[WebClient]:
    folder.mkdir(exist_ok=True)
    store = open_store(f"sqlite:///{folder / 'principal.db'}")
    try:
        yield WebClient(make_client(store))
    finally:
        store.close()


def _import(web: WebClient, text: str) -> None:
    created = web.client.post("/api/deals", json={"yaml": text, "author": "ana"}, headers={"X-CSRF-Token": web.csrf})
    assert created.status_code == 201, created.text


@pytest.fixture(scope="module")
def api(tmp_path_factory: pytest.TempPathFactory) -> Iterator[WebClient]:
    """The seed deal as deal 1, version 1, with the docx fixture reviewed as review 1."""
    with client_at(tmp_path_factory.mktemp("api")) as web:
        _import(web, SEED.read_text(encoding="utf-8"))
        data = {"csrf_token": web.csrf, "author": "ana"}
        files = {"file": (FIXTURE.name, FIXTURE.read_bytes())}
        assert web.client.post("/deals/1/review", data=data, files=files, follow_redirects=False).status_code == 303
        yield web


def call(web: WebClient, method: str, url: str) -> Any:
    if method == "POST":
        goals = {"goals": GOALS.read_text(encoding="utf-8")}
        return web.client.post(url, json=goals, headers={"X-CSRF-Token": web.csrf})
    return web.client.get(url)


def answer(web: WebClient, url: str, analysis: str, method: str = "GET") -> dict[str, Any]:
    response = call(web, method, url)
    assert response.status_code == 200, (url, response.text[:300])
    assert response.headers["content-type"] == "application/json"
    body: dict[str, Any] = response.json()
    assert set(body) == ENVELOPE, url
    assert (body["ok"], body["analysis"], body["deal"], body["principal_version"]) == (True, analysis, 1, __version__)
    assert body["version"] == (None if analysis.startswith("review") else 1)
    return body


def test_every_analysis_route_is_walked_and_answers_the_envelope(api: WebClient) -> None:
    prefixes = ("/api/deals/{deal_id}/versions/{number}/", "/api/deals/{deal_id}/reviews")
    served = {(method, path) for method, path in routes(api.client.app) if path.startswith(prefixes)}
    assert served == set(EXAMPLES)
    for (method, _), (url, analysis) in EXAMPLES.items():
        answer(api, url, analysis, method)


def test_the_version_record_links_every_analysis(api: WebClient) -> None:
    links = api.client.get(V1).json()["analyses"]
    assert list(links) == ["cost", "compare", "sla", "align", "plan", "clauses"]
    for name, url in links.items():
        assert answer(api, url, name)["result"]


def test_cost_of_the_final_offer(api: WebClient) -> None:
    body = answer(api, f"{V1}/cost?offer=final", "cost")
    assert body["params"] == {"offer": "final", "lines": False, "draws": 5000, "seed": 0}
    result = body["result"]
    assert result["currency"] == "USD"
    assert [o["offer"] for o in result["offers"]] == ["final"]
    assert [s["offer"] for s in result["simulations"]] == ["final"]
    assert list(result["cumulative"]["offers"]) == ["final"]
    final = result["offers"][0]
    # 450 seats x 143 x 12 months, uplifted 3% in years 2 and 3
    year_one = 450 * 143 * 12
    assert final["years"][0]["by_category"]["licenses"] == f"{year_one}.00"
    licences = Decimal(year_one) * (1 + Decimal("1.03") + Decimal("1.03") ** 2)
    assert final["by_category"]["licenses"] == f"{licences:.2f}" == "2386792.98"
    parts = final["by_category"]
    assert Decimal(parts["licenses"]) + Decimal(parts["usage"]) + Decimal(parts["one_time"]) == Decimal(final["total"])
    assert final["total"] == "5752292.98"


def test_cost_of_every_offer_and_its_line_items(api: WebClient) -> None:
    every = answer(api, f"{V1}/cost", "cost")["result"]
    assert [o["offer"] for o in every["offers"]] == ["original", "quarter-end", "revised-ask", "final"]
    assert not every["offers"][0].get("lines")
    lines = answer(api, f"{V1}/cost?offer=final&lines=true", "cost")["result"]["offers"][0]
    first_month = [ln for ln in lines["lines"] if ln["month"] == 1 and ln["item"].startswith("agent")]
    assert [ln["amount"] for ln in first_month] == [f"{450 * 143}.00"]
    assert sum(Decimal(ln["exact_amount"]) for ln in lines["lines"]) == Decimal(lines["total"])  # rounded once


def test_compare_gives_the_licence_saving_by_year(api: WebClient) -> None:
    body = answer(api, f"{V1}/compare", "compare")
    assert body["params"] == {"baseline": "original"}
    final = next(v for v in body["result"]["versus_baseline"] if v["offer"] == "final")
    licences = next(lever for lever in final["levers"] if lever["lever"] == "licences")
    assert licences["by_year"][0] == f"{450 * (155 - 143) * 12}.00" == "64800.00"
    against_final = answer(api, f"{V1}/compare?baseline=final", "compare")["result"]
    assert against_final["baseline"] == "final"
    original = next(v for v in against_final["versus_baseline"] if v["offer"] == "original")
    assert original["saving"] == "-" + final["saving"]


def test_sla_allowed_downtime_and_the_default_pair(api: WebClient) -> None:
    body = answer(api, f"{V1}/sla", "sla")
    assert body["params"] == {"offer": "final", "against": "original", "runs": 2000, "seed": 0, "preset": "typical"}
    voice = body["result"]["report"]["allowed"]["components"][0]
    assert (voice["component"], voice["target"]) == ("voice_routing", "99.95")
    month = next(p for p in voice["periods"] if p["label"] == "30-day month")
    assert Decimal(month["allowed_minutes"]) == (100 - Decimal("99.95")) / 100 * 30 * 24 * 60 == Decimal("21.6")
    other = answer(api, f"{V1}/sla?offer=original&against=final", "sla")["params"]
    assert (other["offer"], other["against"]) == ("original", "final")


def test_alignment_plan_clauses_kpis(api: WebClient) -> None:
    every = answer(api, f"{V1}/align", "align")["result"]
    assert [o["offer"] for o in every["offers"]] == ["original", "quarter-end", "revised-ask", "final"]
    assert {row["area"] for row in every["compare"]} >= {"pricing and usage"}
    one = answer(api, f"{V1}/align?offer=final", "align")["result"]
    assert [o["offer"] for o in one["offers"]] == ["final"] and one["offers"][0]["plan_total"] == "5752292.98"
    brief = answer(api, f"{V1}/plan", "plan")["result"]
    assert brief["batna_cost"] == f"{162_000 * 36}.00"  # the incumbent's monthly cost over the 36-month term
    drafts = answer(api, f"{V1}/clauses?offer=final", "clauses")["result"]
    assert [c["key"] for c in drafts["clauses"]] == [
        "definitions",
        "price",
        "usage",
        "sla",
        "milestones",
        "key_personnel",
        "exit",
    ]
    assert drafts["offer"] == "final" and drafts["missing"]
    kpis = answer(api, f"{V1}/kpis", "kpis", "POST")["result"]
    assert kpis["operation"].startswith("450-agent")
    assert kpis["feasible"] is all(f["feasible"] for f in kpis["feasibility"]) and kpis["feasibility"]


def test_reviews_are_listed_and_served(api: WebClient) -> None:
    listed = answer(api, "/api/deals/1/reviews", "reviews")["result"]
    assert [(r["id"], r["title"], r["href"]) for r in listed] == [(1, FIXTURE.name, "/api/deals/1/reviews/1")]
    found = answer(api, "/api/deals/1/reviews/1", "review")["result"]
    assert found["review"]["id"] == 1 and found["source"] == FIXTURE.name
    assert len(found["findings"]) == 21  # the review rules of issue 14, annual billing in advance among them
    assert "No transition assistance" in " ".join(found["missing"])


@pytest.mark.parametrize(
    ("url", "status", "field"),
    [
        ("/api/deals/9/versions/1/cost", 404, None),
        (f"{V1[:-1]}7/cost", 404, None),
        (f"{V1}/cost?offer=no-such-offer", 404, "offer"),
        (f"{V1}/cost?offer=Final", 422, "offer"),
        (f"{V1}/cost?offer=final%20offer", 422, "offer"),
        (f"{V1}/cost?offer={'x' * 65}", 422, "offer"),
        (f"{V1}/cost?lines=maybe", 422, "lines"),
        (f"{V1}/compare?baseline=nope", 404, "baseline"),
        (f"{V1}/compare?baseline=Original", 422, "baseline"),
        (f"{V1}/sla?offer=nope", 404, "offer"),
        (f"{V1}/sla?against=BAD", 422, "against"),
        (f"{V1}/align?offer=nope", 404, "offer"),
        (f"{V1}/clauses?offer=A", 422, "offer"),
        ("/api/deals/1/versions/0/plan", 422, "number"),
        ("/api/deals/9/reviews", 404, None),
        ("/api/deals/1/reviews/2", 404, None),
    ],
)
def test_bad_requests_fail_in_the_error_shape(api: WebClient, url: str, status: int, field: str | None) -> None:
    response = api.client.get(url)
    assert_error_shape(response, url, status)
    assert response.json()["error"].get("field") == field


def test_bad_goals_fail_in_the_error_shape(api: WebClient) -> None:
    headers = {"X-CSRF-Token": api.csrf}
    empty = api.client.post(f"{V1}/kpis", json={"goals": "  "}, headers=headers)
    assert_error_shape(empty, "/api", 422)
    assert empty.json()["error"]["field"] == "goals"
    broken = api.client.post(f"{V1}/kpis", json={"goals": "operation: x\ngoals: [\n"}, headers=headers)
    assert_error_shape(broken, "/api", 422)
    assert broken.json()["error"]["problems"][0]["file"] == "goals"
    unknown = api.client.post("/api/deals/1/versions/5/kpis", json={"goals": "x"}, headers=headers)
    assert_error_shape(unknown, "/api", 404)


@pytest.mark.parametrize(
    ("analysis", "args"),
    [
        ("compare", ["compare"]),
        ("align", ["align"]),
        ("plan", ["plan"]),
        ("clauses", ["clauses", "--offer", "final"]),
    ],
)
def test_the_api_answers_what_the_cli_answers(api: WebClient, analysis: str, args: list[str]) -> None:
    cli = run(*args, str(SEED), "--json")
    assert cli.exit_code == 0, cli.stderr
    url = f"{V1}/{analysis}" + ("?offer=final" if analysis == "clauses" else "")
    assert answer(api, url, analysis)["result"] == json.loads(cli.stdout)["result"]


def cached_rows(client: TestClient, engine: str) -> int:
    store: Store = client.app.state.store  # type: ignore[attr-defined]
    with store.read() as session:
        count: int = session.execute(select(func.count()).where(AnalysisRow.engine == engine)).scalar_one()
        return count


def test_tabs_and_api_share_cached_results(tmp_path: Path) -> None:
    """What a tab cached is the API's answer, and equals what the API computes by itself on another store."""
    urls = {"sla": f"{V1}/sla", "cost": f"{V1}/cost?offer=final&lines=true"}
    with client_at(tmp_path / "a") as tab_first, client_at(tmp_path / "b") as fresh:
        for web in (tab_first, fresh):
            _import(web, SEED.read_text(encoding="utf-8"))
        assert tab_first.client.get("/deals/1/sla").status_code == 200
        assert tab_first.client.get("/deals/1/cost/lines?offer=final").status_code == 200
        assert (cached_rows(tab_first.client, "sla"), cached_rows(tab_first.client, "cost-lines")) == (1, 1)
        for analysis, url in urls.items():
            assert answer(tab_first, url, analysis) == answer(fresh, url, analysis)
        assert (cached_rows(tab_first.client, "sla"), cached_rows(tab_first.client, "cost-lines")) == (1, 1)


@pytest.fixture(scope="module")
def euro_api(tmp_path_factory: pytest.TempPathFactory) -> Iterator[WebClient]:
    folder = tmp_path_factory.mktemp("euro")
    with client_at(folder / "db") as web:
        _import(web, example_in("EUR", folder, locale="de_DE").read_text(encoding="utf-8"))
        yield web


@pytest.mark.parametrize("name", ["cost", "compare", "sla", "align", "plan", "clauses"])
def test_a_deal_in_euros_is_served_in_euros(euro_api: WebClient, name: str) -> None:
    response = euro_api.client.get(f"{V1}/{name}")
    assert response.status_code == 200
    assert "$" not in response.text


def test_a_deal_without_an_sla_says_so(tmp_path: Path) -> None:
    with client_at(tmp_path / "db") as web:
        _import(web, deal_text())
        result = answer(web, f"{V1}/sla", "sla")["result"]
        assert result == {"offers_with_sla": [], "report": None, "note": "no offer in this version has an sla block"}
        cost = answer(web, f"{V1}/cost", "cost")["result"]
        assert cost["currency"] == "USD"
        assert cost["offers"][0]["total"] == f"{10 * 100 * 12 + 100_000 * Decimal('0.01') * 12:.2f}"


def test_docs_list_every_api_route(api: WebClient) -> None:
    """docs/web.md names every route under /api, as the app serves it ({id} for a deal, {n} for a version)."""
    docs = (ROOT / "docs" / "web.md").read_text(encoding="utf-8")
    served = [(method, path) for method, path in routes(api.client.app) if path.startswith("/api")]
    assert len(served) == 17
    missing = []
    for method, path in served:
        shown = path.replace("{deal_id}", "{id}").replace("{number}", "{n}")
        if not re.search(rf"`{method} {re.escape(shown)}[?` ]", docs):
            missing.append(f"{method} {shown}")
    assert missing == []
