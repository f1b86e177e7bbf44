"""The export formats and `render(deal, format, offers) -> bytes`: one entry point for the CLI and the web app."""

from __future__ import annotations

from enum import StrEnum
from typing import TYPE_CHECKING

from principal.errors import InputError
from principal.model.deal import Deal

if TYPE_CHECKING:
    from principal.strategy.plan.brief import Brief


class ExportFormat(StrEnum):
    html = "html"
    pdf = "pdf"
    md = "md"
    xlsx = "xlsx"

    @property
    def is_brief(self) -> bool:
        """The negotiation brief (HTML, PDF, Markdown), not the cost workbook."""
        return self is not ExportFormat.xlsx

    @property
    def media_type(self) -> str:
        return MEDIA_TYPES[self]

    @property
    def what(self) -> str:
        return DESCRIPTIONS[self]


MEDIA_TYPES = {
    ExportFormat.html: "text/html; charset=utf-8",
    ExportFormat.pdf: "application/pdf",
    ExportFormat.md: "text/markdown; charset=utf-8",
    ExportFormat.xlsx: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
}
DESCRIPTIONS = {
    ExportFormat.html: "the negotiation brief as one self-contained web page",
    ExportFormat.pdf: "the negotiation brief as a printable PDF",
    ExportFormat.md: "the negotiation brief as Markdown",
    ExportFormat.xlsx: "the cost workbook with live formulas",
}
SUFFIXES = {
    ".html": ExportFormat.html,
    ".htm": ExportFormat.html,
    ".pdf": ExportFormat.pdf,
    ".md": ExportFormat.md,
    ".markdown": ExportFormat.md,
    ".xlsx": ExportFormat.xlsx,
}


def parse_format(text: str, source: str, option: str = "--format") -> ExportFormat:
    try:
        return ExportFormat(text.strip().lower())
    except ValueError:
        known = ", ".join(f.value for f in ExportFormat)
        raise InputError.single(source, f"unknown format {text!r}; use one of {known}", field=option) from None


def prepare_renderers() -> None:
    """Load every renderer (the brief's sections and templates, the workbook, WeasyPrint with its fonts) now, once
    per process: a server calls it before it forks any job, so an export's child starts with all of it loaded."""
    from principal.reports.brief import build, content, html_render, markdown_render, pdf_render
    from principal.reports.workbook import build as workbook

    del build, content, markdown_render, workbook
    html_render._ENV.get_template("brief.html.j2")
    pdf_render.prepare_renderer()


def render(
    deal: Deal,
    fmt: ExportFormat,
    offers: list[str] | None = None,
    *,
    source: str = "<deal>",
    strategy: Brief | None = None,
) -> bytes:
    """The export's bytes. Unknown offer names are an InputError naming `source` and `--offer`. `strategy`: the
    deal's negotiation brief, when the caller has it already (the brief formats use it instead of building it)."""
    if fmt is ExportFormat.xlsx:
        from principal.reports.workbook.build import build_workbook

        return build_workbook(deal, offers, source=source)
    from principal.reports.brief.build import brief_document
    from principal.reports.brief.content import gather

    doc = brief_document(gather(deal, offers, source=source, strategy=strategy))
    if fmt is ExportFormat.md:
        from principal.reports.brief.markdown_render import render_markdown

        return render_markdown(doc).encode("utf-8")
    from principal.reports.brief.html_render import render_html

    html = render_html(doc)
    if fmt is ExportFormat.html:
        return html.encode("utf-8")
    from principal.reports.brief.pdf_render import html_to_pdf

    return html_to_pdf(html)
