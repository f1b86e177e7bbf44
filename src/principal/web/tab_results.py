"""What engine tabs share: engine results cached per version as JSON, and the offer a page is asked about.

A tab calls its engine inside `compute`; the result (dataclasses, Decimals, numpy arrays) is turned into plain JSON
once by `principal.json_encoding` (Decimals as text, so no cent is lost; statements with their words in the deal's
currency and locale) and stored for the viewed version, so later views only read it back. A version's results
never change, so the most recently used ones are also kept parsed in memory. The JSON API (routes/analyses.py)
serves the same cached results.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Mapping
from typing import Any

from pydantic import TypeAdapter, ValidationError
from starlette.requests import Request

from principal import __version__
from principal.json_encoding import TextOf, to_jsonable
from principal.model.common import Name
from principal.present import formatter_for
from principal.store.analyses import params_key
from principal.web.errors import NotFound, Unprocessable
from principal.web.labels import relabel
from principal.web.recently_made import RecentlyMade
from principal.web.workspace import Workspace, cached_result

RESULT_FORMAT = "3"
"""Bump when a tab changes the shape of what it caches, so older cached results are not read."""


def engine_version(engine: str) -> str:
    return f"{__version__}+{engine}.{RESULT_FORMAT}"


KEEP_PARSED = 64


_parsed: RecentlyMade[Any] = RecentlyMade(KEEP_PARSED)


def cached_json(
    request: Request, ws: Workspace, engine: str, params: Mapping[str, object], compute: Callable[[], object]
) -> Any:
    """`compute()`'s result as plain JSON values, computed once per version, engine and settings (also when many
    requests ask for it at the same moment)."""

    def run() -> str:
        return json.dumps(to_jsonable(compute(), words(ws)), separators=(",", ":"), ensure_ascii=False)

    def stored() -> Any:
        return json.loads(cached_result(request, ws, engine, engine_version(engine), params, run))

    key = (str(request.app.state.store.url), ws.version.info.id, engine, params_key(params))
    return _parsed.get(key, stored)


def words(ws: Workspace) -> TextOf:
    """How the engines' statements are put in words for this deal: its currency and locale, codes as words."""
    text = formatter_for(ws.deal.currency, ws.deal.locale).text

    def worded(statement: Any) -> str:
        return relabel(text(statement))

    return worded


_OFFER_NAME: TypeAdapter[str] = TypeAdapter(Name)


def chosen_offer(ws: Workspace, name: str | None, allowed: list[str], default: str, field: str = "offer") -> str:
    """The offer named in the query, or `default`. A name no offer could have (capitals, spaces, too long) is a
    422; an offer the deal lacks (or that does not apply here) is a 404."""
    if name is None or name == "":
        return default
    try:
        _OFFER_NAME.validate_python(name)
    except ValidationError:
        raise Unprocessable(
            f"{name[:80]!r} is not an offer name: offer names are lower-case letters, digits, '-' and '_'",
            field=field,
        ) from None
    if name not in allowed:
        raise NotFound(f"deal {ws.deal_id} has no offer {name!r} here; choose one of {', '.join(allowed)}", field=field)
    return name
