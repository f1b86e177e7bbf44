"""Adding, copying, renaming and removing offers in a deal's text, and writing a new deal from its first answers.

Each function returns the changed text (comments and order kept) for the store's validated save, or raises
InvalidValue naming the form field that is wrong. Renaming an offer renames every reference to it (`extends`,
`baseline`, the negotiation's target and vendor offers); an offer others extend cannot be removed.
"""

from __future__ import annotations

import copy
import re
from collections.abc import Mapping
from typing import Any

from ruamel.yaml.comments import CommentedMap

from principal.store import yaml_edits
from principal.store.errors import InvalidValue

NAME = re.compile(r"^[a-z0-9][a-z0-9_\-]{0,63}$")
REFERENCE_KEYS = (("baseline",), ("negotiation", "target_offer"), ("negotiation", "vendor_offer"))


def check_name(value: str, field: str = "name") -> str:
    name = value.strip()
    if not name:
        raise InvalidValue(field, "required; give the offer a short name such as final or vendor-b-round-2")
    if not NAME.match(name):
        raise InvalidValue(
            field,
            f"{name[:70]!r}: use lower-case letters, digits, '-' and '_' (at most 64, starting with a letter or digit)",
        )
    return name


def _offers(doc: Any) -> CommentedMap:
    offers = doc.get("offers") if isinstance(doc, Mapping) else None
    if not isinstance(offers, CommentedMap):
        raise InvalidValue("offers", "the deal has no offers mapping")
    return offers


def add_offer(text: str, name: str, *, term_months: int | None, copy_of: str | None, extend: bool) -> str:
    """A new offer: empty but for its term, a copy of `copy_of`, or (extend) an offer that extends it."""
    name = check_name(name)
    yaml, doc = yaml_edits.load(text)
    offers = _offers(doc)
    if name in offers:
        raise InvalidValue("name", f"there is already an offer named {name!r}")
    if copy_of is not None:
        if copy_of not in offers:
            raise InvalidValue("copy_of", f"no offer named {copy_of!r}")
        body = CommentedMap([("extends", copy_of)]) if extend else copy.deepcopy(offers[copy_of])
        if term_months is not None:
            body["term_months"] = term_months
    else:
        if term_months is None:
            raise InvalidValue("term_months", "required: the committed term in months, e.g. 36")
        body = CommentedMap([("term_months", term_months)])
    blanks = yaml_edits.take_trailing_blank_lines(offers)
    offers[name] = body
    if blanks is not None:
        yaml_edits.put_trailing_blank_lines(offers, blanks)
    return yaml_edits.dump(yaml, doc)


def rename_offer(text: str, old: str, new: str) -> str:
    new = check_name(new, "new_name")
    yaml, doc = yaml_edits.load(text)
    offers = _offers(doc)
    if old not in offers:
        raise InvalidValue("new_name", f"no offer named {old!r}")
    if new in offers:
        raise InvalidValue("new_name", f"there is already an offer named {new!r}")
    yaml_edits.rename_key(offers, old, new)
    for body in offers.values():
        if isinstance(body, CommentedMap) and body.get("extends") == old:
            body["extends"] = new
    for path in REFERENCE_KEYS:
        node: Any = doc
        for part in path[:-1]:
            node = node.get(part) if isinstance(node, Mapping) else None
        if isinstance(node, Mapping) and node.get(path[-1]) == old:
            node[path[-1]] = new  # type: ignore[index]
    return yaml_edits.dump(yaml, doc)


def remove_offer(text: str, name: str) -> tuple[str, str]:
    """The text without the offer, and the offer's own text (for the archive)."""
    yaml, doc = yaml_edits.load(text)
    offers = _offers(doc)
    if name not in offers:
        raise InvalidValue("offer", f"no offer named {name!r}")
    heirs = [other for other, body in offers.items() if isinstance(body, Mapping) and body.get("extends") == name]
    if heirs:
        verb = "extends" if len(heirs) == 1 else "extend"
        raise InvalidValue("offer", f"{', '.join(heirs)} {verb} {name}; change that first")
    if len(offers) == 1:
        raise InvalidValue("offer", "a deal needs at least one offer; add another before removing this one")
    body = offers[name]
    body_text = yaml_edits.dump(yaml, CommentedMap([(name, body)]))
    del offers[name]
    for path in REFERENCE_KEYS:
        node: Any = doc
        for part in path[:-1]:
            node = node.get(part) if isinstance(node, Mapping) else None
        if isinstance(node, Mapping) and node.get(path[-1]) == name:
            del node[path[-1]]  # type: ignore[attr-defined]
    return yaml_edits.dump(yaml, doc), body_text


def restore_offer(text: str, body_text: str) -> str:
    yaml, doc = yaml_edits.load(text)
    offers = _offers(doc)
    _, stored = yaml_edits.load(body_text)
    for name, body in stored.items():
        if name in offers:
            raise InvalidValue("offer", f"there is already an offer named {name!r}; rename it first")
        offers[name] = body
    return yaml_edits.dump(yaml, doc)


def new_deal_text(
    *, name: str, currency: str, locale: str | None, vendor: str | None, agents: int, offer: str, term_months: int
) -> str:
    """The smallest valid deal: what it is, the operation's size and one offer with its term."""
    doc = CommentedMap()
    doc["name"] = name
    doc["currency"] = currency
    if locale:
        doc["locale"] = locale
    if vendor:
        doc["vendor"] = vendor
    doc["buyer"] = CommentedMap([("agents", agents)])
    doc["offers"] = CommentedMap([(offer, CommentedMap([("term_months", term_months)]))])
    yaml = yaml_edits.round_trip_for("a: 1\n")
    return yaml_edits.dump(yaml, doc)


def copy_deal_text(text: str, name: str) -> str:
    yaml, doc = yaml_edits.load(text)
    doc["name"] = name
    return yaml_edits.dump(yaml, doc)
