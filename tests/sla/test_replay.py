"""Outage replay of the sample log through the seed's final and original SLAs (figures worked by hand)."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest

from principal.loader.outage_log import OutageLog, load_outage_log
from principal.model import Deal
from principal.sla.fee_base import fee_bases_for_offer
from principal.sla.replay import ReplayResult, replay_outages
from tests.sla.conftest import FIXTURES, ny, outage, usd

D = Decimal
COMPONENTS = ["agent_desktop", "digital_channels", "platform", "voice_routing"]


@pytest.fixture(scope="module")
def sample(seed_deal: Deal) -> OutageLog:
    return load_outage_log(FIXTURES / "sample.csv", components=COMPONENTS, timezone="America/New_York")


@pytest.fixture(scope="module")
def final(seed_deal: Deal, sample: OutageLog) -> ReplayResult:
    return replay_outages(seed_deal, "final", sample.outages, fee_bases_for_offer(seed_deal, "final"))


def judged(result: ReplayResult, window: int, name: str) -> object:
    return next(j for j in result.windows[window - 1].judged if j.name == name)


def test_windows_are_contract_months_from_the_start(final: ReplayResult) -> None:
    assert [(w.first_day, w.last_day, w.calendar_days) for w in final.windows[:2]] == [
        (dt.date(2027, 1, 1), dt.date(2027, 1, 31), 31),
        (dt.date(2027, 2, 1), dt.date(2027, 2, 28), 28),
    ]
    assert len(final.windows) == 6


def test_each_window_and_component(final: ReplayResult) -> None:
    jan = judged(final, 1, "voice_routing")
    assert (jan.counted_minutes, jan.allowed_minutes, jan.missed, jan.credit_percent) == (  # type: ignore[attr-defined]
        D(35),
        D("22.32"),
        True,
        D(5),
    )
    assert final.windows[0].credit_paid == usd("7892.50")  # 5% of 157,850
    # February: the carrier outage is excluded; maintenance on 3 days' notice (7 needed) counts: 150 of 40,320
    feb = final.windows[1]
    assert judged(final, 2, "voice_routing").missed is False  # type: ignore[attr-defined]
    digital = judged(final, 2, "digital_channels")
    assert digital.availability_percent == D("99.627976")  # type: ignore[attr-defined]
    assert feb.credit_paid == usd("7892.50")
    # March: second voice miss within 6 months -> 5 + 5 points
    assert judged(final, 3, "voice_routing").credit_percent == 10  # type: ignore[attr-defined]
    # April: voice 5 + 2 x 5 = 15% and digital 5 + 5 = 10%: 25% of the base, capped at 15%
    april = final.windows[3]
    assert april.credit_before_cap == usd("39462.50")
    assert april.credit_after_cap == april.cap_amount == usd("23677.50")
    assert april.capped
    assert april.claim_deadline == dt.date(2027, 5, 30)


def test_an_outage_across_midnight_is_split_between_months(final: ReplayResult) -> None:
    may = next(c for c in final.windows[4].components if c.component == "agent_desktop")
    june = next(c for c in final.windows[5].components if c.component == "agent_desktop")
    assert (may.counted_minutes, june.counted_minutes) == (D(10), D(20))


def test_excluded_minutes_are_named_by_rule(final: ReplayResult) -> None:
    rows = {o.row: o for o in final.outages}
    assert [(e.rule, e.minutes) for e in rows[4].excluded] == [("planned_maintenance", D(120))]
    assert [(e.rule, e.minutes) for e in rows[5].excluded] == [("carrier", D(40))]
    assert rows[6].excluded == () and "3 days' notice, 7 needed" in rows[6].note
    assert final.windows[1].components[0].excluded_by_rule == {"carrier": D(40)}


def test_chronic_right_date_and_totals(final: ReplayResult) -> None:
    assert final.chronic[0].fires_in_window == 4
    assert final.chronic[0].fires_on == dt.date(2027, 4, 30)
    assert final.misses == 6
    assert final.credits_paid == usd("78925.00")  # 7,892.50 x 2 + 15,785 + 23,677.50 x 2
    assert final.outage_minutes == D(580) and final.counted_minutes == D(420)


def test_impact_counts_minutes_inside_business_hours(final: ReplayResult) -> None:
    rows = {o.row: o for o in final.outages}
    # 35 minutes of voice: (450 x $38 + 1,800 x $75) x 35/60 = 152,100 x 35/60
    assert rows[3].impact.total == usd("88725.00")
    assert rows[4].impact.total == usd(0)  # 23:00-01:00, the operation is closed
    assert rows[6].impact.hours == D(1)  # 21:00-22:00 of 21:00-23:30 is inside hours


def test_the_original_excludes_all_maintenance_and_pools_components(seed_deal: Deal, sample: OutageLog) -> None:
    result = replay_outages(seed_deal, "original", sample.outages, fee_bases_for_offer(seed_deal, "original"))
    platform = [w.judged[0] for w in result.windows]
    assert {j.name for j in platform} == {"platform"}
    # January: 35 minutes of voice, the maintenance is excluded: 35 < 44.64, no miss
    assert [j.missed for j in platform] == [False, False, False, True, False, True]
    # April: 25 + 120 minutes (the degraded chat counts in full) = 145 of 43,200 -> 99.66%: 5% of 169,250;
    # June: 20 minutes of desktop + 30 of voice = 50 > 43.2 -> 99.88%: 5% again, no escalation in the original
    assert result.credits_paid == usd("16925.00")
    assert result.chronic == ()


def test_credit_in_the_last_window_is_forfeited_with_future_invoice_only(seed_deal: Deal) -> None:
    result = replay_outages(
        seed_deal, "final", [outage(ny(2029, 12, 4, 10), 45)], fee_bases_for_offer(seed_deal, "final")
    )
    last = result.windows[-1]
    assert last.index == 36 and last.forfeited
    assert result.credits_forfeited == last.credit_paid == usd("7892.50")


def test_a_log_older_than_the_contract_is_measured_from_its_first_month(seed_deal: Deal) -> None:
    result = replay_outages(
        seed_deal, "final", [outage(ny(2025, 3, 10, 10), 30)], fee_bases_for_offer(seed_deal, "final")
    )
    assert result.windows[0].first_day == dt.date(2025, 3, 1)
    assert len(result.windows) == 1
