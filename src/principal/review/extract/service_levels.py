"""SLA terms: uptime targets and windows, credit tiers and caps, claim deadlines, sole-remedy wording, maintenance
notice, carve-outs (maintenance, carriers, third parties, force majeure), chronic-failure exits, reporting."""

from __future__ import annotations

import re
from decimal import Decimal

from principal.review.extract.context import Sentence
from principal.review.extract.emit import Emit
from principal.review.extract.numbers import find_durations, find_percents, in_days
from principal.review.extract.terms import TermKind

_UPTIME = re.compile(r"\b(?:availab|uptime|up time|up-time|service level)", re.I)
_BELOW = re.compile(r"\b(?:below|less than|under|lower than|falls? short of)\s*$|<\s*$", re.I)
_WINDOW = (
    (re.compile(r"\b(?:monthly|per (?:calendar )?month|each (?:calendar )?month|calendar month"
                r"|in any month)\b", re.I), "month"),
    (re.compile(r"\b(?:quarterly|per quarter|each quarter|calendar quarter)\b", re.I), "quarter"),
    (re.compile(r"\b(?:annual|annually|per year|each year|calendar year|contract year|yearly)\b", re.I), "year"),
)  # fmt: skip
_COMPONENT = re.compile(
    r"\b(?:voice|acd|ivr|routing|agent (?:desktop|login)|digital channels?|chat|telephony|reporting|recording|crm)\b",
    re.I,
)
_WHOLE = re.compile(r"as a whole|across (?:the|all) services|platform[- ]wide|aggregate availability", re.I)
_CREDIT = re.compile(r"\bcredit", re.I)
_CAP = re.compile(r"(?:not|never) (?:to )?exceed|maximum|\bcap(?:ped)?\b|in no event|no more than|up to a total", re.I)
_CLAIM = re.compile(r"\b(?:claim|request|submit|notify|notice)", re.I)
_SOLE = re.compile(r"sole and exclusive remed|exclusive remed|sole remed|only remed", re.I)
_MAINTENANCE = re.compile(r"\bmaintenance\b", re.I)
_EXCLUDE = re.compile(
    r"exclu|not include|not count|does not apply|shall not apply|caused by|arising from|excused", re.I
)
_CARRIER = re.compile(
    r"\bcarriers?\b|telecommunications? (?:provider|carrier|network)|\bpstn\b|public switched telephone"
    r"|internet service providers?",
    re.I,
)
_THIRD_PARTY = re.compile(
    r"third[- ]party (?:services|providers?|software|networks?)|not provided by (?:provider|vendor|supplier)", re.I
)
_FORCE_MAJEURE = re.compile(r"force majeure", re.I)
_CHRONIC = re.compile(
    r"chronic|repeated(?:ly)? fail|(?:three|3|two|2|four"
    r"|4) \(?\d?\)?\s*(?:or more )?(?:consecutive )?(?:months|times|occasions)|consecutive months",
    re.I,
)
_TERMINATE = re.compile(r"\bterminat", re.I)
_REPORT = re.compile(r"\breport", re.I)
_REPORT_WHAT = re.compile(r"service level|performance|kpi|metric|availability|uptime|sla", re.I)
_REPORT_WHEN = re.compile(r"monthly|weekly|daily|quarterly|each month|within", re.I)


_EXCLUSION_SUBJECTS = ("maintenance", "carrier", "telecommunication", "pstn", "telephone", "internet service",
                       "third-party", "third party", "force majeure")  # fmt: skip


def _window(lower: str) -> str | None:
    for pattern, name in _WINDOW:
        if pattern.search(lower):
            return name
    return None


def extract_availability(sentence: Sentence, emit: Emit) -> None:
    """Uptime targets (90-100%) with their window and scope, and credit tiers (below X% -> Y% credit)."""
    lower = sentence.lower
    if "%" not in lower and "percent" not in lower:
        return
    in_sla = _UPTIME.search(lower) or "service level" in sentence.headings or "uptime" in sentence.headings
    if not in_sla and not _CREDIT.search(lower):
        return
    percents = find_percents(sentence.text)
    tiers_here = " | " in sentence.text or _CREDIT.search(lower) or "credit" in sentence.headings
    thresholds = []
    for p in percents:
        below = _BELOW.search(sentence.text[max(0, p.start - 20) : p.start])
        if below and Decimal(90) <= p.value < 100:
            thresholds.append(p)
    if thresholds and tiers_here:
        credits = [p for p in percents if p.value < 90 and p.start > thresholds[0].end]
        if credits:
            emit(sentence, TermKind.credit_tier, credits[-1].value, "%", "service credit", "below", thresholds[0].value)
        return
    if not _UPTIME.search(lower):
        return
    for p in percents:
        if Decimal(90) <= p.value <= 100 and not _BELOW.search(sentence.text[max(0, p.start - 20) : p.start]):
            scope = "per component" if _COMPONENT.search(lower) and not _WHOLE.search(lower) else "whole service"
            emit(sentence, TermKind.uptime_target, p.value, "%", scope, _window(lower))
            break


def extract_credit_terms(sentence: Sentence, emit: Emit) -> None:
    """Credit caps, claim deadlines and sole-remedy wording."""
    lower = sentence.lower
    if "credit" not in lower and "remed" not in lower:
        return
    credit = _CREDIT.search(lower)
    if credit and _CAP.search(lower):
        percents = find_percents(sentence.text)
        if percents and "uptime" not in lower[: percents[0].start]:
            emit(sentence, TermKind.credit_cap, percents[-1].value, "%", "monthly fees", _window(lower))
    if credit and _CLAIM.search(lower):
        for duration in find_durations(sentence.text):
            if duration.unit in ("day", "business_day", "week", "month"):
                emit(sentence, TermKind.credit_claim_deadline, in_days(duration), "day", "credit claim")
                break
    if _SOLE.search(lower) and len(lower) > 40:  # not the heading "Sole Remedy" itself
        scope = "service credits" if credit or "service level" in sentence.headings else "general"
        emit(sentence, TermKind.sole_remedy, None, None, scope, "credits" if scope == "service credits" else "other")


def extract_exclusions(sentence: Sentence, emit: Emit) -> None:
    """Carve-outs from the uptime figure; maintenance notice periods."""
    lower = sentence.lower
    if not any(word in lower for word in _EXCLUSION_SUBJECTS):
        return
    excluding = _EXCLUDE.search(lower) or "exclusion" in sentence.headings
    if not excluding:
        return
    if _MAINTENANCE.search(lower):
        durations = find_durations(sentence.text)
        emergency = "emergency maintenance" in lower or "unscheduled maintenance" in lower
        emit(
            sentence,
            TermKind.carve_out,
            None,
            None,
            "maintenance",
            "emergency_maintenance" if emergency else "maintenance",
        )
        if durations:
            emit(sentence, TermKind.maintenance_notice, durations[0].value, durations[0].unit, "maintenance notice")
    for pattern, name in ((_CARRIER, "carrier"), (_THIRD_PARTY, "third_party"), (_FORCE_MAJEURE, "force_majeure")):
        if pattern.search(lower) and (
            _UPTIME.search(lower) or "exclusion" in sentence.headings or "service level" in sentence.headings
        ):
            emit(sentence, TermKind.carve_out, None, None, name.replace("_", " "), name)


def extract_service_exits(sentence: Sentence, emit: Emit) -> None:
    """Chronic-failure termination rights and performance reporting duties."""
    lower = sentence.lower
    if "terminat" not in lower and "report" not in lower:
        return
    if (
        _TERMINATE.search(lower)
        and _CHRONIC.search(lower)
        and (_UPTIME.search(lower) or "service level" in sentence.headings or "credit" in lower)
    ):
        emit(sentence, TermKind.termination_right, None, None, "chronic service failure", "chronic")
    if _REPORT.search(lower) and _REPORT_WHAT.search(lower) and _REPORT_WHEN.search(lower):
        emit(sentence, TermKind.reporting, None, None, "performance reporting", _window(lower))
