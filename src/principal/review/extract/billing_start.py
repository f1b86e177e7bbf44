"""When recurring billing starts: at go-live (the first live call, acceptance) or before it (signature, the order
date, a fixed date whether or not the service is live).

Billing is often tied to a date the document defines elsewhere: "Licence charges start on the Service
Commencement Date" with "The Service Commencement Date is the date on which the Society first uses the Services
to handle live customer calls"; "Licence charges begin on that date too" after a sentence naming the date. A
defined date is read where it is defined and the billing sentence takes its meaning, whichever comes first; a
billing start whose date is never defined is left unknown.
"""

from __future__ import annotations

import re

from principal.review.extract.context import Sentence
from principal.review.extract.contract_terms import AT_GO_LIVE, implementation_named
from principal.review.extract.emit import Emit
from principal.review.extract.terms import TermKind

_BILLING = re.compile(
    r"\b(?:subscription|licen[cs]e|recurring|seat|monthly)\s+(?:fees?|charges?|billing|invoicing)\b[^.]{0,40}"
    r"\b(?:begin|commence|start|accrue|become payable|are charged from|first invoiced|are payable from|is payable from"
    r"|(?:are|is) due from|become due from|(?:are|is) owed from)"
    r"|\b(?:begin|commence|start|accru)(?:e|es|s|ing)?\b"
    r"[^.]{0,30}\bfees\b"
    # "Billing begins on ...", "Charges for the Subscription start to accrue on ...", "Start of charges: seat and usage
    # charges start on the Activation Date"
    r"|^\W*(?:start|commencement) of (?:charges|fees|billing)\s*[:|]|\b(?:charges|fees)\s+(?:start|begin|commence)\s+"
    r"(?:on|from|at)\b"
    r"|\bbilling\s+(?:begins|starts|commences|will\s+(?:begin|start|commence))\b"
    r"|\b(?:fees|charges)\b[^.]{0,40}\b(?:start|begin)s?\s+to\s+accrue\b"
    # A row label: "Billing start:", "Fees start: on the Go-Live Date", "Licence charges begin:"
    r"|^\W*(?:(?:subscription|licen[cs]e|recurring)\s+)?(?:billing|fees|charges)\s+(?:start|begin|commence)(?:s|ment)?\s*[:|]"
    # "Billing for the Subscription commences ...", "Fees for seats are invoiced from ..."
    r"|\b(?:billing|invoicing)\s+(?:for|of)\s+(?:the\s+)?(?:subscriptions?|licen[cs]es?|seats?)\b[^.]{0,30}"
    r"\b(?:begin|commence|start)"
    r"|\b(?:(?:subscription|licen[cs]e|seat)\s+(?:fees?|charges?)|(?:fees|charges)\s+for\s+(?:the\s+)?(?:seats?"
    r"|licen[cs]es?|subscriptions?))\s+(?:are|will\s+be|shall\s+be)\s+(?:invoiced|billed|charged|payable)\s+from\b"
    # "Licences are invoiced quarterly in advance (kvartalsvis forud), from the go-live date."
    # "(1) Seat Fees and Usage Fees for each month are invoiced after the end of that month, ..., starting from the
    # Service Start Date."
    r"|^\W*(?:\d+(?:\.\d+)*\.?\)?\s+)?(?:the\s+)?(?:licen[cs]es|seats|subscriptions|(?:licen[cs]e|seat|subscription"
    r"|recurring) fees)\b[^.;]{0,40}?"
    r"\b(?:are|will\s+be|shall\s+be)\s+(?:invoiced|billed)\b[^.;]{0,90}\b(?:from|(?:starting|commencing)\s+(?:on|from)"
    r"|the first time (?:on|at))\b",  # "invoiced annually in advance, the first time on the Go-Live Date"
)
_REGARDLESS = re.compile(r"whether or not|regardless|irrespective|even if")
# Signing, or the vendor handing over an empty tenant ("sends the login credentials", "provisions the tenant") while
# the buyer's configuration is "still in progress": all before a single live call.
_BEFORE_LIVE = re.compile(
    r"effective date|execution|signature|order date|date of this order|\bsigns?\b|\bsigned\b|\bsigning\b"
    r"|\blog-?in credentials\b|\bprovision(?:s|ed|ing)?\b|\bstill in progress\b",
)
_EARLIER = re.compile(r"\bthe earlier of\b|\bwhichever is (?:the )?earlier\b|\bwhichever comes first\b")
# "The Start Date is the date ...", "The Service Commencement Date means the day ...", '"Go-Live Date" means'.
_DEFINES = re.compile(
    r"\bthe\s+((?:[a-z-]+\s+){1,3}date)\s+(?:is|means|shall be|will be)\s+(?:the\s+)?(?:date|day|earlier|later|first)\b"
    r"|[\"“]((?:[a-z-]+\s+){0,3}date)[\"”]\s+means\b"
    # A term-table row: "Service Activation Date: the date on which the vendor sends the login credentials"
    r"|^\W*((?:[a-z-]+\s+){0,3}date)\s*[:|]\s*(?:the\s+)?(?:date|day)\b"
)
_THAT_DATE = re.compile(r"\b(?:that|the same|this)\s+(?:date|day)\b")
_NAMED_DATE = re.compile(r"\b(?:the\s+)?((?:[a-z-]+\s+){1,3}date)\b")
THAT_DATE = "that date"
MAX_DATES = 100  # defined dates kept per document: resolving billing starts stays linear in a hostile file


def date_basis(lower: str) -> str | None:
    """`before_go_live`, `go_live` or None for the date these words describe."""
    go_live = AT_GO_LIVE.search(lower) or re.search(r"\bactivation date\b[^.]*\blive\b", lower)
    if _REGARDLESS.search(lower) or (_BEFORE_LIVE.search(lower) and not go_live) or (_EARLIER.search(lower)
                                                                                      and go_live):  # fmt: skip
        return "before_go_live"
    return "go_live" if go_live else None


_THEY_ACCRUE = re.compile(r"^\W*(?:they|these fees|such fees)\s+(?:accrue|begin|start|commence|are (?:payable|due|"
                          r"charged))\s+(?:from|on)\b"
                          # "Licence Charges are invoiced quarterly in advance. The first invoice shall be issued on
                          # the Go-Live Date"
                          r"|^\W*the first invoice\s+(?:shall|will)\s+be\s+(?:issued|raised|sent)\s+"
                          r"(?:on|at)\b")  # fmt: skip
_RECURRING_FEES = re.compile(r"\b(?:subscription|licen[cs]e|seat|recurring|monthly) (?:fees|charges)\b")


def _they_accrue(sentence: Sentence) -> re.Match[str] | None:
    """The fees the sentence before names: "Subscription Fees are invoiced monthly in advance. They accrue
    from the earlier of ..."."""
    match = _THEY_ACCRUE.search(sentence.lower)
    return match if match and _RECURRING_FEES.search(sentence.previous) else None


def extract_billing_start(sentence: Sentence, emit: Emit) -> None:
    lower = sentence.lower
    defined = _DEFINES.search(lower)
    if defined:
        basis = date_basis(lower[defined.end() :])
        if basis is not None and len(emit.dates) < MAX_DATES:
            name = next(group for group in defined.groups() if group)
            emit.dates[" ".join(name.split())] = basis
    billing = _BILLING.search(lower) or _they_accrue(sentence)
    if billing is None or ("implementation" in lower and implementation_named(lower)):
        if re.search(r"\b(?:date|day)\b", lower) and (basis := date_basis(lower)) is not None:
            emit.dates[THAT_DATE] = basis  # what "that date" in the next sentences refers to
        return
    basis = date_basis(lower)
    if basis is None and _THAT_DATE.search(lower, billing.start()):
        basis = emit.dates.get(THAT_DATE)
    if basis is not None:
        emit(sentence, TermKind.billing_start, None, None, "recurring billing start", basis)
    elif any(_NAMED_DATE.finditer(lower, billing.start())):
        # Tied to a date defined elsewhere in the document: resolved when the terms are finished.
        emit(sentence, TermKind.billing_start, None, None, "recurring billing start")
