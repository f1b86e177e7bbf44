"""`principal sla` end to end: figures in --json, located errors with exit 2, seeded simulation."""

from __future__ import annotations

import json
import subprocess
import sys
from typing import Any

import pytest

from tests.clirunner import run as cli
from tests.conftest import SEED
from tests.sla.conftest import FIXTURES


def run(*args: str) -> Any:
    return cli("sla", str(SEED), *args)


def payload(*args: str) -> dict[str, Any]:
    result = run(*args, "--json")
    assert result.exit_code == 0, result.output
    data: dict[str, Any] = json.loads(result.stdout)
    return data["result"]["report"]


def test_json_states_the_fee_base_and_allowed_downtime() -> None:
    report = payload("--offer", "final")
    assert report["fee_base"]["name"] == "all_monthly"
    assert report["fee_base"]["monthly_amount"] == "157850.00"
    assert report["fee_base"]["amounts"]["usage"] == "93500.00"
    voice = report["allowed"]["components"][0]
    assert [p["allowed_minutes"] for p in voice["periods"]] == ["20.16", "20.88", "21.6", "22.32", "21.9"]


def test_default_offer_is_the_baseline() -> None:
    assert payload()["offer"] == "original"


def test_replay_of_the_sample_log() -> None:
    report = payload("--offer", "final", "--outages", str(FIXTURES / "sample.csv"))
    replay = report["replay"]
    assert replay["credits_paid"] == "78925.00"
    assert replay["chronic"][0]["fires_on"] == "2027-04-30"
    assert replay["windows"][3]["capped"] is True


def test_comparison_of_the_seed_designs() -> None:
    report = payload("--offer", "final", "--against", "original")
    scenarios = {s["name"]: s for s in report["comparison"]["scenarios"]}
    repeated = scenarios["voice_routing down 45 minutes in months 1, 3 and 5"]
    assert [f["credits_paid"] for f in repeated["figures"]] == ["47355.00", "25387.50"]
    assert [f["chronic_fires_in_window"] for f in repeated["figures"]] == [5, None]


def test_seeded_simulation_is_reproducible_and_compares_both_designs() -> None:
    args = ("--offer", "final", "--against", "original", "--simulate", "300", "--seed", "9")
    first, again = payload(*args), payload(*args)
    assert first == again
    sims = first["comparison"]["simulation"]
    assert [s["offer"] for s in sims] == ["final", "original"]
    assert sims[0]["yearly_impact"] == sims[1]["yearly_impact"]
    assert set(sims[0]["yearly_credits"]) == {"p10", "p50", "p90", "mean"}
    assert 0 <= float(sims[0]["chronic"][0]["probability_within_term"]) <= 1


def test_simulation_fitted_from_the_log_says_so() -> None:
    report = payload("--offer", "final", "--outages", str(FIXTURES / "sample.csv"), "--simulate", "100")
    sources = {m["component"]: m["source"] for m in report["simulation"]["models"]}
    assert sources["voice_routing"] == "fitted from 5 unplanned outages over 6 month(s)"
    assert sources["digital_channels"].startswith("preset typical")


def test_text_output_shows_the_figures() -> None:
    result = run("--offer", "final", "--against", "original", "--outages", str(FIXTURES / "sample.csv"))
    assert result.exit_code == 0
    assert "$157,850.00" in result.stdout
    assert "fires in window 4, on 2027-04-30" in result.stdout
    assert "credits $78,925.00" in result.stdout


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (("--offer", "nope"), "--offer: no offer named 'nope'; offers are original, quarter-end, revised-ask, final"),
        (("--against", "nope"), "--against: no offer named 'nope'"),
        (("--simulate", "0"), "--simulate: give 1 to"),
        (("--preset", "awful"), "--preset: unknown preset 'awful'; use reliable, typical, troubled"),
        (("--seed", "-1"), "--seed: the seed must be 0 or more (got -1)"),
    ],
)
def test_bad_options_exit_2_with_one_line(args: tuple[str, ...], message: str) -> None:
    result = run(*args)
    assert result.exit_code == 2
    assert message in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1
    assert "Traceback" not in result.output


def test_bad_log_exits_2_with_located_line() -> None:
    path = FIXTURES / "overlap.csv"
    result = run("--offer", "final", "--outages", str(path))
    assert result.exit_code == 2
    assert result.stderr.startswith(f"{path}:4:1: start: overlaps row 2")
    assert result.stdout == ""


def test_bad_log_in_json() -> None:
    result = run("--outages", str(FIXTURES / "naive_time.csv"), "--json")
    assert result.exit_code == 2
    data = json.loads(result.stdout)
    assert data["ok"] is False
    assert data["error"]["problems"][0]["line"] == 2 and data["error"]["problems"][0]["column"] == 1
    assert data["error"]["problems"][0]["field"] == "start"


@pytest.mark.parametrize("offer", ["original", "quarter-end", "revised-ask", "final"])
def test_every_seed_offer_runs(offer: str) -> None:
    result = run("--offer", offer, "--simulate", "50")
    assert result.exit_code == 0, result.output


def test_the_command_module_loads_no_engine_until_run() -> None:
    """`principal --help` imports every command module: this one must not bring numpy or the engines with it."""
    probe = (
        "import sys, principal.cli.sla_commands; "
        "print(sorted(m for m in sys.modules if m.split('.')[0] == 'numpy' or m.startswith(("
        "'principal.sla', 'principal.cost', 'principal.loader', 'principal.model'))))"
    )
    done = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, check=True)
    assert done.stdout.strip() == "[]"
