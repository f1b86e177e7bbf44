"""Competing bids: the offers grouped by vendor, each vendor's best offer, and for each vendor the alternative the
buyer holds against it (the best offer of the other vendors).

The best offer is the one with the lowest cost passed in (`costs`, by offer): the cost of switching when the
caller has it, else the contract's term cost. Offers name their vendor (`offer.vendor`, else the deal's
`vendor`); offers with neither belong to one unnamed vendor. This is data for advice; nothing here is worded for
the vendor.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from decimal import Decimal

from principal.model.deal import Deal


@dataclass(frozen=True)
class VendorBid:
    vendor: str | None
    offers: tuple[str, ...]
    best_offer: str
    best_cost: Decimal
    alternative_vendor: str | None
    """The other vendor with the lowest best cost (None when there is no other vendor)."""
    alternative_offer: str | None
    alternative_cost: Decimal | None
    gap: Decimal | None
    """alternative_cost - best_cost: positive when this vendor's best offer costs less than the alternative."""


def vendor_of(deal: Deal, offer_name: str) -> str | None:
    return deal.offers[offer_name].vendor or deal.vendor


def vendor_bids(deal: Deal, costs: Mapping[str, Decimal]) -> tuple[VendorBid, ...]:
    """Each vendor's offers (among `costs`), best offer and alternative, vendors in the order of their first offer."""
    groups: dict[str | None, list[str]] = {}
    for name in deal.offers:
        if name in costs:
            groups.setdefault(vendor_of(deal, name), []).append(name)
    best = {vendor: min(names, key=lambda n: costs[n]) for vendor, names in groups.items()}
    out = []
    for vendor, names in groups.items():
        own = best[vendor]
        others = [(costs[best[v]], v) for v in groups if v != vendor]
        if others:
            cost, other = min(others, key=lambda pair: pair[0])
            alt_offer: str | None = best[other]
            alt_cost: Decimal | None = cost
            gap: Decimal | None = cost - costs[own]
            alt_vendor = other
        else:
            alt_offer = alt_cost = gap = alt_vendor = None
        out.append(VendorBid(vendor, tuple(names), own, costs[own], alt_vendor, alt_offer, alt_cost, gap))
    return tuple(out)
