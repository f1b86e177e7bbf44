"""`principal cost` and `principal compare` on EUR (German locale) and JPY copies of the example: every amount in the
deal's currency with its decimals (none for yen), rounded once, and no `$` anywhere, for people and in --json."""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

import pytest

from tests.clirunner import run
from tests.cost.currency_deals import NBSP, deal_in

# The original offer's licences over the term: 450 seats x 155 x 12 months x (1 + 1.05 + 1.05^2) = 2,638,642.50,
# which is 2,638,643 whole yen (rounded half-up once, from the exact figure).
LICENCES = "2638642.50"
LICENCES_YEN = "2638643"
# Its years: 837,000 + 280,000 one-time + 895,500 usage; then 2,072,850; then 2,116,792.50 -> 2,116,793 yen.
YEARS_YEN = ["2012500", "2072850", "2116793"]
# final against original saves 449,849.52 (licences 64,800 in year 1 = (155 - 143) x 450 x 12): 449,850 yen.
SAVING_YEN = "449850"

COMMANDS = [
    pytest.param(("cost", "--lines"), id="cost-lines"),
    pytest.param(("cost", "--simulate", "400", "--offer", "final"), id="cost-simulate"),
    pytest.param(("compare",), id="compare"),
]


@pytest.fixture(scope="module")
def deals(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    folder = tmp_path_factory.mktemp("currencies")
    return {"EUR": deal_in("EUR", folder, locale="de_DE"), "JPY": deal_in("JPY", folder)}


def result_of(*args: str) -> Any:
    outcome = run(*args, "--json")
    assert outcome.exit_code == 0, outcome.output
    return json.loads(outcome.stdout)["result"]


@pytest.mark.parametrize("as_json", [False, True], ids=["people", "json"])
@pytest.mark.parametrize("currency", ["EUR", "JPY"])
@pytest.mark.parametrize("command", COMMANDS)
def test_no_dollar_sign_in_any_output(
    deals: dict[str, Path], command: tuple[str, ...], currency: str, as_json: bool
) -> None:
    name, *options = command
    outcome = run(name, str(deals[currency]), *options, *(["--json"] if as_json else []))
    assert outcome.exit_code == 0, outcome.output
    assert "$" not in outcome.output
    if as_json:
        assert json.loads(outcome.stdout)["result"]["currency"] == currency
    elif currency == "JPY":
        assert "¥" in outcome.stdout and not re.search(r"¥-?[\d,]+\.\d", outcome.stdout)
    else:
        assert f"{NBSP}€" in outcome.stdout and not re.search(r"\d\.\d\d" + NBSP + "€", outcome.stdout)


def test_cost_json_in_yen_has_whole_amounts(deals: dict[str, Path]) -> None:
    offer = result_of("cost", str(deals["JPY"]), "--offer", "original", "--lines")["offers"][0]
    assert offer["by_category"]["licenses"] == LICENCES_YEN
    assert [y["total"] for y in offer["years"]] == YEARS_YEN
    assert offer["total"] == "6202143"  # 6,202,142.50 rounded once
    assert offer["vendor_view"]["by_meter"]["voice_inbound"] == {
        "monthly_at_vendor_estimate": "40500",  # 3,375,000 minutes x 0.012
        "monthly_at_buyer_plan": "48000",  # 4,000,000 minutes x 0.012
    }
    first = offer["lines"][0]
    assert (first["amount"], first["exact_amount"], first["unit_price"]) == ("69750", "69750", "155")
    amounts = [offer["total"], *offer["by_category"].values(), *offer["months"]]
    amounts += [ln["amount"] for ln in offer["lines"]]
    assert all(re.fullmatch(r"-?\d+", a) for a in amounts)
    year_three = [ln for ln in offer["lines"] if ln["year"] == 3 and ln["category"] == "licenses"]
    assert year_three[0]["exact_amount"] == "76899.3750"  # 450 x 155 x 1.1025: kept exact beside the rounded 76899
    assert year_three[0]["amount"] == "76899"


def test_cost_json_in_euro_keeps_cents(deals: dict[str, Path]) -> None:
    offer = result_of("cost", str(deals["EUR"]), "--offer", "original")["offers"][0]
    assert offer["by_category"]["licenses"] == LICENCES
    assert [y["total"] for y in offer["years"]] == ["2012500.00", "2072850.00", "2116792.50"]


def test_compare_json_in_yen(deals: dict[str, Path]) -> None:
    result = result_of("compare", str(deals["JPY"]))
    assert result["offers"]["original"]["by_category"]["licenses"] == LICENCES_YEN
    final = next(v for v in result["versus_baseline"] if v["offer"] == "final")
    assert final["saving"] == SAVING_YEN
    licences = next(lv for lv in final["levers"] if lv["lever"] == "licences")
    assert licences["by_year"] == ["64800", "67392", "70094"]  # 64,800 x 1.04, x 1.04^2 = 70,094.16
    assert result["incumbent_monthly"] == "162000"
    switching = result["switching"]["final"]
    # 5,752,292.98 + 3 x 162,000 = 6,238,292.98 against 36 x 162,000, each rounded once to the whole yen.
    assert (switching["dual_running"], switching["switching"], switching["staying"], switching["difference"]) == (
        "486000",
        "6238293",
        "5832000",
        "406293",
    )


def test_people_read_yen_without_decimals(deals: dict[str, Path]) -> None:
    compared = run("compare", str(deals["JPY"])).stdout
    assert (
        "final vs original: saves ¥449,850 on the cost of switching over the term "
        "(¥118,800, ¥155,484, ¥175,566 by year)"
    ) in compared
    # 5,752,292.98 + 3 x 162,000 = 6,238,292.98 against 36 x 162,000 = 5,832,000, to the whole yen.
    assert "¥6,238,293" in compared and "¥5,832,000" in compared and "¥406,293" in compared
    assert "Incumbent: ¥162,000 a month." in compared
    cost = run("cost", str(deals["JPY"]), "--offer", "original").stdout
    assert "¥2,638,643" in cost and "¥2,116,793" in cost


def test_people_read_euro_the_german_way(deals: dict[str, Path]) -> None:
    cost = run("cost", str(deals["EUR"]), "--offer", "original").stdout
    assert f"2.638.642,50{NBSP}€" in cost
    assert f"Budget year 1: 2.012.500,00{NBSP}€ against 1.950.000,00{NBSP}€: over by 62.500,00{NBSP}€" in cost
    assert "Usage-based share of spend: 52,9%" in cost  # 3,283,500 / 6,202,142.50
    compared = run("compare", str(deals["EUR"])).stdout
    assert f"final vs original: saves 449.849,52{NBSP}€ on the cost of switching over the term" in compared
    assert f"6.238.292,98{NBSP}€" in compared and f"406.292,98{NBSP}€" in compared
    final = run("cost", str(deals["EUR"]), "--offer", "final").stdout
    assert (
        f"Switching to final costs 6.238.292,98{NBSP}€ over the term (new contract 5.752.292,98{NBSP}€, dual running "
        f"486.000,00{NBSP}€) against 5.832.000,00{NBSP}€ for staying: 406.292,98{NBSP}€ more."
    ) in final
