"""Golden output of `principal plan` and `principal clauses -o final` on the bundled example, line for line.

The expected text lives in tests/cli/golden/. After an intended change to these renderings, regenerate it with
`PRINCIPAL_UPDATE_GOLDEN=1 .venv/bin/python -m pytest tests/strategy/test_golden_output.py` and review the diff
before committing; without that variable any difference fails the test and prints a unified diff.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from principal.cli import output
from tests.clirunner import run as cli
from tests.conftest import SEED
from tests.golden import GOLDEN, check_golden

WIDTH = 100
"""Terminal width the output is rendered at (the lines soft-wrap, but the width is fixed all the same)."""


@pytest.mark.parametrize(
    ("golden", "args"),
    [
        ("plan.txt", ("plan", str(SEED))),
        ("clauses-final.txt", ("clauses", str(SEED), "-o", "final")),
    ],
)
def test_human_output_matches_the_golden_file(
    golden: str, args: tuple[str, ...], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(output.console, "_width", WIDTH)
    result = cli(*args, env={"COLUMNS": str(WIDTH), "NO_COLOR": "1"})
    assert result.exit_code == 0, result.output
    assert result.stderr == ""
    check_golden(golden, result.stdout)


def test_the_golden_files_hold_the_example_figures() -> None:
    # The golden text itself is checked against figures worked out by hand, so a regenerated file that lost them
    # would not pass unnoticed.
    plan = (GOLDEN / "plan.txt").read_text(encoding="utf-8")
    assert f"Walk away above a term cost of ${162_000 * 36:,}.00." in plan  # the legacy suite: $162,000 x 36 months
    assert '"$145.00 a seat is already our best price' in plan  # the vendor's seat price in quarter-end
    assert f"The last ${280_000 * 10 // 100:,}.00 follows stable operations." in plan  # 10% of the services fee
    clauses = (GOLDEN / "clauses-final.txt").read_text(encoding="utf-8")
    for share, percent in ((56_000, 20), (112_000, 40), (84_000, 30), (28_000, 10)):
        assert share == 280_000 * percent // 100
        assert f"${share:,}.00 ({percent}%)" in clauses


def test_a_difference_fails_with_a_diff(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("PRINCIPAL_UPDATE_GOLDEN", raising=False)
    (tmp_path / "x.txt").write_text("one\ntwo\n", encoding="utf-8")
    check_golden(tmp_path / "x.txt", "one\ntwo\n")
    with pytest.raises(pytest.fail.Exception) as failed:
        check_golden(tmp_path / "x.txt", "one\nthree\n")
    assert "-two" in str(failed.value) and "+three" in str(failed.value)
    with pytest.raises(pytest.fail.Exception, match="no golden file"):
        check_golden(tmp_path / "absent.txt", "text")
