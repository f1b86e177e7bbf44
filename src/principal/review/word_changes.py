"""Amendments that change words, not clauses: 'In clause 3.5 of the Agreement, the words "four percent (4%)" are
replaced by the words "three percent (3%)"'. The figure replaced is found among the terms the other documents
state (the same figure, in the clause named when one is), and the amendment states that term again with the new
figure, cited to the amendment's own sentence; `amendments.terms_in_force` then lets it replace the old one.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence
from dataclasses import replace

from principal.review.document import Document
from principal.review.extract.context import sentences
from principal.review.extract.emit import MAX_QUOTE
from principal.review.extract.numbers import Quantity, find_durations, find_money, find_percents
from principal.review.extract.terms import Term
from principal.review.segment import Segments

_QUOTE_OPEN = "[\"“‘']"
_QUOTE_CLOSE = "[\"”’']"
_REPLACED_WORDS = re.compile(
    r"(?:\b(?:clause|section|paragraph|article|§)\s*(?P<ref>\d{1,2}(?:\.\d{1,2}){0,3})\b[^\"“]{0,80}?)?"
    # 'the words "four percent (4%)"', or the quoted words alone after the clause ('In clause 8.6, "30 days" is ...')
    rf"(?:\bthe\s+(?:words?|figures?|numbers?|percentage|amount|period)\s+|(?<=[,:]\s)){_QUOTE_OPEN}(?P<old>[^\"”’]{{1,80}})"
    rf"{_QUOTE_CLOSE}\s+(?:is|are|shall\s+be|will\s+be)\s+(?:deleted\s+and\s+)?(?:replaced|substituted)\s+(?:by|with)\s+"
    rf"(?:the\s+(?:words?|figures?|numbers?)\s+)?{_QUOTE_OPEN}(?P<new>[^\"”’]{{1,80}}){_QUOTE_CLOSE}",
    re.I,
)
MAX_CHANGES = 50  # word changes read per amendment: a hostile file cannot make the search quadratic


def _figure(words: str) -> Quantity | None:
    """The one figure a quoted phrase holds ("four percent (4%)", "thirty (30) days", "USD 1,000")."""
    for finder in (find_percents, find_durations, find_money):
        found = finder(words)
        if found:
            return found[0]
    return None


def _in_clause(term: Term, ref: str) -> bool:
    section = term.location.section or ""
    quote = term.quote
    return section == ref or section.startswith(ref + ".") or quote.startswith(ref + " ") or quote.startswith(ref + ".")


def changed_figures(document: Document, segments: Segments, others: Sequence[Term]) -> Iterator[Term]:
    """The terms of `others` whose figure this amendment's word changes replace, each restated with its new
    figure and cited to the amendment."""
    count = 0
    for sentence in sentences(document, segments):
        for match in _REPLACED_WORDS.finditer(sentence.text):
            count += 1
            if count > MAX_CHANGES:
                return
            old, new = _figure(match.group("old")), _figure(match.group("new"))
            if old is None or new is None or old.unit != new.unit:
                continue
            ref = match.group("ref")
            for term in others:
                if term.value != old.value or not (term.unit or "").startswith(old.unit.split("/")[0]):
                    continue
                if ref is not None and not _in_clause(term, ref):
                    continue
                quote = sentence.quote if len(sentence.quote) <= MAX_QUOTE else sentence.quote[: MAX_QUOTE - 1] + "…"
                yield replace(term, value=new.value, quote=quote, location=sentence.locate(document))
