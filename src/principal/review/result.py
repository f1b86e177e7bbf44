"""The review's result: frozen records the CLI and the web app render without computing anything."""

from __future__ import annotations

from dataclasses import dataclass, field

from principal.errors import Problem
from principal.review.document import Location, SourceFormat
from principal.review.extract.terms import Term
from principal.review.package import DocumentSummary
from principal.review.questions import Question
from principal.review.rules.base import Finding, Names


@dataclass(frozen=True)
class ClauseCitation:
    """A clause category the detector found (CUAD's names), with the passage it rests on.

    `possible` marks a category scored just under the detector's threshold: shown with its score, to be checked.
    """

    category: str
    score: float
    quote: str
    location: Location
    possible: bool = False


@dataclass(frozen=True)
class ReviewResult:
    """What the review of one document, or of one deal's documents together, found.

    `missing` names the protections the documents lack (the titles of absence findings). `deal_yaml` is the
    partial deal file built from the terms and `deal_gaps` the problems the deal loader still reports on it:
    what the buyer must fill in before the cost, SLA and alignment engines can run. `questions` are the terms
    no document states, each with what to ask the vendor: unknown, never read as false or zero.
    """

    source: str
    format: SourceFormat
    pages: int
    paragraphs: int
    characters: int
    sections: int
    terms: tuple[Term, ...]
    findings: tuple[Finding, ...]
    missing: tuple[str, ...]
    deal_yaml: str
    deal_gaps: tuple[Problem, ...]
    clauses: tuple[ClauseCitation, ...] = ()
    """Clause categories found by the detector (liability caps, renewal terms, audit rights...), best passage each."""
    documents: tuple[DocumentSummary, ...] = ()
    questions: tuple[Question, ...] = ()
    names: Names = field(default_factory=Names)
    kind: str = "agreement"
