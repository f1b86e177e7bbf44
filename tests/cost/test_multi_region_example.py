"""Hand model of the second bundled example (examples/multi-region): every headline figure as plain arithmetic."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import pytest

from principal.cost import Category, compare, schedule, switching_cost
from principal.loader import load_deal
from principal.model.deal import Deal

EXAMPLE = Path(__file__).resolve().parents[2] / "examples" / "multi-region" / "deal.yaml"

# Northwind: 300 seats live in months 4-6, 600 from month 7 (of 36), EUR 120 a seat, billed as they go live.
NW_LICENCES = 3 * 300 * 120 + 30 * 600 * 120  # 2,268,000
NW_VOICE = 3 * 1_000_000 * Decimal("0.01") + 30 * 2_000_000 * Decimal("0.01")  # 630,000
NW_MINIMUM = 240_000 * Decimal(9) / 12 - (3 * 10_000 + 6 * 20_000)  # year-1 shortfall 30,000 (years 2-3 meet it)
NW_CHAT = 3 * 150_000 * Decimal("0.04") + 30 * 300_000 * Decimal("0.04")  # 378,000
NW_SURCHARGE = (NW_VOICE + NW_MINIMUM) * 3 / 100  # 19,800 on the voice meter's lines
NW_SERVICES = 150_000
NW_CONTRACT = NW_LICENCES + NW_VOICE + NW_MINIMUM + NW_CHAT + NW_SURCHARGE + NW_SERVICES  # 3,475,800

# Bluefjord: all 600 seats committed from the single go-live in month 6 (31 months), EUR 110 a seat.
BF_LICENCES = 31 * 600 * 110  # 2,046,000
BF_VOICE = 31 * 2_000_000 * Decimal("0.011")  # 682,000
BF_CHAT = 31 * 300_000 * Decimal("0.045")  # 418,500
BF_SURCHARGE = BF_VOICE * 3 / 100  # 20,460
BF_CONTRACT = BF_LICENCES + BF_VOICE + BF_CHAT + BF_SURCHARGE + 120_000  # 3,286,960

# The ask: EUR 112 a seat, everything else priced as Northwind's bid (the cap does not bind at plan).
ASK_CONTRACT = NW_CONTRACT - (3 * 300 + 30 * 600) * (120 - 112)  # 3,324,600

# Incumbent EUR 180,000 a month, 9 months' notice from month 1 (ends in month 10), one month's overlap, 80% variable.
NW_DUAL = 4 * 180_000 + 3 * 180_000 * (1 - Decimal("0.8") * 300 / 600) + 2 * 180_000 * (1 - Decimal("0.8"))
BF_DUAL = 6 * 180_000 + 3 * 180_000 * (1 - Decimal("0.8"))  # nobody moves before month 7 (go-live 6 + overlap)
STAYING = 36 * 180_000  # 6,480,000


@pytest.fixture(scope="module")
def deal() -> Deal:
    return load_deal(EXAMPLE)


def test_each_bid_to_the_cent(deal: Deal) -> None:
    nw, bf, ask = (schedule(deal, name) for name in ("northwind", "bluefjord", "northwind-ask"))
    assert nw.category_total(Category.licenses) == NW_LICENCES
    assert nw.category_total(Category.usage_minimum) == NW_MINIMUM == Decimal(30_000)
    assert [ln.month for ln in nw.lines if ln.category is Category.usage_minimum] == [12]
    assert nw.category_total(Category.surcharge) == NW_SURCHARGE == Decimal(19_800)
    assert nw.total == NW_CONTRACT == Decimal("3475800.00")
    assert bf.category_total(Category.licenses) == BF_LICENCES
    assert bf.category_total(Category.surcharge) == BF_SURCHARGE
    assert bf.total == BF_CONTRACT == Decimal("3286960.00")
    assert ask.total == ASK_CONTRACT == Decimal("3324600.00")


def test_dual_running_and_the_cost_of_switching(deal: Deal) -> None:
    nw, bf = switching_cost(deal, "northwind"), switching_cost(deal, "bluefjord")
    assert nw.dual_running == NW_DUAL == Decimal(1_116_000)
    assert bf.dual_running == BF_DUAL == Decimal(1_188_000)
    assert nw.transition.end_month == bf.transition.end_month == 1 + 9
    assert nw.basis == NW_CONTRACT + NW_DUAL == Decimal("4591800.00")
    assert bf.basis == BF_CONTRACT + BF_DUAL == Decimal("4474960.00")
    assert sum(nw.staying_months or ()) == STAYING


def test_each_vendors_best_offer_is_the_others_alternative(deal: Deal) -> None:
    bids = {bid.vendor: bid for bid in compare(deal).bids}
    assert bids["Northwind CX"].best_offer == "northwind-ask"
    assert bids["Northwind CX"].best_cost == ASK_CONTRACT + NW_DUAL  # 4,440,600
    assert bids["Bluefjord"].best_offer == "bluefjord"
    assert bids["Northwind CX"].alternative_offer == "bluefjord"
    assert bids["Bluefjord"].gap == ASK_CONTRACT + NW_DUAL - (BF_CONTRACT + BF_DUAL)  # -34,360: Northwind's ask wins
