"""Shared test fixtures."""

from __future__ import annotations

from pathlib import Path

import pytest

from principal.loader import load_deal
from principal.model import Deal

ROOT = Path(__file__).resolve().parent.parent
SEED = ROOT / "examples" / "ccaas-450" / "deal.yaml"


@pytest.fixture(scope="session")
def seed_deal() -> Deal:
    return load_deal(SEED)
