"""Bounded memos of engine results keyed on the content of their inputs, never on where the inputs came from.

A deal's commands cost the same offer under the same scenario many times over (the valuation, the comparison, the
stress tests and the brief each ask for it), often on copies of the deal built for one lever. Results are memoised
under a key made of the inputs' full content: the JSON text of each pydantic model (every field, numbers written as
given, so `10.0` and `10.00` are different keys) and the `repr` of every other argument. Two deals that differ in
any field never share a result, whatever process or user they come from.

The JSON text of a model is itself remembered by the model's identity; the memo keeps the model alive beside its
text, so an identity cannot be reused by another object while its entry exists. Models are frozen, so their text
cannot go stale. Both memos are bounded (least recently used entries are dropped) and safe to use from threads.
"""

from __future__ import annotations

import threading
from collections import OrderedDict
from collections.abc import Callable, Hashable
from typing import Any, Generic, TypeVar

from pydantic import BaseModel

K = TypeVar("K", bound=Hashable)
V = TypeVar("V")

TEXTS = 512
"""How many models' JSON texts are remembered."""

_all: list[BoundedMemo[Any, Any]] = []


class BoundedMemo(Generic[K, V]):
    """A thread-safe least-recently-used map of at most `size` entries."""

    def __init__(self, size: int) -> None:
        self.size = size
        self._entries: OrderedDict[K, V] = OrderedDict()
        self._lock = threading.Lock()
        _all.append(self)

    def get(self, key: K) -> V | None:
        with self._lock:
            value = self._entries.get(key)
            if value is not None:
                self._entries.move_to_end(key)
            return value

    def put(self, key: K, value: V) -> None:
        with self._lock:
            self._entries[key] = value
            self._entries.move_to_end(key)
            while len(self._entries) > self.size:
                self._entries.popitem(last=False)

    def get_or_make(self, key: K, make: Callable[[], V]) -> V:
        """The remembered value, else `make()` (computed outside the lock, then remembered)."""
        found = self.get(key)
        if found is not None:
            return found
        value = make()
        self.put(key, value)
        return value

    def clear(self) -> None:
        with self._lock:
            self._entries.clear()

    def __len__(self) -> int:
        return len(self._entries)


def clear_all() -> None:
    """Forget every memoised result (benchmarks measure a command from cold with it)."""
    for memo in _all:
        memo.clear()


_texts: BoundedMemo[int, tuple[BaseModel, str]] = BoundedMemo(TEXTS)


def content(model: BaseModel) -> str:
    """The model's full content as JSON text (remembered by identity while the model is kept alive here)."""
    found = _texts.get(id(model))
    if found is not None and found[0] is model:
        return found[1]
    text = type(model).__name__ + ":" + model.model_dump_json()
    _texts.put(id(model), (model, text))
    return text
