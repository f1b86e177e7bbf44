"""The contract's own term and its renewal: the initial term's length, whether it renews by itself or only by
agreement, for how long, the notice that stops it, and what a renewal is priced at.

Patterns searched in lower-case text are compiled without IGNORECASE (three times faster to match); the few that
read the sentence's own text keep it."""

from __future__ import annotations

import re
from decimal import Decimal

from principal.review.extract.context import Sentence
from principal.review.extract.emit import Emit
from principal.review.extract.meaning import negated
from principal.review.extract.numbers import Quantity, as_stated, find_durations, find_percents
from principal.review.extract.terms import TermKind

_TERM = re.compile(
    r"\b(?:initial|subscription|service|contract|order|minimum)\s+(?:(?:subscription|service|contract|firm|fixed)\s+)?"
    r"(?:term|period|duration)\b"
    r"|\bhas a term of\b"
    r"|^\W*(?:[a-z]?\d+(?:\.\d+)*\.?|\(?[a-z]{1,3}\))?\s*term\s*[:.]"  # "Term:", "3. Term:", "(c) Term:", "C1. Term."
    r"|\bsubscription (?:runs|lasts|starts)\b|\bterm of (?:this|the) (?:agreement|order)\b|\blasts\b"
    # "This Agreement takes effect on signature and continues for thirty-six (36) months from the Go-Live Date"
    r"|\b(?:this|the) (?:agreement|order(?: form)?|contract)\b[^.;]{0,60}?"
    r"\b(?:(?:continues|remains in (?:force|effect)|runs|is valid) for|(?:has|shall have) a duration of)\b"
    r"|\bthe term of execution (?:shall be|is)\b",  # Colombian "plazo de ejecución"
)
_TERM_MENTIONED = re.compile(
    r"\b(?:end|expiry|expiration|remainder|rest|balance)\s+of\s+(?:the|this|its|each)\s+(?:\w+\s+)?$|\b(?:during|after"
    r"|before|throughout|beyond)\s+(?:the|this|its|each)\s+(?:\w+\s+)?$",
)
# "Renewal Order No. 2" names a document; it renews nothing by itself.
_RENEW = re.compile(r"\brenew(?!al\s+(?:order|quote|quotation|form)\b)\w*|\bnonrenewal\b|\bextend\w*"
                    r"|\bcontinues? (?:on an? |from )?month[- ]to[- ]month\b"
                    r"|\bfurther (?:periods?|year)\b|\bcontinues? for successive (?:periods|terms)\b"
                    # "within a rolling period of twelve months" counts failures in a window, it renews nothing
                    r"|\bcontinues? on a rolling basis\b|(?<!within a )(?<!in a )(?<!in any )(?<!over a )"
                    r"\brolling (?:periods?|basis)\b"
                    r"|\bdoes not continue after\b|\bcontinue after\b|\brollover\b|\brolls? over\b"
                    # "shall be effective month to month", "continue automatically", "an automatic extension"
                    r"|\bmonth[- ]to[- ]month (?:basis|term|contract)\b"
                    r"|\b(?:be|is|remains?|becomes?) (?:effective )?(?:on a )?month[- ]to[- ]month\b"
                    r"|\bcontinues? automatically\b|\bautomatically continues?\b|\bautomatic (?:\w+ )?extensions?\b",
                    )  # fmt: skip
_AUTO = re.compile(
    r"\bautomatic(?:ally)?\s+(?:be\s+)?(?:renew|extend|continu|roll)|\bautomatic (?:\w+ )?(?:renewal|extension)"
    r"|\btacit(?:ly)?\b"
    # a term table's "Renewal: automatic, for periods of 12 months", "Automatic 24-month periods"
    r"|^\W*(?:[\w-]+\s+){0,2}?(?:renewals?|rollover|extensions?)\s*:\s*automatic"
    r"|\bautomatic\s+(?:[\w-]+\s+){0,2}?(?:periods|terms)\b"
    r"|\b(?:renew|extend|continu|roll)\w*(?:\s+over)?\s+(?:\w+\s+){0,4}?automatic|\b(?:will|shall) renew\b|\brenews\b"
    r"|\bevergreen\b|\bmonth to month\b|\brolling\b"
    r"|\bunless either party\b|\bunless (?:the )?\w+ (?:gives|notifies|serves)|\bmonth-to-month\b"
    # "unless cancelled by the Customer with 60 days' notice", "unless one party elects not to renew"
    r"|\bunless\b[^.;]{0,80}\bnotice\b|\bunless\b[^.;]{0,40}\b(?:elects?|chooses?|decides?) not to renew\b",
)
_BY_AGREEMENT = re.compile(
    r"\brenewal requires\b|\bmay agree a renewal\b|\bmust be agreed\b|\bunless you sign a renewal\b"
    r"|\bno automatic (?:renewal|extension)\b|\bmay be (?:renewed|extended)\b[^.;]{0,60}\bonly by\b"
    r"|\bnew order signed\b|\bonly by (?:written |mutual )?agreement\b|\bby mutual agreement\b"
    r"|\b(?:upon|on|by|with|subject to) (?:the )?(?:parties['’] )?mutual (?:written )?(?:agreement|consent)\b"
    r"|\bif (?:both parties|the parties) (?:so )?agree\b|\bmutually agreed?\b"
    r"|\bagree (?:in writing )?to (?:extend|renew)\b",
)
# What renews: the contract, its term or the subscription.
_RENEWED = re.compile(r"\b(?:agreement|contract|term|order|subscription|licen[cs]e period|service period|services?"
                      r"|renewal|rollover|plan)\b")  # fmt: skip
_NOT_THE_TERM = re.compile(r"\bforce majeure\b|\barbitrat|\bintellectual property\b|\biprs?\b|\bvests?\b"
                           r"|\bwarranty period\b|\bpatent")  # fmt: skip
_NON_RENEWAL_NOTICE = re.compile(
    r"\bnotice of non-?renewal\b|\bnon-?renewal notice\b|\bnotif\w*\s[^.;]{0,40}\bof (?:the |its |an? )?non-?renewal\b"
    # "Either party may elect not to renew by giving written notice no less than 30 days before the renewal date"
    r"|\b(?:elects?|chooses?|decides?)\s+not\s+to\s+renew\b[^.;]{0,60}\bnotice\b",
)
# The sentence states the initial term before its renewal ("shall commence on ... and be valid for five years").
_INITIAL_FIRST = re.compile(
    r"\bvalid for\b|\bcommenc\w*|\binitial (?:term|period)\b"
    r"|\b(?:remain|continue)s? in (?:full )?(?:force|effect) for\b"
    r"|\bterm of this (?:agreement|order|contract) (?:is|shall be)\b|\b(?:be|is) for a (?:term|period) of\b",
)
_OPT_OUT = re.compile(r"\b(?:elects?|chooses?|decides?|intention|intends?|wish(?:es)?|option|right|wants?)"
                      r"\s+not\s+to\s*$|\bnon-?\s*$")  # fmt: skip
_NOTICE_AFTER = re.compile(r"^\W*(?:\(\d+\)\s*)?(?:['’]s?\s*)?(?:prior|before|in advance|notice|written notice"
                           r"|preceding)", re.I)  # fmt: skip
_NOTICE_BEFORE = re.compile(r"(?:at least|no (?:less|fewer) than|not less than|minimum of|giving|on)\s*$", re.I)
_LIST_PRICE = re.compile(
    r"\blist price|\bprice list\b|\bprevailing (?:rates|prices)|\brack rates?\b|\blist (?:charges|fees|rates)\b"
    r"|\b(?:standard|published) (?:rates|prices|pricing|rate card|price list)\b"
    r"|\bthen[- ](?:current|prevailing|applicable) (?:standard |published |list )?"
    r"(?:prices|rates|pricing|rate card|fees|charges)\b",
)
_REPLACED = re.compile(r"\b(?:instead of|rather than|in place of|replacing|previously|formerly)\s*$", re.I)
_SAME_PRICE = re.compile(
    r"\bsame as the pricing\b|\bsame (?:prices|rates|pricing|fees|charges|unit prices)\b|\bunchanged\b"
    r"|\b(?:prices|rates|fees) (?:in force|applicable|in effect) at the (?:end|expiry) of (?:the|a|each)"
    r" (?:(?:preceding|previous|prior|expiring) )?(?:period|term)\b"
    r"|\bthe same as (?:in|for|during|at) the (?:final|last|preceding|previous|prior|expiring|initial)\b"
    r"|\b(?:prices|rates|fees|charges|pricing) in this (?:order(?: form)?|agreement|schedule)\s+"
    r"(?:continue|remain)s?\s+"
    r"(?:to apply|in (?:force|effect))\b"
    # "charged at the Fees in force at the end of the preceding period"
    r"|\b(?:fees|prices|rates|charges)\s+(?:in\s+force|in\s+effect|applicable|payable)\s+(?:at|on|in|during)\s+(?:the\s+(?:end|last\s+day)\s+of\s+)?"
    r"the\s+(?:preceding|previous|prior|expiring|initial)\b"
    # "shall be the Fees in force immediately before that renewal period"
    r"|\b(?:fees|prices|rates|charges)\s+(?:in\s+force|in\s+effect|applicable)\s+(?:immediately\s+)?(?:before|prior\s+to)"
    r"\s+(?:that|the|such|each)\s+renewal\b",
)
# Words that give notice, whether or not they say "notice" ("unless one party tells the other in writing").
_TELLS = re.compile(
    r"\bnotice\b|\bnotif\w*|\btells?\b|\binforms?\b|\bin writing\b|\bwritten\b|\bletter\b"
    # "unless either party terminates it ... at least three (3) months before the end": the way out of the renewal
    r"|\bunless (?:either|one|a) party (?:terminates|cancels|ends) it\b",
)


def extract_term_and_renewal(sentence: Sentence, emit: Emit) -> None:
    lower = sentence.lower
    text = sentence.text
    renew = _RENEW.search(lower)
    if renew and not sentence.is_row:
        _renewal(sentence, emit, renew.start())
        return
    extension = re.search(r"\b(?:each|every|any|the|an) (?:such )?extension\b", lower)
    if extension and (_RENEW.search(sentence.previous) or _SAME_PRICE.search(lower) or _LIST_PRICE.search(lower)):
        # "... is extended automatically for successive periods of twelve (12) months ..." then "Each extension is
        # charged at the prices in force at the end of the preceding period": the price of that renewal
        _renewal_price(sentence, emit)
        return
    if _TERM.search(lower) and not sentence.is_row and "confidential" not in lower:
        named = [m for m in _TERM.finditer(lower)
                 if not _TERM_MENTIONED.search(lower[max(0, m.start() - 24) : m.start()])]  # fmt: skip
        for d in find_durations(text):
            if d.unit in ("month", "year") and not re.search(r"\bafter\b|\bfollowing\b", lower[d.end : d.end + 12]):
                if not any(_states_length(lower, m, d) for m in named):
                    continue  # "At the end of the Order Term ... for up to six (6) months": not the term's length
                value, unit = as_stated(d)
                emit(sentence, TermKind.subscription_term, value, unit, "initial term")
                break


def _states_length(lower: str, term: re.Match[str], duration: Quantity) -> bool:
    """The duration is the length of the term named at `term`: right after it in the same clause ("Initial Term:
    36 months", "has a term of forty-eight (48) months", "lasts thirty-six (36) months"), or just before it ("a
    twenty-four (24) month Initial Term")."""
    if duration.start >= term.start():
        between = lower[term.end() : duration.start]
        if between.strip() in (".", ":", "-", "–", "—"):
            return True  # a label: "(a) Initial Term. Twenty-four (24) months from the Service Start Date."
        return len(between) <= 45 and not re.search(r"[;.]\s|\bor\b|\band\b", between)
    # "twelve (12) months of the Initial Term" is a part of the term, not its length.
    return term.start() - duration.end <= 12 and not re.search(r"\bof\b", lower[duration.end : term.start()])


def _renewal_price(sentence: Sentence, emit: Emit) -> None:
    """What a renewal costs: the list price of the day, or the prices of the period before it."""
    lower = sentence.lower
    if _LIST_PRICE.search(lower):
        emit(sentence, TermKind.renewal_pricing, None, None, "renewal pricing", "list_price")
    elif (
        _SAME_PRICE.search(lower)
        and re.search(r"pric|\bfees?\b|\bcharges?\b|\brates?\b", lower)
        and not find_percents(sentence.text)  # "shall not exceed the fees for the previous term by more than 3%": a cap
    ):
        emit(sentence, TermKind.renewal_pricing, None, None, "renewal pricing", "same_price")


def _renewal(sentence: Sentence, emit: Emit, at: int) -> None:
    lower = sentence.lower
    text = sentence.text
    if not _RENEWED.search(lower) or _NOT_THE_TERM.search(lower):
        return  # rights that vest automatically, a time limit extended by force majeure: not the contract's renewal
    # The price of a renewal, and the renewal itself when the same sentence states it ("shall automatically renew
    # for one (1) year terms at the then prevailing rates unless either party gives sixty (60) days' notice").
    _renewal_price(sentence, emit)
    # The verb, not "renewal"; "may elect not to renew" is the way out of a renewal, not a denial of one.
    verbs = [v for v in re.finditer(r"\b(?:renew(?:s|ed|ing)?|extend(?:s|ed|ing)?|continues?)\b", lower)
             if not _OPT_OUT.search(lower[max(0, v.start() - 40) : v.start()])]  # fmt: skip
    verb = verbs[0] if verbs else None
    denied = bool(verb and negated(lower, verb.start())) or bool(_BY_AGREEMENT.search(lower))
    auto = not denied and bool(_AUTO.search(lower))
    # "notice of non-renewal must be given at least thirty (30) days ...": an amendment of the notice alone, which
    # only a renewing contract has; the renewal itself is stated elsewhere.
    notice_only = not denied and not auto and bool(_NON_RENEWAL_NOTICE.search(lower))
    if not denied and not auto and not notice_only:
        return
    basis = "auto" if auto else "by_agreement"
    monthly = re.search(r"\bmonth[- ]to[- ]month\b", lower)
    length: tuple[Decimal, str] | None = (Decimal(1), "month") if monthly else None
    notice: tuple[Decimal, str] | None = None
    lengths: list[Quantity] = []
    for d in find_durations(text):
        before = text[max(0, d.start - 25) : d.start]
        after = text[d.end : d.end + 30]
        if _REPLACED.search(before):
            continue  # "thirty (30) days, instead of ninety (90) days": the figure an amendment replaces
        tells = bool(_TELLS.search(lower))
        if _NOTICE_AFTER.search(after) or (_NOTICE_BEFORE.search(before) and tells):
            if (notice is None and tells) or "notifies" in lower:
                notice = as_stated(d)
        elif d.unit in ("month", "year") and not re.search(r"\binitial\s*$", before, re.I):
            lengths.append(d)
    # "shall be valid for a period of five (5) years with automatic renewal of one year thereafter": the first
    # figure is the initial term, the renewal's length comes after the renewal.
    initial = [d for d in lengths if d.end <= at] if _INITIAL_FIRST.search(lower[:at]) else []
    if initial:
        value, unit = as_stated(initial[0])
        emit(sentence, TermKind.subscription_term, value, unit, "initial term")
    later = [d for d in lengths if d not in initial]
    if length is None and later:
        length = as_stated(later[0])
    if length is None and re.search(
        r"\bone further year\b|\bfurther year\b|\b(?:successive|consecutive) annual\b"
        r"|\bannual (?:periods?|renewals?|terms?|extensions?)\b|\bevery year\b",
        lower,
    ):
        length = (Decimal(12), "month")
    if notice_only:
        if notice is not None:
            emit(sentence, TermKind.renewal_notice, notice[0], notice[1], "notice to stop renewal", "auto")
        return
    emit(sentence, TermKind.renewal_term, length[0] if length else None, length[1] if length else None, "renewal",
         basis)  # fmt: skip
    if notice is not None and auto:
        emit(sentence, TermKind.renewal_notice, notice[0], notice[1], "notice to stop renewal", basis)
