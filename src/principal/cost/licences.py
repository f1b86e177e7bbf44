"""Seat licence charges: quantity by ramp, price by uplift, hourly licences rounded up, live seats.

A licence `billed_on: live_seats` bills its quantity x the share of agents live on the new platform in the month,
rounded up to whole seats (or hours); one `billed_on: committed` (the default) bills its whole quantity.
"""

from __future__ import annotations

from decimal import ROUND_CEILING, Decimal

from principal.cost.waves import LiveShare
from principal.model.pricing import LicenceBilling, License, LicenseKind


def quantity_in_month(lic: License, month: int) -> Decimal:
    quantity = lic.quantity
    for step in lic.ramp:
        if step.from_month <= month:
            quantity = step.quantity
    return quantity


def _live_part(lic: License, quantity: Decimal, live: LiveShare | None) -> Decimal:
    if lic.billed_on is not LicenceBilling.live_seats or live is None or live.full:
        return quantity
    return (quantity * live.live / live.agents).to_integral_value(rounding=ROUND_CEILING)


def committed_quantity(lic: License, live: LiveShare | None = None) -> Decimal:
    """The committed quantity billed in a month when seats above it are trued up (live seats when so billed)."""
    return _live_part(lic, lic.quantity, live)


def billed_quantity(lic: License, month: int, factor: Decimal = Decimal(1), live: LiveShare | None = None) -> Decimal:
    """Quantity billed in a month; hourly licences sum hours and round up to a whole hour when the offer says so."""
    quantity = _live_part(lic, quantity_in_month(lic, month) * factor, live)
    if lic.kind is LicenseKind.hourly and lic.round_hours_up:
        quantity = quantity.to_integral_value(rounding=ROUND_CEILING)
    return quantity


def seats_in_month(
    licenses: tuple[License, ...], month: int, factor: Decimal = Decimal(1), live: LiveShare | None = None
) -> Decimal:
    """Named and concurrent seats licensed in a month (what per-seat allowances count)."""
    return sum(
        (
            _live_part(lic, quantity_in_month(lic, month) * factor, live)
            for lic in licenses
            if lic.kind is not LicenseKind.hourly
        ),
        Decimal(0),
    )
