"""Hand models of usage minimums (first month, ramps, part years) and commitments (overage, take-or-pay).

The small deal: 10 seats at 100, voice forecast 100,000 minutes a month; here usage is 50,000 or 60,000 minutes at
0.01, so the expected figures are plain arithmetic written below.
"""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from principal.cost import Category, Scenario, schedule
from principal.cost.order_terms import order_terms
from principal.model import Deal
from principal.money import round_money
from tests.builders import build_deal, offer_data


def deal_with(usage: dict[str, Any], *, minutes: int = 50_000, implementation: dict[str, Any] | None = None) -> Deal:
    meter = {"name": "voice", "forecast": "voice", "rate_card": {"kind": "flat", "rate": 0.01}, **usage}
    changes: dict[str, Any] = {"usage": [meter], "licenses": [{"name": "agent", "quantity": 10, "unit_price": 0}]}
    if implementation is not None:
        changes["implementation"] = implementation
    voice = {"unit": "minute", "expected": minutes}
    return build_deal({"buyer": {"forecasts": {"voice": voice}}, "offers": {"only": offer_data(changes)}})


TIED = {"go_live_month": 4, "billing_start_month": 1, "billing_tied_to_go_live": True}


def lines_of(deal: Deal, category: Category, scenario: Scenario | None = None) -> list[tuple[int, Decimal]]:
    s = schedule(deal, "only") if scenario is None else schedule(deal, "only", scenario)
    return [(ln.month, round_money(ln.amount, "USD")) for ln in s.lines if ln.category is category]


def test_monthly_minimum_is_not_billed_before_a_tied_go_live() -> None:
    d = deal_with({"minimum": {"amount": 1000, "period": "month"}}, implementation=TIED)
    shortfalls = lines_of(d, Category.usage_minimum)
    # Usage 50,000 x 0.01 = 500 a month from go-live in month 4; the minimum applies from month 4 too.
    assert shortfalls == [(m, Decimal("500.00")) for m in range(4, 13)]
    assert sum(a for _, a in shortfalls) == 9 * (Decimal(1000) - Decimal(500))  # 4,500.00, not 7,500.00


def test_annual_minimum_is_prorated_for_the_part_year_after_a_tied_go_live() -> None:
    d = deal_with({"minimum": {"amount": 12000, "period": "year"}}, implementation=TIED)
    # Months 4-12 owe 12,000 x 9/12 = 9,000; usage 9 x 500 = 4,500; shortfall 4,500 at the end of the year.
    assert lines_of(d, Category.usage_minimum) == [(12, Decimal(12000) * 9 / 12 - 9 * Decimal(500))]
    full = deal_with({"minimum": {"amount": 12000, "period": "year", "prorate": False}}, implementation=TIED)
    assert lines_of(full, Category.usage_minimum) == [(12, Decimal("7500.00"))]  # 12,000 - 4,500


def test_ramped_minimum_owes_a_twelfth_of_each_months_amount() -> None:
    d = deal_with({"minimum": {"amount": 6000, "period": "year", "ramp": [{"from_month": 7, "amount": 12000}]}})
    # 6,000 x 6/12 + 12,000 x 6/12 = 9,000 owed; 12 x 500 = 6,000 used; shortfall 3,000.
    expected = Decimal(6000) * 6 / 12 + Decimal(12000) * 6 / 12 - 12 * Decimal(500)
    assert lines_of(d, Category.usage_minimum) == [(12, expected)]
    line = next(ln for ln in schedule(d, "only").lines if ln.category is Category.usage_minimum)
    assert line.formula == "minimum per year 6000.00 x 6/12 + 12000.00 x 6/12 = 9000.00 less usage 6000.00"


def test_minimum_from_month_and_the_go_live_delay_it_follows() -> None:
    d = deal_with({"minimum": {"amount": 700, "from_month": 3}})
    assert [m for m, _ in lines_of(d, Category.usage_minimum)] == list(range(3, 13))
    tied = deal_with({"minimum": {"amount": 1000}}, implementation=TIED)
    late = lines_of(tied, Category.usage_minimum, Scenario(name="late", go_live_delay_months=2))
    assert [m for m, _ in late] == list(range(6, 13))  # go-live month 6: the tied minimum moves with it


def test_minimum_defaults_are_labelled() -> None:
    d = deal_with({"minimum": {"amount": 12000, "period": "year"}}, implementation=TIED)
    used = {x.path: x.assumed for x in order_terms(d, schedule(d, "only")).defaults_used}
    assert used["offers.only.usage[0].minimum.from_month"] == "from the billing start, month 4"
    assert used["offers.only.usage[0].minimum.prorate"] == "pro-rated in part years"


def test_overage_above_a_monthly_commitment_costs_150_percent_of_the_rate() -> None:
    d = deal_with({"commitment": {"quantity": 40000, "overage_percent": 150, "take_or_pay": True}})
    s = schedule(d, "only")
    # 50,000 minutes: 40,000 at 0.01 and 10,000 at 0.015 = 400 + 150 = 550 a month.
    assert s.usage_total == 12 * (Decimal(40000) * Decimal("0.01") + Decimal(10000) * Decimal("0.015"))
    premium = [ln for ln in s.lines if ln.category is Category.commitment]
    assert {ln.amount for ln in premium} == {Decimal(10000) * Decimal("0.01") * Decimal("0.5")}
    assert premium[0].formula.startswith("10,000.00 units over 40,000 committed per month")


def test_take_or_pay_bills_the_unused_committed_quantity() -> None:
    d = deal_with({"commitment": {"quantity": 80000, "take_or_pay": True, "overage_percent": 150}})
    s = schedule(d, "only")
    short = [(ln.month, ln.amount) for ln in s.lines if ln.category is Category.commitment]
    assert short == [(m, (Decimal(80000) - Decimal(50000)) * Decimal("0.01")) for m in range(1, 13)]
    assert s.usage_total == 12 * Decimal(80000) * Decimal("0.01")  # 9,600.00
    no_pay = deal_with({"commitment": {"quantity": 80000, "take_or_pay": False, "overage_percent": 150}})
    assert schedule(no_pay, "only").usage_total == 12 * Decimal(500)


def test_annual_commitment_is_prorated_and_overage_starts_when_it_is_used_up() -> None:
    d = deal_with(
        {"commitment": {"quantity": 600000, "period": "year", "overage_percent": 150, "take_or_pay": True}},
        minutes=60_000,
        implementation=TIED,
    )
    # Months 4-12 commit 600,000 x 9/12 = 450,000; 60,000 a month reaches 420,000 by month 10, so month 11 has
    # 30,000 over and month 12 all 60,000: premiums 30,000 x 0.01 x 0.5 = 150 and 60,000 x 0.01 x 0.5 = 300.
    assert lines_of(d, Category.commitment) == [(11, Decimal("150.00")), (12, Decimal("300.00"))]


def test_commitment_defaults_are_the_dearer_readings_and_labelled() -> None:
    d = deal_with({"commitment": {"quantity": 80000}})
    s = schedule(d, "only")
    assert s.category_total(Category.commitment) == 12 * Decimal(300)  # take-or-pay assumed
    used = {x.path for x in order_terms(d, s).defaults_used}
    assert {
        "offers.only.usage[0].commitment.overage_percent",
        "offers.only.usage[0].commitment.take_or_pay",
        "offers.only.usage[0].commitment.from_month",
    } <= used


def test_simulation_prices_commitments_and_minimums_like_the_schedule() -> None:
    from principal.cost import simulate

    d = deal_with(
        {
            "commitment": {"quantity": 55000, "overage_percent": 120, "take_or_pay": True},
            "minimum": {"amount": 6000, "period": "year", "ramp": [{"from_month": 7, "amount": 8000}]},
        },
        implementation=TIED,
    )
    sim = simulate(d, "only", draws=50, seed=1)  # a fixed forecast: every draw is the plan
    s = schedule(d, "only")
    # Months 4-12: 55,000 committed, 50,000 used: take-or-pay 50 a month; usage and take-or-pay 550 a month =
    # 4,950; the minimum owes 6,000 x 3/12 + 8,000 x 6/12 = 5,500, shortfall 550.
    assert round_money(s.usage_total, "USD") == 9 * Decimal(550) + Decimal(550)
    assert abs(sim.term.mean - float(s.total)) < 1e-6
