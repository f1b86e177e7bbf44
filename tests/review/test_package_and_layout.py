"""A deal's documents reviewed together through the CLI; Word numbering and PDF layout read as a person reads
them; `principal eval review` on a small copy of the corpus."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

from principal.review.evaluation import evaluate_review, parse_term
from principal.review.ingest import load_document
from tests.clirunner import run

CORPUS = Path(__file__).resolve().parent.parent.parent / "corpus" / "review" / "tuning"


def test_a_package_is_one_deal_with_each_value_cited_to_its_document(tmp_path: Path) -> None:
    folder = CORPUS / "halcyon"
    out = tmp_path / "deal.yaml"
    paths = [folder / "order-form.pdf", folder / "msa.docx", folder / "sla-exhibit-b.html"]
    result = run("review", *map(str, paths), "--json", "--deal-out", str(out))
    assert result.exit_code == 1, result.stderr
    payload = json.loads(result.stdout)["result"]
    assert [(d["label"], d["kind"]) for d in payload["documents"]] == [
        ("order-form.pdf", "order"),
        ("msa.docx", "msa"),
        ("sla-exhibit-b.html", "sla"),
    ]
    rules = {f["rule"] for f in payload["findings"]}
    assert "referenced_document_missing" not in rules and "no_uptime_commitment" not in rules
    assert {"paid_data_export", "short_export_window", "efforts_only_uptime"} <= rules
    cap = next(t for t in payload["terms"] if t["kind"] == "credit_cap")
    assert cap["location"]["document"] == "sla-exhibit-b.html" and cap["check_this"] is False
    deal = out.read_text()
    assert "# sla-exhibit-b.html §3 p.1" in next(line for line in deal.splitlines() if "cap_percent: 10" in line)
    assert "# msa.docx §2.2 p.1" in next(line for line in deal.splitlines() if "notice_days: 90" in line)
    assert "termination_for_convenience: false  # msa.docx §3.1" in deal


def test_word_automatic_numbering_gives_the_labels_word_draws() -> None:
    docx_text = load_document(CORPUS / "kestrel" / "sla-schedule-2.docx").text  # numbering linked to styles
    md_text = load_document(CORPUS / "kestrel" / "sla-schedule-2.md").text
    assert docx_text == md_text
    assert "\n2.2 Availability is measured by the Supplier's monitoring" in docx_text
    halcyon = load_document(CORPUS / "halcyon" / "sla-exhibit-b.docx").text  # numPr on each paragraph
    assert "\n4. Exclusions\nDowntime does not include unavailability resulting from:\n(a) Scheduled" in halcyon


def test_pdf_columns_running_headers_and_page_breaks_are_undone() -> None:
    two_columns = load_document(CORPUS / "tidewater" / "msa.pdf")
    assert two_columns.text == load_document(CORPUS / "tidewater" / "msa.md").text
    assert "Tidewater Master Subscription Agreement\n" not in two_columns.text.split("\n", 1)[1]  # running header
    assert "Page 1 of" not in two_columns.text
    assert (
        "3.3 Customer may not terminate an Order for convenience. Either party may terminate an Order for cause"
    ) in two_columns.text  # fmt: skip  (a sentence cut by the column break)
    borderless = load_document(CORPUS / "tidewater" / "order.pdf").text
    assert "Tidewater Agent (named user) | 95 | USD 98.00" in borderless  # wrapped cell rejoined


def test_truth_lines_parse_into_term_keys() -> None:
    from decimal import Decimal

    assert parse_term("credit_tier 5 % below 99.9") == ("credit_tier", Decimal(5), "%", "below", Decimal("99.9"))
    assert parse_term("renewal_term - - by_agreement") == ("renewal_term", None, None, "by_agreement", None)


def test_eval_review_reports_each_part_and_format(tmp_path: Path) -> None:
    for part, deal in (("tuning", "brightline"), ("heldout", "vantage")):
        shutil.copytree(CORPUS / deal, tmp_path / part / deal)
    evaluation = evaluate_review(tmp_path)
    assert set(evaluation.parts) == {"tuning", "heldout"}
    tally = evaluation.parts["tuning"]["all"]
    assert (tally.exact_rate, tally.precision, tally.recall, tally.agreement, tally.inverted) == (
        1.0,
        1.0,
        1.0,
        1.0,
        [],
    )
    assert tally.documents == 4  # one document in four formats
    result = run("eval", "review", str(tmp_path))
    assert result.exit_code == 0, result.stderr
    assert "tuning" in result.stdout and "heldout" in result.stdout and "exact" in result.stdout
    as_json = json.loads(run("eval", "review", str(tmp_path), "--json").stdout)["result"]
    assert as_json["heldout"]["pdf"]["exact_rate"] == 1.0
    assert as_json["tuning"]["all"]["per_kind"]["overage_rate"] == {"expected": 4, "exact": 4}


def test_a_wrong_truth_file_is_a_located_error(tmp_path: Path) -> None:
    (tmp_path / "deal").mkdir()
    (tmp_path / "deal" / "truth.yaml").write_text("documents:\n  a:\n    - not_a_kind 5 %\n")
    result = run("eval", "review", str(tmp_path))
    assert result.exit_code == 2 and "truth.yaml" in result.stderr and "not_a_kind" in result.stderr
