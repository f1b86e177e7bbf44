"""The move off the incumbent in the cost workbook (tests/reports/fixtures/transition.yaml): waves with their seats
and go-live months, licences billed per live seat, a scheduled forecast, dual running, the early-termination fee
and switching against staying, as Inputs and as live formulas that LibreOffice recalculates to the engine's
figures: at the plan, after a wave's go-live typed later, and after a volume overrun that makes the cap bind."""

from __future__ import annotations

from decimal import Decimal
from io import BytesIO
from typing import Any

import openpyxl
import pytest

from principal.cost.scenario import Scenario
from principal.loader import load_deal, parse_deal
from principal.reports.workbook.build import build_workbook
from tests.conftest import SEED
from tests.reports.conftest import BUNDLED, TRANSITION, Recalculated
from tests.reports.libreoffice import needs_libreoffice
from tests.reports.workbook_checks import (
    check_cells,
    comparison_totals,
    engine_switching,
    engine_totals,
    input_cell,
    input_row,
    month_column,
    scenario_totals,
    switching_totals,
)

NORTH, INC = "offers.north", "buyer.incumbent"
SAVING = "Saving against north on the cost of switching"
STAYING = 12 * Decimal(50000) + 12 * Decimal(51500)  # 3% growth from contract year 2: 1,218,000


@pytest.fixture(scope="module")
def book() -> Any:
    return openpyxl.load_workbook(BytesIO(build_workbook(load_deal(TRANSITION))))


def _recalculated(recalculated: Recalculated, name: str) -> Any:
    return openpyxl.load_workbook(recalculated[name][1], data_only=True)


@pytest.mark.parametrize(
    ("field", "value"),
    [
        (f"{NORTH}.implementation.waves[0].agents", 40),
        (f"{NORTH}.implementation.waves[0].go_live_month", 3),
        (f"{NORTH}.implementation.waves[1].agents", 60),
        (f"{NORTH}.implementation.waves[1].go_live_month", 6),
        (f"{NORTH}.licenses[0].billed_on", "live seats"),
        ("buyer.forecasts.chats.schedule[1].from_month", 9),
        ("buyer.forecasts.chats.schedule[1].expected", 10000),
        (f"{INC}.monthly_cost", 50000),
        (f"{INC}.annual_growth_percent", 3),
        (f"{INC}.notice_months", 2),
        (f"{INC}.notice_served_month", 1),
        (f"{INC}.committed_until_month", 4),
        (f"{INC}.early_termination_fee", 40000),
        (f"{INC}.overlap_months", 1),
        (f"{INC}.variable_percent", 80),
    ],
)
def test_every_roll_out_and_incumbent_term_is_an_input_with_its_field(book: Any, field: str, value: object) -> None:
    assert input_cell(book, field).value == value


def test_the_first_go_live_follows_the_waves_and_silent_terms_are_labelled_defaults(book: Any) -> None:
    assert str(input_cell(book, f"{NORTH}.implementation.go_live_month").value).startswith("=MIN(")
    seed = openpyxl.load_workbook(BytesIO(build_workbook(load_deal(SEED))))
    note = input_row(seed, f"{INC}.overlap_months")[2].value
    assert note.startswith("default (the deal file is silent): no parallel running") and "Ask: " in note
    assert input_cell(seed, f"{INC}.overlap_months").value == 0


@pytest.mark.libreoffice
@needs_libreoffice
def test_libreoffice_recalculates_the_move_to_the_engines_figures(recalculated: Recalculated) -> None:
    exported, after = recalculated["transition"]
    deal = load_deal(TRANSITION)
    check = check_cells(exported, after)
    assert check.cells > 1000 and check.differ == []
    book = openpyxl.load_workbook(after, data_only=True)
    assert comparison_totals(book) == engine_totals(deal)
    shown = switching_totals(book)
    assert shown == engine_switching(deal)
    north = book["Cost north"]
    # 40 of 100 agents live from month 3 (emea), all 100 from month 6 (americas): 100 live seats x 90
    assert month_column(north, "agent licences")[:7] == [0, 0, 3600, 3600, 3600, 9000, 9000]
    # calls follow the agents live (300,000 x 40/100 = 120,000 at 0.012 = 1,440, short of the 2,000 minimum by
    # 560); chats follow their own schedule on the new platform, whatever the waves
    assert month_column(north, "calls minutes")[2:6] == [120000, 120000, 120000, 300000]
    assert month_column(north, "calls minimum commitment")[2:6] == [560, 560, 560, 0]
    assert month_column(north, "chats usage")[2:9] == [1800] * 6 + [4500]
    # the incumbent is committed through month 4 (full 50,000), then 80% of it falls with the 40 agents moved
    # (emea live in 3 + 1 month of parallel running): 50,000 x (1 - 0.8 x 40/100) = 34,000 in months 5 and 6;
    # americas leave in month 7, after the commitment, so no early-termination fee
    dual = month_column(north, "incumbent running alongside")
    assert dual[:8] == [50000] * 4 + [34000] * 2 + [0, 0]
    assert shown["north"][1:3] == [Decimal(268000), Decimal(0)] and shown["north"][4] == STAYING
    # south goes live in month 2: every agent moved by month 3, the notice (served in 1, 2 months) runs by month 3,
    # inside the commitment: the 40,000 fee ends it in month 3
    south = book["Cost south"]
    assert month_column(south, "incumbent early-termination fee")[:4] == [0, 0, 40000, 0]
    assert shown["south"][1:3] == [Decimal(100000), Decimal(40000)]
    assert shown["south"][5] == shown["south"][3] - STAYING  # type: ignore[operator]
    saving = next(r for r in book["Comparison"].iter_rows(values_only=True) if r[0] == SAVING)
    assert round(Decimal(repr(saving[2])), 2) == shown["north"][3] - shown["south"][3]  # type: ignore[operator]


@pytest.mark.libreoffice
@needs_libreoffice
@pytest.mark.parametrize("name", list(BUNDLED))
def test_every_bundled_example_recalculates_to_the_engine_with_its_cost_of_switching(
    name: str, recalculated: Recalculated
) -> None:
    exported, after = recalculated[name]
    deal = load_deal(BUNDLED[name])
    check = check_cells(exported, after)
    book = openpyxl.load_workbook(after, data_only=True)
    assert check.differ == [] and check.cells > 1000
    assert comparison_totals(book, deal.currency) == engine_totals(deal)
    assert switching_totals(book, deal.currency) == engine_switching(deal)


@pytest.mark.libreoffice
@needs_libreoffice
def test_the_seed_examples_cost_of_switching_is_live(recalculated: Recalculated) -> None:
    shown = switching_totals(_recalculated(recalculated, "seed"))
    assert shown == engine_switching(load_deal(SEED))
    # final: the incumbent carries the traffic for 3 x 162,000 before the month-4 go-live
    _, dual, fee, switching, staying, difference = shown["final"]
    assert (dual, fee, staying) == (Decimal(486000), Decimal(0), 36 * Decimal(162000))
    assert switching == Decimal("6238292.98") and difference == Decimal("406292.98")


@pytest.mark.libreoffice
@needs_libreoffice
def test_a_later_wave_typed_into_the_inputs_costs_what_the_engine_says(recalculated: Recalculated) -> None:
    after = _recalculated(recalculated, "transition-later-wave")
    text = TRANSITION.read_text(encoding="utf-8")
    old = "{name: americas, agents: 60, go_live_month: 6}"
    assert text.count(old) == 1
    later = parse_deal(text.replace(old, "{name: americas, agents: 60, go_live_month: 9}"))
    shown = switching_totals(after)
    assert shown == engine_switching(later) and comparison_totals(after) == engine_totals(later)
    # months 1-4 committed (200,000), months 5-9 at 34,000 with only emea moved: 370,000
    assert shown["north"][1] == Decimal(370000)
    plan = switching_totals(_recalculated(recalculated, "transition"))
    assert shown["north"][1] > plan["north"][1]  # type: ignore[operator]


@pytest.mark.libreoffice
@needs_libreoffice
def test_a_volume_overrun_on_the_waves_makes_the_cap_bind(recalculated: Recalculated) -> None:
    plan = _recalculated(recalculated, "transition")
    after = _recalculated(recalculated, "transition-overrun")
    assert sum(month_column(plan["Cost north"], "refused by cap")) == 0
    refused = month_column(after["Cost north"], "refused by cap")
    # from month 6 (every agent live) the plan bills 300,000 x 0.012 = 3,600 a month: the cap allows 110%, 3,960;
    # 130% bills 4,680, so 720 is refused in each of months 6-24. Before, 30% more of 1,440 (1,872) stays under
    # the 2,000 minimum, which the cap lets through (limit 2,200).
    assert refused[:5] == [0] * 5 and refused[5:] == [-720] * 19
    deal = load_deal(TRANSITION)
    overrun = Scenario(name="overrun", forecast_factors=(("calls", Decimal("1.3")),))
    assert comparison_totals(after) == scenario_totals(deal, overrun)
    assert switching_totals(after) == engine_switching(deal, overrun)
