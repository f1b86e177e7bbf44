"""Rate-card arithmetic: the price of a volume under a flat, graduated or all-units volume card.

- flat: every unit at `rate`.
- graduated: each unit priced in the band it falls in (like income-tax brackets).
- volume (all-units): every unit priced at the rate of the band the total volume reaches.
Band limits are inclusive: a volume equal to `up_to` stays in that band.
The exact functions work on Decimal; the `_array` twins do the same arithmetic on numpy arrays for simulation.
"""

from __future__ import annotations

from decimal import Decimal

import numpy as np
import numpy.typing as npt

from principal.model.pricing import RateCard, RateCardKind

FloatArray = npt.NDArray[np.float64]


def price(card: RateCard, volume: Decimal, rate_factor: Decimal = Decimal(1)) -> Decimal:
    """Exact charge for `volume` units; `rate_factor` scales every rate (uplifts)."""
    if volume <= 0:
        return Decimal(0)
    if card.kind is RateCardKind.flat:
        assert card.rate is not None
        return volume * card.rate * rate_factor
    if card.kind is RateCardKind.volume:
        for band in card.bands:
            if band.up_to is None or volume <= band.up_to:
                return volume * band.rate * rate_factor
        raise AssertionError("rate card has no open-ended band")  # guaranteed by the model
    total = Decimal(0)
    lower = Decimal(0)
    for band in card.bands:
        upper = band.up_to
        in_band = volume - lower if upper is None else min(volume, upper) - lower
        if in_band > 0:
            total += in_band * band.rate
        if upper is None or volume <= upper:
            break
        lower = upper
    return total * rate_factor


def describe(card: RateCard) -> str:
    """A one-line statement of the card, for the formula column of a schedule."""
    if card.kind is RateCardKind.flat:
        return f"flat {card.rate}/unit"
    parts = []
    lower = Decimal(0)
    for band in card.bands:
        label = f"{_n(lower)}-{_n(band.up_to)}" if band.up_to is not None else f"over {_n(lower)}"
        parts.append(f"{label} at {band.rate}")
        lower = band.up_to if band.up_to is not None else lower
    mode = "graduated" if card.kind is RateCardKind.graduated else "all-units volume"
    return f"{mode} per {card.period.value}: " + "; ".join(parts)


def _n(value: Decimal | None) -> str:
    return f"{value:,}" if value is not None else ""


def price_array(card: RateCard, volume: FloatArray, rate_factor: FloatArray | float = 1.0) -> FloatArray:
    """Vectorised `price`: the same arithmetic on float64 arrays (any shape)."""
    volume = np.maximum(volume, 0.0)
    if card.kind is RateCardKind.flat:
        assert card.rate is not None
        return volume * (float(card.rate) * rate_factor)
    limits = np.array([float(b.up_to) if b.up_to is not None else np.inf for b in card.bands])
    rates = np.array([float(b.rate) for b in card.bands])
    if card.kind is RateCardKind.volume:
        # First band whose inclusive limit holds the volume.
        index = np.searchsorted(limits, volume, side="left")
        charged: FloatArray = volume * rates[np.minimum(index, len(rates) - 1)] * rate_factor
        return charged
    # In-place arithmetic: one scratch array for all bands instead of three temporaries per band.
    out = np.zeros_like(volume)
    scratch = np.empty_like(volume)
    lower = 0.0
    for limit, rate in zip(limits, rates, strict=True):
        np.subtract(volume, lower, out=scratch)
        np.clip(scratch, 0.0, limit - lower, out=scratch)
        scratch *= rate
        out += scratch
        lower = limit
    if not (np.isscalar(rate_factor) and rate_factor == 1.0):
        out *= rate_factor
    return out
