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
from principal.model.deal import Deal, Offer
from principal.model.sla import FeeBase
from principal.money import Amount


@dataclass(frozen=True)
class FeeBases:
    """Monthly amounts in the deal's currency for each base a credit can name."""

    licenses: Amount
    recurring: Amount
    usage: Amount
    all_monthly: Amount
    components: Mapping[str, Amount] = field(default_factory=dict)
    source: str = ""

    @property
    def currency(self) -> str:
        return self.all_monthly.currency

    def monthly(self, base: FeeBase, components: tuple[str, ...] = ()) -> Amount:
        """The monthly amount of `base`; for the component base, the sum of the named components' fees."""
        if base is FeeBase.component:
            zero = Amount.zero(self.currency)
            return sum((self.components.get(name, zero) for name in components), zero)
        if base is FeeBase.usage:
            return self.usage
        if base is FeeBase.licenses:
            return self.licenses
        return self.all_monthly


def _billed(value: Decimal | Amount, currency: str) -> Amount:
    """A billed figure of the cost engine, rounded half-up to the currency's minor unit (cents, whole yen)."""
    amount = value if isinstance(value, Amount) else Amount(value, currency)
    return amount.rounded()


def fee_bases_for_offer(deal: Deal, offer_name: str) -> FeeBases:
    """Fee bases of the offer's first live month at the buyer's plan, from the cost engine.

    licences, recurring fees and usage are the cost engine's lines for the go-live month (the first month with
    both seats and traffic), with uplifts, bands, allowances and minimums applied exactly as billed, each rounded
    to the currency's minor unit; all_monthly = licences + recurring + usage. Component fees come from the SLA block.
    """
    offer: Offer = deal.offer(offer_name)
    currency = deal.currency
    fees = live_month_fees(schedule(deal, offer_name))
    components: dict[str, Amount] = {}
    if offer.sla is not None:
        components = {
            c.name: Amount(c.monthly_fee, currency) for c in offer.sla.components if c.monthly_fee is not None
        }
    licenses, recurring, usage = (_billed(v, currency) for v in (fees.licenses, fees.recurring, fees.usage))
    return FeeBases(
        licenses=licenses,
        recurring=recurring,
        usage=usage,
        all_monthly=licenses + recurring + usage,
        components=components,
        source=fees.source,
    )
