"""The hostile inputs of issue 19 (and the ones found since): each refused with one located line and exit 2 within
4 CPU-seconds and 500 MB, measured in a child process under RLIMIT_CPU and RLIMIT_AS (tests/fuzzing/bounded_main.py).
The slowest (a flow list refused at its 20,000th value) costs 1.3-1.5 CPU-s on an idle 2-core machine and passed
2 CPU-s under a loaded test run; before issue 19's fixes these files took up to 110 CPU-s and 2.75 GB.

Each file under tests/fixtures/hostile ends with `# expect: LINE:COL: field: message`: exactly that line is reported.
Goals files there (`*.goals.yaml`) are valid but unmeetable: `kpis` reports them as findings (exit 1) in strict JSON.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from tests.fuzzing.outcomes import strict_json

ROOT = Path(__file__).resolve().parent.parent.parent
HOSTILE = ROOT / "tests" / "fixtures" / "hostile"
DEAL = ROOT / "examples" / "ccaas-450" / "deal.yaml"
DEALS = sorted(p for p in HOSTILE.glob("*.yaml") if not p.name.endswith(".goals.yaml"))
LOGS = sorted(HOSTILE.glob("*.csv"))
GOALS = sorted(HOSTILE.glob("*.goals.yaml"))
CPU_SECONDS = 4.0
MEMORY_MB = 500


def bounded(tmp_path: Path, *args: str) -> tuple[int, str, str, dict[str, float]]:
    """`principal ARGS` in a child process limited to CPU_SECONDS and MEMORY_MB beyond its imports."""
    report = tmp_path / "usage.json"
    command = [sys.executable, "-m", "tests.fuzzing.bounded_main", str(report), str(CPU_SECONDS), str(MEMORY_MB)]
    env = {**os.environ, "COLUMNS": "200"}
    done = subprocess.run([*command, *args], capture_output=True, text=True, cwd=ROOT, env=env, timeout=600)
    assert report.exists(), f"killed at its limits (exit {done.returncode}): {done.stderr[-500:]}"
    return done.returncode, done.stdout, done.stderr, json.loads(report.read_text())


def expected(path: Path) -> str:
    lines = path.read_text(encoding="utf-8", errors="surrogateescape").splitlines()
    return f"{path}:" + next(line.removeprefix("# expect: ") for line in lines if line.startswith("# expect: "))


def within_budget(usage: dict[str, float]) -> None:
    assert usage["cpu"] <= CPU_SECONDS, usage
    assert usage["rss_growth_mb"] <= MEMORY_MB, usage


def test_every_reproduction_is_kept() -> None:
    assert len(DEALS) >= 14 and len(LOGS) >= 2 and len(GOALS) >= 2


@pytest.mark.parametrize("path", DEALS, ids=[p.stem for p in DEALS])
def test_hostile_deal_is_one_located_line(tmp_path: Path, path: Path) -> None:
    code, stdout, stderr, usage = bounded(tmp_path, "validate", str(path))
    assert (code, stdout) == (2, "")
    assert stderr.splitlines() == [expected(path)]
    within_budget(usage)


@pytest.mark.parametrize("path", LOGS, ids=[p.stem for p in LOGS])
def test_hostile_outage_log_is_one_located_line(tmp_path: Path, path: Path) -> None:
    code, _, stderr, usage = bounded(tmp_path, "sla", str(DEAL), "--offer", "final", "--outages", str(path))
    assert code == 2
    assert stderr.splitlines() == [expected(path)]
    within_budget(usage)


@pytest.mark.parametrize("path", GOALS, ids=[p.name.removesuffix(".goals.yaml") for p in GOALS])
def test_unmeetable_goals_are_findings_in_strict_json(tmp_path: Path, path: Path) -> None:
    code, stdout, stderr, usage = bounded(tmp_path, "kpis", str(path), "--json")
    assert (code, stderr) == (1, "")
    assert strict_json(stdout) is None
    checks = json.loads(stdout)["result"]["feasibility"]
    assert checks and not any(check["feasible"] for check in checks)
    assert all("cannot be met" in check["message"] for check in checks)
    within_budget(usage)


def test_flow_list_near_the_size_limit_is_refused_at_the_value_limit(tmp_path: Path) -> None:
    deal = tmp_path / "flow.yaml"
    deal.write_text("name: x\nsites: [" + "a, " * 340_000 + "a]\n")  # issue 19: 4.8 MB took 110 CPU-s, 2.75 GB
    code, _, stderr, usage = bounded(tmp_path, "validate", str(deal))
    assert code == 2
    assert stderr.splitlines() == [
        f"{deal}:2:59994: sites[19995]: expands to more than 20,000 values (aliases repeated too often); "
        "write it out plainly"
    ]
    within_budget(usage)


def test_file_over_the_size_limit_is_refused_before_reading(tmp_path: Path) -> None:
    deal = tmp_path / "flow.yaml"
    deal.write_text("name: x\nsites: [" + "a, " * 1_600_000 + "a]\n")
    code, _, stderr, usage = bounded(tmp_path, "validate", str(deal))
    assert code == 2
    assert stderr.splitlines() == [f"{deal}: (file): file is 4,800,019 bytes; a deal file may be at most 1,048,576"]
    within_budget(usage)


def test_a_pipe_named_as_the_deal_file_is_refused_without_blocking(tmp_path: Path) -> None:
    fifo = tmp_path / "deal.yaml"
    os.mkfifo(fifo)
    code, _, stderr, usage = bounded(tmp_path, "validate", str(fifo))
    assert code == 2
    assert stderr.splitlines() == [
        f"{fifo}: (file): is not a regular file (a pipe, device or socket); give a deal file"
    ]
    within_budget(usage)
