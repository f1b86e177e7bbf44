"""Hand models of the cash view and NPV, renewal exposure, the cost of leaving early and the liability cap.

The small deal: 10 seats at 100 a month (1,000) and 100,000 voice minutes at 0.01 (1,000 a month), 12 months.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

from principal.cost import schedule
from principal.cost.order_terms import OrderTerms, order_terms
from principal.model import Deal
from principal.money import round_money
from tests.builders import build_deal, offer_data


def terms_of(
    changes: dict[str, Any], deal: dict[str, Any] | None = None, *, remove: tuple[str, ...] = ()
) -> OrderTerms:
    d: Deal = build_deal({**(deal or {}), "offers": {"only": offer_data(changes)}}, remove=remove)
    return order_terms(d, schedule(d, "only"))


def cents(value: Decimal | None) -> Decimal:
    assert value is not None
    return round_money(value, "USD")


def test_annual_in_advance_is_paid_at_signature_and_its_npv_is_the_total() -> None:
    t = terms_of(
        {"billing": {"frequency": "annual", "timing": "advance", "payment_days": 0}},
        {"buyer": {"discount_rate_percent": 10}},
        remove=("offers.only.usage",),
    )
    assert t.cash.months[0] == 12 * Decimal(1000)
    assert t.cash.npv == Decimal(12000)  # paid at t = 0: not discounted
    assert t.defaults_used == ()


def test_monthly_in_arrears_net_30_discounted_at_10_percent() -> None:
    t = terms_of(
        {"billing": {"frequency": "monthly", "timing": "arrears", "payment_days": 30}},
        {"buyer": {"discount_rate_percent": 10}},
        remove=("offers.only.usage",),
    )
    # Month m invoiced at its end (t = m), paid 30 days later (t = m + 1), so in contract month m + 2.
    assert t.cash.months == (Decimal(0),) * 2 + (Decimal(1000),) * 12
    npv = sum((Decimal(1000) * Decimal("1.1") ** (-Decimal(m + 1) / 12) for m in range(1, 13)), Decimal(0))
    assert cents(t.cash.npv) == cents(npv) == Decimal("11310.30")
    assert t.cash.monthly_rate == Decimal("1.1") ** (Decimal(1) / 12) - 1


def test_quarterly_in_advance_net_45_and_usage_always_in_arrears() -> None:
    t = terms_of({"billing": {"frequency": "quarterly", "timing": "advance", "payment_days": 45}})
    # Licences: invoiced at t = 0, 3, 6, 9 and paid 1.5 months later, in months 2, 5, 8, 11 (3,000 each).
    # Usage: month m invoiced at t = m, paid at m + 1.5, in month m + 2 (months 3-14, 1,000 each).
    expected = [Decimal(0)] * 14
    for month in (2, 5, 8, 11):
        expected[month - 1] += 3000
    for month in range(3, 15):
        expected[month - 1] += 1000
    assert list(t.cash.months) == expected
    assert t.cash.total == Decimal(24000)
    assert t.cash.after_term == Decimal(2000)


def test_no_discount_rate_no_npv_and_billing_defaults_labelled() -> None:
    t = terms_of({})
    assert t.cash.npv is None
    assert "buyer.discount_rate_percent" in {u.path for u in t.unknowns}
    assert {d.path for d in t.defaults_used} == {
        "offers.only.billing.frequency",
        "offers.only.billing.timing",
        "offers.only.billing.payment_days",
    }


def test_renewal_exposure_capped_list_and_contract() -> None:
    base = {"licenses": [{"name": "agent", "quantity": 10, "unit_price": 100, "list_price": 120}]}
    renewal = {"auto_renews": True, "notice_days": 60, "uplift_cap_percent": 5}
    capped = terms_of({**base, "exit": {"renewal": {**renewal, "price": "capped"}}}, {"start": "2027-01-01"})
    # Run rate 12 x (1,000 + 1,000) = 24,000; capped at +5%: 25,200.
    assert capped.renewal.run_rate == Decimal(24000)
    assert capped.renewal.exposure == Decimal(24000) * Decimal("1.05")
    assert capped.renewal.term_end == dt.date(2028, 1, 1)
    assert capped.renewal.notice_by == dt.date(2028, 1, 1) - dt.timedelta(days=60)  # 2027-11-02
    at_list = terms_of({**base, "exit": {"renewal": {**renewal, "price": "list"}}})
    assert at_list.renewal.exposure == 12 * 10 * Decimal(120) + 12 * Decimal(1000)  # 26,400
    contract = terms_of({**base, "exit": {"renewal": {**renewal, "price": "contract"}}})
    assert contract.renewal.exposure == Decimal(24000)


def test_renewal_without_a_price_is_unknown_not_zero() -> None:
    t = terms_of({"exit": {"renewal": {"auto_renews": True}}})
    assert t.renewal.exposure is None
    assert "offers.only.exit.renewal.price" in {u.path for u in t.unknowns}
    assert "offers.only.exit.renewal.notice_days" in {u.path for u in t.unknowns}
    short = terms_of({"term_months": 24, "exit": {"renewal": {"uplift_cap_percent": 3, "renewal_term_months": 6}}})
    # The price is taken as capped (a labelled default); 6 renewal months of the last year's 24,000 x 1.03.
    assert short.renewal.exposure == Decimal(24000) * Decimal("1.03") * 6 / 12
    assert "offers.only.exit.renewal.price" in {d.path for d in short.defaults_used}


def test_cost_to_leave_at_each_contract_year_end() -> None:
    changes = {
        "term_months": 36,
        "recurring_fees": [{"name": "platform", "monthly": 200}],
        "exit": {
            "termination_for_convenience": True,
            "termination_fee_percent_of_remaining": 50,
            "termination_fee": 1000,
        },
    }
    t = terms_of(changes)
    year1, year2 = t.termination.exits
    # Paid by month 12: 12 x (1,000 + 200 + 1,000) = 26,400; committed fees left: 24 x 1,200 = 28,800;
    # fee 50% x 28,800 + 1,000 = 15,400; leaving costs 41,800.
    assert (year1.paid_to_date, year1.remaining_committed, year1.fee) == (
        Decimal(26400),
        Decimal(28800),
        Decimal(28800) / 2 + 1000,
    )
    assert year1.cost_to_leave == Decimal(41800)
    assert year2.cost_to_leave == 24 * Decimal(2200) + Decimal(14400) / 2 + 1000  # 61,000
    no_right = terms_of({**changes, "exit": {"termination_for_convenience": False}})
    assert no_right.termination.exits[0].fee == Decimal(28800)
    unknown = terms_of({"term_months": 36})
    assert unknown.termination.exits[0].fee is None
    assert "offers.only.exit.termination_for_convenience" in {u.path for u in unknown.unknowns}


def test_liability_cap_in_money_against_an_hour_of_outage() -> None:
    downtime = {"loaded_cost_per_agent_hour": 40, "contacts_per_hour": 100, "value_per_lost_contact": 5}
    t = terms_of(
        {"term_months": 24, "exit": {"liability_cap_months_of_fees": 12}},
        {"buyer": {"downtime": downtime}},
    )
    # Each year's trailing 12 months: 24,000 / 12 = 2,000 a month; 12 months of fees = 24,000.
    assert [c.cap for c in t.liability.by_year] == [Decimal(24000), Decimal(24000)]
    assert t.liability.lowest == Decimal(24000)
    # A full outage hour: 10 agents x 40 + 100 contacts x 100% x 5 = 900; the cap covers 24,000 / 900 hours.
    assert t.liability.outage_hour_cost == 10 * Decimal(40) + 100 * Decimal(5)
    assert t.liability.outage_hours_covered == Decimal(24000) / 900
    both = terms_of(
        {
            "exit": {
                "liability_cap_months_of_fees": 6,
                "liability_cap_amount": 20000,
                "liability_cap_combination": "greater",
            }
        }
    )
    assert both.liability.lowest == Decimal(20000)  # the greater of 6 x 2,000 and 20,000
    undecided = terms_of({"exit": {"liability_cap_months_of_fees": 6, "liability_cap_amount": 20000}})
    assert undecided.liability.lowest is None
    assert "offers.only.exit.liability_cap_combination" in {u.path for u in undecided.unknowns}
