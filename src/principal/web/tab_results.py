"""What engine tabs share: engine results cached per version as JSON, and the offer a page is asked about.

A tab calls its engine inside `compute`; the result (dataclasses, Decimals, numpy arrays) is turned into plain JSON
once (Decimals as text, so no cent is lost) and stored for the viewed version, so later views only read it back.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Mapping
from typing import Any

from starlette.requests import Request

from principal import __version__
from principal.cli.output import to_jsonable
from principal.web.errors import NotFound
from principal.web.workspace import Workspace, cached_result

RESULT_FORMAT = "1"
"""Bump when a tab changes the shape of what it caches, so older cached results are not read."""


def engine_version(engine: str) -> str:
    return f"{__version__}+{engine}.{RESULT_FORMAT}"


def cached_json(
    request: Request, ws: Workspace, engine: str, params: Mapping[str, object], compute: Callable[[], object]
) -> Any:
    """`compute()`'s result as plain JSON values, computed once per version, engine and settings."""

    def run() -> str:
        return json.dumps(to_jsonable(compute()), separators=(",", ":"), ensure_ascii=False)

    return json.loads(cached_result(request, ws, engine, engine_version(engine), params, run))


def chosen_offer(ws: Workspace, name: str | None, allowed: list[str], default: str, field: str = "offer") -> str:
    """The offer named in the query, or `default`; an offer the deal lacks (or that does not apply) is a 404."""
    if name is None or name == "":
        return default
    if name not in allowed:
        raise NotFound(f"deal {ws.deal_id} has no offer {name!r} here; choose one of {', '.join(allowed)}", field=field)
    return name
