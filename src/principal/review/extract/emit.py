"""The one constructor extractors use to turn a match in a sentence into a `Term`, and the clean-up after all
extractors ran: exact repeats dropped, a figure and its terms stated in two sentences joined into one term."""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace
from decimal import Decimal

from principal.review.amending_titles import is_amendment
from principal.review.document import Document
from principal.review.extract.context import Sentence
from principal.review.extract.numbers import KRONER
from principal.review.extract.terms import Term, TermKind

MAX_QUOTE = 400
_CONDITIONAL = re.compile(r"\bunless\b|\bexcept\b|\bonly if\b|\bprovided that\b|\bsubject to\b|\bsave where\b", re.I)
_LINE_KINDS = (TermKind.seat_price, TermKind.seat_quantity, TermKind.usage_rate)
# Kinds whose value or threshold the reader needs; a term of these kinds read without it is to be checked.
_NEEDS_VALUE = (TermKind.seat_price, TermKind.usage_rate, TermKind.uptime_target, TermKind.credit_cap)
_MERGED = (TermKind.implementation_fee, TermKind.data_export, TermKind.transition_assistance)


@dataclass
class Emit:
    """Collects terms: each extractor calls it once per term it finds."""

    document: Document
    currency: str | None = None
    terms: list[Term] = field(default_factory=list)
    dates: dict[str, str] = field(default_factory=dict)
    """Dates the document defines ("the start date") and the billing basis each means (`go_live`...)."""
    periods: dict[str, str] = field(default_factory=dict)
    """Periods the document defines ("service period") and the window each is ("month")."""
    vendors: tuple[str, ...] = ()
    """Lower-case names the document gives the vendor besides its role words ("duna")."""
    windows: dict[str, tuple[Decimal, str]] = field(default_factory=dict)
    """Periods after the end the document defines ("exit period") and their length (90 day)."""
    uptime_window: str | None = None
    """The window the document measures availability over where it says so once ("available during each calendar
    month at no less than the percentage below"): the window of its targets that state none."""
    kroner: str | None = None
    """The currency the document's "kr" amounts are in (NOK, SEK, DKK, ISK), if it says."""
    designations: tuple[tuple[str, re.Pattern[str]], ...] = ()
    """What each of the package's documents is and the designation it goes by (("sla", "Annex SL"), ...)."""
    ai_names: re.Pattern[str] | None = None
    """The product names the document says are AI features ("rheinwelle resümee"), or None."""
    own_parts: dict[str, bool] = field(default_factory=dict)
    """Whether each schedule the document names ("schedule 3") is one it holds itself (read once per name)."""
    title: str = ""
    """The document's first line, lower-case ("annex 2: service level commitments")."""

    def __call__(
        self,
        sentence: Sentence,
        kind: TermKind,
        value: Decimal | None,
        unit: str | None,
        detail: str,
        basis: str | None = None,
        threshold: Decimal | None = None,
    ) -> None:
        if unit is not None and unit.split("/")[0] == KRONER:
            if self.kroner is None:
                return  # "kr 689,00" in a document that never says whose kroner: unknown, not guessed
            unit = self.kroner + unit[len(KRONER) :]
        quote = sentence.quote
        if len(quote) > MAX_QUOTE:
            quote = quote[: MAX_QUOTE - 1] + "…"
        location = sentence.locate(self.document)
        if value is not None and value == value.to_integral_value() and kind is not TermKind.seat_price:
            value = value.quantize(Decimal(1)) if abs(value) < 10**12 else value
        confidence = _confidence(sentence, kind, value, basis)
        self.terms.append(Term(kind, value, unit, detail, basis, threshold, quote, location, confidence))

    def finish(self, title: str) -> tuple[Term, ...]:
        terms = _resolve_dates(self.terms, self.dates)
        if self.uptime_window is not None:
            terms = [replace(t, basis=self.uptime_window) if t.kind is TermKind.uptime_target and t.basis is None
                     else t for t in terms]  # fmt: skip
        kept = _lock_ins(_reductions(_merge(_dedupe(terms))))
        return tuple(_drop_self_references(_drop_vaguer(kept), title))


def _confidence(sentence: Sentence, kind: TermKind, value: Decimal | None, basis: str | None) -> float:
    """A reading from a table row under a header, or a plain sentence, is sure; one hedged by a condition, read
    from a very long sentence, or missing the figure its kind needs is to be checked."""
    score = 0.9 if sentence.header else 0.85
    if len(sentence.text) > 500:
        score -= 0.2
    if _CONDITIONAL.search(sentence.lower) and kind in (
        TermKind.termination_right, TermKind.seat_reduction, TermKind.renewal_term, TermKind.data_export,
        TermKind.ai_default_on, TermKind.ai_opt_in, TermKind.carve_out,
    ):  # fmt: skip
        score -= 0.15
    if value is None and kind in _NEEDS_VALUE:
        score -= 0.3
    return round(max(score, 0.1), 2)


def _resolve_dates(terms: list[Term], dates: dict[str, str]) -> list[Term]:
    """A billing start tied to a date defined elsewhere takes that definition's meaning; one whose date the
    document never defines is unknown and dropped."""
    out = []
    for term in terms:
        if term.kind is TermKind.billing_start and term.basis is None:
            quote = " ".join(term.quote.lower().split())
            named = [basis for name, basis in dates.items() if name != "that date" and name in quote]
            if not named:
                continue
            term = replace(term, basis=named[0])
        out.append(term)
    return out


def _dedupe(terms: list[Term]) -> list[Term]:
    seen: set[tuple[object, ...]] = set()
    out = []
    for term in terms:
        key: tuple[object, ...] = term.key()
        if term.kind in _LINE_KINDS:
            key = (*key, term.detail, term.location.start)
        elif term.kind is TermKind.uptime_target and ":" in term.detail:
            key = (*key, term.detail)  # "99.9% for Voice, 99.9% for Digital Channels": one target per component
        if key in seen:
            continue
        seen.add(key)
        out.append(term)
    return out


def _merge(terms: list[Term]) -> list[Term]:
    """One term from two sentences: an implementation fee's amount in a table row and when it is due in a
    sentence; a data export window and its price in the next sentence."""
    out = list(terms)
    for kind in _MERGED:
        of_kind = [t for t in out if t.kind is kind]
        valued = [t for t in of_kind if t.value is not None]
        based = [t for t in of_kind if t.basis is not None]
        if not of_kind:
            continue
        if kind is TermKind.implementation_fee:
            amount = next((t for t in valued if t.basis is None), None)
            when = next((t for t in based if t.value is None), None)
        else:
            amount = next((t for t in valued if t.basis is None), None)
            when = next((t for t in based if t.value is None and t.basis != "none"), None)
        if amount is not None and when is not None:
            merged = replace(amount, basis=when.basis, confidence=min(amount.confidence, when.confidence))
            out = [merged if t is amount else t for t in out if t is not when]
            of_kind = [t for t in out if t.kind is kind]
        if len(of_kind) > 1:
            # The same right said twice, once with more detail: keep the fuller one.
            best = max(of_kind, key=lambda t: (t.value is not None) + (t.basis is not None))
            out = [t for t in out if t.kind is not kind or t is best or (t.value is not None and t.value != best.value)]
    return out


def _reductions(terms: list[Term]) -> list[Term]:
    """Seats that may not be reduced during the term in one sentence and may be reduced at renewal in the next: one
    right, to reduce at renewal."""
    bases = {t.basis for t in terms if t.kind is TermKind.seat_reduction}
    if {"prohibited", "renewal"} <= bases:
        return [t for t in terms if not (t.kind is TermKind.seat_reduction and t.basis == "prohibited")]
    return terms


_INITIAL_PERIOD = re.compile(r"\binitial (?:subscription |contract |service )?(?:term|period)\b", re.I)
_FIRST_PERIOD = re.compile(r"\b(?:during|in|within|for) the first\b|\b(?:minimum|initial) (?:term|period)\b", re.I)


def _lock_ins(terms: list[Term]) -> list[Term]:
    """A rule for a first period followed, in the same clause, by the rule after it: no increase in the initial
    term then a cap on each extension's increase is a freeze before capped increases, not prices fixed for the
    deal; no reduction "during the first twelve (12) months" then "Thereafter ... may reduce ... up to 20%" is a
    reduction allowed after a lock-in, not prohibited."""
    rules = (
        (TermKind.price_increase, "fixed", _INITIAL_PERIOD, TermKind.price_increase_cap, None, 400),
        (TermKind.seat_reduction, "prohibited", _FIRST_PERIOD, TermKind.seat_reduction, "allowed", 600),
    )
    for kind, basis, period, later_kind, later_basis, reach in rules:
        later = [t.location for t in terms if t.kind is later_kind and (later_basis is None or t.basis == later_basis)]
        terms = [t for t in terms if not (
            t.kind is kind and t.basis == basis and period.search(t.quote)
            and any(a.section == t.location.section and 0 <= a.start - t.location.end < reach for a in later)
        )]  # fmt: skip
    return terms


def _drop_vaguer(terms: list[Term]) -> list[Term]:
    """A termination right said once without its period and once with it (a lead-in "may terminate for cause
    upon:" and its item "a material breach not cured within thirty (30) days"): one right, the fuller reading."""
    valued = {(t.kind, t.basis) for t in terms if t.kind is TermKind.termination_right and t.value is not None}
    return [t for t in terms if not (t.kind is TermKind.termination_right and t.value is None
                                     and (t.kind, t.basis) in valued)]  # fmt: skip


def _drop_self_references(terms: list[Term], title: str) -> list[Term]:
    lower = title.lower()
    if is_amendment(title):
        # "First Addendum to the Master Subscription Agreement": the title names the document it changes.
        lower = re.split(r"\bto\b", lower, maxsplit=1)[0]
    out = []
    for term in terms:
        if term.kind is TermKind.reference:
            name = term.detail.lower()
            topic_words = {
                "msa": ("master", "general terms", "terms of service", "standard terms"),
                "sla": ("service level",),
                "dpa": ("data processing",),
            }
            if name in lower or any(w in lower for w in topic_words.get(term.basis or "", ())):
                continue
        out.append(term)
    seen: set[str | None] = set()
    result = []
    for term in out:  # one reference per topic
        if term.kind is TermKind.reference:
            if term.basis in seen:
                continue
            seen.add(term.basis)
        result.append(term)
    return result
