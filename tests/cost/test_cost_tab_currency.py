"""The web Cost tab on EUR (German locale) and JPY copies of the example: tables, chart labels and line items in the
deal's currency with its decimals, and no `$` on the page."""

from __future__ import annotations

import re
from collections.abc import Iterator

import pytest

from principal.store.database import open_store
from tests.cost.currency_deals import NBSP, deal_in
from tests.web.conftest import WebClient, make_client
from tests.web.html_probe import cells, element, figure, text


@pytest.fixture(scope="module")
def tabs(tmp_path_factory: pytest.TempPathFactory) -> Iterator[dict[str, str]]:
    """The Cost tab and the final offer's line items, for the EUR (de_DE) and the JPY copy."""
    folder = tmp_path_factory.mktemp("cost-tab")
    store = open_store(f"sqlite:///{folder / 'principal.db'}")
    web = WebClient(make_client(store))
    pages: dict[str, str] = {}
    for number, (currency, locale) in enumerate((("EUR", "de_DE"), ("JPY", None)), start=1):
        yaml_text = deal_in(currency, folder, locale=locale).read_text(encoding="utf-8")
        response = web.post_form("/deals", {"yaml_text": yaml_text, "author": "ana", "message": "Imported"})
        assert response.status_code == 303  # type: ignore[attr-defined]
        pages[currency] = web.client.get(f"/deals/{number}/cost").text
        pages[f"{currency} lines"] = web.client.get(f"/deals/{number}/cost/lines?offer=final").text
    yield pages
    store.close()


@pytest.mark.parametrize("page", ["EUR", "EUR lines", "JPY", "JPY lines"])
def test_no_dollar_sign_on_the_page(tabs: dict[str, str], page: str) -> None:
    assert "<h2" in tabs[page] and "$" not in tabs[page]


def test_totals_in_yen_are_whole(tabs: dict[str, str]) -> None:
    row = element(tabs["JPY"], '<tr data-offer="original">', "tr")
    # 2,012,500 / 2,072,850 / 2,116,792.50 and the term 6,202,142.50, each rounded half-up once to whole yen.
    assert cells(row)[1:] == ["¥2,012,500", "¥2,072,850", "¥2,116,793", "¥6,202,143", "52.9%"]
    savings = element(tabs["JPY"], '<table class="list money-table savings" data-offer="final">', "table")
    assert "final saves ¥449,850 on the cost of switching over the term" in text(savings)  # 449,849.52
    switching = element(tabs["JPY"], '<tr data-switching="final" class="over">', "tr")
    # 5,752,292.98 + 3 x 162,000 = 6,238,292.98 against 36 x 162,000 = 5,832,000: 406,292.98 more, in whole yen.
    assert cells(switching) == [
        "final",
        "¥5,752,293",
        "¥486,000",
        "¥0",
        "¥6,238,293",
        "¥5,832,000",
        "¥406,293",
        "month 4",
    ]
    assert not re.search(r"¥-?[\d,]+\.\d", text(tabs["JPY"]))


def test_totals_in_euro_read_the_german_way(tabs: dict[str, str]) -> None:
    row = element(tabs["EUR"], '<tr data-offer="original">', "tr")
    assert f"6.202.142,50{NBSP}€" in row
    euro = " €"  # the page's text with its whitespace (the no-break space too) read as one space
    assert cells(row)[1:5] == [
        f"2.012.500,00{euro}",
        f"2.072.850,00{euro}",
        f"2.116.792,50{euro}",
        f"6.202.142,50{euro}",
    ]
    assert f"Staying with the incumbent costs 162.000,00{euro} a month." in text(tabs["EUR"])
    assert (
        f"final : switching costs 6.238.292,98{euro} against 5.832.000,00{euro} for staying, 406.292,98{euro} more"
        in text(tabs["EUR"])
    )


def test_chart_labels_are_in_the_deals_currency(tabs: dict[str, str]) -> None:
    cumulative = figure(tabs["JPY"], "fig-cumulative")
    final = cumulative["data"][3]
    assert final["name"] == "final"
    # The cost of switching: 5,752,292.98 + 3 x 162,000 before go-live = 6,238,292.98, to the whole yen.
    assert final["y"][-1] == 6_238_293.0
    assert final["customdata"][-1] == "¥6,238,293"
    assert "%{customdata}" in final["hovertemplate"]
    # From 0 to the highest cumulative cost (switching to original: 6,688,143): a fifth is 1.34M, rounded up to 2M.
    assert cumulative["layout"]["yaxis"]["tickvals"] == [0.0, 2_000_000.0, 4_000_000.0, 6_000_000.0]
    assert cumulative["layout"]["yaxis"]["ticktext"] == ["¥0", "¥2,000,000", "¥4,000,000", "¥6,000,000"]
    distribution = figure(tabs["EUR"], "fig-distribution")
    labels = distribution["layout"]["xaxis"]["ticktext"] + distribution["data"][0]["customdata"]
    assert labels and all(re.fullmatch(r"[\d.]+" + NBSP + "€", t) for t in labels)


def test_line_items_in_yen(tabs: dict[str, str]) -> None:
    body = tabs["JPY lines"].split("<tbody>")[1]
    first = cells(body.split("<tr>")[1])
    assert first == ["1", "agent licences (named)", "450 seats x 143", "¥64,350"]  # 450 x 143
    assert "term cost ¥5,752,293" in text(tabs["JPY lines"])


def test_each_deal_shows_only_its_own_currency(tabs: dict[str, str]) -> None:
    # Two deals with the same figures in different currencies never show each other's symbol.
    assert "¥" not in tabs["EUR"] and "€" not in tabs["JPY"]


def test_all_in_unit_prices_on_the_cost_tab(tabs: dict[str, str]) -> None:
    table = element(tabs["JPY"], '<table class="list money-table terms">', "table")
    row = element(table, '<tr data-row="per-agent-month">', "tr")
    # The final offer: 5,752,292.98 / 450 agents / 36 months = 355.08 a month, whole yen: ¥355.
    assert cells(row)[1:] == ["¥383", "¥372", "¥354", "¥355"]
    assert "no discount rate" in text(table)
    assert "not known. What annual discount rate" in text(tabs["JPY"])
