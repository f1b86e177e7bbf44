"""Golden-output checks for the CLI's human renderers: one file per case under tests/cli/golden/.

A difference fails with a unified diff. After an intended change, run the tests with PRINCIPAL_UPDATE_GOLDEN=1,
which rewrites the files, and review the diff in the commit.
"""

from __future__ import annotations

import difflib
import os
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest

from principal.cli import output
from tests.conftest import ROOT

GOLDEN = ROOT / "tests" / "cli" / "golden"


def updating() -> bool:
    return os.environ.get("PRINCIPAL_UPDATE_GOLDEN") == "1"


def check_golden(golden: str | Path, actual: str) -> None:
    """`actual` must equal the golden file (a name under tests/cli/golden/, or a path)."""
    path = GOLDEN / golden if isinstance(golden, str) else golden
    if updating():
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(actual, encoding="utf-8")
        return
    if not path.exists():
        pytest.fail(f"no golden file {path}: run with PRINCIPAL_UPDATE_GOLDEN=1 to write it, then review it")
    expected = path.read_text(encoding="utf-8")
    if actual != expected:
        shown = path.relative_to(ROOT) if path.is_relative_to(ROOT) else path
        diff = difflib.unified_diff(
            expected.splitlines(keepends=True), actual.splitlines(keepends=True), f"{shown} (golden)", "actual"
        )
        pytest.fail("the output differs from the golden file:\n" + "".join(diff), pytrace=False)


@contextmanager
def console_width(columns: int, rows: int = 50) -> Iterator[None]:
    """Render the CLI's tables `columns` wide, whatever terminal (or COLUMNS) the tests run under."""
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(output.console, "_width", columns)
        patch.setattr(output.console, "_height", rows)
        yield
