"""The brief as PDF: WeasyPrint lays out the same self-contained HTML (DejaVu fonts, SVG charts)."""

from __future__ import annotations

import logging


def html_to_pdf(html: str) -> bytes:
    """Render the brief's HTML; nothing is fetched (the HTML has no external references, and fetching is refused)."""
    from weasyprint import HTML  # imported here: loading pango takes about a second

    for name in ("weasyprint", "fontTools"):
        logging.getLogger(name).setLevel(logging.ERROR)
    pdf: bytes = HTML(string=html, url_fetcher=_refuse, base_url=None).write_pdf()
    return pdf


def _refuse(url: str, timeout: int = 10, ssl_context: object = None) -> dict[str, object]:
    raise ValueError(f"the brief must not fetch {url}")
