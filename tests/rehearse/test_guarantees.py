"""The rep's guarantees over generated boards and move sequences: it never offers or accepts a package past its
reservation (checked with plain Decimal arithmetic, not the board's own sums), and a seed fixes the whole run."""

from __future__ import annotations

from decimal import Decimal

from hypothesis import given, settings
from hypothesis import strategies as st

from principal.rehearse.board import MICRO, Board, BoardIssue, BoardLevel, reservation_level
from principal.rehearse.persona import PERSONAS
from principal.rehearse.rep import Kind, Rep
from principal.statements import Statement


@st.composite
def boards(draw: st.DrawFn) -> Board:
    count = draw(st.integers(1, 5))
    floor = -draw(st.integers(0, 500_000)) * MICRO
    issues = []
    for n in range(count):
        size = draw(st.integers(1, 8))
        vendor = [0]
        buyer = [0]
        for _ in range(size - 1):
            vendor.append(vendor[-1] - draw(st.integers(0, 200_000)) * MICRO // 7)
            buyer.append(buyer[-1] + draw(st.integers(0, 300_000)) * MICRO // 3)
        levels = tuple(
            BoardLevel(Statement(f"level {k}"), buyer[k], vendor[k], buyer[k] if n == 0 else 0) for k in range(size)
        )
        ask = draw(st.integers(0, size - 1))
        issues.append(BoardIssue(f"issue{n}", f"issue {n}", levels, ask, reservation_level(levels, floor)))
    return Board("USD", tuple(issues), floor, draw(st.integers(-100_000, 100_000)) * MICRO)


def _proposals(board: Board) -> st.SearchStrategy[list[tuple[int, ...]]]:
    one = st.tuples(*(st.integers(0, len(issue.levels) - 1) for issue in board.issues))
    return st.lists(one, min_size=1, max_size=14)


def _within(board: Board, levels: tuple[int, ...]) -> bool:
    """Independent check: every issue at or above its reservation's value, and the sum above the floor (Decimal)."""
    total = Decimal(0)
    for issue, n in zip(board.issues, levels, strict=True):
        value = Decimal(issue.levels[n].vendor)
        if value < Decimal(issue.levels[issue.reservation].vendor):
            return False
        total += value
    return total >= Decimal(board.vendor_floor)


@settings(max_examples=300, deadline=None)
@given(data=st.data(), board=boards(), persona=st.sampled_from(sorted(PERSONAS)), seed=st.integers(0, 2**32))
def test_the_rep_never_concedes_past_its_reservation(
    data: st.DataObject, board: Board, persona: str, seed: int
) -> None:
    rep = Rep(board, PERSONAS[persona], seed=seed)
    assert _within(board, rep.open().levels)
    for proposal in data.draw(_proposals(board)):
        decision = rep.respond(proposal)
        assert _within(board, decision.levels), (decision, proposal)
        if decision.kind is Kind.accept:
            assert decision.levels == proposal
        if decision.kind in (Kind.accept, Kind.end):
            break


@settings(max_examples=100, deadline=None)
@given(data=st.data(), board=boards(), persona=st.sampled_from(sorted(PERSONAS)), seed=st.integers(0, 2**32))
def test_the_same_seed_gives_the_same_decisions(data: st.DataObject, board: Board, persona: str, seed: int) -> None:
    moves = data.draw(_proposals(board))

    def run() -> list[object]:
        rep = Rep(board, PERSONAS[persona], seed=seed)
        out: list[object] = [rep.open()]
        for proposal in moves:
            decision = rep.respond(proposal)
            out.append(decision)
            if decision.kind in (Kind.accept, Kind.end):
                break
        return out

    assert run() == run()


def test_a_proposal_past_the_floor_is_refused_and_flinched_at() -> None:
    levels = tuple(BoardLevel(Statement(f"l{k}"), 10 * k, -100 * k) for k in range(4))
    # floor -150: level 1 (-100) is the deepest the vendor gives on this issue alone
    board = Board("USD", (BoardIssue("price", "price", levels, 3, reservation_level(levels, -150)),), -150, 0)
    assert board.issues[0].reservation == 1
    rep = Rep(board, PERSONAS["quarter-end"], seed=1)
    rep.open()
    decision = rep.respond((3,))
    assert decision.kind is Kind.counter
    assert decision.levels[0] <= 1
    assert "flinch" in decision.tactics
    assert decision.beyond == ("price",)
