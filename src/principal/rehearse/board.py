"""The rehearsal board: the deal's issues with their levels, each level's value to the buyer and to the vendor.

Values are held as whole millionths of the deal's currency (`MICRO` per unit), so every sum the rep makes while
it decides is exact and fast. A board's values come from the strategy engine's deal space (see `deal_board`);
property tests build boards of their own.

Level 0 of every issue is the vendor's offer (its value 0 to both sides); a package is one level per issue. The
vendor's utility of a package is the sum of its levels' vendor values (0 or below: revenue it gives up); the
buyer's is the sum of the buyer values (weighted by the deal's priorities), and `saving` is the unweighted
term-cost saving of the money issues, the part that must beat the buyer's walk-away.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal

from principal.statements import Statement

MICRO = 1_000_000

Levels = tuple[int, ...]


def to_micro(value: Decimal) -> int:
    """A figure in whole millionths of a currency unit, rounded half-up."""
    return int((value * MICRO).quantize(Decimal(1), rounding=ROUND_HALF_UP))


def from_micro(value: int) -> Decimal:
    return Decimal(value) / MICRO


@dataclass(frozen=True)
class BoardLevel:
    label: Statement
    buyer: int
    vendor: int
    saving: int = 0
    number: Decimal | None = None
    """The level's figure when it has one (a seat price, an uplift or cap percent), for reading the buyer's words."""
    words: tuple[str, ...] = ()
    """Words the buyer may name the level by ("bands", "ask", "none")."""


@dataclass(frozen=True)
class BoardIssue:
    key: str
    title: str
    levels: tuple[BoardLevel, ...]
    ask: int
    """The level of the buyer's target offer."""
    reservation: int
    """The deepest level the vendor will give on this issue alone (its vendor value is within the vendor's floor)."""
    weight: Decimal = Decimal(1)
    """The deal's priority weight on the buyer values: money figures quoted to the buyer divide it out again, so a
    lever is quoted at the one value every other command prints."""

    def __post_init__(self) -> None:
        if not self.levels:
            raise ValueError(f"issue {self.key!r} needs a level")
        if not (0 <= self.ask < len(self.levels) and 0 <= self.reservation < len(self.levels)):
            raise ValueError(f"issue {self.key!r}: ask and reservation must be levels")


@dataclass(frozen=True)
class Board:
    currency: str
    issues: tuple[BoardIssue, ...]
    vendor_floor: int
    """The vendor's walk-away utility (0 or below): it never agrees to a package worth less to it."""
    buyer_floor: int
    """The term-cost saving against the vendor's offer the buyer needs to beat its walk-away."""
    _positions: dict[str, int] = field(init=False, repr=False, compare=False)
    vendor_values: tuple[tuple[int, ...], ...] = field(init=False, repr=False, compare=False)
    buyer_values: tuple[tuple[int, ...], ...] = field(init=False, repr=False, compare=False)
    savings: tuple[tuple[int, ...], ...] = field(init=False, repr=False, compare=False)
    reservation_values: tuple[int, ...] = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        if not self.issues:
            raise ValueError("a board needs an issue")
        if self.vendor_floor > 0:
            raise ValueError("the vendor's floor is a utility of 0 or below")
        put = object.__setattr__
        put(self, "_positions", {issue.key: n for n, issue in enumerate(self.issues)})
        put(self, "vendor_values", tuple(tuple(lv.vendor for lv in issue.levels) for issue in self.issues))
        put(self, "buyer_values", tuple(tuple(lv.buyer for lv in issue.levels) for issue in self.issues))
        put(self, "savings", tuple(tuple(lv.saving for lv in issue.levels) for issue in self.issues))
        put(self, "reservation_values", tuple(issue.levels[issue.reservation].vendor for issue in self.issues))

    def position(self, key: str) -> int:
        return self._positions[key]

    def has(self, key: str) -> bool:
        return key in self._positions

    @property
    def opening(self) -> Levels:
        return tuple(0 for _ in self.issues)

    @property
    def ask(self) -> Levels:
        return tuple(issue.ask for issue in self.issues)

    def vendor(self, levels: Sequence[int]) -> int:
        return sum([values[n] for values, n in zip(self.vendor_values, levels, strict=True)])

    def buyer(self, levels: Sequence[int]) -> int:
        return sum([values[n] for values, n in zip(self.buyer_values, levels, strict=True)])

    def saving(self, levels: Sequence[int]) -> int:
        return sum([values[n] for values, n in zip(self.savings, levels, strict=True)])

    def within_reservation(self, levels: Sequence[int]) -> bool:
        """The vendor may agree: each issue within its own reservation and the whole above the vendor's floor."""
        total = 0
        for values, least, n in zip(self.vendor_values, self.reservation_values, levels, strict=True):
            value = values[n]
            if value < least:
                return False
            total += value
        return total >= self.vendor_floor

    def affordable(self, levels: Sequence[int]) -> bool:
        """The buyer may agree: the package's term cost beats its walk-away."""
        return self.saving(levels) >= self.buyer_floor

    def with_level(self, levels: Sequence[int], key: str, level: int) -> Levels:
        out = list(levels)
        out[self.position(key)] = level
        return tuple(out)


def reservation_level(levels: Sequence[BoardLevel], vendor_floor: int) -> int:
    """The deepest level whose vendor value alone stays at or above the vendor's floor (level 0 at least)."""
    deepest = 0
    for n, level in enumerate(levels):
        if level.vendor >= vendor_floor:
            deepest = n
    return deepest
