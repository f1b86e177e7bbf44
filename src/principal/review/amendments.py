"""Amendments, addenda and change orders prevail over the documents they change.

A document whose title says it amends ("Amendment No. 1", "Addendum", "Change Order", "Variation") changes the
terms of the others reviewed with it: a term it states replaces the same term stated elsewhere ("Section 7 is
replaced: a credit may be requested within sixty (60) days" ends the 15-day claim window), while what it adds to
a list (more seats, another usage rate, another carve-out or termination right) is added. The terms each
document states are still listed with their own document; the rules and the partial deal use what is in force.
"""

from __future__ import annotations

from collections.abc import Sequence

from principal.review.amending_titles import is_amendment
from principal.review.extract.terms import Term, TermKind

__all__ = ["is_amendment", "terms_in_force"]

# Terms that list several things; an amendment adds to the list rather than replacing it.
_ADDITIVE = frozenset({
    TermKind.seat_price, TermKind.seat_quantity, TermKind.usage_rate, TermKind.uptime_target, TermKind.reference,
    TermKind.maintenance_notice,
})  # fmt: skip
_LINES = frozenset({TermKind.seat_price, TermKind.seat_quantity})
# Two kinds that are one switch: an amendment that makes AI opt-in ends the default-on it replaces, and back.
_ONE_SLOT = {TermKind.ai_opt_in: TermKind.ai_default_on}
# Terms whose variants are separate rights: a chronic-failure exit does not replace a right to terminate for cause.
_BY_BASIS = frozenset({TermKind.termination_right, TermKind.carve_out})
_SAME_RIGHT = {"no_convenience": "convenience"}


def _slot(term: Term) -> tuple[TermKind, str | None]:
    if term.kind in _BY_BASIS:
        return term.kind, _SAME_RIGHT.get(term.basis or "", term.basis)
    return _ONE_SLOT.get(term.kind, term.kind), None


def terms_in_force(terms: Sequence[Term], amending: set[str | None]) -> tuple[Term, ...]:
    """The package's terms once the amending documents' terms replace what they change; `amending` holds the
    `location.document` labels of the amending documents."""
    changed = {_slot(t) for t in terms if t.location.document in amending and t.kind not in _ADDITIVE}
    # A line the amendment names again gets its new figure ("the Qty for line 1 (Omnichannel Agent) is replaced by
    # 260"); seats it adds under another name ("sixty additional licences") are added.
    renamed = {(t.kind, t.detail.casefold()) for t in terms if t.location.document in amending and t.kind in _LINES}
    if not changed and not renamed:
        return tuple(terms)
    return tuple(
        t
        for t in terms
        if t.location.document in amending
        or (t.kind in _ADDITIVE and not _names_again(t, renamed))
        or (t.kind not in _ADDITIVE and _slot(t) not in changed)
    )


def _names_again(term: Term, renamed: set[tuple[TermKind, str]]) -> bool:
    """An amendment names this line again: by its whole name, or by the name it starts with ("Agen Omnichannel"
    for "Agen Omnichannel (voice, email, WhatsApp and web chat)")."""
    detail = term.detail.casefold()
    return any(kind is term.kind and len(name) >= 4 and detail.startswith(name) for kind, name in renamed)
