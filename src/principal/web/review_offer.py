"""From vendor paper to an offer: the review's partial deal file read as a draft offer to confirm value by value.

A small adapter over the review's current output (`ReviewResult.deal_yaml`, its terms and questions): each value
of the partial deal's offer, with the clause it cites (the comment the review wrote beside it) and the confidence
of the reading. Values the review assumed, or read with low confidence, start unconfirmed. What is confirmed (and
possibly corrected) becomes the new offer; what is not stays unknown and joins the questions for the vendor.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from typing import Any

from ruamel.yaml.comments import CommentedMap, CommentedSeq

from principal.loader.problems import Path, format_path
from principal.review.result import ReviewResult
from principal.store import yaml_edits
from principal.store.yaml_edits import MISSING
from principal.web.builder.numbers import NumberNotRead, parse_number, show_number

REVIEWED = "reviewed"
NUMERIC_KEYS_TEXT = frozenset({"name", "description", "label", "kind", "gate", "forecast", "window", "basis"})


@dataclass(frozen=True)
class DraftValue:
    path: Path
    """Below the offer, e.g. ('licenses', 0, 'unit_price')."""
    value: Any
    citation: str | None
    confidence: float | None
    assumption: bool

    @property
    def key(self) -> str:
        return format_path(self.path)

    @property
    def confirmed_by_default(self) -> bool:
        return not self.assumption and (self.confidence is None or self.confidence >= 0.7)


def _comment(node: Any, key: Any) -> str | None:
    entry = node.ca.items.get(key) if hasattr(node, "ca") else None
    if not entry:
        return None
    token = entry[2] if isinstance(node, CommentedMap) and len(entry) > 2 else entry[0]
    if token is None or not hasattr(token, "value"):
        return None
    text = str(token.value).strip().lstrip("#").strip()
    return text.splitlines()[0] if text else None


def _leaves(node: Any, path: Path = ()) -> Iterator[tuple[Path, Any, str | None]]:
    if isinstance(node, CommentedMap):
        for key, value in node.items():
            if isinstance(value, CommentedMap | CommentedSeq):
                yield from _leaves(value, (*path, str(key)))
            else:
                yield (*path, str(key)), value, _comment(node, key)
    elif isinstance(node, CommentedSeq):
        for index, value in enumerate(node):
            if isinstance(value, CommentedMap | CommentedSeq):
                yield from _leaves(value, (*path, index))
            else:
                yield (*path, index), value, _comment(node, index)


def _confidence(result: ReviewResult, citation: str | None) -> float | None:
    if not citation:
        return None
    found = [term.confidence for term in result.terms if term.location.cite() in citation]
    return min(found) if found else None


def draft_values(result: ReviewResult) -> tuple[DraftValue, ...]:
    """Every value of the review's partial offer, with its citation and how sure the reading is."""
    _, doc = yaml_edits.load(result.deal_yaml)
    body = (doc.get("offers") or {}).get(REVIEWED) if isinstance(doc, Mapping) else None
    if not isinstance(body, CommentedMap):
        return ()
    out = []
    for path, value, comment in _leaves(body):
        if path == ("label",):
            continue
        assumption = bool(comment and comment.startswith("assumption"))
        out.append(DraftValue(path, value, comment, _confidence(result, comment), assumption))
    return tuple(out)


def partial_currency(result: ReviewResult) -> str | None:
    _, doc = yaml_edits.load(result.deal_yaml)
    currency = doc.get("currency") if isinstance(doc, Mapping) else None
    return str(currency) if isinstance(currency, str) else None


def shown(value: Any, locale: str | None) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int | float) or type(value).__name__ in ("ScalarFloat", "Decimal"):
        return show_number(value, locale)
    return str(value)


def read_entry(raw: str, original: Any, locale: str | None) -> Any:
    """A confirmed value as typed: read like the original (a number by the locale, yes/no, text)."""
    text = raw.strip()
    if isinstance(original, bool):
        if text.lower() in ("true", "yes"):
            return True
        if text.lower() in ("false", "no"):
            return False
        raise NumberNotRead("write yes or no")
    if isinstance(original, int | float) or type(original).__name__ in ("ScalarFloat", "Decimal"):
        number = parse_number(text, locale, percent=True)
        return int(number) if number == number.to_integral_value() and "." not in str(number) else number
    return text


def offer_body(values: list[tuple[DraftValue, Any]], dropped_meters: set[int]) -> CommentedMap:
    """The new offer from the confirmed values (in the review's order); usage meters in `dropped_meters` left out."""
    body = CommentedMap()
    for draft, value in values:
        if value is MISSING:
            continue
        if draft.path[0] == "usage" and isinstance(draft.path[1], int) and draft.path[1] in dropped_meters:
            continue
        node: Any = body
        for part, following in zip(draft.path[:-1], draft.path[1:], strict=True):
            nxt = _child(node, part)
            if nxt is None:
                nxt = CommentedSeq() if isinstance(following, int) else CommentedMap()
                _put(node, part, nxt)
            node = nxt
        _put(node, draft.path[-1], yaml_edits.to_node(value))
    _renumber(body)
    return body


def _child(node: Any, part: str | int) -> Any:
    if isinstance(node, CommentedSeq):
        return node[part] if isinstance(part, int) and part < len(node) else None
    return node.get(part)


def _put(node: Any, part: str | int, value: Any) -> None:
    if isinstance(node, CommentedSeq):
        while len(node) <= int(part):
            node.append(None)
        node[int(part)] = value
    else:
        node[part] = value


def _renumber(node: Any) -> None:
    """Drop the holes left by list items left out (a meter not confirmed)."""
    if isinstance(node, CommentedMap):
        for value in node.values():
            _renumber(value)
    elif isinstance(node, CommentedSeq):
        kept = [item for item in node if item is not None]
        del node[:]
        node.extend(kept)
        for item in node:
            _renumber(item)
