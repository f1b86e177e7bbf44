"""Editing an offer's key figures (prices, quantities, uplift, rates, cap, term) in the deal's YAML text.

Edits are written into the stored text with a round-trip YAML parser, so comments and layout survive and the
version diff shows only the lines that changed. An offer that `extends` another gets the edited key copied in from
its parent first (lists are replaced whole by `extends`, mappings merged), so the parent stays as it was.
"""

from __future__ import annotations

import copy
import io
import re
from collections.abc import Mapping
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from ruamel.yaml import YAML
from ruamel.yaml.comments import CommentedMap, CommentedSeq
from ruamel.yaml.representer import RoundTripRepresenter
from ruamel.yaml.tokens import CommentToken

from principal.errors import Problem
from principal.loader.problems import Path, format_path
from principal.model import Deal, LicenseKind, RateCardKind, UpliftKind

NUMBER = re.compile(r"^-?\d{1,15}(\.\d{1,10})?$")


@dataclass(frozen=True)
class EditableField:
    """One figure of an offer that the offer form edits."""

    key: str
    path: Path
    group: str
    label: str
    unit: str
    value: Decimal | None
    integer: bool = False

    @property
    def shown(self) -> str:
        return "" if self.value is None else format(self.value, "f")


def editable_fields(deal: Deal, offer_name: str) -> tuple[EditableField, ...]:
    """The figures of one offer a buyer most often changes while negotiating, with their current values."""
    offer = deal.offers[offer_name]
    cur = deal.currency
    out: list[EditableField] = [
        EditableField(
            "term_months", ("term_months",), "Term", "Committed term", "months", Decimal(offer.term_months), True
        )
    ]
    for i, lic in enumerate(offer.licenses):
        per = "per hour" if lic.kind is LicenseKind.hourly else "per seat a month"
        amount = "hours a month" if lic.kind is LicenseKind.hourly else "seats"
        out.append(
            EditableField(
                f"licenses.{i}.quantity",
                ("licenses", i, "quantity"),
                "Licences",
                f"{lic.name}: quantity",
                amount,
                lic.quantity,
            )
        )
        out.append(
            EditableField(
                f"licenses.{i}.unit_price",
                ("licenses", i, "unit_price"),
                "Licences",
                f"{lic.name}: unit price",
                f"{cur} {per}",
                lic.unit_price,
            )
        )
    if offer.uplift is None or offer.uplift.kind is UpliftKind.fixed:
        current = offer.uplift.percent if offer.uplift is not None else None
        out.append(
            EditableField("uplift.percent", ("uplift", "percent"), "Annual uplift", "Uplift per year", "%", current)
        )
    for i, meter in enumerate(offer.usage):
        unit = deal.buyer.forecasts[meter.forecast].unit if meter.forecast in deal.buyer.forecasts else "unit"
        card = meter.rate_card
        if card.kind is RateCardKind.flat:
            out.append(
                EditableField(
                    f"usage.{i}.rate_card.rate",
                    ("usage", i, "rate_card", "rate"),
                    "Usage rates",
                    f"{meter.name}: rate",
                    f"{cur} per {unit}",
                    card.rate,
                )
            )
            continue
        for j, band in enumerate(card.bands):
            previous = card.bands[j - 1].up_to if j > 0 else None
            if band.up_to is not None:
                reach = f"up to {format(band.up_to, ',f')}"
            else:
                reach = f"above {format(previous, ',f')}" if previous is not None else "every unit"
            out.append(
                EditableField(
                    f"usage.{i}.rate_card.bands.{j}.rate",
                    ("usage", i, "rate_card", "bands", j, "rate"),
                    "Usage rates",
                    f"{meter.name}: band {j + 1} rate ({reach})",
                    f"{cur} per {unit}",
                    band.rate,
                )
            )
    cap = offer.usage_cap
    if cap is None or cap.percent_of_forecast is not None:
        out.append(
            EditableField(
                "usage_cap.percent_of_forecast",
                ("usage_cap", "percent_of_forecast"),
                "Usage cap",
                "Cap on usage charges",
                "% of the forecast charge",
                cap.percent_of_forecast if cap is not None else None,
            )
        )
    return tuple(out)


def read_form_values(
    fields: tuple[EditableField, ...], form: Mapping[str, str]
) -> tuple[dict[Path, Decimal], dict[str, str]]:
    """The changed figures by path, and a message per form field that is not a usable number."""
    changes: dict[Path, Decimal] = {}
    errors: dict[str, str] = {}
    for item in fields:
        raw = form.get(item.key)
        if raw is None:
            continue
        text = raw.strip().replace(",", "").replace("_", "").replace(" ", "").removesuffix("%")
        if not text:
            if item.value is not None:
                errors[item.key] = "required; to remove this term, edit the deal's YAML"
            continue
        if not NUMBER.match(text):
            errors[item.key] = f"must be a plain number such as 145 or 0.0125 (got {raw.strip()[:40]!r})"
            continue
        value = Decimal(text)
        if item.integer and value != value.to_integral_value():
            errors[item.key] = f"must be a whole number (got {text})"
            continue
        if item.value is None or value != item.value:
            changes[item.path] = value
    return changes, errors


def describe_changes(offer_name: str, fields: tuple[EditableField, ...], changes: Mapping[Path, Decimal]) -> str:
    """A default version message: `final: agent: unit price 143 -> 140; Committed term 36 -> 24`."""
    parts = []
    for item in fields:
        if item.path in changes:
            before = item.shown or "(none)"
            parts.append(f"{item.label} {before} -> {format(changes[item.path], 'f')}")
    return f"{offer_name}: " + "; ".join(parts)


def field_for_problem(offer_name: str, fields: tuple[EditableField, ...], problem: Problem) -> EditableField | None:
    """The form field a located problem is about, if it is one of the form's."""
    for item in fields:
        if format_path(("offers", offer_name, *item.path)) == problem.field:
            return item
    return None


def _represent_decimal(representer: RoundTripRepresenter, value: Decimal) -> Any:
    text = format(value, "f")
    tag = "tag:yaml.org,2002:float" if "." in text else "tag:yaml.org,2002:int"
    return representer.represent_scalar(tag, text)


# Indentation styles tried in turn (mapping, sequence, dash offset); the first that reproduces the text is kept.
LAYOUTS = ((2, 4, 2), (2, 2, 0), (4, 4, 2), (4, 6, 4), (4, 4, 0), (2, 4, 0))


def _round_trip_yaml(mapping: int, sequence: int, offset: int) -> YAML:
    yaml = YAML(typ="rt")
    yaml.preserve_quotes = True
    yaml.width = 4096
    yaml.indent(mapping=mapping, sequence=sequence, offset=offset)
    yaml.representer.add_representer(Decimal, _represent_decimal)
    return yaml


def _dump(yaml: YAML, data: Any) -> str:
    out = io.StringIO()
    yaml.dump(data, out)
    return out.getvalue()


def _layout_of(text: str) -> YAML:
    """A round-trip YAML writer set to the text's own indentation, so unchanged lines stay unchanged."""
    for layout in LAYOUTS:
        yaml = _round_trip_yaml(*layout)
        if _dump(yaml, yaml.load(text)) == text:
            return yaml
    return _round_trip_yaml(*LAYOUTS[0])


def apply_offer_edits(text: str, offer_name: str, changes: Mapping[Path, Decimal]) -> str:
    """The deal text with the offer's figures at `changes` set, everything else kept as it was written."""
    yaml = _layout_of(text)
    data = yaml.load(text)
    offers = data["offers"]
    body = offers[offer_name]
    blank_lines = _take_trailing_blank_lines(body)
    for path, value in changes.items():
        top = str(path[0])
        if top not in body:
            inherited = _resolved_key(offers, offer_name, top, ())
            if inherited is not None:
                body[top] = copy.deepcopy(inherited)
        _set(body, path, int(value) if value == value.to_integral_value() and "." not in str(value) else value)
    if blank_lines is not None:
        _put_trailing_blank_lines(body, blank_lines)
    return _dump(yaml, data)


def _last_slot(node: Any) -> tuple[Any, Any, int] | None:
    """The innermost last (container, key, comment index) of a block, where its trailing blank lines are kept."""
    slot = None
    while isinstance(node, CommentedMap | CommentedSeq) and len(node):
        key: Any = next(reversed(node)) if isinstance(node, CommentedMap) else len(node) - 1
        slot = (node, key, 2 if isinstance(node, CommentedMap) else 0)
        node = node[key]
        if isinstance(node, CommentedMap | CommentedSeq) and node.fa.flow_style():
            break  # a {flow} or [flow] value ends on its own line: its blank lines belong after it
    return slot


def _take_trailing_blank_lines(body: Any) -> Any:
    """Detach the blank lines that end an offer's block, so keys added to the offer go above them."""
    slot = _last_slot(body)
    if slot is None:
        return None
    node, key, index = slot
    entry = node.ca.items.get(key)
    token = entry[index] if entry is not None and len(entry) > index else None
    if token is None or not isinstance(token, CommentToken) or not token.value.endswith("\n\n"):
        return None
    head, _, _ = token.value.partition("\n")
    blanks = copy.copy(token)
    blanks.value = "\n" + token.value[len(head) + 1 :]
    if head:
        token.value = head + "\n"
    else:
        entry[index] = None
    return blanks


def _put_trailing_blank_lines(body: Any, blanks: Any) -> None:
    slot = _last_slot(body)
    if slot is None:
        return
    node, key, index = slot
    entry = node.ca.items.setdefault(key, [None, None, None, None])
    token = entry[index]
    if isinstance(token, CommentToken):
        token.value = token.value.rstrip("\n") + blanks.value
    else:
        entry[index] = blanks


def _resolved_key(offers: Any, name: str, key: str, seen: tuple[str, ...]) -> Any:
    """The value `key` takes in an offer once `extends` is applied (mappings merged, everything else replaced)."""
    body = offers.get(name)
    if not isinstance(body, dict) or name in seen:
        return None
    own = body.get(key)
    parent = body.get("extends")
    base = _resolved_key(offers, parent, key, (*seen, name)) if isinstance(parent, str) else None
    if own is None:
        return base
    return _overlay(copy.deepcopy(base), own) if base is not None else own


def _overlay(base: Any, top: Any) -> Any:
    if isinstance(base, dict) and isinstance(top, dict):
        for key, value in top.items():
            base[key] = _overlay(base[key], value) if key in base else copy.deepcopy(value)
        return base
    return copy.deepcopy(top)


def _set(node: Any, path: Path, value: Any) -> None:
    for part in path[:-1]:
        if isinstance(part, int):
            node = node[part]
            continue
        if part not in node or node[part] is None:
            node[part] = CommentedMap()
        node = node[part]
    node[path[-1]] = value
