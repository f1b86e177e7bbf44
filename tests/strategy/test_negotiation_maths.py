"""Pareto frontier and Nash point against a brute-force reference on 50 seeded scenarios; ZOPA; MESO."""

from __future__ import annotations

from decimal import Decimal

import numpy as np
import pytest

from principal.money import Amount
from principal.strategy.negotiation import Issue, IssueSpace, meso, nash_point, pareto_front, pareto_mask, zopa


def _random_space(seed: int) -> IssueSpace:
    rng = np.random.default_rng(seed)
    issues = []
    for number in range(int(rng.integers(2, 5))):
        levels = int(rng.integers(2, 6))
        # Integer-valued utilities on small ranges make ties common, which is where frontier code goes wrong.
        buyer = tuple(float(x) for x in rng.integers(0, 6, levels))
        vendor = tuple(float(x) for x in rng.integers(0, 6, levels))
        issues.append(Issue(f"i{number}", tuple(f"l{k}" for k in range(levels)), buyer, vendor))
    return IssueSpace(tuple(issues))


def _brute_pareto(buyer: list[float], vendor: list[float]) -> set[int]:
    out = set()
    for i in range(len(buyer)):
        dominated = any(
            buyer[j] >= buyer[i] and vendor[j] >= vendor[i] and (buyer[j] > buyer[i] or vendor[j] > vendor[i])
            for j in range(len(buyer))
        )
        if not dominated:
            out.add(i)
    return out


def _brute_nash(buyer: list[float], vendor: list[float], d_b: float, d_v: float) -> int | None:
    best, where = -1.0, None
    for i in range(len(buyer)):
        if buyer[i] >= d_b and vendor[i] >= d_v:
            product = (buyer[i] - d_b) * (vendor[i] - d_v)
            if product > best:
                best, where = product, i
    return where


def _brute_utilities(space: IssueSpace) -> tuple[list[float], list[float]]:
    buyer, vendor = [], []
    for i in range(space.size):
        levels = np.unravel_index(i, space.shape)
        buyer.append(sum(issue.buyer[int(k)] for issue, k in zip(space.issues, levels, strict=True)))
        vendor.append(sum(issue.vendor[int(k)] for issue, k in zip(space.issues, levels, strict=True)))
    return buyer, vendor


@pytest.mark.parametrize("seed", range(50))
def test_frontier_and_nash_equal_brute_force(seed: int) -> None:
    space = _random_space(seed)
    util = space.all_utilities()
    buyer, vendor = _brute_utilities(space)
    assert util.buyer.tolist() == buyer and util.vendor.tolist() == vendor
    assert set(np.flatnonzero(pareto_mask(util.buyer, util.vendor)).tolist()) == _brute_pareto(buyer, vendor)
    rng = np.random.default_rng(1000 + seed)
    d_b = float(rng.uniform(min(buyer), max(buyer)))
    d_v = float(rng.uniform(min(vendor), max(vendor)))
    assert nash_point(util.buyer, util.vendor, d_b, d_v) == _brute_nash(buyer, vendor, d_b, d_v)


def test_frontier_order_and_continuous_values() -> None:
    rng = np.random.default_rng(7)
    buyer, vendor = rng.normal(size=400), rng.normal(size=400)
    front = pareto_front(buyer, vendor)
    assert set(front.tolist()) == _brute_pareto(buyer.tolist(), vendor.tolist())
    assert np.all(np.diff(buyer[front]) < 0) and np.all(np.diff(vendor[front]) > 0)


def test_nash_point_lies_on_the_frontier_and_none_without_agreement() -> None:
    space = _random_space(3)
    util = space.all_utilities()
    point = nash_point(util.buyer, util.vendor, 0.0, 0.0)
    assert point is not None and pareto_mask(util.buyer, util.vendor)[point]
    assert nash_point(util.buyer, util.vendor, 1e9, 0.0) is None


def usd(value: int | str) -> Amount:
    return Amount(Decimal(value), "USD")


def test_zopa_splits_transferable_surplus() -> None:
    deal = zopa(usd(120), usd(90))
    assert deal.exists and deal.width == usd(30) and deal.nash_price == usd("105.00")
    assert zopa(usd(120), usd(90), buyer_power=Decimal("0.8")).nash_price == usd("96.00")
    none = zopa(usd(80), usd(90))
    assert not none.exists and none.nash_price is None and none.width == usd(0)


def test_zopa_rounds_the_nash_price_to_the_currency() -> None:
    # (100 + 101) / 2 = 100.5: half-up to whole yen is 101; half-up to the cent keeps 100.50.
    assert zopa(Amount(Decimal(101), "JPY"), Amount(Decimal(100), "JPY")).nash_price == Amount(Decimal(101), "JPY")
    assert zopa(usd(101), usd(100)).nash_price == usd("100.50")


def test_meso_equal_buyer_value_different_asks() -> None:
    # Three issues the buyer values alike; the vendor minds price most, so price-led packages are least acceptable.
    space = IssueSpace(
        (
            Issue("price", ("list", "-5%", "-10%"), (0.0, 5.0, 10.0), (0.0, -8.0, -16.0)),
            Issue("cap", ("none", "120%", "110%"), (0.0, 5.0, 10.0), (0.0, -3.0, -6.0)),
            Issue("credits", ("5%", "10%", "15%"), (0.0, 5.0, 10.0), (0.0, -2.0, -4.0)),
        )
    )
    packages = meso(space, 10.0, vendor_disagreement=-10.0, scale=2.0)
    assert [p.theme for p in packages] == ["credits", "cap", "price"]
    assert all(abs(p.buyer_utility - 10.0) <= 0.1 for p in packages)
    assert packages[0].levels == {"price": "list", "cap": "none", "credits": "15%"}
    assert packages[0].acceptance == pytest.approx(1 / (1 + np.exp(-3.0)))
    assert packages[0].acceptance > packages[1].acceptance > packages[2].acceptance
    themed = meso(
        space,
        10.0,
        vendor_disagreement=-10.0,
        scale=2.0,
        themes={"money": ["price"], "terms": ["cap", "credits"]},
    )
    assert [p.theme for p in themed] == ["terms", "money"]


def test_meso_without_candidates_is_empty() -> None:
    space = IssueSpace((Issue("price", ("a", "b"), (0.0, 1.0), (0.0, -1.0)),))
    assert meso(space, 50.0, vendor_disagreement=0.0, scale=1.0) == []


def test_bad_spaces_are_refused() -> None:
    with pytest.raises(ValueError, match="same length"):
        Issue("x", ("a", "b"), (1.0,), (1.0, 2.0))
    with pytest.raises(ValueError, match="unique"):
        IssueSpace((Issue("x", ("a",), (1.0,), (1.0,)), Issue("x", ("a",), (1.0,), (1.0,))))


def test_fallbacks_lead_with_their_theme_keep_protections_and_equal_value() -> None:
    from principal.strategy.negotiation import Issue, IssueSpace, fallbacks

    space = IssueSpace(
        (
            Issue("price", ("p0", "p1", "p2", "p3", "p4"), (0, 10, 20, 30, 40), (0, -10, -20, -30, -40)),
            Issue("cap", ("none", "ask", "tighter"), (0, 25, 30), (0, -2, -4)),
            Issue("uplift", ("u0", "u1", "u2", "u3"), (0, 5, 10, 15), (0, -5, -10, -15)),
        )
    )
    # The ask: p2, the cap, u2 -> 20 + 25 + 10 = 55. The cap is a protection the ask holds: floor at its level.
    found = fallbacks(
        space,
        (2, 1, 2),
        themes={"price-led": ["price"], "cap-led": ["cap"]},
        floors=(0, 1, 0),
        vendor_disagreement=-100.0,
        scale=10.0,
    )
    by_theme = {f.theme: f for f in found}
    price = space.levels([by_theme["price-led"].index])[0].tolist()
    cap = space.levels([by_theme["cap-led"].index])[0].tolist()
    # Price-led: p3 (beyond the ask) paid for with the uplift given back: 30 + 25 + 0 = 55.
    assert price == [3, 1, 0] and by_theme["price-led"].buyer_utility == 55 and by_theme["price-led"].lead == "price"
    # Cap-led: the tighter cap (30) with p2 and u1: 20 + 30 + 5 = 55; never beyond the ask on price or uplift.
    assert cap == [2, 2, 1] and by_theme["cap-led"].buyer_utility == 55 and by_theme["cap-led"].lead == "cap"
    # Far from its walk-away the vendor would say yes: the stronger version asks for more, still acceptable.
    strong = by_theme["price-led"].stronger
    assert by_theme["price-led"].acceptance > 0.9 and strong is not None
    assert strong.buyer_utility > 55 and strong.vendor_utility >= -100
