"""`principal align` renders the same result object as JSON and as text."""

from __future__ import annotations

import json

from tests.clirunner import run
from tests.conftest import SEED


def test_align_json_side_by_side() -> None:
    result = run("align", str(SEED), "--offer", "original", "--offer", "final", "--json")
    assert result.exit_code == 0, result.stderr
    payload = json.loads(result.stdout)["result"]
    assert [o["offer"] for o in payload["offers"]] == ["original", "final"]
    compare = {row["area"]: row for row in payload["compare"]}
    assert compare["pricing and usage"]["ratings"] == {"original": "at risk", "final": "needs work"}
    original = payload["offers"][0]
    usage30 = next(s for s in original["scenarios"] if s["id"] == "usage+30")
    assert usage30["vendor_change"] == "985050.00"
    assert original["incentives"]["reliability"]["minimum_credit"] == "20310.00"
    assert original["fee_timing"]["share_one_time_before_go_live"] == 1.0
    assert len(original["checklist"]) == 23


def test_align_one_offer_text() -> None:
    result = run("align", str(SEED), "--offer", "final")
    assert result.exit_code == 0
    assert "Alignment of offer final" in result.stdout
    assert "month 6: Professional services (implementation): 60 days of stable operations" in result.stdout
    assert "Ask the vendor" in result.stdout


def test_align_unknown_offer() -> None:
    result = run("align", str(SEED), "--offer", "nope")
    assert result.exit_code == 2
    assert "no offer named 'nope'" in result.stderr
