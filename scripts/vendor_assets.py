#!/usr/bin/env python3
"""Vendor the web app's JavaScript into src/principal/web/static/vendor/, reproducibly, so no page needs a CDN.

- htmx: the pinned version from the npm registry (`npm pack`), checked against the registry's sha512 integrity.
- plotly.js: the basic bundle (scatter, bar and pie: the only traces the pages draw; a quarter of the full bundle's
  4.8 MB) at the version the plotly wheel ships, from the npm registry (`plotly.js-basic-dist-min`), checked the
  same way.

Writes MANIFEST.txt with each file's version and SHA-256; tests/web check the files still match it.
Run from the repository root: .venv/bin/python scripts/vendor_assets.py
"""

from __future__ import annotations

import base64
import hashlib
import json
import subprocess
import sys
import tarfile
import tempfile
from pathlib import Path

HTMX_VERSION = "2.0.11"
PLOTLY_VERSION = "4.1.1"
"""The plotly.js of the plotly wheel uv.lock pins (plotly.py 7.1.0 ships plotly.js 4.1.1)."""
ROOT = Path(__file__).resolve().parent.parent
VENDOR = ROOT / "src" / "principal" / "web" / "static" / "vendor"


def sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def npm_files(work: Path, spec: str, members: dict[str, str]) -> None:
    """Copy `members` (path in the package -> name in vendor/) out of the npm tarball of `spec`, after checking the
    tarball against the registry's integrity hash."""
    info = json.loads(subprocess.run(["npm", "view", spec, "dist", "--json"], check=True, capture_output=True).stdout)
    subprocess.run(["npm", "pack", spec, "--silent"], cwd=work, check=True, capture_output=True)
    name, _, version = spec.rpartition("@")
    tarball = work / f"{name}-{version}.tgz"
    algorithm, _, expected = info["integrity"].partition("-")
    actual = base64.b64encode(hashlib.new(algorithm, tarball.read_bytes()).digest()).decode()
    if actual != expected:
        raise SystemExit(f"{spec} tarball integrity mismatch: registry {expected}, downloaded {actual}")
    with tarfile.open(tarball) as archive:
        for member, target in members.items():
            source = archive.extractfile(member)
            if source is None:
                raise SystemExit(f"{member} missing from {tarball.name}")
            (VENDOR / target).write_bytes(source.read())


def vendor_htmx(work: Path) -> tuple[str, str]:
    npm_files(
        work, f"htmx.org@{HTMX_VERSION}", {"package/dist/htmx.min.js": "htmx.min.js", "package/LICENSE": "htmx.LICENSE"}
    )
    return "htmx.min.js", f"htmx.org {HTMX_VERSION} (npm)"


def vendor_plotly(work: Path) -> tuple[str, str]:
    spec = f"plotly.js-basic-dist-min@{PLOTLY_VERSION}"
    npm_files(work, spec, {"package/plotly-basic.min.js": "plotly-basic.min.js", "package/LICENSE": "plotly.LICENSE"})
    return "plotly-basic.min.js", f"plotly.js-basic-dist-min {PLOTLY_VERSION} (npm)"


def main() -> int:
    VENDOR.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as tmp:
        entries = [vendor_htmx(Path(tmp)), vendor_plotly(Path(tmp))]
    (VENDOR / "plotly.min.js").unlink(missing_ok=True)
    lines = [f"{name}  {sha256(VENDOR / name)}  {source}" for name, source in entries]
    (VENDOR / "MANIFEST.txt").write_text("\n".join(lines) + "\n", encoding="utf-8")
    print("\n".join(lines))
    return 0


if __name__ == "__main__":
    sys.exit(main())
