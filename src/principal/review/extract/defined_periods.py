"""Periods a document defines once and then names ("A Service Period is a calendar month"; "'Measurement
Period' means each calendar quarter"; "measured over each calendar month (each, a "Measurement Period")"): a
sentence that promises availability "in each Service Period" is measured over that window."""

from __future__ import annotations

import re
from collections.abc import Sequence
from decimal import Decimal

from principal.review.extract.numbers import find_durations

# A defined period's name: one or two capitalised words (not an article) before Period, Window, Interval, Cycle,
# Month, Quarter or Year ("Service Month" means a calendar month).
_NAME = (
    r"(?:(?!(?:The|A|An|Each|Any|Every|Such|That|This)\s)[A-Z][A-Za-z-]+\s){1,2}"
    r"(?:Period|Window|Interval|Cycle|Month|Quarter|Year)"
)
_QUOTE_OPEN = "[\"“‘']?"
_QUOTE_CLOSE = "[\"”’']?"
# "Service Period" means / shall mean / is / refers to / : ...
_DEFINED_AS = re.compile(
    rf"{_QUOTE_OPEN}(?P<name>{_NAME}){_QUOTE_CLOSE}\s*(?:\([^)]{{0,40}}\)\s*)?"
    r"(?::|\bmeans\b|\bshall mean\b|\bis\b|\brefers to\b|\bhas the meaning\b)\s+(?P<body>[^.;\n]{1,160})"
)
# "... each calendar month (each, a "Measurement Period")": the words before the brackets give the window.
_DEFINED_AFTER = re.compile(
    rf"\((?:each|each,|the|a|hereinafter|referred to as)[^)\"“]{{0,30}}{_QUOTE_OPEN}(?P<name>{_NAME}){_QUOTE_CLOSE}\)"
)
_CLAUSE_BREAK = re.compile(r"[.;\n(]")
# "a twelve-month period" is a year and "a three-month period" a quarter, never a month.
_SPANS = (
    (re.compile(r"\b(?:calendar )?quarter\b|\bthree[- ](?:\(?3\)?[- ]?)?(?:consecutive )?(?:calendar )?months?\b"
                r"|\b3[- ]months?\b", re.I),
     "quarter"),
    (re.compile(r"\b(?:calendar |contract )?year\b|\btwelve[- ](?:\(?12\)?[- ]?)?(?:consecutive )?months?\b"
                r"|\b12[- ]months?\b", re.I), "year"),
    (re.compile(r"(?<!-)\b(?:calendar )?month\b|\bone \(?1?\)? ?(?:calendar )?month\b", re.I), "month"),
)  # fmt: skip


def _span(body: str) -> str | None:
    """The window a definition's words give, the first named ("each calendar month in a Contract Year" is a month;
    "a calendar month, or part of one at the start" still a month).
    A definition that names a period by reference to something else ("the period set out in the Order") gives
    none."""
    found = [(match.start(), name) for pattern, name in _SPANS if (match := pattern.search(body))]
    return min(found)[1] if found else None


def defined_periods(text: str) -> dict[str, str]:
    """Lower-case name of each period the text defines -> its window ("month", "quarter" or "year"). A name
    defined twice with different windows is ambiguous and left out."""
    found: dict[str, set[str]] = {}
    text = text[:400_000]
    for match in _DEFINED_AS.finditer(text):
        _add(found, match.group("name"), _span(match.group("body")))
    for match in _DEFINED_AFTER.finditer(text):
        before = text[max(0, match.start() - 120) : match.start()]
        breaks = list(_CLAUSE_BREAK.finditer(before))
        _add(found, match.group("name"), _span(before[breaks[-1].end() :] if breaks else before))
    return {name: spans.pop() for name, spans in found.items() if len(spans) == 1}


def package_periods(texts: Sequence[str]) -> dict[str, str]:
    """The periods the documents of one package define: an SLA exhibit may use the "Service Period" its MSA
    defines. A name two documents define differently is left out."""
    found: dict[str, set[str]] = {}
    for text in texts:
        for name, span in defined_periods(text).items():
            found.setdefault(name, set()).add(span)
    return {name: spans.pop() for name, spans in found.items() if len(spans) == 1}


def _add(found: dict[str, set[str]], name: str, span: str | None) -> None:
    if span is not None:
        found.setdefault(" ".join(name.lower().split()), set()).add(span)


def named_window(lower: str, periods: dict[str, str]) -> str | None:
    """The window of a defined period the sentence names."""
    for name, span in periods.items():
        if name in lower:
            return span
    return None


# '"Exit Period" means the ninety (90) days following the termination or expiry of an Order': a window after the
# contract ends, named once and used later ("During the Exit Period, ... available for export").
_AFTER_END = re.compile(r"^\s*(?:the\s+)?(?:period\s+of\s+)?[^,;]{0,40}?\b(?:following|after)\s+(?:the\s+)?"
                        r"(?:termination|expiry|expiration|end)\b", re.I)  # fmt: skip


_AFTER_THE_END = re.compile(r"\b(?:following|after)\s+(?:the\s+)?(?:expiry|termination|expiration|end)\b", re.I)


def defined_windows(text: str) -> dict[str, tuple[Decimal, str]]:
    """Lower-case name of each period the text defines as a stretch of time after the contract ends -> its
    length as stated ("exit period" -> 90 day)."""
    found: dict[str, tuple[Decimal, str]] = {}
    for match in _DEFINED_AFTER.finditer(text[:400_000]):
        # "For six (6) months following the expiry or termination of this Contract (the "Exit Period")"
        before = text[max(0, match.start() - 160) : match.start()]
        breaks = list(re.finditer(r"[.;\n]", before))
        clause = before[breaks[-1].end() :] if breaks else before
        durations = find_durations(clause)
        after_end = _AFTER_THE_END.search(clause)
        if durations and after_end and durations[0].unit in ("day", "business_day", "week", "month"):
            found[" ".join(match.group("name").lower().split())] = (durations[0].value, durations[0].unit)
    for match in _DEFINED_AS.finditer(text[:400_000]):
        body = match.group("body")
        durations = find_durations(body)
        if _AFTER_END.match(body) and durations and durations[0].unit in ("day", "business_day", "week", "month"):
            found[" ".join(match.group("name").lower().split())] = (durations[0].value, durations[0].unit)
    return found
