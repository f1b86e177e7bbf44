"""The transition fields (incumbent notice and commitment, waves, live-seat licences, volume schedules, milestone
waves): they load, dump and load again to an equal deal, appear in the JSON Schema, and warnings are located."""

from __future__ import annotations

import json
from pathlib import Path

from principal.loader import dump_deal, parse_deal, parse_deal_with_warnings
from principal.model import Deal
from tests.clirunner import run

FULL = """\
name: transition fields
buyer:
  agents: 100
  forecasts:
    voice:
      unit: minute
      expected: 100000
      schedule:
        - {from_month: 3, expected: 40000}
        - {from_month: 6, expected: 100000}
  incumbent:
    name: legacy
    monthly_cost: 10000
    notice_months: 3
    notice_served_month: 2
    committed_until_month: 8
    early_termination_fee: 15000
    overlap_months: 1
    variable_percent: 60
offers:
  a:
    term_months: 24
    licenses: [{name: agent, quantity: 100, unit_price: 50, billed_on: live_seats}]
    one_time_fees:
      - name: services
        amount: 1000
        milestones:
          - {name: east live, gate: go_live, percent: 50, month: 3, wave: east}
          - {name: west live, gate: go_live, percent: 50, month: 6}
    implementation:
      waves:
        - {name: east, agents: 40, go_live_month: 3}
        - {name: west, agents: 60, go_live_month: 6}
  b:
    extends: a
    label: later west
"""


def test_the_new_fields_load_dump_and_load_to_an_equal_deal() -> None:
    deal = parse_deal(FULL, "full.yaml")
    inc = deal.buyer.incumbent
    assert inc is not None and inc.notice_months == 3 and inc.variable_percent == 60
    assert deal.buyer.forecasts["voice"].schedule[1].expected == 100000
    impl = deal.offers["b"].implementation
    assert impl is not None and [w.name for w in impl.waves] == ["east", "west"]
    assert deal.offers["a"].licenses[0].billed_on.value == "live_seats"
    assert deal.offers["a"].one_time_fees[0].milestones[0].wave == "east"
    text = dump_deal(deal)
    assert "billed_on: live_seats" in text and "early_termination_fee: 15000" in text
    assert parse_deal(text, "dumped.yaml") == deal


def test_the_json_schema_describes_the_new_fields() -> None:
    defs = Deal.model_json_schema()["$defs"]
    incumbent = defs["Incumbent"]["properties"]
    for name in (
        "notice_months",
        "notice_served_month",
        "committed_until_month",
        "early_termination_fee",
        "overlap_months",
        "variable_percent",
    ):
        assert incumbent[name]["description"], name
    assert set(defs["Wave"]["properties"]) == {"name", "agents", "go_live_month"}
    assert "waves" in defs["Implementation"]["properties"]
    assert set(defs["VolumeStep"]["properties"]) == {"from_month", "expected"}
    assert "schedule" in defs["Forecast"]["properties"]
    assert defs["LicenceBilling"]["enum"] == ["committed", "live_seats"]
    assert "wave" in defs["Milestone"]["properties"]


def test_the_reference_docs_list_the_new_fields() -> None:
    reference = (Path(__file__).resolve().parents[2] / "docs" / "deal-file.md").read_text(encoding="utf-8")
    for name in ("variable_percent", "committed_until_month", "billed_on", "live_seats", "## Wave", "## VolumeStep"):
        assert name in reference, name


WARNED = """\
name: warned
buyer:
  agents: 10
  forecasts:
    voice: {unit: minute, expected: 1000}
offers:
  a:
    term_months: 12
    usage:
      - {name: voice, forecast: voice, rate_card: {kind: flat, rate: 0.01}}
    usage_cap: {period: year, percent_of_forecast: 1.1}
    uplift: {kind: fixed, percent: 0.05}
    one_time_fees:
      - name: services
        amount: 1000
        milestones:
          - {name: design, gate: design, percent: 50, month: 2}
          - {name: live, gate: go_live, percent: 50, month: 4}
    implementation: {go_live_month: 7}
"""
EXPECTED = [
    "11:52: offers.a.usage_cap.percent_of_forecast: warning: 1.1 means 1.1%; did you mean 110%?",
    "12:36: offers.a.uplift.percent: warning: 0.05 means 0.05%; did you mean 5%?",
    "18:61: offers.a.one_time_fees[0].milestones[1].month: warning: the payment falls in month 4, before the "
    "go-live (month 7); move it to its event's month",
]


def test_warnings_are_located_and_returned_with_the_deal() -> None:
    loaded = parse_deal_with_warnings(WARNED, "warned.yaml")
    assert [f"{w.line}:{w.column}: {w.field}: warning: {w.message}" for w in loaded.warnings] == EXPECTED


def test_validate_prints_each_warning_on_stderr_and_exits_0(tmp_path: Path) -> None:
    path = tmp_path / "warned.yaml"
    path.write_text(WARNED, encoding="utf-8")
    result = run("validate", str(path))
    assert result.exit_code == 0
    assert result.stderr.splitlines() == [f"{path}:{line}" for line in EXPECTED]
    assert result.stdout.startswith(f"{path}: ok; 3 warning(s): 1 offer(s): a")
    payload = json.loads(run("validate", str(path), "--json").stdout)["result"]
    assert [w["line"] for w in payload["warnings"]] == [11, 12, 18]


def test_every_command_prints_the_warnings_before_its_output(tmp_path: Path) -> None:
    path = tmp_path / "warned.yaml"
    path.write_text(WARNED, encoding="utf-8")
    for args in (("cost", str(path)), ("compare", str(path), "--json"), ("align", str(path))):
        result = run(*args)
        assert result.exit_code == 0, args
        assert result.stderr.splitlines() == [f"{path}:{line}" for line in EXPECTED], args
    assert json.loads(run("compare", str(path), "--json").stdout)["ok"] is True


def test_a_milestone_tied_to_a_later_wave_is_warned_about() -> None:
    text = FULL.replace(
        "{name: west live, gate: go_live, percent: 50, month: 6}",
        "{name: west live, gate: go_live, percent: 50, month: 5}",
    )
    loaded = parse_deal_with_warnings(text, "waves.yaml")
    assert [w.message for w in loaded.warnings] == [
        "the payment falls in month 5, before the go-live of the last wave (month 6); move it to its event's month"
    ]


def test_the_example_has_no_warnings(seed_deal: Deal) -> None:
    from tests.conftest import SEED

    assert parse_deal_with_warnings(SEED.read_text(encoding="utf-8"), str(SEED)).warnings == ()
