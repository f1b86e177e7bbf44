"""The case's own figures, reproduced to the cent from examples/ccaas-450/deal.yaml."""

from __future__ import annotations

from decimal import Decimal

from principal.cost import Category, Scenario, schedule
from principal.cost.compare import attribute_levers, compare, vendor_view
from principal.model import Deal
from principal.money import round_money


def lever(deal: Deal, offer: str, key: str) -> tuple[Decimal, tuple[Decimal, ...]]:
    result = attribute_levers(deal, "original", offer)
    found = next(lv for lv in result.levers if lv.lever == key)
    return round_money(found.term, "USD"), tuple(round_money(y, "USD") for y in found.by_year)


def test_licence_saving_is_64800_a_year(seed_deal: Deal) -> None:
    _, by_year = lever(seed_deal, "final", "licences")
    assert by_year[0] == Decimal("64800.00")  # (155 - 143) x 450 x 12


def test_quarter_end_concession_is_54000_a_year(seed_deal: Deal) -> None:
    _, by_year = lever(seed_deal, "quarter-end", "licences")
    assert by_year == (Decimal("54000.00"), Decimal("56700.00"), Decimal("59535.00"))


def test_original_three_year_licence_cost(seed_deal: Deal) -> None:
    s = schedule(seed_deal, "original")
    assert round_money(s.category_total(Category.licenses), "USD") == Decimal("2638642.50")
    assert [round_money(y.by_category["licenses"], "USD") for y in s.years] == [
        Decimal("837000.00"),
        Decimal("878850.00"),
        Decimal("922792.50"),
    ]


def test_professional_services_milestones(seed_deal: Deal) -> None:
    s = schedule(seed_deal, "final")
    paid = [(ln.month, round_money(ln.amount, "USD")) for ln in s.lines if ln.category is Category.one_time]
    assert paid == [
        (2, Decimal("56000.00")),
        (3, Decimal("112000.00")),
        (4, Decimal("84000.00")),
        (6, Decimal("28000.00")),
    ]
    original = schedule(seed_deal, "original")
    assert [(ln.month, ln.amount) for ln in original.lines if ln.category is Category.one_time] == [
        (1, Decimal("280000"))
    ]


def test_usage_bands_save_72000_a_full_year_at_the_buyers_forecast(seed_deal: Deal) -> None:
    _, by_year = lever(seed_deal, "final", "usage_rates")
    # Year 1 has usage only from go-live (month 4): 9 months x $6,000.
    assert by_year == (Decimal("54000.00"), Decimal("72000.00"), Decimal("72000.00"))


def test_levers_add_up_to_the_total_saving(seed_deal: Deal) -> None:
    for offer in ("quarter-end", "revised-ask", "final"):
        result = attribute_levers(seed_deal, "original", offer)
        assert sum(lv.term for lv in result.levers) == result.saving
        for year, total in enumerate(result.saving_by_year):
            assert sum(lv.by_year[year] for lv in result.levers) == total


def test_vendor_telephony_estimate_48000_against_buyer_62000(seed_deal: Deal) -> None:
    view = vendor_view(seed_deal, "original")
    assert view is not None
    telephony = [view.by_meter["voice_inbound"], view.by_meter["voice_outbound"]]
    assert sum(v for v, _ in telephony) == Decimal("48000.0000")
    assert sum(b for _, b in telephony) == Decimal("62000.0000")


def test_buyer_range_58000_to_66000_of_telephony(seed_deal: Deal) -> None:
    fc = seed_deal.buyer.forecasts
    card = {m.name: m.rate_card.rate for m in seed_deal.offers["original"].usage}
    assert card["voice_inbound"] is not None and card["voice_outbound"] is not None
    low = (
        fc["voice_inbound_minutes"].low * card["voice_inbound"]
        + fc["voice_outbound_minutes"].low * card["voice_outbound"]
    )  # type: ignore[operator]
    high = (
        fc["voice_inbound_minutes"].high * card["voice_inbound"]
        + fc["voice_outbound_minutes"].high * card["voice_outbound"]
    )  # type: ignore[operator]
    assert (low, high) == (Decimal("58000.0000"), Decimal("66000.0000"))


def test_bot_launch_to_180000_sessions_costs_the_banded_rate(seed_deal: Deal) -> None:
    launch = Scenario(name="launch", events_occur=True)
    month = 10
    bots = [
        ln for ln in schedule(seed_deal, "final", launch).lines if ln.item == "bot_sessions usage" and ln.month == month
    ]
    assert bots[0].quantity == Decimal("180000")
    assert bots[0].amount == Decimal("150000") * Decimal("0.25") + Decimal("30000") * Decimal("0.18")
    plan = [ln for ln in schedule(seed_deal, "final").lines if ln.item == "bot_sessions usage" and ln.month == month]
    assert plan[0].quantity == Decimal("120000")


def test_quarter_end_run_rate_overtakes_the_incumbent_and_switching_never_catches_up(seed_deal: Deal) -> None:
    result = compare(seed_deal)
    assert result.run_rate_above_incumbent["quarter-end"] == 4
    assert result.run_rate_above_incumbent["final"] is None
    # Counting the incumbent's 3 x 162,000 before go-live, switching is above staying from month 1 and stays there.
    against_staying = [(c.month, c.direction) for c in result.crossings["quarter-end"] if c.against == "staying"]
    assert against_staying == [(1, "above")]
