#!/usr/bin/env python3
"""Vendor the web app's JavaScript into src/principal/web/static/vendor/, reproducibly, so no page needs a CDN.

- htmx: the pinned version from the npm registry (`npm pack`), checked against the registry's sha512 integrity.
- plotly.js: plotly.min.js copied from the installed plotly wheel's package data (the version uv.lock pins).

Writes MANIFEST.txt with each file's version and SHA-256; tests/web check the files still match it.
Run from the repository root: .venv/bin/python scripts/vendor_assets.py
"""

from __future__ import annotations

import base64
import hashlib
import json
import shutil
import subprocess
import sys
import tarfile
import tempfile
from importlib import metadata
from pathlib import Path

HTMX_VERSION = "2.0.11"
ROOT = Path(__file__).resolve().parent.parent
VENDOR = ROOT / "src" / "principal" / "web" / "static" / "vendor"


def sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def vendor_htmx(work: Path) -> tuple[str, str]:
    spec = f"htmx.org@{HTMX_VERSION}"
    info = json.loads(subprocess.run(["npm", "view", spec, "dist", "--json"], check=True, capture_output=True).stdout)
    subprocess.run(["npm", "pack", spec, "--silent"], cwd=work, check=True, capture_output=True)
    tarball = work / f"htmx.org-{HTMX_VERSION}.tgz"
    algorithm, _, expected = info["integrity"].partition("-")
    actual = base64.b64encode(hashlib.new(algorithm, tarball.read_bytes()).digest()).decode()
    if actual != expected:
        raise SystemExit(f"htmx tarball integrity mismatch: registry {expected}, downloaded {actual}")
    with tarfile.open(tarball) as archive:
        for member, target in (("package/dist/htmx.min.js", "htmx.min.js"), ("package/LICENSE", "htmx.LICENSE")):
            source = archive.extractfile(member)
            if source is None:
                raise SystemExit(f"{member} missing from {tarball.name}")
            (VENDOR / target).write_bytes(source.read())
    return "htmx.min.js", f"htmx.org {HTMX_VERSION} (npm)"


def vendor_plotly() -> tuple[str, str]:
    import plotly

    package = Path(plotly.__file__).resolve().parent
    shutil.copyfile(package / "package_data" / "plotly.min.js", VENDOR / "plotly.min.js")
    licence = next((p for p in metadata.files("plotly") or [] if p.name in ("LICENSE.txt", "LICENSE")), None)
    if licence is not None:
        shutil.copyfile(Path(str(licence.locate())), VENDOR / "plotly.LICENSE")
    return "plotly.min.js", f"plotly.py {metadata.version('plotly')} wheel (package_data/plotly.min.js)"


def main() -> int:
    VENDOR.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as tmp:
        entries = [vendor_htmx(Path(tmp)), vendor_plotly()]
    lines = [f"{name}  {sha256(VENDOR / name)}  {source}" for name, source in entries]
    (VENDOR / "MANIFEST.txt").write_text("\n".join(lines) + "\n", encoding="utf-8")
    print("\n".join(lines))
    return 0


if __name__ == "__main__":
    sys.exit(main())
