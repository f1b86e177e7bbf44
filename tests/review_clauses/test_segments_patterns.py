"""Units keep exact offsets; patterns fire on the wording they were written for and not on unrelated text."""

from __future__ import annotations

import pytest

from principal.review.clauses.categories import CATEGORIES
from principal.review.clauses.patterns import PATTERN_NAMES, PATTERNS, matching_patterns, pattern_hits
from principal.review.clauses.segments import MAX_UNIT_CHARS, split_units


def test_units_are_sentences_with_exact_offsets() -> None:
    text = (
        "12. Audit Rights.\nCustomer may audit the Supplier's books and records once per year. "
        "Fees are payable within thirty (30) days of invoice.\n\n(a) Either party may terminate this Agreement."
    )
    units = split_units(text)
    quotes = [text[u.start : u.end] for u in units]
    assert quotes == [
        "12. Audit Rights.\nCustomer may audit the Supplier's books and records once per year.",
        "Fees are payable within thirty (30) days of invoice.",
        "(a) Either party may terminate this Agreement.",
    ]


def test_long_text_is_cut_at_whitespace() -> None:
    text = "word " * 1000
    units = split_units(text)
    assert all(u.end - u.start <= MAX_UNIT_CHARS for u in units)
    assert all(not text[u.start : u.end].startswith(" ") for u in units)
    assert sum(text[u.start : u.end].count("word") for u in units) == 1000


def test_empty_text_has_no_units() -> None:
    assert split_units("   \n\n  ") == []


@pytest.mark.parametrize(
    ("sentence", "category"),
    [
        ("In no event shall either party's aggregate liability exceed the fees paid.", "Cap On Liability"),
        ("This Agreement shall automatically renew for successive one-year terms.", "Renewal Term"),
        ("The prices shall be no less favorable than those offered to any other customer.", "Most Favored Nation"),
        ("Customer shall pay liquidated damages of $500 per day of delay.", "Liquidated Damages"),
        ("Licensor may audit Licensee's records on ten days' notice.", "Audit Rights"),
        ("Usage in excess of the Committed Volume shall be billed at the overage rate.", "Volume Restriction"),
        ("Supplier shall not be obligated to supply more than 120% of the forecast.", "Volume Restriction"),
        ("The Fees may be adjusted only once per year, by no more than CPI.", "Price Restrictions"),
        ("Vendor shall not increase the prices during the Initial Term.", "Price Restrictions"),
        ("Licensee shall not be charged higher fees than any other licensee.", "Most Favored Nation"),
        ("Customer shall purchase not less than 10,000 units in each Contract Year.", "Minimum Commitment"),
        ("Distributor may sell its remaining inventory for six months after termination.", "Post-Termination Services"),
    ],
)
def test_pattern_fires(sentence: str, category: str) -> None:
    assert category in pattern_hits(sentence)


def test_patterns_stay_quiet_on_unrelated_text() -> None:
    assert pattern_hits("This Agreement is governed by the laws of the State of New York.") == ()


def test_pattern_names_are_unique_and_belong_to_a_category() -> None:
    assert len(set(PATTERN_NAMES)) == len(PATTERNS)
    assert {p.category for p in PATTERNS} == set(CATEGORIES)
    assert all(p.name.startswith(f"{p.category}: ") for p in PATTERNS)


def test_matching_patterns_names_each_matching_expression() -> None:
    sentence = "This Agreement shall automatically renew for successive one-year renewal terms."
    names = {PATTERN_NAMES[i] for i in matching_patterns(sentence)}
    assert names == {
        "Renewal Term: automatic",
        "Renewal Term: successive",
        "Renewal Term: additional-term",
        "Renewal Term: term-word",
    }


def test_patterns_ignore_case() -> None:
    assert "Liquidated Damages" in pattern_hits("THE PARTIES AGREE THESE ARE LIQUIDATED DAMAGES AND NOT A PENALTY.")
