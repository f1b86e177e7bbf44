"""Editing an offer's key figures (prices, quantities, uplift, rates, cap, term) in the deal's YAML text.

Edits are written into the stored text with a round-trip YAML parser, so comments and layout survive and the
version diff shows only the lines that changed. An offer that `extends` another gets the edited key copied in from
its parent first (lists are replaced whole by `extends`, mappings merged), so the parent stays as it was.
"""

from __future__ import annotations

import copy
import re
from collections.abc import Mapping
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from ruamel.yaml.comments import CommentedMap

from principal.errors import Problem
from principal.loader.problems import Path, format_path
from principal.model import Deal, LicenseKind, RateCardKind, UpliftKind
from principal.store.yaml_edits import (
    dump,
    put_trailing_blank_lines,
    resolved_key,
    round_trip_for,
    take_trailing_blank_lines,
)

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
        text = raw.strip().removesuffix("%")
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


def apply_offer_edits(text: str, offer_name: str, changes: Mapping[Path, Decimal]) -> str:
    """The deal text with the offer's figures at `changes` set, everything else kept as it was written."""
    yaml = round_trip_for(text)
    data = yaml.load(text)
    offers = data["offers"]
    body = offers[offer_name]
    blank_lines = take_trailing_blank_lines(body)
    for path, value in changes.items():
        top = str(path[0])
        if top not in body:
            inherited = resolved_key(offers, offer_name, top)
            if inherited is not None:
                body[top] = copy.deepcopy(inherited)
        _set(body, path, int(value) if value == value.to_integral_value() and "." not in str(value) else value)
    if blank_lines is not None:
        put_trailing_blank_lines(body, blank_lines)
    return dump(yaml, data)


def _set(node: Any, path: Path, value: Any) -> None:
    for part in path[:-1]:
        if isinstance(part, int):
            node = node[part]
            continue
        if part not in node or node[part] is None:
            node[part] = CommentedMap()
        node = node[part]
    node[path[-1]] = value
