"""Terms no document states: unknown, never false or zero, each with the question to put to the vendor."""

from __future__ import annotations

from dataclasses import dataclass

from principal.review.extract.terms import Term, TermKind


@dataclass(frozen=True)
class Question:
    field: str
    """The deal-file field (or review term) that stays unknown."""
    ask: str
    """What to ask the vendor."""


# (term kinds that answer it, deal field, question); asked only when none of the kinds was found.
CATALOGUE: tuple[tuple[tuple[TermKind, ...], str, str], ...] = (
    ((TermKind.subscription_term,), "offers.reviewed.term_months", "How long is the initial subscription term?"),
    ((TermKind.price_increase, TermKind.price_increase_cap), "offers.reviewed.uplift",
     "Are prices fixed for the term? If not, what is the most they can rise each year?"),
    ((TermKind.renewal_term,), "offers.reviewed.exit.renewal.auto_renews",
     "Does the contract renew automatically, and with how much notice can renewal be stopped?"),
    ((TermKind.termination_right,), "offers.reviewed.exit.termination_for_convenience",
     "May the buyer terminate for convenience, and at what cost?"),
    ((TermKind.data_export,), "offers.reviewed.exit.data_export.included",
     "How, for how long and at what cost can all data (recordings, transcripts, configuration) be exported?"),
    ((TermKind.transition_assistance,), "offers.reviewed.exit.transition_assistance.included",
     "Will the vendor provide transition assistance to a successor, for how long and at what rates?"),
    ((TermKind.liability_cap,), "offers.reviewed.exit.liability_cap_months_of_fees",
     "What is the vendor's aggregate liability cap?"),
    ((TermKind.seat_reduction,), "offers.reviewed.exit.seat_reduction.allowed",
     "May seat quantities be reduced during the term, when and by how much?"),
    ((TermKind.billing_start,), "offers.reviewed.implementation.billing_tied_to_go_live",
     "When do recurring fees start: at signature or at accepted go-live?"),
    ((TermKind.payment_terms,), "payment terms", "What are the payment terms (days from invoice)?"),
    ((TermKind.uptime_target,), "offers.reviewed.sla", "What availability does the vendor commit to, per component?"),
)  # fmt: skip


def questions_for(terms: tuple[Term, ...], unknown: list[Question]) -> tuple[Question, ...]:
    """The catalogue's questions whose terms no document states, then what the partial deal could not fill."""
    kinds = {t.kind for t in terms}
    out = [Question(field, ask) for answers, field, ask in CATALOGUE if not kinds & set(answers)]
    seen = {q.field for q in out}
    out.extend(q for q in unknown if q.field not in seen)
    return tuple(out)
