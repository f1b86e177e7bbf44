"""The fifth fresh set's first-run misses (corpus/review/fresh5), each in other words than the corpus: lira written
"TL", a two-column term table with a reference row, a vendor's own denial of convenience exit, export described as
delivering data in a format, export charged "for a fee", no exit services, seats added at the price list, per
started minute, telephony caps, analytics switched on only on request, "a premium of", AI on "unless ... disable
it", lead-ins that say availability "shall not be reduced by", permitted maintenance, chronic failure over service
periods, range tops, and failures counted "within a rolling period"."""

from __future__ import annotations

from decimal import Decimal

import pytest

from principal.review.extract.numbers import find_money
from principal.review.extract.terms import TermKind
from principal.review.result import ReviewResult
from tests.review.conftest import review_text


def _keys(result: ReviewResult, kind: TermKind) -> list[tuple[object, ...]]:
    return [t.key()[1:5] for t in result.terms if t.kind is kind]


def _rules(result: ReviewResult) -> set[str]:
    return {f.rule for f in result.findings}


def test_lira_written_tl_before_or_after_the_amount() -> None:
    assert [(q.value, q.unit) for q in find_money("TL 3.250,00 and 12,50 TL")] == [
        (Decimal("3250.00"), "TRY"),
        (Decimal("12.50"), "TRY"),
    ]
    assert find_money("TL seats for each team") == []  # "TL" without a figure is no currency


def test_a_term_table_keeps_its_heading_past_a_reference_row() -> None:
    result = review_text(
        "| Item | Agreed term |\n|---|---|\n| Order reference | AB-2027-55 |\n"
        "| Initial Term | thirty-six (36) months from the Start Date |\n"
        "| Payment | within fourteen (14) days of the invoice date |\n",
        "order.md",
    )
    assert _keys(result, TermKind.subscription_term) == [(Decimal(36), "month", None, None)]
    assert _keys(result, TermKind.payment_terms) == [(Decimal(14), "day", None, None)]


def test_the_vendors_own_denial_of_convenience_exit_is_not_the_buyers() -> None:
    vendor = review_text("12.2 The Provider may not end this Agreement for convenience.", "msa.md")
    both = review_text("12.2 Neither party may terminate this Agreement for convenience.", "msa.md")
    assert _keys(vendor, TermKind.termination_right) == []
    assert _keys(both, TermKind.termination_right) == [(None, None, "no_convenience", None)]


def test_export_as_data_delivered_in_a_format_then_charged() -> None:
    result = review_text(
        "On request made within sixty (60) days after expiry, the Vendor shall deliver the Client Data in JSON format. "
        "The Vendor may charge for the export at its rates for professional services.",
        "msa.md",
    )
    assert _keys(result, TermKind.data_export) == [(Decimal(60), "day", "paid", None)]


def test_export_for_a_fee_and_no_exit_services() -> None:
    paid = review_text("The Customer Data remains available for export for ten (10) days, for a fee of EUR 900.")
    none = review_text("The Vendor has no obligation to provide transition, migration or other exit services.")
    assert _keys(paid, TermKind.data_export) == [(Decimal(10), "day", "paid", None)]
    assert _keys(none, TermKind.transition_assistance) == [(None, None, "none", None)]


@pytest.mark.parametrize(
    "text",
    [
        "Additional licences may be ordered at any time; each is charged at the Vendor's price list on the day it "
        "is added.",
        "Seats added during the term are charged at the list price in force when they are added.",
    ],
)
def test_seats_added_at_the_price_list_are_a_true_up_at_list(text: str) -> None:
    result = review_text(text, "order.md")
    assert _keys(result, TermKind.true_up) == [(None, None, "list_price", None)]


def test_per_started_minute_and_a_telephony_cap() -> None:
    started = review_text("Every call is billed per started minute.", "order.md")
    cap = review_text("Telephony charges in a month shall be capped at EUR 4,000.", "order.md")
    assert _keys(started, TermKind.usage_rounding) == [(Decimal(1), "minute", "per_call", None)]
    assert _keys(cap, TermKind.usage_cap) == [(Decimal(4000), "EUR", None, None)]


def test_analytics_the_vendor_may_not_enable_unless_asked_is_opt_in_and_a_bot_on_unless_disabled_is_default_on() -> (
    None
):
    opt_in = review_text("The Vendor shall not enable Conversational Analytics for any seat unless the Client has "
                         "asked for it in writing.", "order.md")  # fmt: skip
    default = review_text("The AI voice bot answers every inbound call from go-live unless the Client asks the "
                          "Vendor to disable it.", "order.md")  # fmt: skip
    assert _keys(opt_in, TermKind.ai_opt_in) == [(None, None, None, None)]
    assert _keys(default, TermKind.ai_default_on) == [(None, None, "default_on", None)]


def test_a_premium_of_a_share_over_the_rates_is_an_overage_rate() -> None:
    result = review_text("Usage above the committed amount is charged at a premium of 30% over the rates in "
                         "section 2.", "order.md")  # fmt: skip
    assert _keys(result, TermKind.overage_rate) == [(Decimal(130), "%", None, None)]


def test_availability_not_reduced_by_permitted_maintenance_and_force_majeure() -> None:
    result = review_text(
        "## 1. Availability\n\n1.4 Availability shall not be reduced by:\n\n"
        "(a) Permitted Maintenance notified to the Buyer at least fifteen (15) Working Days in advance;\n\n"
        "(b) a Force Majeure Event.\n",
        "sla.md",
    )
    assert (None, None, "maintenance", None) in _keys(result, TermKind.carve_out)
    assert (None, None, "force_majeure", None) in _keys(result, TermKind.carve_out)
    assert _keys(result, TermKind.maintenance_notice) == [(Decimal(15), "business_day", None, None)]


def test_chronic_failure_over_service_periods_within_a_rolling_window_renews_nothing() -> None:
    result = review_text("If availability is below 99.0% in any three (3) Service Periods within a rolling period "
                         "of twelve months, the Buyer may terminate with immediate effect.", "sla.md")  # fmt: skip
    assert _keys(result, TermKind.termination_right) == [(None, None, "chronic", None)]
    assert _keys(result, TermKind.renewal_term) == []


def test_range_tops_step_up_unless_round_or_exclusive() -> None:
    result = review_text(
        "| Availability | Credit |\n|---|---|\n| 99.80% - 99.97% | 2% |\n| 99.0% to 99.5% | 6% |\n"
        "| 98.0% up to but not including 98.7% | 12% |\n",
        "sla.md",
    )
    assert _keys(result, TermKind.credit_tier) == [
        (Decimal(2), "%", "below", Decimal("99.98")),
        (Decimal(6), "%", "below", Decimal("99.5")),
        (Decimal(12), "%", "below", Decimal("98.7")),
    ]
