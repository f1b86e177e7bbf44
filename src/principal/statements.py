"""Sentences the engines state, as a template and typed values, so every figure is formatted once, by presentation.

An engine never writes a currency symbol or rounds a figure into text. It returns a `Statement`:

    say("usage {over} above forecast: the vendor earns {gain} more", over=Percent(30), gain=amount)

and the CLI, the web app and the exports turn it into words with the deal's currency and locale
(`principal.present.Formatter.text`). Templates use `str.format` fields; every field must have a value and every
value a field, checked when the statement is made, so a typo fails at once instead of printing a blank.

This module is neutral: the model, the engines and the presentation layers may all import it.
"""

from __future__ import annotations

import string
from collections.abc import Mapping
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

from principal.money import Amount


@dataclass(frozen=True, slots=True)
class Percent:
    """A figure already in percent: Percent(Decimal(5)) reads '5%', Percent(Decimal('99.95')) '99.95%'."""

    value: Decimal


@dataclass(frozen=True, slots=True)
class Share:
    """A share from 0 to 1 shown as a percentage with `digits` decimals: Share(0.529) reads '52.9%'."""

    value: Decimal | float
    digits: int = 1


@dataclass(frozen=True, slots=True)
class Count:
    """A count or volume, shown with thousands separators and its own decimals (2,000,000; 1.5)."""

    value: Decimal | int


@dataclass(frozen=True, slots=True)
class UnitPrice:
    """A price per unit with every significant decimal kept ($0.0099 a minute, not $0.01)."""

    amount: Amount


@dataclass(frozen=True, slots=True)
class Spoken:
    """An amount as people say it aloud: $143 a seat, $47,700, $5.8 million (see `spoken_figure`). For what the
    buyer says in the room; the exact figure stays in the brief's tables and appendix."""

    amount: Amount


def spoken_figure(value: Decimal) -> Decimal:
    """The figure a `Spoken` amount says: one decimal of a million from 950,000 up, three significant digits from
    1,000, whole units below that unless the amount has cents (142.50 stays 142.50). Half-up throughout."""
    size = abs(value)
    if size >= 950_000:
        return (value / 1_000_000).quantize(Decimal("0.1"), rounding=ROUND_HALF_UP) * 1_000_000
    if size >= 1_000:
        exponent = size.adjusted() - 2
        step = Decimal(1).scaleb(exponent)
        return (value / step).quantize(Decimal(1), rounding=ROUND_HALF_UP) * step
    whole = value.quantize(Decimal(1), rounding=ROUND_HALF_UP)
    cents = value.quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)
    return whole if cents == whole else cents


Value = Amount | UnitPrice | Spoken | Percent | Share | Count | str | int
"""What a statement's fields may hold; plain `str` and `int` are shown as they are."""

_FORMATTER = string.Formatter()


def fields_of(template: str) -> set[str]:
    """The field names a template uses ('{gain} and {over}' -> {'gain', 'over'})."""
    names: set[str] = set()
    for _, name, spec, conversion in _FORMATTER.parse(template):
        if name is None:
            continue
        if not name.isidentifier() or spec or conversion:
            raise ValueError(f"statement field {{{name}}} must be a plain name without format spec: {template!r}")
        names.add(name)
    return names


@dataclass(frozen=True, slots=True)
class Statement:
    """A sentence with typed figures: `template` names each figure, `values` holds it."""

    template: str
    values: tuple[tuple[str, Value], ...] = ()

    def __post_init__(self) -> None:
        used = fields_of(self.template)
        given = {name for name, _ in self.values}
        if used != given:
            missing, unused = sorted(used - given), sorted(given - used)
            raise ValueError(f"statement {self.template!r}: no value for {missing}, no field for {unused}")

    @property
    def mapping(self) -> Mapping[str, Value]:
        return dict(self.values)

    def value(self, name: str) -> Value:
        return self.mapping[name]

    def __add__(self, other: Statement) -> Statement:
        """Two statements as one sentence (the second's template appended); field names must not clash."""
        clash = {n for n, _ in self.values} & {n for n, _ in other.values}
        if clash:
            raise ValueError(f"statements share field names {sorted(clash)}")
        return Statement(self.template + other.template, self.values + other.values)


def say(template: str, **values: Value) -> Statement:
    """A statement from a template and its values by name."""
    return Statement(template, tuple(values.items()))


EMPTY = Statement("")
