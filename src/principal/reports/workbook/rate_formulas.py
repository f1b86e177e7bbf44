"""Rate-card arithmetic as spreadsheet formulas, mirroring principal.cost.ratecard.price:

- flat: volume x rate
- graduated: the sum over bands of MAX(0, MIN(volume, upper) - lower) x rate; the last band
  MAX(0, volume - lower) x rate
- volume (all-units): IF(volume <= upper_1, volume x rate_1, IF(volume <= upper_2, volume x rate_2, ...
  volume x rate_n))
"""

from __future__ import annotations

from principal.model.pricing import RateCardKind
from principal.reports.workbook.input_refs import MeterRefs


def price_formula(meter: MeterRefs, volume: str) -> str:
    """The charge for `volume` (a cell or an expression) under the meter's card, before any uplift."""
    kind = meter.meter.rate_card.kind
    if kind is RateCardKind.flat:
        assert meter.flat_rate is not None
        return f"{volume}*{meter.flat_rate}"
    if kind is RateCardKind.volume:
        expr = f"{volume}*{meter.bands[-1].rate}"
        for band in reversed(meter.bands[:-1]):
            assert band.up_to is not None
            expr = f"IF({volume}<={band.up_to},{volume}*{band.rate},{expr})"
        return expr
    terms = []
    lower = "0"
    for band in meter.bands:
        if band.up_to is None:
            terms.append(f"MAX(0,{volume}-{lower})*{band.rate}")
        else:
            terms.append(f"MAX(0,MIN({volume},{band.up_to})-{lower})*{band.rate}")
            lower = band.up_to
    return "(" + "+".join(terms) + ")"
