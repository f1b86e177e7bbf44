"""What-if on the Decide tab: the offers costed again with the buyer's volumes, every licence quantity and every
licence price moved by a percentage. The cost engine does the work (its Scenario scales volumes and quantities;
prices are scaled on a copy of each offer), in a bounded worker (web/workers.py); results are kept for the
settings asked most recently. What a slider does not move is not computed again: the planned term costs are the
Cost tab's own cached figures for the version."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from decimal import Decimal

from principal.cost.scenario import Scenario
from principal.cost.schedule import schedule
from principal.cost.unit_prices import unit_prices
from principal.model import Deal, Offer
from principal.money import Amount
from principal.web.recently_made import RecentlyMade

LIMITS = {"volume": (25, 300), "seats": (25, 200), "price": (25, 200)}


@dataclass(frozen=True)
class WhatIfRow:
    offer: str
    term_cost: Amount
    plan_cost: Amount
    change: Amount
    per_agent_month: Amount
    percent_off_list: Decimal | None


@dataclass(frozen=True)
class WhatIf:
    volume: int
    seats: int
    price: int
    rows: tuple[WhatIfRow, ...]


_recent: RecentlyMade[WhatIf] = RecentlyMade(256)


def _priced(offer: Offer, factor: Decimal) -> Offer:
    if factor == 1:
        return offer
    licences = tuple(lic.model_copy(update={"unit_price": lic.unit_price * factor}) for lic in offer.licenses)
    return offer.model_copy(update={"licenses": licences})


def costed(deal: Deal, plan: Mapping[str, Decimal], volume: int, seats: int, price: int) -> WhatIf:
    """The what-if rows at these settings; `plan` is each offer's planned term cost (the Cost tab's)."""
    scenario = Scenario(
        name="what-if",
        volume_factor=Decimal(volume) / 100,
        licence_quantity_from=None if seats == 100 else (1, Decimal(seats) / 100),
    )
    rows = []
    cur = deal.currency
    for name, offer in deal.offers.items():
        variant = _priced(offer, Decimal(price) / 100)
        s = schedule(deal, name, scenario, offer=variant)
        prices = unit_prices(deal, name, variant, s)
        rows.append(
            WhatIfRow(
                name,
                Amount(s.total, cur),
                Amount(plan[name], cur),
                Amount(s.total - plan[name], cur),
                Amount(prices.per_agent_month, cur),
                prices.percent_off_list,
            )
        )
    return WhatIf(volume, seats, price, tuple(rows))


def what_if(
    key: str,
    compute: Callable[[int, int, int], WhatIf],
    *,
    volume: int,
    seats: int,
    price: int,
) -> WhatIf:
    """The offers at `volume`% of the planned volumes, `seats`% of each licence quantity, `price`% of each licence
    price; `key` names the deal's version (results are kept per version and settings). `compute(volume, seats,
    price)` costs them (the web app's bounded `costed`)."""
    return _recent.get((key, volume, seats, price), lambda: compute(volume, seats, price))
