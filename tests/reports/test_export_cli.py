"""`principal export`: each format written whole, a JSON summary, and one-line located errors with exit code 2 that
leave any earlier file untouched."""

from __future__ import annotations

import hashlib
import json
import os
from pathlib import Path

import pytest

from principal.errors import InputError
from principal.reports import atomic_file
from principal.reports.atomic_file import write_atomically
from tests.clirunner import run
from tests.conftest import SEED

BAD_DEAL = "name: x\nbuyer:\n  agents: 0\noffers: {}\n"


@pytest.mark.parametrize(
    ("suffix", "magic"),
    [("md", b"# Negotiation brief"), ("html", b"<!DOCTYPE html>"), ("xlsx", b"PK\x03\x04")],
)
def test_export_writes_each_format(tmp_path: Path, suffix: str, magic: bytes) -> None:
    out = tmp_path / f"brief.{suffix}"
    result = run("export", str(SEED), "--format", suffix, "-o", str(out))
    assert result.exit_code == 0, result.stderr
    assert out.read_bytes().startswith(magic)
    assert f"Wrote {out}" in result.stdout
    assert [p.name for p in tmp_path.iterdir()] == [out.name]  # no temporary file left behind


def test_json_summary_describes_the_file_written(tmp_path: Path) -> None:
    out = tmp_path / "brief.md"
    result = run("export", str(SEED), "-o", str(out), "--offer", "final", "--json")
    assert result.exit_code == 0
    summary = json.loads(result.stdout)
    content = out.read_bytes()
    assert summary["ok"] is True and summary["command"] == "export" and summary["file"] == str(SEED)
    assert summary["result"] == {
        "format": "md",
        "media_type": "text/markdown; charset=utf-8",
        "output": str(out),
        "size_bytes": len(content),
        "sha256": hashlib.sha256(content).hexdigest(),
        "offers": ["final"],
    }
    assert "$64,800.00" in content.decode()


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--format", "docx"], "OUT: --format: unknown format 'docx'; use one of html, pdf, md, xlsx"),
        (["--offer", "nope"], "deal.yaml: --offer: no offer named 'nope'; the deal has original, quarter-end, "),
    ],
)
def test_bad_options_are_one_line_errors_and_keep_the_old_file(tmp_path: Path, args: list[str], message: str) -> None:
    out = tmp_path / "brief.md"
    out.write_text("earlier export\n")
    result = run("export", str(SEED), "-o", str(out), *args)
    assert result.exit_code == 2
    assert result.stdout == ""
    assert len(result.stderr.strip().splitlines()) == 1
    assert message.replace("OUT", str(out)) in result.stderr.replace(str(SEED.parent) + "/", "")
    assert out.read_text() == "earlier export\n"


def test_output_problems_are_reported_before_any_work(tmp_path: Path) -> None:
    missing = run("export", str(SEED), "-o", str(tmp_path / "no" / "brief.pdf"))
    assert missing.exit_code == 2
    assert f"the folder '{tmp_path / 'no'}' does not exist; create it first" in missing.stderr
    unknown = run("export", str(SEED), "-o", str(tmp_path / "brief.docx"))
    assert unknown.exit_code == 2
    assert "--format: cannot tell the format from 'brief.docx'" in unknown.stderr
    folder = run("export", str(SEED), "-o", str(tmp_path), "--format", "md", "--json")
    assert folder.exit_code == 2
    problem = json.loads(folder.stdout)["error"]["problems"][0]
    assert problem["field"] == "-o" and "is a directory" in problem["message"]


def test_a_bad_deal_file_is_located(tmp_path: Path) -> None:
    deal = tmp_path / "deal.yaml"
    deal.write_text(BAD_DEAL)
    result = run("export", str(deal), "-o", str(tmp_path / "brief.html"))
    assert result.exit_code == 2
    assert f"{deal}:3:11: buyer.agents: must be >= 1 (got 0)" in result.stderr
    assert "Traceback" not in result.stderr
    assert not (tmp_path / "brief.html").exists()


def test_a_failed_write_leaves_the_previous_file_and_no_partial_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    target = tmp_path / "brief.pdf"
    target.write_bytes(b"previous")

    def disk_full(src: object, dst: object) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(atomic_file.os, "replace", disk_full)
    with pytest.raises(InputError) as caught:
        write_atomically(target, b"new contents")
    assert caught.value.problems[0].render() == f"{target}: -o: cannot write the export: no space left on device"
    assert target.read_bytes() == b"previous"
    assert sorted(os.listdir(tmp_path)) == ["brief.pdf"]


def test_an_interrupted_write_removes_its_temporary_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    def interrupted(fd: int) -> None:
        raise KeyboardInterrupt

    monkeypatch.setattr(atomic_file.os, "fsync", interrupted)
    with pytest.raises(KeyboardInterrupt):
        write_atomically(tmp_path / "brief.md", b"half")
    assert os.listdir(tmp_path) == []
