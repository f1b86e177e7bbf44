"""The headline of `principal cost` and `principal compare`: the cost of switching against the cost of staying."""

from __future__ import annotations

import json
from decimal import Decimal
from pathlib import Path

from tests.clirunner import run
from tests.conftest import SEED


def test_compare_json_carries_each_offers_dual_running_and_switching_against_staying() -> None:
    payload = json.loads(run("compare", str(SEED), "--json").stdout)["result"]
    final = payload["switching"]["final"]
    assert final["dual_running"] == "486000.00"  # 3 x 162,000 before the month-4 go-live
    assert final["contract"] == "5752292.98"
    assert final["switching"] == "6238292.98"  # 5,752,292.98 + 486,000.00
    assert final["staying"] == "5832000.00"  # 36 x 162,000
    assert final["difference"] == "406292.98"
    assert final["switching_beats_staying"] is False
    assert final["incumbent_end_month"] == 4 and final["end_rule"] == "moved"
    assert [d["path"] for d in final["defaults_used"]] == [
        "buyer.incumbent.notice_months",
        "buyer.incumbent.committed_until_month",
        "buyer.incumbent.overlap_months",
    ]
    assert len(final["questions"]) == 3
    assert final["headline"]["text"] == (
        "switching to final costs $6,238,292.98 over the term (new contract $5,752,292.98, dual running "
        "$486,000.00) against $5,832,000.00 for staying: $406,292.98 more"
    )
    for name, contract in (("original", "6202142.50"), ("quarter-end", "6031907.50"), ("revised-ask", "5735602.12")):
        sw = payload["switching"][name]
        assert sw["dual_running"] == "486000.00", name
        assert Decimal(sw["switching"]) == Decimal(contract) + Decimal("486000.00"), name
    versus = {v["offer"]: v for v in payload["versus_baseline"]}
    assert versus["final"]["basis"] == "cost of switching"
    assert versus["final"]["saving"] == "449849.52"  # the same go-live, so the same dual running on both sides


def test_cost_leads_with_switching_against_staying() -> None:
    out = run("cost", str(SEED), "--offer", "final").stdout
    headline = (
        "Switching to final costs $6,238,292.98 over the term (new contract $5,752,292.98, dual running "
        "$486,000.00) against $5,832,000.00 for staying: $406,292.98 more."
    )
    assert headline in out
    assert out.index(headline) < out.index("The new contract by contract year:")
    assert "The incumbent stops billing in month 4, when every agent has moved." in out
    assert "- buyer.incumbent.notice_months: no notice period" in out
    assert "How many months' notice does the incumbent's contract need" in out


def test_cost_lines_show_the_incumbents_lines_with_their_formula() -> None:
    payload = json.loads(run("cost", str(SEED), "-o", "final", "--json", "--lines").stdout)["result"]
    lines = payload["offers"][0]["switching"]["lines"]
    assert [(ln["month"], ln["category"], ln["amount"]) for ln in lines] == [
        (1, "dual_running", "162000.00"),
        (2, "dual_running", "162000.00"),
        (3, "dual_running", "162000.00"),
    ]
    assert lines[0]["formula"] == "162000 a month, no agent moved yet"


def test_simulated_switching_against_staying() -> None:
    result = run("cost", str(SEED), "--offer", "final", "--simulate", "4000", "--seed", "1")
    assert result.exit_code == 0
    assert "cost of switching" in result.stdout and "switching - staying" in result.stdout
    assert "P(switching beats staying) = 0.0%" in result.stdout
    assert "Dual running and early termination (fixed): $486,000.00" in result.stdout


NO_INCUMBENT = """\
name: greenfield
buyer:
  agents: 20
  forecasts:
    minutes: {unit: minute, expected: 50000}
offers:
  only:
    term_months: 12
    licenses: [{name: agent, quantity: 20, unit_price: 100}]
    usage: [{name: voice, forecast: minutes, rate_card: {kind: flat, rate: 0.01}}]
"""


def test_without_an_incumbent_staying_is_unknown_and_the_question_is_asked(tmp_path: Path) -> None:
    path = tmp_path / "greenfield.yaml"
    path.write_text(NO_INCUMBENT, encoding="utf-8")
    out = run("cost", str(path), "--simulate", "500").stdout
    assert (
        "The new contract costs $30,000.00 over the term; the cost of staying and of running the incumbent "
        "alongside are unknown, because the deal does not give the incumbent's monthly cost."
    ) in out  # 12 x 20 x 100 + 12 x 50,000 x 0.01
    assert "What does the current platform cost a month, all in" in out
    assert "Switching against staying: unknown" in out
    compared = json.loads(run("compare", str(path), "--json").stdout)["result"]["switching"]["only"]
    assert compared["known"] is False
    assert compared["staying"] is None and compared["dual_running"] is None and compared["switching"] is None
    assert compared["contract"] == "30000.00"
