"""Cross-field checks of the order-form terms (currencies and exchange rates, months inside the term, the meters
and licences surcharges name). Each yields (path, message) like principal.model.checks."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator

from principal.model.deal import Deal, Offer
from principal.money import is_currency

Finding = tuple[tuple[str | int, ...], str]


def check_order_terms(deal: Deal) -> Iterator[Finding]:
    for code in deal.fx_rates:
        path = ("fx_rates", code)
        if not is_currency(code):
            yield path, f"{code!r} is not an ISO 4217 currency code (USD, EUR, JPY...)"
        elif code == deal.currency:
            yield path, f"{code} is the deal's own currency; it needs no exchange rate"
    for name, offer in deal.offers.items():
        yield from _check_offer(deal, ("offers", name), offer)


def _after_term(path: tuple[str | int, ...], month: int | None, term: int) -> Iterator[Finding]:
    if month is not None and month > term:
        yield path, f"month {month} is after the {term}-month term"


def _check_offer(deal: Deal, base: tuple[str | int, ...], offer: Offer) -> Iterator[Finding]:
    term = offer.term_months
    if offer.currency is not None and offer.currency != deal.currency:
        if not is_currency(offer.currency):
            yield (*base, "currency"), f"{offer.currency!r} is not an ISO 4217 currency code (USD, EUR, JPY...)"
        elif offer.currency not in deal.fx_rates:
            yield (
                (*base, "currency"),
                f"no exchange rate for {offer.currency}: add fx_rates: {{{offer.currency}: RATE}} "
                f"({deal.currency} per {offer.currency}) to the deal",
            )
    for i, lic in enumerate(offer.licenses):
        at = (*base, "licenses", i)
        for j, step in enumerate(lic.price_steps):
            yield from _after_term((*at, "price_steps", j, "from_month"), step.from_month, term)
        for j, month in enumerate(lic.free_months):
            yield from _after_term((*at, "free_months", j), month, term)
    for i, meter in enumerate(offer.usage):
        at = (*base, "usage", i)
        if meter.minimum is not None:
            yield from _after_term((*at, "minimum", "from_month"), meter.minimum.from_month, term)
            for j, floor_step in enumerate(meter.minimum.ramp):
                yield from _after_term((*at, "minimum", "ramp", j, "from_month"), floor_step.from_month, term)
        if meter.commitment is not None:
            yield from _after_term((*at, "commitment", "from_month"), meter.commitment.from_month, term)
    meters = [m.name for m in offer.usage]
    licences = [lic.name for lic in offer.licenses]
    for dup, count in Counter(s.name for s in offer.surcharges).items():
        if count > 1:
            yield (*base, "surcharges"), f"name {dup!r} is used {count} times; names must be unique"
    for i, charge in enumerate(offer.surcharges):
        at = (*base, "surcharges", i)
        for j, meter_name in enumerate(charge.meters):
            if meter_name not in meters:
                yield (*at, "meters", j), f"no usage meter named {meter_name!r} in this offer"
        unit = charge.per_unit
        if unit is not None and unit.meter is not None and unit.meter not in meters:
            yield (*at, "per_unit", "meter"), f"no usage meter named {unit.meter!r} in this offer"
        if unit is not None and unit.license is not None and unit.license not in licences:
            yield (*at, "per_unit", "license"), f"no licence named {unit.license!r} in this offer"
        if charge.monthly is not None:
            yield from _after_term((*at, "from_month"), charge.from_month, term)
    for i, credit in enumerate(offer.credits):
        yield from _after_term((*base, "credits", i, "month"), credit.month, term)
