"""Hand models of price steps, free months, signing credits, true-ups, surcharges and taxes.

The small deal: 10 seats at 100 a month (1,000) and 100,000 voice minutes at 0.01 (1,000 a month), 12 months.
"""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from principal.cost import Category, Scenario, schedule, simulate
from principal.model import Deal
from tests.builders import build_deal, offer_data

SEATS = {"name": "agent", "quantity": 10, "unit_price": 100}


def deal_with(changes: dict[str, Any], buyer: dict[str, Any] | None = None) -> Deal:
    return build_deal({"buyer": buyer or {}, "offers": {"only": offer_data(changes)}})


def total(deal: Deal, *categories: Category, scenario: Scenario | None = None) -> Decimal:
    s = schedule(deal, "only") if scenario is None else schedule(deal, "only", scenario)
    return s.category_total(*categories)


def test_price_steps_change_the_unit_price_from_their_month() -> None:
    d = deal_with({"licenses": [{**SEATS, "price_steps": [{"from_month": 7, "unit_price": 120}]}]})
    assert total(d, Category.licenses) == 6 * 10 * Decimal(100) + 6 * 10 * Decimal(120)  # 13,200
    line = next(ln for ln in schedule(d, "only").lines if ln.category is Category.licenses and ln.month == 7)
    assert line.formula == "10 seats x 120"


def test_price_steps_and_uplift_both_apply() -> None:
    lic = {**SEATS, "price_steps": [{"from_month": 13, "unit_price": 90}]}
    d = deal_with({"term_months": 24, "licenses": [lic], "uplift": {"kind": "fixed", "percent": 5, "from_year": 2}})
    assert total(d, Category.licenses) == 12 * Decimal(1000) + 12 * 10 * Decimal(90) * Decimal("1.05")  # 23,340


def test_free_months_are_credited_on_their_own_line() -> None:
    d = deal_with({"licenses": [{**SEATS, "free_months": [1, 2]}]})
    s = schedule(d, "only")
    credits = [(ln.month, ln.amount, ln.billed_with) for ln in s.lines if ln.category is Category.credit]
    assert credits == [(1, Decimal(-1000), Category.licenses), (2, Decimal(-1000), Category.licenses)]
    assert s.total == Decimal(24000) - 2 * Decimal(1000)


def test_signing_credit_reduces_its_months_invoice() -> None:
    d = deal_with({"credits": [{"name": "signing credit", "amount": 5000, "month": 2}]})
    s = schedule(d, "only")
    assert [(ln.month, ln.amount) for ln in s.lines if ln.category is Category.credit] == [(2, Decimal(-5000))]
    assert s.total == Decimal(24000) - Decimal(5000)


def test_quarterly_true_up_at_peak_and_at_average() -> None:
    ramp = [{"from_month": 5, "quantity": 14}]
    peak = deal_with({"licenses": [{**SEATS, "ramp": ramp, "true_up": {"frequency": "quarter", "price": "contract"}}]})
    s = schedule(peak, "only")
    # Monthly lines bill the committed 10 seats; quarter 2 (months 4-6) peaks at 14: 4 x 3 months x 100 = 1,200,
    # quarters 3 and 4 the same.
    assert s.category_total(Category.licenses) == 12 * 10 * Decimal(100)
    assert [(ln.month, ln.amount) for ln in s.lines if ln.category is Category.true_up] == [
        (6, Decimal(1200)),
        (9, Decimal(1200)),
        (12, Decimal(1200)),
    ]
    lic = {**SEATS, "ramp": ramp, "true_up": {"frequency": "quarter", "price": "contract", "basis": "average"}}
    average = deal_with({"licenses": [lic]})
    # Quarter 2 averages (10 + 14 + 14)/3 seats: (38/3 - 10) x 300 = 800.
    q2 = (Decimal(10 + 14 + 14) / 3 - 10) * 3 * 100
    assert total(average, Category.true_up) == q2 + 2 * Decimal(1200)


def test_annual_true_up_at_list_price_and_under_a_seat_scenario() -> None:
    lic = {**SEATS, "list_price": 120, "true_up": {"frequency": "year", "price": "list", "basis": "peak"}}
    d = deal_with({"licenses": [lic]})
    assert total(d, Category.true_up) == 0  # no seats above the commitment at plan
    more = Scenario(name="+20% seats", licence_quantity_from=(4, Decimal("1.2")))
    # 12 seats in use from month 4: 2 x 12 months x 120 (list) = 2,880 at month 12.
    assert total(d, Category.true_up, scenario=more) == 2 * 12 * Decimal(120)


def test_regulatory_recovery_fee_of_12_percent_on_usage() -> None:
    fee = {"name": "regulatory recovery fee", "percent": 12, "applies_to": ["usage"]}
    d = deal_with({"surcharges": [fee]})
    s = schedule(d, "only")
    lines = [ln for ln in s.lines if ln.category is Category.surcharge]
    assert len(lines) == 12 and {ln.amount for ln in lines} == {Decimal(1000) * 12 / 100}
    assert lines[0].formula == "12% of usage charges 1000.00"
    assert lines[0].billed_with is Category.usage
    assert s.total == Decimal(24000) + 12 * Decimal(120)  # 25,440.00


def test_taxes_compound_on_surcharges_only_when_told_to() -> None:
    surcharge = {"name": "telecom fee", "percent": 5, "applies_to": ["licenses"]}
    tax = {"name": "sales tax", "kind": "tax", "percent": 8, "applies_to": ["licenses"]}
    flat = deal_with({"surcharges": [surcharge, tax]})
    assert total(flat, Category.tax) == 12 * Decimal(1000) * 8 / 100  # 960
    compounding = deal_with({"surcharges": [surcharge, {**tax, "on_surcharges": True}]})
    # 8% of (1,000 + 5% of 1,000) = 84 a month.
    assert total(compounding, Category.tax) == 12 * (Decimal(1000) + Decimal(50)) * 8 / 100  # 1,008
    assert total(compounding, Category.surcharge) == 12 * Decimal(50)


def test_per_unit_per_seat_and_monthly_surcharges() -> None:
    charges = [
        {"name": "telecom per minute", "per_unit": {"meter": "voice", "amount": 0.002}},
        {"name": "line fee", "per_unit": {"license": "agent", "amount": 1.5}},
        {"name": "compliance fee", "monthly": 250, "from_month": 3},
    ]
    d = deal_with({"surcharges": charges})
    s = schedule(d, "only")
    per_minute = sum((ln.amount for ln in s.lines if ln.item == "telecom per minute"), Decimal(0))
    per_seat = sum((ln.amount for ln in s.lines if ln.item == "line fee"), Decimal(0))
    monthly = sum((ln.amount for ln in s.lines if ln.item == "compliance fee"), Decimal(0))
    assert per_minute == 12 * Decimal(100000) * Decimal("0.002")  # 2,400
    assert per_seat == 12 * 10 * Decimal("1.5")  # 180
    assert monthly == 10 * Decimal(250)  # months 3-12: 2,500


def test_percent_of_named_meters_only() -> None:
    usage = [
        {"name": "voice", "forecast": "voice", "rate_card": {"kind": "flat", "rate": 0.01}},
        {"name": "sms", "forecast": "voice", "rate_card": {"kind": "flat", "rate": 0.001}},
    ]
    fee = {"name": "carrier fee", "percent": 10, "applies_to": ["usage"], "meters": ["sms"]}
    d = deal_with({"usage": usage, "surcharges": [fee]})
    assert total(d, Category.surcharge) == 12 * Decimal(100000) * Decimal("0.001") / 10  # 120


def test_simulation_adds_surcharges_on_simulated_usage() -> None:
    fee = {"name": "regulatory recovery fee", "percent": 12, "applies_to": ["usage", "licenses"]}
    per_minute = {"name": "per minute", "per_unit": {"meter": "voice", "amount": 0.001}}
    d = deal_with({"surcharges": [fee, per_minute]})
    sim = simulate(d, "only", draws=20, seed=3)  # a fixed forecast: every draw is the plan
    # 24,000 + 12% of 24,000 + 12 x 100,000 x 0.001 = 24,000 + 2,880 + 1,200.
    expected = Decimal(24000) + Decimal(24000) * 12 / 100 + 12 * Decimal(100000) * Decimal("0.001")
    assert schedule(d, "only").total == expected
    assert abs(sim.term.mean - float(expected)) < 1e-6
    ranged_voice = {"unit": "minute", "expected": 100000, "low": 50000, "high": 150000, "distribution": "uniform"}
    busy = build_deal(
        {"buyer": {"forecasts": {"voice": ranged_voice}}, "offers": {"only": offer_data({"surcharges": [fee]})}}
    )
    ranged = simulate(busy, "only", draws=4000, seed=3)
    # 12% on top of every draw's usage and licences: the mean term cost is 1.12 x the mean before it.
    assert abs(ranged.term.mean / float(Decimal("1.12")) - ranged.usage_term.mean - 12000) < 1e-6 * ranged.term.mean
