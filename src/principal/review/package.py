"""Review several documents of one deal together (order form, MSA, SLA exhibit, DPA) as one package.

Each document is read and its terms extracted on its own, every term citing its document, page and section.
The rules then run once over all terms: a protection found in any document counts for the package, references
between documents are resolved ("Exhibit B (Service Level Agreement) applies" is satisfied by the SLA exhibit in
the package), and an absence finding is made only when no document of the package covers the term. A
referenced document that was not provided is a finding of its own, and the absence findings it might answer
are held back.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, replace
from pathlib import Path

from principal.errors import InputError
from principal.review.amendments import is_amendment, terms_in_force
from principal.review.document import Document
from principal.review.extract import document_title, extract_terms, reference_mentions
from principal.review.extract.defined_periods import package_periods
from principal.review.extract.numbers import dollar_sign_in, kroner_in
from principal.review.extract.parties import package_vendors
from principal.review.extract.terms import Term, TermKind
from principal.review.rules import RuleContext, run_rules
from principal.review.rules.base import Finding, Names, names_of
from principal.review.segment import Segments, segment
from principal.review.word_changes import changed_figures

MIN_WORDS = 40
_SIGNALS = ("agreement", "order", "customer", "client", "provider", "supplier", "vendor", "fee", "term", "shall",
            "will", "service", "part", "price", "invoice", "terminat", "liabil", "licen", "subscri", "payable",
            "charge", "renew", "warrant", "govern", "credit", "availab", "notice", "maintenance", "data",
            # what a short amendment or variation says instead: it changes a contract from a date
            "amend", "variation", "addend", "agreed", "rate", "per month", "with effect")  # fmt: skip
_KINDS = (
    ("sla", re.compile(r"service level|\bsla\b|service levels|uptime|\bavailability\b|service description", re.I)),
    (
        "dpa",
        re.compile(
            r"data processing|personal information processing|data protection (?:agreement|addendum)"
            r"|\bdpa\b",
            re.I,
        ),
    ),
    (
        "order",
        re.compile(
            r"\border\b|\bquot(?:e|ation)\b|service schedule|order form|confirmation|statement of work"
            r"|\bsow\b",
            re.I,
        ),
    ),
    (
        "msa",
        re.compile(
            r"master|terms and conditions|terms of service|terms of business|general terms|customer terms"
            r"|general conditions|subscription agreement|platform terms|conditions of contract",
            re.I,
        ),
    ),
)

# "Annex SL: Service Levels", "Schedule 3 - Service Levels": the name the other documents call it by.
_DESIGNATION = re.compile(r"^(?:(?:Annex|Schedule|Exhibit|Appendix|Attachment)\s+[A-Z0-9]{1,4})\b")
_SLA_TOPIC = re.compile(r"service levels?|\bsla\b|\buptime\b|\bavailability\b", re.I)
_EXIT_TOPIC = re.compile(r"\bexit\b|data export|transition assistance", re.I)


class NotAContract(InputError):
    """A readable file that is not a contract (too short, or without the language of one)."""


@dataclass(frozen=True)
class DocumentSummary:
    name: str
    label: str | None
    format: str
    kind: str
    title: str
    pages: int
    paragraphs: int
    characters: int
    sections: int


@dataclass(frozen=True)
class PackageReview:
    documents: tuple[DocumentSummary, ...]
    sources: tuple[Document, ...]
    terms: tuple[Term, ...]
    findings: tuple[Finding, ...]
    names: Names
    missing_references: tuple[Term, ...]
    in_force: tuple[Term, ...] = ()
    """The terms once amendments, addenda and change orders replace what they change: what the rules and the
    partial deal use (`terms` lists what each document states)."""


def contract_problem(document: Document) -> str | None:
    """Why a readable file is not a contract, or None: too few words, or none of a contract's vocabulary."""
    words = document.text.split()
    if len(words) < MIN_WORDS:
        return (f"is too short to be a contract ({len(words)} word{'s' if len(words) != 1 else ''}); review the "
                "vendor's order form, MSA or SLA itself")  # fmt: skip
    lower = document.text[:100_000].lower()
    present = sum(1 for signal in _SIGNALS if signal in lower)
    if present < 6:
        return "does not read like a contract (none of the usual terms: fees, term, parties, obligations)"
    return None


def document_kind(document: Document) -> str:
    """order, msa, sla, dpa, amendment (an amendment, addendum or change order of another document) or agreement
    (a contract holding several of them), from its title."""
    title = document_title(document)
    if is_amendment(title):
        return "amendment"
    kinds = [kind for kind, pattern in _KINDS if pattern.search(title)]
    return kinds[0] if len(kinds) == 1 else "agreement"


def designations_of(documents: Sequence[Document], kinds: Sequence[str]) -> dict[str, str]:
    """Lower-case designation of each master, service-level or data-processing document of a package that has one
    ("annex sl") -> its kind ("sla"); a designation two documents share names neither."""
    found: dict[str, list[str]] = {}
    for document, kind in zip(documents, kinds, strict=True):
        designation = _DESIGNATION.match(document_title(document))
        if designation and kind in ("msa", "sla", "dpa"):
            found.setdefault(" ".join(designation.group(0).lower().split()), []).append(kind)
    return {name: kinds[0] for name, kinds in found.items() if len(set(kinds)) == 1}


def _names_absent(name: str, titles: str) -> bool:
    """A framework agreement is a document of its own: call-off terms made under it are not it."""
    return bool(re.fullmatch(r"framework agreement", name, re.I)) and "framework" not in titles


def labels_for(documents: Sequence[Document]) -> list[str | None]:
    if len(documents) == 1:
        return [None]
    names = [Path(d.name).name for d in documents]
    return [n if names.count(n) == 1 else d.name for n, d in zip(names, documents, strict=True)]


def review_package(documents: Sequence[Document], *, check_contract: bool = True) -> PackageReview:
    if check_contract:
        problems = [(d, p) for d in documents if (p := contract_problem(d)) is not None]
        if problems:
            raise NotAContract.single(problems[0][0].name, problems[0][1])
    labelled = [replace(d, label=label) for d, label in zip(documents, labels_for(documents), strict=True)]
    summaries = []
    terms: list[Term] = []
    mentions: list[Term] = []
    amending: set[str | None] = set()
    amendments: list[tuple[Document, Segments]] = []
    periods = package_periods([d.text for d in labelled]) if len(labelled) > 1 else None
    vendors = package_vendors([d.text for d in labelled]) if len(labelled) > 1 else ()
    kinds = [document_kind(d) for d in labelled]
    designations = designations_of(labelled, kinds) if len(labelled) > 1 else {}
    # The kroner the package names: general terms that write "kr. 1.500.000,00" beside an order stating "Danish
    # kroner (DKK)" are in that currency.
    kroner = next((k for d in labelled if (k := kroner_in(d.text)) is not None), None)
    dollar = next((k for d in labelled if (k := dollar_sign_in(d.text)) is not None), None)
    for document, kind in zip(labelled, kinds, strict=True):
        segments = segment(document)
        if kind == "amendment" and len(labelled) > 1:
            amending.add(document.label)
            amendments.append((document, segments))
        terms.extend(extract_terms(document, segments, periods, vendors, designations, kroner, dollar))
        mentions.extend(reference_mentions(document, segments))
        summaries.append(DocumentSummary(document.name, document.label, document.format.value, kind,
                                         document_title(document), document.pages, len(document.paragraph_starts),
                                         len(document.text), len(segments.sections)))  # fmt: skip
    changed = [t for t in terms if t.location.document not in amending]
    for document, segments in amendments:
        terms.extend(changed_figures(document, segments, changed))  # "the words "4%" are replaced by "3%""
    present = set(kinds)
    if "agreement" in present:
        present |= {"msa"}
    if any(t.kind is TermKind.uptime_target and t.location.document not in amending for t in terms):
        present |= {"sla"}  # service levels set out in a schedule of the master agreement supplied
    titles = " ".join(s.title for s in summaries).lower()
    missing = tuple(t for t in terms if t.kind is TermKind.reference
                    and (t.basis not in present or _names_absent(t.detail, titles)))  # fmt: skip
    deferred: set[str] = set()
    absent = {t.basis for t in missing}
    for reference in (*missing, *(m for m in mentions if m.basis in absent)):
        # A document not provided may hold what its references say it covers, in any sentence naming it.
        if reference.basis == "sla" or _SLA_TOPIC.search(reference.quote):
            deferred.add("sla")
        if reference.basis == "msa" or _EXIT_TOPIC.search(reference.quote):
            deferred.add("exit")
    joined = Document("package", labelled[0].format, "\n".join(d.text for d in labelled))
    parties = next((n for d in labelled if (n := names_of(d.text)).vendor != "Provider"), names_of(labelled[0].text))
    words = names_of(joined.text)
    names = replace(words, vendor=parties.vendor, customer=parties.customer)
    in_force = terms_in_force(terms, amending)
    context = RuleContext(joined, in_force, names, frozenset(kinds), frozenset(deferred), missing)
    findings = run_rules(joined, in_force, context)
    return PackageReview(tuple(summaries), tuple(labelled), tuple(terms), findings, names, missing, in_force)
