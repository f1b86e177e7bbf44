"""The review engine: document -> segments -> terms -> findings -> partial deal, as one `ReviewResult`."""

from __future__ import annotations

from pathlib import Path

from principal.review.clauses import classify_clauses
from principal.review.deal_out import partial_deal
from principal.review.document import Document
from principal.review.extract import extract_terms
from principal.review.ingest import DEFAULT_LIMITS, Limits, load_document
from principal.review.result import ClauseCitation, ReviewResult
from principal.review.rules import run_rules
from principal.review.segment import segment


def review_document(document: Document) -> ReviewResult:
    segments = segment(document)
    terms = extract_terms(document, segments)
    findings = run_rules(document, terms)
    missing = tuple(dict.fromkeys(f.title for f in findings if f.missing))
    deal_yaml, gaps = partial_deal(document, terms)
    clauses = tuple(
        ClauseCitation(d.category, cited.score, cited.quote, document.locate(cited.start, cited.end), d.possible)
        for d in classify_clauses(document.text).decisions
        if (cited := d.best or d.candidate) is not None
    )
    return ReviewResult(
        source=document.name,
        format=document.format,
        pages=document.pages,
        paragraphs=len(document.paragraph_starts),
        characters=len(document.text),
        sections=len(segments.sections),
        terms=terms,
        findings=findings,
        missing=missing,
        deal_yaml=deal_yaml,
        deal_gaps=gaps,
        clauses=clauses,
    )


def review_file(path: str | Path, limits: Limits = DEFAULT_LIMITS) -> ReviewResult:
    """Read and review a contract file; raises `InputError` (one located message) for unreadable input."""
    return review_document(load_document(path, limits))
