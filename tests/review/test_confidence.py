"""Every term and finding carries its sentence and a confidence; hedged readings are shown as "check this";
files that are not contracts are said to be so."""

from __future__ import annotations

from principal.review.ingest import read_document
from principal.review.package import contract_problem
from tests.review.conftest import review_text


def test_a_plain_reading_is_sure_and_a_hedged_one_is_to_be_checked() -> None:
    plain = review_text("Customer may not reduce the number of seats during the Subscription Term.\n")
    [term] = [t for t in plain.terms if t.kind.value == "seat_reduction"]
    assert term.confidence >= 0.8 and not term.check_this
    assert term.quote == "Customer may not reduce the number of seats during the Subscription Term."
    long_clause = "Customer may not reduce the number of seats, except at renewal unless otherwise agreed, " + (
        "subject to the conditions in the schedules and the ordering documents as amended from time to time, " * 5
    )
    hedged = review_text(long_clause + "\n")
    flagged = [t for t in hedged.terms if t.kind.value == "seat_reduction"]
    assert flagged and all(t.check_this for t in flagged)
    finding = next(f for f in hedged.findings if f.rule == "no_seat_reduction")
    assert finding.check_this and finding.confidence == flagged[0].confidence


def test_files_that_are_not_contracts_are_named_as_such() -> None:
    tiny = read_document(b"hello", "note.txt")
    assert contract_problem(tiny) == (
        "is too short to be a contract (1 word); review the vendor's order form, MSA or SLA itself"
    )
    recipe = read_document(("Whisk the eggs with sugar until pale. Fold in the flour gently and bake the cake "
                            "in a warm oven until golden on top. " * 6).encode(), "recipe.txt")  # fmt: skip
    assert contract_problem(recipe) == (
        "does not read like a contract (none of the usual terms: fees, term, parties, obligations)"
    )
