"""Misses of the sixteenth fresh set's first run (Irish, Thai and Chilean drafting), in other words than the
corpus."""

from __future__ import annotations

from decimal import Decimal

from principal.review.extract.terms import TermKind
from tests.review.conftest import review_text, review_texts, term_keys


def test_clauses_named_by_ordinals_hold_their_paragraphs() -> None:
    from principal.review.document import Document
    from principal.review.segment import segment

    text = (
        "General Conditions\nTHIRD: Staff\n3.1 The Provider names a project leader.\n"
        "FOURTH CLAUSE (Cláusula Cuarta) Fees\n4.1 Fees are net.\n"
    )
    document = Document(name="g.txt", format="txt", text=text, paragraph_starts=(0,), page_starts=(0,))
    sections = segment(document).sections
    assert [(s.number, s.title, s.level) for s in sections] == [
        ("3", "Staff", 0),
        ("3.1", "The Provider names a project leader", 2),
        ("4", "(Cláusula Cuarta) Fees", 0),
        ("4.1", "Fees are net", 2),
    ]


def test_a_project_leader_the_vendor_may_swap_at_will_under_an_ordinal_heading() -> None:
    result = review_text(
        '# Conditions\n\nThe Provider ("Pehuén") serves the Client.\n\n## SIXTH: Team and Personnel\n\n'
        "6.1 Pehuén shall name a Project Leader.\n\n6.2 Pehuén may replace the Project Leader whenever it sees fit, "
        "telling the Client afterwards.\n",
        "conditions.md",
    )
    assert term_keys(result, TermKind.key_personnel) == [(None, None, "vendor_discretion", None)]


def test_prices_readjusted_by_the_index_plus_points_written_in_words() -> None:
    result = review_text(
        "# Conditions\n\n4.2 Prices shall be readjusted every twelve months by the change in the Consumer Price "
        "Index, plus two point five percentage points (2.5%).\n",
        "conditions.md",
    )
    assert term_keys(result, TermKind.price_increase) == [(Decimal("2.5"), "%", "cpi", None)]


def test_an_exit_paid_as_sole_compensation_in_monthly_fees() -> None:
    result = review_text(
        "# Conditions\n\n8.2 The Client may end the Service Order early, without giving reasons, on ninety (90) "
        "days' written notice. The Client shall then pay, as sole compensation, an amount equal to two (2) Monthly "
        "Fees.\n",
        "conditions.md",
    )
    assert term_keys(result, TermKind.termination_fee) == [(Decimal(2), "month", "fees", None)]


def test_delivery_of_recordings_after_termination_and_a_deletion_that_points_to_an_annex() -> None:
    result = review_text(
        "# Conditions\n\n11.1 Within forty-five (45) days following the termination of the Service Order, the "
        "Client may request the delivery of its call recordings and contact records, which the Provider shall "
        "deliver in WAV and CSV at no cost to the Client.\n\n"
        "11.2 After that period the Client Data shall be erased as described in Annex 3.\n",
        "conditions.md",
    )
    assert term_keys(result, TermKind.data_export) == [(Decimal(45), "day", "free", None)]
    assert term_keys(result, TermKind.data_deletion) == []


def test_an_amended_clause_deleted_and_replaced_deletes_no_data() -> None:
    result = review_text(
        '# Amendment No. 2\n\n1. Clause 9.1 of the Terms is deleted and replaced with the following: "9.1 The '
        'Customer may download the Customer Data for thirty (30) days after expiry, at no charge."\n',
        "amendment.md",
    )
    assert term_keys(result, TermKind.data_deletion) == []
    assert term_keys(result, TermKind.data_export) == [(Decimal(30), "day", "free", None)]


def test_an_initial_duration_is_the_term() -> None:
    result = review_text(
        "# Service Order\n\n1.1 This Service Order has an initial duration of thirty-six (36) months from the "
        "Go-Live Date.\n",
        "order.md",
    )
    assert term_keys(result, TermKind.subscription_term) == [(Decimal(36), "month", None, None)]


def test_ai_that_stays_deactivated_until_requested_and_ai_on_in_the_standard_configuration() -> None:
    off = review_text(
        "# Service Order\n\n3.5 The virtual assistant shall remain deactivated unless the Client requests its "
        "activation in writing.\n",
        "order.md",
    )
    assert term_keys(off, TermKind.ai_opt_in) == [(None, None, None, None)]
    on = review_text(
        "# Quotation\n\n3.4 The chatbot is switched on for the web chat as part of the standard configuration. The "
        "Customer may ask the Provider to switch it off.\n",
        "quotation.md",
    )
    assert term_keys(on, TermKind.ai_default_on) == [(None, None, "default_on", None)]


def test_an_alert_at_a_share_of_the_usage_limit_is_not_the_cap() -> None:
    result = review_text(
        "# Service Order\n\n3.4 Usage charges in a month shall not exceed USD 9,000.00 without the Client's "
        "approval. When usage reaches ninety percent (90%) of that limit the Provider shall warn the Client, and "
        "the usage charges billed shall not exceed the limit.\n",
        "order.md",
    )
    assert term_keys(result, TermKind.usage_cap) == [(Decimal("9000.00"), "USD", None, None)]


def test_licences_and_another_charge_invoiced_together() -> None:
    result = review_text(
        "# Service Order\n\n5.1 The licences and the platform fee are invoiced quarterly in arrears.\n", "order.md"
    )
    assert term_keys(result, TermKind.billing_frequency) == [(None, None, "quarterly_arrears", None)]


def test_an_implementation_price_split_in_percentages_and_a_row_paid_by_its_item_number() -> None:
    split = review_text(
        "# Service Order\n\n| Code | Item | Price (USD) |\n|---|---|---|\n| S-1 | Implementation and training | "
        "12,000.00 |\n\n4.1 The price of the implementation is invoiced forty percent (40%) on signature and sixty "
        "percent (60%) on go-live.\n",
        "order.md",
    )
    assert term_keys(split, TermKind.implementation_fee) == [(Decimal("12000.00"), "USD", "milestones", None)]
    by_item = review_text(
        "# Quotation\n\n| No. | Description | Amount (USD) |\n|---|---|---|\n| 7 | Setup and implementation of the "
        "IVR | 5,000.00 |\n\n4.1 Item 7 is payable in three instalments over the project.\n",
        "quotation.md",
    )
    assert term_keys(by_item, TermKind.implementation_fee) == [(Decimal("5000.00"), "USD", "milestones", None)]


def test_service_level_discounts_are_credits_with_band_floors_and_a_cap() -> None:
    result = review_text(
        "# Annex 1 - Service Levels\n\n3.1 The following shall not be computed as Unavailability:\n\n"
        "(a) planned maintenance announced five (5) days in advance;\n\n"
        "4.1 If the Monthly Availability is lower than the target, the Provider grants a discount on the month's "
        "fees, as follows:\n\n"
        "(a) lower than the target and equal to or higher than 99.0%: three percent (3%);\n\n"
        "(b) lower than 99.0%: eight percent (8%).\n\n"
        "4.2 The discounts of a month shall not exceed fifteen percent (15%) of the fees of that month.\n",
        "sla.md",
    )
    assert {t.basis for t in result.terms if t.kind is TermKind.carve_out} == {"maintenance"}
    assert sorted(term_keys(result, TermKind.credit_tier), key=str) == [
        (Decimal(3), "%", "below", None),
        (Decimal(8), "%", "below", Decimal("99.0")),
    ]
    assert term_keys(result, TermKind.credit_cap) == [(Decimal(15), "%", "month", None)]
    assert [t.value for t in result.terms if t.kind is TermKind.uptime_target] == []


def test_an_exit_for_availability_below_a_level_is_chronic_not_convenience() -> None:
    result = review_text(
        "# Schedule 3 - Service Levels\n\n7.1 If Availability is below 99.0% in any two (2) Months of a rolling "
        "period of four (4) Months, the Customer may terminate the Agreement by giving not less than fifteen (15) "
        "days' written notice.\n",
        "schedule.md",
    )
    assert [t.basis for t in result.terms if t.kind is TermKind.termination_right] == ["chronic"]


def test_excess_users_at_list_price_renewal_at_list_charges_and_the_first_invoice_on_go_live() -> None:
    result = review_texts(
        (
            "order.md",
            "# Order Form\n\n2.1 Subscription Charges are invoiced monthly in advance. The first invoice will be "
            "issued on the Go-Live Date.\n\n2.2 Agents in excess of the quantities ordered, as counted at the end "
            "of each month, are charged at the Supplier's list price of the day.\n",
        ),
        (
            "msa.md",
            "# Master Services Agreement\n\n7.2 Each Renewal Period is charged at the Supplier's published list "
            "Fees in force when it starts.\n",
        ),
    )
    assert term_keys(result, TermKind.billing_start) == [(None, None, "go_live", None)]
    assert term_keys(result, TermKind.true_up) == [(None, None, "list_price", None)]
    assert term_keys(result, TermKind.renewal_pricing) == [(None, None, "list_price", None)]


def test_convenience_notice_given_to_the_vendor_by_name_and_help_transferring_numbers() -> None:
    result = review_text(
        '# Terms of Service\n\n"Samui" means Samui Cloud Co., Ltd.\n\n'
        "7.2 The Customer may terminate the Agreement before the end of the Minimum Period by giving Samui no less "
        "than thirty (30) days' written notice.\n\n"
        "12.4 On request Samui will assist the Customer in moving its numbers and call flows to a new provider, at "
        "Samui's standard daily rates.\n",
        "terms.md",
    )
    assert term_keys(result, TermKind.termination_right) == [(Decimal(30), "day", "convenience", None)]
    assert term_keys(result, TermKind.transition_assistance) == [(None, None, "paid", None)]


def test_reasonable_efforts_about_anything_else_is_no_availability_promise() -> None:
    result = review_text(
        "# Distribution Agreement\n\n4.1 Each party shall use commercially reasonable efforts to resolve a dispute "
        "by negotiation.\n\n4.2 The Distributor shall use best efforts to promote the Products.\n",
        "agreement.md",
    )
    assert term_keys(result, TermKind.uptime_standard) == []
    promised = review_text(
        "# Service Levels\n\n2.1 The Provider shall use reasonable endeavours to ensure that the platform achieves "
        "its availability target each month.\n",
        "sla.md",
    )
    assert term_keys(promised, TermKind.uptime_standard) == [(None, None, "reasonable_efforts", None)]
