"""The shape every risk rule shares: a function from a `RuleContext` to a list of `Finding`s."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from enum import StrEnum

from principal.review.document import Document, Location
from principal.review.extract.terms import Term, TermKind


class Severity(StrEnum):
    high = "high"
    medium = "medium"
    low = "low"


class Category(StrEnum):
    pricing_usage = "pricing and usage"
    kpis_reporting = "KPIs and reporting"
    sla_uptime = "SLA and uptime"
    implementation = "implementation"
    term_risk_exit = "term, risk and exit"


@dataclass(frozen=True)
class Finding:
    """One risk: what the rule found (or found missing), where, why it matters and the buyer's redline.

    `missing` is True for absence findings: a protection the document does not contain. Then `quote` and
    `location` point at the passage the protection belongs next to, or are None when there is none.
    """

    rule: str
    title: str
    category: Category
    severity: Severity
    reason: str
    redline: str
    quote: str | None
    location: Location | None
    missing: bool = False


@dataclass(frozen=True)
class RuleContext:
    document: Document
    terms: tuple[Term, ...]

    def of(self, *kinds: TermKind) -> list[Term]:
        return [t for t in self.terms if t.kind in kinds]

    def has(self, kind: TermKind, basis: str | None = None) -> bool:
        return any(t.kind is kind and (basis is None or t.basis == basis) for t in self.terms)


Rule = Callable[[RuleContext], list[Finding]]


def finding(
    rule: Rule,
    title: str,
    category: Category,
    severity: Severity,
    reason: str,
    redline: str,
    at: Term | None = None,
    *,
    missing: bool = False,
) -> Finding:
    """Build a finding named after the rule function, quoting and locating the term it rests on."""
    name = rule.__name__.removeprefix("rule_")
    return Finding(name, title, category, severity, reason, redline, at.quote if at else None,
                   at.location if at else None, missing)  # fmt: skip
