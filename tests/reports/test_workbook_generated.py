"""Property: on any deal, LibreOffice's recalculation of the exported workbook equals the cost engine, cell by cell,
to the cent. Hypothesis generates the deals (tests/reports/generated_deals.py: every order-form term the workbook
turns into formulas); their workbooks are recalculated in one LibreOffice run, so the test stays within a couple of
minutes. A failure names the deal and prints its file."""

from __future__ import annotations

from collections import Counter
from pathlib import Path
from typing import Any

import openpyxl
import pytest
from hypothesis import HealthCheck, Phase, given, settings

from principal.reports.workbook.build import build_workbook
from tests.reports.generated_deals import as_deal, deal_files, deal_text
from tests.reports.libreoffice import needs_libreoffice, recalculate_all, without_cached_values
from tests.reports.workbook_checks import (
    CellCheck,
    check_cells,
    comparison_totals,
    engine_switching,
    engine_totals,
    switching_totals,
)

DEALS = 24
DRAWN = 120
"""Hypothesis draws up to DRAWN deals; the first DEALS are exported, and after them only a deal that brings a term
no earlier deal had, so the one LibreOffice run always covers every term whatever the draws."""


def features(data: dict[str, Any]) -> Counter[str]:
    """The terms a generated deal uses, so the batch can be shown to exercise each one."""
    seen: Counter[str] = Counter()
    inc = data["buyer"].get("incumbent", {})
    seen["incumbent"] += bool(inc)
    seen["early-termination fee"] += "early_termination_fee" in inc
    seen["parallel running"] += bool(inc.get("overlap_months"))
    seen["volume schedule"] += "schedule" in data["buyer"]["forecasts"]["chat"]
    for offer in data["offers"].values():
        seen["foreign currency"] += "currency" in offer
        seen["usage cap"] += "usage_cap" in offer
        seen["collar"] += "collar_percent_of_forecast" in offer.get("usage_cap", {})
        seen["signing credit"] += bool(offer["credits"])
        seen["renewal"] += "renewal" in offer.get("exit", {})
        seen["billing terms"] += "billing" in offer
        seen["waves"] += "waves" in offer["implementation"]
        for lic in offer["licenses"]:
            seen["ramp"] += bool(lic.get("ramp"))
            seen["price step"] += bool(lic.get("price_steps"))
            seen["free month"] += bool(lic.get("free_months"))
            seen["true-up"] += "true_up" in lic
            seen["live seats"] += lic.get("billed_on") == "live_seats"
        for meter in offer["usage"]:
            seen["annual card"] += meter["rate_card"].get("period") == "year"
            seen["commitment"] += "commitment" in meter
            seen["minimum"] += "minimum" in meter
            seen["minimum ramp"] += bool(meter.get("minimum", {}).get("ramp"))
        for charge in offer["surcharges"]:
            seen["percent surcharge"] += "percent" in charge
            seen["per-unit surcharge"] += "per_unit" in charge
            seen["monthly surcharge"] += "monthly" in charge
            seen["tax"] += charge["kind"] == "tax"
    return seen


@pytest.mark.libreoffice
@needs_libreoffice
def test_libreoffice_recalculation_equals_the_engine_on_generated_deals(tmp_path: Path) -> None:
    cases: list[tuple[dict[str, Any], Path, Path]] = []
    covered: set[str] = set()

    @settings(
        max_examples=DRAWN,
        deadline=None,
        database=None,
        derandomize=True,
        phases=(Phase.explicit, Phase.generate),
        suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
    )
    @given(deal_files())
    def export(data: dict[str, Any]) -> None:
        new = {f for f, n in features(data).items() if n} - covered
        if len(cases) >= DEALS and not new & set(features_wanted()):
            return  # the batch is full; only a deal with a term not seen yet joins it
        covered.update(new)
        i = len(cases)
        exported = tmp_path / f"deal-{i}-exported.xlsx"
        exported.write_bytes(build_workbook(as_deal(data)))
        cases.append((data, exported, without_cached_values(exported, tmp_path / f"deal-{i}.xlsx")))

    export()
    assert len(cases) >= 20
    used = sum((features(data) for data, _, _ in cases), Counter())
    assert [f for f in features_wanted() if used[f] == 0] == []
    recalculated = recalculate_all([book for _, _, book in cases], tmp_path)
    total = CellCheck()
    for i, ((data, exported, _), after) in enumerate(zip(cases, recalculated, strict=True)):
        deal = as_deal(data)
        check = check_cells(exported, after)
        book = openpyxl.load_workbook(after, data_only=True)
        shown, moving = comparison_totals(book), switching_totals(book)
        message = f"generated deal {i} differs ({check.differ[:5]}):\n{deal_text(data)}"
        assert check.differ == [] and shown == engine_totals(deal), message
        assert moving == engine_switching(deal), message
        total.add(check)
    print(
        f"\n{len(cases)} generated deals, {total.cells} formula cells recalculated by LibreOffice, "
        f"largest difference from the engine {total.max_difference:.2e}"
    )
    assert total.cells > 20 * 300


def features_wanted() -> tuple[str, ...]:
    return (
        "foreign currency", "usage cap", "collar", "signing credit", "renewal", "billing terms", "ramp", "price step",
        "free month", "true-up", "annual card", "commitment", "minimum", "minimum ramp", "percent surcharge",
        "per-unit surcharge", "monthly surcharge", "tax", "waves", "live seats", "volume schedule", "incumbent",
        "early-termination fee", "parallel running",
    )  # fmt: skip
