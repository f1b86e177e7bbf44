"""The monthly fee amounts SLA credits are a percentage of.

The SLA engine takes these amounts as an input (`FeeBases`), so it does not depend on the cost engine.
`fee_bases_from_offer_prices` is the one place that derives them from an offer; the cost engine's own
fee bases can replace it without touching the rest of the SLA package.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from decimal import Decimal

from principal.model.common import to_cents
from principal.model.deal import Deal, Offer
from principal.model.pricing import LicenseKind, Period, RateCard, RateCardKind, UsageMeter
from principal.model.sla import FeeBase


@dataclass(frozen=True)
class FeeBases:
    """Monthly amounts in the deal's currency for each base a credit can name."""

    licenses: Decimal
    recurring: Decimal
    usage: Decimal
    all_monthly: Decimal
    components: Mapping[str, Decimal] = field(default_factory=dict)
    source: str = ""

    def monthly(self, base: FeeBase, components: tuple[str, ...] = ()) -> Decimal:
        """The monthly amount of `base`; for the component base, the sum of the named components' fees."""
        if base is FeeBase.component:
            return sum((self.components.get(name, Decimal(0)) for name in components), Decimal(0))
        if base is FeeBase.usage:
            return self.usage
        if base is FeeBase.licenses:
            return self.licenses
        return self.all_monthly


def _card_charge(card: RateCard, volume: Decimal) -> Decimal:
    if card.kind is RateCardKind.flat:
        assert card.rate is not None
        return volume * card.rate
    if card.kind is RateCardKind.volume:
        for band in card.bands:
            if band.up_to is None or volume <= band.up_to:
                return volume * band.rate
    charge, lower = Decimal(0), Decimal(0)
    for band in card.bands:
        upper = volume if band.up_to is None else min(volume, band.up_to)
        if upper > lower:
            charge += (upper - lower) * band.rate
        if band.up_to is None or volume <= band.up_to:
            break
        lower = band.up_to
    return charge


def _meter_monthly(meter: UsageMeter, deal: Deal, seats: Decimal) -> Decimal:
    forecast = deal.buyer.forecasts.get(meter.forecast)
    if forecast is None:
        return Decimal(0)
    volume = forecast.expected
    if meter.included is not None:
        volume = max(Decimal(0), volume - meter.included.per_seat * seats - meter.included.fixed)
    if meter.rate_card.period is Period.year:
        monthly = _card_charge(meter.rate_card, volume * 12) / 12
    else:
        monthly = _card_charge(meter.rate_card, volume)
    if meter.minimum is not None:
        floor = meter.minimum.amount / (12 if meter.minimum.period is Period.year else 1)
        monthly = max(monthly, floor)
    return monthly


def fee_bases_from_offer_prices(deal: Deal, offer_name: str) -> FeeBases:
    """Provisional fee bases from an offer's first-year prices.

    licences: quantity x unit price of each line in month 1 (hourly lines: the stated hours x hourly price);
    recurring: every recurring fee's monthly amount; usage: each meter at the buyer's expected monthly volume,
    less included units, priced on its rate card (flat, graduated or volume), never below its minimum;
    per-event rounding is not applied. all_monthly = licences + recurring + usage.
    """
    offer: Offer = deal.offer(offer_name)
    licenses = sum((lic.quantity * lic.unit_price for lic in offer.licenses), Decimal(0))
    seats = sum((lic.quantity for lic in offer.licenses if lic.kind is not LicenseKind.hourly), Decimal(0))
    recurring = sum((fee.monthly for fee in offer.recurring_fees), Decimal(0))
    usage = sum((_meter_monthly(meter, deal, seats) for meter in offer.usage), Decimal(0))
    components: dict[str, Decimal] = {}
    if offer.sla is not None:
        components = {c.name: c.monthly_fee for c in offer.sla.components if c.monthly_fee is not None}
    licenses, recurring, usage = to_cents(licenses), to_cents(recurring), to_cents(usage)
    return FeeBases(
        licenses=licenses,
        recurring=recurring,
        usage=usage,
        all_monthly=licenses + recurring + usage,
        components=components,
        source="offer prices, first year: licences x unit price + recurring fees + usage at the buyer's "
        "expected volumes on the offer's rate cards",
    )
