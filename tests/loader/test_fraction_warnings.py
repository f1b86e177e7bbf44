"""A value that looks like a fraction where a percent is expected gets a located warning, for every percent field."""

from __future__ import annotations

import importlib
import inspect
import pkgutil
import re
from collections.abc import Iterator

import annotated_types
from pydantic import BaseModel

import principal.model
from principal.loader import parse_deal_with_warnings
from principal.model.advisories import _percent_field

FRACTIONS = """\
name: fractions
buyer:
  agents: 10
  forecasts:
    voice: {unit: minute, expected: 1000, monthly_noise: 0.05}
offers:
  a:
    term_months: 24
    usage:
      - {name: voice, forecast: voice, rate_card: {kind: flat, rate: 0.01}}
    surcharges:
      - {name: telecom fee, kind: surcharge, percent: 0.03, applies_to: [usage]}
    sla:
      components:
        - {name: voice, target: 0.999}
      credits:
        tiers:
          - {below: 0.999, percent: 5}
    exit:
      termination_for_convenience: true
      termination_fee_percent_of_remaining: 0.5
      renewal: {auto_renews: true, uplift_cap_percent: 0.03}
"""
EXPECTED = [
    "5:58: buyer.forecasts.voice.monthly_noise: warning: 0.05 means 0.05%; did you mean 5%?",
    "12:55: offers.a.surcharges[0].percent: warning: 0.03 means 0.03%; did you mean 3%?",
    "15:33: offers.a.sla.components[0].target: warning: 0.999 means 0.999%; did you mean 99.9%?",
    "18:21: offers.a.sla.credits.tiers[0].below: warning: 0.999 means 0.999%; did you mean 99.9%?",
    "21:45: offers.a.exit.termination_fee_percent_of_remaining: warning: 0.5 means 0.5%; did you mean 50%?",
    "22:56: offers.a.exit.renewal.uplift_cap_percent: warning: 0.03 means 0.03%; did you mean 3%?",
]


def test_each_fraction_is_located() -> None:
    loaded = parse_deal_with_warnings(FRACTIONS, "fractions.yaml")
    assert [f"{w.line}:{w.column}: {w.field}: warning: {w.message}" for w in loaded.warnings] == EXPECTED


def _records() -> Iterator[type[BaseModel]]:
    for info in pkgutil.iter_modules(principal.model.__path__):
        module = importlib.import_module(f"principal.model.{info.name}")
        for _, cls in inspect.getmembers(module, inspect.isclass):
            if issubclass(cls, BaseModel) and cls.__module__ == module.__name__:
                yield cls


def test_every_percent_field_is_checked() -> None:
    # A field bounded at most 100 is a percentage (Percent, Uptime): each must be checked for fractions.
    missed = []
    for cls in _records():
        blank = cls.model_construct()
        for name, info in cls.model_fields.items():
            shown = str(info.annotation)
            # Percent | None keeps its bound inside the annotation's text ("le=100", not a larger bound like le=1000...)
            optional = re.search(r"le=100(?![\d.])", shown) is not None and not shown.startswith("dict")
            bounded = optional or any(isinstance(m, annotated_types.Le) and m.le == 100 for m in info.metadata)
            if bounded and not _percent_field(blank, name):
                missed.append(f"{cls.__name__}.{name}")
    assert missed == []
