"""Every example file goes through every command that reads it, in --json mode, without a problem."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.clirunner import run
from tests.conftest import ROOT

DEALS = sorted((ROOT / "examples").glob("**/deal*.yaml"))
GOALS = sorted((ROOT / "examples").glob("**/goals*.yaml"))
DEAL_COMMANDS = [
    ("validate",),
    ("cost", "--simulate", "500"),
    ("compare",),
    ("sla",),
    ("align",),
    ("clauses",),
    ("plan",),
]


def test_examples_exist() -> None:
    assert DEALS and GOALS


@pytest.mark.parametrize("deal", DEALS, ids=[p.parent.name for p in DEALS])
@pytest.mark.parametrize("command", DEAL_COMMANDS, ids=[c[0] for c in DEAL_COMMANDS])
def test_every_command_reads_every_example_deal(deal: Path, command: tuple[str, ...]) -> None:
    result = run(command[0], str(deal), *command[1:], "--json")
    assert result.exit_code == 0, result.stderr
    assert json.loads(result.stdout)


@pytest.mark.parametrize("goals", GOALS, ids=[p.parent.name for p in GOALS])
def test_every_goals_example_builds_kpis(goals: Path) -> None:
    result = run("kpis", str(goals), "--json")
    assert result.exit_code in (0, 1), result.stderr  # 1: a staffing target cannot be met, which is a finding
    assert json.loads(result.stdout)
