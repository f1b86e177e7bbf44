"""Term extraction: every extractor reads one sentence (with its section titles) and emits `Term`s with spans."""

from __future__ import annotations

from collections.abc import Callable

from principal.review.document import Document
from principal.review.extract.context import Sentence, sentences
from principal.review.extract.contract_terms import (
    extract_delivery,
    extract_exit,
    extract_liability,
    extract_term_and_renewal,
    extract_termination,
)
from principal.review.extract.emit import Emit
from principal.review.extract.pricing import (
    extract_commitments,
    extract_price_changes,
    extract_rates,
    extract_usage_controls,
)
from principal.review.extract.service_levels import (
    extract_availability,
    extract_credit_terms,
    extract_exclusions,
    extract_service_exits,
)
from principal.review.extract.terms import Term, TermKind
from principal.review.segment import Segments

__all__ = ["EXTRACTORS", "Term", "TermKind", "extract_terms"]

Extractor = Callable[[Sentence, Emit], None]

EXTRACTORS: tuple[Extractor, ...] = (
    extract_rates,
    extract_usage_controls,
    extract_price_changes,
    extract_commitments,
    extract_availability,
    extract_credit_terms,
    extract_exclusions,
    extract_service_exits,
    extract_term_and_renewal,
    extract_termination,
    extract_exit,
    extract_liability,
    extract_delivery,
)


def extract_terms(document: Document, segments: Segments) -> tuple[Term, ...]:
    emit = Emit(document)
    for sentence in sentences(document, segments):
        for extractor in EXTRACTORS:
            extractor(sentence, emit)
    return tuple(emit.terms)
