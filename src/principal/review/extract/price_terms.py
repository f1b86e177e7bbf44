"""Price changes (fixed, "up to", CPI-linked, and their caps), minimum commitments, seat reductions and how
recurring fees are invoiced.

Patterns searched in lower-case text are compiled without IGNORECASE (three times faster to match); the few that
read the sentence's own text keep it."""

from __future__ import annotations

import re
from decimal import Decimal

from principal.review.extract.context import Sentence
from principal.review.extract.emit import Emit
from principal.review.extract.meaning import LESSER_OF, bound_before, negated, spelled_start
from principal.review.extract.numbers import (
    NUMBER_WORDS,
    WHOLE,
    count_of,
    find_money,
    find_percents,
    to_decimal,
    words_to_int,
)
from principal.review.extract.terms import TermKind
from principal.review.extract.usage_controls import INCREASE, SURCHARGE

_OVER_PREVIOUS = re.compile(
    r"\b(?:not|never)\s+(?:to\s+)?exceed\s+the\s+(?:\w+\s+){0,2}?(?:fees|prices|charges|rates)\s+(?:for|of|in|during|payable"
    r"\s+in)\s+the\s+(?:previous|preceding|prior|expiring|last)\b",
)
# A limit on "a revision", "the adjustment" or "any increase" without naming the prices again.
_ADJUSTMENT_LIMIT = re.compile(
    r"\b(?:revisions?|adjustments?|increases?|indexations?|uplifts?)\b[^.;]{0,30}?"
    r"\b(?:exceed|be (?:more|greater) than)\b",
)
_PRICE_WORDS = re.compile(r"\b(?:fees?|prices?|pricing|rates?|charges?|unit prices|subscription fees)\b")
# Usage beyond a commitment charged at a premium ("charged at the rates in clause 2.1 increased by 20%"): an overage
# rate, read by the usage controls, not a price increase.
_IS_OVERAGE = re.compile(
    r"\b(?:usage|minutes|volume|consumption)\s+(?:above|over|beyond|in excess of|exceeding)\s+the\s+"
    r"(?:(?:monthly|annual|minimum|committed)\s+)?(?:commitment|committed|minimum)"
)
_LESSER_OF = re.compile(rf"\b{LESSER_OF}\b")
_CPI = re.compile(
    r"\bcpi\b|\bprices?\s+index\b|\binflation\b|\bvpi\b|\brpi\b|\bhicp\b|\bindex of (?:consumer|retail) prices\b"
    # national indices by their own names: Mexico's INPC, Brazil's IPCA, Switzerland's LIK, Poland's and Czechia's
    r"|\binpc\b|\bipca\b|\bigp-m\b|\blik\b|\bprecios al consumidor\b|\bconsumer prices\b",
)
# Prices held only for an opening period ("fixed for the first twelve (12) months", "until the first anniversary"):
# a freeze before increases, not prices fixed for the term.
_FREEZE = re.compile(
    r"\b(?:for|during|in|throughout)\s+the\s+first\b|\buntil\s+the\s+(?:first|second)\b|\buntil\s+the\s+end\s+of\s+the"
    r"\s+first\b",
)
_FIXED_PRICES = re.compile(
    r"\b(?:prices|fees|charges|pricing|rates)\b[^.;]{0,40}\b(?:fixed|will not (?:increase|change)|shall not"
    r" (?:increase|change)|(?:remain|stay) (?:fixed|unchanged))\b|\bwill not increase the (?:fees|prices|charges)\b"
    r"|\bnot (?:increase|raise|change) (?:the |its |any )?(?:[\w-]+ ){0,2}(?:fees|prices|charges|rates)\b"
    # "Prices are firm for the Term", "No price increase shall apply during the Initial Term"
    r"|\b(?:prices|fees|charges|rates)\b[^.;]{0,20}\b(?:firm|frozen)\b"
    r"|\bno (?:price|fee) (?:increases?|changes?|adjustments?) (?:shall|will|may)\b",
)
# "CPI plus 1.5 percentage points", "the index plus two percentage points (2%)".
_CPI_POINTS = re.compile(
    rf"(?:\bplus|\+|\bincreased by)\s*(?:up\s+to\s+|a\s+maximum\s+of\s+|at\s+most\s+)?"
    rf"(?:(?P<words>{NUMBER_WORDS})\s+percentage points?\s*\(\s*(?P<num>\d+(?:\.\d+)?)\s*%?\s*\)"
    rf"|{NUMBER_WORDS}\s*\(\s*(?P<num3>\d+(?:\.\d+)?)\s*\)\s*(?:percentage )?points?\b"
    rf"|(?P<num2>\d+(?:\.\d+)?)\s*(?:percentage points?|%\s*points?)|(?P<only>{NUMBER_WORDS})\s+percentage points?"
    # "plus half a point (0.5 percentage points)"
    rf"|(?:[a-z-]+\s+){{1,4}}?\(\s*(?P<num4>\d+(?:\.\d+)?)\s*(?:percentage\s+)?points?\s*\)"
    # "plus one point five percentage points (1.5%)"
    rf"|(?:[a-z-]+\s+){{1,4}}?percentage points?\s*\(\s*(?P<num5>\d+(?:\.\d+)?)\s*%?\s*\))",
)
_MINIMUM = re.compile(
    r"\bminimum (?:(?:usage|voice|call|traffic|consumption) )?(?:commitment|purchase|spend|monthly|annual|order|fee"
    r"|charge)|\bcommits? to\b"
    r"|\b(?:annual|monthly|yearly) minimum\b|\bcommitted (?:\w+ )?(?:quantity|spend|volume|minutes)"
    r"|\btake[- ]or[- ]pay\b|\bcommits? to purchase\b|\bminimum (?:usage|consumption)\b"
    r"|\b(?:usage|consumption|call|voice) (?:fees|charges) of (?:at least|not less than|no less than)\b",
)
_REDUCE = re.compile(r"\b(?:reduc|decreas|lower|remov)\w*")
_SEAT_WORDS = re.compile(
    r"\b(?:seats?|licen[cs]es?|users?|quantit(?:y|ies)|seat count|named users|subscriptions)\b"
    r"|\bnumber of (?:\w+\s+){0,2}(?:agents?|supervisors?)\b",
)
_DENIED_REDUCTION = re.compile(
    r"\bnot be entitled to decrease|\bmay not (?:reduce|decrease|lower)|\bcannot be (?:reduced|decreased|removed)"
    r"|\b(?:may|shall|can|will) not be (?:reduced|decreased|removed)|\bnon-?cancell?able|\bno (?:reduction|decrease)"
    r"|\b(?:reduction|decrease)\b[^.;]{0,60}\bis not (?:possible|permitted|allowed)\b",
)
# The exception that follows a denial: "may not reduce ..., other than by up to 15% a year".
_EXCEPTION = re.compile(r"\b(?:except|other than|save|unless|but (?:may|can)|apart from|beyond)\b")
_AT_RENEWAL = re.compile(
    r"\bonly at renewal\b|\bat (?:each |the )?renewal\b|\bon renewal\b"
    r"|\b(?:start|beginning|commencement) of (?:a|any|each|the) renewal (?:term|period)\b"
    r"|\b(?:with effect )?from (?:a|any|each|the) renewal\b"
    r"|\b(?:end|expiry) of the (?:minimum|initial) (?:term|period)\b|\b(?:of|at) any renewal (?:term|period)\b"
    r"|\bend of (?:an?|each|any|the) (?:extension|renewal) (?:term|period)\b",
)
_BILLED_WHEN = re.compile(r"\b(?:invoiced|invoices?|invoicing|billing|billed|bills?|charged|payable)\b")
_ADVANCE = re.compile(r"\bin advance\b|\bin full at the start\b|\bat the start of (?:each|that|the)\b")
_ARREARS = re.compile(
    r"\bin arrears\b|\bat the end of (?:each|the) (?:month|quarter|year)\b|\bà terme échu\b"
    # "invoiced together after the end of that month"
    r"|\bafter the end of (?:each|that|the) (?:calendar )?(?:month|quarter)\b",
)
_FREQUENCY = (
    (
        re.compile(
            r"\bannual(?:ly)?\b|\byearly\b|\beach (?:[a-z]+ )?year\b"
            r"|\bper (?:contract )?year\b",
            re.I,
        ),
        "annual",
    ),
    (re.compile(r"\bquarterly\b|\beach quarter\b", re.I), "quarterly"),
    (re.compile(r"\bmonthly\b|\beach (?:calendar )?month\b", re.I), "monthly"),
)
_RECURRING_SUBJECT = re.compile(
    r"\b(?:subscription|seat|licen[cs]e|recurring)\s+(?:and\s+[a-z]+\s+)?(?:fees|charges)\b"
    r"|^\W*(?:invoicing|billing(?: cycle| frequency)?)\s*:"
    r"|\bannual subscription charges\b|^\W*(?:the\s+)?subscriptions (?:are|will be|shall be) (?:invoiced|billed)\b"
    # all the charges at once: "The Supplier shall invoice the Charges monthly in arrears"
    r"|\b(?:invoice|bill)s?\s+(?:all\s+)?the\s+(?:charges|fees)\b(?!\s+for\b)"
    r"|^\W*(?:all\s+)?(?:the\s+)?(?:charges|fees) are (?:invoiced|billed)\b"
    r"|^\W*(?:the\s+)?fees are invoiced|\bfees for each contract year\b|\bcharges in section a\b"
    # "The licences and the minimum commitment are invoiced monthly in arrears"
    r"|^\W*(?:the\s+)?(?:licen[cs]es|seats)(?: and (?:the )?[\w ]{1,30}?)? (?:are|will be|shall be) "
    r"(?:invoiced|billed)\b"
    r"|\bwe invoice the seat fees\b|\bseat fees\b|\bcharges for licen[cs]es\b|^\W*(?:the\s+)?monthly (?:fees|charges)\b"
    # Invoices in general ("invoices are issued monthly in arrears"): every fee, the recurring ones included.
    r"|(?:^|:)\W*(?:all\s+)?invoices\s+(?:are|will\s+be)\s+(?:issued|raised|sent|rendered)\b",
)
# A table row of a recurring price ("per concurrent user per month") whose billing cell says when it is invoiced.
_RECURRING_ROW = re.compile(r"\bper\s+(?:concurrent\s+|named\s+)?(?:user|seat|agent|licen[cs]e)\b", re.I)
_BILLING_CELL = re.compile(r"^(?:billed\s+|invoiced\s+)?(\w+)\s+in\s+(advance|arrears)$", re.I)


def extract_price_changes(sentence: Sentence, emit: Emit) -> None:
    """Yearly increases (fixed, up to, CPI-linked), caps on them, and prices fixed for the term."""
    lower = sentence.lower
    text = sentence.text
    if re.search(r"[\"”]\s*means\b", lower):
        return  # a definition ('"Monthly Fees" means the fixed monthly fees for the Licences') grants nothing
    if _FIXED_PRICES.search(lower) and not find_percents(text) and not _FREEZE.search(lower):
        emit(sentence, TermKind.price_increase, Decimal(0), "%", "prices fixed", "fixed")
        return
    over_previous = _OVER_PREVIOUS.search(lower)
    if over_previous and (percents := [p for p in find_percents(text) if p.start > over_previous.start()]):
        # "Fees for a renewal term shall not exceed the fees for the previous term by more than 3%": a cap.
        emit(sentence, TermKind.price_increase_cap, percents[0].value, "%", "annual increase cap")
        return
    limit = _ADJUSTMENT_LIMIT.search(lower)
    if (
        limit
        and (_CPI.search(sentence.previous) or INCREASE.search(sentence.previous))
        and not _CPI.search(lower)
        and "liabil" not in lower
    ):
        # "Prices are revised each year by the change in the index ..." then "In no event may a revision exceed
        # 3,5 %.": the cap of the adjustment the sentence before sets (a sentence stating its own increase first is
        # read below).
        percents = find_percents(text)
        if percents and percents[0].start > limit.start():
            emit(sentence, TermKind.price_increase_cap, percents[0].value, "%", "annual increase cap")
            return
    # "... may raise them by up to 6%" after a sentence about the prices: the prices are what "them" means.
    about_prices = _PRICE_WORDS.search(lower) or (
        re.search(r"\b(?:them|it)\b", lower) and _PRICE_WORDS.search(sentence.previous)
    )
    yearly = re.search(r"\b(?:annual|yearly|price)\s+(?:increase|uplift|adjustment|escalation)", lower)
    if not INCREASE.search(lower) or not (about_prices or "increases" in lower or yearly):
        return
    if SURCHARGE.search(lower) or "credit" in lower or "liabil" in lower or _IS_OVERAGE.search(lower):
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
        lesser = cpi is not None and cpi.start() < percent.start and bool(_LESSER_OF.search(lower[: percent.start]))
        if bound == "cap" or lesser or re.match(r"\W*(?:cap|ceiling)\b", after):
            emit(sentence, TermKind.price_increase_cap, percent.value, "%", "annual increase cap")
        elif increase is None and (
            not cpi
            or not re.search(r"\bplus\b|\+", lower[max(0, spelled_start(lower, percent.start) - 15) : percent.start])
        ):
            increase = (percent, bound)
        elif cpi and increase is None:
            increase = (percent, bound)
    points = _CPI_POINTS.search(lower[cpi.end() :]) if cpi else None
    if cpi and re.search(rf"\bexceed\s+the\s+{LESSER_OF}\b", lower) and not points:
        return  # "no adjustment shall exceed the lesser of 2% and CPI": the index bounds the cap, it is no increase
    if cpi and points:
        digits = next((points.group(g) for g in ("num", "num2", "num3", "num4", "num5") if points.group(g)), None)
        number = words_to_int(points.group("only")) if points.group("only") else None
        value = to_decimal(digits) if digits else (Decimal(number) if number is not None else None)
        if value is not None:
            emit(sentence, TermKind.price_increase, value, "%", "CPI", "cpi")
            return
    if cpi:
        plus = (
            re.search(
                r"(?:plus|\+)\s*$",
                lower[max(0, spelled_start(lower, increase[0].start) - 12) : spelled_start(lower, increase[0].start)],
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


_RATE_AFTER = re.compile(
    r"\s*(?:per\b|/)\s*(?!\s|(?:calendar\s+|contract\s+|billing\s+)?(?:month|quarter|year|annum|period)\b)", re.I
)


# A floor the reduced quantity must stay above, not the share that may go.
_FLOOR_BEFORE = re.compile(
    r"\b(?:fall|drop|go|be reduced)\s+below\s*$|\b(?:at least|no fewer than|not fewer than|a minimum of|not less than"
    r"|no less than)\s*$",
    re.I,
)


def extract_commitments(sentence: Sentence, emit: Emit) -> None:
    """Minimum commitments and whether seat quantities may be reduced."""
    lower = sentence.lower
    text = sentence.body
    if _MINIMUM.search(lower) and not sentence.is_row and "credit" not in lower:
        money = find_money(text)
        volume = re.search(r"\b(" + WHOLE + r")\)?\s+(?:[a-z-]+\s+)?(minutes|sessions|messages)\b", text, re.I)
        # A rate ("USD 0.02 per minute") is no commitment; a sum per period ("AED 12,000.00 per month") is.
        money = [m for m in money if not _RATE_AFTER.match(text, m.end)]
        if money:
            emit(sentence, TermKind.minimum_commitment, money[0].value, money[0].unit, "minimum commitment")
        elif volume:
            unit = "minute" if volume.group(2).lower() == "minutes" else volume.group(2).lower().rstrip("s")
            emit(sentence, TermKind.minimum_commitment, count_of(volume.group(1)), unit, "minimum commitment")
    reduce = _REDUCE.search(lower)
    # "Licence quantities cannot be reduced during the Minimum Term. A reduction may take effect only at the end of
    # the Minimum Term ...": the second sentence is about the seats the first names
    seats = (
        _SEAT_WORDS.search(lower)
        or (
            re.match(r"\W*(?:a|any|such|the|each) reductions?\b", sentence.body.lower())
            and _SEAT_WORDS.search(sentence.previous)
        )
        or (re.search(r"\breduce (?:it|them)\b", lower) and _SEAT_WORDS.search(sentence.previous))
    )
    if reduce and seats and not sentence.is_row and not re.search(r"\bprice|\bfees? by\b", lower):
        allowed_later = re.search(r"\b(?:may|can)\s+(?:\w+\s+)?(?:reduce|decrease|lower)d?\b", lower)
        exception = _EXCEPTION.search(lower, reduce.end())
        excepted = [p for p in find_percents(sentence.text) if exception and p.start > exception.end()]
        # The label of a term row is no verb: "Reductions: users may not be removed ..." turns on the verb's negation.
        denied_verb = any(negated(lower, m.start()) for m in _REDUCE.finditer(lower))
        if (
            (_DENIED_REDUCTION.search(lower) or denied_verb)
            and exception
            and excepted
            and not _AT_RENEWAL.search(lower[exception.start() :])
        ):
            # "shall not reduce the seats, except by no more than 10% on each anniversary": a reduction allowed
            # up to the figure of the exception, not a prohibition.
            emit(sentence, TermKind.seat_reduction, excepted[0].value, "%", "seat quantities", "allowed")
        elif (
            _DENIED_REDUCTION.search(lower)
            and _AT_RENEWAL.search(lower)
            and allowed_later
            and not negated(lower, allowed_later.start())
        ):
            # "may not be reduced during the term; Subscriber may reduce them with effect from a renewal"
            emit(sentence, TermKind.seat_reduction, None, None, "seat quantities", "renewal")
        elif _DENIED_REDUCTION.search(lower) or (denied_verb and not _AT_RENEWAL.search(lower)):
            emit(sentence, TermKind.seat_reduction, None, None, "seat quantities", "prohibited")
        elif _AT_RENEWAL.search(lower) and re.search(r"\bonly\b", lower):
            emit(sentence, TermKind.seat_reduction, None, None, "seat quantities", "renewal")
        elif re.search(r"\bmay\b|\bcan\b|\bentitled\b|\bright to\b", lower):
            percents = find_percents(sentence.text)
            value = percents[0].value if percents else None
            if percents and _FLOOR_BEFORE.search(sentence.text[max(0, percents[0].start - 40) : percents[0].start]):
                value = 100 - percents[0].value  # "provided the Users do not fall below 80%": 20% may go
            # "may be reduced with effect from the end of the minimum term or of any renewal period"
            basis = "renewal" if value is None and _AT_RENEWAL.search(lower) else "allowed"
            emit(sentence, TermKind.seat_reduction, value, "%" if value is not None else None, "seat quantities",
                 basis)  # fmt: skip


def extract_billing_frequency(sentence: Sentence, emit: Emit) -> None:
    """How recurring (seat) fees are invoiced: annually, quarterly or monthly, in advance or in arrears."""
    lower = sentence.body.lower()
    if sentence.is_row:
        _billing_cell(sentence, emit)
        return
    if not _BILLED_WHEN.search(lower):
        return
    subject = _RECURRING_SUBJECT.search(lower)
    if subject is None and _RECURRING_SUBJECT.search(sentence.previous):
        # "Licence fees are owed from the Go-Live Date. They are invoiced quarterly in advance."
        subject = re.match(r"\W*(?:they|these fees|those fees) (?:are|will be|shall be)\b", lower)
    if subject is None:
        return
    clause = lower[subject.start() : subject.start() + 120].split(";")[0]
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
