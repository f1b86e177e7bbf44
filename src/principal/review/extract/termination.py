"""Termination rights (for convenience, for cause, none) and what leaving early costs (the remaining fees, a
share of them, months of fees).

Notice and cure periods are kept in the units the document states (`numbers.as_stated`).

Patterns searched in lower-case text are compiled without IGNORECASE (three times faster to match); the few that
read the sentence's own text keep it.
"""

from __future__ import annotations

import re
from decimal import Decimal

from principal.review.extract.context import Sentence
from principal.review.extract.emit import Emit
from principal.review.extract.meaning import NOTICE_FOLLOWS, clause_start, negated
from principal.review.extract.numbers import NUMBER_WORDS, as_stated, find_durations, find_percents, words_to_int
from principal.review.extract.terms import TermKind

_VENDOR = re.compile(r"\b(?:supplier|provider|vendor|contractor|licensor|we)\b")
_BUYER_OR_BOTH = re.compile(
    r"\b(?:customer|client|buyer|subscriber|licensee|purchaser|you|neither|either|both|each|any)\b|\bpart(?:y|ies)\b",
)
_ORDINARY_EXCLUDED = re.compile(
    r"\bordinary termination\b[^.;]{0,100}\b(?:is|are|shall be) excluded\b|\bno ordinary termination\b"
)
# "may not terminate ... for convenience during the initial period, except on three (3) months' notice and on
# payment of ...": a denial with an exception is a right on those conditions.
_EXCEPT_ON_NOTICE = re.compile(
    r"\b(?:except|save|other than|unless)\s+(?:on|upon|by|with)\s+(?:giving\s+)?(?:at least\s+)?(?:[\w-]+\s+)?"
    r"\(?\d{1,3}\)?\s+(?:days|months|business days)['’]?\s+(?:prior\s+)?(?:written\s+)?notice\b",
)
_CONVENIENCE = re.compile(
    r"\bfor convenience\b|\bwithout cause\b|\bfor any reason\b(?! other than)"
    # Ending early on notice alone, no breach named ("either of us may end this order early by giving ... notice").
    r"|\b(?:end|terminate)\s+(?:this|the)\s+(?:\w+\s+){0,2}?early\b(?=[^.;]{0,100}\bnotice\b)"
    # "may terminate the Services ... at any time upon 45 days' written notice", no breach named
    r"|\bat any time\b(?![^.;]*\b(?:breach|insolv|bankrupt|winding|liquidat|change of control))"
    r"(?=[^.;]{0,120}\b(?:notice|notifying)\b)"
    # "may terminate this Call-Off Contract on giving not less than 90 days' written notice", no reason needed
    r"|\b(?:terminat\w*|cancel)\s+(?:this|the|an?|any)\s+(?:[\w-]+,?\s+){0,8}?(?:on|upon|by|with)\s+(?:giving\s+)?"
    r"(?:the\s+other\s+party\s+|the\s+\w+\s+|\w+\s+(?=not |no |at least|a minimum))?"
    r"(?:not less than|no less than|at least|a minimum of)?\s*"
    r"(?:\w+(?:-\w+)?\s+)?\(?\d{1,3}\)?\s+"
    r"(?:days|months|business days|working days)['’]?\s+(?:prior\s+)?(?:written\s+)?notice\b"
    r"(?![^.;]*\b(?:breach|insolv|bankrupt|winding|liquidat|change of control|fails?|default))",
)
_FAILED_LEVEL = re.compile(
    r"\b(?:availability|uptime|service level)\b[^.;]{0,60}\b(?:is |was |falls? |fell )?(?:less than|lower than|below)\b"
)
_AFTER_THE_EVENT = re.compile(
    r"\b(?:after|upon|on|following|before|until|at|from)\s+(?:the\s+|any\s+|its\s+)?(?:expiry\s+or\s+)?$"
)
_LEAVES_OPEN = re.compile(r"\b(?:do(?:es)? not|shall not|will not) (?:limit|affect|prejudice|restrict)\b")
_TERMINATE = re.compile(
    r"\bterminat\w*|\bends? (?:this|the|any|an?|its|each)\b(?! of\b)|\b(?:is|are|be|been|was) ended\b"
    # Italian "recesso": "may withdraw from the Contract ... by giving at least three (3) months' notice"
    r"|\bwithdraw from (?:this|the) (?:contract|agreement)\b|\bwithdrawal (?:under|from)\b|\bcase of withdrawal\b"
    r"|\bends? (?:early|before)\b"
    # "The Customer may cancel an Individual Contract during the Contract Period by giving ... notice"
    r"|\bcancel (?:this|the|an?|any|its) (?:[\w-]+ ){0,2}?(?:contract|agreement|order|subscription)s?\b",
)
# For cause: a material breach, or any breach left unremedied ("breaches these Terms and does not remedy the breach
# within thirty (30) days").
_CAUSE = re.compile(
    r"\bfor cause\b|\bmaterial(?:ly)? breach\w*|\bmaterial breach\b|\bmaterial default\b"
    r"|\bbreach(?:es|ed)?\b[^.;]{0,80}\b(?:fails? to|does not|do not|has not|have not|not)(?: been)?"
    r" (?:remedy|cure|remedied|cured)\b|\bfor good cause\b",
)
_REMAINING = re.compile(
    r"remainder of (?:the|that|its|this) (?:subscription |initial |then[- ]current )?term"
    r"|all (?:the )?(?:remaining|unpaid) (?:\w+ )?(?:fees|charges)|accelerat"
    r"|\b(?:all\s+)?fees\s+(?:through|until|up to|to)\s+the\s+end\s+of\s+the\s+"
    r"(?:subscription\s+|initial\s+|then[- ]current\s+)?term\b"
    # "the total amount of the Monthly Fees for the remaining portion of the Contract Period"
    r"|\b(?:fees|charges)\s+for\s+the\s+(?:remaining|unexpired)\s+(?:portion|part|period|months?)\b",
)
_OWES_NOTHING = re.compile(r"\bno (?:further )?(?:fees|charges|amounts?|payments?)\b|\bnot be (?:payable|due)\b")
# A share of what is left: "50% of the fees remaining for the Initial Term", "fifty percent (50%) of the remaining
# Fees", "25% of the Fees that would have been payable for the rest of the Term", "sixty percent (60%) of the
# subscription Fees that would have fallen due for the unexpired part of the initial period".
_SHARE_OF_REMAINING = re.compile(
    r"(?:\d[\d.,]*\s?%|\bper\s?cent\s*\(\s*\d[\d.,]*\s?%\s*\))\s+of\s+(?:the\s+|all\s+)?(?:(?:\w+\s+)?(?:fees|charges)\s+"
    r"(?:remaining|outstanding|pending|that would (?:have been|be|have fallen|fall) (?:payable|due)"
    r"|that would have (?:accrued|been (?:invoiced|billed|charged)))"
    r"|(?:remaining|outstanding|unpaid)\s+(?:\w+\s+)?(?:fees|charges)"
    # "... of the subscription Fees for the unexpired part of the Initial Term"
    r"|(?:\w+\s+)?(?:fees|charges)\s+(?:[\w,]+\s+){0,6}?(?:for|in|over|during)\s+the\s+(?:unexpired|remaining|rest"
    r"|remainder|balance)\b)",
)
# The buyer owes the charge: "subject to paying", "the Customer pays a termination fee", "is payable".
_OWES = re.compile(r"\bsubject to paying\b|\b(?:must|to) pay\b|\bpays\b|\bowes?\b"
                   r"|\b(?:is|are|becomes?) (?:then |immediately |also )?(?:payable|due)\b")  # fmt: skip
_EXIT_CHARGE = re.compile(
    r"\b(?:early exit|termination|early termination) (?:charge|fee|sum|payment|indemnity)\b"
    r"|\bas (?:sole |full |a )?(?:compensation|liquidated damages)\b"
)


def extract_termination(sentence: Sentence, emit: Emit) -> None:
    lower = sentence.lower
    verb = sentence.in_clause(_TERMINATE)  # the clause's verb, not its title's "Termination."
    if _ORDINARY_EXCLUDED.search(lower):
        # "Ordinary termination of an Order before the end of its Minimum Term is excluded for both parties" (the
        # ordentliche Kündigung of German-law contracts): no exit for convenience
        emit(sentence, TermKind.termination_right, None, None, "termination for convenience", "no_convenience")
        return
    if verb is None and sentence.lead and _CAUSE.search(lower) and _TERMINATE.search(sentence.lead):
        # An item under "Either party may terminate for cause upon:" — "(a) a material breach not cured within
        # thirty (30) days": the lead-in's right, with the item's cure period.
        cure = [d for d in find_durations(sentence.text) if d.unit in ("day", "business_day")]
        if cure and not sentence.is_row:
            period, period_unit = as_stated(cure[0])
            emit(sentence, TermKind.termination_right, period, period_unit, "termination for cause (cure period)",
                 "cause")  # fmt: skip
        return
    if (
        verb is None
        and _CAUSE.search(lower)
        and (_TERMINATE.search(sentence.headings) or _TERMINATE.search(sentence.previous))
        and (cure := [d for d in find_durations(sentence.text) if d.unit in ("day", "business_day")])
        and not sentence.is_row
    ):
        # Under "Termination for good cause": "Good cause exists where the other party commits a material breach
        # and does not remedy it within thirty (30) days": the cure period of the right the clause grants.
        period, period_unit = as_stated(cure[0])
        emit(sentence, TermKind.termination_right, period, period_unit, "termination for cause (cure period)", "cause")
        return
    if sentence.is_row or _LEAVES_OPEN.search(lower):
        return  # "They do not limit the right ... to terminate for material Default": no right of its own
    if verb is None:
        # "It shall then pay an early exit charge equal to 50% of ...", "In that case the Customer shall pay all Fees
        # for the remainder of the term": the charge for the termination the sentence before allows.
        if _TERMINATE.search(sentence.previous):
            _termination_fee(sentence, emit)
        return
    paying = bool(re.search(r"\b(?:will|shall|must)(?: then| also)? pay\b|\bbecome (?:immediately )?due\b", lower))
    chronic = re.search(
        r"\bconsecutive\b|\bmiss(?:es|ed)? (?:its|the|a) (?:target|service level|commitment)\b", lower
    ) or (
        # "If the Availability of the Voice Service is less than 99.5% in any three (3) Months ...": a service
        # failure is the reason, not convenience
        _FAILED_LEVEL.search(lower, 0, verb.start())
    )
    convenience = _CONVENIENCE.search(lower)
    if (
        convenience
        and convenience.group(0).lower() == "for any reason"
        and _AFTER_THE_EVENT.search(lower, 0, verb.start())
    ):
        convenience = None  # "For fourteen (14) days after the termination ... for any reason, the Customer may ..."
    if (
        convenience
        and not paying
        and not chronic  # "If the Voice Platform misses its target in three consecutive months ... by 30 days' notice"
        and not _vendor_subject(lower, verb.start(), emit.vendors)
    ):
        excepted = _EXCEPT_ON_NOTICE.search(lower, verb.end())
        if (negated(lower, verb.start()) or re.search(r"\bno right to terminate\b", lower)) and not excepted:
            emit(sentence, TermKind.termination_right, None, None, "termination for convenience", "no_convenience")
        else:
            notice = [d for d in find_durations(sentence.text) if d.unit in ("day", "business_day", "month")]
            # "at any time after twelve (12) months ..., by giving at least three (3) months' notice": the period
            # that names the notice, where one does
            named = [d for d in notice if NOTICE_FOLLOWS.match(sentence.text, d.end)]
            value, unit = as_stated((named or notice)[0]) if notice else (None, None)
            emit(sentence, TermKind.termination_right, value, unit, "termination for convenience", "convenience")
    if _CAUSE.search(lower) and "chronic" not in lower:
        cure = [d for d in find_durations(sentence.text) if d.unit in ("day", "business_day")]
        value, unit = as_stated(cure[0]) if cure else (None, None)
        emit(sentence, TermKind.termination_right, value, unit, "termination for cause (cure period)", "cause")
    _termination_fee(sentence, emit)


def _termination_fee(sentence: Sentence, emit: Emit) -> None:
    lower = sentence.lower
    paying = bool(re.search(r"\b(?:will|shall|must)(?: then| also)? pay\b|\bbecome (?:immediately )?due\b", lower))
    share = _SHARE_OF_REMAINING.search(lower)
    charged = _EXIT_CHARGE.search(lower) or (paying and _TERMINATE.search(lower))
    if share and charged and (percent := find_percents(sentence.text[share.start() : share.end()])):
        # "an early termination fee equal to 50% of the fees remaining for the Initial Term"
        emit(sentence, TermKind.termination_fee, percent[0].value, "%", "share of remaining fees on early termination",
             "remaining_fees")  # fmt: skip
    elif (
        _REMAINING.search(lower)
        and re.search(r"\b(?:due|payable|pay|pays|paying)\b", lower)
        and "refund" not in lower
        and not _OWES_NOTHING.search(lower)
    ):
        # The buyer pays the rest of the term; a refund of prepaid fees for it, or "no Fees will be payable for the
        # remainder of its Subscription Term", is the opposite.
        emit(sentence, TermKind.termination_fee, None, None, "remaining fees on early termination", "remaining_fees")
    elif _EXIT_CHARGE.search(lower) and (paying or _OWES.search(lower)):
        # The months the charge is counted in, not a notice period before it ("on three months' notice, subject to
        # a termination charge of two months' fees").
        charge = _EXIT_CHARGE.search(lower)
        # "... pay an amount equal to two (2) months of the Seat Fees as liquidated damages": the phrase naming the
        # charge comes after its amount, which follows the verb.
        after = charge.start() if charge and not charge.group(0).startswith("as ") else _pay_at(lower)
        months = [d for d in find_durations(sentence.text) if d.unit in ("month", "year") and d.start > after]
        fees = _MONTHLY_FEES.search(lower, after)
        if months:
            value, _unit = as_stated(months[0])
            emit(sentence, TermKind.termination_fee, value, "month", "early exit charge", "fees")
        elif fees and (count := words_to_int(fees.group("words")) if fees.group("words") else int(fees.group("num"))):
            # "an amount equal to three (3) Monthly Fees": three months of fees
            emit(sentence, TermKind.termination_fee, Decimal(count), "month", "early exit charge", "fees")


_MONTHLY_FEES = re.compile(
    rf"\b(?:(?P<words>{NUMBER_WORDS})\s*\(\s*\d{{1,2}}\s*\)|(?P<num>\d{{1,2}}))\s+monthly\s+(?:subscription\s+)?"
    r"(?:fees|charges|instal(?:l)?ments|payments)\b"
)


def _pay_at(lower: str) -> int:
    match = re.search(r"\bpay\b", lower)
    return match.start() if match else len(lower)


def _vendor_subject(lower: str, at: int, aliases: tuple[str, ...]) -> bool:
    """The vendor alone is who may or may not terminate ("The Supplier may not terminate ... for convenience", or
    by the name the document gives it: "Duna is not entitled to terminate"): a right or a denial of the vendor's,
    which says nothing of the buyer's own right to leave."""
    subject = lower[clause_start(lower, at) : at]
    named = [alias for alias in aliases if re.search(rf"\b{re.escape(alias)}\b", subject)]
    for alias in named:  # "Party B shall not terminate": the vendor's label, not "either party"
        subject = re.sub(rf"\b{re.escape(alias)}\b", " ", subject)
    return (bool(_VENDOR.search(subject)) or bool(named)) and not _BUYER_OR_BOTH.search(subject)
