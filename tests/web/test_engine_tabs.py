"""The engine tabs in process: each shows the engines' figures for the viewed version, caches them per version, and
answers unknown offers and bad input with the error shape."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import func, select

from principal.store import analyses
from principal.store.tables import AnalysisRow
from principal.web.tabs import cost as cost_tab
from tests.builders import deal_text
from tests.conftest import ROOT
from tests.web.conftest import WebClient
from tests.web.html_probe import cells, element, figure, text

GOALS = ROOT / "examples" / "ccaas-450" / "goals.yaml"


def cached_rows(web: WebClient, engine: str) -> int:
    store = web.client.app.state.store  # type: ignore[attr-defined]
    with store.read() as session:
        count: int = session.execute(select(func.count()).where(AnalysisRow.engine == engine)).scalar_one()
        return count


def test_the_workspace_shows_every_engine_tab_in_order(seeded: WebClient) -> None:
    page = seeded.client.get("/deals/1/cost").text
    nav = element(page, '<nav class="tabs"', "nav")
    assert (
        text(nav) == "Offers Cost Decide SLA Alignment Review Strategy Rehearse After signature Export History Comments"
    )
    assert '<a href="/deals/1/cost" aria-current="page">Cost</a>' in nav


def test_cost_tab_shows_totals_and_the_licence_saving_of_final_against_original(seeded: WebClient) -> None:
    page = seeded.client.get("/deals/1/cost").text
    totals = element(page, '<tr data-offer="final">', "tr")
    assert cells(totals) == [
        "final 36 months, go-live month 4, billed from month 1",
        "$1,893,700.00",
        "$1,917,366.00",
        "$1,941,226.98",
        "$5,752,292.98",
        "53.6%",
    ]
    savings = element(page, '<table class="list money-table savings" data-offer="final">', "table")
    assert "final saves $449,849.52 on the cost of switching over the term" in text(savings)
    licences = element(savings, '<tr data-lever="licences">', "tr")
    assert cells(licences) == ["seat price and quantity", "$64,800.00", "$67,392.00", "$70,094.16", "$202,286.16"]
    assert '<td class="num">$64,800.00</td>' in licences


def test_cost_tab_charts_come_from_the_engine_series(seeded: WebClient) -> None:
    page = seeded.client.get("/deals/1/cost").text
    cumulative = figure(page, "fig-cumulative")
    assert [t["name"] for t in cumulative["data"]] == ["original", "quarter-end", "revised-ask", "final", "staying"]
    final = cumulative["data"][3]
    # The cumulative cost of switching: 5,752,292.98 + 3 x 162,000 of dual running before the month-4 go-live.
    assert len(final["y"]) == 36 and final["y"][-1] == pytest.approx(6_238_292.98)
    assert cumulative["data"][4]["y"][0] == 162_000.0
    distribution = figure(page, "fig-distribution")
    assert [t["name"] for t in distribution["data"]] == ["original", "quarter-end", "revised-ask", "final"]
    assert all(sum(t["y"]) == cost_tab.DRAWS for t in distribution["data"])
    assert distribution["data"][0]["x"] == distribution["data"][3]["x"]
    assert '<script src="/static/vendor/plotly-basic.min.js?h=' in page


def test_cost_results_are_computed_once_per_version(seeded: WebClient, monkeypatch: pytest.MonkeyPatch) -> None:
    first = seeded.client.get("/deals/1/cost").text
    assert cached_rows(seeded, "cost") == 1

    def no_simulation(*args: Any, **kwargs: Any) -> Any:
        raise AssertionError("the simulation ran again on a cached page")

    monkeypatch.setattr(cost_tab, "simulate", no_simulation)
    assert seeded.client.get("/deals/1/cost").text == first
    assert cached_rows(seeded, "cost") == 1


def test_a_price_edit_changes_the_cost_tab_and_the_old_version_keeps_its_figures(seeded: WebClient) -> None:
    response: Any = seeded.post_form(
        "/deals/1/offers/final", {"base_version": "1", "licenses.0.unit_price": "139", "author": "Bo"}
    )
    assert response.status_code == 303
    latest = element(seeded.client.get("/deals/1/cost").text, '<tr data-offer="final">', "tr")
    # 450 seats x $4 less x 12 months = $21,600 in year 1, then with the 3% uplift: 22,248.00 and 22,915.44.
    assert cells(latest)[1:5] == ["$1,872,100.00", "$1,895,118.00", "$1,918,311.54", "$5,685,529.54"]
    old = element(seeded.client.get("/deals/1/cost?v=1").text, '<tr data-offer="final">', "tr")
    assert cells(old)[4] == "$5,752,292.98"
    assert cached_rows(seeded, "cost") == 2


def test_cost_lines_show_each_charge_with_its_formula(seeded: WebClient) -> None:
    fragment = seeded.client.get("/deals/1/cost/lines?offer=final", headers={"HX-Request": "true"})
    assert fragment.status_code == 200 and "<html" not in fragment.text
    rows = [cells(r) for r in fragment.text.split("<tr>")[2:]]
    assert rows[0] == ["1", "agent licences (named)", "450 seats x 143", "$64,350.00"]
    assert len(rows) == sum(1 for r in rows if r[0].isdigit())
    page = seeded.client.get("/deals/1/cost/lines?offer=final&v=1")
    assert page.status_code == 200 and "Back to the cost summary" in page.text
    details = seeded.client.get("/deals/1/cost").text
    assert 'hx-get="/deals/1/cost/lines?offer=final" hx-trigger="toggle once"' in details


def test_sla_tab_shows_allowed_downtime_credits_against_impact_and_chronic_odds(seeded: WebClient) -> None:
    page = seeded.client.get("/deals/1/sla").text
    assert 'option value="final" selected' in page and 'option value="original" selected' in page
    allowed = element(page, "<table", "table")
    rows = [cells(r) for r in allowed.split("<tr>")[2:]]
    assert [r[0] for r in rows] == ["voice_routing", "agent_desktop", "digital_channels"]
    assert rows[0][:5] == ["voice_routing", "99.95%", "20.16 min", "20.88 min", "21.6 min"]
    assert rows[2][-1] == "525.6 min"
    scenarios = element(page, '<table class="list money-table">', "table")
    row = next(r for r in scenarios.split("<tr>") if "down 4 hours once" in r)
    assert cells(row)[:3] == ["voice_routing down 4 hours once", "$608,400.00", "$15,785.00"]
    odds = text(element(page, '<table class="list money-table odds">', "table"))
    assert "final: chronic rule 1 fires within the term" in odds
    assert "original: chronic-failure exit none in the SLA" in odds
    chart = figure(page, "fig-scenarios")
    assert [t["name"] for t in chart["data"]] == [
        "cost of the outage to you",
        "credits under final",
        "credits under original",
    ]


def test_sla_tab_picks_offers_and_refuses_unknown_ones(seeded: WebClient) -> None:
    alone = seeded.client.get("/deals/1/sla?offer=original&against=original").text
    assert "Credits under original" in alone and "Credits under final" not in alone
    assert seeded.client.get("/deals/1/sla?offer=nope").status_code == 404
    assert seeded.client.get("/deals/1/sla?against=nope").status_code == 404


def test_alignment_tab_shows_the_scorecard_stress_tests_and_questions(seeded: WebClient) -> None:
    page = seeded.client.get("/deals/1/alignment").text
    scorecard = element(page, '<table class="list money-table scorecard">', "table")
    assert text(element(scorecard, "<thead>", "thead")) == "Area original quarter-end revised-ask final"
    sla_row = next(r for r in scorecard.split("<tr>") if "SLA and uptime" in r)
    # Exposure counts every test: three 2-hour misses cost 3 x 2 x (450 x $38 + 1,800 x $75) = $912,600, less
    # the $47,355 of credits the final offer pays.
    assert cells(sla_row)[4] == f"needs work ${3 * 2 * (450 * 38 + 1_800 * 75) - 47_355:,}"
    stress = element(page, '<tr data-test="usage+10">', "tr")
    assert cells(stress)[:4] == [
        "Usage 10% above forecast pricing and usage",
        "misaligned",
        "$289,542.00",
        "$289,542.00",
    ]
    questions = element(page, '<ol class="questions">', "ol")
    assert questions.count("<li>") >= 1
    other = seeded.client.get("/deals/1/alignment?offer=original").text
    assert 'Offer <span class="offer-name">original</span>' in other
    assert seeded.client.get("/deals/1/alignment?offer=nope").status_code == 404


def test_strategy_tab_shows_the_brief_packages_and_clause_drafts(seeded: WebClient) -> None:
    page = seeded.client.get("/deals/1/strategy").text
    # The legacy suite's $162,000 a month over 36 months, less the 3 months it runs alongside before go-live.
    assert f"Walk away above the alternative ${162_000 * 36:,}.00 - " in text(page)
    assert f"${162_000 * 33:,}.00" in text(page)
    packages = element(page, '<table class="list money-table packages">', "table")
    lead = next(r for r in packages.split("<tr>") if "license price led" in r)
    assert cells(lead)[:3] == ["license price led", "seat price", "$5,733,857.92"]
    assert "money may be left on the table" in packages
    # The roles are chosen on the page: another target builds another brief, labelled as chosen.
    chosen = seeded.client.get("/deals/1/strategy?target=final").text
    assert "Your ask (target): final , chosen for this brief" in text(chosen)
    assert seeded.client.get("/deals/1/strategy?target=nope").status_code == 404
    assert "Usage charges, volume bands and annual cap" in page
    original = seeded.client.get("/deals/1/strategy?offer=original").text
    assert 'option value="original" selected' in original
    assert seeded.client.get("/deals/1/strategy?offer=nope").status_code == 404


def test_kpis_from_pasted_goals_and_located_problems(seeded: WebClient) -> None:
    response: Any = seeded.post_form("/deals/1/strategy/kpis", {"goals_text": GOALS.read_text(encoding="utf-8")})
    assert response.status_code == 200
    kpis = element(response.text, '<table class="list kpis">', "table")
    assert kpis.count('<th scope="row">') == 16
    assert "remedies from offer final" in response.text
    feasibility = element(response.text, '<table class="list feasibility">', "table")
    assert "meets it" in feasibility or "falls short" in feasibility
    bad: Any = seeded.post_form("/deals/1/strategy/kpis", {"goals_text": "operation: x\ngoals:\n  - fly to the moon\n"})
    assert bad.status_code == 422
    assert "line 3, column 5" in bad.text and "cannot read this goal" in bad.text
    empty: Any = seeded.post_form("/deals/1/strategy/kpis", {"goals_text": " "})
    assert empty.status_code == 422 and "paste the goals" in empty.text


def test_kpis_from_an_uploaded_goals_file(seeded: WebClient) -> None:
    response: Any = seeded.client.post(
        "/deals/1/strategy/kpis",
        data={"csrf_token": seeded.csrf},
        files={"file": ("goals.yaml", GOALS.read_bytes(), "application/yaml")},
    )
    assert response.status_code == 200 and '<table class="list kpis">' in response.text
    wrong: Any = seeded.client.post(
        "/deals/1/strategy/kpis", data={"csrf_token": seeded.csrf}, files={"file": ("goals.exe", b"MZ", "x")}
    )
    assert wrong.status_code == 415


def test_cached_results_are_keyed_by_engine_version(seeded: WebClient) -> None:
    seeded.client.get("/deals/1/alignment")
    store = seeded.client.app.state.store  # type: ignore[attr-defined]
    with store.read() as session:
        row = session.execute(select(AnalysisRow).where(AnalysisRow.engine == "align")).scalar_one()
    assert row.engine_version.endswith("+align.3")
    assert analyses.cached_result(store, row.version_id, "align", row.engine_version, {}) == row.result_json


def test_every_tab_works_on_a_minimal_deal(web: WebClient, tmp_path: Path) -> None:
    minimal = deal_text(
        {
            "name": "Small pilot",
            "buyer": {"agents": 20, "forecasts": {"voice": {"expected": 50_000}}},
            "offers": {"only": {"licenses": [{"name": "agent", "kind": "named", "quantity": 20, "unit_price": 100}]}},
        }
    )
    # term: 20 seats x 100 x 12 = 24,000 plus 50,000 minutes x 0.01 x 12 = 6,000; usage is 6,000 / 30,000 = 20%
    assert web.post_form("/deals", {"yaml_text": minimal, "author": "ana"}).status_code == 303  # type: ignore[attr-defined]
    for tab in ("cost", "sla", "alignment", "review", "strategy"):
        assert web.client.get(f"/deals/1/{tab}").status_code == 200, tab
    cost = web.client.get("/deals/1/cost").text
    assert cells(element(cost, '<tr data-offer="only">', "tr"))[-2:] == ["$30,000.00", "20.0%"]
    assert "no budget" in cost and "no incumbent" in cost
    # No incumbent: staying is unknown, said plainly, and the question is asked (never read as 0).
    assert "The cost of staying is unknown: the deal does not give the incumbent's monthly cost" in text(cost)
    assert "What does the current platform cost a month, all in" in text(cost)
    assert "No offer in this version has an <code>sla:</code> block" in web.client.get("/deals/1/sla").text
