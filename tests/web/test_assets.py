"""Everything the pages load is shipped in the package and served from this machine."""

from __future__ import annotations

import hashlib
import re
from pathlib import Path

from principal.web.templating import STATIC, TEMPLATES

VENDOR = STATIC / "vendor"


def test_vendored_files_match_their_manifest() -> None:
    rows = [line.split("  ") for line in (VENDOR / "MANIFEST.txt").read_text().splitlines()]
    assert [row[0] for row in rows] == ["htmx.min.js", "plotly-basic.min.js"]
    for name, digest, _source in rows:
        assert hashlib.sha256((VENDOR / name).read_bytes()).hexdigest() == digest, name
    assert rows[0][2] == "htmx.org 2.0.11 (npm)"
    assert (VENDOR / "htmx.LICENSE").exists() and (VENDOR / "plotly.LICENSE").exists()


def test_every_chart_uses_a_trace_of_the_vendored_basic_bundle() -> None:
    """plotly.js-basic draws scatter, bar and pie traces only: a figure of any other type would stay blank."""
    web = STATIC.parent
    used = {t for path in web.rglob("*.py") for t in re.findall(r'"type": "([a-z]+)"', path.read_text())}
    assert used - {"http"} == {"scatter", "bar"}
    assert "plotly.js (basic - minified) v4.1.1" in (VENDOR / "plotly-basic.min.js").read_text()[:200]


def test_templates_and_stylesheet_reference_only_this_server() -> None:
    pattern = re.compile(r"""(?:src|href|action|hx-get|hx-post)\s*=\s*["']([^"'{]+)""")
    files = [*TEMPLATES.glob("*.html"), STATIC / "principal.css"]
    for path in files:
        text = path.read_text(encoding="utf-8")
        for url in pattern.findall(text):
            assert url.startswith(("/", "#")) and not url.startswith("//") and "://" not in url, (path, url)
        assert not re.search(r"url\(\s*['\"]?(https?:)?//", text), path
        assert "@import" not in text, path


def test_static_files_are_served(client: object) -> None:
    for name in ("principal.css", "vendor/htmx.min.js", "vendor/plotly-basic.min.js"):
        response = client.get(f"/static/{name}")  # type: ignore[attr-defined]
        assert response.status_code == 200, name
        assert response.content == (STATIC / name).read_bytes()


def test_package_data_is_inside_the_package() -> None:
    package = Path(__file__).resolve().parents[2] / "src" / "principal"
    assert TEMPLATES.is_relative_to(package) and STATIC.is_relative_to(package)
    assert (package / "store" / "migrations" / "versions" / "0001_initial.py").exists()
