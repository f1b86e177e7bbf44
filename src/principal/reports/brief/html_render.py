"""The brief as one self-contained HTML file: inline CSS and SVG, no script, nothing fetched from anywhere."""

from __future__ import annotations

import functools
from pathlib import Path

from jinja2 import Environment, FileSystemLoader, StrictUndefined, select_autoescape

from principal.reports.brief.document import Document

TEMPLATES = Path(__file__).resolve().parent.parent / "templates"
_ENV = Environment(
    loader=FileSystemLoader(str(TEMPLATES)),
    autoescape=select_autoescape(("html", "j2")),
    undefined=StrictUndefined,
)


@functools.cache
def stylesheet() -> str:
    """The brief's CSS (print rules included), read once."""
    return (TEMPLATES / "brief.css").read_text(encoding="utf-8")


def render_html(doc: Document) -> str:
    return _ENV.get_template("brief.html.j2").render(doc=doc, css=stylesheet())
