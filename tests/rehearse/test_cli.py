"""`principal rehearse`: a scripted run on the bundled deal reaches an agreement and prints the debrief; `--auto`
prints the strategies' table; bad options are one-line errors with exit code 2."""

from __future__ import annotations

import json
from decimal import ROUND_HALF_UP, Decimal
from pathlib import Path

from tests.clirunner import run
from tests.conftest import SEED

MOVES = "we need $140 a seat and a 110% cap\nwhy\nask bands\noffer seat_price=142 uplift=3\n"


def test_a_scripted_run_reaches_an_agreement_and_shows_the_debrief(tmp_path: Path) -> None:
    out = tmp_path / "rehearsal.md"
    result = run("rehearse", str(SEED), "--seed", "3", "--transcript", str(out), input=MOVES)
    assert result.exit_code == 0, result.output
    text = result.stdout
    assert "rep: [anchor] Our list price is $155.00 a seat; this offer already takes $10.00 off every seat." in text
    assert "rep: Agreed: seat price: $142.00; annual uplift: 3%" in text
    # walk-away: the incumbent's $162,000 a month for 36 months; the vendor's reservation: its offer less 7.5%
    # (5% budget widened by half for high quarter-end pressure)
    walk_away = Decimal(162_000) * 36
    reservation = Decimal("6031907.50") * (1 - Decimal("0.075"))
    agreed = Decimal("5735602.12")
    share = ((walk_away - agreed) / (walk_away - reservation) * 100).quantize(Decimal("0.1"), ROUND_HALF_UP)
    assert walk_away == Decimal(5_832_000) and share == Decimal("38.2")
    assert "Debrief" in text
    assert (
        "  - agreed package: term cost $5,735,602.12 against your target's $5,735,602.12 and your walk-away "
        "$5,832,000.00 (within it)" in text
    )
    assert f"  - share of the ZOPA captured: {share}%" in text
    assert "  - never asked: data export and transition at ask's terms" in text
    saved = out.read_text()
    assert saved.startswith("# Rehearsal: Contact-center platform replacement")
    assert "**You:** we need $140 a seat and a 110% cap" in saved and "## Debrief" in saved


def test_json_output_and_the_same_seed_gives_the_same_transcript() -> None:
    first = run("rehearse", str(SEED), "--seed", "9", "--persona", "margin", "--json", input=MOVES)
    second = run("rehearse", str(SEED), "--seed", "9", "--persona", "margin", "--json", input=MOVES)
    assert first.exit_code == 0, first.output
    assert first.stdout == second.stdout
    body = json.loads(first.stdout)
    assert body["ok"] and body["command"] == "rehearse"
    assert body["result"]["persona"] == "margin"
    assert [turn["you"] for turn in body["result"]["turns"]][1:] == MOVES.strip().split("\n")


def test_auto_prints_each_strategy() -> None:
    result = run("rehearse", str(SEED), "--auto", "--runs", "20", "--json")
    assert result.exit_code == 0, result.output
    rows = json.loads(result.stdout)["result"]["strategies"]
    assert [r["strategy"] for r in rows] == ["boulware", "conceder", "tit-for-tat", "packages"]
    for row in rows:
        assert 0 <= row["agreement_rate"] <= 1
        if row["mean_buyer_cost"] is not None:
            assert Decimal(row["mean_buyer_cost"]) <= Decimal(5_832_000)  # never above the walk-away
    table = run("rehearse", str(SEED), "--auto", "--runs", "5")
    assert table.exit_code == 0 and "tit-for-tat" in table.stdout and "mean buyer cost" in table.stdout


def test_bad_options_are_one_line_errors() -> None:
    persona = run("rehearse", str(SEED), "--persona", "shark", input="")
    assert persona.exit_code == 2
    assert persona.stderr.strip().splitlines() == [
        f"{SEED}: --persona: no persona named 'shark'; choose one of quarter-end, margin, solutions"
    ]
    offer = run("rehearse", str(SEED), "--offer", "nope", input="")
    assert offer.exit_code == 2 and "no offer named 'nope'" in offer.stderr and "Traceback" not in offer.output
    same = run("rehearse", str(SEED), "--offer", "revised-ask", input="")
    assert same.exit_code == 2 and "both 'revised-ask'" in same.stderr


def test_an_unknown_walk_away_is_said_so_never_taken_as_zero(tmp_path: Path) -> None:
    from tests.builders import deal_data

    data = deal_data()
    ask = json.loads(json.dumps(data["offers"]["only"]))
    ask["licenses"][0]["unit_price"] = 90
    data["offers"]["ask"] = ask
    path = tmp_path / "deal.json"
    path.write_text(json.dumps(data))
    result = run("rehearse", str(path), input="ask seat_price 95\naccept\n")
    assert result.exit_code == 0, result.output
    # the target: 10 seats x 12 months x $90 + 100,000 minutes x $0.01 x 12 months
    target = 10 * 12 * 90 + 100_000 * 12 // 100
    assert f"against your target's ${target:,}.00; your walk-away is unknown" in result.stdout
    assert "walk-away $0.00" not in result.stdout and "ZOPA captured" not in result.stdout
