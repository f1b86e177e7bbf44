"""A small bounded cache of values made once per key, shared by concurrent requests (results of a stored version,
a deal text read for a form, a what-if setting): the most recently used are kept, the oldest dropped."""

from __future__ import annotations

import threading
from collections import OrderedDict
from collections.abc import Callable, Hashable
from typing import Generic, TypeVar

T = TypeVar("T")


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
