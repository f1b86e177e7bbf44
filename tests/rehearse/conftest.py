"""The bundled deal's rehearsal board, built once for the rehearsal tests."""

from __future__ import annotations

import pytest

from principal.model import Deal
from principal.rehearse.deal_board import DealBoard, build_board


@pytest.fixture(scope="session")
def deal_board(seed_deal: Deal) -> DealBoard:
    return build_board(seed_deal)
