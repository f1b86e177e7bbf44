"""Units keep exact offsets; patterns fire on the wording they were written for and not on unrelated text."""

from __future__ import annotations

import pytest

from principal.review.clauses.categories import CATEGORIES
from principal.review.clauses.patterns import (
    PATTERN_NAMES,
    PATTERNS,
    matching_patterns,
    pattern_columns,
    pattern_hits,
)
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


def test_a_sentence_cut_by_a_page_break_is_one_unit() -> None:
    text = (
        "The Supplier may, upon written notice, suspend deliveries of the Products if any invoice is\n\n\n\n"
        "12\n\n\n\nunpaid for more than sixty days after its due date. "
        "The next sentence stands alone here, as it should."
    )
    quotes = [text[u.start : u.end] for u in split_units(text)]
    assert quotes[0].startswith("The Supplier may") and quotes[0].endswith("after its due date.")
    assert quotes[1] == "The next sentence stands alone here, as it should."


def test_a_finished_sentence_is_not_joined_across_a_blank_line() -> None:
    text = "This sentence is complete and long enough.\n\nand this lower-case line is a separate piece of text."
    assert len(split_units(text)) == 2


def test_a_list_introduction_travels_with_its_items() -> None:
    text = (
        "Either party may terminate this Agreement at any time on any of the following grounds:\n"
        "(a) the other party's material breach; or\n(b) the other party's insolvency.\n\n"
        "Notices shall be given in writing to the addresses above."
    )
    quotes = [text[u.start : u.end] for u in split_units(text)]
    assert quotes == [
        "Either party may terminate this Agreement at any time on any of the following grounds:\n"
        "(a) the other party's material breach; or\n(b) the other party's insolvency.",
        "Notices shall be given in writing to the addresses above.",
    ]


def test_a_long_list_keeps_its_introduction_with_the_first_item_only_within_the_cap() -> None:
    item = "(x) " + "an item of the list that is long enough to matter " * 5 + ";\n"
    text = "The Customer shall provide the following:\n" + item * 12
    units = split_units(text)
    assert all(u.end - u.start <= MAX_UNIT_CHARS for u in units)
    first = text[units[0].start : units[0].end]
    assert first.startswith("The Customer shall provide the following:\n(x) an item")
    assert len(units) > 1


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


@pytest.mark.parametrize(
    "sentence",
    [
        "Licensor shall offer Licensee royalty terms at least as favorable as those granted to any other licensee.",
        "The price charged to Buyer shall be no higher than the lowest price charged to any other customer.",
        "The pricing to Customer shall not be less favorable than the pricing offered to any third party.",
    ],
)
def test_most_favoured_wordings_fire(sentence: str) -> None:
    assert "Most Favored Nation" in pattern_hits(sentence)


@pytest.mark.parametrize(
    ("sentence", "category"),
    [
        # A right of first refusal on matching terms is not most-favoured pricing.
        (
            "If Company does not exercise its right of first refusal, Owner may sell to a third party on terms "
            "no less favorable than those offered to Company.",
            "Most Favored Nation",
        ),
        # A service level "as favorable as" industry standard compares with no other customer.
        ("Supplier shall provide service at least as favorable as is standard in its industry.", "Most Favored Nation"),
        # Keeping records for a minimum period is not a purchase commitment.
        ("Distributor agrees to maintain all such records for a minimum of three years.", "Minimum Commitment"),
        ("This License does not include a minimum annual royalty payable by the Licensee.", "Minimum Commitment"),
        # "up to" a number of days is a period, not a volume.
        ("Customer may extend the deadline for up to thirty (30) days.", "Volume Restriction"),
        # Termination by mutual agreement, or a list introduction alone, is not termination for convenience.
        (
            "The parties may terminate this Agreement at any time by mutual written consent.",
            "Termination For Convenience",
        ),
        ("may terminate this Agreement on notice at any time after the cure period.", "Termination For Convenience"),
    ],
)
def test_look_alikes_do_not_fire_the_clause_patterns(sentence: str, category: str) -> None:
    assert category not in pattern_hits(sentence)


@pytest.mark.parametrize(
    ("sentence", "category"),
    [
        ("Owner may sell on the same terms offered under the right of first refusal.", "Most Favored Nation"),
        ("Distributor agrees to retain such records for at least five (5) years.", "Minimum Commitment"),
        ("The parties may terminate this Agreement by mutual agreement.", "Termination For Convenience"),
        ("Either party may terminate this Agreement if the other party breaches it.", "Termination For Convenience"),
    ],
)
def test_look_alike_columns_name_the_look_alike(sentence: str, category: str) -> None:
    assert category in pattern_columns(sentence)[1]


def test_a_price_increase_limit_fires() -> None:
    assert "Price Restrictions" in pattern_hits("Any increase in the Fees does not exceed five percent (5%) per year.")


def test_patterns_stay_quiet_on_unrelated_text() -> None:
    assert pattern_hits("This Agreement is governed by the laws of the State of New York.") == ()


def test_pattern_names_are_unique_and_belong_to_a_category() -> None:
    assert len(set(PATTERN_NAMES)) == len(PATTERNS)
    assert {p.category for p in PATTERNS} == set(CATEGORIES)
    assert all(p.name.startswith(f"{p.category}: ") for p in PATTERNS)
    assert all(p.name.startswith(f"{p.category}: not: ") == p.look_alike for p in PATTERNS)


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
