"""Misses of the eleventh fresh set's first run, in other words than the corpus: Swiss apostrophe groups and
"Fr.", koruna "Kč"; "Terms of Business", "General Conditions" and a "Subscription Agreement" as master terms; a
"Renewal Order" that renews nothing by its name; German-law drafting ("ordinary termination ... is excluded",
"good cause", "terminates it ... before the end"); a reduction "only at the end of" after a sentence about the
licences; fees "owed from" go-live and "they are invoiced"; a levy; licences used beyond the order; a chronic exit's
notice; "determined solely from ... monitoring"; "per 60-second increment"; national price indices; PDF lines that
start with a percentage or a date; and HTML list items that hold a paragraph."""

from __future__ import annotations

from decimal import Decimal

import pytest

from principal.review.extract.numbers import find_money
from principal.review.extract.terms import TermKind
from principal.review.ingest import read_document
from principal.review.review import review_documents
from tests.review.conftest import review_text, review_texts, term_keys


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Fr. 2'750.00 once", [(Decimal("2750.00"), "CHF")]),
        ("CHF 12’400 a month", [(Decimal(12400), "CHF")]),
        ("SFr. 35.00 per user", [(Decimal("35.00"), "CHF")]),
        ("2 450 Kč per licence", [(Decimal(2450), "CZK")]),
        ("0,55 Kč per minute", [(Decimal("0.55"), "CZK")]),
        ("the Customer's 3 sites", []),
    ],
)
def test_swiss_groups_and_koruna(text: str, expected: list[tuple[Decimal, str]]) -> None:
    assert [(q.value, q.unit) for q in find_money(text)] == expected


@pytest.mark.parametrize(
    ("name", "title"),
    [
        ("Terms of Business", "# Terms of Business"),
        ("General Conditions of Service", "# General Conditions of Service"),
        ("Cloud Subscription Agreement", "# Cloud Subscription Agreement"),
    ],
)
def test_master_terms_by_other_names(name: str, title: str) -> None:
    order = ("order.md", f"# Order\n\n1. This Order is made under the Vendor's {name}. Seats: 5.\n")
    missing = review_texts(order, ("sla.md", "# Service Level Schedule\n\n1. Uptime is 99.9% each month.\n"))
    assert "referenced_document_missing" in {f.rule for f in missing.findings}
    supplied = review_texts(order, ("terms.md", f"{title}\n\n1. These terms govern each Order.\n"))
    assert "referenced_document_missing" not in {f.rule for f in supplied.findings}


def test_a_renewal_order_states_its_own_term() -> None:
    result = review_text("1. The Subscription Term of this Renewal Order is eighteen (18) months.\n", "order.md")
    assert term_keys(result, TermKind.subscription_term) == [(Decimal(18), "month", None, None)]
    assert term_keys(result, TermKind.renewal_term) == []


def test_german_law_drafting_of_term_exit_and_cause() -> None:
    result = review_text(
        "## § 3 Term\n\n(3) At the end of the Minimum Term the Order is extended automatically by a further twelve "
        "(12) months unless either party terminates it by letter received at least two (2) months before the end "
        "of the Minimum Term.\n\n"
        "(4) Ordinary termination before the end of the Minimum Term is excluded for both parties.\n\n"
        "## § 9 Termination for good cause\n\n(1) Either party may terminate with immediate effect for good cause."
        "\n\n(2) Good cause exists where the other party commits a material breach and does not remedy it within "
        "twenty (20) days of a written warning.\n",
        "agreement.md",
    )
    assert term_keys(result, TermKind.renewal_notice) == [(Decimal(2), "month", "auto", None)]
    assert term_keys(result, TermKind.termination_right) == [
        (None, None, "no_convenience", None),
        (Decimal(20), "day", "cause", None),
    ]


def test_seat_reductions_prices_for_an_extension_and_exit_help() -> None:
    result = review_text(
        "(2) Licence quantities cannot be reduced during the Minimum Term. A reduction may take effect only at the "
        "end of the Minimum Term or at the end of an extension period.\n\n"
        "(3) During an extension the prices in force at the end of the preceding period continue to apply.\n\n"
        "(4) The Supplier carries out the export against payment. At the Customer's request the Supplier supports "
        "the transfer of the Service to a successor provider for up to three (3) months after the end, at a daily "
        "rate of CHF 1'500.00.\n",
        "agreement.md",
    )
    assert term_keys(result, TermKind.seat_reduction) == [(None, None, "renewal", None)]
    assert term_keys(result, TermKind.renewal_pricing) == [(None, None, "same_price", None)]
    assert term_keys(result, TermKind.transition_assistance) == [(Decimal(3), "month", "paid", None)]


def test_billing_from_go_live_and_they_are_invoiced() -> None:
    result = review_text(
        "5.2 Licence fees are owed from the Go-Live Date. They are invoiced quarterly in advance.\n\n"
        "5.3 All Fees are invoiced monthly in arrears.\n",
        "order.md",
    )
    assert term_keys(result, TermKind.billing_start) == [(None, None, "go_live", None)]
    assert term_keys(result, TermKind.billing_frequency) == [
        (None, None, "quarterly_advance", None),
        (None, None, "monthly_arrears", None),
    ]


def test_levies_licences_used_beyond_the_order_and_overage_over_a_monthly_commitment() -> None:
    result = review_text(
        "3.1 A levy for number administration of 1,5 % is added to all voice charges.\n\n"
        "3.2 If the Client uses more licences than it has ordered, the additional licences are invoiced at the unit "
        "prices in the Order Schedule.\n\n"
        "3.3 Usage charges above the Monthly Commitment are billed at one hundred twenty percent (120%) of the "
        "rates in Section 2.\n\n"
        "| Item | Usage | Rate (PLN) | Unit |\n|---|---|---|---|\n| 1 | Voice to fixed lines | 0,07 | per 60-second "
        "increment |\n",
        "order.md",
    )
    assert term_keys(result, TermKind.surcharge) == [(Decimal("1.5"), "%", None, None)]
    assert term_keys(result, TermKind.true_up) == [(None, None, "contract_price", None)]
    assert term_keys(result, TermKind.overage_rate) == [(Decimal(120), "%", None, None)]
    assert term_keys(result, TermKind.usage_rate) == [(Decimal("0.07"), "PLN/minute", None, None)]


def test_a_chronic_exit_keeps_its_notice_and_is_no_convenience_right() -> None:
    result = review_text(
        "# Service Levels\n\n7.1 If the Voice Platform misses its target in three (3) consecutive months, the "
        "Customer may terminate the Order by forty-five (45) days' written notice.\n\n"
        "7.2 If Voice is below 99.0 % in two (2) consecutive quarters, the Customer may terminate the Order by "
        "giving thirty (30) days' written notice.\n\n"
        "4.1 Availability is determined solely from the data of the Supplier's platform monitoring.\n",
        "sla.md",
    )
    assert term_keys(result, TermKind.termination_right) == [
        (Decimal(45), "day", "chronic", None),
        (Decimal(30), "day", "chronic", None),
    ]
    assert term_keys(result, TermKind.uptime_measurement) == [(None, None, "vendor_monitoring", None)]


@pytest.mark.parametrize(
    "index", ["the Índice Nacional de Precios al Consumidor (INPC)", "the IPCA", "the Swiss consumer price index (LIK)"]
)
def test_national_price_indices_plus_points(index: str) -> None:
    result = review_text(
        f"5.5 Each year the prices are adjusted by the annual change in {index}, plus two (2) percentage points.\n",
        "order.md",
    )
    assert term_keys(result, TermKind.price_increase) == [(Decimal(2), "%", "cpi", None)]


def test_each_component_of_a_table_keeps_its_target() -> None:
    result = review_text(
        "| Component | Availability Target |\n|---|---|\n| Voice | 99.9 % |\n| Messaging | 99.5 % |\n"
        "| Agent Desktop | 99.5 % |\n",
        "sla.md",
    )
    assert [(t.value, t.detail) for t in result.terms if t.kind is TermKind.uptime_target] == [
        (Decimal("99.9"), "per component: voice"),
        (Decimal("99.5"), "per component: messaging"),
        (Decimal("99.5"), "per component: agent desktop"),
    ]


def test_html_list_items_holding_a_paragraph_keep_their_marker() -> None:
    html = (
        "<h1>Order</h1><p>AI features:</p><ul><li><p>Helper (AI agent suggestions): USD 0.03 per AI interaction."
        "</p></li><li><p>Helper is not switched on by default; it is activated only at the Client's written "
        "request.</p></li></ul><ol start='6'><li><p>Claims. Credits must be claimed within 30 days.</p></li></ol>"
    )
    document = read_document(html.encode(), "order.html")
    assert "\n- Helper is not switched on by default" in document.text
    assert "\n6. Claims. Credits must be claimed" in document.text
    result = review_documents([document], check_contract=False, clauses=False)
    assert len([t for t in result.terms if t.kind is TermKind.ai_opt_in]) == 1


def test_pdf_lines_that_start_with_a_percentage_or_a_date_continue_their_sentence() -> None:
    from pathlib import Path

    from principal.review.ingest import load_document

    fresh11 = Path(__file__).resolve().parents[2] / "corpus" / "review" / "fresh11"
    sla = load_document(fresh11 / "krkonose" / "service-level-addendum.pdf").text
    assert "99.95 % for Telephony, 99.9 % for Omnichannel Routing and 99.5 % for Workforce Management" in sla
    terms = load_document(fresh11 / "rigiline" / "framework-agreement.pdf").text
    assert "with effect from 1 January, by the change in the Swiss consumer price index" in terms


def test_a_heading_that_lists_ai_beside_other_services_names_no_ai_feature() -> None:
    result = review_text(
        "## 3 Telephony, messaging and AI\n\n3.1 Telephony is enabled for all queues from the start date.\n\n"
        "3.2 Brisa Assist, AI summary of a call, is enabled for all queues from the start date.\n",
        "order.md",
    )
    defaults = [t.quote for t in result.terms if t.kind is TermKind.ai_default_on]
    assert defaults == ["3.2 Brisa Assist, AI summary of a call, is enabled for all queues from the start date."]
