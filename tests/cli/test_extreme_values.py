"""Valid deals at the edges of the model never crash an engine: figures stay exact, commands exit 0.

Each deal here once ended in a traceback (issue 19): amounts too long for Decimal's 28-digit rounding, 0 ** 0 when
volume or the incumbent's cost shrinks by 100% a year, 0 / 0 in a simulated usage share, a zero acceptance scale
when the vendor's offer costs nothing. Expected figures are worked out by hand in the comments.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.clirunner import run
from tests.fuzzing.outcomes import strict_json

SHRINKING = """name: Shrinking volume
buyer:
  agents: 100
  forecasts:
    voice: {unit: minute, expected: 100000, growth_percent: -100}
  incumbent: {monthly_cost: 30000, annual_growth_percent: -100}
offers:
  base:
    term_months: 24
    licenses:
      - {name: agent, quantity: 100, unit_price: 120}
    usage:
      - name: voice
        forecast: voice
        rate_card: {kind: flat, rate: 0.01}
    sla:
      components: [{name: voice_routing, target: 99.9}]
      credits: {tiers: [{below: 99.9, percent: 10}]}
"""

AT_THE_BOUNDS = """name: Everything at the model's upper bounds
buyer:
  agents: 1000000
  forecasts:
    voice: {unit: minute, expected: 1000000000000}
  incumbent: {monthly_cost: 1000000000000000}
  downtime: {loaded_cost_per_agent_hour: 1000000000000000, contacts_per_hour: 1000000000000,
             value_per_lost_contact: 1000000000000000}
offers:
  base:
    term_months: 24
    licenses:
      - {name: agent, quantity: 1000000000000, unit_price: 1000000000000}
    usage:
      - name: voice
        forecast: voice
        rate_card: {kind: flat, rate: 1000000000000}
    sla:
      components:
        - {name: voice_routing, target: 99.9}
      credits:
        tiers: [{below: 99.9, percent: 100}]
"""

OUTAGES = """start,end,component
2027-01-12T09:30:00Z,2027-01-12T20:05:00Z,voice_routing
"""

COMMANDS = (["sla"], ["align"], ["plan"], ["compare"], ["clauses"], ["cost", "-n", "50"])


def result(*args: str) -> dict[str, object]:
    out = run(*args, "--json")
    assert out.exit_code == 0, out.stderr
    assert strict_json(out.stdout) is None
    payload: dict[str, object] = json.loads(out.stdout)["result"]
    return payload


def offer_cost(path: Path) -> dict[str, object]:
    offers = result("cost", str(path))["offers"]
    assert isinstance(offers, list)
    first: dict[str, object] = offers[0]
    return first


def test_volume_and_incumbent_shrinking_by_100_percent_end_after_year_one(tmp_path: Path) -> None:
    deal = tmp_path / "deal.yaml"
    deal.write_text(SHRINKING)
    cost = offer_cost(deal)
    # licences 100 x 120 x 24 = 288,000; usage 100,000 x 0.01 = 1,000 a month in year 1 only = 12,000
    assert cost["total"] == "300000.00"
    # the incumbent: 30,000 x 12 in year 1, nothing in year 2
    assert cost["incumbent_term_cost"] == "360000.00"


def test_amounts_at_the_bounds_stay_exact_through_every_command(tmp_path: Path) -> None:
    deal = tmp_path / "deal.yaml"
    deal.write_text(AT_THE_BOUNDS)
    # (10^12 seats x 10^12 + 10^12 minutes x 10^12) a month x 24 months = 4.8 x 10^25, 29 digits with the cents
    assert offer_cost(deal)["total"] == "48000000000000000000000000.00"
    log = tmp_path / "outages.csv"
    log.write_text(OUTAGES)
    for args in (*COMMANDS, ["sla", "--outages", str(log)], ["sla", "--simulate", "20"]):
        out = run(args[0], str(deal), *args[1:])
        assert (out.exit_code, out.stderr) == (0, ""), args
        result(args[0], str(deal), *args[1:])
    written = tmp_path / "brief.md"
    assert run("export", str(deal), "-o", str(written)).exit_code == 0
    assert "48,000,000,000,000,000,000,000,000.00" in written.read_text()


@pytest.mark.parametrize("args", COMMANDS, ids=[" ".join(a) for a in COMMANDS])
def test_an_offer_that_costs_nothing_runs_every_command(tmp_path: Path, args: list[str]) -> None:
    deal = tmp_path / "deal.yaml"
    deal.write_text(SHRINKING.replace("unit_price: 120", "unit_price: 0").replace("rate: 0.01", "rate: 0"))
    out = run(args[0], str(deal), *args[1:])
    assert (out.exit_code, out.stderr) == (0, "")
    assert strict_json(run(args[0], str(deal), *args[1:], "--json").stdout) is None
