"""Units keep exact offsets; patterns fire on the wording they were written for and not on unrelated text."""

from __future__ import annotations

import pytest

from principal.review.clauses.patterns import pattern_hits
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
    ],
)
def test_pattern_fires(sentence: str, category: str) -> None:
    assert category in pattern_hits(sentence)


def test_patterns_stay_quiet_on_unrelated_text() -> None:
    assert pattern_hits("This Agreement is governed by the laws of the State of New York.") == ()
