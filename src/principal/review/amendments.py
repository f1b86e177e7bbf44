"""Amendments, addenda and change orders prevail over the documents they change.

A document whose title says it amends ("Amendment No. 1", "Addendum", "Change Order", "Variation") changes the
terms of the others reviewed with it: a term it states replaces the same term stated elsewhere ("Section 7 is
replaced: a credit may be requested within sixty (60) days" ends the 15-day claim window), while what it adds to
a list (more seats, another usage rate, another carve-out or termination right) is added. The terms each
document states are still listed with their own document; the rules and the partial deal use what is in force.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from principal.review.extract.terms import Term, TermKind

_AMENDING = re.compile(
    r"\bamendment\b|\bamending\b|\baddend(?:um|a)\b|\bchange order\b|\bchange request\b|\bvariation\b"
    r"|\bside letter\b",
    re.I,
)
_OWN_KIND = re.compile(r"\b(?:data processing|data protection|service levels?|security)\s+addend(?:um|a)\b", re.I)
# Terms that list several things; an amendment adds to the list rather than replacing it.
_ADDITIVE = frozenset({
    TermKind.seat_price, TermKind.seat_quantity, TermKind.usage_rate, TermKind.uptime_target, TermKind.reference,
    TermKind.maintenance_notice,
})  # fmt: skip
# Two kinds that are one switch: an amendment that makes AI opt-in ends the default-on it replaces, and back.
_ONE_SLOT = {TermKind.ai_opt_in: TermKind.ai_default_on}
# Terms whose variants are separate rights: a chronic-failure exit does not replace a right to terminate for cause.
_BY_BASIS = frozenset({TermKind.termination_right, TermKind.carve_out})
_SAME_RIGHT = {"no_convenience": "convenience"}


def is_amendment(title: str) -> bool:
    """Whether a document's title says it changes another document (a "Data Processing Addendum" is a DPA, a
    document of its own kind)."""
    return bool(_AMENDING.search(_OWN_KIND.sub(" ", title)))


def _slot(term: Term) -> tuple[TermKind, str | None]:
    if term.kind in _BY_BASIS:
        return term.kind, _SAME_RIGHT.get(term.basis or "", term.basis)
    return _ONE_SLOT.get(term.kind, term.kind), None


def terms_in_force(terms: Sequence[Term], amending: set[str | None]) -> tuple[Term, ...]:
    """The package's terms once the amending documents' terms replace what they change; `amending` holds the
    `location.document` labels of the amending documents."""
    changed = {_slot(t) for t in terms if t.location.document in amending and t.kind not in _ADDITIVE}
    if not changed:
        return tuple(terms)
    return tuple(t for t in terms if t.location.document in amending or t.kind in _ADDITIVE or _slot(t) not in changed)
