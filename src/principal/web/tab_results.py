"""What engine tabs share: engine results cached per version as JSON, and the offer a page is asked about.

A tab calls its engine inside `compute`; the result (dataclasses, Decimals, numpy arrays) is turned into plain JSON
once (Decimals as text, so no cent is lost) and stored for the viewed version, so later views only read it back.
A version's results never change, so the most recently used ones are also kept parsed in memory.
"""

from __future__ import annotations

import json
import threading
from collections import OrderedDict
from collections.abc import Callable, Iterator, Mapping
from contextlib import contextmanager
from typing import Any

from starlette.requests import Request

from principal import __version__
from principal.cli.output import to_jsonable
from principal.store.analyses import params_key
from principal.web.errors import NotFound
from principal.web.workspace import Workspace, cached_result

RESULT_FORMAT = "1"
"""Bump when a tab changes the shape of what it caches, so older cached results are not read."""


def engine_version(engine: str) -> str:
    return f"{__version__}+{engine}.{RESULT_FORMAT}"


KEEP_PARSED = 64

_parsed: OrderedDict[tuple[str, int, str, str], Any] = OrderedDict()
_locks: dict[tuple[int, str, str], threading.Lock] = {}
_locks_guard = threading.Lock()


@contextmanager
def one_at_a_time(key: tuple[int, str, str]) -> Iterator[None]:
    """Requests for the same result wait for the first to finish instead of each running the engine."""
    with _locks_guard:
        lock = _locks.setdefault(key, threading.Lock())
    try:
        with lock:
            yield
    finally:
        with _locks_guard:
            if not lock.locked():
                _locks.pop(key, None)


def cached_json(
    request: Request, ws: Workspace, engine: str, params: Mapping[str, object], compute: Callable[[], object]
) -> Any:
    """`compute()`'s result as plain JSON values, computed once per version, engine and settings (also when many
    requests ask for it at the same moment)."""

    def run() -> str:
        return json.dumps(to_jsonable(compute()), separators=(",", ":"), ensure_ascii=False)

    key = (ws.version.info.id, engine, params_key(params))
    memo_key = (str(request.app.state.store.url), *key)
    with _locks_guard:
        if memo_key in _parsed:
            _parsed.move_to_end(memo_key)
            return _parsed[memo_key]
    with one_at_a_time(key):
        found = json.loads(cached_result(request, ws, engine, engine_version(engine), params, run))
    with _locks_guard:
        _parsed[memo_key] = found
        while len(_parsed) > KEEP_PARSED:
            _parsed.popitem(last=False)
    return found


def chosen_offer(ws: Workspace, name: str | None, allowed: list[str], default: str, field: str = "offer") -> str:
    """The offer named in the query, or `default`; an offer the deal lacks (or that does not apply) is a 404."""
    if name is None or name == "":
        return default
    if name not in allowed:
        raise NotFound(f"deal {ws.deal_id} has no offer {name!r} here; choose one of {', '.join(allowed)}", field=field)
    return name
