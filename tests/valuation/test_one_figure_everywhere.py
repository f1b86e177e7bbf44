"""Every lever of the bundled example carries one figure: compare, align, plan and the brief print the same number."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from tests.clirunner import run
from tests.conftest import SEED


def _json(*args: str) -> Any:
    result = run(*args, "--json")
    assert result.exit_code == 0, result.output
    return json.loads(result.stdout)["result"]


@pytest.fixture(scope="module")
def outputs(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Any]:
    brief = Path(tmp_path_factory.mktemp("brief")) / "brief.md"
    exported = run("export", str(SEED), "-o", str(brief))
    assert exported.exit_code == 0, exported.output
    return {
        "compare": _json("compare", str(SEED)),
        "align": _json("align", str(SEED)),
        "plan": _json("plan", str(SEED)),
        "brief": brief.read_text(encoding="utf-8"),
    }


def _by_lever(items: list[dict[str, Any]]) -> dict[str, tuple[str, str]]:
    return {lv["lever"]: (lv["expected_saving"], lv["p90_saving"]) for lv in items}


def _dollars(figure: str) -> str:
    return f"${float(figure):,.2f}"


def test_every_lever_has_one_value_in_every_command(outputs: dict[str, Any]) -> None:
    plan = outputs["plan"]
    assert (plan["target"], plan["vendor_offer"], plan["baseline"]) == ("revised-ask", "quarter-end", "original")
    planned = _by_lever(plan["lever_values"])
    # The ask differs from the vendor's offer in six non-price levers, each valued by the one Monte Carlo.
    assert set(planned) == {"usage_rates", "usage_cap", "sla_credits", "chronic_exit", "holdback", "exit_terms"}
    compared = _by_lever(outputs["compare"]["lever_values"]["revised-ask"]["levers"])
    aligned = _by_lever(outputs["align"]["lever_values"]["revised-ask"]["levers"])
    assert compared == planned
    # compare's lever attribution carries the same figure on the cost levers the valuation prices.
    versus = {v["offer"]: v for v in outputs["compare"]["versus_baseline"]}["revised-ask"]
    attributed = {lv["lever"]: (lv["expected_saving"], lv["p90_saving"]) for lv in versus["levers"]}
    assert attributed["usage_cap"] == planned["usage_cap"]
    assert attributed["usage_rates"] == planned["usage_rates"]
    assert attributed["one_time_fees"] == planned["holdback"]
    assert attributed["licences"] == (None, None)  # a price lever: at plan volumes only
    assert aligned == planned
    risk = {a["issue"]: a["risk_value"] for a in plan["asks"]}
    for lever, (expected, p90) in planned.items():
        if lever != "usage_rates":  # the bands are a money ask at plan volumes; their expectation is in lever_values
            assert risk[lever] == expected, lever
        rows = [line for line in outputs["brief"].splitlines() if line.startswith("| ") and _dollars(expected) in line]
        assert any(_dollars(p90) in row for row in rows), lever


def test_the_cap_is_worth_its_expectation_not_zero(outputs: dict[str, Any]) -> None:
    # compare's attribution at plan volumes gives the cap nothing (it never binds at plan); in expectation it saves.
    versus = {v["offer"]: v for v in outputs["compare"]["versus_baseline"]}
    at_plan = {lv["lever"]: lv["term"] for lv in versus["revised-ask"]["levers"]}
    assert at_plan["usage_cap"] == "0.00"
    cap = _by_lever(outputs["compare"]["lever_values"]["revised-ask"]["levers"])["usage_cap"]
    assert 30_000 < float(cap[0]) < 45_000
    assert float(cap[1]) > float(cap[0])  # the cap cuts the bad tail more than the mean


def test_defaults_are_labelled(outputs: dict[str, Any]) -> None:
    valuation = outputs["compare"]["lever_values"]["revised-ask"]
    basis = {a["name"]: a["basis"] for a in valuation["assumptions"]}
    # The example gives no buyer_risk block: every risk probability is a labelled default; ranges and downtime
    # costs come from the deal.
    assert basis["implementation_slip_probability"] == "default"
    assert basis["forecast_spread"] == "deal"
    assert basis["downtime_cost"] == "deal"
    levers = {lv["lever"]: lv for lv in valuation["levers"]}
    assert levers["usage_cap"]["basis"] == "deal"
    assert levers["holdback"]["basis"] == "default"
    assert levers["holdback"]["defaults_used"] == ["implementation_slip_probability", "slip_months"]
