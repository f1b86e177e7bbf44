"""`principal credits`: the sample outage log replayed on the signed SLA; the same credits as the SLA engine's replay,
each with its claim deadline (the window's last day + 30 days), and the claim letter citing the clause."""

from __future__ import annotations

import datetime as dt
import io
import json
from decimal import Decimal
from pathlib import Path

import docx

from principal.loader import load_deal
from principal.loader.outage_log import load_outage_log
from principal.signed import signed_view
from principal.sla.fee_base import fee_bases_for_offer
from principal.sla.replay import replay_outages
from tests.clirunner import run
from tests.conftest import ROOT

SIGNED = ROOT / "examples" / "ccaas-450" / "signed-deal.yaml"
LOG = ROOT / "tests" / "fixtures" / "outages" / "sample.csv"


def _credits(*args: str) -> dict:  # type: ignore[type-arg]
    result = run("credits", str(SIGNED), "--outages", str(LOG), "--json", *args)
    assert result.exit_code == 0, result.output
    return json.loads(result.stdout)["result"]["credits"]  # type: ignore[no-any-return]


def test_credits_owed_equal_the_sla_engines_replay() -> None:
    owed = _credits("--as-of", "2027-12-31")
    view = signed_view(load_deal(SIGNED))
    log = load_outage_log(LOG, components=[c.name for c in view.offer.sla.components], timezone="America/New_York")  # type: ignore[union-attr]
    replay = replay_outages(view.deal, "final", log.outages, fee_bases_for_offer(view.deal, "final"))
    paid = {w.first_day.isoformat(): w.credit_paid.number for w in replay.windows if w.credit_paid.number > 0}
    assert {c["window"]["first_day"]: Decimal(c["amount"]) for c in owed["owed"]} == paid
    assert Decimal(owed["total"]) == sum(paid.values())
    for credit in owed["owed"]:
        last = dt.date.fromisoformat(credit["window"]["last_day"])
        assert credit["claim_deadline"] == (last + dt.timedelta(days=30)).isoformat()
        assert credit["status"] == "lapsed"  # judged at the end of 2027, every deadline has passed


def test_open_lapsed_and_not_yet_on_a_given_day() -> None:
    owed = _credits("--as-of", "2027-03-20")
    status = {c["window"]["first_day"]: c["status"] for c in owed["owed"]}
    assert status["2027-01-01"] == "lapsed"  # claim by 2027-03-02
    assert status["2027-02-01"] == "open"  # claim by 2027-03-30
    assert status["2027-04-01"] == "not_yet"  # window still to come
    amounts = {c["window"]["first_day"]: Decimal(c["amount"]) for c in owed["owed"]}
    assert Decimal(owed["unclaimed"]) == amounts["2027-02-01"]
    assert Decimal(owed["lapsed"]) == amounts["2027-01-01"]


def test_a_recorded_claim_is_not_claimed_again(tmp_path: Path) -> None:
    deal = tmp_path / "signed.yaml"
    deal.write_text(
        SIGNED.read_text().replace(
            "  claims: []", "  claims:\n    - {window_start: 2027-02-01, claimed_on: 2027-03-05, reference: CL-1}"
        )
    )
    result = run("credits", str(deal), "--outages", str(LOG), "--json", "--as-of", "2027-03-20")
    owed = json.loads(result.stdout)["result"]["credits"]
    assert {c["window"]["first_day"]: c["status"] for c in owed["owed"]}["2027-02-01"] == "claimed"
    assert Decimal(owed["unclaimed"]) == 0


def test_the_claim_letter_cites_the_clause(tmp_path: Path) -> None:
    md, word = tmp_path / "claim.md", tmp_path / "claim.docx"
    for letter in (md, word):
        result = run("credits", str(SIGNED), "--outages", str(LOG), "--as-of", "2027-03-20", "--letter", str(letter))
        assert result.exit_code == 0, result.output
    text = md.read_text()
    assert f"{SIGNED}:232 offers.final.sla.credits.claim_days" in text
    assert "| 2027-02-01 to 2027-02-28 |" in text
    assert "2027-01-01 to 2027-01-31" not in text  # lapsed: not claimed
    assert "2027-04-01" not in text  # not over yet
    document = docx.Document(io.BytesIO(word.read_bytes()))
    body = "\n".join(p.text for p in document.paragraphs)
    assert "offers.final.sla.credits.claim_days" in body
    assert document.tables[0].rows[1].cells[0].text == "2027-02-01 to 2027-02-28"


def test_no_letter_when_nothing_is_open(tmp_path: Path) -> None:
    letter = tmp_path / "claim.md"
    result = run("credits", str(SIGNED), "--outages", str(LOG), "--as-of", "2028-06-30", "--letter", str(letter))
    assert result.exit_code == 0
    assert "no letter written" in result.stdout
    assert not letter.exists()
