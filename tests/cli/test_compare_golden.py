"""The human output of `principal compare` on the bundled example, against a reviewed copy (a golden file).

Any difference fails with a diff. After a change meant to alter the output, regenerate the file with
`PRINCIPAL_UPDATE_GOLDEN=1 .venv/bin/python -m pytest tests/cli/test_compare_golden.py`, read the diff in git and
commit it with the change.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.clirunner import run
from tests.conftest import SEED
from tests.golden import check_golden, console_width

WIDTH = 100
"""Terminal width the output is rendered at, so the tables wrap the same on every machine."""


def test_compare_output_matches_the_golden_file(monkeypatch: pytest.MonkeyPatch) -> None:
    # The console reads its width from COLUMNS when it is made (at import) or from the terminal when it prints:
    # fix it for this test whatever the machine and whatever ran before.
    with console_width(WIDTH):
        result = run("compare", str(SEED), env={"COLUMNS": str(WIDTH), "NO_COLOR": "1"})
    assert result.exit_code == 0, result.stderr
    assert result.stderr == ""
    check_golden("compare-ccaas-450.txt", result.stdout)


def test_a_changed_figure_fails_with_a_diff(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("PRINCIPAL_UPDATE_GOLDEN", raising=False)
    golden = tmp_path / "one.txt"
    golden.write_text("title\nterm $6,202,142.50\n", encoding="utf-8")
    check_golden(golden, "title\nterm $6,202,142.50\n")
    with pytest.raises(pytest.fail.Exception) as failed:
        check_golden(golden, "title\nterm $6,202,142.51\n")
    assert "-term $6,202,142.50\n+term $6,202,142.51" in str(failed.value)
