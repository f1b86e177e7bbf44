"""Moved to tests/builders.py (the one builder of test deals); this re-export goes once tests/align uses it."""

from __future__ import annotations

from principal.loader.dump import dump_deal
from tests.builders import FULL_DEAL as BASE
from tests.builders import deal_with
from tests.builders import offer_context as ctx

__all__ = ["BASE", "ctx", "deal_with", "dump_deal"]
