"""The Decide tab: offers side by side with the all-in cost per agent per month and the discount from list, and
what-if sliders that cost the offers again (figures checked by independent arithmetic on the seed deal)."""

from __future__ import annotations

import json
import re
from decimal import Decimal
from pathlib import Path

from tests.clirunner import run
from tests.web.conftest import WebClient
from tests.web.html_probe import cells, element


def rows(page: str, table_class: str) -> dict[str, list[str]]:
    table = element(page, f'<table class="list money-table {table_class}"', "table")
    found = {}
    for row in re.findall(r"<tr>(.*?)</tr>", element(table, "<tbody", "tbody"), re.S):
        values = cells(row)
        found[values[0]] = values[1:]
    return found


def test_offers_side_by_side_with_all_in_unit_prices(seeded: WebClient) -> None:
    page = seeded.client.get("/deals/1/decide").text
    table = rows(page, "side-by-side-offers")
    assert list(table) == ["original", "quarter-end", "revised-ask", "final"]
    # final: 5,752,292.98 over 450 agents and 36 months = 355.0798...; licences 143 against 155 list = 7.74% off
    # with the cost of switching: (5,752,292.98 + 3 x 162,000 of dual running) / 450 / 36 = 385.0773...
    assert table["final"][2:6] == ["$5,752,292.98", "$355.08", "$385.08", "7.7%"]
    assert round(5752292.98 / 450 / 36, 2) == 355.08
    assert round((5752292.98 + 3 * 162000) / 450 / 36, 2) == 385.08
    assert round((1 - 143 / 155) * 100, 1) == 7.7
    assert "<title>Decide · Contact-center platform replacement" in page


def test_what_if_prices_move_the_licence_cost_only(seeded: WebClient) -> None:
    headers = {"HX-Request": "true"}
    fragment = seeded.client.get("/deals/1/decide?price=90", headers=headers).text
    assert fragment.startswith('<section id="what-if"')
    table = rows(fragment, "what-if")
    # final's licences: 450 seats x 143 x 12 months x (1 + 1.03 + 1.03^2) = 2,386,792.98; 10% of that comes off
    licences = 450 * 143 * 12 * (1 + 1.03 + 1.03**2)
    assert round(licences * 0.10, 2) == 238679.30
    assert table["final"][1] == "-$238,679.30"
    assert table["final"][0] == "$5,513,613.68"  # 5,752,292.98 - 238,679.30


def test_what_if_settings_are_kept_within_bounds(seeded: WebClient) -> None:
    fragment = seeded.client.get("/deals/1/decide?volume=5000&seats=1", headers={"HX-Request": "true"}).text
    assert "Volumes at 300% of plan, seats at 25%, licence prices at 100%." in fragment


def test_the_sensitivity_shows_the_tornado_the_cli_prints(seeded: WebClient, tmp_path: Path, seed_text: str) -> None:
    page = seeded.client.get("/deals/1/decide").text
    assert 'hx-get="/deals/1/decide/sensitivity"' in page and 'href="/deals/1/decide/sensitivity"' in page
    fragment = seeded.client.get("/deals/1/decide/sensitivity", headers={"HX-Request": "true"}).text
    assert fragment.startswith('<section id="sensitivity"')
    deal_file = tmp_path / "deal.yaml"
    deal_file.write_text(seed_text, encoding="utf-8")
    result = run("compare", str(deal_file), "--tornado", "--json")
    assert result.exit_code == 0, result.output
    cli = json.loads(result.stdout)["result"]["tornado"]
    assert cli["rows"], "the seed deal's valuation has assumptions with ranges"
    shown = {
        row["assumption"]: [
            cells(element(fragment, f'<tr data-assumption="{row["assumption"]}"', "tr"))[i] for i in (3, 6)
        ]
        for row in cli["rows"]
    }
    assert shown == {
        row["assumption"]: [dollars(row["low"]["change"]), dollars(row["high"]["change"])] for row in cli["rows"]
    }
    assert re.findall(r'<tr data-assumption="([a-z_]+)"', fragment) == [row["assumption"] for row in cli["rows"]]
    assert 'data-figure="fig-sensitivity"' in fragment
    full = seeded.client.get("/deals/1/decide/sensitivity").text
    assert "<title>Sensitivity · Decide · Contact-center platform replacement" in full


def dollars(text: str) -> str:
    """A CLI figure as the page writes it in the seed deal's en_US dollars, signed: -$1,020,995.65, +$1,948,894.85."""
    amount = Decimal(text)
    sign = "-" if amount < 0 else "+" if amount > 0 else ""
    return f"{sign}${abs(amount):,.2f}"
