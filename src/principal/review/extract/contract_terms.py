"""Term, renewal, termination, exit, liability, implementation and payment terms."""

from __future__ import annotations

import re

from principal.review.extract.context import Sentence
from principal.review.extract.emit import Emit
from principal.review.extract.numbers import find_durations, find_money, in_days, in_months
from principal.review.extract.terms import TermKind

_TERM = re.compile(
    r"\b(?:initial|subscription|service|contract) term\b|\bterm of (?:this|the) (?:agreement|order)", re.I
)
_RENEW = re.compile(r"\brenew", re.I)
_AUTO = re.compile(r"automatic(?:ally)?|shall renew|will renew|evergreen", re.I)
_NOTICE_AFTER = re.compile(r"^\s*(?:\(\d+\)\s*)?(?:prior|before|in advance|notice|written notice|preceding)", re.I)
_NOTICE_BEFORE = re.compile(r"(?:at least|no (?:less|fewer) than|not less than|minimum of)\s*$", re.I)
_CONVENIENCE = re.compile(r"for convenience|without cause|for any reason|for no reason|at any time upon", re.I)
_CAUSE = re.compile(r"for cause|material(?:ly)? breach", re.I)
_EARLY = re.compile(
    r"remainder of the (?:subscription |initial |then[- ]current )?term|all (?:remaining|unpaid) fees|accelerat", re.I
)
_DATA = re.compile(r"\b(?:customer data|customer content|your data|data)\b", re.I)
_EXPORT = re.compile(
    r"\bexport|\bretriev|\bdownload|\breturn (?:all |the )?(?:customer )?(?:data|content)|\bextract (?:its|customer)",
    re.I,
)
_DELETE = re.compile(r"\bdelet|\bdestroy|\berase", re.I)
_TRANSITION = re.compile(
    r"transition (?:assistance|services|support|period)|termination assistance|migration assistance"
    r"|exit (?:assistance|plan)|post-termination services",
    re.I,
)
_LIABILITY = re.compile(r"\bliabilit", re.I)
_LIMIT = re.compile(
    r"shall not exceed|will not exceed|not to exceed|limited to|in no event|exceed the (?:total|amount)"
    r"|maximum aggregate|in the aggregate",
    re.I,
)
_FEES = re.compile(r"\bfees\b|amounts? paid|amounts? payable|charges", re.I)
_PERSONNEL = re.compile(r"\bpersonnel\b|project manager|solution architect|key person|key staff|account manager", re.I)
_REPLACE = re.compile(r"\breplace|\bsubstitut|\breassign|\bremove", re.I)
_APPROVAL = re.compile(r"consent|approv", re.I)
_IMPLEMENTATION = re.compile(
    r"implementation|professional services|onboarding|set[- ]?up fee|setup fee|deployment fee", re.I
)
_FEE = re.compile(r"\bfees?\b", re.I)
_AT_SIGNATURE = re.compile(
    r"upon (?:execution|signature|signing)|at signing|on signature|upon the effective date|in advance"
    r"|on the effective date",
    re.I,
)
_AT_GO_LIVE = re.compile(r"go[- ]live|acceptance|production use|milestone|cutover|activation", re.I)
_BILLING = re.compile(
    r"\b(?:subscription fees|fees|billing|charges|invoicing)\b[^.]{0,40}\b(?:begin|commence|start|accrue)", re.I
)
_REGARDLESS = re.compile(r"whether or not|regardless|irrespective|even if", re.I)
_EFFECTIVE = re.compile(r"effective date|execution|signature|order date|start date", re.I)
_NET = re.compile(r"\bnet\s+(?:\w+[\s-]*)?\(?(\d{1,3})\)?\s*(?:days)?|payable within", re.I)


_TRANSITION_WORDS = ("transition", "termination assistance", "migration", "exit", "post-termination")


def extract_term_and_renewal(sentence: Sentence, emit: Emit) -> None:
    lower = sentence.lower
    if "renew" not in lower and "term" not in lower:
        return
    renew = _RENEW.search(lower)
    durations = find_durations(sentence.text)
    if not durations:
        if renew and _AUTO.search(lower):
            emit(sentence, TermKind.renewal_term, None, None, "renewal", "auto")
        return
    if renew:
        auto = "auto" if _AUTO.search(lower) else "by agreement"
        renewal_found = False
        for d in durations:
            text = sentence.text
            is_notice = _NOTICE_AFTER.search(text[d.end : d.end + 30]) or _NOTICE_BEFORE.search(
                text[max(0, d.start - 25) : d.start]
            )
            if is_notice and "notice" in lower:
                emit(sentence, TermKind.renewal_notice, in_days(d), "day", "notice to stop renewal", auto)
            elif d.unit in ("month", "year") and not renewal_found:
                emit(sentence, TermKind.renewal_term, in_months(d), "month", "renewal term", auto)
                renewal_found = True
        if not renewal_found and auto == "auto":
            emit(sentence, TermKind.renewal_term, None, None, "renewal", auto)
    if _TERM.search(lower) and not renew:
        for d in durations:
            if d.unit in ("month", "year"):
                emit(sentence, TermKind.subscription_term, in_months(d), "month", "initial term")
                break


def extract_termination(sentence: Sentence, emit: Emit) -> None:
    lower = sentence.lower
    if "terminat" not in lower:
        return
    if _CONVENIENCE.search(lower):
        emit(sentence, TermKind.termination_right, None, None, "termination for convenience", "convenience")
    if _CAUSE.search(lower):
        cure = [d for d in find_durations(sentence.text) if d.unit in ("day", "business_day")]
        emit(sentence, TermKind.termination_right, in_days(cure[0]) if cure else None, "day" if cure else None,
             "termination for cause (cure period)", "cause")  # fmt: skip
    if _EARLY.search(lower) and ("due" in lower or "payable" in lower or "pay" in lower):
        emit(sentence, TermKind.termination_fee, None, None, "remaining fees on early termination", "remaining_fees")


def extract_exit(sentence: Sentence, emit: Emit) -> None:
    lower = sentence.lower
    if "data" not in lower and "content" not in lower and not any(w in lower for w in _TRANSITION_WORDS):
        return
    if _DATA.search(lower):
        days = [d for d in find_durations(sentence.text) if d.unit in ("day", "business_day", "week", "month")]
        value = in_days(days[0]) if days else None
        if _EXPORT.search(lower):
            emit(sentence, TermKind.data_export, value, "day" if days else None, "data export")
        elif _DELETE.search(lower) and ("terminat" in lower or "expir" in lower):
            emit(sentence, TermKind.data_deletion, value, "day" if days else None, "data deletion after termination")
    if _TRANSITION.search(lower):
        months = [d for d in find_durations(sentence.text)]
        value = in_months(months[0]) if months else None
        emit(sentence, TermKind.transition_assistance, value, "month" if months else None, "transition assistance")


def extract_liability(sentence: Sentence, emit: Emit) -> None:
    lower = sentence.lower
    if "liabilit" not in lower:
        return
    if not (_LIABILITY.search(lower) and _LIMIT.search(lower)):
        return
    months = [d for d in find_durations(sentence.text) if d.unit in ("month", "year")]
    if months and _FEES.search(lower):
        emit(sentence, TermKind.liability_cap, in_months(months[0]), "months of fees", "liability cap", "fees")
        return
    money = find_money(sentence.text)
    if money:
        emit(sentence, TermKind.liability_cap, money[0].value, money[0].unit, "liability cap", "amount")
    elif _FEES.search(lower):
        emit(sentence, TermKind.liability_cap, None, None, "liability cap", "fees")


def extract_delivery(sentence: Sentence, emit: Emit) -> None:
    """Implementation fees and when they fall due, billing start, payment terms, key personnel."""
    lower = sentence.lower
    if "fee" in lower and _IMPLEMENTATION.search(lower) and _FEE.search(lower):
        money = find_money(sentence.text)
        if money:
            when = "signature" if _AT_SIGNATURE.search(lower) else ("go_live" if _AT_GO_LIVE.search(lower) else None)
            emit(sentence, TermKind.implementation_fee, money[0].value, money[0].unit, "implementation fee", when)
    if any(w in lower for w in ("begin", "commence", "start", "accrue")) and _BILLING.search(lower):
        if _REGARDLESS.search(lower) or (_EFFECTIVE.search(lower) and not _AT_GO_LIVE.search(lower)):
            emit(sentence, TermKind.billing_start, None, None, "recurring billing start", "before_go_live")
        elif _AT_GO_LIVE.search(lower):
            emit(sentence, TermKind.billing_start, None, None, "recurring billing start", "go_live")
    net = _NET.search(lower) if ("net " in lower or "payable within" in lower) else None
    if net and ("payable" in lower or "invoice" in lower or "due" in lower):
        days = [d for d in find_durations(sentence.text) if d.unit == "day"]
        if days:
            emit(sentence, TermKind.payment_terms, days[0].value, "day", "payment terms")
    staff = ("personnel", "manager", "architect", "key person", "key staff")
    if any(w in lower for w in staff) and _PERSONNEL.search(lower) and _REPLACE.search(lower):
        basis = "approval" if _APPROVAL.search(lower) else "vendor_discretion"
        emit(sentence, TermKind.key_personnel, None, None, "key personnel substitution", basis)
