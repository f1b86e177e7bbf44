"""Misses of the thirteenth fresh set's first run (Japanese-English, South African, New Zealand and Hong Kong
drafting), in other words than the corpus."""

from __future__ import annotations

from decimal import Decimal

from principal.review.extract.terms import TermKind
from tests.review.conftest import review_text, review_texts, term_keys


def test_a_row_number_with_a_hyphen_is_no_band_and_no_label() -> None:
    result = review_text(
        "| No. | Item | Unit price |\n|---|---|---|\n| 5-1 | Calls to freephone numbers | ¥8 per minute |\n"
        "| 5-2 | Calls to mobiles | ¥15 per minute |\n",
        "order.md",
    )
    assert [
        (t.value, t.unit, t.basis, t.threshold, t.detail) for t in result.terms if t.kind is TermKind.usage_rate
    ] == [
        (Decimal(8), "JPY/minute", None, None, "Calls to freephone numbers"),
        (Decimal(15), "JPY/minute", None, None, "Calls to mobiles"),
    ]


def test_rate_cells_whose_currency_the_heading_gives_are_rows_not_headings() -> None:
    result = review_text(
        "| Code | Service | Rate (HKD) |\n|---|---|---|\n| V1 | Inbound calls | 0.31 per minute |\n"
        "| V2 | Web chat | 0.80 per session |\n",
        "order.md",
    )
    assert term_keys(result, TermKind.usage_rate) == [
        (Decimal("0.31"), "HKD/minute", None, None),
        (Decimal("0.80"), "HKD/session", None, None),
    ]


def test_japanese_english_order_form_terms() -> None:
    result = review_text(
        "# Order Form\n\n1. Applicable terms: the Vendor Master Service Agreement (Version 2).\n\n"
        "2. The setup fee of JPY 1,200,000 shall be invoiced on the date of execution of this Order Form.\n\n"
        "3. The Monthly Fees for each calendar month shall be invoiced together with the usage charges after the "
        "end of that month.\n",
        "order.md",
    )
    assert term_keys(result, TermKind.reference) == [(None, None, "msa", None)]
    assert term_keys(result, TermKind.implementation_fee) == [(Decimal(1200000), "JPY", "signature", None)]
    assert term_keys(result, TermKind.billing_frequency) == [(None, None, "monthly_arrears", None)]


def test_cancellation_by_the_customer_with_its_fee_and_an_export_window_after_termination() -> None:
    result = review_text(
        '1. "Monthly Fees" means the fixed monthly fees for the licences in the order.\n\n'
        "2. The Customer may cancel a Subscription Contract during its term by giving the Vendor at least two (2) "
        "months' prior written notice.\n\n"
        "3. In that case the Customer shall pay, as a cancellation fee, the Monthly Fees for the remaining portion "
        "of the term.\n\n"
        "4. For twenty (20) days after the termination of a Subscription Contract for any reason, the Customer may "
        "download its data free of charge.\n",
        "terms.md",
    )
    assert term_keys(result, TermKind.price_increase) == []
    assert term_keys(result, TermKind.termination_right) == [(Decimal(2), "month", "convenience", None)]
    assert term_keys(result, TermKind.termination_fee) == [(None, None, "remaining_fees", None)]


def test_damages_capped_under_an_article_heading_of_liability() -> None:
    result = review_text(
        "# Terms\n\nArticle 9 (Limitation of Liability)\n\n1. Neither party is liable for lost profits.\n\n"
        "2. The total amount of damages payable by the Vendor shall be limited to the fees paid by the Customer in "
        "the three (3) months before the event.\n\nArticle 10 (Notices)\n\n1. The total amount of damages is not "
        "affected by notices, which are limited to e-mail.\n",
        "terms.md",
    )
    assert term_keys(result, TermKind.liability_cap) == [(Decimal(3), "month", "fees", None)]


def test_south_african_figures_before_words() -> None:
    result = review_text(
        "2.1 The Initial Period is 24 (twenty-four) months.\n\n"
        "2.2 Either Party may terminate if the other fails to remedy a material breach within 10 (ten) days of "
        "written notice.\n",
        "msa.md",
    )
    assert term_keys(result, TermKind.subscription_term) == [(Decimal(24), "month", None, None)]
    assert term_keys(result, TermKind.termination_right) == [(Decimal(10), "day", "cause", None)]


def test_service_level_measurement_reports_and_exclusions_in_numbered_sub_clauses() -> None:
    result = review_text(
        "# Service Level Schedule\n\n## 3. Measurement\n\n3.1 Availability is measured by the monitoring system "
        "operated by the Supplier.\n\n## 4. Exclusions\n\n4.1 Unavailability does not include any period of:\n\n"
        "4.1.1 Planned Maintenance notified at least 5 (five) Business Days in advance;\n\n"
        "4.1.2 a force majeure event.\n\n## 7. Reporting\n\n7.1 The Supplier shall inform the Customer of the "
        "availability achieved in each month by e-mail.\n\n7.2 The Parties shall meet quarterly to review the "
        "service level reports.\n",
        "sla.md",
    )
    assert term_keys(result, TermKind.uptime_measurement) == [(None, None, "vendor_monitoring", None)]
    assert {t.basis for t in result.terms if t.kind is TermKind.carve_out} == {"maintenance", "force_majeure"}
    assert term_keys(result, TermKind.maintenance_notice) == [(Decimal(5), "business_day", None, None)]
    assert term_keys(result, TermKind.reporting) == [(None, None, "month", None)]


def test_targets_for_each_of_two_components_and_a_third_party_platform_exclusion() -> None:
    result = review_text(
        "2. The Vendor commits to an availability of 99.95% for the Voice Service, and of 99.9% for each of the "
        "Chat Service and the Agent Desktop, in each calendar month.\n\n"
        "3. Excluded are failures of third-party messaging platforms and of third-party carrier networks.\n",
        "sla.md",
    )
    assert sorted(t.detail for t in result.terms if t.kind is TermKind.uptime_target) == [
        "per component: agent desktop",
        "per component: chat service",
        "per component: voice service",
    ]
    assert sorted(t.basis or "" for t in result.terms if t.kind is TermKind.carve_out) == ["carrier", "third_party"]


def test_a_schedule_of_the_document_itself_is_no_other_document() -> None:
    own = review_text(
        '# Master Services Agreement\n\n1.1 "Service Levels" means those in Schedule 2 (Service Levels).\n\n'
        "## SCHEDULE 2 SERVICE LEVELS\n\n1. Availability is 99.9% a month.\n",
        "msa.md",
    )
    assert term_keys(own, TermKind.reference) == []
    elsewhere = review_text('# Order\n\n1.1 "Service Levels" means those in Schedule 2 (Service Levels).\n', "order.md")
    assert term_keys(elsewhere, TermKind.reference) == [(None, None, "sla", None)]


def test_ai_features_named_before_their_description_and_switched_off_unless_asked() -> None:
    result = review_text(
        "| Item | Rate |\n|---|---|\n| Vendor Lens speech analytics | ZAR 0.20 per analysed minute |\n\n"
        "3.4 Vendor Lens is provisioned only on queues the Customer activates in writing.\n",
        "order.md",
    )
    assert term_keys(result, TermKind.ai_opt_in) == [(None, None, None, None)]
    assert "ai_billable_by_default" not in {f.rule for f in result.findings}
    asked = review_text(
        "4.1 Vendor Helper writes an AI summary after each call. It is switched off unless the Customer asks for it "
        "in writing.\n",
        "order.md",
    )
    assert term_keys(asked, TermKind.ai_opt_in) == [(None, None, None, None)]


def test_a_summary_of_findings_is_no_ai_feature() -> None:
    # "summary" alone named an AI feature: a penetration test's summary "on request" was read as an AI opt-in.
    result = review_text("5. A summary of findings is available to the Customer on request.\n", "dpa.md")
    assert term_keys(result, TermKind.ai_opt_in) == []


def test_true_ups_renewal_price_and_a_paid_export_stated_by_the_next_sentence() -> None:
    result = review_text(
        "4.3 Licences in use in excess of those ordered are invoiced at the Supplier's list price.\n\n"
        "5.4 The Fees for a renewal period are the Fees in force immediately before that renewal period.\n\n"
        "14.2 Within 30 (thirty) days after termination the Customer may ask for its data for download. The "
        "Supplier shall do so at its standard professional services rates.\n",
        "msa.md",
    )
    assert term_keys(result, TermKind.true_up) == [(None, None, "list_price", None)]
    assert term_keys(result, TermKind.renewal_pricing) == [(None, None, "same_price", None)]
    assert term_keys(result, TermKind.data_export) == [(Decimal(30), "day", "paid", None)]
    ours = review_text(
        "4.2 If the number of users active in a month is higher than the number in your Service Order, we invoice "
        "the extra users at the per-user prices in your Service Order.\n",
        "terms.md",
    )
    assert term_keys(ours, TermKind.true_up) == [(None, None, "contract_price", None)]


def test_new_zealand_blocks_working_days_and_month_to_month() -> None:
    result = review_text(
        "5.2 Calls are charged in 60-second blocks.\n\n"
        "9. Invoices are payable within 15 working days after the invoice date, by direct credit.\n\n"
        "11.2 After the Minimum Term the Agreement continues from month to month until either of us gives at least "
        "60 days' notice to end it.\n",
        "terms.md",
    )
    assert term_keys(result, TermKind.usage_rounding) == [(Decimal(60), "second", "per_call", None)]
    assert term_keys(result, TermKind.payment_terms) == [(Decimal(15), "business_day", None, None)]
    assert term_keys(result, TermKind.renewal_term) == [(Decimal(1), "month", "auto", None)]
    assert term_keys(result, TermKind.renewal_notice) == [(Decimal(60), "day", "auto", None)]


def test_quoted_words_replaced_without_saying_the_words() -> None:
    result = review_texts(
        ("sla.md", "# Service Levels\n\n8.6 The Customer must claim a service credit within 20 days of the month.\n"),
        ("side-letter.md", '# Amendment\n\n3. In clause 8.6 of the Order, "20 days" is replaced with "40 days".\n'),
    )
    # the amendment restates the claim window with its new figure, cited to itself
    assert [(t.value, t.location.document) for t in result.terms if t.kind is TermKind.credit_claim_deadline] == [
        (Decimal(20), "sla.md"),
        (Decimal(40), "side-letter.md"),
    ]


def test_a_wrapped_cell_on_a_line_of_its_own_keeps_the_table() -> None:
    result = review_text(
        "Item | Description | Rate (HKD)\n\nU1 | Outbound calls to | 0.55 per minute\n\n| Mainland China |\n\n"
        "U2 | Web chat | 0.95 per session\n",
        "order.txt",
    )
    assert term_keys(result, TermKind.usage_rate) == [
        (Decimal("0.55"), "HKD/minute", None, None),
        (Decimal("0.95"), "HKD/session", None, None),
    ]


def test_a_price_restated_after_an_amended_quantity_is_that_lines_price() -> None:
    # Noticed on fresh11 and left then: the restated price took its own sentence as the line's name.
    result = review_texts(
        (
            "order.md",
            "# Order\n\n| Line | Quantity | Price |\n|---|---|---|\n| Agent seat | 40 | 1 290 Kč per user "
            "per month |\n",
        ),
        (
            "amendment.md",
            "# Amendment No. 2\n\n1. The number of Agent seats is increased from 40 to 55. The price "
            "per user per month remains 1 290 Kč.\n",
        ),
    )
    amended = [(t.kind, t.value, t.detail) for t in result.terms if t.location.document == "amendment.md"
               and t.kind in (TermKind.seat_price, TermKind.seat_quantity)]  # fmt: skip
    assert amended == [
        (TermKind.seat_quantity, Decimal(55), "Agent"),
        (TermKind.seat_price, Decimal(1290), "Agent"),
    ]
