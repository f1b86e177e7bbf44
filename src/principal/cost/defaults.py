"""Where the deal is silent: the labelled defaults the cost engine assumes, and the terms it cannot value.

A `DefaultUsed` names the field, what was assumed and the question that would settle it; an `Unknown` names a term
whose figure is not given at all (never read as 0 or false) and the question to ask. Both are listed in results.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class DefaultUsed:
    """A value the engine assumed because the deal is silent: where it belongs, what was assumed, what to ask."""

    path: str
    assumed: str
    question: str


@dataclass(frozen=True)
class Unknown:
    """A figure the engine does not give because the deal is silent on it, and the question to ask."""

    path: str
    question: str
