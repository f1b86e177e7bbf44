"""Claims the buyer makes in the room, each built from named facts, and the check that keeps only true, safe ones.

A `Claim` is a sentence (a `Statement`) and the facts it states, each a `Fact`: a name, whether it holds for this
deal, and the figures it rests on. `check` keeps a claim when every fact holds, else says its `otherwise` sentence
(when it has one, whose facts must hold too), else drops it and records why. A sentence meant for the vendor is
also dropped when one of its amounts would reveal a secret figure (the buyer's walk-away, the alternative's cost,
the vendor's estimated reservation) in any form it could be heard or read in: to the cent, in whole units, said
aloud (three significant digits, or a million to one decimal), or in thousands.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

from principal.money import Amount
from principal.statements import Spoken, Statement, UnitPrice, Value, say, spoken_figure


@dataclass(frozen=True)
class Fact:
    name: str
    holds: bool
    figures: tuple[tuple[str, Value], ...] = ()


def fact(name: str, holds: bool, **figures: Value) -> Fact:
    return Fact(name, bool(holds), tuple(figures.items()))


@dataclass(frozen=True)
class Claim:
    said: Statement
    facts: tuple[Fact, ...] = ()
    otherwise: Claim | None = None


def claim(said: Statement, *facts: Fact, otherwise: Claim | None = None) -> Claim:
    return Claim(said, facts, otherwise)


@dataclass(frozen=True)
class Dropped:
    said: Statement
    reason: str


def _forms(value: Decimal) -> set[Decimal]:
    """Every figure `value` could be heard or read as."""
    size = abs(value)
    forms = {
        size.quantize(Decimal("0.01"), rounding=ROUND_HALF_UP),
        size.quantize(Decimal(1), rounding=ROUND_HALF_UP),
        abs(spoken_figure(size)),
    }
    if size >= 1_000:
        forms.add((size / 1_000).quantize(Decimal(1), rounding=ROUND_HALF_UP) * 1_000)
        step = Decimal(1).scaleb(size.adjusted() - 2)
        forms.add((size / step).quantize(Decimal(1), rounding=ROUND_HALF_UP) * step)
        step = Decimal(1).scaleb(size.adjusted() - 1)
        forms.add((size / step).quantize(Decimal(1), rounding=ROUND_HALF_UP) * step)
    if size >= 950_000:
        forms.add((size / 1_000_000).quantize(Decimal("0.1"), rounding=ROUND_HALF_UP) * 1_000_000)
    return {f for f in forms if f != 0}


def _amounts(statement: Statement) -> Iterable[Decimal]:
    for _, value in statement.values:
        if isinstance(value, Amount):
            yield value.number
        elif isinstance(value, (Spoken, UnitPrice)):
            yield value.amount.number


def reveals(statement: Statement, secrets: Iterable[Decimal]) -> bool:
    """True when an amount of the statement could be heard as one of the secret figures."""
    hidden: set[Decimal] = set()
    for secret in secrets:
        hidden |= _forms(secret)
    return any(_forms(number) & hidden for number in _amounts(statement))


def check(
    claims: Iterable[Claim], secrets: Iterable[Decimal] = (), *, to_vendor: bool = True
) -> tuple[tuple[Statement, ...], tuple[Dropped, ...]]:
    """The sentences to say (true, and safe when said to the vendor) and the ones dropped with the reason."""
    hidden = tuple(secrets)
    kept: list[Statement] = []
    dropped: list[Dropped] = []
    for item in claims:
        current: Claim | None = item
        while current is not None:
            false = [f.name for f in current.facts if not f.holds]
            if false:
                if current.otherwise is None:
                    dropped.append(Dropped(current.said, "not true for this deal: " + ", ".join(false)))
                current = current.otherwise
                continue
            if to_vendor and reveals(current.said, hidden):
                dropped.append(Dropped(current.said, "would reveal the walk-away, the alternative or a reservation"))
                current = current.otherwise
                continue
            kept.append(current.said)
            current = None
    return tuple(kept), tuple(dropped)


def dropped_note(item: Dropped) -> Statement:
    return say("left out: {reason}", reason=item.reason)
