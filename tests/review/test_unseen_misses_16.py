"""Misses of the twelfth fresh set's first run (the first of them fixed), in other words than the corpus: a
convenience exit denied "except on" a notice is a right on that notice (was read as no right); "Platform Terms"
and "Conditions of Contract" as master terms; French drafting ("invoiced monthly at the end of each month",
"plus one (1) point", "an initial firm period", "prices in force at the expiry of a period", "may be reduced only
with effect from a renewal date")."""

from __future__ import annotations

from decimal import Decimal

import pytest

from principal.review.extract.terms import TermKind
from tests.review.conftest import review_text, review_texts, term_keys


def test_a_convenience_exit_denied_except_on_notice_is_a_right_on_that_notice() -> None:
    result = review_text(
        "7.2 The Customer may not terminate the Order for convenience in its first year, except on sixty (60) days' "
        "notice and on payment of a fee of 40% of the fees remaining until the end of the first year.\n",
        "terms.md",
    )
    assert term_keys(result, TermKind.termination_right) == [(Decimal(60), "day", "convenience", None)]
    denied = review_text("7.2 The Customer may not terminate the Order for convenience.\n", "terms.md")
    assert term_keys(denied, TermKind.termination_right) == [(None, None, "no_convenience", None)]


@pytest.mark.parametrize("name", ["Platform Terms", "Conditions of Contract"])
def test_master_terms_named_platform_terms_or_conditions_of_contract(name: str) -> None:
    order = ("order.md", f"# Order\n\n1. This Order is subject to the Vendor's {name}. Seats: 5.\n")
    missing = review_texts(order, ("sla.md", "# Service Level Annex\n\n1. Uptime is 99.9% each month.\n"))
    assert "referenced_document_missing" in {f.rule for f in missing.findings}
    supplied = review_texts(order, ("terms.md", f"# Vendor {name}\n\n1. These terms govern each Order.\n"))
    assert "referenced_document_missing" not in {f.rule for f in supplied.findings}


def test_french_drafting_of_billing_indexation_term_renewal_price_and_reductions() -> None:
    result = review_text(
        "4.2 Subscriptions are invoiced monthly at the end of each month.\n\n"
        "4.5 Prices are revised each year by the change in the consumer price index, plus two (2) points.\n\n"
        "5.1 The Contract is concluded for an initial firm period of two (2) years.\n\n"
        "5.3 The prices in force at the expiry of a period continue to apply during the renewal period.\n\n"
        "6.1 The number of licences may be reduced only with effect from a renewal date; no reduction is possible "
        "during a period.\n",
        "order.md",
    )
    assert term_keys(result, TermKind.billing_frequency) == [(None, None, "monthly_arrears", None)]
    assert term_keys(result, TermKind.price_increase) == [(Decimal(2), "%", "cpi", None)]
    assert term_keys(result, TermKind.subscription_term) == [(Decimal(24), "month", None, None)]
    assert term_keys(result, TermKind.renewal_pricing) == [(None, None, "same_price", None)]
    assert term_keys(result, TermKind.seat_reduction) == [(None, None, "renewal", None)]
