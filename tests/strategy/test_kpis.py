"""The KPI builder on the shipped goals file, and located errors for bad goals files."""

from __future__ import annotations

import json
from decimal import Decimal
from pathlib import Path

import pytest

from principal.errors import InputError
from principal.present import formatter_for
from principal.strategy.kpis import KpiKind, build_kpis, load_goals, parse_goals
from principal.strategy.kpis.library import LIBRARY
from tests.clirunner import run as cli

ROOT = Path(__file__).resolve().parents[2]
GOALS = ROOT / "examples" / "ccaas-450" / "goals.yaml"


def test_library_covers_every_kind_with_every_field() -> None:
    assert set(LIBRARY) == set(KpiKind)
    for entry in LIBRARY.values():
        for text in (entry.name, entry.definition, entry.formula, entry.data_source, entry.measured_by):
            assert text.strip()
        assert entry.window and entry.cadence and entry.remedy


def test_example_goals_become_kpis_with_remedies_from_the_offer() -> None:
    loaded = load_goals(GOALS)
    report = build_kpis(loaded.goals, loaded.deal, loaded.offer_name)
    assert report.offer == "final"
    kinds = [k.kind for k in report.kpis]
    assert kinds[0] is KpiKind.service_level and len(kinds) == 16
    voice = next(k for k in report.kpis if k.name == "Component availability: voice routing")
    assert voice.target_value == Decimal("99.95") and voice.target_source == "offer SLA"
    remedy = formatter_for("USD").text(voice.remedy)
    assert "5% below 99.95%, 10% below 99.5%, 15% below 99%" in remedy
    assert "3 missed months within any 6" in remedy and "(exit fee $0.00)" in remedy
    crm = next(k for k in report.kpis if k.name == "Component availability: crm screen pop")
    assert crm.target_value == Decimal("99.9") and crm.target_source == "goal"
    assert any("does not name crm_screen_pop" in note for note in crm.notes)
    weekly = next(k for k in report.kpis if k.kind is KpiKind.report_delivery)
    assert "by Monday 09:00 (America/New_York)" in weekly.target
    sl = report.kpis[0]
    assert "at least 80% of offered voice contacts answered within 20 s" in sl.target
    assert "06:00-22:00 (America/New_York)" in sl.target


def test_example_staffing_checks() -> None:
    loaded = load_goals(GOALS)
    report = build_kpis(loaded.goals, loaded.deal, loaded.offer_name)
    peak = next(f for f in report.feasibility if f.plan == "voice-peak" and f.kpi is KpiKind.service_level)
    assert not peak.feasible
    assert peak.agents_on_phones == 115 and round(peak.offered_load, 1) == 113.7
    assert (peak.agents_needed, peak.positions_needed) == (123, 176)
    assert "cannot be met" in peak.message and "11 more" in peak.message
    typical = next(f for f in report.feasibility if f.plan == "voice-typical" and f.kpi is KpiKind.service_level)
    assert typical.feasible and typical.agents_needed == 85
    # the chat goal is tested only against the chat plan
    chat = [f for f in report.feasibility if f.goal.startswith("answer 80% of chats")]
    assert [f.plan for f in chat] == ["chat-peak"]


def test_reference_staffing_is_feasible_at_twenty_positions() -> None:
    goals = parse_goals(
        "operation: ref\n"
        "staffing:\n"
        "  - {name: half-hour, contacts: 100, aht_seconds: 180, positions: 20, shrinkage_percent: 30}\n"
        "goals:\n"
        "  - answer 80% of calls within 20 s\n"
    )
    check = build_kpis(goals).feasibility[0]
    assert check.feasible and check.agents_on_phones == 14 and check.positions_needed == 20
    assert round(check.service_level or 0, 3) == 0.888 and round(check.p_wait, 3) == 0.174


def _problems(text: str) -> list[str]:
    with pytest.raises(InputError) as info:
        parse_goals(text, "goals.yaml")
    return [p.render() for p in info.value.problems]


def test_unreadable_goal_is_located() -> None:
    text = "operation: x\ngoals:\n  - answer 80% of calls within 20 s\n  - make customers happy\n"
    (problem,) = _problems(text)
    assert problem.startswith("goals.yaml:4:5: goals[1]: cannot read this goal")


def test_bad_values_are_located() -> None:
    text = (
        "operation: x\n"
        "staffing:\n"
        "  - {name: p, contacts: 10, aht_seconds: 0, positions: 3}\n"
        "goals:\n"
        "  - answer 180% of calls within 20 s\n"
        "  - {kpi: csat, target: 80, staffing: [nope]}\n"
        "  - {kpi: asa, targte: 20}\n"
    )
    problems = _problems(text)
    assert "goals.yaml:3:42: staffing[0].aht_seconds: must be > 0 (got 0)" in problems
    assert any(p.startswith("goals.yaml:5:5: goals[0]: a service_level target is a percentage") for p in problems)
    assert any(p.startswith("goals.yaml:7:16: goals[2].targte: unknown key 'targte'") for p in problems)


def test_unknown_staffing_plan_is_located() -> None:
    text = "operation: x\ngoals:\n  - {kpi: csat, target: 80, staffing: [nope]}\n"
    (problem,) = _problems(text)
    assert problem == "goals.yaml:3:40: goals[0].staffing[0]: no staffing plan named 'nope'; plans are (none)"


def test_missing_offer_in_linked_deal(tmp_path: Path) -> None:
    (tmp_path / "deal.yaml").write_text((ROOT / "examples" / "ccaas-450" / "deal.yaml").read_text())
    goals = tmp_path / "goals.yaml"
    goals.write_text("operation: x\ncontract: {deal: deal.yaml, offer: best}\ngoals:\n  - keep voice routing up\n")
    with pytest.raises(InputError) as info:
        load_goals(goals)
    (problem,) = info.value.problems
    assert problem.line == 2 and "no offer 'best'" in problem.message


def test_cli_exit_codes_and_json(tmp_path: Path) -> None:
    result = cli("kpis", str(GOALS), "--json")
    assert result.exit_code == 1  # the voice peak is under-staffed
    payload = json.loads(result.stdout)
    assert payload["ok"] is True and payload["result"]["feasible"] is False and len(payload["result"]["kpis"]) == 16
    fine = tmp_path / "g.yaml"
    fine.write_text("operation: x\ngoals:\n  - keep voice routing up 99.95%\n")
    result = cli("kpis", str(fine))
    assert result.exit_code == 0 and "at least 99.95% per calendar month" in result.stdout
    bad = tmp_path / "bad.yaml"
    bad.write_text("operation: x\ngoals:\n  - be nice\n")
    result = cli("kpis", str(bad))
    assert result.exit_code == 2 and f"{bad}:3:5: goals[0]: cannot read this goal" in result.stderr


def test_goals_no_staffing_can_meet_are_located_findings(tmp_path: Path) -> None:
    # A 100% service level and an average wait of 0 are accepted as targets, never met while calls arrive at
    # random: findings (exit 1) that name the file, line and column of the goal, never a crash.
    path = tmp_path / "goals.yaml"
    path.write_text(
        "operation: x\n"
        "staffing:\n"
        "  - {name: half-hour, contacts: 100, aht_seconds: 180, positions: 20}\n"
        "goals:\n"
        "  - answer 100% of calls within 20 s\n"
        "  - {kpi: asa, target: 0}\n",
        encoding="utf-8",
    )
    result = cli("kpis", str(path), "--json")
    assert result.exit_code == 1 and result.stderr == ""
    checks = json.loads(result.stdout)["result"]["feasibility"]
    assert [c["feasible"] for c in checks] == [False, False]
    assert checks[0]["message"].startswith(f"{path}:5:5: half-hour: 20 positions")
    assert "a 100% service level is never certain" in checks[0]["message"]
    assert checks[1]["message"].startswith(f"{path}:6:5: ") and "cannot be met" in checks[1]["message"]


def test_erlang_a_beside_erlang_c_when_patience_is_given() -> None:
    # The pyworkforce reference queue: 100 calls per 30 min at 180 s, 20 positions at 30% shrinkage (14 agents),
    # callers hang up after 5 minutes on average.
    goals = parse_goals(
        "operation: ref\n"
        "staffing:\n"
        "  - {name: hh, contacts: 100, aht_seconds: 180, positions: 20, shrinkage_percent: 30, patience_seconds: 300}\n"
        "goals:\n"
        "  - answer 80% of calls within 20 s\n"
    )
    check = build_kpis(goals).feasibility[0]
    assert check.erlang_a is not None
    assert round(check.erlang_a.service_level or 0, 6) == 0.916792
    assert round(check.erlang_a.p_abandon, 6) == 0.013984
    assert check.erlang_a_agents_needed is not None and check.erlang_a_agents_needed <= check.agents_needed


def test_availability_formula_is_the_sla_engines() -> None:
    from principal.sla.downtime import allowed_minutes, availability_percent

    formula = LIBRARY[KpiKind.uptime].formula
    assert formula.startswith("(minutes in window - counted downtime minutes) / minutes in window")
    # The example the formula quotes holds under the SLA engine: 43.2 minutes of a 43,200-minute month is 99.9%.
    assert allowed_minutes(Decimal("99.9"), Decimal(43_200)) == Decimal("43.2")
    assert availability_percent(Decimal("43.2"), Decimal(43_200)) == Decimal("99.9")
