"""The rep's personas: how fast it concedes, how much it answers the buyer's concessions, what it guards.

Concession follows the time-dependent curves of the negotiation literature (Faratin, Sierra and Jennings 1998): by
turn t of T the rep has given up to R x (t/T)^(1/e) of its room R. e < 1 is Boulware (holds, then gives late),
e = 1 linear, e > 1 a conceder (gives early). Reciprocity mixes in the buyer's own moves: a share `reciprocity` of
each turn's concession is the buyer's last concession, measured in what it is worth to the vendor, matched.

Issue weights scale what the rep believes a step costs it when it picks what to give: below 1 it gives that issue
readily, above 1 reluctantly; a guarded issue moves only in a turn where the buyer gave something back.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import StrEnum


class Tactic(StrEnum):
    anchor = "anchor"
    bundle = "bundle"
    deadline = "deadline"
    nibble = "nibble"
    flinch = "flinch"


@dataclass(frozen=True)
class Persona:
    name: str
    title: str
    exponent: float
    reciprocity: float
    turns: int
    weights: dict[str, float] = field(default_factory=dict)
    guarded: frozenset[str] = frozenset()
    tactics: frozenset[Tactic] = frozenset()
    pitch: str = ""

    def weight(self, key: str) -> float:
        return self.weights.get(key, 1.0)


RISK_ISSUES = ("sla_credits", "chronic_exit", "holdback", "exit_terms")

PERSONAS: dict[str, Persona] = {
    persona.name: persona
    for persona in (
        Persona(
            name="quarter-end",
            title="a rep near quarter-end who gives price for a signature this quarter",
            exponent=2.0,
            reciprocity=0.3,
            turns=8,
            weights={"seat_price": 0.5, "uplift": 0.8, "usage_rates": 1.5, **dict.fromkeys(RISK_ISSUES, 1.5)},
            tactics=frozenset({Tactic.anchor, Tactic.deadline, Tactic.flinch, Tactic.nibble}),
            pitch="speed",
        ),
        Persona(
            name="margin",
            title="a margin-protective rep who defends usage pricing",
            exponent=0.3,
            reciprocity=0.7,
            turns=10,
            weights={"usage_rates": 4.0, "usage_cap": 3.0, "seat_price": 1.5, "uplift": 1.0},
            guarded=frozenset({"usage_rates", "usage_cap"}),
            tactics=frozenset({Tactic.anchor, Tactic.flinch, Tactic.nibble, Tactic.bundle}),
            pitch="forecast risk",
        ),
        Persona(
            name="solutions",
            title="a solutions-led rep who trades scope and terms rather than price",
            exponent=1.0,
            reciprocity=0.5,
            turns=10,
            weights={"seat_price": 3.0, "uplift": 2.0, **dict.fromkeys(RISK_ISSUES, 0.4)},
            guarded=frozenset({"seat_price"}),
            tactics=frozenset({Tactic.anchor, Tactic.bundle, Tactic.flinch}),
            pitch="scope",
        ),
    )
}
DEFAULT_PERSONA = "quarter-end"


def persona_named(name: str) -> Persona | None:
    return PERSONAS.get(name)
