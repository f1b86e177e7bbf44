"""Reservation prices, the zone of possible agreement (ZOPA) and the Nash split when money is transferable.

With the buyer's reservation (the most it will pay) B and the vendor's (the least it will take) V, a deal is possible
when V <= B. With money transferable and linear utilities u_b = B - p and u_v = p - V, the Nash product
(B - p)(p - V) is largest at p = (B + V) / 2: the surplus B - V is split in half ($90 and $120 -> $105).
A bargaining-power weight w for the buyer moves the price to V + (1 - w)(B - V) (the generalised Nash solution).
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from principal.money import Amount


@dataclass(frozen=True)
class Zopa:
    buyer_reservation: Amount
    vendor_reservation: Amount
    exists: bool
    width: Amount
    nash_price: Amount | None
    buyer_power: Decimal

    @property
    def low(self) -> Amount:
        return self.vendor_reservation

    @property
    def high(self) -> Amount:
        return self.buyer_reservation


def zopa(buyer_reservation: Amount, vendor_reservation: Amount, buyer_power: Decimal = Decimal("0.5")) -> Zopa:
    """The ZOPA between two reservation prices (in one currency) and the (generalised) Nash price inside it,
    rounded half-up to the currency's minor unit (cents; whole yen)."""
    if not Decimal(0) <= buyer_power <= Decimal(1):
        raise ValueError("buyer_power is a weight from 0 to 1")
    exists = vendor_reservation <= buyer_reservation
    width = buyer_reservation - vendor_reservation
    price = (vendor_reservation + width * (1 - buyer_power)).rounded() if exists else None
    return Zopa(
        buyer_reservation=buyer_reservation,
        vendor_reservation=vendor_reservation,
        exists=exists,
        width=width if exists else Amount.zero(width.currency),
        nash_price=price,
        buyer_power=buyer_power,
    )
