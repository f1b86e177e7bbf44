"""Golden output of `principal sla` for people, on the bundled example: any change to what is printed shows up as a
diff. After an intended change, regenerate with PRINCIPAL_UPDATE_GOLDEN=1 and review the files under
tests/cli/golden/ in the commit."""

from __future__ import annotations

import pytest

from tests.clirunner import run
from tests.conftest import ROOT
from tests.golden import check_golden, console_width

EXAMPLE = "examples/ccaas-450/deal.yaml"
SAMPLE = "tests/fixtures/outages/sample.csv"
WIDTH = 120

CASES = {
    "sla-baseline.txt": (),
    "sla-final-against-original.txt": (
        "--offer",
        "final",
        "--against",
        "original",
        "--outages",
        SAMPLE,
        "--simulate",
        "300",
        "--seed",
        "9",
    ),
}


@pytest.mark.parametrize("name", sorted(CASES))
def test_human_output_matches_the_golden_file(name: str, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(ROOT)  # paths in the output are the relative ones given
    with console_width(WIDTH):
        result = run("sla", EXAMPLE, *CASES[name])
    assert result.exit_code == 0, result.output
    check_golden(name, result.stdout)
