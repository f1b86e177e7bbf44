"""The human output of `principal compare` on the bundled example, against a reviewed copy (a golden file).

Any difference fails with a diff. After a change meant to alter the output, regenerate the file with
`PRINCIPAL_UPDATE_GOLDEN=1 .venv/bin/python -m pytest tests/cli/test_compare_golden.py`, read the diff in git and
commit it with the change.
"""

from __future__ import annotations

import difflib
import os
from pathlib import Path

import pytest

from principal.cli import output
from tests.clirunner import run
from tests.conftest import SEED

GOLDEN = Path(__file__).resolve().parent / "golden"
WIDTH = 100
"""Terminal width the output is rendered at, so the tables wrap the same on every machine."""


def check_golden(path: Path, actual: str) -> None:
    """Fail with a unified diff when `actual` differs from the golden file (rewrite it instead when asked)."""
    if os.environ.get("PRINCIPAL_UPDATE_GOLDEN") == "1":
        path.write_text(actual, encoding="utf-8")
        return
    assert path.exists(), f"no golden file {path}; run with PRINCIPAL_UPDATE_GOLDEN=1 to write it"
    expected = path.read_text(encoding="utf-8")
    if actual != expected:
        diff = difflib.unified_diff(
            expected.splitlines(keepends=True), actual.splitlines(keepends=True), str(path), "actual output"
        )
        pytest.fail("the output differs from the golden file:\n" + "".join(diff), pytrace=False)


def test_compare_output_matches_the_golden_file(monkeypatch: pytest.MonkeyPatch) -> None:
    # The console reads its width from COLUMNS when it is made (at import) or from the terminal when it prints:
    # fix it for this test whatever the machine and whatever ran before.
    monkeypatch.setattr(output.console, "_width", WIDTH)
    result = run("compare", str(SEED), env={"COLUMNS": str(WIDTH), "NO_COLOR": "1"})
    assert result.exit_code == 0, result.stderr
    assert result.stderr == ""
    check_golden(GOLDEN / "compare-ccaas-450.txt", result.stdout)


def test_a_changed_figure_fails_with_a_diff(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("PRINCIPAL_UPDATE_GOLDEN", raising=False)
    golden = tmp_path / "one.txt"
    golden.write_text("title\nterm $6,202,142.50\n", encoding="utf-8")
    check_golden(golden, "title\nterm $6,202,142.50\n")
    with pytest.raises(pytest.fail.Exception) as failed:
        check_golden(golden, "title\nterm $6,202,142.51\n")
    assert "-term $6,202,142.50\n+term $6,202,142.51" in str(failed.value)
