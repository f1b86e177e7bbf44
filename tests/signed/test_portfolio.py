"""`principal portfolio`: the signed example with imported comparables; quartiles worked by hand, each comparable
cited, currencies never mixed, and a bad comparables row located."""

from __future__ import annotations

import json
from decimal import Decimal
from pathlib import Path

from tests.clirunner import run
from tests.conftest import ROOT

SIGNED = str(ROOT / "examples" / "ccaas-450" / "signed-deal.yaml")
D = Decimal
COMPARABLES = (
    "metric,value,currency,source,label,as_of\n"
    "cost_per_agent_month,160.00,USD,Peer benchmark 2026,Peer A,2026-06-01\n"
    "cost_per_agent_month,151.50,USD,Peer benchmark 2026,Peer B,\n"
    "per_minute_rate,0.011,USD,Peer contract,Peer A,\n"
    "cost_per_agent_month,140,EUR,EU peer,Peer C,\n"
)


def _portfolio(tmp_path: Path, text: str = COMPARABLES) -> dict:  # type: ignore[type-arg]
    path = tmp_path / "comparables.csv"
    path.write_text(text)
    result = run("portfolio", SIGNED, "--comparables", str(path), "--as-of", "2027-06-15", "--json")
    assert result.exit_code == 0, result.output
    return json.loads(result.stdout)["result"]["portfolio"]  # type: ignore[no-any-return]


def test_quartiles_from_own_deal_and_imported_rows(tmp_path: Path) -> None:
    data = _portfolio(tmp_path)
    own = [c for c in data["comparables"] if c["source"].startswith(SIGNED)]
    per_agent = next(c for c in own if c["metric"] == "cost_per_agent_month")
    own_value = D(per_agent["value"])
    assert "offers.final" in per_agent["source"] and "/ 450 agents / 36 months" in per_agent["source"]
    imported = [c["source"] for c in data["comparables"] if not c["source"].startswith(SIGNED)]
    assert imported[0].endswith("comparables.csv:2 (Peer benchmark 2026)")
    usd = sorted([D("151.50"), D("160.00"), own_value])
    quart = {(q["metric"], q["currency"]): q for q in data["quartiles"]}
    agent = quart["cost_per_agent_month", "USD"]
    assert agent["count"] == 3
    assert D(agent["p25"]) == usd[0] + (usd[1] - usd[0]) / 2
    assert D(agent["median"]) == usd[1]
    assert D(agent["p75"]) == usd[1] + (usd[2] - usd[1]) / 2
    assert ("cost_per_agent_month", "EUR") not in quart  # one EUR figure: no quartiles, and never converted
    minute = quart["per_minute_rate", "USD"]  # own 0.012 (voice_inbound first band), 0.0125 (outbound), 0.011
    assert (D(minute["p25"]), D(minute["median"]), D(minute["p75"])) == (D("0.0115"), D("0.012"), D("0.01225"))


def test_the_deal_line_ahead_of_its_deadlines(tmp_path: Path) -> None:
    [deal] = _portfolio(tmp_path)["deals"]
    # the holdback (2027-06-01) is past on 2027-06-15; next: the year-2 increase notice, 2028-01-01 - 60 days
    assert (deal["next_deadline"]["kind"], deal["next_deadline"]["day"]) == ("price_increase_notice", "2027-11-02")
    assert deal["renewal"]["day"] == "2030-01-01"
    assert deal["spend_year"] == 1


def test_a_bad_comparables_row_is_located(tmp_path: Path) -> None:
    path = tmp_path / "bad.csv"
    path.write_text("metric,value,currency\ncost_per_agent_month,cheap,USD\nper_seat,1,US\n")
    result = run("portfolio", SIGNED, "--comparables", str(path))
    assert result.exit_code == 2
    assert f"{path}:2:2: value:" in result.stderr
    assert f"{path}:3:1: metric: unknown metric 'per_seat'" in result.stderr
    assert f"{path}:3:3: currency:" in result.stderr
