"""The simulated vendor rep: it opens at the vendor's offer and concedes along its persona's curve, never past its
reservation.

Each turn the rep sets how much of its room it may have given by now (its aspiration, see `persona`), then
- accepts the buyer's proposal when that is within its reservation and costs it no more than the aspiration
  (a persona that nibbles first asks one small thing back, once);
- otherwise counters: it starts from whichever of its last offer and the buyer's proposal is better for it on each
  issue, then moves issues towards the buyer's levels one step at a time, cheapest step (to it, scaled by the
  persona's weights) first, while the steps fit the aspiration and every level stays within its reservation.
After its final offer (turn T) a proposal it cannot accept ends the rehearsal without a deal.

Everything is integer arithmetic on the board's millionths, so the reservation test is exact. A seeded
`random.Random` varies each turn's concession by up to 15%; the same seed gives the same rep.
"""

from __future__ import annotations

import random
from dataclasses import dataclass, field
from decimal import Decimal
from enum import StrEnum
from typing import NamedTuple

from principal.rehearse.board import Board, Levels
from principal.rehearse.persona import Persona, Tactic

JITTER = 0.15
_CURVES: dict[tuple[int, float, int], tuple[int, ...]] = {}


class Kind(StrEnum):
    open = "open"
    counter = "counter"
    final = "final"
    nibble = "nibble"
    accept = "accept"
    end = "end"


class Decision(NamedTuple):
    kind: Kind
    levels: Levels
    tactics: tuple[Tactic, ...]
    given: int
    """What this move gives up against the rep's previous offer, in vendor utility (millionths, 0 or more)."""
    held: tuple[str, ...] = ()
    """Issues the buyer asked for that the rep kept back (a bundle names them)."""
    beyond: tuple[str, ...] = ()
    """Issues where the buyer asked past what the rep can give at all (a flinch names them)."""
    moved: tuple[str, ...] = ()
    """Issues the rep moved towards the buyer in this move."""


@dataclass
class Rep:
    board: Board
    persona: Persona
    seed: int = 0
    pressure_bonus: Decimal = Decimal(0)
    offer: Levels = ()
    aspiration: int = 0
    turn: int = 0
    last_buyer: Levels | None = None
    nibbled: bool = False
    flinched: set[str] = field(default_factory=set)
    done: bool = False
    _random: random.Random = field(init=False, repr=False)

    def __post_init__(self) -> None:
        self._random = random.Random(self.seed)
        self.offer = self.board.opening
        self._exponent = self.persona.exponent * (1 + float(self.pressure_bonus))
        self._room = -self.board.vendor_floor
        self._weights = tuple(self.persona.weight(issue.key) for issue in self.board.issues)
        self._last_value = 0
        self._offer_value = 0
        self._guarded = tuple(n for n, issue in enumerate(self.board.issues) if issue.key in self.persona.guarded)
        tactics = self.persona.tactics
        self._flinch, self._bundle = Tactic.flinch in tactics, Tactic.bundle in tactics
        self._deadline, self._nibbles = Tactic.deadline in tactics, Tactic.nibble in tactics
        self._turns, self._reciprocity = self.persona.turns, self.persona.reciprocity
        key = (self._room, self._exponent, self._turns)
        if key not in _CURVES:
            _CURVES[key] = tuple(self.curve(t) - self.curve(t - 1) for t in range(1, self._turns + 2))
        self._steps = _CURVES[key]

    # the curve ------------------------------------------------------------------------------------------------
    def curve(self, turn: int) -> int:
        """Room the time curve allows by `turn`: R x (t/T)^(1/e)."""
        share = min(turn, self.persona.turns) / self.persona.turns
        return int(self._room * share ** (1 / self._exponent))

    # moves ----------------------------------------------------------------------------------------------------
    def open(self) -> Decision:
        tactics = (Tactic.anchor,) if Tactic.anchor in self.persona.tactics else ()
        return Decision(Kind.open, self.offer, tactics, 0)

    def respond(self, buyer: Levels) -> Decision:
        """The rep's answer to the buyer's proposal `buyer` (one level per issue)."""
        if self.done:
            raise ValueError("the rehearsal is over")
        board = self.board
        self.turn += 1
        turn = self.turn
        value = board.vendor(buyer)
        gain = value - self._last_value if self.last_buyer is not None else 0
        self._last_value = value
        gave_back = gain > 0
        jitter = 1 + self._random.uniform(-JITTER, JITTER)
        steps = self._steps
        step = (1 - self._reciprocity) * steps[min(turn, len(steps)) - 1] * jitter
        step += self._reciprocity * max(gain, 0)
        self.aspiration = min(self._room, self.aspiration + max(int(step), 0))
        self.last_buyer = buyer
        if -value <= self.aspiration and board.within_reservation(buyer):
            return self._accept(buyer)
        beyond = self._beyond(buyer)
        if turn > self._turns:
            self.done = True
            return Decision(Kind.end, self.offer, (), 0, beyond=beyond)
        counter, moved = self._counter(buyer, gave_back)
        given = max(self._offer_value - (counter_value := board.vendor(counter)), 0)
        self._offer_value = counter_value
        self.offer = counter
        values = board.vendor_values
        held = tuple(board.issues[n].key for n in range(len(counter)) if values[n][buyer[n]] < values[n][counter[n]])
        tactics: list[Tactic] = []
        if self._flinch and (any(key not in self.flinched for key in beyond) or (turn == 1 and -value > self._room)):
            tactics.append(Tactic.flinch)
            self.flinched.update(beyond)
        if self._bundle and moved and held:
            tactics.append(Tactic.bundle)
        final = turn == self._turns
        if self._deadline and (final or turn == self._turns // 2):
            tactics.append(Tactic.deadline)
        kind = Kind.final if final else Kind.counter
        return Decision(kind, counter, tuple(tactics), given, held=held, beyond=beyond, moved=moved)

    def buyer_accepts(self) -> None:
        self.done = True

    # helpers --------------------------------------------------------------------------------------------------
    def _beyond(self, buyer: Levels) -> tuple[str, ...]:
        board = self.board
        values, least = board.vendor_values, board.reservation_values
        return tuple(board.issues[n].key for n in range(len(buyer)) if values[n][buyer[n]] < least[n])

    def _accept(self, buyer: Levels) -> Decision:
        board = self.board
        given = max(board.vendor(self.offer) - board.vendor(buyer), 0)
        if self._nibbles and not self.nibbled and self.turn < self._turns:
            self.nibbled = True
            back = self._nibble(buyer)
            if back is not None:
                given = max(board.vendor(self.offer) - board.vendor(back), 0)
                self.offer = back
                self._offer_value = board.vendor(back)
                held = tuple(i.key for i, a, b in zip(board.issues, back, buyer, strict=True) if a != b)
                return Decision(Kind.nibble, back, (Tactic.nibble,), given, held=held)
        self.offer = buyer
        self._offer_value = board.vendor(buyer)
        self.done = True
        return Decision(Kind.accept, buyer, (), given)

    def _nibble(self, buyer: Levels) -> Levels | None:
        """The buyer's proposal with one issue a step back towards the vendor: the smallest such gain to the rep."""
        best: tuple[int, int] | None = None
        for n, issue in enumerate(self.board.issues):
            level = buyer[n]
            if level == 0:
                continue
            gain = issue.levels[level - 1].vendor - issue.levels[level].vendor
            if gain > 0 and (best is None or gain < best[0]):
                best = (gain, n)
        if best is None:
            return None
        out = list(buyer)
        out[best[1]] -= 1
        return tuple(out)

    def _counter(self, buyer: Levels, gave_back: bool) -> tuple[Levels, tuple[str, ...]]:
        board = self.board
        current = []
        for issue, mine, theirs in zip(board.issues, self.offer, buyer, strict=True):
            current.append(mine if issue.levels[mine].vendor >= issue.levels[theirs].vendor else theirs)
        budget = self.aspiration + board.vendor(current)
        moved: list[str] = []
        values_of, least_of = board.vendor_values, board.reservation_values
        weights = self._weights
        skip = () if gave_back else self._guarded
        while True:
            choice: tuple[float, int, int] | None = None
            for n in range(len(current)):
                here, goal = current[n], buyer[n]
                if here == goal or n in skip:
                    continue
                nxt = here + 1 if goal > here else here - 1
                values = values_of[n]
                if values[nxt] < least_of[n]:
                    continue
                cost = values[here] - values[nxt]
                if cost > budget:
                    continue
                scaled = cost * weights[n]
                if choice is None or scaled < choice[0]:
                    choice = (scaled, n, nxt)
            if choice is None:
                break
            _, n, nxt = choice
            budget -= values_of[n][current[n]] - values_of[n][nxt]
            current[n] = nxt
            key = board.issues[n].key
            if key not in moved:
                moved.append(key)
        return tuple(current), tuple(moved)
