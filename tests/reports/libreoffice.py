"""Recalculating a workbook with LibreOffice headless, in a throw-away profile that recalculates on every load."""

from __future__ import annotations

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
    assert SOFFICE is not None
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
            str(workbook),
        ],
        check=True,
        capture_output=True,
        timeout=180,
    )
    result = out / workbook.name
    assert result.exists(), f"LibreOffice wrote nothing for {workbook}"
    return result
