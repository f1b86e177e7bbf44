"""`principal review DIR`: a folder of contracts reviewed in one process, in a process pool and on a Dask
LocalCluster on loopback; the same rows every way, in path order, and an unreadable file is a row, not a crash."""

from __future__ import annotations

import csv
import io
import json
import shutil
from pathlib import Path

import pytest

from principal.signed.contracts import batches, contract_files, review_contracts
from tests.clirunner import run
from tests.conftest import ROOT

FIXTURES = ROOT / "tests" / "fixtures" / "review"


@pytest.fixture(scope="module")
def folder(tmp_path_factory: pytest.TempPathFactory) -> Path:
    where = tmp_path_factory.mktemp("contracts")
    for name in ("ccaas-order-form.md", "ccaas-order-form.html", "ccaas-order-form.docx"):
        shutil.copy(FIXTURES / name, where / name)
    (where / "sub").mkdir()
    shutil.copy(FIXTURES / "ccaas-order-form.md", where / "sub" / "copy.md")
    (where / "broken.docx").write_bytes(b"PK\x03\x04 not really a zip")
    (where / ".hidden.md").write_text("skipped")
    (where / "notes.csv").write_text("skipped too")
    return where


def _rows(review: object) -> list[tuple[object, ...]]:
    return [(r.file, r.ok, r.terms, r.top_risks, r.missing, r.key_dates) for r in review.rows]  # type: ignore[attr-defined]


def test_a_folder_given_through_dot_dot_is_read_and_hidden_folders_below_it_are_skipped(
    folder: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    (folder / ".git").mkdir(exist_ok=True)
    (folder / ".git" / "inside.md").write_text("skipped")
    monkeypatch.chdir(folder / "sub")
    files = contract_files(Path("..") / ".." / folder.name)
    assert [f.name for f in files] == [
        "broken.docx", "ccaas-order-form.docx", "ccaas-order-form.html", "ccaas-order-form.md", "copy.md"
    ]  # fmt: skip


def test_one_process_and_a_pool_give_the_same_rows(folder: Path) -> None:
    files = contract_files(folder)
    assert [f.name for f in files] == [
        "broken.docx", "ccaas-order-form.docx", "ccaas-order-form.html", "ccaas-order-form.md", "copy.md"
    ]  # fmt: skip
    alone = review_contracts(files, folder=str(folder), jobs=1)
    pooled = review_contracts(files, folder=str(folder), jobs=2)
    assert pooled.runner == "processes"
    assert _rows(alone) == _rows(pooled)
    broken = alone.rows[0]
    assert not broken.ok and "broken.docx" in broken.error
    md = alone.rows[3]
    assert md.ok and md.terms["renewal_notice"].value == 90 and md.terms["subscription_term"].value == 36
    assert md.key_dates == (
        "non-renewal notice due 90 days before the term ends",
        "term ends 36 months after the start",
        "renews automatically at the term's end unless notice is given",
        "service credits claimed within 30 days",
    )
    assert _rows(alone)[3][1:] == _rows(alone)[4][1:]  # the copy reads the same


def test_batches_start_with_the_largest_files_and_end_with_single_ones(tmp_path: Path) -> None:
    sizes = [30, 5, 200, 0, 90, 90, 1, 400, 7, 12, 60, 3, 150, 8, 2, 75, 44, 9, 300, 11]
    paths = []
    for i, size in enumerate(sizes):
        (tmp_path / f"c{i:02}.txt").write_bytes(b"x" * size)
        paths.append(str(tmp_path / f"c{i:02}.txt"))
    paths.append(str(tmp_path / "missing.txt"))  # cannot be read: counts as the smallest
    groups = batches(paths, 2)
    # 21 files, 2 workers: a quarter of what is left per worker, 21 // 8 = 2, then 19 // 8 = 2, 17 // 8 = 2,
    # 15 // 8 = 1 and single files to the end: 3 pairs and 15 singles.
    assert [len(g) for g in groups] == [2, 2, 2] + [1] * 15
    assert groups[:3] == [[7, 18], [2, 12], [4, 5]]  # 400 and 300 bytes, 200 and 150, the two of 90 (in order)
    assert groups[-2:] == [[3], [20]]  # the empty file, then the missing one
    assert sorted(i for g in groups for i in g) == list(range(21))


def test_a_dask_local_cluster_on_loopback_gives_the_same_rows(folder: Path) -> None:
    distributed = pytest.importorskip("distributed")
    files = contract_files(folder)
    with distributed.LocalCluster(
        n_workers=1, threads_per_worker=1, processes=False, protocol="tcp", host="127.0.0.1", dashboard_address=None
    ) as cluster:
        on_dask = review_contracts(files, folder=str(folder), dask=cluster.scheduler_address)
    assert on_dask.runner.startswith("dask tcp://127.0.0.1:")
    assert _rows(on_dask) == _rows(review_contracts(files, folder=str(folder)))


def test_the_command_writes_the_portfolio_report(folder: Path, tmp_path: Path) -> None:
    result = run("review", str(folder), "-o", str(tmp_path), "--jobs", "2", "--json")
    assert result.exit_code == 0, result.output
    rows = list(csv.DictReader(io.StringIO((tmp_path / "portfolio.csv").read_text())))
    assert [Path(r["file"]).name for r in rows] == [f.name for f in contract_files(folder)]
    assert rows[0]["ok"] == "no" and rows[1]["ok"] == "yes"
    data = json.loads((tmp_path / "portfolio.json").read_text())
    assert len(data["rows"]) == 5
    page = (tmp_path / "portfolio.html").read_text()
    assert "<table>" in page and "ccaas-order-form.html" in page and 'class="failed"' in page


def test_bad_options_are_one_line_errors(folder: Path, tmp_path: Path) -> None:
    missing = run("review", str(folder / "nope"), "-o", str(tmp_path))
    assert missing.exit_code == 2 and "no such folder" in missing.stderr
    address = run("review", str(folder), "-o", str(tmp_path), "--dask", "localhost")
    assert address.exit_code == 2 and "tcp://HOST:PORT" in address.stderr
    no_report = run("review", str(folder))
    assert no_report.exit_code == 2 and "give -o REPORT_FOLDER" in no_report.stderr
    mixed = run("review", str(folder), str(folder / "ccaas-order-form.html"), "-o", str(tmp_path))
    assert mixed.exit_code == 2 and "not both" in mixed.stderr
    redline = run("review", str(folder), "-o", str(tmp_path), "--redline-out", str(tmp_path / "r.docx"))
    assert redline.exit_code == 2 and "--redline-out is for the documents of one deal" in redline.stderr
    jobs_on_a_file = run("review", str(folder / "ccaas-order-form.html"), "--jobs", "2")
    assert jobs_on_a_file.exit_code == 2 and "--jobs is for reviewing a folder" in jobs_on_a_file.stderr
    assert not (tmp_path / "portfolio.csv").exists()
