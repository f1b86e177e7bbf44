"""What engine tabs share: engine results cached per version as JSON, and the offer a page is asked about.

A tab calls its engine inside `compute`; the result (dataclasses, Decimals, numpy arrays) is turned into plain JSON
once by `principal.json_encoding` (Decimals as text, so no cent is lost; statements with their words in the deal's
currency and locale) and stored for the viewed version, so later views only read it back. A version's results
never change, so the most recently used ones are also kept parsed in memory. The JSON API (routes/analyses.py)
serves the same cached results.
"""

from __future__ import annotations

import json
import threading
from collections import OrderedDict
from collections.abc import Callable, Hashable, Mapping
from typing import Any, Generic, TypeVar

from pydantic import TypeAdapter, ValidationError
from starlette.requests import Request

from principal import __version__
from principal.json_encoding import TextOf, to_jsonable
from principal.model.common import Name
from principal.present import formatter_for
from principal.store.analyses import params_key
from principal.web.errors import NotFound, Unprocessable
from principal.web.labels import relabel
from principal.web.workspace import Workspace, cached_result

T = TypeVar("T")

RESULT_FORMAT = "3"
"""Bump when a tab changes the shape of what it caches, so older cached results are not read."""


def engine_version(engine: str) -> str:
    return f"{__version__}+{engine}.{RESULT_FORMAT}"


KEEP_PARSED = 64


class RecentlyMade(Generic[T]):
    """The last `keep` values made, by key. A request for a value that is being made waits for it instead of
    making it again; values must never change for their key (results of a stored version do not)."""

    def __init__(self, keep: int) -> None:
        self.keep = keep
        self._values: OrderedDict[Hashable, T] = OrderedDict()
        self._guard = threading.Lock()
        self._making: dict[Hashable, threading.Lock] = {}

    def get(self, key: Hashable, make: Callable[[], T]) -> T:
        """The value kept for `key`, or `make()`'s (made once however many requests ask at the same moment)."""
        with self._guard:
            if key in self._values:
                self._values.move_to_end(key)
                return self._values[key]
            lock = self._making.setdefault(key, threading.Lock())
        try:
            with lock:
                with self._guard:
                    if key in self._values:
                        return self._values[key]
                made = make()
                with self._guard:
                    self._values[key] = made
                    while len(self._values) > self.keep:
                        self._values.popitem(last=False)
                return made
        finally:
            with self._guard:
                if not lock.locked():
                    self._making.pop(key, None)


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
