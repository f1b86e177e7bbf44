"""The monthly fee amounts SLA credits are a percentage of.

The SLA engine takes these amounts as an input (`FeeBases`); `fee_bases_for_offer` derives them from the
cost engine's schedule, so credits are a share of what the buyer is actually billed.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from decimal import Decimal

from principal.cost.fee_bases import live_month_fees
from principal.cost.schedule import schedule
from principal.model.common import to_cents
from principal.model.deal import Deal, Offer
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


def fee_bases_for_offer(deal: Deal, offer_name: str) -> FeeBases:
    """Fee bases of the offer's first live month at the buyer's plan, from the cost engine.

    licences, recurring fees and usage are the cost engine's lines for the go-live month (the first month with
    both seats and traffic), with uplifts, bands, allowances and minimums applied exactly as billed;
    all_monthly = licences + recurring + usage. Component fees come from the SLA block.
    """
    offer: Offer = deal.offer(offer_name)
    fees = live_month_fees(schedule(deal, offer_name))
    components: dict[str, Decimal] = {}
    if offer.sla is not None:
        components = {c.name: c.monthly_fee for c in offer.sla.components if c.monthly_fee is not None}
    licenses, recurring, usage = to_cents(fees.licenses), to_cents(fees.recurring), to_cents(fees.usage)
    return FeeBases(
        licenses=licenses,
        recurring=recurring,
        usage=usage,
        all_monthly=licenses + recurring + usage,
        components=components,
        source=fees.source,
    )
