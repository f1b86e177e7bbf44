"""SLA figures in the deal's own currency: EUR (de_DE) and JPY copies of the example through `principal sla` (text
and --json, with --against, --outages and a seeded --simulate), the web SLA tab and the brief's SLA section.

The expected figures are worked here by hand from the example's prices and downtime costs, then rounded half-up to
the currency's minor unit: whole yen for JPY, where a credit of 5% of 157,850 (7,892.5) is paid as 7,893.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from decimal import ROUND_HALF_UP, Decimal
from pathlib import Path
from typing import Any

import pytest

from principal.store.database import open_store
from tests.clirunner import run
from tests.currency_copies import example_in
from tests.golden import console_width
from tests.sla.conftest import FIXTURES
from tests.web.conftest import WebClient, make_client
from tests.web.html_probe import cells, element

SAMPLE = FIXTURES / "sample.csv"
FULL_RUN = ("--offer", "final", "--against", "original", "--outages", str(SAMPLE), "--simulate", "300", "--seed", "9")
NBSP = "\xa0"

# Monthly fee bases (first live month at plan volumes), from the example's prices:
# final: 450 seats x 143 + inbound 2M x 0.012 + 2M x 0.0099 + outbound 520k x 0.0125 + 600k x 0.0095
#        + bots 120k x 0.25 + summaries 250k x 0.03
FINAL_BASE = (
    450 * 143
    + 2_000_000 * Decimal("0.012")
    + 2_000_000 * Decimal("0.0099")
    + 520_000 * Decimal("0.0125")
    + 600_000 * Decimal("0.0095")
    + 120_000 * Decimal("0.25")
    + 250_000 * Decimal("0.03")
)
# original: 450 x 155 + 4M x 0.012 + 1.12M x 0.0125 + 120k x 0.25 + 250k x 0.03
ORIGINAL_BASE = (
    450 * 155
    + 4_000_000 * Decimal("0.012")
    + 1_120_000 * Decimal("0.0125")
    + 120_000 * Decimal("0.25")
    + 250_000 * Decimal("0.03")
)
# One hour of voice down: 450 agents idle x 38 + 1,800 contacts x 100% lost x 75
VOICE_HOUR = 450 * 38 + 1_800 * 75

MONEY_KEYS = {
    "monthly_amount",
    "licenses",
    "recurring",
    "usage",
    "all_monthly",
    "fee_base_amount",
    "cap_amount",
    "credit_before_cap",
    "credit_after_cap",
    "credit_paid",
    "credits_paid",
    "credits_forfeited",
    "idle_payroll",
    "lost_contacts",
    "total",
    "fee_base_monthly",
    "cap_amount_monthly",
    "minimum_credit",
    "termination_fee",
    "p10",
    "p50",
    "p90",
    "mean",
    "mean_forfeited_per_term",
}


def whole(value: Decimal) -> int:
    """Half-up to a whole unit: 7,892.5 -> 7,893."""
    return int(value.quantize(Decimal(1), rounding=ROUND_HALF_UP))


def percent_of(base: Decimal, percent: int) -> Decimal:
    return base * percent / 100


def yen(value: int) -> str:
    return f"¥{value:,}"


def euro(value: Decimal) -> str:
    """de_DE: 7.892,50 € (a no-break space before the sign)."""
    text = f"{value.quantize(Decimal('0.01'), rounding=ROUND_HALF_UP):,.2f}"
    return text.replace(",", "_").replace(".", ",").replace("_", ".") + NBSP + "€"


def money_values(data: Any, key: str = "") -> Iterator[str]:
    """Every figure under a money key of the JSON result (statement values excluded)."""
    if isinstance(data, dict):
        if "template" in data and "values" in data:
            return
        for k, v in data.items():
            yield from money_values(v, k)
    elif isinstance(data, list):
        for item in data:
            yield from money_values(item, key)
    elif key in MONEY_KEYS and isinstance(data, str):
        yield data


@pytest.fixture(scope="module")
def copies(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    folder = tmp_path_factory.mktemp("currencies")
    return {"EUR": example_in("EUR", folder, locale="de_DE"), "JPY": example_in("JPY", folder)}


@pytest.fixture(scope="module")
def text_output(copies: dict[str, Path]) -> dict[str, str]:
    out = {}
    for currency, path in copies.items():
        with console_width(200):
            result = run("sla", str(path), *FULL_RUN)
        assert result.exit_code == 0, result.output
        out[currency] = result.stdout
    return out


@pytest.fixture(scope="module")
def json_output(copies: dict[str, Path]) -> dict[str, dict[str, Any]]:
    out = {}
    for currency, path in copies.items():
        result = run("sla", str(path), *FULL_RUN, "--json")
        assert result.exit_code == 0, result.output
        out[currency] = json.loads(result.stdout)
    return out


# the CLI, as text -----------------------------------------------------------------------------------------------


@pytest.mark.parametrize("currency", ["EUR", "JPY"])
def test_text_has_no_dollar_sign(text_output: dict[str, str], currency: str) -> None:
    assert "$" not in text_output[currency]
    assert ("€" if currency == "EUR" else "¥") in text_output[currency]


def test_text_in_yen_has_whole_yen_credits(text_output: dict[str, str]) -> None:
    out = text_output["JPY"]
    assert f"Fee base for credits: all_monthly = {yen(whole(FINAL_BASE))} a month" in out
    # January of the sample log: voice misses its target, 5% of the final's fee base
    assert f"{yen(whole(percent_of(FINAL_BASE, 5)))}, claim by 2027-03-02" in out
    assert yen(7_893) in out  # the same figure, written out
    # the log's six windows: 5%, 5%, 10%, capped at 15% twice, each credit paid in whole yen
    paid = (
        2 * whole(percent_of(FINAL_BASE, 5)) + whole(percent_of(FINAL_BASE, 10)) + 2 * whole(percent_of(FINAL_BASE, 15))
    )
    assert paid == 78_927
    assert f"credits {yen(paid)} (forfeited ¥0)" in out
    assert re.search(r"¥[\d,]+\.\d", out) is None  # no amount with decimals


def test_text_in_euro_follows_the_german_locale(text_output: dict[str, str]) -> None:
    out = text_output["EUR"]
    assert f"Fee base for credits: all_monthly = {euro(FINAL_BASE)} a month" in out
    assert euro(FINAL_BASE) == "157.850,00\xa0€"
    paid = 2 * percent_of(FINAL_BASE, 5) + percent_of(FINAL_BASE, 10) + 2 * percent_of(FINAL_BASE, 15)
    assert f"credits {euro(paid)} (forfeited {euro(Decimal(0))})" in out
    assert "Totals: 580,00 outage minutes, 420,00 counted" in out
    # the 45-minute voice scenario: impact 152,100 x 0.75, credits 5% under each design, share 6.9% of the impact
    assert euro(VOICE_HOUR * Decimal("0.75")) in out
    assert f"{euro(percent_of(FINAL_BASE, 5))} (6,9%)" in out


# the CLI, as JSON -----------------------------------------------------------------------------------------------


@pytest.mark.parametrize(("currency", "shape"), [("EUR", r"^\d+\.\d\d$"), ("JPY", r"^\d+$")])
def test_json_amounts_have_the_currency_decimals(
    json_output: dict[str, dict[str, Any]], currency: str, shape: str
) -> None:
    data = json_output[currency]
    assert data["result"]["currency"] == currency
    figures = list(money_values(data["result"]["report"]))
    assert len(figures) > 400  # replay windows, scenarios, simulations of both designs
    assert [f for f in figures if not re.match(shape, f)] == []
    assert "$" not in json.dumps(data, ensure_ascii=False)


def test_json_in_yen_rounds_each_credit_to_whole_yen(json_output: dict[str, dict[str, Any]]) -> None:
    report = json_output["JPY"]["result"]["report"]
    assert report["fee_base"]["monthly_amount"] == str(whole(FINAL_BASE)) == "157850"
    replay = report["replay"]
    assert replay["windows"][0]["credit_paid"] == str(whole(percent_of(FINAL_BASE, 5))) == "7893"
    assert replay["windows"][3]["cap_amount"] == str(whole(percent_of(FINAL_BASE, 15))) == "23678"
    assert replay["credits_paid"] == "78927"
    scenarios = {s["name"]: s for s in report["comparison"]["scenarios"]}
    four_hours = scenarios["voice_routing down 4 hours once"]
    assert four_hours["figures"][0]["impact"]["total"] == str(VOICE_HOUR * 4) == "608400"
    assert [f["credits_paid"] for f in four_hours["figures"]] == [
        str(whole(percent_of(FINAL_BASE, 10))),
        str(whole(percent_of(ORIGINAL_BASE, 10))),
    ]
    once = scenarios["voice_routing down 45 minutes once"]
    assert [f["credits_paid"] for f in once["figures"]] == ["7893", "8463"]  # 7,892.5 and 8,462.5, half-up
    repeated = scenarios["voice_routing down 45 minutes in months 1, 3 and 5"]
    # the final escalates 5 -> 10 -> 15%; the original pays 5% three times; each window's credit in whole yen
    final = sum(whole(percent_of(FINAL_BASE, p)) for p in (5, 10, 15))
    original = 3 * whole(percent_of(ORIGINAL_BASE, 5))
    assert [f["credits_paid"] for f in repeated["figures"]] == [str(final), str(original)] == ["47356", "25389"]


def test_json_statements_are_in_words(json_output: dict[str, dict[str, Any]]) -> None:
    rule = json_output["EUR"]["result"]["report"]["chronic_rules"][0]
    assert rule["text"] == "3 missed windows (voice_routing) within any 6 windows: terminate_affected, no exit fee"
    assert rule["values"]["count"] == 3


def test_simulation_in_yen_is_seeded_and_in_whole_yen(copies: dict[str, Path]) -> None:
    args = ("sla", str(copies["JPY"]), "--offer", "original", "--simulate", "200", "--seed", "4", "--json")
    first, again = run(*args), run(*args)
    assert first.exit_code == 0 and first.stdout == again.stdout
    simulation = json.loads(first.stdout)["result"]["report"]["simulation"]
    assert simulation["seed"] == 4 and simulation["runs"] == 200
    figures = [*simulation["yearly_credits"].values(), *simulation["yearly_impact"].values()]
    assert len(figures) == 8 and all(re.fullmatch(r"\d+", f) for f in figures)


def test_an_exit_fee_is_written_in_the_deal_currency(copies: dict[str, Path], tmp_path: Path) -> None:
    text = copies["JPY"].read_text(encoding="utf-8")
    assert text.count("termination_fee: 0\n") == 1
    path = tmp_path / "deal-fee.yaml"
    path.write_text(text.replace("termination_fee: 0\n", "termination_fee: 250000.4\n"), encoding="utf-8")
    result = run("sla", str(path), "--offer", "final")
    assert result.exit_code == 0, result.output
    assert "terminate_affected, exit fee ¥250,000" in result.stdout


# the web SLA tab ------------------------------------------------------------------------------------------------


def sla_page(copy: Path, folder: Path) -> str:
    store = open_store(f"sqlite:///{folder / 'principal.db'}")
    try:
        web = WebClient(make_client(store))
        created = web.post_form(
            "/deals", {"yaml_text": copy.read_text(encoding="utf-8"), "author": "ana", "message": "Imported"}
        )
        assert created.status_code == 303  # type: ignore[attr-defined]
        response = web.client.get("/deals/1/sla")
        assert response.status_code == 200
        return response.text
    finally:
        store.close()


def scenario_cells(page: str, name: str) -> list[str]:
    table = element(page, '<table class="list money-table">', "table")
    return cells(next(r for r in table.split("<tr>") if name in r))


def test_web_tab_in_yen(copies: dict[str, Path], tmp_path: Path) -> None:
    page = sla_page(copies["JPY"], tmp_path)
    assert "$" not in page
    assert f"{yen(whole(FINAL_BASE))} a month" in page
    # the tab compares final (the latest offer) with the baseline original
    assert scenario_cells(page, "down 4 hours once")[:5] == [
        "voice_routing down 4 hours once",
        yen(VOICE_HOUR * 4),
        yen(whole(percent_of(FINAL_BASE, 10))),
        "2.6%",
        "no",
    ]
    assert scenario_cells(page, "down 45 minutes once")[2] == yen(whole(percent_of(FINAL_BASE, 5))) == "¥7,893"
    odds = element(page, '<table class="list money-table odds">', "table")
    assert re.search(r"¥[\d,]+\.\d", page) is None and "¥" in odds
    # the page puts the remedy's code in words
    assert "3 missed windows (voice_routing) within any 6 windows: end the affected services, no exit fee" in page


def test_web_tab_in_euro(copies: dict[str, Path], tmp_path: Path) -> None:
    page = sla_page(copies["EUR"], tmp_path)
    assert "$" not in page
    row = scenario_cells(page, "down 45 minutes once")  # cells() reads the no-break space as a space
    assert row[1:3] == [euro(VOICE_HOUR * Decimal("0.75")).replace(NBSP, " "), "7.892,50 €"]
    assert f'<td class="num">{euro(percent_of(FINAL_BASE, 5))}</td>' in page


# the brief's SLA section ----------------------------------------------------------------------------------------


def sla_section(copy: Path, folder: Path) -> str:
    out = folder / f"{copy.stem}.md"
    result = run("export", str(copy), "-o", str(out))
    assert result.exit_code == 0, result.output
    text = out.read_text(encoding="utf-8")
    start = text.index("## Service levels")
    end = text.find("\n## ", start + 1)
    return text[start : end if end > 0 else len(text)]


def test_brief_section_in_yen(copies: dict[str, Path], tmp_path: Path) -> None:
    section = sla_section(copies["JPY"], tmp_path)
    assert "$" not in section
    assert f"all monthly: {yen(whole(FINAL_BASE))} a month" in section
    assert f"15% = {yen(whole(percent_of(FINAL_BASE, 15)))} a month" in section  # 23,677.5 -> 23,678
    # the brief replays the baseline (original) against the buyer's target; 45 minutes of voice once
    once = f"| voice_routing down 45 minutes once | original | 1 | {yen(whole(percent_of(ORIGINAL_BASE, 5)))} |"
    assert once in section and "¥8,463" in once
    assert f"| {yen(VOICE_HOUR * 4)} |" in section
    assert re.search(r"¥[\d,]+\.\d", section) is None


def test_brief_section_in_euro(copies: dict[str, Path], tmp_path: Path) -> None:
    section = sla_section(copies["EUR"], tmp_path)
    assert "$" not in section
    assert f"all monthly: {euro(FINAL_BASE)} a month" in section
    assert f"| voice_routing down 45 minutes once | original | 1 | {euro(percent_of(ORIGINAL_BASE, 5))} |" in section
    assert "| platform (99,9%) | 40,32 min |" in section
