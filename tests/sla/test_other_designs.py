"""Designs the seed does not use: quarterly windows, duration tiers, series computation, no start date."""

from __future__ import annotations

import json
from datetime import UTC, datetime
from decimal import Decimal
from pathlib import Path

from principal.loader import parse_deal
from principal.sla.fee_base import fee_bases_for_offer
from principal.sla.outage_model import preset_model
from principal.sla.replay import replay_outages
from principal.sla.simulation import simulate_designs
from tests.clirunner import run as cli
from tests.sla.conftest import outage, usd

D = Decimal
DEAL = """
name: Small carrier-style deal
buyer:
  agents: 100
  downtime: {loaded_cost_per_agent_hour: 40}
offers:
  quarterly:
    term_months: 12
    recurring_fees: [{name: platform, monthly: 10000}]
    sla:
      window: quarter
      computation: series
      components:
        - {name: voice, target: 99.9}
        - {name: ivr, target: 99.9}
      exclusions: {minimum_outage_minutes: 5}
      credits:
        basis: duration
        fee_base: all_monthly
        tiers:
          - {min_minutes: 0, percent: 5}
          - {min_minutes: 120, percent: 10}
        cap_percent: 20
      chronic:
        - {kind: misses, count: 2, within: 2}
"""


def test_quarterly_duration_tiers_in_series() -> None:
    deal = parse_deal(DEAL, "deal.yaml")
    fees = fee_bases_for_offer(deal, "quarterly")
    outs = [
        outage(datetime(2027, 1, 11, 12, tzinfo=UTC), 150, "voice"),  # a Monday; 10% tier
        outage(datetime(2027, 2, 10, 12, tzinfo=UTC), 30, "ivr"),  # 5% tier
        outage(datetime(2027, 3, 10, 12, tzinfo=UTC), 4, "ivr"),  # below the 5-minute minimum
        outage(datetime(2027, 5, 10, 12, tzinfo=UTC), 200, "ivr"),
    ]
    result = replay_outages(deal, "quarterly", outs, fees)
    first, second = result.windows
    assert (first.first_day.isoformat(), first.last_day.isoformat(), first.calendar_days) == (
        "2027-01-01",
        "2027-03-31",
        90,
    )
    # series: (1 - 150/129,600) x (1 - 30/129,600) against 99.9% x 99.9% = 99.8001%
    combined = first.judged[0]
    assert combined.name == "combined" and combined.target == D("99.8001")
    assert combined.missed is False
    # duration credits do not need a miss: (10% + 5%) of 3 months x 10,000
    assert first.credit_paid == usd("4500.00")
    assert second.credit_paid == usd("3000.00")
    assert [o.excluded[0].rule for o in result.outages if o.excluded] == ["below_minimum_length"]
    assert result.chronic[0].fires_in_window is None
    # no contact figures: idle payroll only, 100 agents x $40 x 2.5 h (default hours: weekdays 08-18 UTC)
    assert result.outages[0].impact.total == usd("10000.00")


def test_simulation_of_a_quarterly_design_without_start_date() -> None:
    deal = parse_deal(DEAL, "deal.yaml")
    fees = {"quarterly": fee_bases_for_offer(deal, "quarterly")}
    sla = deal.offers["quarterly"].sla
    assert sla is not None
    models = [preset_model(c.name, "troubled") for c in sla.components]
    result = simulate_designs(deal, ["quarterly"], fees, models, runs=500, seed=3, impact_sla=sla)[0]
    assert result.years_per_run == 1
    assert result.yearly_credits.p90 <= usd("24000.00")  # 20% cap x 30,000 a quarter x 4 quarters
    assert 0 < result.chronic[0].probability_within_term <= 1


def test_cli_with_a_header_only_log(tmp_path: Path) -> None:
    deal = tmp_path / "deal.yaml"
    deal.write_text(DEAL)
    log = tmp_path / "log.csv"
    log.write_text("start,end,component\n")
    result = cli("sla", str(deal), "--outages", str(log), "--simulate", "50", "--json")
    assert result.exit_code == 0, result.output
    report = json.loads(result.stdout)["result"]["report"]
    assert report["replay"]["credits_paid"] == "0.00"
    assert [m["source"] for m in report["simulation"]["models"]] == [
        "preset typical (0 unplanned outage(s) in the log, too few to fit)"
    ] * 2
