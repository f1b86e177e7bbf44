"""Paraphrases of common terms, written to probe the extractors with wording no corpus document uses: billing that
"begins" or whose charges "start to accrue"; a buyer denied the export itself; prices "firm" or with "no price
increase"; "nothing ... limits" the right to damages."""

from __future__ import annotations

import pytest

from principal.review.extract.terms import TermKind
from tests.review.conftest import review_text


def _keys(text: str, kind: TermKind) -> list[tuple[object, ...]]:
    return [t.key()[1:5] for t in review_text(text, "order.md").terms if t.kind is kind]


@pytest.mark.parametrize(
    "sentence",
    [
        "Billing begins on the Effective Date regardless of whether the Services have been deployed.",
        "Charges for the Subscription start to accrue on the date the tenant is provisioned.",
    ],
)
def test_billing_that_begins_before_anything_is_live(sentence: str) -> None:
    assert _keys("3.1 " + sentence + "\n", TermKind.billing_start) == [(None, None, "before_go_live", None)]


def test_a_buyer_denied_the_export_itself_has_no_export_right() -> None:
    keys = _keys("9.4 The Client cannot download its data once the Agreement has terminated.\n", TermKind.data_export)
    assert keys == [(None, None, "none", None)]


@pytest.mark.parametrize(
    "sentence", ["Prices are firm for the Term.", "No price increase shall apply during the Subscription Term."]
)
def test_prices_held_for_the_term(sentence: str) -> None:
    assert _keys("4.2 " + sentence + "\n", TermKind.price_increase) == [(0, "%", "fixed", None)]


def test_nothing_limiting_the_right_to_damages_means_credits_are_not_the_sole_remedy() -> None:
    keys = _keys(
        "## Service credits\n\n5.6 Nothing in this Schedule restricts the Client's right to recover damages in "
        "addition to service credits.\n",
        TermKind.sole_remedy,
    )
    assert keys == [(None, None, "not_sole", None)]


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        ("The Customer may end the Order, wholly or partly, at any time on thirty (30) days' written notice.",
         [(30, "day", "convenience", None)]),
        ("The Customer may terminate the Order at any time on notice if the Supplier becomes insolvent.", []),
    ],
)  # fmt: skip
def test_ending_at_any_time_on_notice_is_termination_for_convenience(
    sentence: str, expected: list[tuple[object, ...]]
) -> None:
    keys = _keys("12.1 " + sentence + "\n", TermKind.termination_right)
    assert [k for k in keys if k[2] == "convenience"] == expected


def test_electing_not_to_renew_on_notice_implies_a_renewal_to_stop() -> None:
    keys = _keys(
        "8.3 Either party may choose not to renew by giving the other written notice at least forty-five (45) days "
        "before the renewal date.\n",
        TermKind.renewal_notice,
    )
    assert keys == [(45, "day", "auto", None)]


def test_a_deadline_for_sla_claims_is_a_credit_claim_deadline() -> None:
    keys = _keys(
        "6.2 The Client must raise any SLA claim within ten (10) business days after the end of the month.\n",
        TermKind.credit_claim_deadline,
    )
    assert keys == [(10, "business_day", None, None)]


def test_outages_shorter_than_a_floor_are_not_counted() -> None:
    keys = _keys("4.5 Outages of less than four (4) minutes are disregarded.\n", TermKind.minimum_outage)
    assert keys == [(4, "minute", None, None)]


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        ("The Buyer may terminate this Contract on giving not less than sixty (60) days' written notice.",
         [(60, "day", "convenience", None)]),
        ("The Buyer may terminate this Contract on 30 days' notice if the Supplier fails to remedy a breach.", []),
    ],
)  # fmt: skip
def test_ending_on_notice_alone_is_termination_for_convenience(
    sentence: str, expected: list[tuple[object, ...]]
) -> None:
    keys = _keys("9.1 " + sentence + "\n", TermKind.termination_right)
    assert [k for k in keys if k[2] == "convenience"] == expected


def test_an_export_on_a_request_received_within_a_period_after_expiry() -> None:
    keys = _keys(
        "10.3 The Supplier shall deliver a copy of the Customer Data free of charge within 5 Working Days of a "
        "request received within sixty (60) days after expiry.\n",
        TermKind.data_export,
    )
    assert keys == [(60, "day", "free", None)]


def test_a_seat_price_labelled_per_agent_per_month() -> None:
    keys = _keys("3.1 Fee per named agent per month: GBP 64.00.\n", TermKind.seat_price)
    assert keys == [(64, "GBP/user/month", None, None)]


def test_the_notice_for_maintenance_not_its_monthly_limit() -> None:
    keys = _keys(
        "5.2 Scheduled maintenance may not exceed six (6) hours a month and is announced at least ten (10) days in "
        "advance; it does not count as Downtime.\n",
        TermKind.maintenance_notice,
    )
    assert keys == [(10, "day", None, None)]


def test_a_reduction_down_to_a_floor_is_the_share_above_it() -> None:
    keys = _keys(
        "2.6 The Client may reduce its Users at each anniversary, provided the number of Users does not fall below "
        "seventy-five percent (75%) of the initial quantity.\n",
        TermKind.seat_reduction,
    )
    assert keys == [(25, "%", "allowed", None)]
