"""Misses of the seventeenth fresh set's first run (Italian, Colombian and Vietnamese drafting), in other words than
the corpus."""

from __future__ import annotations

from decimal import Decimal

from principal.review.extract.terms import TermKind
from tests.review.conftest import review_text, review_texts, term_keys


def test_a_dollar_sign_in_a_document_priced_in_chilean_pesos_is_pesos() -> None:
    result = review_text(
        "# Commercial Proposal\n\nAll prices are stated in Chilean pesos and exclude VAT.\n\n"
        "3.1 The licence fee is $ 18.500 per Agent per month.\n",
        "proposal.md",
    )
    # "18.500" with a point for thousands: eighteen thousand five hundred pesos, not 18.50 dollars
    assert term_keys(result, TermKind.seat_price) == [(Decimal(18500), "CLP/user/month", None, None)]


def test_the_currency_another_document_of_the_package_names_gives_the_dollar_sign_its_meaning() -> None:
    result = review_texts(
        ("offer.md", "# Offer\n\nAmounts are in Colombian pesos (COP).\n\n1. Fees apply as set out in the Annex.\n"),
        ("annex.md", "# Annex Prices\n\n2.1 Each Agent licence costs $ 92.000 per month.\n"),
    )
    assert term_keys(result, TermKind.seat_price) == [(Decimal(92000), "COP/user/month", None, None)]


def test_a_document_that_names_us_dollars_keeps_the_dollar_sign_as_usd() -> None:
    # a regression guard: naming another dollar only to refuse it does not change what "$" means
    result = review_text(
        "# Order\n\nAll amounts are in U.S. dollars. Canadian dollars are not accepted.\n\n"
        "2.1 Each Agent seat costs $95.00 per month.\n",
        "order.md",
    )
    assert term_keys(result, TermKind.seat_price) == [(Decimal("95.00"), "USD/user/month", None, None)]


def test_a_lock_in_followed_by_an_allowed_reduction_is_not_a_prohibition() -> None:
    result = review_text(
        "# Order\n\n4.1 The Customer shall not reduce the number of Agent licences during the first eighteen (18) "
        "months of the Term. After that the Customer may reduce the licences by up to 15% at each anniversary.\n",
        "order.md",
    )
    assert term_keys(result, TermKind.seat_reduction) == [(Decimal(15), "%", "allowed", None)]


def test_reduce_them_refers_to_the_licences_of_the_sentence_before() -> None:
    result = review_text(
        "# Order\n\n4.1 The Client subscribes to 300 Agent licences. From the second contract year the Client may "
        "reduce them by no more than 10% per year.\n",
        "order.md",
    )
    assert term_keys(result, TermKind.seat_reduction) == [(Decimal(10), "%", "allowed", None)]


def test_a_project_director_kept_unless_the_client_agrees_in_writing() -> None:
    result = review_text(
        "# Conditions\n\n7.1 The Supplier appoints a Project Director for the implementation. The Supplier shall not "
        "replace the Project Director unless the Client agrees in writing.\n",
        "conditions.md",
    )
    assert term_keys(result, TermKind.key_personnel) == [(None, None, "approval", None)]


def test_a_replacement_that_does_not_require_consent_is_the_vendors_choice() -> None:
    result = review_text(
        "# Conditions\n\n7.1 The Supplier names a Project Manager. The Supplier may replace the Project Manager, and "
        "the replacement does not require the Client's consent.\n",
        "conditions.md",
    )
    assert term_keys(result, TermKind.key_personnel) == [(None, None, "vendor_discretion", None)]


def test_terms_stated_as_validity_duration_or_term_of_execution() -> None:
    sentences = (
        "This Contract is valid for twenty-four (24) months from the date of signature.",
        "The Contract shall have a duration of thirty-six (36) months from activation.",
        "The term of execution shall be eighteen (18) months from the start of operation.",
    )
    found = [term_keys(review_text(f"# Contract\n\n2.1 {s}\n", "contract.md"), TermKind.subscription_term)
             for s in sentences]  # fmt: skip
    assert found == [
        [(Decimal(24), "month", None, None)],
        [(Decimal(36), "month", None, None)],
        [(Decimal(18), "month", None, None)],
    ]


def test_withdrawing_from_the_contract_is_an_exit_for_convenience_with_the_notice_it_names() -> None:
    result = review_text(
        "# Contract\n\n9.1 The Client may withdraw from the Contract at any time after the first twelve (12) months, "
        "by giving the Supplier at least two (2) months' written notice.\n",
        "contract.md",
    )
    # the notice is two months, not the twelve months before the exit opens
    assert term_keys(result, TermKind.termination_right) == [(Decimal(2), "month", "convenience", None)]


def test_an_exit_open_after_a_period_takes_its_notice_not_the_period() -> None:
    result = review_text(
        "# Contract\n\n9.1 The Customer may terminate this Agreement at any time after twelve (12) months from the "
        "Go-Live Date by giving at least sixty (60) days' written notice.\n",
        "contract.md",
    )
    assert term_keys(result, TermKind.termination_right) == [(Decimal(60), "day", "convenience", None)]


def test_early_exit_fees_as_all_remaining_charges_or_a_share_of_what_would_have_accrued() -> None:
    whole = review_text(
        "# Contract\n\n9.2 If the Client terminates early, it shall pay all the remaining subscription charges for "
        "the Term.\n",
        "contract.md",
    )
    share = review_text(
        "# Contract\n\n9.2 If the Client terminates early, it shall pay forty per cent (40%) of the fees that would "
        "have accrued until the end of the Term.\n",
        "contract.md",
    )
    assert term_keys(whole, TermKind.termination_fee) == [(None, None, "remaining_fees", None)]
    assert term_keys(share, TermKind.termination_fee) == [(Decimal(40), "%", "remaining_fees", None)]


def test_a_compensation_for_missed_availability_is_a_service_credit() -> None:
    result = review_text(
        "# Service Levels\n\n3.1 The Platform shall be available 99.8% of each month.\n\n3.2 If monthly availability "
        "is below 99.8%, the Supplier shall grant a compensation of 5% of the monthly licence fees.\n",
        "levels.md",
    )
    assert term_keys(result, TermKind.credit_tier) == [(Decimal(5), "%", "below", Decimal("99.8"))]


def test_a_ladder_whose_header_names_the_compensation() -> None:
    result = review_text(
        "# Service Levels\n\n| Monthly availability | Compensation (% of monthly fees) |\n|---|---|\n"
        "| below 99.8% | 4% |\n| below 99.0% | 8% |\n",
        "levels.md",
    )
    assert term_keys(result, TermKind.credit_tier) == [
        (Decimal(4), "%", "below", Decimal("99.8")),
        (Decimal(8), "%", "below", Decimal("99.0")),
    ]


def test_the_compensation_an_exit_waives_is_not_a_credit() -> None:
    # a regression guard: the exit fee an exit does without is no service credit
    result = review_text(
        "# Service Levels\n\n3.1 The Platform shall be available 99.8% of each month.\n\n5.1 If availability is "
        "below 99.0% in two consecutive months, the Client may terminate the Contract without paying the "
        "compensation set out in Clause 12.\n",
        "levels.md",
    )
    assert term_keys(result, TermKind.credit_tier) == []
    assert term_keys(result, TermKind.termination_right) == [(None, None, "chronic", None)]


def test_a_chronic_failure_exit_by_written_notice_of_a_number_of_days() -> None:
    result = review_text(
        "# Service Levels\n\n5.1 If availability is below 99.0% in three consecutive months, the Client may terminate "
        "the Contract by written notice of twenty (20) days, without penalty.\n",
        "levels.md",
    )
    assert term_keys(result, TermKind.termination_right) == [(Decimal(20), "day", "chronic", None)]


def test_credits_without_prejudice_only_to_the_right_to_terminate_stay_the_sole_remedy() -> None:
    result = review_text(
        "# Service Levels\n\n4.1 The service credits are without prejudice to the Client's right to terminate under "
        "clause 5 and are the sole and exclusive remedy of the Client for any failure to meet the availability "
        "level.\n",
        "levels.md",
    )
    assert term_keys(result, TermKind.sole_remedy) == [(None, None, "credits", None)]
