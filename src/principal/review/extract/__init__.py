"""Term extraction: every extractor reads one sentence (with its section titles, list lead-in and table header)
and emits `Term`s with spans; `Emit.finish` then drops repeats and joins terms stated in two sentences."""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable

from principal.review.document import Document
from principal.review.extract.billing_start import extract_billing_start
from principal.review.extract.context import Sentence, sentences
from principal.review.extract.contract_terms import (
    extract_delivery,
    extract_exit,
    extract_liability,
    extract_references,
)
from principal.review.extract.defined_periods import defined_periods, defined_windows
from principal.review.extract.emit import Emit
from principal.review.extract.exclusions import extract_exclusions
from principal.review.extract.numbers import DOLLAR_SIGN, KRONER, dollar_sign_in, find_money, kroner_in
from principal.review.extract.parties import vendor_aliases
from principal.review.extract.price_terms import extract_billing_frequency, extract_commitments, extract_price_changes
from principal.review.extract.pricing import extract_rates
from principal.review.extract.renewals import extract_term_and_renewal
from principal.review.extract.service_levels import extract_availability, extract_credit_terms, extract_service_exits
from principal.review.extract.termination import extract_termination
from principal.review.extract.terms import Term, TermKind
from principal.review.extract.usage_controls import ai_name_pattern, extract_usage_controls
from principal.review.segment import Segments

__all__ = ["EXTRACTORS", "Term", "TermKind", "extract_terms", "reference_mentions"]

Extractor = Callable[[Sentence, Emit], None]

EXTRACTORS: tuple[Extractor, ...] = (
    extract_rates,
    extract_usage_controls,
    extract_price_changes,
    extract_commitments,
    extract_billing_frequency,
    extract_availability,
    extract_credit_terms,
    extract_exclusions,
    extract_service_exits,
    extract_term_and_renewal,
    extract_termination,
    extract_exit,
    extract_liability,
    extract_delivery,
    extract_billing_start,
    extract_references,
)


def document_currency(document: Document, kroner: str | None = None) -> str | None:
    """The currency most amounts in the document are in (a 'no set-up fee' is zero in that currency); `kroner` is
    the currency its "kr" amounts are in (`kroner_in`)."""
    units = (kroner if m.unit == KRONER else m.unit for m in find_money(document.text[:200_000]))
    counts = Counter(unit for unit in units if unit is not None)
    return counts.most_common(1)[0][0] if counts else None


def document_title(document: Document) -> str:
    end = document.text.find("\n")
    return document.text[: end if end >= 0 else 200][:200]


_HEADING_END = re.compile(r"[.;:!?)\"”]\s*$|[;,]\s*(?:and|or)\s*$")


def _is_heading(sentence: Sentence) -> bool:
    """A heading names a clause and states nothing ("3.1 No Termination for Convenience"); a list item that
    goes on to the next ("(b) an event of force majeure; or") is not one."""
    return not sentence.is_row and len(sentence.text) < 70 and not _HEADING_END.search(sentence.text)


def extract_terms(
    document: Document,
    segments: Segments,
    shared_periods: dict[str, str] | None = None,
    shared_vendors: tuple[str, ...] = (),
    designations: dict[str, str] | None = None,
    shared_kroner: str | None = None,
    shared_dollar: str | None = None,
) -> tuple[Term, ...]:
    """`shared_periods`: periods the other documents of its package define; the document's own definitions win.
    `shared_vendors`: the names the package's documents give the vendor. `designations`: what the package's
    documents are called ("annex sl") and what each is ("sla"). `shared_kroner`: the kroner another document of the
    package names, for a document that writes "kr" without saying whose; `shared_dollar`, what "$" means in the
    package (`dollar_sign_in`) for a document that does not say."""
    token = DOLLAR_SIGN.set(dollar_sign_in(document.text) or shared_dollar or "USD")
    try:
        return _extract_terms(document, segments, shared_periods, shared_vendors, designations, shared_kroner)
    finally:
        DOLLAR_SIGN.reset(token)


def _extract_terms(
    document: Document,
    segments: Segments,
    shared_periods: dict[str, str] | None,
    shared_vendors: tuple[str, ...],
    designations: dict[str, str] | None,
    shared_kroner: str | None,
) -> tuple[Term, ...]:
    periods = {**(shared_periods or {}), **defined_periods(document.text)}
    vendors = tuple(dict.fromkeys((*vendor_aliases(document.text), *shared_vendors)))
    kroner = kroner_in(document.text) or shared_kroner
    title = document_title(document)
    emit = Emit(
        document,
        document_currency(document, kroner),
        title=title.lower(),
        periods=periods,
        vendors=vendors,
        kroner=kroner,
        windows=defined_windows(document.text),
        ai_names=ai_name_pattern(document.text, vendors),
        designations=tuple(
            (topic, re.compile(rf"\b{re.escape(designation)}\b", re.I))
            for designation, topic in (designations or {}).items()
        ),
    )
    for sentence in sentences(document, segments):
        if _is_heading(sentence):
            continue
        for extractor in EXTRACTORS:
            extractor(sentence, emit)
    return emit.finish(title)


def reference_mentions(document: Document, segments: Segments) -> list[Term]:
    """Every sentence that refers to another document (an MSA, SLA or DPA), not only the first per topic: what a
    reference says the other document covers ("the service level and exit terms are as set out in the MSA")."""
    emit = Emit(document, None)
    for sentence in sentences(document, segments):
        extract_references(sentence, emit)
    return emit.terms
