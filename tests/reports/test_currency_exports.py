"""The cost parts of the exports on EUR (German locale) and JPY copies of the example: the workbook's number formats
carry the deal's currency symbol and decimals (none for yen), and the brief's summary, cost and appendix sections
write every amount in the deal's currency, with no `$`."""

from __future__ import annotations

import re
from io import BytesIO
from pathlib import Path

import openpyxl
import pytest

from principal.loader import load_deal
from principal.model import Deal
from principal.reports.brief.build import summary_section
from principal.reports.brief.content import BriefContent, gather
from principal.reports.brief.document import Document
from principal.reports.brief.html_render import render_html
from principal.reports.brief.markdown_render import render_markdown
from principal.reports.brief.sections_appendix import appendix_section
from principal.reports.brief.sections_cost import cost_section
from principal.reports.workbook.build import build_workbook
from tests.cost.currency_deals import NBSP, deal_in
from tests.reports.libreoffice import needs_libreoffice, sheets_as_shown, without_cached_values


@pytest.fixture(scope="module")
def deals(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Deal]:
    folder = tmp_path_factory.mktemp("currencies")
    return {"EUR": load_deal(deal_in("EUR", folder, locale="de_DE")), "JPY": load_deal(deal_in("JPY", folder))}


@pytest.fixture(scope="module")
def contents(deals: dict[str, Deal]) -> dict[str, BriefContent]:
    return {currency: gather(deal) for currency, deal in deals.items()}


def cost_parts(c: BriefContent) -> Document:
    """The brief's sections this slice writes: the summary, the cost section and the appendix of line items."""
    return Document("Cost parts", "", (summary_section(c), cost_section(c), appendix_section(c)))


# --- the workbook ------------------------------------------------------------------------------------------------


def number_formats(book: bytes) -> set[str]:
    sheets = openpyxl.load_workbook(BytesIO(book)).worksheets
    return {c.number_format for ws in sheets for row in ws.iter_rows() for c in row if c.value is not None}


def test_workbook_amounts_in_yen_have_no_decimals(deals: dict[str, Deal]) -> None:
    formats = number_formats(build_workbook(deals["JPY"]))
    assert '"¥"#,##0;-"¥"#,##0' in formats  # amounts
    assert '"¥"General' in formats  # unit prices keep their own decimals (0.012 a minute)
    assert not any("$" in f or "€" in f for f in formats)
    assert not any("¥" in f and "0.00" in f for f in formats)


def test_workbook_amounts_in_euro_keep_cents_with_the_sign_after(deals: dict[str, Deal]) -> None:
    formats = number_formats(build_workbook(deals["EUR"]))
    assert f'#,##0.00"{NBSP}€";-#,##0.00"{NBSP}€"' in formats  # de_DE writes 1.234,56 € (sign after the figure)
    assert f'0.00####"{NBSP}€"' in formats
    assert not any("$" in f or "¥" in f for f in formats)


@pytest.mark.libreoffice
@needs_libreoffice
def test_libreoffice_shows_the_recalculated_yen_workbook_in_whole_yen(deals: dict[str, Deal], tmp_path: Path) -> None:
    exported = tmp_path / "exported.xlsx"
    exported.write_bytes(build_workbook(deals["JPY"]))
    shown = sheets_as_shown(without_cached_values(exported, tmp_path / "jpy.xlsx"), tmp_path)
    assert not any("$" in cell for rows in shown.values() for row in rows for cell in row)
    rows = {row[0]: row[1:5] for row in shown["Comparison"] if row}
    # Term costs 6,202,142.50 / 6,031,907.50 / 5,735,602.12 / 5,752,292.98, each shown to the whole yen.
    assert rows["Term (TCO)"] == ["¥6,202,143", "¥6,031,908", "¥5,735,602", "¥5,752,293"]
    assert rows["Live minus engine (zero until an input changes)"] == ["¥0", "¥0", "¥0", "¥0"]
    licences = next(row for row in shown["Cost original"] if row and row[0] == "Term (TCO)")
    assert licences[1] == "¥2,638,643"  # 450 x 155 x 12 x (1 + 1.05 + 1.05^2) = 2,638,642.50


# --- the brief ---------------------------------------------------------------------------------------------------


@pytest.mark.parametrize("currency", ["EUR", "JPY"])
def test_no_dollar_sign_in_the_briefs_cost_parts(contents: dict[str, BriefContent], currency: str) -> None:
    doc = cost_parts(contents[currency])
    markdown = render_markdown(doc)
    html = render_html(doc)
    assert "$" not in markdown and "$" not in html
    assert markdown.count("|") > 500  # the tables are there


def test_brief_cost_parts_in_yen(contents: dict[str, BriefContent]) -> None:
    markdown = render_markdown(cost_parts(contents["JPY"]))
    rows = markdown.splitlines()
    assert "| licences | ¥2,638,643 | ¥2,468,408 | ¥2,370,102 | ¥2,386,793 |" in rows
    assert "| seat price and quantity | ¥202,286 | ¥64,800 | ¥67,392 | ¥70,094 |" in rows
    assert "| **Term (TCO)** | **¥6,202,143** | **¥6,031,908** | **¥5,735,602** | **¥5,752,293** |" in rows
    assert "| 2 | Professional services (implementation): Design sign-off | ¥56,000 | 20% of 280000 |" in rows
    assert not re.search(r"¥-?[\d,]+\.\d", markdown)
    assert "rounded half-up to a whole JPY only when shown" in markdown


def test_brief_cost_parts_in_euro_the_german_way(contents: dict[str, BriefContent]) -> None:
    markdown = render_markdown(cost_parts(contents["EUR"]))
    euro = NBSP + "€"
    row = f"| licences | 2.638.642,50{euro} | 2.468.407,50{euro} | 2.370.102,12{euro} | 2.386.792,98{euro} |"
    assert row in markdown.splitlines()
    assert f"The incumbent costs 162.000,00{euro} a month." in markdown
    assert "rounded half-up to the cent only when shown" in markdown
