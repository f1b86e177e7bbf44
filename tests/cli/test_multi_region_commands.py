"""The second bundled example through the commands that print lever values, the tornado and the brief."""

from __future__ import annotations

import json
from pathlib import Path

from tests.clirunner import run
from tests.conftest import ROOT

EXAMPLE = ROOT / "examples" / "multi-region" / "deal.yaml"


def test_compare_with_the_tornado_names_both_vendors() -> None:
    result = run("compare", str(EXAMPLE), "--tornado", "--json")
    assert result.exit_code == 0, result.stderr
    assert result.stderr == ""
    body = json.loads(result.stdout)["result"]
    assert {bid["vendor"] for bid in body["bids"]} == {"Northwind CX", "Bluefjord"}
    ask = {lv["lever"]: lv for lv in body["lever_values"]["northwind-ask"]["levers"]}
    # The ask differs from Northwind's bid in six non-price levers; the renewal and termination terms are valued
    # on the buyer's stated exit chance (basis: deal), the credit ladder on the labelled default outage model.
    assert set(ask) == {"usage_cap", "sla_credits", "chronic_exit", "exit_terms", "renewal_cap", "termination"}
    assert ask["termination"]["basis"] == "deal" and ask["sla_credits"]["basis"] == "default"
    tornado = body["tornado"]
    assert tornado["recommended"] in body["offers"]
    assert {row["assumption"] for row in tornado["rows"]} >= {"forecast_spread", "implementation_slip_probability"}


def test_the_brief_exports_with_surcharges_and_lever_values(tmp_path: Path) -> None:
    out = tmp_path / "brief.md"
    result = run("export", str(EXAMPLE), "-o", str(out))
    assert result.exit_code == 0, result.stderr
    text = out.read_text(encoding="utf-8")
    assert "| surcharges |" in text  # the spend-by-category row the brief could not label before
    assert "**Lever values**" in text
