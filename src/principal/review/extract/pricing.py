"""Pricing terms: seat prices and quantities, usage rates and bands (usage caps, overage, true-ups, surcharges, AI
features billed by default and call rounding are in `usage_controls`; price changes, commitments, seat reductions
and billing frequency in `price_terms`).

Figures come from their own row or clause: a table row's cells read with the table's header (a price column
headed "Price (EUR)"), a prose line after its clause number ("2.1 Agent seats: 180 named users" is 180 seats,
never 2 or 1), a quantity from the clause of the price it belongs to.
"""

from __future__ import annotations

import itertools
import re
from decimal import Decimal

from principal.review.extract.context import Sentence
from principal.review.extract.contract_terms import fee_due
from principal.review.extract.emit import Emit
from principal.review.extract.meaning import clause_start
from principal.review.extract.numbers import (
    INTEGER_CELL,
    NUMBER_CELL,
    WHOLE,
    amount_in,
    count_of,
    currency_in,
    find_money,
    to_decimal,
)
from principal.review.extract.terms import TermKind

_SEAT_UNIT = re.compile(
    r"\bper\s+(?:named\s+|concurrent\s+|active\s+)?(?:user|agent|seat|licen[cs]e|supervisor|named user)s?\b"
    r"|/\s?(?:user|agent|seat)\b|\bper\s+seat\b",
    re.I,
)
_USAGE_UNITS = (
    "60-second increment|started minute|minute|min|second|session|message|summary|summaries|call|conversation"
    "|interaction|sms|text|email|gb"
    "|gigabyte|token|transaction|api call|request|contact|page|transcription|transcript|recording"
)
# "per minute", "/min", and with a qualifier between: "per chat session", "per analysed minute".
_USAGE_UNIT = re.compile(rf"(?:\bper\s+(?:(?!per\b)[a-z-]+\s+){{0,2}}?|/\s?)(?P<unit>{_USAGE_UNITS})s?\b", re.I)
# A seat named before its price, with the period said before or after it: "Each named agent costs DKK 1.250,50 per
# month", "Monthly fee per concurrent agent: GBP 70.00", "150 agent licences at USD 92.00 each per month".
_SEAT_BEFORE = re.compile(
    r"\b(?:each|every|per|a|the)\s+(?:named\s+|concurrent\s+|active\s+)?(?:agent|user|seat|licen[cs]e|supervisor)"
    r"(?:\s+(?:seat|licen[cs]e))?(?:\s+per\s+(?:month|year|annum))?\s*(?::|\bcosts?|\bremains?|\b(?:is|are|will\s+be|shall\s+be)"
    r"(?:\s+(?:charged|priced|billed))?"
    r"(?:\s+at)?)?\s*$"
    r"|\b\d[\d,]*\s+(?:named\s+|concurrent\s+)?(?:agent\s+|supervisor\s+)?(?:seats|users|agents|licen[cs]es)\s+at\s*$"
    r"|\bper-(?:agent|user|seat)\s+(?:fee|price|charge)\s+(?:of|is)\s*$"
    r"|\b(?:each|every)\s+(?:agent|user|seat)\s+(?:of|on|for)\s+(?:the\s+)?(?:[\w-]+\s+){1,3}costs?\s*$",
    re.I,
)
_PERIOD = re.compile(
    r"\b(?:per|a|each)\s+(?:calendar\s+)?(?:month|year|annum)\b|\bmonthly\b|\bannual(?:ly)?\b|\byearly\b", re.I
)
_COUNT_AFTER = re.compile(
    r"^\s*\((" + WHOLE + r")\s+(?:named\s+|concurrent\s+)?(?:agents|users|seats|licen[cs]es)\)", re.I
)
# The unit named before the amount: "each summary is charged at £0.021", "every session is billed at USD 0.19",
# "each session handled by the voice bot shall be charged at TL 2,40".
_EACH_UNIT = re.compile(
    rf"\b(?:each|every)\s+(?:[a-z-]+\s+){{0,2}}(?P<unit>{_USAGE_UNITS})(?:\s+[^.,;:]{{1,60}}?)?"
    r"\s+(?:(?:is|will be|shall be)\s+(?:then\s+|also\s+)?(?:charged|billed|priced|invoiced)\s+at|costs?|will cost)"
    r"\s*$",
    re.I,
)
# A charge for volume not used ("a shortfall is invoiced at $0.0105 per minute") is not a price of usage.
_SHORTFALL = re.compile(r"\bshortfall\b|\bunused (?:minutes|commitment|volume)\b", re.I)
_YEAR = re.compile(r"\b(?:per\s+(?:year|annum)|annual(?:ly)?|yearly|a\s+year)\b", re.I)
_QUANTITY_HEADER = re.compile(
    r"\b(?:qty|quantity|seats?|users?|licen[cs]es|agents|number of|named users|concurrent users)\b", re.I
)
_PRICE_HEADER = re.compile(r"\b(?:price|fee|rate|charge|cost|amount)\b", re.I)
# A column of line totals (quantity times unit price) beside the unit price: "Line total", "Monthly total", "Extended".
_TOTAL_HEADER = re.compile(
    r"\b(?:total|subtotal|extended|(?:line|annual|monthly|yearly|quarterly|contract|term) amount)\b", re.I
)
_BAND_HEADER = re.compile(r"\b(?:per month|monthly|minutes|sessions|conversations|volume|tier)\b", re.I)
_NOT_RECURRING = re.compile(
    r"\bone[- ]?(?:time|off)\b|\bimplementation\b|\bprofessional services\b|\bonboarding\b|\bset[- ]?up\b"
    r"|\bestablishment\b|\btraining\b|\btransition\b|\bmigration\b|\bper hour\b|\bhourly\b|\bday rate\b",
    re.I,
)
_REFERENCE_CELL = re.compile(
    r"^(?:#|no\.?|ref\.?|line|item\s*#?)?\s*[A-Z]?\.?\d{1,2}(?:\.\d{1,2}){0,3}\.?$|^#$", re.I
)  # "3", "A1", "1.2.1", "A.1.1"
_ROW_NUMBER = re.compile(r"^[A-Z]?\d{1,2}-\d{1,2}$")  # a first cell "4-1" numbers the row, it is no band "4 to 1"
_BAND_UP_TO = re.compile(
    r"\b(?:first|up\s+to|upto)\s+(" + WHOLE + r")|\b\d[\d,]{0,14}\s*(?:to|-|–)\s*(" + WHOLE + r")\b"
    r"(?!\s*(?:toll|free|numbers?)\b)",  # "calls to 1-800 toll-free numbers" is a dialling prefix, no band
    re.I,
)
_BAND_ABOVE = re.compile(r"\b(?:above|over|beyond|in excess of|more than|exceeding)\s+(" + WHOLE + r")", re.I)
# Words that put a rate on the units after the previous band: "USD 0.0079 per minute thereafter", "then £0.0110".
_THEREAFTER_WORDS = re.compile(
    r"\bthereafter\b|\b(?:above|beyond|after|over) th(?:at|is|ose)\b(?! (?:date|period|term))|^\W*(?:and\s+)?then\b"
    r"(?![- ]current)|\bfor (?:all|any|every) (?:further|additional|other|remaining)\b|\bfor the rest\b"
    r"|\beach (?:further|additional|subsequent) (?:minute|session|message|conversation)\b",
    re.I,
)
# Where the words of one amount end and the next amount's begin.
_SEPARATOR = re.compile(r";\s*|,\s+|\s+(?:and|or|while|whereas|but)\s+")
_SEATS_IN_PROSE = re.compile(
    r"\b("
    + WHOLE
    + r")\)?\s+(?:additional\s+|extra\s+|further\s+|new\s+)?(?:named\s+|concurrent\s+)?(?:agent\s+|supervisor\s+)?"
    r"(?:(?-i:[A-Z][\w-]{0,20})\s+){0,3}"  # the seat type's own name: "75 Contact Agent licences"
    r"(?:seats?|users?|agents?|licen[cs]es?|supervisors?|subscriptions?)\b",
    re.I,
)
_QUANTITY_CHANGED = re.compile(
    r"\b(?:(?:qty|quantity)(?:\s+(?:of|for)\s+(?P<line>[^.;()]{2,60}?)(?=\s+(?:in|under|on)\s+(?:the\s+)?"
    r"(?:table|paragraph|clause|section|line|schedule|order)\b))?"  # "The quantity of Agent licence in the table"
    r"|number of (?P<name>(?:\w+\s+){0,2}?)(?:seats|users|agents|licen[cs]es))\b"
    r"(?:[^.;]|\.(?=\d)|(?<=\bref)\.|(?<=\bno)\.){0,90}?"  # "licences (ref. A1) is increased from 140 to 165"
    r"\b(?:is|are|shall be|will be)\s+(?:replaced by|(?:increased|reduced|decreased|changed|amended)"
    # "from 140 to 165", "by thirty (30) to two hundred and fifty (250)"
    r"(?:\s+(?:from|by)\s+(?:[\w-]+\s+){0,5}?\(?\d[\d,.]*\)?)?\s+to)\s+"
    r"(?:(?:[\w-]+\s+){1,5}?\()?[\"“]?(?P<count>"
    + WHOLE
    + r")[\"”]?\)?(?!\s*%|\d|[.,]\d)",  # 'the quantity "60" is replaced by "75"'
    re.I,
)
# A label that names only the price ("The price per user per month remains"), not what it prices.
_PRICE_ONLY_LABEL = re.compile(
    r"^(?:the\s+)?(?:unit\s+|monthly\s+|licen[cs]e\s+)?(?:price|fee|rate)s?\b(?:\s+per\b|\s+(?:remains?|is|stays)\b|$)",
    re.I,
)
_UNIT_COLUMN = re.compile(r"per|unit|per unit|units?|charging basis|billing unit|unit of measure|uom|basis", re.I)


def _money_cell(cell: str, header: str) -> tuple[Decimal, str] | None:
    found = find_money(cell)
    if found:
        return found[0].value, found[0].unit
    number = cell.split("(")[0].strip()
    # A figure followed by its unit ("118.00 per user per month") takes the currency from the column heading.
    number = re.sub(r"^(\S+)\s*(?:per\b|/).*$", r"\1", number)
    if NUMBER_CELL.fullmatch(number):
        currency = currency_in(header)
        value = amount_in(number, currency)
        if currency and value is not None:
            return value, currency
    return None


def _is_label(cell: str) -> bool:
    return (
        bool(cell)
        and not _REFERENCE_CELL.match(cell)
        and not _ROW_NUMBER.match(cell)
        and not NUMBER_CELL.fullmatch(cell)
        and not find_money(cell)
    )


def extract_rates(sentence: Sentence, emit: Emit) -> None:
    """Seat prices (with their quantity) and per-unit usage rates (with band boundaries)."""
    if sentence.is_row:
        if sentence.header or any(find_money(c) for c in sentence.cells):
            _row_rates(sentence, emit)
        return
    text = sentence.body
    line_name: str | None = None
    if (changed := _QUANTITY_CHANGED.search(text)) is not None:
        # An amendment's new quantity: "the Qty for line 1 (Omnichannel Agent) is replaced by 260"; named as the
        # line it changes, so the amendment's quantity replaces that line's (see amendments.terms_in_force).
        named = re.search(r"\((?!(?:ref|no)\.)(?=[^()]*[a-z])([^()]{2,60})\)", text[: changed.start("count")], re.I)
        name = named.group(1).strip() if named else (changed.group("line") or changed.group("name") or "").strip()
        line_name = name or None  # the price the same sentence states is that line's ("at the existing price")
        emit(sentence, TermKind.seat_quantity, count_of(changed.group("count")), "seat", name or "amended quantity")
    money = find_money(text)
    if not money:
        return
    lower = text.lower()
    stated_unit = _USAGE_UNIT.search(text[: money[0].start]) or _EACH_UNIT.search(text[: money[0].start])
    previous_end = 0
    previous_threshold: Decimal | None = None
    band_label: str | None = None
    spans = _own_spans(text, [(m.start, m.end) for m in money])
    for amount, (own_start, own_end) in zip(money, spans, strict=True):
        after = text[amount.end : amount.end + 60]
        usage = _USAGE_UNIT.search(after[:32])
        seat = _SEAT_UNIT.search(after[:32])
        if seat is None and usage is None:
            lead_start = max(previous_end, amount.start - 80)
            seat_before = _SEAT_BEFORE.search(text, lead_start, amount.start)
            if seat_before and _PERIOD.search(text, lead_start, amount.end + 30):
                seat = seat_before
        piece = text[max(previous_end, clause_start(text, amount.start)) : amount.start]
        label = _prose_label(piece, after)
        previous_end = amount.end
        if (_NOT_RECURRING.search(piece + after[:30]) and not usage) or _SHORTFALL.search(piece):
            continue
        if seat and not usage:
            per = "year" if _YEAR.search(after[:40]) else "month"
            last = emit.terms[-1] if emit.terms else None
            if (
                line_name is None
                and _PRICE_ONLY_LABEL.match(label)
                and last is not None
                and last.kind is TermKind.seat_quantity
                and last.quote.lower() in sentence.previous
            ):
                # "... is increased from 40 to 55." then "The price per user per month remains 1 290 Kč.": the
                # price of the line the sentence before changed, named as that line
                line_name = last.detail
            emit(sentence, TermKind.seat_price, amount.value, f"{amount.unit}/user/{per}", line_name or label)
            if line_name:
                continue
            quantity = _prose_seats(piece)
            if quantity is None and (count := _COUNT_AFTER.match(after)):
                quantity = count_of(count.group(1))  # "GBP 70.00 (40 agents)"
            if quantity is None and amount is money[0]:
                quantity = _prose_seats(_bare_count(sentence.text, text) + piece)
            if quantity is None and amount is money[0] and not find_money(sentence.previous.upper()):
                # "Licensed agents: 260 named agents." then "Agent fee: SEK 720 per agent per month."
                quantity = _prose_seats(sentence.previous)
                last = next((t for t in reversed(emit.terms) if t.kind is TermKind.seat_quantity), None)
                if last is not None and last.value == quantity and last.quote.lower() in sentence.previous:
                    quantity = None  # "... is increased from 220 to 250 users." then "The unit price ... is unchanged."
            if quantity is not None:
                emit(sentence, TermKind.seat_quantity, quantity, "seat", label)
        elif usage or (stated_unit and amount.start >= stated_unit.end() and not _SEAT_UNIT.search(after[:32])):
            if "minimum" in lower[max(0, amount.start - 40) : amount.start]:
                continue
            unit_match = usage or stated_unit
            assert unit_match is not None
            unit = _unit(unit_match.group("unit"))
            lead = text[max(own_start, clause_start(text, amount.start)) : amount.start]
            if re.fullmatch(r"[^:;.]{3,120}:\s*", text[own_start : amount.start]):
                lead = text[own_start : amount.start]  # "(a) the first 150,000 minutes in each month: S$0.0120"
            own = lead + " " + text[amount.end : own_end]
            basis, threshold = _band(own, previous_threshold)
            if basis == "band_up_to":
                previous_threshold, band_label = threshold, label
            elif basis == "band_above" and band_label is not None:
                label = band_label  # the next band of the same meter
            emit(sentence, TermKind.usage_rate, amount.value, f"{amount.unit}/{unit}", label, basis, threshold)


def _prose_label(piece: str, after: str = "") -> str:
    """What an amount prices, from the words before it: "Outbound calls are charged at" -> "Outbound calls". The
    unit of the amount before it is not part of it ("... per minute and calls to landlines at" -> "calls to
    landlines"); with no words of its own, the qualifier after it names it ("AED 0.42 per marketing conversation"
    -> "marketing conversation")."""
    piece = piece.strip(" :;,-–")
    if (unit := _USAGE_UNIT.match(piece)) is not None:
        piece = piece[unit.end() :]
        # The rest of the previous amount's own words: "... per minute to domestic fixed lines and at ¥11"
        piece = re.sub(r"^\s*(?:to|for|from|on)\s[^,;]*?\band\b", "", piece, flags=re.I)
    piece = re.sub(r"^\W*(?:and|or|then)\b", "", piece.strip(" :;,-–"), flags=re.I)
    piece = re.sub(
        r"\b(?:are|is|will be|shall be)?\s*(?:then\s+|also\s+)?(?:charged|billed|priced|invoiced)?\s*(?:at|of)?\s*$",
        "",
        piece.strip(),
        flags=re.I,
    )
    # "Once Sage is provisioned, each Sage session costs" -> "Sage session"
    piece = re.sub(r"^(?:once|when|if|after|where)\b[^,]*,\s*|\s+(?:costs?|will cost)$", "", piece.strip(" :;,-–"),
                   flags=re.I)  # fmt: skip
    piece = re.sub(r"^(?:each|every)\s+", "", piece, flags=re.I)
    words = piece.strip(" :;,-–").split()
    if not words or words[-1].lower() in ("it", "they", "this", "these", "them"):
        words = _label_after(after)
    return " ".join(words[-8:]) or "usage"


def _label_after(after: str) -> list[str]:
    """The words after an amount that say what it prices: "per marketing conversation" -> marketing conversation;
    "per minute to domestic mobile phones" -> to domestic mobile phones."""
    after = after.strip()
    unit = _USAGE_UNIT.match(after)
    if unit is None:
        return []
    tail = re.match(r"\s*((?:to|for|from|on)\s+[^,;.]*?)(?=\s+and\b|[,;.]|$)", after[unit.end() :], re.I)
    return tail.group(1).split() if tail else unit.group(0).split()[1:]


def _unit(raw: str) -> str:
    unit = raw.lower()
    if unit == "summaries":
        return "summary"
    if unit in ("min", "60-second increment", "started minute"):
        return "minute"  # "per 60-second increment", "per started minute": a minute, rounded up
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


_TOLL_FREE_PREFIX = re.compile(r"1\s*-\s*8(?:00|33|44|55|66|77|88)")  # "numbers (1-800, 1-833, 1-844)": no band


def _band(text: str, previous_threshold: Decimal | None) -> tuple[str | None, Decimal | None]:
    up_to = next((m for m in _BAND_UP_TO.finditer(text) if not _TOLL_FREE_PREFIX.fullmatch(m.group(0))), None)
    above = _BAND_ABOVE.search(text)
    if above and (not up_to or above.start() < up_to.start()):
        return "band_above", count_of(above.group(1))
    if up_to:
        return "band_up_to", count_of(up_to.group(1) or up_to.group(2))
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
    return count_of(matches[-1].group(1)) if matches else None


def _row_rates(sentence: Sentence, emit: Emit) -> None:
    cells = list(sentence.cells)
    header = list(sentence.header) + [""] * max(0, len(cells) - len(sentence.header))
    # A column headed "Per" or "Charging basis" holds the unit without its "per": "| 0.0185 | minute |".
    cells = [f"per {cell}" if _UNIT_COLUMN.fullmatch(head.strip()) and cell and not cell.lower().startswith("per ")
             else cell for cell, head in zip(cells, header, strict=False)]  # fmt: skip
    header_text = " ".join(sentence.header)
    labels = [c for c in cells if _is_label(c)]
    label = labels[0] if labels else (cells[0] if cells else "")
    if re.match(r"^\W*(?:up to|first|above|over|beyond|more than|\d)", label, re.I) and sentence.header:
        label = f"{sentence.header[0]}, {label}"  # a band row: the header names the meter
    if re.match(r"^\W*(?:grand\s+|sub-?)?totals?\b|^[\w\s-]{0,40}\b(?:sub-?)?totals?\W*$", label, re.I):
        # "| | Total | | | 7,59,000.00 |", "| | Monthly subscription total | | ¥1,724,000 |": the sum of the lines
        # above, no price of its own
        return
    row_text = " ".join(cells)
    prices = {i: price for i, cell in enumerate(cells) if (price := _money_cell(cell, header[i] or header_text))}
    totals = _line_totals(prices, _row_quantity(cells, header, -1))
    for index, (value, currency) in prices.items():
        cell, column = cells[index], header[index]
        if (
            index in totals
            or _counts(column)
            or (_TOTAL_HEADER.search(column) and not re.search(r"\bper\b|\bunit\b|/", column, re.I))
        ):
            continue
        context = f"{cell} {column} " + " ".join(c for c in cells if _SEAT_UNIT.search(c) or _USAGE_UNIT.search(c))
        if _NOT_RECURRING.search(row_text) and not _USAGE_UNIT.search(context.replace("per hour", "")):
            if re.search(r"\bimplementation|\bonboarding|\bset[- ]?up|\bprofessional services|\bestablishment\b",
                         row_text, re.I):  # fmt: skip
                # "| Implementation: ... | 96,000.00 | In full when Customer accepts this Quotation |"
                emit(sentence, TermKind.implementation_fee, value, currency, label, fee_due(row_text.lower()))
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
            band_text = " ".join(c for i, c in enumerate(cells) if i != index and not (i == 0 and _ROW_NUMBER.match(c)))
            # "| ..., each further minute in the month | 0,0250 € |" after the row of the first band
            last = emit.terms[-1] if emit.terms else None
            banded = last is not None and last.kind is TermKind.usage_rate and last.basis == "band_up_to"
            before = last.threshold if banded and last is not None else None
            basis, threshold = _band(band_text, before)
            emit(sentence, TermKind.usage_rate, value, f"{currency}/{_unit(usage.group('unit'))}", label, basis,
                 threshold)  # fmt: skip
        elif _QUANTITY_HEADER.search(header_text) and re.search(r"\bmonth|\bannual|\byear", column, re.I):
            per = "year" if _YEAR.search(column) else "month"
            emit(sentence, TermKind.seat_price, value, f"{currency}/user/{per}", label)
            quantity = _row_quantity(cells, header, index)
            if quantity is not None:
                emit(sentence, TermKind.seat_quantity, quantity, "seat", label)


def _line_totals(prices: dict[int, tuple[Decimal, str]], quantity: Decimal | None) -> set[int]:
    """The cells (by index) holding the row's quantity times one of its prices ("| Agent | 350 | R$ 164,90 |
    R$ 57.715,00 |"): a line total, whatever its column is headed, is never a second price."""
    if len(prices) < 2 or not quantity:
        return set()
    cent = Decimal("0.01")
    return {
        index
        for index, (value, _) in prices.items()
        if any(
            i != index and (other * quantity).quantize(cent) == value.quantize(cent) for i, (other, _) in prices.items()
        )
    }


def _counts(heading: str) -> bool:
    """Whether a column heading counts seats ("Users", "Quantity"); "NZD per user per month" prices each one."""
    return (
        bool(_QUANTITY_HEADER.search(heading)) and not _PRICE_HEADER.search(heading) and not _SEAT_UNIT.search(heading)
    )


def _row_quantity(cells: list[str], header: list[str], price_index: int) -> Decimal | None:
    """The row's quantity: the cell under a quantity heading; without headings, an integer cell that is not a
    line number (the first cell) and not the price."""
    for index, cell in enumerate(cells):
        heading = header[index] if index < len(header) else ""
        if _counts(heading) and INTEGER_CELL.fullmatch(cell):
            return to_decimal(cell)
    for index, cell in enumerate(cells):
        if index in (0, price_index):
            continue
        if INTEGER_CELL.fullmatch(cell):
            return to_decimal(cell)
    return None
