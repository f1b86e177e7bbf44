"""Pricing and usage terms: seat prices and quantities, usage rates and bands, usage caps, overage, true-ups,
surcharges, AI features billed by default and call rounding (price changes, commitments, seat reductions and
billing frequency are in `price_terms`).

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
from principal.review.extract.meaning import bound_before, clause_start, negated
from principal.review.extract.numbers import (
    INTEGER_CELL,
    NUMBER_CELL,
    WHOLE,
    amount_in,
    count_of,
    currency_in,
    find_money,
    find_percents,
    to_decimal,
)
from principal.review.extract.terms import TermKind

_SEAT_UNIT = re.compile(
    r"\bper\s+(?:named\s+|concurrent\s+|active\s+)?(?:user|agent|seat|licen[cs]e|supervisor|named user)s?\b"
    r"|/\s?(?:user|agent|seat)\b|\bper\s+seat\b",
    re.I,
)
_USAGE_UNITS = (
    "minute|min|second|session|message|summary|summaries|call|conversation|interaction|sms|text|email|gb"
    "|gigabyte|token|transaction|api call|request|contact|page|transcription|transcript|recording"
)
# "per minute", "/min", and with a qualifier between: "per chat session", "per analysed minute".
_USAGE_UNIT = re.compile(rf"(?:\bper\s+(?:(?!per\b)[a-z-]+\s+){{0,2}}?|/\s?)(?P<unit>{_USAGE_UNITS})s?\b", re.I)
# A seat named before its price, with the period said before or after it: "Each named agent costs DKK 1.250,50 per
# month", "Monthly fee per concurrent agent: GBP 70.00", "150 agent licences at USD 92.00 each per month".
_SEAT_BEFORE = re.compile(
    r"\b(?:each|every|per|a|the)\s+(?:named\s+|concurrent\s+|active\s+)?(?:agent|user|seat|licen[cs]e|supervisor)"
    r"(?:\s+(?:seat|licen[cs]e))?(?:\s+per\s+(?:month|year|annum))?\s*(?::|\bcosts?|\b(?:is|are|will\s+be|shall\s+be)"
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
    r"\s+(?:is|will be|shall be)\s+(?:then\s+|also\s+)?(?:charged|billed|priced|invoiced)\s+at\s*$",
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
    r"|\btraining\b|\btransition\b|\bmigration\b|\bper hour\b|\bhourly\b|\bday rate\b",
    re.I,
)
_REFERENCE_CELL = re.compile(
    r"^(?:#|no\.?|ref\.?|line|item\s*#?)?\s*[A-Z]?\.?\d{1,2}(?:\.\d{1,2}){0,3}\.?$|^#$", re.I
)  # "3", "A1", "1.2.1", "A.1.1"
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
    r"\b(?:qty|quantity|number of (?P<name>(?:\w+\s+){0,2}?)(?:seats|users|agents|licen[cs]es))\b"
    r"(?:[^.;]|\.(?=\d)){0,60}?"
    r"\b(?:is|are|shall be|will be)\s+(?:replaced by|(?:increased|reduced|decreased|changed|amended)"
    r"(?:\s+from\s+(?:\w+\s+\()?\d[\d,.]*\)?)?\s+to)\s+"
    r"(?:\w+\s+\()?(?P<count>" + WHOLE + r")\)?(?!\s*%|\d|[.,]\d)",
    re.I,
)
# "The Provider enables it only for the channels the Customer names": the feature of the sentence before.
_SWITCHES_IT = re.compile(r"\b(?:enables?|activates?|switch(?:es)? on|turns? on|deploys?) (?:it|them)\b", re.I)
_UNIT_COLUMN = re.compile(r"per|unit|per unit|units?|charging basis|billing unit|unit of measure|uom|basis", re.I)
_AI = re.compile(
    r"\b(?:ai|genai|artificial intelligence|bots?|chatbots?|virtual (?:agent|assistant)|summar\w*|sentiment"
    r"|generative|co-?pilot|agent assist|conversational ivr|speech analytics|transcription"
    r"|conversation intelligence|automated quality (?:scoring|management|assurance)|auto[- ]?qa|voice ?bots?"
    # product names in the vendor's language: "Asistente Virtual", "Assistente Virtual", "Assistant virtuel"
    r"|asistente virtual|assistente virtual|assistant virtuel|virtuelle[rn]? assistent|conversational analytics)\b",
    re.I,
)
_DEFAULT_ON = re.compile(
    r"\b(?:enabled|on|activated|switched on|turned on) by default\b|\bby default\b|\bactivated automatically\b"
    r"|\bautomatically (?:enabled|activated|applied|generated|turned on|switched on)\b|\bdefault[- ]on\b"
    r"|\bswitched on for (?:every|all)\b|\bincluded in every\b|\bunless customer asks\b|\bunless (?:the )?customer"
    r" (?:disables|opts out|turns)"
    # On for everyone from the start, and the buyer's part is to switch it off: "enabled on every queue at
    # activation; Customer may switch it off", "turned on for all of your agents".
    r"|\b(?:enabled|activated|active|switched on|turned on|live|generated)\s+(?:on|for)\s+(?:every|all|each)\b"
    r"|\bunless (?:the )?[\w']+(?: \w+)? (?:switches|turns) (?:\w+ ){0,3}off\b|\b(?:may|can) disable\b"
    r"|\b(?:may|can)\s+(?:switch|turn)\s+(?:it|them|\w+(?:\s+\w+)?)\s+off\b|\bopt[- ]out\b"
    r"|\bunless (?:the )?[\w']+(?: \w+)? (?:declines|refuses|rejects|opts out of)\b"
    r"|\bunless\b[^.;]{0,40}\b(?:disable|switch off|turn off|deactivate)\b",
    re.I,
)
_OPT_IN = re.compile(
    r"\bopt(?:s|ed)?[- ]in\b|\bonly (?:upon|after|with|for|on|where|if|when|once)\b|\b(?:asks|requests) for it\b"
    r"|\buntil (?:the )?customer'?s?\b|\bon request\b"
    r"|\bunless (?:the )?\w+ has (?:asked|requested|enabled)|\b(?:customer|subscriber) (?:must|may) (?:enable|activate)"
    r"|\bwhere (?:the )?customer has (?:switched|turned|enabled)|\bis off until\b"
    # Off until the buyer acts: "not switched on for any queue unless Customer's administrator activates it".
    r"|\bnot (?:be )?(?:switched on|turned on|active|activated|enabled|available)\b[^.;]{0,60}\bunless\b"
    r"|\bnot (?:enable|activate|switch on|turn on)\b[^.;]{0,60}\bunless\b"
    r"|\bunless (?:the )?[\w']+(?: \w+)? (?:activates|enables|requests it|asks for it)\b",
    re.I,
)
_BILLABLE = re.compile(r"billable|charged|billed|fee|invoic|\bcost", re.I)
_USAGE_SUBJECT = re.compile(
    r"\busage\b|\bconsumption\b|\bcall(?:ing)? charges\b|\bminutes\b|\bmetered\b|\busage[- ](?:fees|charges)\b"
    r"|\b(?:telephony|traffic) (?:charges|fees)\b",
    re.I,
)
_CAP_VERB = re.compile(
    r"\b(?:shall|will|must|may|can|do(?:es)?) not exceed\b|\bcannot exceed\b"
    r"|\bin no event (?:shall|will)\b[^.;]{0,80}\bexceed\b"
    r"|\bnot to exceed\b|\bcapped at\b|\bare capped\b|\bceiling\b"
    r"|\bmaximum (?:monthly|annual)\b|\bis not charged\b|\bno (?:more|greater) than\b"
    r"|\bnot (?:be )?(?:required|obliged|liable) to pay\b[^.;]{0,80}\b(?:in excess of|more than|above)\b"
    r"|\b(?:shall|will|may) not (?:invoice|bill|charge)\b[^.;]{0,60}\b(?:above|more than|in excess of|beyond)\b",
    re.I,
)
# An amendment that sets a usage cap's new figure.
_CAP_RESET = re.compile(
    r"\b(?:usage|consumption|call charges?) (?:cap|ceiling|limit)\b(?:[^.;:]|\.(?=\d)){0,80}?"
    r"\b(?:is|are|shall be|will be)\s+"
    r"(?:increased|raised|reduced|decreased|lowered|changed|amended|set)\s+to\b",
    re.I,
)
_OVERAGE = re.compile(
    r"\b(?:above|over|exceeding|in excess of|beyond)\s+the\s+(?:committed|annual commitment|commitment"
    r"|monthly forecast)|\bexceeding the commitment\b|\boverage\b|\busage above\b|\bin excess of the\b",
    re.I,
)
_TIMES = re.compile(r"\b(\d+(?:\.\d+)?)\s*(?:x|times)\b", re.I)
_NO_PREMIUM = re.compile(r"\bno premium\b|\bsame rates?\b|\bat the rates in\b", re.I)
_TRUE_UP = re.compile(
    r"\btrue[- ]?up\b|\btrued[- ]up\b|\breconcil\w*|\bmeasure peak\b|\bpeak concurrent usage\b"
    # Seats found in use above the order and added to it: "any seats in use above the ordered quantity will be added"
    r"|\b(?:in use|used|active|deployed)\b[^.;]{0,30}\b(?:above|beyond|in excess of|over|more than)\s+the\s+"
    r"(?:ordered|contracted|subscribed|committed|purchased)\s+(?:quantity|quantities|number|seats)\b"
    r"|\b(?:in use|used|active|deployed)\b[^.;]{0,30}\b(?:above|beyond|in excess of|over|more than)\s+the\s+"
    r"(?:number|quantity)\s+(?:ordered|contracted|subscribed|purchased)\b"
    # "Seats activated above the numbers in section 1 are invoiced ... at Supplier's list price"
    r"|\b(?:seats|licen[cs]es|users|agents)\s+(?:in use|used|activated|added|deployed)\s+"
    r"(?:(?:in|during|for)\s+(?:a|any|each|the)\s+(?:day|month|quarter)\s+)?(?:above|beyond|in excess of|over)"
    r"\s+the\s+(?:numbers?|quantit(?:y|ies))\s+(?:in|of|set out in|stated in|shown in)\b"
    # "Fees for additional Users added during the Term ... at the then-current list price"
    r"|\badditional\s+(?:named\s+)?(?:users|seats|licen[cs]es|agents)\s+(?:added|ordered|purchased|activated|may be "
    r"ordered)\b|\b(?:seats|licen[cs]es|users|agents)\s+added\s+(?:during|in the course of|after)\b"
    # Peak use above the order invoiced: "If that number is higher than the quantity in line 1, the excess is invoiced"
    r"|\bthe excess is (?:invoiced|charged|billed)\b"
    # A term row "Additional users: may be added at any time ... at the then-current list price"
    r"|^\W*additional\s+(?:named\s+)?(?:users|seats|licen[cs]es|agents)\s*[:|]\s*(?:\w+\s+)?(?:be\s+)?added\b",
    re.I,
)
_LIST_PRICE = re.compile(
    r"\bthen[- ]current list price|\blist price|\bprice list\b|\bprevailing (?:rates|prices)", re.I
)
# The prices the order itself states: "at the contracted rate", "at the unit prices in section 1".
_CONTRACT_PRICE = re.compile(
    r"\bcontract(?:ed)? (?:price|rate)|\bprices in this"
    r"|\b(?:unit |same |per-seat |per-user )?(?:prices?|rates?) (?:in|set out in|stated in|shown in|of)"
    r" (?:the )?(?:section|clause|schedule|table|part)\b|\bunit price of (?:that|the|each|this|line)\b",
    re.I,
)
INCREASE = re.compile(
    r"\b(?:increase|uplift|escalat|adjust|raise|review|revise|revising)\w*|(?<!give )(?<!gives )\bris(?:e|es|ing)\b"
    r"|\bchange (?:our|its|the|their|any) (?:rates|prices|fees|charges)\b",
    re.I,
)
SURCHARGE = re.compile(
    r"\b(?:regulatory|compliance|cost recovery|recovery fee|recovery charge|universal service|administrative fee"
    r"|surcharge)\b",
    re.I,
)
_ROUNDING = re.compile(
    r"\brounded up\b|\bincrements?\b|\bbilled per second\b|\bcharged per second\b|\bper[- ]second billing\b"
    r"|\bfull[- ]minutes?\b|\bwhole minute\b|\bbilled per minute\b|\bpulses?\b|\bper started minute\b"
    r"|\b(?:measured|metered|rated|timed) per second\b|\b(?:billed|charged|metered|rated|timed) by the second\b"
    # "billed in units of sixty (60) seconds, and a part of a unit is billed as a full unit"
    r"|\b(?:billed|charged|rated|metered|measured|timed) in (?:units|blocks) of\b"
    r"|\b(?:part|fraction) of an? (?:unit|minute|increment|block)\b[^.;]{0,40}\b(?:full|whole)\b",
    re.I,
)
_INCREMENT = re.compile(
    r"\b(?:[a-z]+\s+\()?(?<![\d.])(?!0\d)(\d+|six|sixty|thirty|one)\)?[- ](second|minute)s?\b", re.I
)
# The size of the increment where the words say it: "in thirty (30) second increments", "in pulses of sixty (60)
# seconds", before any other duration of the sentence ("0800 minutes", "within 30 days").
_SIZED_INCREMENT = re.compile(
    r"\b(?:[a-z]+\s+\()?(?<![\d.])(\d+|six|sixty|thirty|one)\)?[- ](second|minute)s?\s+(?:increments?|pulses?|blocks?)"
    r"|\b(?:increments?|pulses?|blocks?|units?)\s+of\s+(?:[a-z]+\s+\()?(\d+|six|sixty|thirty|one)\)?[- ]"
    r"(second|minute)s?\b",
    re.I,
)
_WORDS = {"six": 6, "sixty": 60, "thirty": 30, "one": 1}


def _mentions(lower: str, words: tuple[str, ...]) -> bool:
    return any(word in lower for word in words)


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
    return bool(cell) and not _REFERENCE_CELL.match(cell) and not NUMBER_CELL.fullmatch(cell) and not find_money(cell)


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
        named = re.search(r"\(([^()]{2,60})\)", text[: changed.start("count")])
        name = named.group(1).strip() if named else (changed.group("name") or "").strip()
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
            if quantity is not None:
                emit(sentence, TermKind.seat_quantity, quantity, "seat", label)
        elif usage or (stated_unit and amount.start >= stated_unit.end() and not _SEAT_UNIT.search(after[:32])):
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
            if re.search(r"\bimplementation|\bonboarding|\bset[- ]?up|\bprofessional services", row_text, re.I):
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
            band_text = " ".join(c for i, c in enumerate(cells) if i != index)
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


def extract_usage_controls(sentence: Sentence, emit: Emit) -> None:
    """Usage caps; AI features that bill by default or only on opt-in; overage, true-ups, surcharges, rounding."""
    lower = sentence.lower
    if sentence.is_row:
        return
    reset = _CAP_RESET.search(lower)
    if reset and (money := [m for m in find_money(sentence.text) if m.start >= reset.end()]):
        # "The voice usage cap in paragraph 2.4 is increased to R450 000,00": the cap's new figure.
        emit(sentence, TermKind.usage_cap, money[0].value, money[0].unit, "usage charges")
        return
    capping = _CAP_VERB.search(lower) and _USAGE_SUBJECT.search(lower)
    # A price increase is no cap; raising the cap itself ("unless the Customer has raised that ceiling") is.
    increase = INCREASE.search(lower)
    priced = increase is not None and not re.search(
        r"\b(?:cap|ceiling|limit)\b", lower[increase.start() : increase.end() + 30]
    )
    if capping and "credit" not in lower and "liabil" not in lower and not priced:
        percents = [p for p in find_percents(sentence.text) if bound_before(sentence.text, p.start) != "floor"]
        money = find_money(sentence.text)
        if percents:
            emit(sentence, TermKind.usage_cap, percents[-1].value, "%", "usage charges")
        elif money:
            emit(sentence, TermKind.usage_cap, money[0].value, money[0].unit, "usage charges")
    ai_position = _AI.search(lower) or (
        _AI.search(sentence.previous)
        if re.match(r"\W*(?:it|they|the feature)\b", lower) or _same_subject(sentence) or _SWITCHES_IT.search(lower)
        else None
    )  # fmt: skip
    if ai_position and (_BILLABLE.search(lower) or _DEFAULT_ON.search(lower) or _OPT_IN.search(lower)):
        default = _DEFAULT_ON.search(lower)
        opt_in = _OPT_IN.search(lower)
        if default and not negated(lower, default.start()) and not (opt_in and opt_in.start() < default.start()):
            emit(sentence, TermKind.ai_default_on, None, None, "AI features", "default_on")
        elif (opt_in or (default and negated(lower, default.start()))) and ai_position is not None:
            emit(sentence, TermKind.ai_opt_in, None, None, "AI features")
    _overage(sentence, emit)
    if _TRUE_UP.search(lower + " " + sentence.headings) and _LIST_PRICE.search(lower):
        emit(sentence, TermKind.true_up, None, None, "true-up", "list_price")
    elif _TRUE_UP.search(lower) and _CONTRACT_PRICE.search(lower):
        emit(sentence, TermKind.true_up, None, None, "true-up", "contract_price")
    if SURCHARGE.search(lower) and re.search(r"\bfee\b|\bcharge\b|\bsurcharge\b", lower):
        percents = find_percents(sentence.text)
        if percents and not INCREASE.search(lower):
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
    marked_up = percents and re.search(
        r"\b(?:increased|uplifted|marked up|raised)\s+by\s*$|\bpremium of\s*$", lower[: percents[0].start]
    )
    if (
        percents
        and not marked_up
        and re.search(r"\bof (?:the )?(?:[\w-]+\s+){0,3}?(?:rates?|prices?)\b", lower[percents[0].end :])
    ):
        emit(sentence, TermKind.overage_rate, percents[0].value, "%", "overage")
    elif percents and (
        re.search(r"\bpremium\b|\babove\b", lower[percents[0].end : percents[0].end + 20])
        or re.search(r"\b(?:increased|uplifted|marked up|raised)\s+by\s*$|\bpremium of\s*$", lower[: percents[0].start])
        or re.search(r"\b(?:rates?|prices?)\b[^.;]{0,20}(?:\bplus|\+)\s*$", lower[: percents[0].start])
    ):
        emit(sentence, TermKind.overage_rate, 100 + percents[0].value, "%", "overage")
    elif times:
        value = to_decimal(times.group(1))
        if value is not None:
            emit(sentence, TermKind.overage_rate, (value * 100).normalize(), "%", "overage")
    elif _NO_PREMIUM.search(lower) and not percents:
        emit(sentence, TermKind.overage_rate, Decimal(100), "%", "overage")


def _same_subject(sentence: Sentence) -> bool:
    """The sentence names, as its subject, a product the previous sentence named: "Asistente Virtual (AI voice bot)
    sessions are charged at ...", then "The Asistente Virtual is enabled on all inbound numbers"."""
    subject = re.match(r"\W*(?:the\s+)?((?:[A-Z][\w-]*\s+){0,3}[A-Z][\w-]*)", sentence.text)
    return bool(subject) and len(subject.group(1)) > 3 and subject.group(1).lower() in sentence.previous  # type: ignore[union-attr]


def _rounding(sentence: Sentence, emit: Emit) -> None:
    lower = sentence.lower
    if not _ROUNDING.search(lower) or not re.search(r"\bcalls?\b|\bminutes?\b|\busage\b|\bsecond", lower):
        return
    if re.search(r"\bper[- ]second\b|\b(?:billed|charged|measured|metered|rated|timed) (?:per|by the) second\b", lower):
        emit(sentence, TermKind.usage_rounding, Decimal(1), "second", "call rounding", "per_call")
        return
    body = sentence.body.lower()  # not the clause number: "4.2 Minutes are rounded up"
    sized = _SIZED_INCREMENT.search(body)
    increment = _INCREMENT.search(body)
    found = (sized.group(1) or sized.group(3), sized.group(2) or sized.group(4)) if sized else None
    if found is None and increment:
        found = (increment.group(1), increment.group(2))
    if found:
        number, unit = found
        value = Decimal(_WORDS.get(number, 0) or int(number)) if not number.isdigit() else Decimal(number)
        emit(sentence, TermKind.usage_rounding, value, unit.lower(), "call rounding", "per_call")
    elif re.search(r"\b(?:whole|full|nearest|next)[- ](?:whole )?minutes?\b|\bper started minute\b", lower):
        emit(sentence, TermKind.usage_rounding, Decimal(1), "minute", "call rounding", "per_call")
