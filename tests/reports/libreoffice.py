"""Recalculating a workbook with LibreOffice headless, in a throw-away profile that recalculates on every load."""

from __future__ import annotations

import csv as csv_module
import shutil
import subprocess
from pathlib import Path

import openpyxl
import pytest

SOFFICE = shutil.which("soffice") or shutil.which("libreoffice")
ALWAYS_RECALCULATE = """<?xml version="1.0" encoding="UTF-8"?>
<oor:items xmlns:oor="http://openoffice.org/2001/registry" xmlns:xs="http://www.w3.org/2001/XMLSchema"
 xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">
<item oor:path="/org.openoffice.Office.Calc/Formula/Load">
 <prop oor:name="OOXMLRecalcMode" oor:op="fuse"><value>0</value></prop>
</item>
</oor:items>
"""

needs_libreoffice = pytest.mark.skipif(SOFFICE is None, reason="LibreOffice (soffice) is not installed")


def without_cached_values(source: Path, target: Path) -> Path:
    """Save the workbook through openpyxl, which keeps the formulas and drops every cached value, so any number
    read after LibreOffice's pass was computed by LibreOffice."""
    book = openpyxl.load_workbook(source)
    book.save(target)
    return target


def recalculate(workbook: Path, workdir: Path) -> Path:
    """Open `workbook` in LibreOffice headless, recalculate every formula and save it as xlsx; returns the copy."""
    return recalculate_all([workbook], workdir)[0]


def recalculate_all(workbooks: list[Path], workdir: Path, timeout: int = 600) -> list[Path]:
    """Recalculate several workbooks (distinct file names) in one LibreOffice run, which starts LibreOffice once:
    the copies, in the order given."""
    assert SOFFICE is not None
    assert len({w.name for w in workbooks}) == len(workbooks), "workbooks to recalculate need distinct names"
    profile = workdir / "lo-profile"
    (profile / "user").mkdir(parents=True, exist_ok=True)
    (profile / "user" / "registrymodifications.xcu").write_text(ALWAYS_RECALCULATE)
    out = workdir / "recalculated"
    out.mkdir(exist_ok=True)
    subprocess.run(
        [
            SOFFICE,
            f"-env:UserInstallation={profile.resolve().as_uri()}",
            "--headless",
            "--norestore",
            "--convert-to",
            "xlsx",
            "--outdir",
            str(out),
            *(str(w) for w in workbooks),
        ],
        check=True,
        capture_output=True,
        timeout=timeout,
    )
    results = [out / w.name for w in workbooks]
    missing = [r.name for r in results if not r.exists()]
    assert not missing, f"LibreOffice wrote nothing for {missing}"
    return results


def sheets_as_shown(workbook: Path, workdir: Path) -> dict[str, list[list[str]]]:
    """Every sheet of `workbook` as LibreOffice shows it after recalculating every formula: rows of the cells'
    formatted text (number formats applied), by sheet name."""
    assert SOFFICE is not None
    profile = workdir / "lo-profile"
    (profile / "user").mkdir(parents=True, exist_ok=True)
    (profile / "user" / "registrymodifications.xcu").write_text(ALWAYS_RECALCULATE)
    out = workdir / "shown"
    out.mkdir(exist_ok=True)
    # CSV filter tokens: separator ',' (44), text delimiter '"' (34), UTF-8 (76), from line 1, default cell
    # format and language, ..., token 9 `true`: save cell contents as shown; token 12 `-1`: every sheet to its own
    # file, named <workbook>-<sheet>.csv.
    csv = "csv:Text - txt - csv (StarCalc):44,34,76,1,,0,false,true,true,false,false,-1"
    subprocess.run(
        [
            SOFFICE,
            f"-env:UserInstallation={profile.resolve().as_uri()}",
            "--headless",
            "--norestore",
            "--convert-to",
            csv,
            "--outdir",
            str(out),
            str(workbook),
        ],
        check=True,
        capture_output=True,
        timeout=180,
    )
    sheets = {}
    for path in sorted(out.glob(f"{workbook.stem}-*.csv")):
        with path.open(encoding="utf-8", newline="") as handle:
            sheets[path.stem.removeprefix(f"{workbook.stem}-")] = list(csv_module.reader(handle))
    assert sheets, f"LibreOffice wrote no sheet of {workbook}"
    return sheets
