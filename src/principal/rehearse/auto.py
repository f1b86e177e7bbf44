"""`--auto`: the rep against built-in buyer strategies, many seeds each, on the board alone (no words, no costs).

Buyer strategies (each opens at the buyer's target and never proposes a package above its walk-away):
- boulware: holds its target, gives back late (aspiration e = 0.3);
- conceder: gives back early (e = 2);
- tit-for-tat: gives back what the rep gave in its last move, measured in what it is worth to the vendor;
- packages: proposes only Pareto-efficient packages (the best for the vendor at its aspiration, a linear curve),
  a MESO-style buyer that logrolls instead of splitting every issue.
A strategy accepts the rep's offer once it is worth at least its aspiration and beats its walk-away.
"""

from __future__ import annotations

import bisect
from collections.abc import Callable
from dataclasses import dataclass
from decimal import Decimal

import numpy as np

from principal.rehearse.board import Board, Levels, from_micro
from principal.rehearse.persona import Persona
from principal.rehearse.rep import Kind, Rep
from principal.strategy.negotiation import Issue, IssueSpace, pareto_front

STRATEGIES = ("boulware", "conceder", "tit-for-tat", "packages")


@dataclass(frozen=True)
class Outcome:
    agreed: bool
    levels: Levels | None
    rounds: int


@dataclass
class Buyer:
    """A buyer strategy's state for one negotiation."""

    board: Board
    kind: str
    turns: int
    floor_utility: int
    frontier: tuple[tuple[int, ...], tuple[int, ...], tuple[Levels, ...]] | None = None
    proposal: Levels = ()
    turn: int = 0

    def __post_init__(self) -> None:
        self.proposal = self.board.ask
        top = self.board.buyer(self.board.ask)
        exponent = {"boulware": 0.3, "conceder": 2.0}.get(self.kind, 1.0)
        self._aspirations = tuple(
            int(top - (top - self.floor_utility) * (min(t, self.turns) / self.turns) ** (1 / exponent))
            for t in range(self.turns + 1)
        )

    def aspiration(self) -> int:
        return self._aspirations[min(self.turn, self.turns)]

    def wants(self, offer: Levels) -> bool:
        return self.board.buyer(offer) >= self.aspiration() and self.board.affordable(offer)

    def next(self, offer: Levels, rep_gave: int) -> Levels:
        self.turn += 1
        board = self.board
        if self.kind == "packages" and self.frontier is not None:
            buyers, _vendors, packages = self.frontier
            at = bisect.bisect_left(buyers, self.aspiration())
            if at < len(packages):
                self.proposal = packages[at]
            return self.proposal
        if self.kind == "tit-for-tat":
            budget = rep_gave
            target = None
        else:
            budget = None
            target = self.aspiration()
        current = list(self.proposal)
        buyer_values, vendor_values, savings = board.buyer_values, board.vendor_values, board.savings
        utility = board.buyer(current)
        saving = board.saving(current)
        floor = board.buyer_floor
        while True:
            best: tuple[float, int] | None = None
            for n in range(len(current)):
                here = current[n]
                if here <= offer[n]:
                    continue
                lost = buyer_values[n][here] - buyer_values[n][here - 1]
                gained = vendor_values[n][here - 1] - vendor_values[n][here]
                if saving - savings[n][here] + savings[n][here - 1] < floor:
                    continue
                if target is not None and utility - lost < target:
                    continue
                if budget is not None and gained > budget:
                    continue
                ratio = lost / (gained if gained > 0 else 1)
                if best is None or ratio < best[0]:
                    best = (ratio, n)
            if best is None:
                break
            n = best[1]
            here = current[n]
            if budget is not None:
                budget -= vendor_values[n][here - 1] - vendor_values[n][here]
            utility -= buyer_values[n][here] - buyer_values[n][here - 1]
            saving += savings[n][here - 1] - savings[n][here]
            current[n] = here - 1
        self.proposal = tuple(current)
        return self.proposal


def buyer_frontier(board: Board) -> tuple[tuple[int, ...], tuple[int, ...], tuple[Levels, ...]]:
    """Pareto-efficient affordable packages by buyer utility (ascending): the packages strategy's menu."""
    space = IssueSpace(
        tuple(
            Issue(
                issue.key,
                tuple(str(n) for n in range(len(issue.levels))),
                tuple(float(lv.buyer) for lv in issue.levels),
                tuple(float(lv.vendor) for lv in issue.levels),
            )
            for issue in board.issues
        )
    )
    util = space.all_utilities()
    saving = np.zeros(space.size)
    shape = space.shape
    grids = np.indices(shape).reshape(len(shape), -1)
    for n, issue in enumerate(board.issues):
        saving = saving + np.asarray([float(lv.saving) for lv in issue.levels])[grids[n]]
    ok = saving >= float(board.buyer_floor)
    index = util.index[ok]
    front = pareto_front(util.buyer[ok], util.vendor[ok])
    chosen = index[front]
    buyers = util.buyer[ok][front]
    vendors = util.vendor[ok][front]
    order = np.argsort(buyers, kind="stable")
    levels = space.levels(chosen[order])
    return (
        tuple(round(b) for b in buyers[order]),
        tuple(round(v) for v in vendors[order]),
        tuple(tuple(int(x) for x in row) for row in levels),
    )


def floor_utility(board: Board) -> int:
    """The least buyer utility a strategy aims for: the rep's opening offer's, or more when that is unaffordable."""
    return max(board.buyer(board.opening), 0)


def negotiate(
    board: Board,
    persona: Persona,
    strategy: str,
    seed: int,
    *,
    pressure_bonus: Decimal = Decimal(0),
    frontier: tuple[tuple[int, ...], tuple[int, ...], tuple[Levels, ...]] | None = None,
) -> Outcome:
    rep = Rep(board, persona, seed=seed, pressure_bonus=pressure_bonus)
    offer = rep.open().levels
    buyer = Buyer(board, strategy, persona.turns, floor_utility(board), frontier)
    rep_gave = 0
    for rounds in range(1, persona.turns + 2):
        if buyer.wants(offer):
            return Outcome(True, offer, rounds)
        proposal = buyer.next(offer, rep_gave)
        decision = rep.respond(proposal)
        if decision.kind is Kind.accept:
            return Outcome(True, decision.levels, rounds)
        if decision.kind is Kind.end:
            return Outcome(False, None, rounds)
        rep_gave = decision.given
        offer = decision.levels
    return Outcome(False, None, persona.turns + 1)


@dataclass(frozen=True)
class StrategyResult:
    strategy: str
    runs: int
    agreements: int
    mean_buyer_cost: Decimal | None
    mean_nash_distance: Decimal | None
    mean_rounds: float

    @property
    def agreement_rate(self) -> float:
        return self.agreements / self.runs if self.runs else 0.0


def tournament(
    board: Board,
    persona: Persona,
    *,
    runs: int,
    seed: int,
    term_cost: Callable[[Levels], Decimal],
    nash: Levels | None,
    pressure_bonus: Decimal = Decimal(0),
) -> list[StrategyResult]:
    """Each strategy against the rep over `runs` seeds (seed, seed + 1, ...)."""
    frontier = buyer_frontier(board)
    out = []
    nash_utility = board.buyer(nash) if nash is not None else None
    for strategy in STRATEGIES:
        costs: list[Decimal] = []
        gaps: list[int] = []
        rounds = 0
        for k in range(runs):
            result = negotiate(board, persona, strategy, seed + k, pressure_bonus=pressure_bonus, frontier=frontier)
            rounds += result.rounds
            if result.levels is not None:
                costs.append(term_cost(result.levels))
                if nash_utility is not None:
                    gaps.append(abs(nash_utility - board.buyer(result.levels)))
        out.append(
            StrategyResult(
                strategy=strategy,
                runs=runs,
                agreements=len(costs),
                mean_buyer_cost=sum(costs, Decimal(0)) / len(costs) if costs else None,
                mean_nash_distance=from_micro(sum(gaps)) / len(gaps) if gaps else None,
                mean_rounds=rounds / runs if runs else 0.0,
            )
        )
    return out
