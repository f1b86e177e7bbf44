"""More misses of the second fresh set's first run and the held-out misses left open before it, in other words
than the corpus: terms and exit, billing start tied to a defined date, SLA wording, references, amendments that
prevail over what they change, and a running header across a two-column PDF page."""

from __future__ import annotations

from decimal import Decimal

import pytest

from principal.review.extract.terms import TermKind
from principal.review.ingest import read_document
from principal.review.result import ReviewResult
from principal.review.review import review_documents
from tests.review.conftest import review_text


def _keys(result: ReviewResult, kind: TermKind) -> list[tuple[object, ...]]:
    return [t.key()[1:5] for t in result.terms if t.kind is kind]


def _package(*documents: tuple[str, str]) -> ReviewResult:
    return review_documents(
        [read_document(text.encode("utf-8"), name) for name, text in documents], check_contract=False, clauses=False
    )


# Term, renewal, termination, liability


def test_notice_to_stop_renewal_given_in_writing_without_the_word_notice() -> None:
    result = review_text(
        "The order then renews for successive one-year periods unless the Buyer informs the Vendor in writing no "
        "later than ninety (90) days before the anniversary that it will not continue.\n"
    )
    assert _keys(result, TermKind.renewal_term) == [(Decimal(12), "month", "auto", None)]
    assert _keys(result, TermKind.renewal_notice) == [(Decimal(90), "day", "auto", None)]


def test_a_rolling_continuation_after_a_minimum_term_is_an_automatic_renewal() -> None:
    result = review_text(
        "Minimum Period: 24 months.\n\nAfterwards the contract continues on a rolling basis for periods of twelve "
        "(12) months until either side ends it with two (2) months' written notice.\n"
    )
    assert _keys(result, TermKind.renewal_term) == [(Decimal(12), "month", "auto", None)]
    assert _keys(result, TermKind.renewal_notice) == [(Decimal(2), "month", "auto", None)]


def test_a_minimum_term_is_the_subscription_term() -> None:
    result = review_text("Minimum Term: 48 months from the date of signature.\n")
    assert _keys(result, TermKind.subscription_term) == [(Decimal(48), "month", None, None)]


def test_ending_an_order_early_makes_the_rest_of_the_term_payable() -> None:
    result = review_text(
        "Should the Buyer end an order before its expiry, the fees for the remainder of the initial term become "
        "payable at once.\n"
    )
    assert _keys(result, TermKind.termination_fee) == [(None, None, "remaining_fees", None)]


def test_neither_partys_liability_shall_exceed_is_a_cap() -> None:
    result = review_text(
        "Neither party's aggregate liability under this agreement shall exceed the fees paid in the nine (9) "
        "months before the claim.\n"
    )
    assert _keys(result, TermKind.liability_cap) == [(Decimal(9), "month", "fees", None)]


# Exit


def test_an_export_window_priced_in_the_next_sentence() -> None:
    result = review_text(
        "For forty-five (45) days after expiry the Buyer may download Buyer Data from the portal. No charge applies "
        "to exports in that time.\n"
    )
    assert _keys(result, TermKind.data_export) == [(Decimal(45), "day", "free", None)]


def test_a_delivery_priced_in_the_next_sentence_about_it() -> None:
    result = review_text(
        "Within sixty (60) days after termination, the Buyer may ask for a copy of Buyer Data. The Vendor will "
        "deliver it in CSV format at no charge.\n"
    )
    assert _keys(result, TermKind.data_export) == [(Decimal(60), "day", "free", None)]


def test_the_buyers_request_window_is_the_export_window_even_when_the_vendor_returns_the_data() -> None:
    result = review_text(
        "The Vendor shall return all Buyer Data on termination, provided the Buyer requests it within twenty (20) "
        "days after termination.\n"
    )
    assert _keys(result, TermKind.data_export) == [(Decimal(20), "day", None, None)]


def test_deletion_after_the_export_period_is_no_export_right() -> None:
    result = review_text(
        "The Vendor will erase Buyer Data within fourteen (14) days after the end of the export period.\n"
    )
    assert _keys(result, TermKind.data_export) == []
    assert _keys(result, TermKind.data_deletion) == [(Decimal(14), "day", None, None)]


def test_transition_or_migration_services_refused() -> None:
    result = review_text("The Vendor has no obligation to provide transition or migration services of any kind.\n")
    assert _keys(result, TermKind.transition_assistance) == [(None, None, "none", None)]


# Billing start


@pytest.mark.parametrize(
    ("text", "basis"),
    [
        ("The Activation Date is the date on which the Buyer's first agent handles a live customer call.\n\n"
         "Seat fees start on the Activation Date.\n", "go_live"),
        ("Seat fees start on the Activation Date.\n\nThe Activation Date is the date the Buyer signs this order.\n",
         "before_go_live"),
        ("The term runs 36 months from the day the first agent takes a live call. Licence fees begin on that date "
         "as well.\n", "go_live"),
    ],
)  # fmt: skip
def test_billing_tied_to_a_date_defined_elsewhere(text: str, basis: str) -> None:
    result = review_text(text)
    assert _keys(result, TermKind.billing_start) == [(None, None, basis, None)]


def test_billing_tied_to_a_date_never_defined_is_unknown() -> None:
    result = review_text("Subscription charges begin on the Service Start Date.\n")
    assert _keys(result, TermKind.billing_start) == []


def test_billing_from_the_earlier_of_go_live_and_a_fixed_date_can_start_before_go_live() -> None:
    result = review_text(
        "Subscription billing starts on the earlier of go-live and ninety (90) days after signature.\n"
    )
    assert _keys(result, TermKind.billing_start) == [(None, None, "before_go_live", None)]


# Service levels


def test_the_maximum_credit_is_a_cap_not_a_tier() -> None:
    result = review_text("The maximum service credit in a month is 30% of that month's fees.\n")
    assert _keys(result, TermKind.credit_cap) == [(Decimal(30), "%", "month", None)]
    assert _keys(result, TermKind.credit_tier) == []


def test_exclusions_introduced_by_are_not_downtime_including_an_item_ending_in_or() -> None:
    result = review_text(
        "Downtime and availability.\n\nThe following periods are not Downtime:\n\n(a) planned maintenance in the "
        "published window;\n\n(b) interruptions due to events beyond the Vendor's reasonable control; or\n\n"
        "(c) the Buyer's own equipment.\n"
    )
    assert {t.basis for t in result.terms if t.kind is TermKind.carve_out} == {"maintenance", "force_majeure"}


def test_carrier_failures_excluded_from_downtime_without_the_word_availability() -> None:
    result = review_text("Downtime excludes outages of public telephone carriers and periods of routine maintenance.\n")
    assert {t.basis for t in result.terms if t.kind is TermKind.carve_out} == {"carrier", "maintenance"}


def test_an_outage_of_some_or_more_consecutive_minutes_is_the_minimum_that_counts() -> None:
    result = review_text('"Outage" means any interruption of five or more consecutive minutes to the voice service.\n')
    assert _keys(result, TermKind.minimum_outage) == [(Decimal(5), "minute", None, None)]


def test_a_credit_claimed_by_raising_a_ticket_has_a_deadline() -> None:
    result = review_text("To obtain a service credit the Buyer must raise a ticket within ten (10) days.\n")
    assert _keys(result, TermKind.credit_claim_deadline) == [(Decimal(10), "day", None, None)]


def test_a_chronic_exit_counted_in_quarters() -> None:
    result = review_text(
        "If availability falls below 99.5% in two consecutive quarters, the Buyer may terminate without penalty.\n"
    )
    assert _keys(result, TermKind.termination_right) == [(None, None, "chronic", None)]


def test_credits_in_addition_to_a_right_to_damages_are_not_the_sole_remedy() -> None:
    result = review_text("Service credits are in addition to any right the Buyer has to recover damages.\n")
    assert _keys(result, TermKind.sole_remedy) == [(None, None, "not_sole", None)]


def test_a_monthly_service_report_is_performance_reporting() -> None:
    result = review_text("The Vendor will send the Buyer a service report every month.\n")
    assert _keys(result, TermKind.reporting) == [(None, None, "month", None)]


# References


@pytest.mark.parametrize(
    ("sentence", "topic"),
    [
        ("This order is subject to the Acme Service Level Policy.", "sla"),
        ("The Acme Service Level Exhibit applies to this order.", "sla"),
        ("This order is governed by the Acme Master Services Terms.", "msa"),
        ("This order is subject to the Acme Customer Agreement.", "msa"),
    ],
)
def test_documents_named_in_an_order_are_references(sentence: str, topic: str) -> None:
    result = review_text("Acme Order Form\n\n" + sentence + "\n")
    assert _keys(result, TermKind.reference) == [(None, None, topic, None)]


# Amendments prevail over what they change


_ORDER = (
    "order.md",
    "# Order Form\n\nThe Buyer orders 50 seats at USD 80.00 per user per month.\n\n"
    "The Buyer may not reduce the number of seats during the term.\n",
)
_SLA = (
    "sla.md",
    "# Service Level Agreement\n\nThe Vendor will keep the service available 99.9% of each month.\n\n"
    "Credits must be claimed within ten (10) days after the end of the month.\n",
)
_AMENDMENT = (
    "amendment.md",
    "# Amendment No. 2\n\n1. Credits may be claimed within ninety (90) days after the end of the month.\n\n"
    "2. If availability is below 99.0% in three consecutive months, the Buyer may terminate without fee.\n\n"
    "3. The Buyer may reduce the number of seats by up to 20% on each anniversary.\n\n"
    "4. The Buyer adds 10 seats at USD 80.00 per user per month.\n",
)


def test_an_amendment_replaces_what_it_changes_for_the_rules() -> None:
    before = {f.rule for f in _package(_ORDER, _SLA).findings}
    assert {"short_claim_window", "no_chronic_failure_exit", "no_seat_reduction"} <= before
    result = _package(_ORDER, _SLA, _AMENDMENT)
    after = {f.rule for f in result.findings}
    assert not {"short_claim_window", "no_chronic_failure_exit", "no_seat_reduction"} & after
    # Each document still lists what it says; the seats it adds are added, not replacing the order's.
    deadlines = sorted((t.value, t.location.document) for t in result.terms if t.kind is TermKind.credit_claim_deadline)
    assert deadlines == [(Decimal(10), "sla.md"), (Decimal(90), "amendment.md")]
    assert "quantity: 50" in result.deal_yaml
    assert "quantity: 10" in result.deal_yaml


def test_without_amending_words_in_its_title_a_later_document_does_not_override() -> None:
    plain = ("letter.md", "# Side Note\n\n" + _AMENDMENT[1].split("\n\n", 1)[1])
    rules = {f.rule for f in _package(_ORDER, _SLA, plain).findings}
    assert "short_claim_window" in rules


def test_a_data_processing_addendum_is_a_dpa_not_an_amendment() -> None:
    from principal.review.package import document_kind

    dpa = read_document(b"# Data Processing Addendum\n\nThe Processor processes Customer Data.\n", "dpa.md")
    change = read_document(b"# Change Order No. 4\n\nThe Buyer adds ten seats.\n", "co.md")
    assert (document_kind(dpa), document_kind(change)) == ("dpa", "amendment")


# PDF layout


def test_a_running_header_cut_by_a_two_column_page_is_still_dropped() -> None:
    """Before: on a two-column page the header was split at the gutter into two lines, which did not match the
    whole header of a one-column page, so both stayed in the text and ran into the sentences next to them."""
    from weasyprint import HTML

    clauses = " ".join(
        f"Clause {i}. The Vendor keeps the platform available and reports on it monthly." for i in range(60)
    )
    html = (
        "<html><head><style>@page { size: A4; margin: 2.5cm 2cm; @top-left { content: 'Kestrel Bay Telecom Limited | "
        "Hosted Contact Centre Terms v4'; font-size: 9pt; width: 100%; } } body { font: 10pt 'DejaVu Sans'; } "
        ".two { columns: 2; column-gap: 1cm; }</style></head><body>"
        f"<div class='two'><p>{clauses}</p></div><p style='break-before: page'>Either party may stop the renewal "
        "by telling the other in writing no later than sixty (60) days before the renewal date.</p></body></html>"
    )
    document = read_document(HTML(string=html).write_pdf(), "terms.pdf")
    assert document.pages >= 2
    assert "Kestrel" not in document.text and "Hosted Contact" not in document.text
    assert (
        "Either party may stop the renewal by telling the other in writing no later than sixty (60) days before "
        "the renewal date."
    ) in document.text
