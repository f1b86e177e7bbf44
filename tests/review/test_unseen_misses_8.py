"""Misses left after the sixth fresh set's first run, in other words than the corpus: a vendor that the document
names by a defined short name ("Nordlicht") denied a right the buyer keeps; a termination fee the buyer "pays";
a price increase allowed from the commencement date is no billing start; and a table row labelled "Reductions"
that forbids removing seats."""

from __future__ import annotations

from decimal import Decimal

import pytest

from principal.review.extract.parties import vendor_aliases
from principal.review.extract.terms import TermKind
from principal.review.result import ReviewResult
from tests.review.conftest import review_text

_HEAD = 'Master Agreement between Nordlicht Telefonie GmbH ("Nordlicht") and Acme Retail Ltd (the "Customer").\n\n'


def _keys(result: ReviewResult, kind: TermKind) -> list[tuple[object, ...]]:
    return [t.key()[1:5] for t in result.terms if t.kind is kind]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (_HEAD, ("nordlicht",)),
        ('Order between Kiri Systems K.K. ("Kiri") and the "Customer".', ("kiri",)),
        ('Agreement between Alpha Ltd ("Alpha") and Beta GmbH ("Beta").', ()),  # two companies, no role: neither
        ('This Agreement (the "Agreement") is made with Acme Ltd (the "Supplier").', ("supplier",)),
        ('Terms of the Master Services Agreement ("MSA").', ()),
    ],
)
def test_names_the_document_gives_the_vendor(text: str, expected: tuple[str, ...]) -> None:
    assert vendor_aliases(text) == expected


def test_a_vendor_named_by_its_short_name_denied_convenience_leaves_the_buyers_right() -> None:
    result = review_text(
        _HEAD + "9.2 Nordlicht is not entitled to terminate this Agreement for convenience. The Customer may "
        "terminate for convenience on ninety (90) days' written notice.\n",
        "msa.md",
    )
    assert _keys(result, TermKind.termination_right) == [(Decimal(90), "day", "convenience", None)]


def test_a_termination_fee_the_buyer_pays_in_months_of_fees() -> None:
    result = review_text(
        "9.3 If the Customer ends the Order early, the Customer pays a termination fee equal to two (2) months' "
        "Fees.\n",
        "order.md",
    )
    assert _keys(result, TermKind.termination_fee) == [(Decimal(2), "month", "fees", None)]


def test_a_price_increase_from_the_commencement_date_is_no_billing_start() -> None:
    result = review_text(
        '1.2 "Commencement Date" means the date on which the Order is signed.\n\n'
        "5.1 On each anniversary of the Commencement Date, Kiri may raise the Fees by no more than 3%.\n",
        "order.md",
    )
    assert _keys(result, TermKind.billing_start) == []
    assert _keys(result, TermKind.price_increase_cap) == [(Decimal(3), "%", None, None)]


def test_a_reductions_row_that_forbids_removing_seats() -> None:
    result = review_text(
        "| Item | Terms |\n|---|---|\n| Reductions | Seats may not be removed during the Initial Term. |\n",
        "order.md",
    )
    assert _keys(result, TermKind.seat_reduction) == [(None, None, "prohibited", None)]
