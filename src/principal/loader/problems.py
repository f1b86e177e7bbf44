"""Field paths of problems found in an input file (the problems themselves live in principal.errors)."""

from __future__ import annotations

from collections.abc import Iterable

from principal.errors import Problem

Path = tuple[str | int, ...]


def format_path(path: Path) -> str:
    """`('offers', 'final', 'licenses', 0, 'unit_price')` -> `offers.final.licenses[0].unit_price`."""
    out = ""
    for part in path:
        if isinstance(part, int):
            out += f"[{part}]"
        else:
            out += f".{part}" if out else part
    return out or "(file)"


def shorten(text: str, limit: int = 40) -> str:
    """A value as quoted in a message, cut in the middle when long (a message stays one readable line)."""
    return text if len(text) <= limit else f"{text[: limit // 2]}...{text[-8:]}"


def render_all(problems: Iterable[Problem]) -> str:
    return "\n".join(p.render() for p in problems)
