"""Usage controls: usage caps and their absence, AI features billed by default or only on opt-in, overage
premiums, true-ups at list or contract price, surcharges and per-call rounding (seat prices, usage rates and bands
are in `pricing`).

Every pattern here is searched in lower-case text (`Sentence.lower`, its lead, headings and previous sentence), so
none is compiled with IGNORECASE, which makes Python's matcher try each alternation about three times slower."""

from __future__ import annotations

import re
from decimal import Decimal

from principal.review.extract.context import Sentence
from principal.review.extract.emit import Emit
from principal.review.extract.meaning import bound_before, negated
from principal.review.extract.numbers import find_money, find_percents, to_decimal
from principal.review.extract.terms import TermKind

# "The Provider enables it only for the channels the Customer names": the feature of the sentence before.
_SWITCHES_IT = re.compile(r"\b(?:enables?|activates?|switch(?:es)? on|turns? on|deploys?) (?:it|them)\b")
_AI = re.compile(
    r"\b(?:ai|genai|artificial intelligence|bots?|chatbots?|virtual (?:agent|assistant)|sentiment"
    # a call summary, not "a summary of findings" from a penetration test or an executive summary
    r"|(?<!executive )summar\w*(?!\s+of\s+(?:the\s+|its\s+|any\s+)?(?:findings|results|audit|changes|terms|key|main))"
    r"|generative|co-?pilot|agent assist|conversational ivr|speech analytics|transcription"
    r"|conversation intelligence|automated quality (?:scoring|management|assurance)|auto[- ]?qa|voice ?bots?"
    # product names in the vendor's language: "Asistente Virtual", "Assistente Virtual", "Assistant virtuel"
    r"|asistente virtual|assistente virtual|assistant virtuel|virtuelle[rn]? assistent|conversational analytics)\b",
)
# "Rheinwelle Resümee (AI call summary)", "Clarity, our AI assistant,": a product name the document gives a feature
# it describes as AI; a sentence naming only the product ("Rheinwelle Resümee is activated for all queues") is about AI.
_NAMED_AI = re.compile(
    r"\b(?P<name>[A-ZÄÖÜÉ][\w'-]+(?: [A-ZÄÖÜÉ][\w'-]+){0,3})(?:(?P<paren> \()| ?[,–—-] (?:(?:an?|our|the) )?)"
    r"(?P<what>[^()\n|]{0,60})"
    # a product name run into its lower-case description: "| Lekgotla Insight speech analytics and sentiment |"
    r"|\b(?P<run>(?!(?:The|This|That|Each|Any|All|Our|Your)\b)[A-Z][\w'-]+(?: [A-Z][\w'-]+){1,3}) (?=[a-z])"
    r"(?P<runwhat>[^()\n|.;]{0,60})"
)


def ai_name_pattern(text: str, vendors: tuple[str, ...] = ()) -> re.Pattern[str] | None:
    """The product names `text` describes as AI features, other than the vendor's own names, as one pattern (None
    when it names none): a sentence that names only the product is about AI."""
    found = []
    for match in _NAMED_AI.finditer(text[:400_000]):
        name = (match.group("name") or match.group("run")).lower()
        what = match.group("what") if match.group("name") else match.group("runwhat")
        # In brackets the description may come later ("(real-time suggestions and AI summaries)"); after a comma or
        # run into the name it must open with the AI words ("Rigiline Assist, AI summary of a call"), or
        # "Telephony, messaging and AI" would name telephony an AI feature.
        what = what.lower()
        described = _AI.search(what[:40]) if match.group("paren") else _AI.match(what)
        if described and not _AI.search(name) and name not in vendors:
            found.append(name)
            first, _, rest = name.partition(" ")
            if first in vendors and rest:
                found.append(rest)  # "Tembusu Sage", then "Sage" alone
    if not found:
        return None
    names = sorted(dict.fromkeys(found), key=len, reverse=True)
    return re.compile(r"\b(?:" + "|".join(re.escape(name) for name in names) + r")\b")


_DEFAULT_ON = re.compile(
    r"\b(?:enabled|on|activated|switched on|turned on) by default\b"
    r"|(?<!off )(?<!disabled )(?<!deactivated )(?<!inactive )(?<!not )\bby default\b|\bactivated automatically\b"
    r"|\bautomatically (?:enabled|activated|applied|generated|turned on|switched on)\b|\bdefault[- ]on\b"
    r"|\bswitched on for (?:every|all)\b|\bincluded in every\b|\bunless customer asks\b|\bunless (?:the )?customer"
    r" (?:disables|opts out|turns)"
    # On for everyone from the start, and the buyer's part is to switch it off: "enabled on every queue at
    # activation; Customer may switch it off", "turned on for all of your agents".
    r"|\b(?:enabled|activated|active|switched on|turned on|live|generated)\s+(?:on|for)\s+(?:every|all|each)\b"
    r"|\bunless (?:the )?[\w']+(?: \w+)? (?:switches|turns) (?:\w+ ){0,3}off\b|\b(?:may|can) disable\b"
    r"|\b(?:may|can)\s+(?:switch|turn)\s+(?:it|them|\w+(?:\s+\w+)?)\s+off\b|\bopt[- ]out\b"
    r"|\bunless (?:the )?[\w']+(?: \w+)? (?:declines|refuses|rejects|opts out of)\b"
    r"|\bunless\b[^.;]{0,40}\b(?:disable|switch off|turn off|deactivate)\b"
    # "is enabled on the main IVR number as part of the standard configuration", "may ask Lumpini to switch it off"
    r"|\bas part of the (?:standard|default|base) (?:configuration|set[- ]?up|deployment)\b"
    r"|\b(?:ask|request)\s+\w+\s+to\s+(?:switch|turn)\s+(?:it|them)\s+off\b",
)
_OPT_IN = re.compile(
    r"\bopt(?:s|ed)?[- ]in\b|\b(?:disabled|deactivated|inactive|off) by default\b"
    r"|\b(?:delivered|supplied|provided|shipped|set up) (?:switched off|turned off|disabled|deactivated|inactive)\b"
    r"|\bonly (?:upon|after|with|for|on|where|if|when|once)\b|\b(?:asks|requests) for it\b"
    r"|\bonly be (?:activated|enabled|switched on|turned on)\b"
    r"|\buntil (?:the )?customer'?s?\b|\bon request\b"
    r"|\bunless (?:the )?\w+ has (?:asked|requested|enabled)|\b(?:customer|subscriber) (?:must|may) (?:enable|activate)"
    r"|\bwhere (?:the )?customer has (?:switched|turned|enabled)|\bis off until\b"
    # Off until the buyer acts: "not switched on for any queue unless Customer's administrator activates it".
    r"|\bnot (?:be )?(?:switched on|turned on|active|activated|enabled|available)\b[^.;]{0,60}\bunless\b"
    r"|\bnot (?:enable|activate|switch on|turn on)\b[^.;]{0,60}\bunless\b"
    r"|\b(?:switched|turned|kept|remains?|stays?|is|are) (?:switched )?(?:off|disabled|deactivated|inactive) unless\b"
    r"|\bunless\b[^.;]{0,40}\brequests?\b[^.;]{0,30}\b(?:its |their )?activation\b"
    r"|\bunless (?:the )?[\w']+(?: \w+)? (?:activates|enables|requests it|asks for it)\b",
)
_OF_THE_LIMIT = re.compile(r"\s*(?:\(\s*\d+(?:[.,]\d+)?\s*%\s*\)\s*)?of (?:that|the|this|such|its) (?:[\w-]+ )?"
                           r"(?:limit|cap|ceiling|threshold)\b")  # fmt: skip
_BILLABLE = re.compile(r"billable|charged|billed|fee|invoic|\bcost")
_USAGE_SUBJECT = re.compile(
    r"\busage\b|\bconsumption\b|\bcall(?:ing)? charges\b|\bminutes\b|\bmetered\b|\busage[- ](?:fees|charges)\b"
    r"|\b(?:telephony|traffic) (?:charges|fees)\b",
)
_CAP_VERB = re.compile(
    r"\b(?:shall|will|must|may|can|do(?:es)?) not exceed\b|\bcannot exceed\b"
    r"|\bin no event (?:shall|will)\b[^.;]{0,80}\bexceed\b"
    r"|\bnot to exceed\b|\bcapped at\b|\bare capped\b|\bceiling\b|\b(?:invoiced|billed|charged) at most\b"
    r"|\bmaximum (?:monthly|annual)\b|\bis not charged\b|\bno (?:more|greater) than\b"
    r"|\bnot (?:be )?(?:required|obliged|liable) to pay\b[^.;]{0,80}\b(?:in excess of|more than|above)\b"
    r"|\b(?:shall|will|may) not (?:invoice|bill|charge)\b[^.;]{0,60}\b(?:above|more than|in excess of|beyond)\b",
)
# An amendment that sets a usage cap's new figure.
_CAP_RESET = re.compile(
    r"\b(?:usage|consumption|call charges?) (?:cap|ceiling|limit)\b(?:[^.;:]|\.(?=\d)){0,80}?"
    r"\b(?:is|are|shall be|will be)\s+"
    r"(?:increased|raised|reduced|decreased|lowered|changed|amended|set)\s+to\b",
)
_OVERAGE = re.compile(
    r"\b(?:above|over|exceeding|in excess of|beyond)\s+the\s+(?:committed|annual commitment|commitment"
    r"|monthly forecast|monthly commitment|minimum (?:monthly )?commitment)|\bexceeding the commitment\b|\boverage\b"
    r"|\busage above\b|\bin excess of the\b",
)
_TIMES = re.compile(r"\b(\d+(?:\.\d+)?)\s*(?:x|times)\b")
_NO_PREMIUM = re.compile(r"\bno premium\b|\bsame rates?\b|\bat the rates in\b")
_TRUE_UP = re.compile(
    r"\btrue[- ]?up\b|\btrued[- ]up\b|\breconcil\w*|\bmeasure peak\b|\bpeak concurrent usage\b"
    # Seats found in use above the order and added to it: "any seats in use above the ordered quantity will be added"
    r"|\b(?:in use|used|active|deployed)\b[^.;]{0,30}\b(?:above|beyond|in excess of|over|more than)\s+the\s+"
    r"(?:ordered|contracted|subscribed|committed|purchased)\s+(?:quantity|quantities|number|seats)\b"
    r"|\b(?:in use|used|active|deployed)\b[^.;]{0,30}\b(?:above|beyond|in excess of|over|more than)\s+the\s+"
    r"(?:number|quantity)\s+(?:ordered|contracted|subscribed|purchased)\b"
    # "If the number of users active in any month is higher than the number in your Service Order"
    r"|\b(?:users|seats|licen[cs]es|agents)\s+(?:active|in use|used|deployed)\b[^.;]{0,30}\b(?:is\s+)?(?:higher|more"
    r"|greater) than the (?:number|quantity)\b"
    # "If that number exceeds the quantity on Line 1, the excess Seats will be invoiced at the unit fee"
    r"|\bexcess (?:seats|users|licen[cs]es|agents)\b[^.;]{0,30}\b(?:invoiced|billed|charged)\b"
    # "Licences in use in excess of those ordered shall be invoiced at the Supplier's list price"
    r"|\b(?:in use|used|active|deployed)\b[^.;]{0,30}\b(?:above|beyond|in excess of|over|more than)\s+those\s+"
    r"(?:ordered|contracted|subscribed|committed|purchased)\b"
    # "Users active above the quantities in this Section 1 are invoiced from the month ..."
    r"|\b(?:in use|used|active|deployed)\b[^.;]{0,30}\b(?:above|beyond|in excess of|over|more than)\s+the\s+"
    r"(?:quantit(?:y|ies)|numbers?)\s+(?:in|of|stated in|set out in|shown in)\s+(?:this|the)\b"
    # "If the Client uses more licences than it has ordered, the additional licences are invoiced at ..."
    r"|\buses more (?:licen[cs]es|seats|users)\b"
    # "Named Users in excess of the quantities set out above, as shown by the licence reports, shall be charged"
    r"|\b(?:users|seats|licen[cs]es|agents)\s+in excess of\s+the\s+(?:quantit(?:y|ies)|numbers?)\b"
    r"|\bthe additional (?:licen[cs]es|seats|users) are (?:invoiced|charged|billed)\b"
    # "Licences in excess of the ordered quantity are invoiced at ..."
    r"|\b(?:seats|licen[cs]es|users|agents)\s+(?:in excess of|above|beyond|over)\s+the\s+"
    r"(?:ordered|contracted|subscribed|committed|purchased|licensed)\s+(?:quantity|quantities|number)\b"
    # "Seats activated above the numbers in section 1 are invoiced ... at Supplier's list price"
    r"|\b(?:seats|licen[cs]es|users|agents)\s+(?:in use|used|activated|added|deployed|assigned|provisioned)\s+"
    r"(?:(?:in|during|for)\s+(?:a|any|each|the)\s+(?:day|month|quarter)\s+)?(?:above|beyond|in excess of|over)"
    r"\s+(?:the\s+(?:numbers?|quantit(?:y|ies))\s+(?:in|of|set out in|stated in|shown in)\b"
    r"|(?:those|these|the ordered|the contracted)\s+(?:numbers?|quantit(?:y|ies))\b)"
    # "Fees for additional Users added during the Term ... at the then-current list price"
    r"|\badditional\s+(?:named\s+)?(?:users|seats|licen[cs]es|agents)\s+(?:added|ordered|purchased|activated|may be "
    r"ordered)\b|\b(?:seats|licen[cs]es|users|agents)\s+added\s+(?:during|in the course of|after)\b"
    # Peak use above the order invoiced: "If that number is higher than the quantity in line 1, the excess is invoiced"
    r"|\bthe excess is (?:invoiced|charged|billed)\b"
    # A term row "Additional users: may be added at any time ... at the then-current list price"
    r"|^\W*additional\s+(?:named\s+)?(?:users|seats|licen[cs]es|agents)\s*[:|]\s*(?:\w+\s+)?(?:be\s+)?added\b",
)
_LIST_PRICE = re.compile(
    r"\bthen[- ]current list price|\blist price|\blist rates?\b|\bprice list\b|\bprevailing (?:rates|prices)"
    r"|\b(?:rates|prices) (?:then )?prevailing\b",
)
# The prices the order itself states: "at the contracted rate", "at the unit prices in section 1".
_CONTRACT_PRICE = re.compile(
    r"\bcontract(?:ed)? (?:price|rate)|\b(?:prices|rates) in this\b"
    r"|\b(?:unit |same |per-seat |per-user )?(?:prices?|rates?) (?:in|set out in|stated in|shown in|of)"
    r" (?:the |your |this )?(?:(?:service )?order(?: form| schedule)?|section|clause|schedule|table|part)\b"
    r"|\bunit price of (?:that|the|each|this|line)\b"
    r"|\bunit (?:fee|price|rate) (?:stated|set out|shown) (?:on|in) (?:line|the order|section)\b",
)
INCREASE = re.compile(
    r"\b(?:increase|uplift|escalat|(?:re)?adjust|raise|review|revise|revising)\w*"
    r"|(?<!give )(?<!gives )\bris(?:e|es|ing)\b"
    r"|\bchange (?:our|its|the|their|any) (?:rates|prices|fees|charges)\b",
)
SURCHARGE = re.compile(
    r"\b(?:regulatory|compliance|cost recovery|recovery fee|recovery charge|universal service|administrative fee"
    r"|surcharge|levy|levies)\b",
)
_ROUNDING = re.compile(
    r"\brounded up\b|\bincrements?\b|\bbilled per second\b|\bcharged per second\b|\bper[- ]second billing\b"
    r"|\bfull[- ]minutes?\b|\bwhole minute\b|\bbilled per minute\b|\bpulses?\b"
    r"|\bper (?:started|commenced|begun) minute\b"
    r"|\b(?:measured|metered|rated|timed) per second\b|\b(?:billed|charged|metered|rated|timed) by the second\b"
    # "billed in units of sixty (60) seconds, and a part of a unit is billed as a full unit"
    r"|\b(?:billed|charged|rated|metered|measured|timed) in (?:units|blocks) of\b"
    r"|\b\d+\)?[- ](?:second|minute)s?\s+(?:blocks?|units?)\b"  # "Calls are charged in 30-second blocks."
    r"|\b(?:part|fraction) of an? (?:unit|minute|increment|block)\b[^.;]{0,40}\b(?:full|whole)\b",
)
_INCREMENT = re.compile(r"\b(?:[a-z]+\s+\()?(?<![\d.])(?!0\d)(\d+|six|sixty|thirty|one)\)?[- ](second|minute)s?\b")
# The size of the increment where the words say it: "in thirty (30) second increments", "in pulses of sixty (60)
# seconds", before any other duration of the sentence ("0800 minutes", "within 30 days").
_SIZED_INCREMENT = re.compile(
    r"\b(?:[a-z]+\s+\()?(?<![\d.])(\d+|six|sixty|thirty|one)\)?[- ](second|minute)s?\s+(?:increments?|pulses?|blocks?)"
    r"|\b(?:increments?|pulses?|blocks?|units?)\s+of\s+(?:[a-z]+\s+\()?(\d+|six|sixty|thirty|one)\)?[- ]"
    r"(second|minute)s?\b",
)
_WORDS = {"six": 6, "sixty": 60, "thirty": 30, "one": 1}


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
        # "When consumption reaches eighty percent (80%) of that limit, ... shall notify": an alert, not the cap
        percents = [p for p in find_percents(sentence.text) if bound_before(sentence.text, p.start) != "floor"
                    and not _OF_THE_LIMIT.match(lower, p.end)]  # fmt: skip
        money = find_money(sentence.text)
        if percents:
            emit(sentence, TermKind.usage_cap, percents[-1].value, "%", "usage charges")
        elif money:
            emit(sentence, TermKind.usage_cap, money[0].value, money[0].unit, "usage charges")
    refers_back = re.match(r"\W*(?:it|they|the feature)\b", sentence.body.lower()) or _same_subject(sentence)
    named = emit.ai_names
    ai_position = _AI.search(lower) or (named and named.search(lower)) or (
        (_AI.search(sentence.previous) or (named and named.search(sentence.previous)))
        if refers_back or _SWITCHES_IT.search(lower)
        else None
    )  # fmt: skip
    if ai_position and (_BILLABLE.search(lower) or _DEFAULT_ON.search(lower) or _OPT_IN.search(lower)):
        # "AI Features Enabled by Default. No AI feature is enabled by default": the clause, not its heading
        default = _DEFAULT_ON.search(lower, sentence.heading_end)
        opt_in = _OPT_IN.search(lower, sentence.heading_end)
        if default is None and opt_in is None:
            default, opt_in = _DEFAULT_ON.search(lower), _OPT_IN.search(lower)
        if default and not negated(lower, default.start()) and not (opt_in and opt_in.start() < default.start()):
            emit(sentence, TermKind.ai_default_on, None, None, "AI features", "default_on")
        elif (opt_in or (default and negated(lower, default.start()))) and ai_position is not None:
            emit(sentence, TermKind.ai_opt_in, None, None, "AI features")
    _overage(sentence, emit)
    if _TRUE_UP.search(lower + " " + sentence.headings) and _LIST_PRICE.search(lower):
        emit(sentence, TermKind.true_up, None, None, "true-up", "list_price")
    elif _TRUE_UP.search(lower) and _CONTRACT_PRICE.search(lower):
        emit(sentence, TermKind.true_up, None, None, "true-up", "contract_price")
    if SURCHARGE.search(lower) and re.search(r"\bfee\b|\bcharges?\b|\bsurcharge\b|\blevy\b|\bsupplement\b", lower):
        percents = find_percents(sentence.text)
        if percents and not INCREASE.search(lower):
            emit(sentence, TermKind.surcharge, percents[0].value, "%", "surcharge")
    _rounding(sentence, emit)


def _overage(sentence: Sentence, emit: Emit) -> None:
    text = sentence.body
    lower = text.lower()
    overage = _OVERAGE.search(lower)
    if overage is None or not re.search(r"\b(?:charged|billed|invoiced)\b", lower):
        return
    if re.search(r"\b(?:users|seats|licen[cs]es|agents)\s+$", lower[: overage.start()]):
        return  # "Users in excess of the licensed quantity ... invoiced": seats trued up, not usage over a commitment
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
    elif re.search(
        r"\b(?:whole|full|nearest|next)[- ](?:whole )?minutes?\b|\bper (?:started|commenced|begun) minute\b", lower
    ):
        emit(sentence, TermKind.usage_rounding, Decimal(1), "minute", "call rounding", "per_call")
