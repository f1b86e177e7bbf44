"""The review engine: documents -> segments -> terms -> findings -> partial deal, as one `ReviewResult`."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from principal.review.deal_out import partial_deal
from principal.review.document import Document
from principal.review.ingest import DEFAULT_LIMITS, Limits, load_document
from principal.review.package import review_package
from principal.review.questions import questions_for
from principal.review.result import ClauseCitation, ReviewResult


def review_documents(
    documents: Sequence[Document], *, check_contract: bool = True, clauses: bool = True
) -> ReviewResult:
    """Review one deal's documents together; `check_contract` refuses files that are not contracts
    (`NotAContract`), `clauses` runs the CUAD clause detector on each document."""
    package = review_package(documents, check_contract=check_contract)
    missing = tuple(dict.fromkeys(f.title for f in package.findings if f.missing))
    deal_yaml, gaps, unknown = partial_deal(package.sources, package.in_force)
    citations: list[ClauseCitation] = []
    if clauses:
        from principal.review.clauses import classify_clauses

        for document in package.sources:
            citations.extend(
                ClauseCitation(
                    d.category, cited.score, cited.quote, document.locate(cited.start, cited.end), d.possible
                )
                for d in classify_clauses(document.text).decisions
                if (cited := d.best or d.candidate) is not None
            )
    first = package.documents[0]
    return ReviewResult(
        source=", ".join(d.name for d in package.documents),
        format=package.sources[0].format,
        pages=sum(d.pages for d in package.documents),
        paragraphs=sum(d.paragraphs for d in package.documents),
        characters=sum(d.characters for d in package.documents),
        sections=sum(d.sections for d in package.documents),
        terms=package.terms,
        findings=package.findings,
        missing=missing,
        deal_yaml=deal_yaml,
        deal_gaps=gaps,
        clauses=tuple(citations),
        documents=package.documents,
        questions=questions_for(package.terms, unknown),
        names=package.names,
        kind=first.kind if len(package.documents) == 1 else "package",
    )


def review_document(document: Document) -> ReviewResult:
    """Review one document already read (no check that it is a contract: tests and stored texts use this)."""
    return review_documents([document], check_contract=False)


def review_file(path: str | Path, limits: Limits = DEFAULT_LIMITS) -> ReviewResult:
    """Read and review a contract file; raises `InputError` (one located message) for unreadable input."""
    return review_documents([load_document(path, limits)])


def review_files(paths: Sequence[str | Path], limits: Limits = DEFAULT_LIMITS, *, clauses: bool = True) -> ReviewResult:
    """Read and review several files of one deal together."""
    return review_documents([load_document(p, limits) for p in paths], clauses=clauses)
