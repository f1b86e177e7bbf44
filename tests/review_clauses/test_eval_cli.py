"""`principal eval cuad`: results on a small folder, and one-line located errors with exit code 2."""

from __future__ import annotations

import json
from pathlib import Path

from principal.review.clauses.categories import CATEGORIES
from tests.clirunner import run as cli
from tests.review_clauses.test_cuad_eval import AUDIT, PLAIN, write_folder


def _run(*args: str) -> tuple[int, str, str]:
    result = cli("eval", "cuad", *args)
    return result.exit_code, result.stdout, result.stderr


def test_json_report(tmp_path: Path) -> None:
    folder = write_folder(tmp_path, [("a.txt", AUDIT + " " + PLAIN, {"Audit Rights": [AUDIT]}), ("b.txt", PLAIN, {})])
    code, out, _ = _run("--data", str(folder), "--json")
    assert code == 0
    payload = json.loads(out)["result"]
    assert payload["contracts"] == 2
    assert [s["category"] for s in payload["scores"]] == list(CATEGORIES)
    audit = next(s for s in payload["scores"] if s["category"] == "Audit Rights")
    assert (audit["labelled"], audit["true_positives"]) == (1, 1)
    assert payload["credit"] == "CUAD v1, The Atticus Project, CC BY 4.0"
    assert payload["training_set_figures"] is False
    low, high = payload["macro_f1_interval"]
    assert low <= payload["macro_f1"] <= high
    assert {"micro_f1", "strict_macro_f1", "strict_micro_f1", "span_scores", "estimate"} <= set(payload)
    assert len(audit["f1_interval"]) == 2 and "strict_f1" in audit and "possible" in audit
    assert set(payload["span_scores"]) == {
        "questions",
        "labelled_clauses",
        "aupr",
        "precision_at_80_recall",
        "best_recall",
    }


def test_table_report(tmp_path: Path) -> None:
    folder = write_folder(tmp_path, [("a.txt", AUDIT, {"Audit Rights": [AUDIT]})])
    code, out, _ = _run("--data", str(folder))
    assert code == 0
    assert "Macro-F1 over 12 categories: 1.000 (95% interval over resampled contracts: 1.000 to 1.000)" in out
    assert "micro-F1 (pooled over categories): 1.000; strict Macro-F1" in out
    assert "Span task, CUAD-paper convention (a different task" in out
    assert "CUAD v1, The Atticus Project, CC BY 4.0" in out


def test_missing_folder(tmp_path: Path) -> None:
    code, _, err = _run("--data", str(tmp_path / "nope"))
    assert code == 2
    assert (
        err.strip()
        == f"{tmp_path / 'nope'}: (file): no such folder; pass a folder holding contracts/ and master_clauses.csv"
    )


def test_missing_csv(tmp_path: Path) -> None:
    (tmp_path / "contracts").mkdir()
    code, _, err = _run("--data", str(tmp_path))
    assert code == 2
    assert err.strip().startswith(f"{tmp_path / 'master_clauses.csv'}: (file): missing;")


def test_malformed_cell_is_located(tmp_path: Path) -> None:
    folder = write_folder(tmp_path, [("a.txt", AUDIT, {"Audit Rights": [AUDIT]})])
    csv_path = folder / "master_clauses.csv"
    csv_path.write_text(csv_path.read_text(encoding="utf-8").replace('[""Customer may', "[Customer may"), "utf-8")
    code, out, _ = _run("--data", str(folder), "--json")
    assert code == 2
    (problem,) = json.loads(out)["error"]["problems"]
    assert (problem["line"], problem["field"]) == (2, "Audit Rights")
    code, _, err = _run("--data", str(folder))
    assert code == 2
    assert err.strip() == f"{csv_path}:2: Audit Rights: not a list of quoted strings such as ['clause text']"


def test_missing_column_is_located(tmp_path: Path) -> None:
    (tmp_path / "contracts").mkdir()
    (tmp_path / "master_clauses.csv").write_text("Filename,Text File\nx.pdf,x.txt\n", encoding="utf-8")
    code, _, err = _run("--data", str(tmp_path))
    assert code == 2
    lines = err.strip().splitlines()
    assert len(lines) == len(CATEGORIES)
    assert lines[0].startswith(f"{tmp_path / 'master_clauses.csv'}:1: ")
    assert lines[0].endswith(": column 'Audit Rights' missing from the header row")
