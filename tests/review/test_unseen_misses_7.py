"""Misses left after the fifth fresh set's fixes, in other words than the corpus: a measurement period that the
document defines once (in a definitions clause, after the sentence that uses it, or in brackets) gives the
window of every uptime target, credit cap and report that names it; and a usage unit named before its price with
a qualifier in between ("each conversation handled by the assistant shall be charged at ...")."""

from __future__ import annotations

from decimal import Decimal

import pytest

from principal.review.extract.defined_periods import defined_periods
from principal.review.extract.terms import TermKind
from principal.review.result import ReviewResult
from tests.review.conftest import review_text


def _keys(result: ReviewResult, kind: TermKind) -> list[tuple[object, ...]]:
    return [t.key()[1:5] for t in result.terms if t.kind is kind]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Each Measurement Window is one calendar quarter.", {"measurement window": "quarter"}),
        ('"Availability Period" shall mean each calendar month of the Term.', {"availability period": "month"}),
        ("Uptime is counted over each calendar month (each, a “Review Period”).", {"review period": "month"}),
        ("“Service Year” means a contract year.", {"service year": "year"}),
        ("“Service Credit” means a credit against the monthly fees.", {}),  # no period, window, cycle, month or year
        ("The Renewal Period is twelve (12) months.", {"renewal period": "year"}),
        ("The Initial Period is thirty-six (36) months.", {}),  # no measurement window in it
        ('"Reporting Period" means the period stated in the Order Form.', {}),  # defined elsewhere: unknown
    ],
)
def test_periods_a_document_defines(text: str, expected: dict[str, str]) -> None:
    assert defined_periods(text) == expected


def test_a_period_defined_twice_with_different_windows_is_left_out() -> None:
    text = '"Review Period" means a calendar month. ... "Review Period" means a calendar quarter.'
    assert defined_periods(text) == {}


def test_an_uptime_target_takes_the_window_its_defined_period_names() -> None:
    result = review_text(
        "1. Definitions\n\n1.1 “Measurement Window” means each calendar quarter.\n\n"
        "2. Service Levels\n\n2.1 The Provider shall make the Platform available at least 99.8% of the time in "
        "each Measurement Window.\n\n2.2 The Provider shall send the Customer an availability report within ten "
        "(10) business days after the end of each Measurement Window.\n",
        "sla.md",
    )
    assert _keys(result, TermKind.uptime_target) == [(Decimal("99.8"), "%", "quarter", None)]
    assert [t.basis for t in result.terms if t.kind is TermKind.reporting] == ["quarter"]


def test_a_definition_after_the_sentence_that_uses_it_still_counts() -> None:
    result = review_text(
        "3.1 Voice services shall be available at least 99.95% in every Availability Period, and messaging at "
        "least 99.5% in every Availability Period. An Availability Period is a calendar month.\n",
        "schedule.md",
    )
    assert _keys(result, TermKind.uptime_target) == [
        (Decimal("99.95"), "%", "month", None),
        (Decimal("99.5"), "%", "month", None),
    ]


def test_without_a_definition_the_window_stays_unknown() -> None:
    result = review_text("3.1 Voice services shall be available at least 99.95% in every Availability Period.\n",
                         "schedule.md")  # fmt: skip
    assert _keys(result, TermKind.uptime_target) == [(Decimal("99.95"), "%", None, None)]


def test_a_usage_unit_named_before_its_price_with_a_qualifier_between() -> None:
    result = review_text(
        "4.2 Each conversation handled by the virtual assistant shall be charged at EUR 0.35.\n", "order.md"
    )
    assert [(t.value, t.unit) for t in result.terms if t.kind is TermKind.usage_rate] == [
        (Decimal("0.35"), "EUR/conversation")
    ]


def test_a_period_the_msa_defines_gives_the_window_of_the_sla_exhibit_in_its_package() -> None:
    from principal.review.ingest import read_document
    from principal.review.review import review_documents

    msa = read_document(
        b'Master Services Agreement\n\n1. Definitions\n\n1.4 "Service Period" means each calendar month.\n\n'
        b"2. Fees\n\n2.1 The Customer shall pay each invoice within thirty (30) days.\n",
        "msa.md",
    )
    sla = read_document(
        b"Exhibit B: Service Levels\n\n1. Availability\n\n1.1 The Service shall be available at least 99.9% "
        b"in each Service Period.\n",
        "sla.md",
    )
    alone = review_documents([sla], check_contract=False, clauses=False)
    together = review_documents([msa, sla], check_contract=False, clauses=False)
    assert _keys(alone, TermKind.uptime_target) == [(Decimal("99.9"), "%", None, None)]
    assert _keys(together, TermKind.uptime_target) == [(Decimal("99.9"), "%", "month", None)]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("14.1 The Supplier's liability shall be limited in the aggregate to an amount equal to eighteen (18) "
         "months' fees paid by the Buyer.", [(Decimal(18), "month", "fees", None)]),
        ("14.1 The Vendor's total liability shall in no case exceed the charges paid in the nine (9) months "
         "preceding the claim.", [(Decimal(9), "month", "fees", None)]),
        ("14.1 The Provider shall not be liable for any sum in excess of the fees paid in the four (4) months "
         "before the claim arose.", [(Decimal(4), "month", "fees", None)]),
        ("14.1 The Provider's maximum liability is capped at the fees paid in the prior 12 months.",
         [(Decimal(12), "month", "fees", None)]),
        ("14.1 The Provider's liability in aggregate shall not be more than the fees paid in the previous two (2) "
         "months.", [(Decimal(2), "month", "fees", None)]),
        ("14.1 The Vendor's cumulative liability is restricted to 1x the annual subscription fees.",
         [(Decimal(12), "month", "fees", None)]),
        ("14.1 The Vendor's liability shall not exceed three (3) times the annual charges.",
         [(Decimal(36), "month", "fees", None)]),
        ("14.1 The Vendor's liability shall not exceed twice the annual fees.", [(Decimal(24), "month", "fees", None)]),
        ("14.1 The Provider shall carry professional liability insurance with limits of not less than USD "
         "2,000,000 per claim.", []),  # an insurance cover caps nothing
        ("14.1 Neither party shall be liable for indirect or consequential damages.", []),
    ],
)  # fmt: skip
def test_liability_caps_in_the_words_real_agreements_use(text: str, expected: list[tuple[object, ...]]) -> None:
    assert _keys(review_text(text, "msa.md"), TermKind.liability_cap) == expected


_RENEWAL_KINDS = (TermKind.subscription_term, TermKind.renewal_term, TermKind.renewal_notice, TermKind.renewal_pricing)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("5.1 The subscription shall automatically renew for successive one (1) year terms at the Vendor's then "
         "prevailing rates unless either party gives at least forty-five (45) days' prior written notice of "
         "non-renewal.",
         [("renewal_pricing", None, None, "list_price", None), ("renewal_term", Decimal(12), "month", "auto", None),
          ("renewal_notice", Decimal(45), "day", "auto", None)]),
        ("5.1 After the Initial Term, this Order continues on a month-to-month basis until either party ends it "
         "with thirty (30) days' written notice.",
         [("renewal_term", Decimal(1), "month", "auto", None), ("renewal_notice", Decimal(30), "day", "auto", None)]),
        ("5.1 The Term is then extended by further one-year periods unless cancelled by the Customer on ninety "
         "(90) days' notice.",
         [("renewal_term", Decimal(12), "month", "auto", None), ("renewal_notice", Decimal(90), "day", "auto", None)]),
        ("5.1 Either party may elect not to renew by written notice at least 60 days before the end of the term; "
         "otherwise the term renews for a further 12 months.",
         [("renewal_term", Decimal(12), "month", "auto", None), ("renewal_notice", Decimal(60), "day", "auto", None)]),
        ("5.1 The Agreement ends automatically on 30 June 2028 unless the parties agree in writing to extend it.",
         [("renewal_term", None, None, "by_agreement", None)]),
        ("5.1 The term may be extended for one further year upon the parties' mutual written agreement.",
         [("renewal_term", Decimal(12), "month", "by_agreement", None)]),
        ("5.1 This Agreement starts on the Effective Date and is valid for a period of four (4) years, with "
         "automatic renewal of one year thereafter unless either party gives six (6) months' written notice.",
         [("subscription_term", Decimal(48), "month", None, None),
          ("renewal_term", Decimal(12), "month", "auto", None), ("renewal_notice", Decimal(6), "month", "auto", None)]),
        ("5.1 The Vendor shall notify the Customer of a nonrenewal no less than ninety (90) days before the end of "
         "the term.", [("renewal_notice", Decimal(90), "day", "auto", None)]),
        ("5.1 After the first year, the Order shall be effective month to month until either party ends it on "
         "forty-five (45) days' written notice.",
         [("renewal_term", Decimal(1), "month", "auto", None), ("renewal_notice", Decimal(45), "day", "auto", None)]),
        ("5.1 The Agreement remains in effect for three years from signature and thereafter continues "
         "automatically for successive annual periods.",
         [("subscription_term", Decimal(36), "month", None, None),
          ("renewal_term", Decimal(12), "month", "auto", None)]),
        ("5.1 The Subscription is subject to an automatic extension for consecutive two (2) year periods unless "
         "either party gives ninety (90) days' notice.",
         [("renewal_term", Decimal(24), "month", "auto", None), ("renewal_notice", Decimal(90), "day", "auto", None)]),
        ("5.1 The Supplier may grant a month-to-month extension of the deadline for the acceptance tests.", []),
        # not the contract's renewal: a deadline extended by force majeure, rights that vest automatically
        ("5.1 Where force majeure delays performance, the time for performance is automatically extended by the "
         "period of delay.", []),
        ("5.1 Any rights in the deliverables that do not vest automatically in the Customer are hereby assigned "
         "to it.", []),
    ],
)  # fmt: skip
def test_renewals_in_the_words_real_agreements_use(text: str, expected: list[tuple[object, ...]]) -> None:
    result = review_text(text, "msa.md")
    assert [(t.kind.value, *t.key()[1:5]) for t in result.terms if t.kind in _RENEWAL_KINDS] == expected
