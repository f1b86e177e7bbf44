"""Pricing and usage terms: seat prices and quantities, usage rates and bands, usage caps, overage, true-ups,
surcharges, AI features billed by default, price increases and their caps, commitments, seat reductions,
billing frequency and call rounding.

Figures come from their own row or clause: a table row's cells read with the table's header (a price column
headed "Price (EUR)"), a prose line after its clause number ("2.1 Agent seats: 180 named users" is 180 seats,
never 2 or 1), a quantity from the clause of the price it belongs to.
"""

from __future__ import annotations

import itertools
import re
from decimal import Decimal

from principal.review.extract.context import Sentence
from principal.review.extract.emit import Emit
from principal.review.extract.meaning import bound_before, clause_start, negated
from principal.review.extract.numbers import CURRENCY_CODES, find_money, find_percents, to_decimal
from principal.review.extract.terms import TermKind

_SEAT_UNIT = re.compile(
    r"\bper\s+(?:named\s+|concurrent\s+|active\s+)?(?:user|agent|seat|licen[cs]e|supervisor|named user)s?\b"
    r"|/\s?(?:user|agent|seat)\b|\bper\s+seat\b",
    re.I,
)
_USAGE_UNITS = (
    "minute|min|second|session|message|summary|summaries|call|conversation|interaction|sms|text|email|gb"
    "|gigabyte|token|transaction|api call|request|contact|page|transcription|recording"
)
_USAGE_UNIT = re.compile(rf"(?:\bper\s+|/\s?)(?P<unit>{_USAGE_UNITS})s?\b", re.I)
_YEAR = re.compile(r"\b(?:per\s+(?:year|annum)|annual(?:ly)?|yearly|a\s+year)\b", re.I)
_QUANTITY_HEADER = re.compile(
    r"\b(?:qty|quantity|seats?|users?|licen[cs]es|agents|number of|named users|concurrent users)\b", re.I
)
_PRICE_HEADER = re.compile(r"\b(?:price|fee|rate|charge|cost|amount)\b", re.I)
_BAND_HEADER = re.compile(r"\b(?:per month|monthly|minutes|sessions|conversations|volume|tier)\b", re.I)
_NOT_RECURRING = re.compile(
    r"\bone[- ]?(?:time|off)\b|\bimplementation\b|\bprofessional services\b|\bonboarding\b|\bset[- ]?up\b"
    r"|\btraining\b|\btransition\b|\bmigration\b|\bper hour\b|\bhourly\b|\bday rate\b",
    re.I,
)
_REFERENCE_CELL = re.compile(r"^(?:#|no\.?|ref\.?|line|item\s*#?)?\s*[A-Z]?\d{1,2}(?:\.\d{1,2}){0,3}\.?$|^#$", re.I)
_NUMBER_CELL = re.compile(r"^\d{1,3}(?:,\d{3})*(?:\.\d+)?$|^\d+(?:\.\d+)?$")
_INTEGER_CELL = re.compile(r"^\d{1,3}(?:,\d{3})*$|^\d+$")
_BAND_UP_TO = re.compile(
    r"\b(?:first|up\s+to|upto)\s+(\d{1,3}(?:,\d{3})+|\d+)|\b\d[\d,]{0,14}\s*(?:to|-|–)\s*(\d{1,3}(?:,\d{3})+|\d+)\b",
    re.I,
)
_BAND_ABOVE = re.compile(r"\b(?:above|over|beyond|in excess of|more than|exceeding)\s+(\d{1,3}(?:,\d{3})+|\d+)", re.I)
# Words that put a rate on the units after the previous band: "USD 0.0079 per minute thereafter", "then £0.0110".
_THEREAFTER_WORDS = re.compile(
    r"\bthereafter\b|\b(?:above|beyond|after|over) th(?:at|is|ose)\b(?! (?:date|period|term))|^\W*(?:and\s+)?then\b"
    r"(?![- ]current)|\bfor (?:all|any|every) (?:further|additional|other|remaining)\b|\bfor the rest\b",
    re.I,
)
# Where the words of one amount end and the next amount's begin.
_SEPARATOR = re.compile(r";\s*|,\s+|\s+(?:and|or|while|whereas|but)\s+")
_SEATS_IN_PROSE = re.compile(
    r"\b(\d{1,3}(?:,\d{3})+|\d+)\s+(?:named\s+|concurrent\s+)?(?:agent\s+|supervisor\s+)?"
    r"(?:(?-i:[A-Z][\w-]{0,20})\s+){0,3}"  # the seat type's own name: "75 Contact Agent licences"
    r"(?:seats?|users?|agents?|licen[cs]es?|supervisors?)\b",
    re.I,
)
_AI = re.compile(
    r"\b(?:ai|genai|artificial intelligence|bots?|chatbots?|virtual (?:agent|assistant)|summar\w*|sentiment"
    r"|generative|co-?pilot|agent assist|conversational ivr|speech analytics|transcription)\b",
    re.I,
)
_DEFAULT_ON = re.compile(
    r"\b(?:enabled|on|activated|switched on|turned on) by default\b|\bby default\b|\bactivated automatically\b"
    r"|\bautomatically (?:enabled|activated|applied|generated|turned on|switched on)\b|\bdefault[- ]on\b"
    r"|\bswitched on for (?:every|all)\b|\bincluded in every\b|\bunless customer asks\b|\bunless (?:the )?customer"
    r" (?:disables|opts out|turns)",
    re.I,
)
_OPT_IN = re.compile(
    r"\bopt[- ]in\b|\bonly (?:upon|after|with|for|on|where|if)\b|\buntil (?:the )?customer'?s?\b|\bon request\b"
    r"|\bunless (?:the )?\w+ has (?:asked|requested|enabled)|\b(?:customer|subscriber) (?:must|may) (?:enable|activate)"
    r"|\bwhere (?:the )?customer has (?:switched|turned|enabled)|\bis off until\b",
    re.I,
)
_BILLABLE = re.compile(r"billable|charged|billed|fee|invoic|\bcost", re.I)
_USAGE_SUBJECT = re.compile(
    r"\busage\b|\bconsumption\b|\bcall charges\b|\bminutes\b|\bmetered\b|\busage[- ](?:fees|charges)\b", re.I
)
_CAP_VERB = re.compile(
    r"\b(?:shall|will|must|do(?:es)?) not exceed\b|\bnot to exceed\b|\bcapped at\b|\bare capped\b|\bceiling\b"
    r"|\bmaximum (?:monthly|annual)\b|\bis not charged\b|\bno (?:more|greater) than\b",
    re.I,
)
_INCREASE = re.compile(r"\b(?:increase|uplift|escalat|adjust|raise|review)\w*", re.I)
_PRICE_WORDS = re.compile(r"\b(?:fees?|prices?|pricing|rates?|charges?|unit prices|subscription fees)\b", re.I)
_CPI = re.compile(r"\bcpi\b|\bprices?\s+index\b|\binflation\b|\bvpi\b|\brpi\b", re.I)
_FIXED_PRICES = re.compile(
    r"\b(?:prices|fees|charges|pricing|rates)\b[^.;]{0,40}\b(?:fixed|will not (?:increase|change)|shall not"
    r" (?:increase|change)|remain (?:fixed|unchanged))\b|\bwill not increase the (?:fees|prices|charges)\b"
    r"|\bnot (?:increase|raise|change) (?:the |its |any )?(?:[\w-]+ ){0,2}(?:fees|prices|charges|rates)\b",
    re.I,
)
_MINIMUM = re.compile(
    r"\bminimum (?:commitment|purchase|spend|monthly|annual|order|fee|charge)|\bcommits? to\b"
    r"|\bcommitted (?:quantity|spend|volume|minutes)|\btake[- ]or[- ]pay\b|\bcommits? to purchase\b",
    re.I,
)
_REDUCE = re.compile(r"\b(?:reduc|decreas|lower)\w*", re.I)
_SEAT_WORDS = re.compile(r"\b(?:seats?|licen[cs]es?|users?|quantit(?:y|ies)|seat count|named users)\b", re.I)
_DENIED_REDUCTION = re.compile(
    r"\bnot be entitled to decrease|\bmay not (?:reduce|decrease|lower)|\bcannot be (?:reduced|decreased)"
    r"|\bmay not be (?:reduced|decreased)|\bnon-?cancell?able|\bno (?:reduction|decrease)",
    re.I,
)
_AT_RENEWAL = re.compile(r"\bonly at renewal\b|\bat (?:each |the )?renewal\b|\bon renewal\b", re.I)
_OVERAGE = re.compile(
    r"\b(?:above|over|exceeding|in excess of|beyond)\s+the\s+(?:committed|annual commitment|commitment"
    r"|monthly forecast)|\bexceeding the commitment\b|\boverage\b|\busage above\b|\bin excess of the\b",
    re.I,
)
_TIMES = re.compile(r"\b(\d+(?:\.\d+)?)\s*(?:x|times)\b", re.I)
_NO_PREMIUM = re.compile(r"\bno premium\b|\bsame rates?\b|\bat the rates in\b", re.I)
_TRUE_UP = re.compile(r"\btrue[- ]?up\b|\breconcil\w*|\bmeasure peak\b|\bpeak concurrent usage\b", re.I)
_LIST_PRICE = re.compile(r"\bthen[- ]current list price|\blist price|\bprevailing (?:rates|prices)", re.I)
_SURCHARGE = re.compile(
    r"\b(?:regulatory|compliance|cost recovery|recovery fee|recovery charge|universal service|administrative fee"
    r"|surcharge)\b",
    re.I,
)
_BILLED_WHEN = re.compile(r"\b(?:invoiced|invoices?|billed|charged|payable)\b", re.I)
_ADVANCE = re.compile(r"\bin advance\b|\bin full at the start\b|\bat the start of (?:each|that|the)\b", re.I)
_ARREARS = re.compile(r"\bin arrears\b", re.I)
_FREQUENCY = (
    (
        re.compile(r"\bannual(?:ly)?\b|\byearly\b|\beach (?:contract )?year\b|\bper (?:contract )?year\b", re.I),
        "annual",
    ),
    (re.compile(r"\bquarterly\b|\beach quarter\b", re.I), "quarterly"),
    (re.compile(r"\bmonthly\b|\beach month\b", re.I), "monthly"),
)
_RECURRING_SUBJECT = re.compile(
    r"\b(?:subscription|seat|licen[cs]e|recurring)\s+(?:fees|charges)\b|\bannual subscription charges\b"
    r"|^\W*(?:the\s+)?fees are invoiced|\bfees for each contract year\b|\bcharges in section a\b"
    r"|\bwe invoice the seat fees\b|\bseat fees\b|\bcharges for licen[cs]es\b"
    # Invoices in general ("invoices are issued monthly in arrears"): every fee, the recurring ones included.
    r"|(?:^|:)\W*(?:all\s+)?invoices\s+(?:are|will\s+be)\s+(?:issued|raised|sent|rendered)\b",
    re.I,
)
# A table row of a recurring price ("per concurrent user per month") whose billing cell says when it is invoiced.
_RECURRING_ROW = re.compile(r"\bper\s+(?:concurrent\s+|named\s+)?(?:user|seat|agent|licen[cs]e)\b", re.I)
_BILLING_CELL = re.compile(r"^(?:billed\s+|invoiced\s+)?(\w+)\s+in\s+(advance|arrears)$", re.I)
_ROUNDING = re.compile(
    r"\brounded up\b|\bincrements?\b|\bbilled per second\b|\bcharged per second\b|\bper[- ]second billing\b"
    r"|\bfull[- ]minute\b|\bwhole minute\b|\bbilled per minute\b",
    re.I,
)
_INCREMENT = re.compile(r"\b(\d+|six|sixty|thirty|one)[- ](second|minute)\b", re.I)
_WORDS = {"six": 6, "sixty": 60, "thirty": 30, "one": 1}


def _mentions(lower: str, words: tuple[str, ...]) -> bool:
    return any(word in lower for word in words)


def _money_cell(cell: str, header: str) -> tuple[Decimal, str] | None:
    found = find_money(cell)
    if found:
        return found[0].value, found[0].unit
    number = cell.split("(")[0].strip()
    if _NUMBER_CELL.match(number):
        currency = _currency_in(header)
        value = to_decimal(number)
        if currency and value is not None:
            return value, currency
    return None


def _currency_in(text: str) -> str | None:
    match = re.search(r"\b(USD|EUR|GBP|AUD|CAD|CHF|JPY|INR)\b|([$€£¥₹])", text)
    if not match:
        return None
    return CURRENCY_CODES.get(match.group(1) or match.group(2))


def _is_label(cell: str) -> bool:
    return bool(cell) and not _REFERENCE_CELL.match(cell) and not _NUMBER_CELL.match(cell) and not find_money(cell)


def extract_rates(sentence: Sentence, emit: Emit) -> None:
    """Seat prices (with their quantity) and per-unit usage rates (with band boundaries)."""
    if sentence.is_row:
        if sentence.header or any(find_money(c) for c in sentence.cells):
            _row_rates(sentence, emit)
        return
    text = sentence.body
    money = find_money(text)
    if not money:
        return
    lower = text.lower()
    stated_unit = _USAGE_UNIT.search(text[: money[0].start])
    previous_end = 0
    previous_threshold: Decimal | None = None
    band_label: str | None = None
    spans = _own_spans(text, [(m.start, m.end) for m in money])
    for amount, (own_start, own_end) in zip(money, spans, strict=True):
        after = text[amount.end : amount.end + 60]
        seat = _SEAT_UNIT.search(after[:32])
        usage = _USAGE_UNIT.search(after[:24])
        piece = text[max(previous_end, clause_start(text, amount.start)) : amount.start]
        label = _prose_label(piece)
        previous_end = amount.end
        if _NOT_RECURRING.search(piece + after[:30]) and not usage:
            continue
        if seat and not usage:
            per = "year" if _YEAR.search(after[:40]) else "month"
            emit(sentence, TermKind.seat_price, amount.value, f"{amount.unit}/user/{per}", label)
            quantity = _prose_seats(piece)
            if quantity is None and amount is money[0]:
                quantity = _prose_seats(_bare_count(sentence.text, text) + piece)
            if quantity is not None:
                emit(sentence, TermKind.seat_quantity, quantity, "seat", label)
        elif usage or (stated_unit and amount.start > stated_unit.end() and not _SEAT_UNIT.search(after[:32])):
            if "minimum" in lower[max(0, amount.start - 40) : amount.start]:
                continue
            unit_match = usage or stated_unit
            assert unit_match is not None
            unit = _unit(unit_match.group("unit"))
            lead = text[max(own_start, clause_start(text, amount.start)) : amount.start]
            own = lead + " " + text[amount.end : own_end]
            basis, threshold = _band(own, previous_threshold)
            if basis == "band_up_to":
                previous_threshold, band_label = threshold, label
            elif basis == "band_above" and band_label is not None:
                label = band_label  # the next band of the same meter
            emit(sentence, TermKind.usage_rate, amount.value, f"{amount.unit}/{unit}", label, basis, threshold)


def _prose_label(piece: str) -> str:
    piece = re.sub(r"^\W*(?:and|or)\b", "", piece.strip(" :;,-–"))
    piece = re.sub(r"\b(?:are|is)?\s*(?:charged|billed|priced)?\s*(?:at|of)?\s*$", "", piece.strip(), flags=re.I)
    words = piece.strip(" :;,-–").split()
    return " ".join(words[-8:]) or "usage"


def _unit(raw: str) -> str:
    unit = raw.lower()
    if unit == "summaries":
        return "summary"
    if unit == "min":
        return "minute"
    if unit == "sms":
        return "message"
    return unit.rstrip("s") if unit.endswith("s") and unit not in ("sms",) else unit


def _own_spans(text: str, amounts: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """The stretch of a sentence each amount owns: from the separator after the previous amount (", and",
    "; ", ", then") to the separator before the next one, so "USD 0.0099 per minute for the first 2,000,000
    minutes and USD 0.0079 per minute thereafter" gives the band words to the amount they qualify."""
    bounds = [0]
    for (_, end), (start, _) in itertools.pairwise(amounts):
        cuts = [m.start() for m in _SEPARATOR.finditer(text, end, start)]
        bounds.append(cuts[-1] if cuts else start)
    bounds.append(len(text))
    return [(bounds[i], bounds[i + 1]) for i in range(len(amounts))]


def _band(text: str, previous_threshold: Decimal | None) -> tuple[str | None, Decimal | None]:
    up_to = _BAND_UP_TO.search(text)
    above = _BAND_ABOVE.search(text)
    if above and (not up_to or above.start() < up_to.start()):
        return "band_above", to_decimal(above.group(1))
    if up_to:
        return "band_up_to", to_decimal(up_to.group(1) or up_to.group(2))
    if previous_threshold is not None and _THEREAFTER_WORDS.search(text):
        return "band_above", previous_threshold
    return None, None


def _bare_count(text: str, body: str) -> str:
    """The bare number `Sentence.body` took for a clause number, when it counts what follows: in "75 Contact Agent
    licences at A$88.00" the 75 is the quantity (a clause number has a dot, "7." or "7.1", or stands alone)."""
    prefix = text[: len(text) - len(body)] if body and text.endswith(body) else ""
    return prefix if re.fullmatch(r"\s*\d{1,6}\s+", prefix) else ""


def _prose_seats(piece: str) -> Decimal | None:
    matches = list(_SEATS_IN_PROSE.finditer(piece))
    return to_decimal(matches[-1].group(1)) if matches else None


def _row_rates(sentence: Sentence, emit: Emit) -> None:
    cells = list(sentence.cells)
    header = list(sentence.header) + [""] * max(0, len(cells) - len(sentence.header))
    header_text = " ".join(sentence.header)
    labels = [c for c in cells if _is_label(c)]
    label = labels[0] if labels else (cells[0] if cells else "")
    if re.match(r"^\W*(?:up to|first|above|over|beyond|more than|\d)", label, re.I) and sentence.header:
        label = f"{sentence.header[0]}, {label}"  # a band row: the header names the meter
    row_text = " ".join(cells)
    for index, cell in enumerate(cells):
        column = header[index] if index < len(header) else ""
        if _QUANTITY_HEADER.search(column) and not _PRICE_HEADER.search(column):
            continue
        price = _money_cell(cell, column or header_text)
        if price is None:
            continue
        value, currency = price
        context = f"{cell} {column} " + " ".join(c for c in cells if _SEAT_UNIT.search(c) or _USAGE_UNIT.search(c))
        if _NOT_RECURRING.search(row_text) and not _USAGE_UNIT.search(context.replace("per hour", "")):
            if re.search(r"\bimplementation|\bonboarding|\bset[- ]?up|\bprofessional services", row_text, re.I):
                emit(sentence, TermKind.implementation_fee, value, currency, label)
            elif re.search(r"\btransition", row_text, re.I):
                emit(sentence, TermKind.transition_assistance, None, None, label, "paid")
            continue
        seat = _SEAT_UNIT.search(context) or re.search(r"\bseat\b", context, re.I)
        usage = _USAGE_UNIT.search(context)
        if seat and not usage:
            per = "year" if _YEAR.search(context) else "month"
            emit(sentence, TermKind.seat_price, value, f"{currency}/user/{per}", label)
            quantity = _row_quantity(cells, header, index)
            if quantity is not None:
                emit(sentence, TermKind.seat_quantity, quantity, "seat", label)
        elif usage:
            band_text = " ".join(c for i, c in enumerate(cells) if i != index)
            basis, threshold = _band(band_text, None)
            emit(sentence, TermKind.usage_rate, value, f"{currency}/{_unit(usage.group('unit'))}", label, basis,
                 threshold)  # fmt: skip
        elif _QUANTITY_HEADER.search(header_text) and re.search(r"\bmonth|\bannual|\byear", column, re.I):
            per = "year" if _YEAR.search(column) else "month"
            emit(sentence, TermKind.seat_price, value, f"{currency}/user/{per}", label)
            quantity = _row_quantity(cells, header, index)
            if quantity is not None:
                emit(sentence, TermKind.seat_quantity, quantity, "seat", label)


def _row_quantity(cells: list[str], header: list[str], price_index: int) -> Decimal | None:
    """The row's quantity: the cell under a quantity heading; without headings, an integer cell that is not a
    line number (the first cell) and not the price."""
    for index, cell in enumerate(cells):
        heading = header[index] if index < len(header) else ""
        if _QUANTITY_HEADER.search(heading) and not _PRICE_HEADER.search(heading) and _INTEGER_CELL.match(cell):
            return to_decimal(cell)
    for index, cell in enumerate(cells):
        if index in (0, price_index):
            continue
        if _INTEGER_CELL.match(cell):
            return to_decimal(cell)
    return None


def extract_usage_controls(sentence: Sentence, emit: Emit) -> None:
    """Usage caps; AI features that bill by default or only on opt-in; overage, true-ups, surcharges, rounding."""
    lower = sentence.lower
    if sentence.is_row:
        return
    capping = _CAP_VERB.search(lower) and _USAGE_SUBJECT.search(lower)
    if capping and "credit" not in lower and "liabil" not in lower and not _INCREASE.search(lower):
        percents = [p for p in find_percents(sentence.text) if bound_before(sentence.text, p.start) != "floor"]
        money = find_money(sentence.text)
        if percents:
            emit(sentence, TermKind.usage_cap, percents[-1].value, "%", "usage charges")
        elif money:
            emit(sentence, TermKind.usage_cap, money[0].value, money[0].unit, "usage charges")
    if _AI.search(lower) and (_BILLABLE.search(lower) or _DEFAULT_ON.search(lower) or _OPT_IN.search(lower)):
        ai_position = _AI.search(lower)
        default = _DEFAULT_ON.search(lower)
        opt_in = _OPT_IN.search(lower)
        if default and not negated(lower, default.start()) and not (opt_in and opt_in.start() < default.start()):
            emit(sentence, TermKind.ai_default_on, None, None, "AI features", "default_on")
        elif (opt_in or (default and negated(lower, default.start()))) and ai_position is not None:
            emit(sentence, TermKind.ai_opt_in, None, None, "AI features")
    _overage(sentence, emit)
    if _TRUE_UP.search(lower + " " + sentence.headings) and _LIST_PRICE.search(lower):
        emit(sentence, TermKind.true_up, None, None, "true-up", "list_price")
    elif _TRUE_UP.search(lower) and re.search(r"\bcontract(?:ed)? (?:price|rate)|\bprices in this", lower):
        emit(sentence, TermKind.true_up, None, None, "true-up", "contract_price")
    if _SURCHARGE.search(lower) and re.search(r"\bfee\b|\bcharge\b|\bsurcharge\b", lower):
        percents = find_percents(sentence.text)
        if percents and not _INCREASE.search(lower):
            emit(sentence, TermKind.surcharge, percents[0].value, "%", "surcharge")
    _rounding(sentence, emit)


def _overage(sentence: Sentence, emit: Emit) -> None:
    text = sentence.body
    lower = text.lower()
    if not _OVERAGE.search(lower) or not re.search(r"\b(?:charged|billed|invoiced)\b", lower):
        return
    if "credit" in lower or ("forecast" in lower and not _TIMES.search(lower) and not find_percents(text)):
        return
    percents = [p for p in find_percents(text) if p.start > _OVERAGE.search(lower).end()]  # type: ignore[union-attr]
    times = _TIMES.search(lower)
    if percents and re.search(
        r"\bof (?:the )?(?:applicable |contracted )?rates?\b|\bof the rate", lower[percents[0].end :]
    ):
        emit(sentence, TermKind.overage_rate, percents[0].value, "%", "overage")
    elif percents and re.search(r"\bpremium\b|\babove\b", lower[percents[0].end : percents[0].end + 20]):
        emit(sentence, TermKind.overage_rate, 100 + percents[0].value, "%", "overage")
    elif times:
        value = to_decimal(times.group(1))
        if value is not None:
            emit(sentence, TermKind.overage_rate, (value * 100).normalize(), "%", "overage")
    elif _NO_PREMIUM.search(lower):
        emit(sentence, TermKind.overage_rate, Decimal(100), "%", "overage")


def _rounding(sentence: Sentence, emit: Emit) -> None:
    lower = sentence.lower
    if not _ROUNDING.search(lower) or not re.search(r"\bcalls?\b|\bminutes?\b|\busage\b|\bsecond", lower):
        return
    if re.search(r"\bper[- ]second\b|\bbilled per second\b|\bcharged per second\b", lower):
        emit(sentence, TermKind.usage_rounding, Decimal(1), "second", "call rounding", "per_call")
        return
    increment = _INCREMENT.search(lower)
    if increment:
        number = increment.group(1)
        value = Decimal(_WORDS.get(number, 0) or int(number)) if not number.isdigit() else Decimal(number)
        emit(sentence, TermKind.usage_rounding, value, increment.group(2), "call rounding", "per_call")
    elif re.search(r"\b(?:whole|full|nearest|next)[- ](?:whole )?minute\b", lower):
        emit(sentence, TermKind.usage_rounding, Decimal(1), "minute", "call rounding", "per_call")


def extract_price_changes(sentence: Sentence, emit: Emit) -> None:
    """Yearly increases (fixed, up to, CPI-linked), caps on them, and prices fixed for the term."""
    lower = sentence.lower
    text = sentence.text
    if _FIXED_PRICES.search(lower) and not find_percents(text):
        emit(sentence, TermKind.price_increase, Decimal(0), "%", "prices fixed", "fixed")
        return
    if not _INCREASE.search(lower) or not (_PRICE_WORDS.search(lower) or "increases" in lower):
        return
    if _SURCHARGE.search(lower) or "credit" in lower or "liabil" in lower:
        return
    percents = find_percents(text)
    cpi = _CPI.search(lower)
    if not percents and not cpi:
        return
    increase = None
    for percent in percents:
        bound = bound_before(text, percent.start)
        after = lower[percent.end : percent.end + 25]
        # "the lesser of the change in CPI over the preceding year and three percent (3%)": the figure caps the index
        lesser = cpi is not None and cpi.start() < percent.start and "lesser of" in lower[: percent.start]
        if bound == "cap" or lesser or re.match(r"\W*(?:cap|ceiling)\b", after):
            emit(sentence, TermKind.price_increase_cap, percent.value, "%", "annual increase cap")
        elif increase is None and (
            not cpi or not re.search(r"\bplus\b|\+", lower[max(0, percent.start - 15) : percent.start])
        ):
            increase = (percent, bound)
        elif cpi and increase is None:
            increase = (percent, bound)
    if cpi:
        plus = (
            re.search(
                r"(?:plus|\+)\s*$", lower[max(0, (increase[0].start if increase else 0) - 12) : increase[0].start]
            )
            if increase
            else None
        )
        emit(
            sentence, TermKind.price_increase, increase[0].value if increase and plus else Decimal(0), "%", "CPI", "cpi"
        )
    elif increase is not None:
        percent, bound = increase
        emit(sentence, TermKind.price_increase, percent.value, "%", "yearly increase",
             "up_to" if bound == "up_to" else "fixed")  # fmt: skip


def extract_commitments(sentence: Sentence, emit: Emit) -> None:
    """Minimum commitments and whether seat quantities may be reduced."""
    lower = sentence.lower
    text = sentence.body
    if _MINIMUM.search(lower) and not sentence.is_row and "credit" not in lower:
        money = find_money(text)
        volume = re.search(r"\b(\d{1,3}(?:,\d{3})+|\d+)\s+(?:voice\s+)?(minutes|sessions|messages)\b", text, re.I)
        money = [m for m in money if not re.match(r"\s*(?:per|/)\b", text[m.end : m.end + 5])]
        if money:
            emit(sentence, TermKind.minimum_commitment, money[0].value, money[0].unit, "minimum commitment")
        elif volume:
            unit = "minute" if volume.group(2).lower() == "minutes" else volume.group(2).lower().rstrip("s")
            emit(sentence, TermKind.minimum_commitment, to_decimal(volume.group(1)), unit, "minimum commitment")
    reduce = _REDUCE.search(lower)
    if reduce and _SEAT_WORDS.search(lower) and not sentence.is_row and not re.search(r"\bprice|\bfees? by\b", lower):
        if _DENIED_REDUCTION.search(lower) or (
            negated(lower, reduce.start()) and not _AT_RENEWAL.search(lower)
        ):  # fmt: skip
            emit(sentence, TermKind.seat_reduction, None, None, "seat quantities", "prohibited")
        elif _AT_RENEWAL.search(lower) and re.search(r"\bonly\b", lower):
            emit(sentence, TermKind.seat_reduction, None, None, "seat quantities", "renewal")
        elif re.search(r"\bmay\b|\bcan\b|\bentitled\b|\bright to\b", lower):
            percents = find_percents(sentence.text)
            value = percents[0].value if percents else None
            emit(sentence, TermKind.seat_reduction, value, "%" if value is not None else None, "seat quantities",
                 "allowed")  # fmt: skip


def extract_billing_frequency(sentence: Sentence, emit: Emit) -> None:
    """How recurring (seat) fees are invoiced: annually, quarterly or monthly, in advance or in arrears."""
    lower = sentence.body.lower()
    if sentence.is_row:
        _billing_cell(sentence, emit)
        return
    if not _BILLED_WHEN.search(lower) or not _RECURRING_SUBJECT.search(lower):
        return
    subject = _RECURRING_SUBJECT.search(lower)
    assert subject is not None
    clause = lower[subject.start() : subject.start() + 90].split(";")[0]
    advance = _ADVANCE.search(clause)
    arrears = _ARREARS.search(clause)
    if not advance and not arrears:
        return
    frequency = next((name for pattern, name in _FREQUENCY if pattern.search(clause)), None)
    if frequency is None:
        return
    emit(sentence, TermKind.billing_frequency, None, None, "recurring fees",
         f"{frequency}_{'advance' if advance else 'arrears'}".replace("annual_", "annual_").replace(
             "monthly_", "monthly_"))  # fmt: skip


def _billing_cell(sentence: Sentence, emit: Emit) -> None:
    """A seat row's own billing column: "| Agent Seat | 120 | USD 135.00 per concurrent user per month | Quarterly
    in advance |"."""
    if not _RECURRING_ROW.search(sentence.body):
        return
    for cell in sentence.cells:
        match = _BILLING_CELL.match(cell.strip())
        if match is None:
            continue
        frequency = next((name for pattern, name in _FREQUENCY if pattern.search(match.group(1))), None)
        if frequency is not None:
            emit(sentence, TermKind.billing_frequency, None, None, "recurring fees",
                 f"{frequency}_{match.group(2).lower()}")  # fmt: skip
            return
