"""Carve-outs from the uptime figure (planned and emergency maintenance, carrier networks, third-party services,
force majeure) and the notice planned maintenance needs; an exclusion denied ("emergency maintenance counts as
downtime") is not a carve-out.

Patterns searched in lower-case text are compiled without IGNORECASE (three times faster to match); the few that
read the sentence's own text keep it."""

from __future__ import annotations

import re

from principal.review.extract.context import Sentence
from principal.review.extract.emit import Emit
from principal.review.extract.meaning import clause_end, clause_start
from principal.review.extract.numbers import find_durations
from principal.review.extract.service_levels import OUTAGE_WORDS, UPTIME
from principal.review.extract.terms import TermKind

_MAINTENANCE = re.compile(r"\b(?:(?P<kind>emergency|urgent|unscheduled|scheduled|planned)\s+)?maintenance\b")
_EXCLUDE = re.compile(
    r"\bexclu\w*|\bdoes not include|\bdo not include|\bnot include|\bdoes not count|\bdo not count|\bnot counted"
    r"|\bshall not be considered|\bnot (?:be )?(?:computed|calculated) as\b"
    r"|\bnot be taken into account|\bnot regarded as\b|\bnot be counted\b"
    r"|\bdo(?:es)? not take into account|\bnot taken into account"
    r"|\b(?:is|are) not (?:treated as |counted as )?(?:downtime|unavailab\w*)"
    r"|\bexcused|\bnot count|\bleft out\b|\bdisregarded\b|\b(?:is|are) not reduced by\b|\bdoes not reduce\b"
    r"|\b(?:shall|will) not be reduced by\b",
)
_COUNTS = re.compile(
    r"(?<!not )\bcounts? (?:as|against)\b|(?<!not )\bcounted as\b|\bis not excluded\b|\bare not excluded\b"
    r"|\bis not excluded time\b|\b(?:is|are) not an? excluded\b",
)
_CARRIER = re.compile(
    r"\bcarriers?\b|\btelecom(?:munications?)? (?:business )?(?:providers?|carriers?|networks?|operators?)|\bpstn\b"
    r"|\b(?:network|mobile|telephone|phone) operators?\b"
    r"|public (?:switched )?telephone network|internet service providers?|carrier networks",
)
_THIRD_PARTY = re.compile(
    r"third[- ]party (?:(?!carrier|telecom)[a-z]+ )?"  # "third-party messaging platforms", not carrier networks
    r"(?:services|providers?|software|networks?|platforms?|applications?|channels?|systems?)"
    r"|not provided by (?:the )?(?:provider|vendor|supplier)"
    r"|\b(?:operated|provided|run|hosted|supplied) by third parties"
    r"|\b(?:services|systems|applications|channels) (?:that|which) (?:[\w'’]+ ){1,3}does not"
    r" (?:provide|operate|control)\b",
)
_FORCE_MAJEURE = re.compile(r"force majeure|\bbeyond (?:the )?(?:\w+['’]s |its |their )?reasonable control\b")
_NOTICE_AFTER = re.compile(r"\W*(?:['’]s?\s+)?(?:in advance|prior|before|(?:written\s+)?notice)\b", re.I)
_NOTICE_BEFORE = re.compile(r"\b(?:notice|notif\w*|announc\w*)\b[^.;]{0,20}$", re.I)
_NOTICE = re.compile(r"\bnotice|\bin advance|\bannounc|\bnotif")


def extract_exclusions(sentence: Sentence, emit: Emit) -> None:
    """Carve-outs from the uptime figure and maintenance notice periods."""
    lower = sentence.lower
    context = f"{sentence.lead} {lower}"
    if not any(w in lower for w in ("maintenance", "carrier", "telecom", "operator", "pstn", "telephone", "internet",
                                      "third-party", "third party", "third parties", "does not provide",
                                      "force majeure",
                                      "reasonable control")):  # fmt: skip
        return
    lead_excludes = bool(_EXCLUDE.search(sentence.lead))
    colon = lower.find(":")
    for match in _MAINTENANCE.finditer(lower):
        kind = (match.group("kind") or "").lower()
        if _excluded(lower, match.start(), lead_excludes, colon):
            basis = "emergency_maintenance" if kind in ("emergency", "urgent", "unscheduled") else "maintenance"
            emit(sentence, TermKind.carve_out, None, None, "maintenance", basis)
    planned = re.search(
        r"\b(?:scheduled|planned|permitted|routine)\s+maintenance\b|^\W*(?:\(\w+\)\s*)?maintenance\b"
        r"|\bmaintenance that\b"
        r"|:\s*maintenance\b|\bmaintenance (?:announced|notified)\b",
        lower,
    )
    if planned and _NOTICE.search(lower):
        durations = [d for d in find_durations(sentence.text) if d.unit in ("day", "business_day", "hour", "week")]
        if durations:
            # The period of the notice, not a cap on the maintenance itself ("shall not exceed eight (8) hours per
            # month and shall be notified at least seven (7) days in advance").
            noticed = [d for d in durations if _NOTICE_AFTER.match(sentence.text, d.end)
                       or _NOTICE_BEFORE.search(sentence.text[max(0, d.start - 40) : d.start])]  # fmt: skip
            chosen = (noticed or durations)[0]
            emit(sentence, TermKind.maintenance_notice, chosen.value, chosen.unit, "maintenance notice")
    for pattern, name in ((_CARRIER, "carrier"), (_THIRD_PARTY, "third_party"), (_FORCE_MAJEURE, "force_majeure")):
        found = pattern.search(lower)
        relevant = (UPTIME.search(context) or OUTAGE_WORDS.search(context) or "exclusion" in sentence.headings
                    or "excluded" in context)  # fmt: skip
        if found and relevant and _excluded(lower, found.start(), lead_excludes, colon):
            emit(sentence, TermKind.carve_out, None, None, name.replace("_", " "), name)


def _excluded(lower: str, at: int, lead_excludes: bool, colon: int) -> bool:
    """The subject at `at` is excluded from uptime: by its own clause, by a lead-in before a colon, or by the
    list's lead-in; never when its clause says it counts as downtime or is not excluded."""
    start, end = clause_start(lower, at), clause_end(lower, at)
    clause = lower[start : end + 1]
    if _COUNTS.search(clause):
        return False
    if _EXCLUDE.search(clause):
        return True
    if 0 <= colon < at and _EXCLUDE.search(lower[:colon]):
        return True
    whole = lower[: end + 1]
    if _EXCLUDE.search(whole) and not _COUNTS.search(whole):
        return True
    return lead_excludes
