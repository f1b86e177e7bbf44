"""`export -o` writes only regular files or new names: a FIFO, a device, a folder or a symbolic link is refused
before any work and left as it was; a replaced file keeps its permissions. The Markdown brief shows user text as
text: no HTML tag or link from a deal name survives it."""

from __future__ import annotations

import os
import re
import stat
from pathlib import Path

import pytest

from principal.loader import parse_deal
from principal.reports.formats import ExportFormat, render
from tests.clirunner import run
from tests.conftest import SEED

HOSTILE_NAME = "<script>alert(1)</script> [click](javascript:alert(2)) & <img src=x onerror=alert(3)> `code` \\\\"


def export_to(target: Path, *extra: str) -> tuple[int, str]:
    result = run("export", str(SEED), "-o", str(target), "--format", "md", *extra)
    return result.exit_code, result.stderr.strip()


def test_a_fifo_is_refused_and_left_a_fifo(tmp_path: Path) -> None:
    fifo = tmp_path / "brief.md"
    os.mkfifo(fifo)
    code, error = export_to(fifo)
    assert code == 2
    assert error == f"{fifo}: -o: is a FIFO (named pipe), not a regular file; give a file name for the export"
    assert stat.S_ISFIFO(fifo.lstat().st_mode)


def test_a_device_is_refused() -> None:
    code, error = export_to(Path("/dev/null"))
    assert code == 2
    assert error == "/dev/null: -o: is a device, not a regular file; give a file name for the export"
    assert stat.S_ISCHR(os.lstat("/dev/null").st_mode)


def test_a_directory_is_refused(tmp_path: Path) -> None:
    code, error = export_to(tmp_path)
    assert code == 2
    assert error == f"{tmp_path}: -o: is a directory; give a file name for the export"


@pytest.mark.parametrize("inside", [True, False])
def test_a_symbolic_link_is_refused_and_its_target_untouched(tmp_path: Path, inside: bool) -> None:
    elsewhere = tmp_path / ("here" if inside else "elsewhere")
    elsewhere.mkdir()
    precious = elsewhere / "precious.txt"
    precious.write_text("keep me\n")
    folder = tmp_path / "out"
    folder.mkdir()
    link = folder / "brief.md"
    link.symlink_to(precious)
    code, error = export_to(link)
    assert code == 2
    assert error == f"{link}: -o: is a symbolic link; give the path of the file it points to (links are not followed)"
    assert link.is_symlink() and precious.read_text() == "keep me\n"
    assert sorted(os.listdir(folder)) == ["brief.md"]  # no temporary file left behind


def test_a_dangling_symbolic_link_is_refused_and_nothing_is_created(tmp_path: Path) -> None:
    link = tmp_path / "brief.md"
    link.symlink_to(tmp_path / "missing" / "target.md")
    code, _ = export_to(link)
    assert code == 2
    assert link.is_symlink() and not (tmp_path / "missing").exists()


@pytest.mark.parametrize("mode", [0o600, 0o640, 0o444])
def test_a_replaced_file_keeps_its_permissions(tmp_path: Path, mode: int) -> None:
    target = tmp_path / "brief.md"
    target.write_text("earlier export\n")
    target.chmod(mode)
    code, error = export_to(target)
    assert (code, error) == (0, "")
    assert stat.S_IMODE(target.stat().st_mode) == mode
    assert target.read_text().startswith("# Negotiation brief")


def test_a_new_file_gets_the_usual_permissions(tmp_path: Path) -> None:
    previous = os.umask(0o027)
    try:
        code, _ = export_to(tmp_path / "brief.md")
    finally:
        os.umask(previous)
    assert code == 0
    assert stat.S_IMODE((tmp_path / "brief.md").stat().st_mode) == 0o640  # 0666 less the umask 027


def test_the_markdown_brief_escapes_html_and_links_from_user_text() -> None:
    text = SEED.read_text()
    lines = text.splitlines()
    at = next(i for i, line in enumerate(lines) if line.startswith("name:"))
    quoted = HOSTILE_NAME.replace("\\", "\\\\").replace('"', '\\"')
    lines[at] = f'name: "{quoted}"'
    deal = parse_deal("\n".join(lines) + "\n", "deal.yaml")
    assert deal.name == HOSTILE_NAME
    md = render(deal, ExportFormat.md, source="deal.yaml").decode("utf-8")
    assert "<script" not in md
    assert "<img" not in md
    assert not re.search(r"(?<!\\)\]\(javascript:", md)  # no link: its brackets are escaped
    assert md.count("&lt;script&gt;alert(1)&lt;/script&gt; \\[click\\](javascript:alert(2)) &amp; &lt;img") >= 1
    assert "\\`code\\` \\\\" in md
    assert "<" not in md and ">" not in md  # nothing in the brief is markup
