"""Fuzzing as a habit: mutated deal files, goals files and outage logs either load or fail in the located shape.

Mutations (tests/fuzzing/mutations.py) flip bytes, truncate, duplicate or swap lines, add duplicate anchors and
alias bombs, nest deeply, insert control characters and odd tags, and replace numbers with extreme ones. Each
example runs main() in-process within a CPU and memory budget (tests/fuzzing/outcomes.py) and must exit 0, 1 or 2;
on exit 2 every line of standard error must read FILE:LINE(:COL): field: message, or FILE: (file): message for a
whole-file problem. Hypothesis runs derandomized with no example database, so every run tries the same examples;
benchmarks/bench_fuzz.py runs the same mutations by the ten thousand.
"""

from __future__ import annotations

import shutil
from collections.abc import Sequence
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.clirunner import run
from tests.fuzzing.mutations import CSV_OPERATIONS, YAML_OPERATIONS, Mutation, mutate, payloads_for
from tests.fuzzing.outcomes import budget, verdict

ROOT = Path(__file__).resolve().parent.parent.parent
DEAL = ROOT / "examples" / "ccaas-450" / "deal.yaml"
GOALS = ROOT / "examples" / "ccaas-450" / "goals.yaml"
LOG = ROOT / "tests" / "fixtures" / "outages" / "sample.csv"
SMALL_DEAL = ROOT / "tests" / "fixtures" / "bad-deals" / "term-zero.yaml"
CPU_SECONDS = 5.0
MEMORY = 500 * 1024 * 1024

FUZZ = settings(
    derandomize=True,
    database=None,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture, HealthCheck.data_too_large],
)


def mutation(family: str) -> st.SearchStrategy[Mutation]:
    operations = YAML_OPERATIONS if family == "yaml" else CSV_OPERATIONS
    return st.sampled_from(operations).flatmap(
        lambda op: st.tuples(
            st.just(op),
            st.integers(0, 1 << 20),
            st.integers(0, 1 << 20),
            st.sampled_from(payloads_for(op, family)),
        )
    )


@pytest.fixture(scope="module")
def workdir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("fuzz")
    shutil.copy(DEAL, folder / "deal.yaml")
    return folder


def check(args: Sequence[str], files: Sequence[str], steps: object) -> None:
    with budget(CPU_SECONDS, MEMORY):
        result = run(*args)
    problem = verdict(result.exit_code, result.stdout, result.stderr, files, as_json="--json" in args)
    assert problem is None, f"{problem}\nmutations: {steps!r}\n{result.stderr[:1000]}"


@settings(FUZZ, max_examples=150)
@given(steps=st.lists(mutation("yaml"), min_size=1, max_size=3))
def test_mutated_deal_file_loads_or_fails_located(workdir: Path, steps: list[Mutation]) -> None:
    path = workdir / "case.yaml"
    path.write_bytes(mutate(DEAL.read_bytes(), steps))
    check(["validate", str(path)], [str(path)], steps)


@settings(FUZZ, max_examples=100)
@given(steps=st.lists(mutation("yaml"), min_size=1, max_size=3), as_json=st.booleans())
def test_mutated_goals_file_runs_or_fails_located(workdir: Path, steps: list[Mutation], as_json: bool) -> None:
    path = workdir / "goals.yaml"
    path.write_bytes(mutate(GOALS.read_bytes(), steps))
    args = ["kpis", str(path), *(["--json"] if as_json else [])]
    check(args, [str(path), str(workdir / "deal.yaml")], steps)


@settings(FUZZ, max_examples=100)
@given(steps=st.lists(mutation("csv"), min_size=1, max_size=3))
def test_mutated_outage_log_replays_or_fails_located(workdir: Path, steps: list[Mutation]) -> None:
    path = workdir / "log.csv"
    path.write_bytes(mutate(LOG.read_bytes(), steps))
    deal = str(workdir / "deal.yaml")
    check(["sla", deal, "--offer", "final", "--outages", str(path)], [str(path), deal], steps)


@settings(FUZZ, max_examples=60)
@given(
    digits=st.integers(1, 6000),
    exponent=st.one_of(st.none(), st.integers(-(10**12), 10**12)),
    key=st.sampled_from(["term_months: 0", "quantity: 100", "unit_price: 120", "agents: 100", "rate: 0.01"]),
    quoted=st.booleans(),
)
def test_any_written_number_is_read_or_refused_at_its_line(
    workdir: Path, digits: int, exponent: int | None, key: str, quoted: bool
) -> None:
    number = "9" * digits + (f"e{exponent}" if exponent is not None else "")
    value = f'"{number}"' if quoted else number
    name = key.split(":")[0]
    path = workdir / "number.yaml"
    path.write_text(SMALL_DEAL.read_text().replace(key, f"{name}: {value}", 1))
    with budget(2.0, MEMORY):
        result = run("validate", str(path))
    assert result.exit_code in (0, 2)
    assert verdict(result.exit_code, result.stdout, result.stderr, [str(path)]) is None, result.stderr
    if result.exit_code == 2:
        assert all(line.startswith(f"{path}:") and line.split(":")[1].isdigit() for line in result.stderr.splitlines())
