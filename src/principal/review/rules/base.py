"""The shape every risk rule shares: a function from a `RuleContext` to a list of `Finding`s.

A rule's redline is written with placeholders for the parties and defined terms ({vendor}, {customer}, {fees},
{credits}, {order}); the context fills them with the names the documents define ("Supplier" and "Client" where
the MSA says so), so a redline reads in the document's own words.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from enum import StrEnum

from principal.review.document import Document, Location
from principal.review.extract.parties import COMPANY, DEFINED, NOT_A_PARTY, ROLE_WORDS
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


class Action(StrEnum):
    substitute = "replace"  # delete the quoted clause, insert the new one
    add = "add"  # insert a new clause next to the cited one (or at the end)


@dataclass(frozen=True)
class Finding:
    """One risk: what the rule found (or found missing), where, why it matters and the buyer's redline.

    `missing` is True for absence findings: a protection the documents do not contain. Then `quote` and
    `location` point at the passage the protection belongs next to, or are None when there is none.
    `new_text` is the clause the redline proposes and `action` whether it replaces the quoted clause or is added.
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
    new_text: str = ""
    action: Action = Action.add
    confidence: float = 0.9

    @property
    def check_this(self) -> bool:
        return self.confidence < 0.7


@dataclass(frozen=True)
class Names:
    """How the documents name the parties and the things a redline mentions."""

    vendor: str = "Provider"
    customer: str = "Customer"
    fees: str = "fees"
    credits: str = "service credits"
    order: str = "Order Form"

    def fill(self, template: str) -> str:
        return template.format(vendor=self.vendor, customer=self.customer, fees=self.fees, credits=self.credits,
                               order=self.order)  # fmt: skip


@dataclass(frozen=True)
class RuleContext:
    document: Document
    terms: tuple[Term, ...]
    names: Names = Names()
    kinds: frozenset[str] = frozenset({"agreement"})
    """Kinds of the documents reviewed together: order, msa, sla, dpa, agreement (a combined contract)."""
    deferred: frozenset[str] = frozenset()
    """Topics ("sla", "exit") that a referenced document not provided may cover: no absence finding for them."""
    missing_references: tuple[Term, ...] = field(default_factory=tuple)

    def of(self, *kinds: TermKind) -> list[Term]:
        return [t for t in self.terms if t.kind in kinds]

    def has(self, kind: TermKind, basis: str | None = None) -> bool:
        return any(t.kind is kind and (basis is None or t.basis == basis) for t in self.terms)

    def covers(self, topic: str) -> bool:
        """Whether the documents reviewed are the kind that would hold a protection of this topic."""
        holders = {"exit": {"order", "msa", "agreement"}, "sla": {"sla", "order", "msa", "agreement"},
                   "pricing": {"order", "agreement", "msa"}}  # fmt: skip
        return bool(self.kinds & holders.get(topic, set())) and topic not in self.deferred


Rule = Callable[[RuleContext], list[Finding]]


def finding(
    ctx: RuleContext,
    rule: Rule,
    title: str,
    category: Category,
    severity: Severity,
    reason: str,
    redline: tuple[Action, str],
    at: Term | None = None,
    *,
    missing: bool = False,
) -> Finding:
    """Build a finding named after the rule function, quoting and locating the term it rests on; the redline's
    placeholders are filled with the documents' own names."""
    name = rule.__name__.removeprefix("rule_")
    action, template = redline
    new_text = ctx.names.fill(template)
    new_text = new_text[:1].upper() + new_text[1:]
    verb = "Replace with" if action is Action.substitute else "Add"
    display = f'{verb}: "{new_text}"'
    confidence = at.confidence if at is not None else (0.8 if missing else 0.9)
    return Finding(name, title, category, severity, ctx.names.fill(reason), display, at.quote if at else None,
                   at.location if at else None, missing, new_text, action, confidence)  # fmt: skip


def names_of(text: str) -> Names:
    """The parties' defined names and the capitalised terms a redline should reuse."""
    head = text[:4000]
    vendor: str | None = None
    customer: str | None = None
    for match in DEFINED.finditer(head):
        name = match.group(1)
        lower = name.lower()
        if lower in NOT_A_PARTY:
            continue
        if lower in ROLE_WORDS or (lower.startswith("the ") and lower[4:] in ROLE_WORDS):
            customer = customer or name
        elif vendor is None and (COMPANY.search(head[max(0, match.start() - 80) : match.start()])
                                 or lower in ("provider", "supplier", "vendor")):  # fmt: skip
            vendor = name
    fees = next((f for f in ("Subscription Fees", "Subscription Charges", "Licence Fees") if f in text),
                "Charges" if '"Charges"' in text else ("Fees" if '"Fees"' in text else "fees"))  # fmt: skip
    credits = "Service Credits" if "Service Credit" in text else "service credits"
    order = next((o for o in ("Order Form", "Service Order", "Service Schedule", "Customer Order Form", "Order")
                  if o in text), "Order Form")  # fmt: skip
    return Names(vendor or "Provider", customer or "Customer", fees, credits, order)
