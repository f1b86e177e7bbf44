"""`principal cost` and `principal compare` on the seed: every acceptance figure is in the JSON."""

from __future__ import annotations

import json
import subprocess
import sys
from decimal import Decimal

from tests.clirunner import run
from tests.conftest import SEED


def test_cost_json_has_the_schedule_figures() -> None:
    result = run("cost", str(SEED), "--offer", "original", "--json", "--lines")
    assert result.exit_code == 0, result.stderr
    payload = json.loads(result.stdout)["result"]
    offer = payload["offers"][0]
    assert offer["offer"] == "original"
    assert offer["by_category"]["licenses"] == "2638642.50"
    assert [y["total"] for y in offer["years"]] == ["2012500.00", "2072850.00", "2116792.50"]
    assert offer["vendor_view"]["by_meter"]["voice_inbound"] == {
        "monthly_at_vendor_estimate": "40500.00",
        "monthly_at_buyer_plan": "48000.00",
    }
    first = offer["lines"][0]
    assert first == {
        "month": 1,
        "year": 1,
        "category": "licenses",
        "item": "agent licences (named)",
        "quantity": "450",
        "unit": "seat",
        "unit_price": "155",
        "amount": "69750.00",
        "exact_amount": "69750",
        "formula": "450 seats x 155",
    }


def test_cost_json_with_simulation() -> None:
    result = run("cost", str(SEED), "--offer", "final", "--simulate", "2000", "--seed", "5", "--json")
    assert result.exit_code == 0
    sim = json.loads(result.stdout)["result"]["offers"][0]["simulation"]
    assert sim["draws"] == 2000 and sim["seed"] == 5
    term = {k: Decimal(v) for k, v in sim["term"].items()}
    assert term["p10"] < term["p50"] < term["p90"]
    assert all(v == round(v, 2) for v in term.values())  # amounts, to the cent
    assert 0 <= sim["p_over_budget_any_year"] <= 1
    assert sim["incumbent_term_cost"] == "5832000.00"  # $162,000 a month x 36
    assert sim["dual_running"] == "486000.00"  # 3 x 162,000 before the month-4 go-live, the same in every draw
    switching = {k: Decimal(v) for k, v in sim["switching"].items()}
    difference = {k: Decimal(v) for k, v in sim["difference"].items()}
    for key in ("mean", "p10", "p50", "p90"):
        assert switching[key] == term[key] + Decimal("486000.00")
        assert difference[key] == switching[key] - Decimal("5832000.00")
    assert 0 <= sim["p_switching_beats_staying"] <= 1


def test_final_milestones_in_cost_json() -> None:
    payload = json.loads(run("cost", str(SEED), "-o", "final", "--json", "--lines").stdout)["result"]
    fees = [(ln["month"], ln["amount"]) for ln in payload["offers"][0]["lines"] if ln["category"] == "one_time"]
    assert fees == [(2, "56000.00"), (3, "112000.00"), (4, "84000.00"), (6, "28000.00")]


def test_compare_json_has_levers_and_crossings() -> None:
    result = run("compare", str(SEED), "--json")
    assert result.exit_code == 0
    payload = json.loads(result.stdout)["result"]
    final = next(v for v in payload["versus_baseline"] if v["offer"] == "final")
    levers = {lv["lever"]: lv for lv in final["levers"]}
    assert levers["licences"]["by_year"][0] == "64800.00"
    assert levers["usage_rates"]["by_year"] == ["54000.00", "72000.00", "72000.00"]
    assert payload["run_rate_above_incumbent_from_month"]["quarter-end"] == 4
    assert payload["offers"]["original"]["by_category"]["licenses"] == "2638642.50"


def test_compare_human_output_names_the_saving() -> None:
    result = run("compare", str(SEED), "--offer", "original", "--offer", "final")
    assert result.exit_code == 0
    assert "final vs original: saves $449,849.52 on the cost of switching over the term" in result.stdout
    assert "$64,800.00" in result.stdout


def test_unknown_offer_is_a_one_line_error() -> None:
    result = run("cost", str(SEED), "--offer", "finale")
    assert result.exit_code == 2
    assert result.stderr.strip() == (
        f"{SEED}: --offer: no offer named 'finale'; the deal has original, quarter-end, revised-ask, final"
    )


def test_simulate_bounds() -> None:
    result = run("cost", str(SEED), "--simulate", "-5")
    assert result.exit_code == 2
    assert result.stderr.strip() == "principal cost: --simulate: must be between 0 and 2,000,000 (got -5)"


def test_the_vendor_estimate_reads_the_same_in_cost_and_compare() -> None:
    cost = json.loads(run("cost", str(SEED), "--json").stdout)["result"]
    compared = json.loads(run("compare", str(SEED), "--json").stdout)["result"]
    in_cost = {o["offer"]: o["vendor_view"] for o in cost["offers"]}
    in_compare = {v["offer"]: v for v in compared["vendor_views"]}
    assert in_cost == in_compare
    original = in_cost["original"]
    assert sorted(original) == [
        "by_meter",
        "monthly_usage_at_buyer_plan",
        "monthly_usage_at_vendor_estimate",
        "offer",
        "reference_month",
        "term_gap",
        "term_usage_at_buyer_plan",
        "term_usage_at_vendor_estimate",
    ]
    # 33 live months of usage: $99,500 a month at the plan, $85,500 at the vendor's estimate.
    assert original["term_usage_at_buyer_plan"] == "3283500.00"
    assert original["term_usage_at_vendor_estimate"] == "2821500.00"
    assert original["term_gap"] == "462000.00"


def test_each_result_states_its_currency_once() -> None:
    cost = json.loads(run("cost", str(SEED), "--json").stdout)["result"]
    compared = json.loads(run("compare", str(SEED), "--json").stdout)["result"]
    assert cost["currency"] == compared["currency"] == "USD"
    assert all("currency" not in o for o in cost["offers"])
    assert all("currency" not in o for o in compared["offers"].values())
    original = cost["offers"][0]
    assert original["lines"] is None  # only with --lines
    switching = original["switching"]
    assert switching["staying"] == "5832000.00"  # 36 x 162,000
    assert switching["dual_running"] == "486000.00"  # 3 x 162,000 before the month-4 go-live
    assert switching["switching"] == "6688142.50"  # 6,202,142.50 + 486,000
    assert switching["difference"] == "856142.50"  # 6,688,142.50 - 5,832,000


def test_the_cost_commands_load_no_engine_until_they_run() -> None:
    code = (
        "import sys, principal.cli.cost_commands; "
        "print(sorted(m for m in sys.modules if m.split('.')[0] == 'numpy' or m.startswith('principal.cost')))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.strip() == "[]"
