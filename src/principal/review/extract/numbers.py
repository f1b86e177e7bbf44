"""Numbers as contracts write them, read into Decimal with their character spans: money, percentages, durations.

"thirty (30) days" -> 30 day; "USD 0.012" -> 0.012 USD; "five percent (5%)" -> 5 %; "$155.00 per user per month".
"""

from __future__ import annotations

import re
from contextvars import ContextVar
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation

from principal.money import MINOR_UNITS

_UNITS = {
    "zero": 0, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9,
    "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14, "fifteen": 15, "sixteen": 16,
    "seventeen": 17, "eighteen": 18, "nineteen": 19,
}  # fmt: skip
_TENS = {"twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70, "eighty": 80, "ninety": 90}
_WORD = r"(?:" + "|".join(sorted([*_UNITS, *_TENS], key=len, reverse=True)) + r")"
# The words a figure is spelled in before its digits ("three and a half percent (3.5%)"): ends where the digits start.
SPELLED_BEFORE = re.compile(
    rf"(?:\b(?:{_WORD}|hundred|and|a|half|quarter|point)[\s-]+)+(?:per\s?cent|percent)\s*\(\s*$", re.I
)
# At most four number words before "hundred" ("one hundred and twenty-five"): a bounded repeat, so a run of
# number words ("one one one ...") costs linear time, not a backtracking search over every split of the run.
NUMBER_WORDS = rf"(?:{_WORD}(?:[\s-]+{_WORD}){{0,3}}(?:\s+hundred(?:\s+(?:and\s+)?{_WORD}(?:[\s-]+{_WORD})?)?)?)"
# Figures as English and continental European documents write them, tried in this order: thousands grouped by spaces
# ("1 250,00", "¥12 000"; ordinary, no-break or thin spaces), by dots with a decimal comma ("1.250,50"), a decimal
# comma after a zero ("0,012" is twelve thousandths, never twelve), comma-grouped thousands ("1,250.00"), a decimal
# comma with one, two or four-plus digits ("0,12", "2,5"), then plain digits. Indian documents group lakhs and crores
# ("3,75,000" is 375,000). A comma followed by exactly three digits
# after a non-zero figure stays a thousands separator ("1,250" is one thousand two hundred and fifty).
_SPACE = "[ \u00a0\u202f\u2009]"
_LAKHS = r"\d{1,2}(?:,\d{2})+,\d{3}"  # "6,96,000", "10,00,000"
_SPACE_GROUPS = r"\d{1,3}(?:" + _SPACE + r"\d{3})+"  # "1 250", "12 000 000"
_PLAIN_DIGITS = (
    r"\d{1,3}(?:['’]\d{3})+(?:\.\d{1,4})?(?!\d|['’]\d)"  # Swiss: "18'400.00", "1’500"
    r"|\d{1,3}(?:\.\d{3})+,\d{1,4}(?!\d|[,.]\d)"
    r"|\d{1,3}(?:\.\d{3}){2,}(?![\d,]|\.\d)"  # "1.250.000": dots that can only group thousands
    r"|0,\d+(?!\d|,\d)"
    rf"|{_LAKHS}(?:\.\d+)?(?!\d|,\d)"
    r"|\d{1,3}(?:,\d{3})+(?:\.\d+)?"
    r"|\d+,(?:\d{1,2}|\d{4,})(?![\d]|,\d)"
    r"|\d+(?:\.\d+)?|\.\d+"
)
_SPACE_GROUPED = rf"(?<![\d.,]){_SPACE_GROUPS}(?:[.,]\d{{1,4}})?(?!\d|{_SPACE}\d)"
# The lookahead fails at once where no figure starts, before any of the alternatives is tried (patterns using DIGITS
# are tried at every position of a sentence).
DIGITS = r"(?=[\d.])(?:" + _SPACE_GROUPED + "|" + _PLAIN_DIGITS + ")"
# A table cell that is only a figure, and one that is only a whole number (thousands grouped by commas or spaces).
NUMBER_CELL = re.compile(rf"(?:{DIGITS})")
# A whole number as counts and band limits are written: lakhs and crores, comma, dot or space groups ("1.000.000
# minutes", as Indonesian and continental documents write counts), plain digits.
WHOLE = (
    rf"(?:{_LAKHS}(?!\d|,\d)|\d{{1,3}}(?:,\d{{3}})+|\d{{1,3}}(?:\.\d{{3}})+(?![\d]|[.,]\d)|{_SPACE_GROUPS}(?!\d)"
    r"|\d{1,3}(?:['’]\d{3})+(?!\d)|\d+)"
)
# A table cell that is only a whole number: a dot never groups it ("1.250" in a cell is a price, not a count).
INTEGER_CELL = re.compile(rf"(?:{_LAKHS}(?!\d|,\d)|\d{{1,3}}(?:,\d{{3}})+|{_SPACE_GROUPS}(?!\d)|\d+)")

# "kr" is the krone or krona of Norway, Sweden, Denmark and Iceland alike: amounts in it carry this placeholder
# until the document says which (`kroner_in`); a document that never says leaves them unread.
KRONER = "kr"
_KRONER_CODES = re.compile(r"\b(NOK|SEK|DKK|ISK)\b|\b(norwegian|swedish|danish|icelandic) kron(?:er|or|ur|a|e)\b", re.I)
_KRONER_NAMES = {"norwegian": "NOK", "swedish": "SEK", "danish": "DKK", "icelandic": "ISK"}


def kroner_in(text: str) -> str | None:
    """Which kroner a document's "kr" means: the first of NOK, SEK, DKK and ISK it names, by code or name."""
    match = _KRONER_CODES.search(text[:200_000])
    if match is None:
        return None
    return match.group(1).upper() if match.group(1) else _KRONER_NAMES[match.group(2).lower()]


# "$" is the US dollar unless the document (or its package) names one other currency written with it: a
# Colombian offer "in Colombian pesos (COP)" pricing "$ 145.000" means 145,000 pesos. `extract_terms` sets it.
DOLLAR_SIGN: ContextVar[str] = ContextVar("dollar_sign", default="USD")
_DOLLAR_CODES = re.compile(r"\b(COP|CLP|ARS|MXN|UYU|CAD|AUD|NZD|SGD|HKD)\b")
_DOLLAR_NAMES = re.compile(
    r"\b(colombian|chilean|argentine|mexican|uruguayan) pesos?\b|\b(canadian|australian|new zealand|singapore"
    r"|hong kong) dollars?\b",
    re.I,
)
_NAMED_DOLLARS = {"colombian": "COP", "chilean": "CLP", "argentine": "ARS", "mexican": "MXN", "uruguayan": "UYU",
                  "canadian": "CAD", "australian": "AUD", "new zealand": "NZD", "singapore": "SGD",
                  "hong kong": "HKD"}  # fmt: skip
_US_DOLLARS = re.compile(r"\bUSD\b|\bUS\$|\bU\.?S\.? [Dd]ollars?\b|\bUnited States [Dd]ollars?\b")


def dollar_sign_in(text: str) -> str | None:
    """What "$" means in a document: USD where it names US dollars, the one other dollar or peso currency it names
    by code or name, None where it names none (or several)."""
    head = text[:200_000]
    if _US_DOLLARS.search(head):
        return "USD"
    named = {m.group(1) for m in _DOLLAR_CODES.finditer(head)}
    named |= {
        _NAMED_DOLLARS[" ".join((m.group(1) or m.group(2)).lower().split())] for m in _DOLLAR_NAMES.finditer(head)
    }
    return named.pop() if len(named) == 1 else None


# Any ISO 4217 code Principal accepts (NZD 88.00, 720 SEK), except the few that are also English words written in
# capitals ("ALL 3 agents"); symbols and the dollar prefixes vendors use.
_WORD_CODES = frozenset({"ALL", "TOP", "SOS", "CUP", "MOP", "BOB", "PEN", "MAD"})
ISO_CODES = tuple(sorted(code for code in MINOR_UNITS if code not in _WORD_CODES))
CURRENCY_CODES = {**{code: code for code in ISO_CODES}, "US$": "USD", "$": "USD", "€": "EUR", "£": "GBP",
                  "C$": "CAD", "A$": "AUD", "NZ$": "NZD", "S$": "SGD", "HK$": "HKD", "¥": "JPY",
                  "₹": "INR", "R$": "BRL", "MX$": "MXN", "Mex$": "MXN", "₩": "KRW", "₺": "TRY", "₱": "PHP",
                  "TL": "TRY", "₦": "NGN", "₪": "ILS", "₫": "VND", "฿": "THB", "zł": "PLN", "Kč": "CZK",
                  "Rs.": "INR", "Rs": "INR", "Fr.": "CHF", "SFr.": "CHF", "R": "ZAR", "Ft": "HUF", "kr": KRONER,
                  "kr.": KRONER, "Kr": KRONER, "Kr.": KRONER, "NT$": "TWD", "RM": "MYR", "KSh": "KES", "Ksh": "KES",
                  "KShs": "KES", "Kshs": "KES", "Rp": "IDR", "Rp.": "IDR"}  # fmt: skip
# Grouped by first letter ("N(?:AD|GN|...)"), so a digit or a word tries one branch, not every code.
_BY_LETTER = {letter: [c[1:] for c in ISO_CODES if c[0] == letter] for letter in sorted({c[0] for c in ISO_CODES})}
CODE = (
    r"(?<![A-Za-z])(?:"
    + "|".join(f"{letter}(?:{'|'.join(rest)})" for letter, rest in _BY_LETTER.items())
    + r")(?![A-Za-z])"
)
# South Africa's rand is a bare "R" ("R845,00", "R1 150,00"): read only before a figure shaped like money (cents
# or grouped thousands), so a requirement number such as "R2" or "R12" is no amount.
_RAND = rf"(?<![\w$])R(?=\s?(?:\d+[.,]\d{{2}}(?!\d)|\d{{1,3}}(?:{_SPACE}\d{{3}})+(?!\d)|\d{{1,3}}(?:,\d{{3}})+(?!\d)))"
_CUR = (
    rf"(?:US\$|NZ\$|HK\$|NT\$|MX\$|Mex\$|R\$|{_RAND}"
    # Ringgit, Kenya shillings and rupiah before their figure: "RM 185.00", "KSh 4,850.00", "Rp 385.000"
    rf"|(?<![A-Za-z])(?:RM|KShs?|Kshs?|Rp\.?)(?=\s?\d)|(?<![A-Za-z])TL(?=\s?\d)|(?<![A-Za-z])Rs\.?(?=\s?\d)|(?<![A-Za-z])[CAS]\$"
    rf"|(?<![A-Za-z])[Kk]r\.?(?=\s?\d)|(?<![A-Za-z])S?Fr\.(?=\s?\d)|{CODE}|[$€£¥₹₩₺₱₦₪₫฿])"
)
# A scale after the amount ("USD 1.5m", "$2 million"); "M.N." (moneda nacional, Mexico's pesos) is no million.
_SCALE = r"(?:\s*(?P<scale>million|thousand|billion|[mMkK]\b(?!\.\w)))?"
MONEY = re.compile(
    rf"(?P<cur>{_CUR})\s?(?P<amount>{DIGITS}){_SCALE}"
    rf"|(?<![\w.])(?P<amount2>{DIGITS}){_SCALE.replace('scale', 'scale2')}"
    rf"\s?(?P<cur2>{CODE}|dollars\b|zł|Kč|TL\b|Ft\b|kr\b|€|£)"
)
_PESOS = re.compile(r"\s?M\.\s?N\.|\s?MXN\b|\s?pesos\b", re.I)
_CURRENCY_MENTION = re.compile(
    rf"(?P<code>{CODE})|(?P<symbol>(?:US|NZ|HK|NT|MX|Mex|R|(?<![A-Za-z])[CAS])\$|[$€£¥₹₩₺₱₦₪₫฿]|zł|Kč|(?<=\()TL(?=\))"
    r"|\bkr\b|\bRM\b|\bKShs?\b|\bRp\b)"
)


def currency_in(text: str) -> str | None:
    """The first currency a text names ("Unit price (SGD)", "NZD per user per month"), or None."""
    match = _CURRENCY_MENTION.search(text)
    if not match:
        return None
    return CURRENCY_CODES.get(match.group("code") or match.group("symbol"))


# A rate in pence, as UK price lists write call charges: "0.9p per minute" is GBP 0.009.
PENCE = re.compile(
    r"(?<![\w.])(?P<amount>\d{1,4}(?:\.\d+)?)\s?(?:p|pence)\b(?=\s*(?:per\b|/|a\s|each\b|$))", re.I
)  # "0.9p per minute", and "1.4p" alone in a rate card's cell
PERCENT = re.compile(
    rf"(?:\b(?P<words>{NUMBER_WORDS})\s+(?:percent|per\s?cent)\s*\(\s*)?"
    rf"(?=[\d.])(?<![\w.,])(?P<num>{_PLAIN_DIGITS})\s?(?:%|percent\b|per\s?cent\b)\)?"
    rf"|\b(?P<only>{NUMBER_WORDS})\s+(?:percent|per\s?cent)\b(?!\s*\()",
    re.I,
)
DURATION_UNIT = (
    r"(?P<unit>business\s+days?|working\s+days?|calendar\s+days?|days?|hours?|minutes?|weeks?|months?|years?)"
)
DURATION = re.compile(
    rf"(?:\b(?P<words>{NUMBER_WORDS})\s*\(\s*(?P<paren>\d+)\s*\)|(?<![\w.$])(?!0\d)(?P<num>\d+)(?!\.\d)|\b(?P<only>{NUMBER_WORDS}))"
    # "thirty (30) days", "30 (thirty) days" (South African drafting), "30 days"
    rf"[\s-]+(?:\(\d+\)\s+|\({NUMBER_WORDS}\)\s+)?(?:or\s+more\s+)?(?:consecutive\s+|full\s+|gregorian\s+)?{DURATION_UNIT}\b",
    re.I,
)


@dataclass(frozen=True)
class Quantity:
    """A number found in text, with its unit and where it is (offsets relative to the scanned string)."""

    value: Decimal
    unit: str
    start: int
    end: int


def words_to_int(words: str) -> int | None:
    """'thirty-six' -> 36, 'one hundred and twenty' -> 120; None when the words are not a number."""
    total = 0
    current = 0
    for token in re.split(r"[\s-]+", words.lower().strip()):
        if token in ("and", ""):
            continue
        if token in _UNITS:
            current += _UNITS[token]
        elif token in _TENS:
            current += _TENS[token]
        elif token == "hundred":
            current = max(current, 1) * 100
        else:
            return None
    return total + current


_GROUPED_BY_COMMAS = re.compile(r"[1-9]\d{0,2}(?:,\d{3})+(?:\.\d+)?")


def to_decimal(digits: str) -> Decimal | None:
    """A figure matched by DIGITS as a Decimal: group separators dropped, the decimal mark (the last of a dot and
    a comma when both appear; a lone comma unless it groups thousands, see DIGITS) read as the point."""
    text = re.sub(_SPACE + "|['’]", "", digits)
    if "," in text and "." in text:
        mark = "," if text.rindex(",") > text.rindex(".") else "."
        text = text.replace("." if mark == "," else ",", "").replace(",", ".")
    elif "," in text:
        grouped = _GROUPED_BY_COMMAS.fullmatch(text) or text.count(",") > 1
        text = text.replace(",", "") if grouped else text.replace(",", ".")
    elif text.count(".") > 1:
        text = text.replace(".", "")
    try:
        return Decimal(text)
    except InvalidOperation:
        return None


def count_of(whole: str) -> Decimal | None:
    """A count or band limit matched by WHOLE: every comma, dot and space groups digits ("600.000 minutes" is six
    hundred thousand; a count has no fraction)."""
    digits = re.sub(r"[\s,.'’]", "", whole.replace("\u00a0", "").replace("\u202f", "").replace("\u2009", ""))
    return Decimal(digits) if digits.isdigit() else None


_SCALES = {"million": Decimal(1_000_000), "m": Decimal(1_000_000), "billion": Decimal(1_000_000_000),
           "thousand": Decimal(1000), "k": Decimal(1000)}  # fmt: skip


# Currencies whose amounts are whole in practice and grouped by dots: "Rp 385.000" is 385,000 rupiah, never 385.
_DOT_GROUPED = frozenset({"IDR", "VND", "CLP", "COP", "PYG"})
_ONE_DOT_GROUP = re.compile(r"\d{1,3}(?:\.\d{3})+")


def amount_in(digits: str, currency: str | None) -> Decimal | None:
    """A figure in a currency: as `to_decimal`, except that a dot before three digits groups thousands in the
    currencies written that way."""
    if currency in _DOT_GROUPED and _ONE_DOT_GROUP.fullmatch(digits.strip()):
        return Decimal(digits.strip().replace(".", ""))
    return to_decimal(digits)


_A_DIGIT = re.compile(r"\d")


def find_money(text: str) -> list[Quantity]:
    found: list[Quantity] = []
    if not _A_DIGIT.search(text):
        return found  # every amount has a digit: most sentences of prose are skipped before the long pattern runs
    for m in MONEY.finditer(text):
        digits = m.group("amount") or m.group("amount2")
        code = m.group("cur") or m.group("cur2")
        unit = DOLLAR_SIGN.get() if code == "$" else CURRENCY_CODES.get(code, code)
        value = amount_in(digits, unit)
        if value is None:
            continue
        scale = (m.group("scale") or m.group("scale2") or "").lower()
        if scale:
            value *= _SCALES[scale]
            if value == value.to_integral_value():
                value = value.quantize(Decimal(1))
        currency = "USD" if code == "dollars" else unit
        if code == "$" and _PESOS.match(text, m.end()):
            currency = "MXN"  # "$2,400,000.00 M.N.": Mexican pesos, moneda nacional
        found.append(Quantity(value, currency, m.start(), m.end()))
    for m in PENCE.finditer(text):
        pence = to_decimal(m.group("amount"))
        if pence is not None:
            found.append(Quantity(pence / 100, "GBP", m.start(), m.end()))
    return sorted(found, key=lambda q: q.start)


def find_percents(text: str) -> list[Quantity]:
    found: list[Quantity] = []
    for m in PERCENT.finditer(text):
        if m.group("num"):
            value = to_decimal(m.group("num"))
        else:
            number = words_to_int(m.group("only"))
            value = Decimal(number) if number is not None else None
        if value is not None and value <= 1000:
            found.append(Quantity(value, "%", m.start(), m.end()))
    return found


def normalise_unit(unit: str) -> str:
    unit = unit.lower()
    if unit.startswith(("business", "working")):
        return "business_day"
    for name in ("day", "hour", "minute", "week", "month", "year"):
        if name in unit:
            return name
    return unit


def find_durations(text: str) -> list[Quantity]:
    found: list[Quantity] = []
    for m in DURATION.finditer(text):
        if m.group("paren"):
            number: int | None = int(m.group("paren"))
        elif m.group("num"):
            number = int(m.group("num"))
        else:
            number = words_to_int(m.group("only"))
        if number is None:
            continue
        found.append(Quantity(Decimal(number), normalise_unit(m.group("unit")), m.start(), m.end()))
    return found


_DAYS_PER_UNIT: dict[str, Decimal] = {
    "day": Decimal(1),
    "business_day": Decimal("1.4"),
    "week": Decimal(7),
    "month": Decimal("30.4375"),
    "year": Decimal(365),
    "hour": Decimal(1) / 24,
    "minute": Decimal(1) / 1440,
}


def in_days(quantity: Quantity) -> Decimal:
    """Calendar days; a business day counts 1.4 (7/5) and a month the average 30.4375 days."""
    return quantity.value * _DAYS_PER_UNIT.get(quantity.unit, Decimal(1))


def in_months(quantity: Quantity) -> Decimal:
    if quantity.unit == "year":
        return quantity.value * 12
    if quantity.unit == "month":
        return quantity.value
    return in_days(quantity) / Decimal("30.4375")


def as_stated(duration: Quantity) -> tuple[Decimal, str]:
    """The duration in the unit the document uses, converting only exactly: years to months, weeks to days."""
    if duration.unit == "year":
        return duration.value * 12, "month"
    if duration.unit == "week":
        return duration.value * 7, "day"
    return duration.value, duration.unit
