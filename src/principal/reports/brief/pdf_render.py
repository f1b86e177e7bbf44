"""The brief as PDF: WeasyPrint lays out the same self-contained HTML (DejaVu fonts, SVG charts).

Loading WeasyPrint (pango, cairo's font machinery) takes about a second and its first layout another: a server
calls `prepare_renderer()` once before it forks any job, so each export's child starts with both done. The
garbage collector is paused during the layout (the boxes are freed with the document; collecting them while they
are made only walks them again and again, a third of the layout time).
"""

from __future__ import annotations

import gc
import logging
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

_prepared = threading.Event()


def _html_class() -> Any:
    from weasyprint import HTML  # imported here: loading pango takes about a second

    for name in ("weasyprint", "fontTools"):
        logging.getLogger(name).setLevel(logging.ERROR)
    return HTML


@contextmanager
def paused_gc() -> Iterator[None]:
    """The cyclic garbage collector off for the block (as it was afterwards)."""
    was_on = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_on:
            gc.enable()


def html_to_pdf(html: str) -> bytes:
    """Render the brief's HTML; nothing is fetched (the HTML has no external references, and fetching is refused)."""
    document = _html_class()(string=html, url_fetcher=_refuse, base_url=None)
    with paused_gc():
        pdf: bytes = document.write_pdf()
    return pdf


WARM_UP = """<!doctype html><html><head><meta charset="utf-8"><style>{css}</style></head><body>
<h1>Brief</h1><h2>Cost</h2><p class="lead">Lead <b>bold</b> <i>italic</i> 1,234.56 € ¥ £</p>
<table class="small"><tr><th>offer</th><th class="num">total</th></tr><tr><td>a</td><td class="num">1</td></tr></table>
<figure class="chart"><svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 10 10"><text x="1" y="5">t</text></svg>
</figure></body></html>"""


def prepare_renderer() -> None:
    """Import WeasyPrint and lay out a one-page brief with the brief's stylesheet and fonts, once per process, so
    the processes forked from this one render a PDF without paying for either."""
    if _prepared.is_set():
        return
    from principal.reports.brief.html_render import stylesheet

    html_to_pdf(WARM_UP.format(css=stylesheet()))
    _prepared.set()


def _refuse(url: str, timeout: int = 10, ssl_context: object = None) -> dict[str, object]:
    raise ValueError(f"the brief must not fetch {url}")
