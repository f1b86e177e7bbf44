"""The negotiation brief in HTML, Markdown and PDF: the seed's figures to the cent, the same figures in every
format, nothing fetched from the network, and deals without an SLA or a negotiation block."""

from __future__ import annotations

import re
import shutil
import subprocess
from io import BytesIO
from pathlib import Path

import pytest
from pypdf import PdfReader
from selectolax.lexbor import LexborHTMLParser

from principal.loader import load_deal
from principal.model import Deal
from principal.reports.brief.build import brief_document
from principal.reports.brief.content import gather
from principal.reports.brief.markdown_render import render_markdown
from principal.reports.formats import ExportFormat, render
from tests.builders import build_deal
from tests.reports.conftest import MECHANICS

MONEY = re.compile(r"-?\$[\d,]+\.\d\d")
SEED_FIGURES = (
    "$64,800.00",  # seat-price saving of the final package against the original, year 1
    "$2,638,642.50",  # the original offer's licences over the term
    "$56,000.00",  # milestones of the revised ask: 20%, 40%, 30% and 10% of $280,000
    "$112,000.00",
    "$84,000.00",
    "$28,000.00",
    "$6,202,142.50",  # term costs
    "$5,735,602.12",
    "$466,540.38",  # the ask's saving against the original
)


def html_text(content: bytes) -> str:
    tree = LexborHTMLParser(content.decode("utf-8"))
    for node in tree.css("style, svg"):
        node.decompose()
    assert tree.body is not None
    return tree.body.text(separator=" ")


def pdf_text(content: bytes, tmp_path: Path) -> str:
    if shutil.which("pdftotext"):
        path = tmp_path / "brief.pdf"
        path.write_bytes(content)
        return subprocess.run(
            ["pdftotext", "-layout", str(path), "-"], check=True, capture_output=True, text=True
        ).stdout
    return "\n".join(page.extract_text() or "" for page in PdfReader(BytesIO(content)).pages)


def test_markdown_tables_carry_the_seed_figures(seed_exports: dict[ExportFormat, bytes]) -> None:
    md = seed_exports[ExportFormat.md].decode("utf-8")
    rows = md.splitlines()
    assert "| licences | $2,638,642.50 | $2,468,407.50 | $2,370,102.12 | $2,386,792.98 |" in rows
    assert "| seat price and quantity | $202,286.16 | $64,800.00 | $67,392.00 | $70,094.16 |" in rows
    assert "| **Term (TCO)** | **$6,202,142.50** | **$6,031,907.50** | **$5,735,602.12** | **$5,752,292.98** |" in rows
    milestones = [r for r in rows if r.startswith("| 2 | ") or r.startswith("| 3 | ") or r.startswith("| 6 | ")]
    assert "| 2 | Professional services (implementation): Design sign-off | $56,000.00 | 20% of 280000 |" in milestones
    assert "| 3 | Professional services (implementation): UAT completed | $112,000.00 | 40% of 280000 |" in milestones
    assert "| 4 | Professional services (implementation): Production go-live | $84,000.00 | 30% of 280000 |" in rows
    assert any(
        r.startswith("| 6 | Professional services (implementation): 60 days") and "$28,000.00" in r for r in rows
    )
    for figure in SEED_FIGURES:
        assert figure in md


def test_html_is_self_contained_and_carries_the_seed_figures(seed_exports: dict[ExportFormat, bytes]) -> None:
    html = seed_exports[ExportFormat.html].decode("utf-8")
    assert html.startswith("<!DOCTYPE html>")
    for external in ("http://", "https://", "//cdn", "<script", "<link", "<img", "<iframe", "@import", "url("):
        assert external not in html, external
    assert not re.search(r"\ssrc\s*=", html)
    assert html.count("<svg") == 3  # annual totals, cumulative cost, and nothing drawn from outside
    assert "<style>" in html and "font-family" in html
    text = html_text(seed_exports[ExportFormat.html])
    for figure in SEED_FIGURES:
        assert figure in text


def test_every_format_shows_the_same_figures(seed_exports: dict[ExportFormat, bytes], tmp_path: Path) -> None:
    md = set(MONEY.findall(seed_exports[ExportFormat.md].decode("utf-8")))
    html = set(MONEY.findall(html_text(seed_exports[ExportFormat.html])))
    assert md == html
    pdf = set(MONEY.findall(pdf_text(seed_exports[ExportFormat.pdf], tmp_path)))
    assert len(md) > 200
    assert md - pdf == set(), "a figure of the brief is missing from the PDF"


def test_pdf_renders_with_the_key_figures(seed_exports: dict[ExportFormat, bytes], tmp_path: Path) -> None:
    content = seed_exports[ExportFormat.pdf]
    assert content.startswith(b"%PDF-")
    reader = PdfReader(BytesIO(content))
    assert len(reader.pages) >= 10
    text = pdf_text(content, tmp_path)
    for figure in ("64,800.00", "2,638,642.50", "56,000.00", "112,000.00", "84,000.00", "28,000.00"):
        assert figure in text
    assert "Negotiation brief: Contact-center platform" in text


def test_the_brief_shows_engine_results_unchanged(seed_deal: Deal) -> None:
    content = gather(seed_deal, source="deal.yaml")
    md = render_markdown(brief_document(content))
    versus = {v.offer: v for v in content.comparison.versus_baseline}
    assert f"${versus['final'].levers[0].by_year[0]:,.2f}" == "$64,800.00"
    assert f"${content.strategy.open_saving.number:,.2f}" in md
    assert f"**${content.comparison.schedules['final'].total:,.2f}**" in md
    for question in content.alignment[-1].questions:
        assert question in md


def test_offer_option_narrows_the_brief_to_the_baseline_and_the_named_offers(seed_deal: Deal) -> None:
    md = render(seed_deal, ExportFormat.md, ["final"], source="deal.yaml").decode("utf-8")
    assert "|   | original | final |" in md
    assert "quarter-end against original" not in md
    assert "| seat price and quantity | $202,286.16 | $64,800.00 | $67,392.00 | $70,094.16 |" in md


def test_a_deal_without_sla_or_negotiation_block_still_exports() -> None:
    deal = load_deal(MECHANICS)
    md = render(deal, ExportFormat.md, source=MECHANICS.name).decode("utf-8")
    assert "No offer shown states an SLA." in md
    # The first offer's term cost, in euros: 558,568.89 since minimums wait for the tied go-live in month 5 (604,035.55
    # before: 4 x 5,000 of chats minimum and 80,000 x 4/12 of calls minimum less, the cap refusing 1,200 less).
    assert "€558,568.89" in md
    assert "## Appendix: line items and assumptions" in md


@pytest.mark.parametrize("fmt", [ExportFormat.html, ExportFormat.md])
def test_exports_are_reproducible(seed_deal: Deal, seed_exports: dict[ExportFormat, bytes], fmt: ExportFormat) -> None:
    assert render(seed_deal, fmt, source="deal.yaml") == seed_exports[fmt]


def test_a_single_offer_deal_exports_without_savings() -> None:
    deal = build_deal({"name": "One offer"})
    md = render(deal, ExportFormat.md).decode("utf-8")
    assert "| **Term (TCO)** | **$24,000.00** |" in md  # 10 seats x $100 x 12 + 100,000 minutes x $0.01 x 12
    assert "Only the baseline is shown, so there is no saving to attribute." in md
