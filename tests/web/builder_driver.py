"""Typing a deal file's values into the builder's forms in a real browser, as a user would, field by field.

The values come from a deal file read as plain data; where each goes is the builder's own form naming (a field is
named by its path below the form's root: `buyer.forecasts.0.expected`, entries of a mapping are numbered and named
by `KEY`). Lists grow by pressing the form's own "Add" buttons; numbers are typed the way the deal's locale writes
them. A value with no input to take it is noted in `missing`, so a test can say which field the forms lack.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

KEY = "__key"

DEAL_STEPS: dict[str, tuple[str, ...]] = {
    "deal": ("name", "vendor", "currency", "locale", "start", "baseline", "fx_rates"),
    "operation": ("buyer.organisation", "buyer.agents", "buyer.sites", "buyer.channels"),
    "forecasts": ("buyer.forecasts",),
    "incumbent": ("buyer.incumbent",),
    "budget": ("buyer.budget",),
    "hours": ("buyer.business_hours",),
    "downtime": ("buyer.downtime",),
    "negotiation": ("negotiation",),
    "vendor-economics": ("incentives",),
    "assumptions": ("assumptions",),
}
"""The deal's steps and the paths each takes (the buyer's keys one by one: the buyer record spans several steps)."""

OFFER_STEPS: dict[str, tuple[str, ...]] = {
    "terms": ("label", "vendor", "version", "received", "currency", "term_months", "notes"),
    "seats": ("licenses", "uplift"),
    "usage": ("usage",),
    "caps": ("usage_cap",),
    "implementation": ("implementation", "reporting"),
    "fees": ("one_time_fees", "recurring_fees", "surcharges", "credits"),
    "billing": ("billing",),
    "sla": ("sla",),
    "exit": ("exit",),
}
"""An offer's sections in the order a user fills them: the waves before the milestones that name them."""


def number_text(value: int | float | Decimal, decimal: str, group: str) -> str:
    """A number as someone using the locale types it: whole numbers of five digits or more grouped."""
    exact = Decimal(repr(value)) if isinstance(value, float) else Decimal(value)
    text = format(exact, "f")
    whole, _, fraction = text.partition(".")
    if len(whole) >= 5 and not fraction:
        whole = f"{int(whole):,}".replace(",", group)
    return whole + (decimal + fraction if fraction else "")


def at(data: Mapping[str, Any], path: str) -> Any:
    node: Any = data
    for part in path.split("."):
        if not isinstance(node, Mapping) or part not in node:
            return None
        node = node[part]
    return node


@dataclass
class Typist:
    """Enters values into the builder page `page` shows; `decimal` and `group` are the deal locale's symbols."""

    page: Any
    decimal: str = "."
    group: str = ","
    missing: list[str] = field(default_factory=list)

    def text(self, value: Any) -> str:
        if isinstance(value, bool):
            return "true" if value else "false"
        if isinstance(value, int | float | Decimal):
            return number_text(value, self.decimal, self.group)
        if isinstance(value, dt.date):
            return value.isoformat()
        return str(value)

    def _named(self, key: str) -> Any:
        return self.page.locator(f'[name="{key}"]')

    def _entries(self, key: str, wanted: int) -> None:
        """Press the list's Add button until it has `wanted` entries."""
        count = int(self._named(f"{key}.__n").input_value())
        while count < wanted:
            with self.page.expect_navigation():
                self.page.locator(f'button[name="action"][value="add:{key}"]').click()
            count += 1

    def _is_list(self, key: str) -> bool:
        return bool(self._named(f"{key}.__n").count())

    def enter(self, key: str, value: Any) -> None:
        if isinstance(value, Mapping):
            if self._is_list(key):  # a mapping by name: forecasts, priorities
                for i, (name, body) in enumerate(value.items()):
                    self._entries(key, i + 1)
                    self.scalar(f"{key}.{i}.{KEY}", name)
                    if isinstance(body, Mapping):
                        for child, inner in body.items():
                            self.enter(f"{key}.{i}.{child}", inner)
                    else:
                        self.scalar(f"{key}.{i}.value", body)
            else:
                for child, inner in value.items():
                    self.enter(f"{key}.{child}", inner)
        elif isinstance(value, list) and self._is_list(key):
            for i, item in enumerate(value):
                self._entries(key, i + 1)
                for child, inner in item.items():
                    self.enter(f"{key}.{i}.{child}", inner)
        elif isinstance(value, list):
            boxes = self.page.locator(f'input[type="checkbox"][name="{key}"]')
            if boxes.count():
                wanted = {self.text(v) for v in value}
                found = set()
                for box in boxes.all():
                    option = box.get_attribute("value")
                    if option in wanted:
                        found.add(option)
                    box.set_checked(option in wanted)
                self.missing.extend(f"{key}: {v}" for v in sorted(wanted - found))
            else:
                self.scalar(key, "\n".join(self.text(v) for v in value))
        else:
            self.scalar(key, value)

    def scalar(self, key: str, value: Any) -> None:
        target = self._named(key)
        if not target.count():
            self.missing.append(key)
            return
        text = value if isinstance(value, str) else self.text(value)
        if target.evaluate("e => e.tagName") == "SELECT":
            target.select_option(value=text)
        else:
            target.fill(text)

    def save(self) -> None:
        """Press Save; the step must come back saved (or with nothing changed), never with a message by a field."""
        with self.page.expect_navigation():
            self.page.locator('button[name="action"][value="save"]').click()
        errors = self.page.locator(".field-error, .problems li").all_inner_texts()
        assert not errors, f"{self.page.url}: {errors}"

    def step(self, url: str, data: Mapping[str, Any], paths: tuple[str, ...]) -> list[str]:
        """Open a builder step, enter each of `paths` the data has, save; the paths entered."""
        present = [path for path in paths if at(data, path) is not None]
        if present:
            self.page.goto(url)
            for path in present:
                self.enter(path, at(data, path))
            self.save()
        return present
