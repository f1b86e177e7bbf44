"""Warnings for values that are valid but probably not meant: shown by the field, never blocking a save.

- seats far above the operation's agents (1,080 seats for 80 agents);
- a usage rate orders of magnitude away from the same meter's rate in another offer, or a usage bill that dwarfs
  the licences (a decimal separator read wrongly turns 0.012 into 12);
- a percentage that looks like a fraction (0.05 where 5 was meant, a 1.1% usage cap where 110% was meant).
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from decimal import Decimal

from pydantic import BaseModel

from principal.loader.problems import Path, format_path
from principal.model import Deal, LicenseKind, Offer, RateCardKind
from principal.present import formatter_for
from principal.web.builder.schema_fields import field_of

SEATS_PER_AGENT = Decimal("1.5")
RATE_RATIO = Decimal(10)
USAGE_TO_LICENCES = Decimal(20)
NOT_FRACTIONS = frozenset({"growth_percent", "monthly_noise", "cpi_plus", "cpi_assumed", "annual_growth_percent"})


Figure = Callable[[Decimal], str]


def plausibility_warnings(deal: Deal) -> dict[str, str]:
    """A warning per data path (`offers.final.licenses[0].quantity`) of the values that look mistaken."""
    found: dict[str, str] = {}
    fig: Figure = formatter_for(deal.currency, deal.locale).number
    for path, message in (*_seat_warnings(deal, fig), *_rate_warnings(deal, fig), *_fraction_warnings(deal, (), fig)):
        found.setdefault(format_path(path), message)
    return found


def _seat_warnings(deal: Deal, _figure: Figure) -> Iterator[tuple[Path, str]]:
    agents = Decimal(deal.buyer.agents)
    for name, offer in deal.offers.items():
        for i, lic in enumerate(offer.licenses):
            if lic.kind is LicenseKind.hourly:
                continue
            steps: list[tuple[Path, Decimal]] = [(("offers", name, "licenses", i, "quantity"), lic.quantity)]
            steps.extend(
                (("offers", name, "licenses", i, "ramp", j, "quantity"), step.quantity)
                for j, step in enumerate(lic.ramp)
            )
            for path, quantity in steps:
                if quantity > agents * SEATS_PER_AGENT:
                    yield (
                        path,
                        (
                            f"{_figure(quantity)} seats for {_figure(agents)} agents "
                            f"({_figure((quantity / agents).quantize(Decimal('0.1')))} a head): check the quantity "
                            "(or the number of agents)"
                        ),
                    )


def _rates(offer: Offer) -> Iterator[tuple[str, Path, Decimal]]:
    for i, meter in enumerate(offer.usage):
        card = meter.rate_card
        if card.kind is RateCardKind.flat and card.rate is not None:
            yield meter.name, ("usage", i, "rate_card", "rate"), card.rate
        for j, band in enumerate(card.bands):
            if j == 0:
                yield meter.name, ("usage", i, "rate_card", "bands", j, "rate"), band.rate


def _rate_warnings(deal: Deal, _figure: Figure) -> Iterator[tuple[Path, str]]:
    by_meter: dict[str, list[tuple[str, Decimal]]] = {}
    for name, offer in deal.offers.items():
        for meter, _, rate in _rates(offer):
            if rate > 0:
                by_meter.setdefault(meter, []).append((name, rate))
    for name, offer in deal.offers.items():
        licences = sum((lic.quantity * lic.unit_price for lic in offer.licenses), Decimal(0))
        for i, (meter, path, rate) in enumerate(_rates(offer)):
            others = [(other, r) for other, r in by_meter.get(meter, []) if other != name]
            if rate > 0 and others:
                other, typical = sorted(others, key=lambda item: item[1])[len(others) // 2]
                ratio = rate / typical
                if ratio >= RATE_RATIO or ratio <= 1 / RATE_RATIO:
                    times = _figure((ratio if ratio >= 1 else 1 / ratio).quantize(Decimal(1)))
                    side = "more" if ratio >= 1 else "less"
                    yield (
                        ("offers", name, *path),
                        (
                            f"{_figure(rate)} is {times} times {side} than offer {other}'s {_figure(typical)} "
                            "for the same meter: check the decimal separator"
                        ),
                    )
                    continue
            forecast = deal.buyer.forecasts.get(offer.usage[_meter_index(offer, meter, i)].forecast)
            if forecast is not None and licences > 0 and rate * forecast.expected > licences * USAGE_TO_LICENCES:
                yield (
                    ("offers", name, *path),
                    (
                        f"at {_figure(rate)} a {forecast.unit}, the expected {_figure(forecast.expected)} a month cost "
                        f"{_figure((rate * forecast.expected / licences).quantize(Decimal(1)))} times the licences: "
                        "check the rate and its decimal separator"
                    ),
                )


def _meter_index(offer: Offer, meter: str, fallback: int) -> int:
    return next((i for i, m in enumerate(offer.usage) if m.name == meter), fallback)


def _fraction_warnings(record: BaseModel, path: Path, _figure: Figure) -> Iterator[tuple[Path, str]]:
    name = type(record).__name__
    for key in type(record).model_fields:
        value = getattr(record, key)
        here = (*path, key)
        if isinstance(value, BaseModel):
            yield from _fraction_warnings(value, here, _figure)
        elif isinstance(value, tuple | list):
            for i, item in enumerate(value):
                if isinstance(item, BaseModel):
                    yield from _fraction_warnings(item, (*here, i), _figure)
        elif isinstance(value, dict):
            for entry, item in value.items():
                if isinstance(item, BaseModel):
                    yield from _fraction_warnings(item, (*here, entry), _figure)
        elif isinstance(value, Decimal) and key not in NOT_FRACTIONS:
            spec = field_of(name, key)
            if spec is None or not spec.percent_like:
                continue
            message = _fraction_message(key, value, _figure)
            if message:
                yield here, message


def _fraction_message(key: str, value: Decimal, _figure: Figure) -> str | None:
    if key == "percent_of_forecast" and 0 < value < 10:
        return f"{_figure(value)} means {_figure(value)}% of the forecast; did you mean {_figure(value * 100)}%?"
    if 0 < value < 1:
        return f"{_figure(value)} means {_figure(value)}%; did you mean {_figure(value * 100)}%?"
    return None
