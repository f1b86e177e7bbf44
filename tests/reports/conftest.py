"""Exports of the seed deal, rendered once per test session (the PDF takes a couple of seconds), and the workbooks
the workbook tests recalculate, all in one LibreOffice run."""

from __future__ import annotations

from pathlib import Path

import openpyxl
import pytest

from principal.loader import load_deal
from principal.model import Deal
from principal.reports.formats import ExportFormat, render
from principal.reports.workbook.build import build_workbook
from tests.conftest import SEED
from tests.reports.libreoffice import SOFFICE, recalculate_all, without_cached_values
from tests.reports.workbook_checks import input_cell

FIXTURES = Path(__file__).resolve().parent / "fixtures"
MECHANICS = FIXTURES / "mechanics.yaml"
ORDER_TERMS = FIXTURES / "order-terms.yaml"
TRANSITION = FIXTURES / "transition.yaml"
BUNDLED = {"seed" if path == SEED else path.parent.name: path for path in sorted(SEED.parents[1].glob("*/deal.yaml"))}
"""Every bundled example (examples/*/deal.yaml), the seed deal named `seed`."""
EXAMPLES = {**BUNDLED, "mechanics": MECHANICS, "order-terms": ORDER_TERMS, "transition": TRANSITION}
WHAT_IF = "what-if (not in the deal file)"
Edits = dict[tuple[str, str | None], float]
Recalculated = dict[str, tuple[Path, Path]]
"""name -> (the workbook as exported, with the engine's figures cached; its copy recalculated by LibreOffice)."""

EDITED: dict[str, tuple[str, Edits]] = {
    "seed-edited": (
        "seed",
        {
            ("offers.original.licenses[0].unit_price", None): 150,
            ("offers.revised-ask.usage[0].rate_card.bands[1].rate", None): 0.0089,
            ("offers.final.usage[0].rate_card.bands[1].rate", None): 0.0089,  # final extends revised-ask
            ("buyer.forecasts.bot_sessions.expected", None): 160_000,
        },
    ),
    "seed-overrun": ("seed", {(WHAT_IF, "voice_inbound_minutes"): 130}),
    "mechanics-overrun": ("mechanics", {(WHAT_IF, "calls"): 140, (WHAT_IF, "chats"): 125}),
    "order-terms-overrun": ("order-terms", {(WHAT_IF, "calls"): 125}),
    "transition-overrun": ("transition", {(WHAT_IF, "calls"): 130}),
    "transition-later-wave": ("transition", {("offers.north.implementation.waves[1].go_live_month", None): 9}),
}


@pytest.fixture(scope="session")
def seed_exports(seed_deal: Deal) -> dict[ExportFormat, bytes]:
    return {fmt: render(seed_deal, fmt, source="deal.yaml") for fmt in ExportFormat}


def _edited(source: Path, target: Path, edits: Edits) -> Path:
    """A copy of an exported workbook with Inputs values changed (keyed by deal-file field and label prefix)."""
    book = openpyxl.load_workbook(source)
    for (field, label), value in edits.items():
        input_cell(book, field, label).value = value
    book.save(target)
    return target


@pytest.fixture(scope="session")
def recalculated(tmp_path_factory: pytest.TempPathFactory) -> Recalculated:
    """The examples' workbooks as exported, and copies with inputs changed (prices, a volume, what-if overruns),
    recalculated by LibreOffice in one run."""
    if SOFFICE is None:
        pytest.skip("LibreOffice (soffice) is not installed")
    workdir = tmp_path_factory.mktemp("workbooks")
    exported: dict[str, Path] = {}
    sources: dict[str, Path] = {}
    for name, deal_file in EXAMPLES.items():
        exported[name] = workdir / f"{name}-exported.xlsx"
        exported[name].write_bytes(build_workbook(load_deal(deal_file)))
        sources[name] = without_cached_values(exported[name], workdir / f"{name}.xlsx")
    for name, (base, edits) in EDITED.items():
        sources[name] = _edited(exported[base], workdir / f"{name}.xlsx", edits)
        exported[name] = exported[base]
    done = recalculate_all(list(sources.values()), workdir)
    return {name: (exported[name], out) for name, out in zip(sources, done, strict=True)}
