"""Pricing and usage terms: seat prices and quantities, per-unit usage rates and bands, usage caps, AI features
billed by default, price increases and their caps, minimum commitments, seat reductions."""

from __future__ import annotations

import re
from decimal import Decimal

from principal.review.extract.context import Sentence
from principal.review.extract.emit import Emit
from principal.review.extract.numbers import find_money, find_percents, to_decimal
from principal.review.extract.terms import TermKind

_SEAT_UNIT = re.compile(
    r"\bper\s+(?:named\s+|concurrent\s+|active\s+)?(?:user|agent|seat|licen[cs]e|supervisor)s?\b|/\s?(?:user|agent|seat)\b",
    re.I,
)
_USAGE_UNIT = re.compile(
    r"\bper\s+(?P<unit>minute|min|second|session|message|summary|summaries|call|conversation|interaction|sms|text|"
    r"email|gb|gigabyte|token|transaction|api call|request|contact|page|hour|transcription|recording)s?\b",
    re.I,
)
_PERIOD = re.compile(r"\bper\s+(month|year|annum)\b|\b(monthly|annual(?:ly)?)\b", re.I)
_BAND_UP_TO = re.compile(r"\b(?:first|up to|upto|first\s+up\s+to)\s+(\d{1,3}(?:,\d{3})+|\d+)", re.I)
_BAND_ABOVE = re.compile(r"\b(?:above|over|beyond|in excess of|more than|exceeding)\s+(\d{1,3}(?:,\d{3})+|\d+)", re.I)
_INTEGER_CELL = re.compile(r"^\d{1,3}(?:,\d{3})*$|^\d+$")
_SEATS_IN_PROSE = re.compile(
    r"\b(\d{1,3}(?:,\d{3})+|\d+)\s+(?:named\s+|concurrent\s+)?(?:agent\s+)?(?:seats|users|agents|licen[cs]es)\b", re.I
)
_AI = re.compile(
    r"\b(?:ai|artificial intelligence|bot|virtual agent|summar|sentiment|generative|copilot|agent assist"
    r"|transcription|analytics)",
    re.I,
)
_DEFAULT_ON = re.compile(
    r"enabled by default|on by default|by default|automatically (?:enabled|activated|applied|generated"
    r"|turned on)|default[- ]on",
    re.I,
)
_OPT_IN = re.compile(
    r"\bopt[- ]in\b|only (?:upon|after|with) customer'?s? (?:written )?(?:request|consent|approval"
    r"|activation)|customer (?:must|may) (?:enable|activate)",
    re.I,
)
_BILLABLE = re.compile(r"billable|charged|billed|fee|invoic", re.I)
_CAP_WORDS = re.compile(
    r"not[- ]to[- ]exceed|shall not exceed|will not exceed|\bcap(?:ped)?\b|\bceiling\b|\bcollar\b"
    r"|maximum (?:monthly|annual)",
    re.I,
)
_USAGE_WORDS = re.compile(r"usage (?:fees|charges)|consumption|overage|usage-based|metered", re.I)
_INCREASE = re.compile(r"\b(?:increase|uplift|escalat|adjust|raise)", re.I)
_PRICE_WORDS = re.compile(r"\b(?:fees|prices|pricing|rates|charges|subscription fees)\b", re.I)
_CPI = re.compile(r"\bcpi\b|consumer price index|inflation", re.I)
_CAP_PERCENT = re.compile(
    r"(?:not (?:to )?exceed|no (?:more|greater) than|capped at|cap of|maximum of|up to"
    r"|at most)\s+(?:the lesser of\s+)?",
    re.I,
)
_MINIMUM = re.compile(
    r"\bminimum (?:commitment|purchase|spend|monthly|annual|order|fee|charge)|\bcommits? to\b"
    r"|\bcommitted (?:quantity|spend|volume)|\btake[- ]or[- ]pay\b",
    re.I,
)
_NO_REDUCTION = re.compile(
    r"(?:may|can|shall) not be (?:reduced|decreased)|no (?:reduction|decrease)s?\b|cannot be (?:reduced"
    r"|decreased)|non-?cancell?able",
    re.I,
)
_REDUCTION_ALLOWED = re.compile(
    r"\bmay (?:reduce|decrease)\b|\breduce (?:the number of|its) (?:seats|licen[cs]es|users)", re.I
)
_SEAT_WORDS = re.compile(r"\b(?:seats?|licen[cs]es?|users?|quantit(?:y|ies))\b", re.I)


_CURRENCY_MARKS = ("$", "USD", "EUR", "GBP", "CAD", "AUD", "CHF", "JPY", "INR", "€", "£", "¥", "₹", "dollars")
_AI_SWITCH_WORDS = ("default", "opt", "enable", "activat", "consent", "approv", "request")


def _mentions(lower: str, words: tuple[str, ...]) -> bool:
    """A cheap substring test run before any regex: most sentences of a contract mention none of the words."""
    return any(word in lower for word in words)


def _row_cells(sentence: Sentence) -> list[str] | None:
    if " | " not in sentence.text:
        return None
    return [cell.strip() for cell in sentence.text.strip().split(" | ")]


def _label(sentence: Sentence, cells: list[str] | None, money_start: int) -> str:
    if cells:
        return cells[0]
    before = sentence.text[:money_start].strip(" :-–,")
    return " ".join(before.split()[-8:])


def extract_rates(sentence: Sentence, emit: Emit) -> None:
    """Seat prices (with the row's quantity) and per-unit usage rates (with band boundaries)."""
    if not any(mark in sentence.text for mark in _CURRENCY_MARKS):
        return
    money = find_money(sentence.text)
    if not money:
        return
    cells = _row_cells(sentence)
    for amount in money:
        after = sentence.text[amount.end : amount.end + 60]
        seat = _SEAT_UNIT.search(after[:30])
        usage = _USAGE_UNIT.search(after[:30])
        label = _label(sentence, cells, amount.start)
        if seat and not usage:
            period = _PERIOD.search(after)
            per = "year" if period and re.search(r"year|annum|annual", period.group(0), re.I) else "month"
            emit(sentence, TermKind.seat_price, amount.value, f"{amount.unit}/user/{per}", label)
            quantity = _row_quantity(cells) if cells else _prose_seats(sentence.text)
            if quantity is not None:
                emit(sentence, TermKind.seat_quantity, quantity, "seat", label)
        elif usage:
            unit = usage.group("unit").lower().rstrip("s") if usage.group("unit").lower() != "summaries" else "summary"
            unit = "minute" if unit == "min" else unit
            basis, threshold = _band(label)
            emit(sentence, TermKind.usage_rate, amount.value, f"{amount.unit}/{unit}", label, basis, threshold)


def _band(label: str) -> tuple[str | None, Decimal | None]:
    up_to = _BAND_UP_TO.search(label)
    if up_to:
        return "band_up_to", to_decimal(up_to.group(1))
    above = _BAND_ABOVE.search(label)
    if above:
        return "band_above", to_decimal(above.group(1))
    return None, None


def _row_quantity(cells: list[str]) -> Decimal | None:
    for cell in cells[1:]:
        if _INTEGER_CELL.match(cell):
            return to_decimal(cell)
    return None


def _prose_seats(text: str) -> Decimal | None:
    match = _SEATS_IN_PROSE.search(text)
    return to_decimal(match.group(1)) if match else None


def extract_usage_controls(sentence: Sentence, emit: Emit) -> None:
    """Usage caps and collars; AI features that bill by default or only on opt-in."""
    lower = sentence.lower
    capping = _mentions(lower, ("exceed", "cap", "ceiling", "collar", "maximum"))
    if capping and _CAP_WORDS.search(lower) and _USAGE_WORDS.search(lower) and "credit" not in lower:
        percents = find_percents(sentence.text)
        money = find_money(sentence.text)
        value, unit = (
            (percents[0].value, "%") if percents else ((money[0].value, money[0].unit) if money else (None, None))
        )
        emit(sentence, TermKind.usage_cap, value, unit, "usage charges")
    if _mentions(lower, _AI_SWITCH_WORDS) and _AI.search(lower) and _BILLABLE.search(lower):
        if _OPT_IN.search(lower):
            emit(sentence, TermKind.ai_opt_in, None, None, "AI features")
        elif _DEFAULT_ON.search(lower):
            emit(sentence, TermKind.ai_default_on, None, None, "AI features", "default_on")


def extract_price_changes(sentence: Sentence, emit: Emit) -> None:
    """Annual increases (fixed or CPI-linked) and caps on them."""
    lower = sentence.lower
    if not _mentions(lower, ("increase", "uplift", "escalat", "adjust", "raise")):
        return
    if not (_INCREASE.search(lower) and _PRICE_WORDS.search(lower)):
        return
    percents = find_percents(sentence.text)
    cpi = _CPI.search(lower)
    if not percents and not cpi:
        return
    cap_at: int | None = None
    cap_match = _CAP_PERCENT.search(sentence.text)
    if cap_match:
        cap_at = cap_match.end()
    increase = None
    for percent in percents:
        if cap_at is not None and percent.start <= cap_at + 2 and percent.start >= cap_match.start():  # type: ignore[union-attr]
            emit(sentence, TermKind.price_increase_cap, percent.value, "%", "annual increase cap")
        elif increase is None:
            increase = percent
    if cpi:
        plus = increase.value if increase is not None else Decimal(0)
        emit(sentence, TermKind.price_increase, plus, "%", "CPI plus", "cpi")
    elif increase is not None:
        emit(sentence, TermKind.price_increase, increase.value, "%", "fixed increase", "fixed")


def extract_commitments(sentence: Sentence, emit: Emit) -> None:
    """Minimum commitments and whether seat quantities may be reduced."""
    lower = sentence.lower
    if _mentions(lower, ("minimum", "commit", "take")) and _MINIMUM.search(lower):
        money = find_money(sentence.text)
        if money:
            emit(sentence, TermKind.minimum_commitment, money[0].value, money[0].unit, "minimum commitment")
        else:
            emit(sentence, TermKind.minimum_commitment, None, None, "minimum commitment")
    if _mentions(lower, ("reduc", "decreas", "cancel")) and _SEAT_WORDS.search(lower):
        if _NO_REDUCTION.search(lower):
            emit(sentence, TermKind.seat_reduction, None, None, "seat quantities", "prohibited")
        elif _REDUCTION_ALLOWED.search(lower):
            emit(sentence, TermKind.seat_reduction, None, None, "seat quantities", "allowed")
