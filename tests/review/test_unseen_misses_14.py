"""Misses of the tenth fresh set's first run, in other words than the corpus: prefixed dollar signs in column
headings; "Rs." before a figure; run-in headings, numbered or not, whose words are not the clause's verb (a
"Termination." heading over "Neither party may terminate"); AI features "disabled by default" or "delivered
switched off"; bands in list items; "each ... session costs"; seats in excess trued up, not overage; a schedule of
service levels inside the master agreement; exit help priced "at the rates set out in"; deletion after an export or
retrieval period; an amendment's unchanged price; fees "due from" a date whether or not live; a cap in money; the
price of "each extension"; "sole and exclusive compensation"; a miss "does not reach"; services a vendor "does not
provide"; and bullet lists in HTML."""

from __future__ import annotations

from decimal import Decimal

import pytest

from principal.review.extract.numbers import currency_in
from principal.review.extract.terms import TermKind
from principal.review.ingest import read_document
from principal.review.review import review_documents
from tests.review.conftest import review_text, review_texts, term_keys


@pytest.mark.parametrize(
    ("heading", "expected"),
    [
        ("Unit price (NZ$ per user per month)", "NZD"),
        ("Rate (A$)", "AUD"),
        ("S$ per licence", "SGD"),
        ("Price (R$/user/month)", "BRL"),
        ("Fee (HK$)", "HKD"),
        ("Fee ($)", "USD"),
    ],
)
def test_a_column_heading_names_its_dollars(heading: str, expected: str) -> None:
    assert currency_in(heading) == expected


def test_a_rate_card_in_prefixed_dollars_and_rupees_written_with_a_point() -> None:
    card = review_text(
        "| Item | Qty | Price (A$ per user per month) |\n|---|---|---|\n| Contact agent | 40 | 81.00 |\n\n"
        "2.1 Usage:\n\n(a) calls to toll-free numbers: Rs. 1.15 per minute;\n",
        "order.md",
    )
    assert term_keys(card, TermKind.seat_price) == [(Decimal("81.00"), "AUD/user/month", None, None)]
    assert term_keys(card, TermKind.usage_rate) == [(Decimal("1.15"), "INR/minute", None, None)]


@pytest.mark.parametrize(
    ("text", "kind", "expected"),
    [
        ("7.2 Termination. Neither party may terminate this Order for convenience.", TermKind.termination_right,
         [(None, None, "no_convenience", None)]),
        ("Termination. Neither party may end this Order for convenience.", TermKind.termination_right,
         [(None, None, "no_convenience", None)]),
        ("9.4 Exit Assistance. The Vendor owes no exit assistance of any kind.", TermKind.transition_assistance,
         [(None, None, "none", None)]),
        ("3.1 Contract Period. Thirty-six (36) months from the Start Date.", TermKind.subscription_term,
         [(Decimal(36), "month", None, None)]),
        ("Order Term. Twelve (12) months from signature.", TermKind.subscription_term,
         [(Decimal(12), "month", None, None)]),
    ],
)  # fmt: skip
def test_a_run_in_heading_names_the_clause_and_the_clause_decides(
    text: str, kind: TermKind, expected: list[tuple[object, ...]]
) -> None:
    assert term_keys(review_text(text + "\n", "terms.md"), kind) == expected


@pytest.mark.parametrize(
    "text",
    [
        "4.1 The AI agent assistant is disabled by default; each assisted call is charged at USD 0.03.",
        "4.1 Call summaries by AI are switched off by default and cost USD 0.01 each.",
        "4.1 The voice bot is delivered switched off and is charged at USD 0.20 per session.",
        "4.1 AI Switched On by Default. No AI feature is switched on by default; each is charged at USD 0.02.",
    ],
)
def test_ai_switched_off_at_the_start_is_opt_in(text: str) -> None:
    result = review_text(text + "\n", "order.md")
    assert [t for t in result.terms if t.kind is TermKind.ai_default_on] == []
    assert len([t for t in result.terms if t.kind is TermKind.ai_opt_in]) == 1


def test_an_ai_product_known_by_its_short_name_and_priced_per_session() -> None:
    result = review_text(
        '# Order\n\nBy this order Corvina Ltd ("Corvina") supplies the Services to the Customer.\n\n'
        "3.1 Corvina Pilot (AI virtual agent). Pilot is not active with the licences.\n\n"
        "3.2 It is switched on only for the queues the Customer names in writing. Once Pilot is live, each Pilot "
        "session costs USD 0.08.\n",
        "order.md",
    )
    assert len([t for t in result.terms if t.kind is TermKind.ai_opt_in]) == 1
    rates = [(t.value, t.unit, t.detail) for t in result.terms if t.kind is TermKind.usage_rate]
    assert rates == [(Decimal("0.08"), "USD/session", "Pilot session")]


def test_bands_in_list_items_and_seats_in_excess_are_a_true_up() -> None:
    result = review_text(
        "2.1 Calls are charged as follows:\n\n(a) the first 80,000 minutes in each month: USD 0.011 per minute;\n\n"
        "(b) minutes above 80,000 in that month: USD 0.008 per minute.\n\n"
        "2.2 Each quarter the Vendor counts the users provisioned. Users provisioned above those quantities are "
        "invoiced at the rates in this Order.\n\n"
        "2.3 Licences in excess of the ordered quantity are invoiced at the Vendor's list rates prevailing then.\n",
        "order.md",
    )
    assert term_keys(result, TermKind.usage_rate) == [
        (Decimal("0.011"), "USD/minute", "band_up_to", Decimal(80000)),
        (Decimal("0.008"), "USD/minute", "band_above", Decimal(80000)),
    ]
    true_ups = [(None, None, "contract_price", None), (None, None, "list_price", None)]
    assert term_keys(result, TermKind.true_up) == true_ups
    assert term_keys(result, TermKind.overage_rate) == []


def test_one_time_fees_usage_floors_and_staff_the_vendor_picks() -> None:
    result = review_text(
        "5.1 Onboarding Services are delivered for a fixed price of USD 22,000.00. The Vendor will invoice this "
        "sum when the Customer signs this Order.\n\n"
        "5.2 The Customer will pay usage charges of no less than USD 900.00 per month.\n\n"
        "5.3 The Vendor decides which of its engineers do the work and may replace any of them without the "
        "Customer's consent.\n",
        "order.md",
    )
    assert term_keys(result, TermKind.implementation_fee) == [(Decimal("22000.00"), "USD", "signature", None)]
    assert term_keys(result, TermKind.minimum_commitment) == [(Decimal("900.00"), "USD", None, None)]
    assert term_keys(result, TermKind.key_personnel) == [(None, None, "vendor_discretion", None)]


def test_exit_help_deletion_and_a_fixed_liability_cap() -> None:
    result = review_text(
        "8.1 Export. For twenty (20) days after the Agreement ends the Client may download its Client Data at no "
        "charge.\n\n"
        "8.2 Deletion. After the export period in clause 8.1 the Vendor will erase the Client Data within forty "
        "(40) days.\n\n"
        "8.3 Migration Support. If asked before the end, the Vendor will help move the Services to a new provider "
        "for up to two months, at the rates set out in the Order.\n\n"
        "9.1 The Vendor's total liability is limited to USD 400,000.00.\n",
        "terms.md",
    )
    assert term_keys(result, TermKind.data_deletion) == [(Decimal(40), "day", None, None)]
    assert term_keys(result, TermKind.transition_assistance) == [(Decimal(2), "month", "paid", None)]
    assert term_keys(result, TermKind.liability_cap) == [(Decimal("400000.00"), "USD", None, None)]


def test_deletion_after_a_retrieval_period_grants_no_export() -> None:
    result = review_text(
        "6.1 Within fifteen (15) days after the retrieval period ends, the Vendor shall delete all Client Data.\n",
        "dpa.md",
    )
    assert term_keys(result, TermKind.data_deletion) == [(Decimal(15), "day", None, None)]
    assert term_keys(result, TermKind.data_export) == []


def test_an_amendment_restating_the_price_of_a_changed_line_adds_no_second_quantity() -> None:
    result = review_text(
        "1. The quantity of line 2 (Supervisor) is increased from 12 to 15 users. The unit price of USD 60.00 per "
        "user per month is unchanged.\n",
        "amendment.md",
    )
    assert [t.value for t in result.terms if t.kind is TermKind.seat_quantity] == [Decimal(15)]


def test_billing_before_go_live_renewal_price_and_sla_wording() -> None:
    terms = review_text(
        "4.2 Monthly fees are due from the date the tenant is handed over, whether or not the Client is live.\n\n"
        "9.1 The Order is extended automatically for further periods of twelve (12) months unless either party "
        "gives thirty (30) days' notice.\n\n"
        "9.2 Each extension is charged at the prices in effect at the end of the previous period.\n",
        "terms.md",
    )
    assert term_keys(terms, TermKind.billing_start) == [(None, None, "before_go_live", None)]
    assert term_keys(terms, TermKind.renewal_pricing) == [(None, None, "same_price", None)]
    sla = review_text(
        "# Service Levels\n\n1. The Vendor makes the Voice component available 99.9% of each month.\n\n"
        "2. Downtime does not include: (a) outages of channels operated by third parties;\n\n"
        "3. The credits are the sole and exclusive compensation for any unavailability.\n\n"
        "4. If the Voice component does not meet its target in two (2) consecutive months, the Client may "
        "terminate the Order.\n",
        "sla.md",
    )
    assert term_keys(sla, TermKind.sole_remedy) == [(None, None, "credits", None)]
    assert term_keys(sla, TermKind.termination_right) == [(None, None, "chronic", None)]
    assert (None, None, "third_party", None) in term_keys(sla, TermKind.carve_out)


def test_service_levels_in_a_schedule_of_the_master_agreement_are_supplied() -> None:
    msa = (
        "msa.md",
        "# Master Services Agreement\n\n1. The Vendor supplies the Services.\n\n## Schedule 1 - Service Levels\n\n"
        "1. The Platform is available 99.9% of each month.\n",
    )
    change = (
        "change.md",
        "# Change Order 1\n\n1. This changes Schedule 1 (Service Levels) of the MSA: credits rise to 10%.\n",
    )
    result = review_texts(msa, change)
    assert [t.basis for t in result.terms if t.kind is TermKind.reference and t.location.document == "change.md"] == [
        "msa"
    ]
    assert "referenced_document_missing" not in {f.rule for f in result.findings}


def test_html_bullet_items_continue_their_lead_in() -> None:
    html = (
        "<h1>Service Levels</h1><p>1. The Platform is available 99.9% of each month.</p>"
        "<p>2. If uptime falls below 99.9%, the Client may claim a Service Credit as follows:</p>"
        "<ul><li>less than 99.9% but at least 99.0%: five percent (5%);</li>"
        "<li>less than 99.0%: ten percent (10%).</li></ul>"
    )
    document = read_document(html.encode(), "sla.html")
    result = review_documents([document], check_contract=False, clauses=False)
    assert term_keys(result, TermKind.credit_tier) == [
        (Decimal(5), "%", "below", Decimal("99.9")),
        (Decimal(10), "%", "below", Decimal("99.0")),
    ]
