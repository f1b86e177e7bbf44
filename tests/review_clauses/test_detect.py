"""Detection with the shipped model on small hand-written clauses: each must be found, and plain text must not."""

from __future__ import annotations

import pytest

from principal.review.clauses import CATEGORIES, classify_clauses, detect_clauses

FILLER = (
    "This Master Services Agreement is entered into between Acme Contact Cloud Inc. and Buyer Ltd. "
    "Buyer wishes to obtain hosted contact-center services from Acme. "
    "This Agreement is governed by the laws of the State of New York. "
    "Notices shall be sent to the addresses set out on the signature page. "
    "The headings in this Agreement are for convenience only. "
)

CLAUSES = {
    "Cap On Liability": (
        "IN NO EVENT SHALL EITHER PARTY'S AGGREGATE LIABILITY ARISING OUT OF THIS AGREEMENT EXCEED THE TOTAL FEES "
        "PAID BY CUSTOMER IN THE TWELVE (12) MONTHS PRECEDING THE CLAIM."
    ),
    "Uncapped Liability": (
        "The limitations of liability in this Section shall not apply to a party's indemnification obligations, "
        "its breach of confidentiality or its gross negligence or willful misconduct."
    ),
    "Termination For Convenience": (
        "Customer may terminate this Agreement for convenience at any time upon thirty (30) days' prior written "
        "notice to Acme."
    ),
    "Renewal Term": (
        "Upon expiry of the Initial Term, this Agreement shall automatically renew for successive renewal terms "
        "of one (1) year each."
    ),
    "Notice Period To Terminate Renewal": (
        "The Agreement renews automatically unless either party gives written notice of non-renewal at least "
        "ninety (90) days prior to the expiration of the then-current term."
    ),
    "Minimum Commitment": (
        "Customer shall purchase a minimum of 400 named agent seats per month during the Term, and the minimum "
        "annual commitment is payable whether or not the seats are used."
    ),
    "Post-Termination Services": (
        "Upon termination or expiration of this Agreement, Acme shall provide transition assistance and shall "
        "return all Customer Data in a standard format within thirty (30) days."
    ),
    "Price Restrictions": (
        "Acme shall not increase the prices set out in the Order Form during the Initial Term, and any increase "
        "thereafter shall not exceed three percent (3%) per year."
    ),
    "Volume Restriction": (
        "Usage in excess of 1,000,000 minutes per month shall be billed as overage at the additional charges "
        "stated in the Order Form."
    ),
    "Liquidated Damages": (
        "If Customer terminates early it shall pay an early termination fee equal to the remaining fees, which "
        "the parties agree are liquidated damages and not a penalty."
    ),
    "Audit Rights": (
        "Customer may, upon ten (10) days' notice, audit and inspect Acme's books and records relating to the "
        "fees charged under this Agreement."
    ),
    "Most Favored Nation": (
        "Acme represents that the prices charged to Customer are no less favorable than the prices it charges "
        "any other customer for similar volumes of the Services."
    ),
}


@pytest.mark.parametrize("category", CATEGORIES)
def test_each_category_is_found_and_quoted(category: str) -> None:
    clause = CLAUSES[category]
    text = FILLER + clause + " " + FILLER
    report = classify_clauses(text)
    decision = report.decision(category)
    assert decision.present, f"{category} scored {decision.score:.3f} under threshold {decision.threshold:.3f}"
    best = decision.best
    assert best is not None
    assert best.quote == text[best.start : best.end]
    start = text.index(clause)
    assert best.start < start + len(clause) and best.end > start  # the cited unit overlaps the clause


def test_plain_text_has_no_clause() -> None:
    assert detect_clauses(FILLER * 3) == []
    assert not any(d.present for d in classify_clauses(FILLER).decisions)


def test_empty_text() -> None:
    report = classify_clauses("")
    assert report.units == 0
    assert [d.present for d in report.decisions] == [False] * len(CATEGORIES)


def test_detection_is_deterministic() -> None:
    text = FILLER + " ".join(CLAUSES.values())
    assert detect_clauses(text) == detect_clauses(text)
