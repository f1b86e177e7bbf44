"""The alignment analysis as people see it outside the CLI, on EUR (de_DE) and JPY copies of the example: the web
Alignment tab and the brief's alignment section speak the deal's currency, with its decimals, and never `$`."""

from __future__ import annotations

import re
from collections.abc import Iterator
from decimal import Decimal
from pathlib import Path

import pytest

from principal.loader import load_deal, parse_deal
from principal.reports.brief.content import BriefContent, gather
from principal.reports.brief.document import Bullets, Paragraph, Section, Table
from principal.reports.brief.sections_alignment import alignment_section
from principal.store.database import open_store
from tests.conftest import SEED
from tests.currency_copies import example_in
from tests.web.conftest import WebClient, make_client
from tests.web.html_probe import cells, element, text

NBSP = "\u00a0"
YEN = re.compile(r"¥[\d,]+(\.\d+)?")
USAGE_50 = Decimal("0.50") * 3_283_500  # the original offer's usage 50% over forecast: 1,641,750
ONE_TIME = Decimal(280_000)  # the example's professional services fee


@pytest.fixture(scope="module")
def copies(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    folder = tmp_path_factory.mktemp("align-outputs")
    return {"EUR": example_in("EUR", folder, locale="de_DE"), "JPY": example_in("JPY", folder)}


def tab_page(tmp_path: Path, deal_text: str, offer: str) -> str:
    store = open_store(f"sqlite:///{tmp_path / 'principal.db'}")
    try:
        web = WebClient(make_client(store))
        created = web.post_form("/deals", {"yaml_text": deal_text, "author": "ana"})
        assert created.status_code == 303  # type: ignore[attr-defined]
        response = web.client.get(f"/deals/1/alignment?offer={offer}")
        assert response.status_code == 200
        return response.text
    finally:
        store.close()


def stress_row(page: str, test_id: str) -> list[str]:
    return cells(element(page, f'<tr data-test="{test_id}">', "tr"))


def test_alignment_tab_in_yen(copies: dict[str, Path], tmp_path: Path) -> None:
    page = tab_page(tmp_path, copies["JPY"].read_text(encoding="utf-8"), "original")
    assert "$" not in page
    usage30 = stress_row(page, "usage+30")
    assert usage30[:5] == [
        "Usage 30% above forecast pricing and usage",
        "misaligned",
        "¥985,050",  # 30% of the term's usage at plan, 3,283,500
        "¥985,050",
        "¥328,350",  # with a 110% cap: 10% of it
    ]
    assert usage30[5] == (
        "usage 30% over forecast: the vendor earns ¥985,050 more and you pay ¥985,050; with a 110% annual cap, ¥328,350"
    )
    assert stress_row(page, "repeated-misses")[2] == "-¥25,389"  # 3 x (5% x 169,250 = 8,462.5 -> 8,463 yen)
    scorecard = element(page, '<table class="list money-table scorecard">', "table")
    pricing = next(r for r in scorecard.split("<tr>") if "pricing and usage" in r)
    assert cells(pricing)[1] == f"at risk ¥{USAGE_50:,.0f}"
    shown = YEN.findall(text(page))
    assert len(shown) > 40 and not any(shown), "an amount in yen with decimals"


def test_alignment_tab_in_euro_with_german_statements(copies: dict[str, Path], tmp_path: Path) -> None:
    page = tab_page(tmp_path, copies["EUR"].read_text(encoding="utf-8"), "original")
    assert "$" not in page
    assert f"985.050,00{NBSP}€" in page  # the page keeps babel's no-break space; text() below makes it a space
    usage30 = stress_row(page, "usage+30")
    # The money filter's figures, in either the deal's locale or the filter's default one.
    assert usage30[2] in ("€985,050.00", "985.050,00 €")
    assert usage30[5] == (
        "usage 30% over forecast: the vendor earns 985.050,00 € more and you pay 985.050,00 €; "
        "with a 110% annual cap, 328.350,00 €"
    )
    checklist = element(page, '<table class="list checklist">', "table")
    uplift = next(r for r in checklist.split("<tr>") if "price increases" in r)
    assert cells(uplift)[2] == "5% a year from year 2; adds 127.642,50 € over the term"


def test_alignment_tab_escapes_what_the_deal_says(tmp_path: Path) -> None:
    hostile = "<script>alert(1)</script> & {launch}"
    deal_text = SEED.read_text(encoding="utf-8").replace("name: marketing launch", f"name: '{hostile}'", 1)
    assert parse_deal(deal_text, "deal.yaml").buyer.forecasts  # still a valid deal
    page = tab_page(tmp_path, deal_text, "original")
    assert "<script>alert(1)" not in page
    launch = element(page, '<tr data-test="launch">', "tr")
    assert "&lt;script&gt;alert(1)&lt;/script&gt; &amp; {launch} (bot_sessions)" in launch


def section_text(section: Section) -> Iterator[str]:
    yield section.title
    for block in section.blocks:
        if isinstance(block, Paragraph):
            yield block.text
        elif isinstance(block, Bullets):
            yield from block.items
        elif isinstance(block, Table):
            yield from block.headers
            yield block.caption or ""
            yield from (cell for row in block.rows for cell in row)
    for sub in section.subsections:
        yield from section_text(sub)


@pytest.fixture(scope="module")
def briefs(copies: dict[str, Path]) -> dict[str, BriefContent]:
    return {currency: gather(load_deal(path)) for currency, path in copies.items()}


def test_brief_alignment_section_in_yen(briefs: dict[str, BriefContent]) -> None:
    section = alignment_section(briefs["JPY"])
    words = "\n".join(section_text(section))
    assert "$" not in words and "dollar" not in words
    scorecard = section.blocks[1]
    assert isinstance(scorecard, Table)
    assert scorecard.rows[0][:2] == ("pricing and usage", f"at risk (¥{USAGE_50:,.0f})")
    timing = section.subsections[1].blocks[0]
    assert isinstance(timing, Paragraph)
    assert f"Of ¥{ONE_TIME:,.0f} in one-time fees, ¥{ONE_TIME * Decimal('0.6'):,.0f} is paid before go-live" in (
        timing.text
    )
    shown = YEN.findall(words)
    assert len(shown) > 30 and not any(shown), "an amount in yen with decimals"


def test_brief_alignment_section_in_euro(briefs: dict[str, BriefContent]) -> None:
    section = alignment_section(briefs["EUR"])
    words = "\n".join(section_text(section))
    assert "$" not in words and "dollar" not in words
    scorecard = section.blocks[1]
    assert isinstance(scorecard, Table)
    assert scorecard.rows[0][1] == f"at risk (1.641.750,00{NBSP}€)"
    euros = re.findall(r"(-?[\d.,]+)" + NBSP + "€", words)
    assert len(euros) > 30
    assert all(re.fullmatch(r"-?\d{1,3}(\.\d{3})*,\d\d", e) for e in euros), euros
