"""Exports of the seed deal, rendered once per test session (the PDF takes a couple of seconds)."""

from __future__ import annotations

from pathlib import Path

import pytest

from principal.model import Deal
from principal.reports.formats import ExportFormat, render

FIXTURES = Path(__file__).resolve().parent / "fixtures"
MECHANICS = FIXTURES / "mechanics.yaml"


@pytest.fixture(scope="session")
def seed_exports(seed_deal: Deal) -> dict[ExportFormat, bytes]:
    return {fmt: render(seed_deal, fmt, source="deal.yaml") for fmt in ExportFormat}
