"""Seat licence charges: quantity by ramp, price by uplift, hourly licences rounded up."""

from __future__ import annotations

from decimal import ROUND_CEILING, Decimal

from principal.model.pricing import License, LicenseKind


def quantity_in_month(lic: License, month: int) -> Decimal:
    quantity = lic.quantity
    for step in lic.ramp:
        if step.from_month <= month:
            quantity = step.quantity
    return quantity


def billed_quantity(lic: License, month: int, factor: Decimal = Decimal(1)) -> Decimal:
    """Quantity billed in a month; hourly licences sum hours and round up to a whole hour when the offer says so."""
    quantity = quantity_in_month(lic, month) * factor
    if lic.kind is LicenseKind.hourly and lic.round_hours_up:
        quantity = quantity.to_integral_value(rounding=ROUND_CEILING)
    return quantity


def seats_in_month(licenses: tuple[License, ...], month: int, factor: Decimal = Decimal(1)) -> Decimal:
    """Named and concurrent seats licensed in a month (what per-seat allowances count)."""
    return sum(
        (quantity_in_month(lic, month) * factor for lic in licenses if lic.kind is not LicenseKind.hourly),
        Decimal(0),
    )
