"""The strategy outputs speak the deal's currency: `plan`, `clauses` and `kpis` (human and --json), the web Strategy
tab and the brief's strategy sections on a EUR (de_DE) and a JPY copy of the example. No `$` anywhere; amounts
with the currency's decimals (none for JPY); the expected figures are worked out from the deal file by hand."""

from __future__ import annotations

import html
import json
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from principal.reports.brief.content import BriefContent, gather
from principal.reports.brief.document import Document
from principal.reports.brief.markdown_render import render_markdown
from principal.reports.brief.sections_strategy import asks_section, clauses_section, position_section
from principal.store.database import open_store
from tests.clirunner import run as cli
from tests.conftest import ROOT
from tests.currency_copies import example_in
from tests.web.conftest import WebClient, make_client
from tests.web.html_probe import element

GOALS = ROOT / "examples" / "ccaas-450" / "goals.yaml"
NBSP = "\xa0"

STAYING = 162_000 * 36  # the legacy suite: 162,000 a month for the 36-month term
WALK_AWAY = STAYING - 162_000 * 3  # less the three months the legacy suite runs alongside before the month-4 go-live
FEE = 280_000  # professional services in every offer
SHARES = {20: FEE * 20 // 100, 40: FEE * 40 // 100, 30: FEE * 30 // 100, 10: FEE * 10 // 100}


def eur(whole: int, cents: str = "00") -> str:
    """An amount as de_DE writes euros: 5.832.000,00 € (a no-break space before the sign)."""
    return f"{whole:,}".replace(",", ".") + f",{cents}{NBSP}€"


def yen(whole: int) -> str:
    return f"¥{whole:,}"


def eur_said(whole: int) -> str:
    """A whole amount as said aloud in de_DE: 280.000 € (no cents)."""
    return f"{whole:,}".replace(",", ".") + f"{NBSP}€"


CURRENCIES: dict[str, dict[str, Any]] = {
    "EUR": {"locale": "de_DE", "money": eur, "said": eur_said, "json": lambda n: f"{n}.00"},
    "JPY": {"locale": None, "money": yen, "said": yen, "json": str},
}


@pytest.fixture(scope="module", params=list(CURRENCIES))
def copy(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[str, Path]]:
    currency: str = request.param
    folder = tmp_path_factory.mktemp(currency.lower())
    yield currency, example_in(currency, folder, locale=CURRENCIES[currency]["locale"])


def text(fragment: str) -> str:
    """Visible text of an HTML fragment, runs of spaces and newlines collapsed (no-break spaces kept)."""
    return re.sub(r"[ \t\n]+", " ", html.unescape(re.sub(r"<[^>]+>", " ", fragment))).strip()


def amounts_have_the_currency_decimals(currency: str, output: str) -> None:
    """Every amount written has the currency's decimals: 2 for EUR, none for JPY (unit prices keep theirs)."""
    assert "$" not in output
    if currency == "JPY":
        # ¥0.012 per minute is a unit price, ¥5.7 million a figure said aloud; any other ¥ figure is whole yen.
        fractional = re.findall(r"¥[\d,]+\.\d+(?!\d)(?! per )(?! million)", output)
        assert fractional == []
        assert "€" not in output
    else:
        for decimals in re.findall(r"\d,(\d+)" + NBSP + "€", output):
            assert len(decimals) >= 2  # 0,0099 € a minute keeps its four; every amount has two
        assert re.search(r"\d\.\d{3},\d{2}" + NBSP + "€", output)
        assert "¥" not in output


def test_plan_human_output(copy: tuple[str, Path]) -> None:
    currency, deal = copy
    money, said = CURRENCIES[currency]["money"], CURRENCIES[currency]["said"]
    result = cli("plan", str(deal))
    assert result.exit_code == 0, result.output
    out = result.stdout
    amounts_have_the_currency_decimals(currency, out)
    assert f"Walk away above a term cost of {money(WALK_AWAY)}: the alternative {money(STAYING)} - " in out
    assert (
        f"BATNA (staying with the incumbent): stay on Legacy on-premises contact-center suite, {money(STAYING)} "
        "over the term" in out
    )
    assert "your words for it, 'stay on the legacy suite for the term and re-tender', are not tied to an offer" in out
    # What the buyer says aloud is rounded as people say it.
    assert f'Vendor: "{said(145)} a seat is already our best price' in out  # quarter-end's seat price
    assert f"The fee stays {said(FEE)}; only the timing moves." in out
    assert f"The last {said(SHARES[10])} follows stable operations." in out
    if currency == "EUR":  # de_DE writes every figure its way, percentages too
        assert "voice routing 99,95%, agent desktop 99,95%, digital channels 99,9%" in out
        assert "weight 1,2;" in out
    else:
        assert "voice routing 99.95%, agent desktop 99.95%, digital channels 99.9%" in out


def test_plan_json(copy: tuple[str, Path]) -> None:
    currency, deal = copy
    as_json, money = CURRENCIES[currency]["json"], CURRENCIES[currency]["money"]
    result = cli("plan", str(deal), "--json")
    assert result.exit_code == 0
    assert "$" not in result.stdout
    brief = json.loads(result.stdout)["result"]
    assert brief["currency"] == currency
    assert brief["walk_away"] == brief["zopa"]["buyer_reservation"] == as_json(WALK_AWAY)
    assert brief["batna_cost"] == as_json(STAYING) and brief["zopa"]["nash_price"] is None
    if currency == "JPY":  # every amount in whole yen
        figures = [brief["vendor_offer_cost"], brief["target_cost"], brief["vendor_reservation"]]
        figures += [p["term_cost"] for p in brief["packages"]] + [a["open_vs_vendor"] for a in brief["asks"]]
        assert all(re.fullmatch(r"-?\d+", figure) for figure in figures), figures
    objective = brief["objectives"][0]
    assert objective["values"]["walk_away"] == as_json(WALK_AWAY)
    assert f"never above {money(WALK_AWAY)}, your walk-away" in objective["text"]
    assert objective["template"].count("{") == 2  # {target} and {walk_away}: figures stay out of the template


def test_clauses_human_and_json(copy: tuple[str, Path]) -> None:
    currency, deal = copy
    money, as_json = CURRENCIES[currency]["money"], CURRENCIES[currency]["json"]
    result = cli("clauses", str(deal), "-o", "final")
    assert result.exit_code == 0
    out = result.stdout
    amounts_have_the_currency_decimals(currency, out)
    assert f"The fixed fee for Professional services (implementation) is {money(FEE)}" in out
    for percent, share in SHARES.items():
        assert f"{money(share)} ({percent}%)" in out
    rate = f"0,012{NBSP}€" if currency == "EUR" else "¥0.012"
    assert f"voice_inbound: {rate} per minute for the first " in out
    assert f"at {money(165)} per hour, fixed for the Term" in out
    payload = cli("clauses", str(deal), "-o", "final", "--json")
    assert payload.exit_code == 0 and "$" not in payload.stdout
    drafts = json.loads(payload.stdout)["result"]
    assert drafts["currency"] == currency
    milestones = next(c for c in drafts["clauses"] if c["key"] == "milestones")
    assert milestones["paragraphs"][0]["values"]["amount"] == as_json(FEE)
    assert f"is {money(FEE)}, payable only" in milestones["paragraphs"][0]["text"]


def _goals_for(deal: Path) -> Path:
    goals = deal.parent / f"goals-{deal.stem}.yaml"
    goals.write_text(GOALS.read_text(encoding="utf-8").replace("deal: deal.yaml", f"deal: {deal.name}"), "utf-8")
    return goals


def test_kpis_human_and_json(copy: tuple[str, Path]) -> None:
    currency, deal = copy
    money = CURRENCIES[currency]["money"]
    goals = _goals_for(deal)
    human = cli("kpis", str(goals))
    assert human.exit_code == 1  # the voice peak is under-staffed, whatever the currency
    assert "$" not in human.stdout
    assert f"terminate affected services (exit fee {money(0)})." in human.stdout
    result = cli("kpis", str(goals), "--json")
    assert "$" not in result.stdout
    report = json.loads(result.stdout)["result"]
    voice = next(k for k in report["kpis"] if k["name"] == "Component availability: voice routing")
    assert voice["remedy"]["values"]["fee"] == CURRENCIES[currency]["json"](0)
    assert voice["remedy"]["text"].endswith(f"(exit fee {money(0)}).")


def test_kpis_json_is_finite_when_the_queue_cannot_keep_up(tmp_path: Path) -> None:
    # 100 calls of 180 s in 30 minutes are 10 Erlangs; 10 positions at 30% shrinkage leave 7 agents, 1 leaves none.
    goals = tmp_path / "goals.yaml"
    goals.write_text(
        "operation: short-staffed\n"
        "staffing:\n"
        "  - {name: few, contacts: 100, aht_seconds: 180, positions: 10, shrinkage_percent: 30}\n"
        "  - {name: none, contacts: 100, aht_seconds: 180, positions: 1, shrinkage_percent: 30}\n"
        "goals:\n"
        "  - {kpi: asa, target: 30}\n"
        "  - {kpi: occupancy, target: 85}\n",
        encoding="utf-8",
    )
    result = cli("kpis", str(goals), "--json")
    assert result.exit_code == 1
    assert "Infinity" not in result.stdout and "NaN" not in result.stdout
    checks = json.loads(result.stdout)["result"]["feasibility"]
    assert [(c["plan"], c["agents_on_phones"], c["asa_seconds"]) for c in checks] == [
        ("few", 7, None),
        ("none", 0, None),
        ("few", 7, None),
        ("none", 0, None),
    ]
    assert all(c["offered_load"] == 10.0 and c["feasible"] is False for c in checks)
    human = cli("kpis", str(goals))
    assert human.exit_code == 1 and human.stdout.count("ASA without limit, occupancy 100.0%") == 4


def test_plan_without_a_zone_of_agreement(tmp_path: Path) -> None:
    deal = example_in("JPY", tmp_path)
    text_ = deal.read_text(encoding="utf-8").replace(
        "  target_offer: revised-ask", "  walk_away_tco: 4000000\n  target_offer: revised-ask", 1
    )
    deal.write_text(text_, encoding="utf-8")
    result = cli("plan", str(deal))
    assert result.exit_code == 0, result.output
    assert f"Walk away above a term cost of {yen(4_000_000)}: the walk-away stated in" in result.stdout
    assert "  No ZOPA: the vendor's estimated walk-away is above yours." in result.stdout
    assert "Nash bargaining package" not in result.stdout


@pytest.fixture(scope="module")
def strategy_pages(copy: tuple[str, Path], tmp_path_factory: pytest.TempPathFactory) -> Iterator[dict[str, str]]:
    currency, deal = copy
    # A milestone name with markup: the tab must show it as text, never as HTML.
    source = deal.read_text(encoding="utf-8").replace("Design sign-off", "Design <b>sign-off</b> & approval")
    store = open_store(f"sqlite:///{tmp_path_factory.mktemp('web') / 'principal.db'}")
    web = WebClient(make_client(store))
    created: Any = web.post_form("/deals", {"yaml_text": source, "author": "ana", "message": currency})
    assert created.status_code == 303
    pages = {"tab": web.client.get("/deals/1/strategy").text}
    goals = GOALS.read_text(encoding="utf-8")
    pages["kpis"] = web.post_form("/deals/1/strategy/kpis", {"goals_text": goals}).text  # type: ignore[attr-defined]
    yield pages
    store.close()


def test_strategy_tab(copy: tuple[str, Path], strategy_pages: dict[str, str]) -> None:
    currency, _ = copy
    money = CURRENCIES[currency]["money"]
    page = strategy_pages["tab"]
    assert "$" not in page
    amounts_have_the_currency_decimals(currency, text(page))
    # Statements are written by the deal's formatter, escaped.
    objectives = element(page[page.index("<h3>Objectives</h3>") :], "<ul>", "ul")
    assert f"never above {money(WALK_AWAY)}, your walk-away" in text(objectives)
    assert "Design &lt;b&gt;sign-off&lt;/b&gt; &amp; approval" in page and "<b>sign-off</b>" not in page
    # Amounts in the tables come through the money filter, in the deal's currency, decimals and locale.
    walk = next(row for row in page.split("<tr>") if "Walk away above" in row)
    assert text(walk).startswith("Walk away above the alternative ") and text(walk).endswith(money(WALK_AWAY))
    kpis = strategy_pages["kpis"]
    assert "$" not in kpis and f"(exit fee {money(0)})" in text(kpis)


@pytest.fixture(scope="module")
def brief_content(copy: tuple[str, Path]) -> BriefContent:
    from principal.loader import load_deal

    _, deal = copy
    return gather(load_deal(deal), source=deal.name)


def test_brief_strategy_sections(copy: tuple[str, Path], brief_content: BriefContent) -> None:
    currency, _ = copy
    money = CURRENCIES[currency]["money"]
    sections = (position_section(brief_content), asks_section(brief_content), clauses_section(brief_content))
    md = render_markdown(Document("strategy", "", sections))
    amounts_have_the_currency_decimals(currency, md)
    assert f"Walk away above a term cost of {money(WALK_AWAY)}: the alternative {money(STAYING)}" in md
    assert f"never above {money(WALK_AWAY)}, your walk-away" in md
    assert f"{money(SHARES[20])} (20%) on Design sign-off" in md
    assert "| license-price-led |" in md
