"""Misses left from the ninth fresh set, in other words than the corpus: fees for the rest of "its" term, and none
owed for it; deletion "then" after a sentence about the end of the contract; an AI feature known by its product
name; a package document known by its designation ("Schedule 4"); one target each for components named in one
sentence; a "Reporting and Analytics" component that is no reporting duty; a framework agreement not supplied
beside call-off terms; and a two-column PDF whose columns hold borderless tables."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

from principal.review.extract.terms import TermKind
from principal.review.ingest import load_document
from tests.review.conftest import review_text, review_texts, term_keys

FRESH9 = Path(__file__).resolve().parents[2] / "corpus" / "review" / "fresh9"


def test_fees_for_the_rest_of_its_term_fall_due_and_none_owed_is_no_fee() -> None:
    due = review_text(
        "7.3 Where a Service Order is ended early other than for the Vendor's breach, the Fees for the remainder of "
        "its Subscription Term are payable at once.\n",
        "terms.md",
    )
    assert term_keys(due, TermKind.termination_fee) == [(None, None, "remaining_fees", None)]
    waived = review_text(
        "7.4 If the Client ends a Service Order for repeated outages, no charges shall be payable for the "
        "remainder of its Subscription Term.\n",
        "terms.md",
    )
    assert term_keys(waived, TermKind.termination_fee) == []


def test_deletion_then_follows_a_sentence_about_the_end_of_the_agreement() -> None:
    result = review_text(
        "11.1 For twenty-one (21) days after the end of the agreement the Client may download its records.\n"
        "11.2 The Vendor then erases all Client records within forty-five (45) days.\n",
        "terms.md",
    )
    assert term_keys(result, TermKind.data_deletion) == [(Decimal(45), "day", None, None)]


def test_an_ai_feature_named_by_its_product_name_switched_on_for_all() -> None:
    result = review_text(
        "| Item | Price |\n|---|---|\n| Brisa Recap (AI summary of every call) | USD 0.02 per summary |\n\n"
        "3.2 Brisa Recap is enabled for all teams from the start date. The Client may turn it off per team.\n",
        "order.md",
    )
    assert [t.basis for t in result.terms if t.kind is TermKind.ai_default_on] == ["default_on"]
    plain = review_text("3.2 Brisa Pay is enabled for all teams from the start date.\n", "order.md")
    assert [t for t in plain.terms if t.kind is TermKind.ai_default_on] == []


def test_a_package_document_is_known_by_its_designation() -> None:
    schedule = (
        "sl.md",
        "# Schedule 4: Service Levels\n\n1. The Vendor makes the Platform available 99.9% of each month.\n",
    )
    amendment = (
        "amendment.md",
        "# Amendment No. 2\n\n1. The seat price is reduced to USD 40.00 per user per month.\n\n"
        "2. The Order and Schedule 4 otherwise continue unchanged.\n",
    )
    result = review_texts(schedule, amendment)
    references = [t for t in result.terms if t.kind is TermKind.reference and t.location.document == "amendment.md"]
    assert [t.basis for t in references] == ["sla"]
    alone = review_texts(amendment, ("order.md", "# Order Form\n\n1. Seats: 10 at USD 40.00 per user per month.\n"))
    assert [t for t in alone.terms if t.kind is TermKind.reference] == []


def test_each_component_named_in_one_sentence_has_its_own_target() -> None:
    result = review_text(
        "4.1 The Vendor commits to monthly availability of 99.95% for Inbound Voice, 99.95% for Web Chat and 99.0% "
        "for Reporting and Analytics.\n",
        "sla.md",
    )
    targets = [(t.value, t.detail) for t in result.terms if t.kind is TermKind.uptime_target]
    assert targets == [
        (Decimal("99.95"), "per component: inbound voice"),
        (Decimal("99.95"), "per component: web chat"),
        (Decimal("99.0"), "per component: reporting and analytics"),
    ]
    assert [t for t in result.terms if t.kind is TermKind.reporting] == []
    assert "no_per_component_sla" not in {f.rule for f in result.findings}


def test_a_framework_agreement_not_supplied_beside_call_off_terms_is_missing() -> None:
    terms = (
        "call-off-terms.md",
        "# Call-Off Terms\n\n1.1 These terms govern each call-off made under the Framework Agreement. The "
        "Supplier may not charge more than the framework prices.\n",
    )
    order = ("order.md", "# Call-Off Order Form\n\n1. Seats: 10 at GBP 30.00 per user per month.\n")
    result = review_texts(terms, order)
    assert "referenced_document_missing" in {f.rule for f in result.findings}
    with_it = review_texts(terms, order, ("framework.md", "# Framework Agreement\n\n1. The framework prices apply.\n"))
    assert "referenced_document_missing" not in {f.rule for f in with_it.findings}


def test_a_two_column_pdf_with_borderless_tables_in_its_columns() -> None:
    text = load_document(FRESH9 / "pennine" / "schedule-3-service-levels.pdf").text
    assert "SL1 | Voice platform availability (call routing, IVR, recording) | 99.95%" in text
    assert "3.2 The following are not counted as unavailability:" in text
    assert "Band | Availability achieved in the Service Period | Service Credit" in text  # a word broken in a cell
    assert "Serious | Below 99.0%, down to 98.0% | 12%" in text
