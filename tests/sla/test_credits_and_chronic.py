"""Credit tiers, escalation, caps, minimum credit, and rolling-window chronic rules."""

from __future__ import annotations

from decimal import Decimal

from hypothesis import given, settings
from hypothesis import strategies as st

from principal.model import Deal
from principal.model.sla import ChronicRule, Credits, CreditTier, Escalation
from principal.sla.chronic import first_trigger
from principal.sla.credits import duration_tier_percent, escalated_percent, repeats_before, uptime_tier_percent
from principal.sla.fee_base import fee_bases_for_offer
from principal.sla.replay import replay_outages
from tests.sla.conftest import ny, outage, usd, with_sla

D = Decimal
LADDER = Credits(
    tiers=(
        CreditTier(below=D("99.95"), percent=D(5)),
        CreditTier(below=D("99.5"), percent=D(10)),
        CreditTier(below=D("99.0"), percent=D(15)),
    )
)


def test_lowest_matching_rung_sets_the_percent() -> None:
    assert uptime_tier_percent(LADDER, D("99.96")) == 0
    assert uptime_tier_percent(LADDER, D("99.9")) == 5
    assert uptime_tier_percent(LADDER, D("99.5")) == 5  # not below 99.5
    assert uptime_tier_percent(LADDER, D("99.2")) == 10
    assert uptime_tier_percent(LADDER, D("98")) == 15


def test_duration_tiers_pick_the_longest_rung_reached() -> None:
    five9 = Credits(
        basis="duration",  # type: ignore[arg-type]
        tiers=(CreditTier(min_minutes=D(0), percent=D(5)), CreditTier(min_minutes=D(120), percent=D(10))),
    )
    assert duration_tier_percent(five9, D(119)) == 5
    assert duration_tier_percent(five9, D(120)) == 10


def test_escalation_counts_misses_in_the_rolling_run_before() -> None:
    esc = Escalation(repeat_within=6, add_percent=D(5))
    misses = [True, False, True, False, True, False, False, True]
    assert [repeats_before(misses, i, esc) for i in (0, 2, 4, 7)] == [0, 1, 2, 2]  # window 8 sees 3 and 5
    assert escalated_percent(D(5), 2, esc) == 15
    assert escalated_percent(D(5), 2, Escalation(repeat_within=3, multiplier=D(2))) == 20
    assert escalated_percent(D(0), 2, esc) == 0


def test_chronic_misses_in_months_1_4_6_trigger_at_month_6() -> None:
    rule = ChronicRule(count=3, within=6)
    months = [m in (1, 4, 6) for m in range(1, 13)]
    assert first_trigger(months, rule) == 5  # 0-based: month 6


def test_chronic_misses_in_months_1_4_8_never_trigger() -> None:
    rule = ChronicRule(count=3, within=6)
    assert first_trigger([m in (1, 4, 8) for m in range(1, 13)], rule) is None


def test_chronic_rule_through_replay_names_the_date(seed_deal: Deal) -> None:
    fees = fee_bases_for_offer(seed_deal, "final")
    fired = replay_outages(seed_deal, "final", [outage(ny(2027, m, 5, 10), 45) for m in (1, 4, 6)], fees)
    assert fired.chronic[0].fires_in_window == 6
    assert str(fired.chronic[0].fires_on) == "2027-06-30"
    assert fired.chronic[0].qualifying_windows == (1, 4, 6)
    never = replay_outages(seed_deal, "final", [outage(ny(2027, m, 5, 10), 45) for m in (1, 4, 8)], fees)
    assert never.chronic[0].fires_in_window is None


def test_chronic_rule_watches_only_its_components(seed_deal: Deal) -> None:
    fees = fee_bases_for_offer(seed_deal, "final")
    digital = [outage(ny(2027, m, 5, 10), 90, "digital_channels") for m in (1, 2, 3)]
    result = replay_outages(seed_deal, "final", digital, fees)
    assert result.misses == 3
    assert result.chronic[0].fires_in_window is None


def test_max_credits_rule_counts_windows_at_the_cap(seed_deal: Deal) -> None:
    deal = with_sla(seed_deal, "final", chronic=[{"kind": "max_credits", "count": 2, "within": 3}])
    fees = fee_bases_for_offer(deal, "final")
    # 300 minutes of voice in a 31-day month: 99.33% -> 10%; not at the 15% cap. 500 minutes: 98.88% -> 15%.
    result = replay_outages(deal, "final", [outage(ny(2027, 1, 5, 10), 300), outage(ny(2027, 3, 5, 10), 500)], fees)
    assert result.chronic[0].qualifying_windows == (3,)
    result = replay_outages(deal, "final", [outage(ny(2027, 1, 5, 10), 500), outage(ny(2027, 3, 5, 10), 500)], fees)
    assert result.chronic[0].fires_in_window == 3


def test_minimum_credit_is_not_paid(seed_deal: Deal) -> None:
    deal = with_sla(seed_deal, "final", credits={"minimum_credit": D(10000)})
    fees = fee_bases_for_offer(deal, "final")
    result = replay_outages(deal, "final", [outage(ny(2027, 1, 5, 10), 45)], fees)
    window = result.windows[0]
    assert window.credit_after_cap == usd("7892.50")
    assert window.below_minimum and window.credit_paid == usd(0)


def test_component_fee_base_caps_each_component(seed_deal: Deal) -> None:
    sla = seed_deal.offers["final"].sla
    assert sla is not None
    comps = [
        {**c.model_dump(), "monthly_fee": D(fee)} for c, fee in zip(sla.components, (40000, 20000, 10000), strict=True)
    ]
    deal = with_sla(seed_deal, "final", components=comps, credits={"fee_base": "component"})
    fees = fee_bases_for_offer(deal, "final")
    result = replay_outages(
        deal,
        "final",
        [outage(ny(2027, 1, 5, 10), 500), outage(ny(2027, 1, 5, 10), 500, "agent_desktop")],
        fees,
    )
    window = result.windows[0]
    # both at 15% (below 99.0): 15% of 40,000 + 15% of 20,000
    assert window.credit_paid == usd("9000.00")
    assert window.cap_amount == usd("10500.00")  # 15% of 70,000


@settings(max_examples=40, deadline=None)
@given(
    minutes=st.lists(st.integers(min_value=1, max_value=3000), min_size=1, max_size=8),
    months=st.lists(st.integers(min_value=1, max_value=8), min_size=8, max_size=8),
    components=st.lists(
        st.sampled_from(["voice_routing", "agent_desktop", "digital_channels"]), min_size=8, max_size=8
    ),
)
def test_credits_never_exceed_the_cap(
    seed_deal: Deal, minutes: list[int], months: list[int], components: list[str]
) -> None:
    outs = [outage(ny(2027, months[i], 3 + 3 * i, 1), minutes[i], components[i]) for i in range(len(minutes))]
    for offer in ("final", "original"):
        result = replay_outages(seed_deal, offer, outs, fee_bases_for_offer(seed_deal, offer))
        for window in result.windows:
            assert window.credit_paid <= window.cap_amount
            assert window.credit_after_cap <= window.credit_before_cap
