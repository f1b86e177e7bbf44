"""`principal review`: exit codes, --json, --deal-out."""

from __future__ import annotations

import json
from pathlib import Path

from tests.clirunner import run
from tests.review.conftest import FIXTURES


def test_review_json_lists_terms_findings_missing_and_exits_1(tmp_path: Path) -> None:
    out = tmp_path / "partial.yaml"
    result = run("review", str(FIXTURES / "ccaas-order-form.pdf"), "--json", "--deal-out", str(out))
    assert result.exit_code == 1, result.stderr
    payload = json.loads(result.stdout)
    assert payload["ok"] is True and payload["command"] == "review"
    payload = payload["result"]
    assert payload["format"] == "pdf" and payload["pages"] == 4
    cap = next(t for t in payload["terms"] if t["kind"] == "credit_cap")
    assert (cap["value"], cap["unit"], cap["location"]["section"], cap["location"]["page"]) == ("10", "%", "3.2", 4)
    titles = {f["title"] for f in payload["findings"]}
    assert "Credits are the sole remedy" in titles
    assert "No chronic-failure exit" in payload["missing"]
    assert payload["deal_gaps"][0]["field"] == "offers.reviewed.usage[0].forecast"
    assert out.read_text().startswith("# Partial deal file written by `principal review`")


def test_review_text_output_and_exit_0_without_findings(tmp_path: Path) -> None:
    letter = tmp_path / "letter.txt"
    letter.write_text(
        "Order Letter\n\nThis letter is the order between Provider and Customer for the hosted services. Either party "
        "may terminate this Agreement for convenience on thirty (30) days' notice. Provider will provide transition "
        "assistance for six (6) months and Customer may export all Customer Data for ninety (90) days after "
        "termination at no charge. Fees are payable within thirty (30) days of each invoice, and the term renews "
        "only by written agreement of both parties.\n"
    )
    result = run("review", str(letter))
    assert result.exit_code == 0, result.stderr
    assert "0 finding(s)" in result.stdout and "No risk found by the rules." in result.stdout
    rich = run("review", str(FIXTURES / "ccaas-order-form.md"))
    assert rich.exit_code == 1
    assert "[high] SLA and uptime: Credits are the sole remedy  (§3.4 p.1" in rich.stdout
    assert "Missing protections:" in rich.stdout


def test_review_unreadable_input_exits_2_with_json_problem(tmp_path: Path) -> None:
    missing = tmp_path / "nope.pdf"
    result = run("review", str(missing), "--json")
    assert result.exit_code == 2
    payload = json.loads(result.stdout)
    assert payload["ok"] is False and payload["error"]["problems"][0]["message"] == "file not found; check the path"


def test_unwritable_deal_out_exits_2_and_writes_nothing(tmp_path: Path) -> None:
    target = tmp_path / "no-such-dir" / "partial.yaml"
    result = run("review", str(FIXTURES / "ccaas-order-form.md"), "--deal-out", str(target))
    assert result.exit_code == 2
    assert "cannot write the deal file" in result.stderr
    assert not target.parent.exists()
