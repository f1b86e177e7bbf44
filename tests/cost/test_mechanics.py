"""Schedule mechanics on small hand-made deals: uplifts, hourly rounding, increments, allowances, minimums, caps."""

from __future__ import annotations

from decimal import Decimal

from principal.cost import Category, Scenario, schedule
from principal.cost.timeline import uplift_factor
from principal.cost.volumes import rounding_factor
from principal.loader import parse_deal
from principal.model import Deal
from principal.model.pricing import Rounding, Uplift, UpliftKind, UpliftTarget
from principal.money import round_money


def deal(offer_yaml: str, forecast: str = "{unit: minute, expected: 100000}") -> Deal:
    return parse_deal(
        f"""
name: mechanics
buyer:
  agents: 10
  forecasts:
    voice: {forecast}
offers:
  a:
{offer_yaml}
"""
    )


def test_cpi_uplift_respects_floor_and_cap() -> None:
    up = Uplift(kind=UpliftKind.cpi, cpi_assumed=(Decimal(1), Decimal(4), Decimal(9)), floor=Decimal(2), cap=Decimal(5))
    assert uplift_factor(up, 1, UpliftTarget.licenses) == 1
    assert uplift_factor(up, 2, UpliftTarget.licenses) == Decimal("1.02")  # CPI 1% lifted to the 2% floor
    assert uplift_factor(up, 3, UpliftTarget.licenses) == Decimal("1.02") * Decimal("1.04")
    assert uplift_factor(up, 4, UpliftTarget.licenses) == Decimal("1.02") * Decimal("1.04") * Decimal("1.05")
    assert uplift_factor(up, 3, UpliftTarget.usage) == 1  # applies to licences only by default


def test_hourly_licences_round_logged_in_hours_up() -> None:
    d = deal("    term_months: 1\n    licenses: [{name: agent, kind: hourly, quantity: 222.34, unit_price: 2}]")
    line = schedule(d, "a").lines[0]
    assert line.quantity == Decimal(223)
    assert line.amount == Decimal(446)


def test_per_minute_rounding_of_exponential_calls() -> None:
    # Calls averaging 180 s billed per whole minute: E[billed] = 60 / (1 - exp(-1/3)) = 211.66 s (mean + 31.66 s).
    factor = rounding_factor(Rounding(increment_seconds=60, mean_event_seconds=Decimal(180)))
    assert round(factor * 180, 2) == Decimal("211.66")
    # Per-second billing with a 10 s minimum: E[billed] = 10 + 180 exp(-10/180) = 180.27 s.
    small = rounding_factor(Rounding(minimum_seconds=10, mean_event_seconds=Decimal(180)))
    assert round(small * 180, 2) == Decimal("180.27")


def test_allowance_then_minimum_commitment() -> None:
    d = deal(
        """    term_months: 2
    licenses: [{name: agent, quantity: 10, unit_price: 0}]
    usage:
      - name: voice
        forecast: voice
        rate_card: {kind: flat, rate: 0.01}
        included: {per_seat: 1000, fixed: 4000}
        minimum: {amount: 1000, period: month}"""
    )
    s = schedule(d, "a")
    usage = [ln for ln in s.lines if ln.category is Category.usage]
    assert usage[0].quantity == Decimal(86000)  # 100,000 - (10 x 1,000 + 4,000)
    assert usage[0].amount == Decimal("860.00")
    shortfall = [ln for ln in s.lines if ln.category is Category.usage_minimum]
    assert [round_money(ln.amount, "USD") for ln in shortfall] == [Decimal("140.00"), Decimal("140.00")]


def test_annual_cap_refuses_the_excess_as_its_own_line() -> None:
    d = deal(
        """    term_months: 12
    usage:
      - {name: voice, forecast: voice, rate_card: {kind: flat, rate: 0.01}}
    usage_cap: {period: year, percent_of_forecast: 110}"""
    )
    plan = schedule(d, "a")
    assert plan.category_total(Category.usage_cap) == 0
    surge = schedule(d, "a", Scenario(name="+50%", volume_factor=Decimal("1.5")))
    # Forecast charge 12 x $1,000 = $12,000; the cap holds usage to $13,200; 1.5x would be $18,000.
    assert surge.category_total(Category.usage) == Decimal("18000.00")
    assert surge.category_total(Category.usage_cap) == Decimal("-4800.00")
    assert surge.usage_total == Decimal("13200.00")
    first_refusal = next(ln for ln in surge.lines if ln.category is Category.usage_cap)
    assert first_refusal.month == 9  # 8 x $1,500 = $12,000; month 9 reaches $13,500 > $13,200


def test_collar_bills_the_shortfall_below_its_floor() -> None:
    d = deal(
        """    term_months: 12
    usage:
      - {name: voice, forecast: voice, rate_card: {kind: flat, rate: 0.01}}
    usage_cap: {period: year, percent_of_forecast: 120, collar_percent_of_forecast: 80}"""
    )
    low = schedule(d, "a", Scenario(name="-50%", volume_factor=Decimal("0.5")))
    collar = [ln for ln in low.lines if ln.category is Category.usage_collar]
    assert [(ln.month, ln.amount) for ln in collar] == [(12, Decimal("3600.00"))]  # 9,600 floor - 6,000 used


def test_annual_bands_count_the_contract_years_running_volume() -> None:
    d = deal(
        """    term_months: 24
    usage:
      - name: voice
        forecast: voice
        rate_card:
          kind: graduated
          period: year
          bands: [{up_to: 600000, rate: 0.02}, {rate: 0.01}]"""
    )
    s = schedule(d, "a")
    usage = [ln.amount for ln in s.lines if ln.category is Category.usage]
    assert usage[:7] == [Decimal("2000.00")] * 6 + [Decimal("1000.00")]
    assert s.years[0].total == Decimal("600000") * Decimal("0.02") + Decimal("600000") * Decimal("0.01")
    assert usage[12] == Decimal("2000.00")  # the bands start again in year 2


def test_go_live_delay_moves_usage_and_gated_milestones_not_billing() -> None:
    d = deal(
        """    term_months: 12
    licenses: [{name: agent, quantity: 10, unit_price: 100}]
    usage: [{name: voice, forecast: voice, rate_card: {kind: flat, rate: 0.01}}]
    implementation: {go_live_month: 3, billing_start_month: 1}
    one_time_fees:
      - name: services
        amount: 1000
        milestones:
          - {name: design, gate: design, percent: 50, month: 2}
          - {name: live, gate: go_live, percent: 50, month: 3}"""
    )
    late = schedule(d, "a", Scenario(name="slip", go_live_delay_months=2))
    assert late.go_live_month == 5
    assert min(ln.month for ln in late.lines if ln.category is Category.usage) == 5
    assert [(ln.month, ln.amount) for ln in late.lines if ln.category is Category.one_time] == [
        (2, Decimal(500)),
        (5, Decimal(500)),
    ]
    assert min(ln.month for ln in late.lines if ln.category is Category.licenses) == 1


def test_every_line_explains_itself(seed_deal: Deal) -> None:
    s = schedule(seed_deal, "final")
    licence = next(ln for ln in s.lines if ln.category is Category.licenses and ln.month == 13)
    assert licence.formula == "450 seats x 143 x uplift 1.03 (year 2)"
    assert licence.amount == Decimal(450) * Decimal(143) * Decimal("1.03")
    usage = next(ln for ln in s.lines if ln.item == "voice_inbound usage")
    assert "graduated per month: 0-2,000,000 at 0.012; over 2,000,000 at 0.0099" in usage.formula


def test_cap_applies_after_the_minimum_so_more_usage_never_costs_less() -> None:
    # Found by the monotonicity property: a cap that ignored the minimum refused money the buyer owed anyway.
    d = deal(
        """    term_months: 12
    usage:
      - name: voice
        forecast: voice
        rate_card: {kind: flat, rate: 0.001}
        minimum: {amount: 51, period: month}
    usage_cap: {period: year, percent_of_forecast: 100}""",
        forecast="{unit: minute, expected: 50500}",
    )
    idle = schedule(d, "a", Scenario(volume_factor=Decimal(0)))
    busy = schedule(d, "a", Scenario(volume_factor=Decimal(1)))
    assert idle.total == busy.total == Decimal(612)
    assert busy.category_total(Category.usage_cap) == 0
