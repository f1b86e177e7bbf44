"""Sensitivity (tornado) of the recommendation to each assumption of the valuation.

The recommended offer is the one with the lowest expected risk-adjusted cost of switching among the offers
compared. For each assumption, its low and high values are tried one at a time (everything else as in the
valuation, the same seed): the row gives the recommended offer's expected cost at each end, the offer that would
be recommended there, and the levers of the recommended offer whose value changes sign. Rows are sorted by swing
(the larger of the two changes first). The tornado runs on fewer draws than the lever values (`TORNADO_DRAWS`).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal

from principal.model.deal import Deal
from principal.money import Amount
from principal.valuation.assumptions import Assumption, Basis, risk_assumptions
from principal.valuation.engine import money, value_levers
from principal.valuation.outcomes import SEED, Valuer

TORNADO_DRAWS = 2_000


@dataclass(frozen=True)
class TornadoEnd:
    value: Decimal
    expected_cost: Amount
    change: Amount
    """Recommended offer's expected cost at this end - at the valuation's value."""
    recommended: str
    flips: bool
    """True when another offer becomes the cheapest."""
    lever_signs_flip: tuple[str, ...]
    """Levers of the recommended offer whose saving turns into a cost, or a cost into a saving."""


@dataclass(frozen=True)
class TornadoRow:
    assumption: str
    title: str
    basis: Basis
    base_value: Decimal
    low: TornadoEnd
    high: TornadoEnd

    @property
    def swing(self) -> Decimal:
        return max(abs(self.low.change.number), abs(self.high.change.number))


@dataclass(frozen=True)
class Tornado:
    offers: tuple[str, ...]
    reference: str
    recommended: str
    expected_cost: Amount
    draws: int
    seed: int
    rows: tuple[TornadoRow, ...]


def _expected(valuer: Valuer, deal: Deal, offers: Sequence[str]) -> dict[str, float]:
    return {name: float(valuer.cost(name, deal.offers[name]).mean()) for name in offers}


def _signs(valuer: Valuer, deal: Deal, offer: str, reference: str) -> dict[str, int]:
    if offer == reference:
        return {}
    out = {}
    for lv in value_levers(deal, offer, reference, valuer=valuer).levers:
        if lv.expected_saving is not None:
            out[lv.lever] = (lv.expected_saving.number > 0) - (lv.expected_saving.number < 0)
    return out


def tornado(
    deal: Deal, offers: Sequence[str], reference: str, *, draws: int = TORNADO_DRAWS, seed: int = SEED
) -> Tornado:
    cur = deal.currency
    risk = risk_assumptions(deal)
    base = Valuer(deal, risk, draws, seed)
    costs = _expected(base, deal, offers)
    best = min(offers, key=lambda n: (costs[n], n))
    signs = _signs(base, deal, best, reference)
    rows = []
    for item in risk.all():
        if item.basis is Basis.unknown:
            continue
        ends = []
        for value in (item.low, item.high):
            other = base.rebuilt(risk.with_value(item.name, value), item.name)
            there = _expected(other, deal, offers)
            pick = min(offers, key=lambda n: (there[n], n))
            now = _signs(other, deal, best, reference)
            flipped = tuple(k for k, s in signs.items() if now.get(k, s) * s < 0)
            ends.append(
                TornadoEnd(
                    value, money(there[best], cur), money(there[best] - costs[best], cur), pick, pick != best, flipped
                )
            )
        rows.append(_row(item, ends[0], ends[1]))
    rows.sort(key=lambda r: (-r.swing, r.assumption))
    return Tornado(tuple(offers), reference, best, money(costs[best], cur), draws, seed, tuple(rows))


def _row(item: Assumption, low: TornadoEnd, high: TornadoEnd) -> TornadoRow:
    return TornadoRow(item.name, item.title, item.basis, item.value, low, high)
