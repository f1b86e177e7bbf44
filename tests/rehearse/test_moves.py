"""Reading the buyer's moves: commands and plain English become moves; anything unclear becomes a question."""

from __future__ import annotations

from decimal import Decimal

import pytest

from principal.present import formatter_for
from principal.rehearse.deal_board import DealBoard
from principal.rehearse.moves import Move, MoveKind, Question, read_move


def _level(db: DealBoard, key: str, number: Decimal | None = None, words: str | None = None) -> int:
    issue = db.board.issues[db.board.position(key)]
    for n, level in enumerate(issue.levels):
        if (number is not None and level.number == number) or (words is not None and words in level.words):
            return n
    raise AssertionError(f"{key} has no level {number or words}")


def test_plain_english_reads_a_seat_price_and_a_cap(deal_board: DealBoard) -> None:
    move = read_move(deal_board.board, "we need $140 a seat and a 110% cap")
    assert move == Move(
        MoveKind.offer,
        (
            ("seat_price", _level(deal_board, "seat_price", Decimal(140))),
            ("usage_cap", _level(deal_board, "usage_cap", Decimal(110))),
        ),
    )


def test_commands(deal_board: DealBoard) -> None:
    b = deal_board.board
    assert read_move(b, "ask seat price 141") == Move(
        MoveKind.ask, (("seat_price", _level(deal_board, "seat_price", Decimal(141))),)
    )
    assert read_move(b, "ask bands") == Move(MoveKind.ask, (("usage_rates", 1),))
    assert read_move(b, "offer uplift=3 cap=none") == Move(
        MoveKind.offer, (("uplift", _level(deal_board, "uplift", Decimal(3))), ("usage_cap", 0))
    )
    assert read_move(b, "trade uplift=4 for seat_price=140") == Move(
        MoveKind.trade,
        (("seat_price", _level(deal_board, "seat_price", Decimal(140))),),
        (("uplift", _level(deal_board, "uplift", Decimal(4))),),
    )
    for word in ("accept", "walk", "why", "score", "issues", "help"):
        assert read_move(b, word) == Move(MoveKind(word))
    assert read_move(b, "we can sign that") == Move(MoveKind.accept)
    assert read_move(b, "then we walk away") == Move(MoveKind.walk)


@pytest.mark.parametrize(
    ("text", "question"),
    [
        ("we need $140", "What is $140.00 for? Say which issue, for example: $140.00 a seat."),
        ("and 110%", "Which issue is that percentage for: the uplift or the usage cap?"),
        ("€140 a seat", "The deal is priced in USD; what is that figure in USD?"),
        ("ask seat price 140.5", "This rehearsal prices the seat in round steps; did you mean $140.00 or $141.00?"),
        (
            # the ladder runs $1 steps from $145 to two steps past the vendor's room: $452,393.06 / $17,023.50 a
            # step -> 27 steps, so the lowest price is $145 - 29 = $116
            "we need $50 a seat",
            "$50.00 is below every seat price this rehearsal models; the lowest is $116.00, already past what the "
            "vendor's model lets the rep give. Ask at $116.00 or above.",
        ),
        ("what about 5", "I could not tell what 5 is: give its unit, for example $140 a seat or 110%."),
        ("ask uplift 7", "annual uplift has no level at that figure; the levels are: 5%, 4%, 3%, 2%, 1%, 0%."),
        (
            "offer colour=blue",
            "Which issue is colour? The open issues are seat_price, uplift, usage_rates, usage_cap, "
            "sla_credits, chronic_exit, holdback, exit_terms.",
        ),
        ("we want a better cap", "What usage cap do you want? Give the figure."),
    ],
)
def test_unclear_input_gets_a_question_never_a_guess(deal_board: DealBoard, text: str, question: str) -> None:
    read = read_move(deal_board.board, text)
    assert isinstance(read, Question)
    assert formatter_for("USD").text(read.statement) == question
