"""Exit (data export, deletion, transition assistance), liability, implementation, billing start, payment,
personnel and the other documents a document refers to (termination rights and fees are in `termination`).

Durations are kept in the units the document states; only exact conversions are made (a year is 12 months, a
week 7 days), so "ninety (90) days" of transition assistance stays 90 days.

Patterns searched in lower-case text are compiled without IGNORECASE (three times faster to match); the few that
read the sentence's own text keep it.
"""

from __future__ import annotations

import re
from decimal import Decimal

from principal.review.extract.context import Sentence
from principal.review.extract.emit import Emit
from principal.review.extract.meaning import clause_end, clause_start, negated
from principal.review.extract.numbers import as_stated, find_durations, find_money, find_percents
from principal.review.extract.terms import TermKind

_ENDED = re.compile(r"\bterminat|\bexpir|\bend of the (?:contract|agreement|term)\b")
_DATA = re.compile(
    r"\b(?:customer|client|subscriber|bank|council|personal) (?:data|content)\b|\byour (?:recordings and )?data\b"
    r"|\bits data\b|\bcouncil's data\b|\bdata\b|\b(?:its|the|your) content\b"
    r"|\b(?:customer|client|subscriber)(?:'s)? records\b|\bits records\b|\bits (?:call )?recordings\b",
)
_EXPORT = re.compile(
    r"\bexport|\bretriev|\bdownload|\breturn (?:all |the )?(?:[\w'’]+ )?(?:data|content|personal data)|\bcopy of\b"
    r"|\bdata extraction\b|\bmake (?:\w+ )?(?:data )?available for (?:export|download)|\bmake available for download"
    r"|\bhand(?:s|ing)? (?:over|back)\b"
    # "may request ... the delivery of its recordings, transcripts and contact records"
    r"|\bdelivery of (?:its|the|all(?: of)?(?: its| the)?) (?:[\w,-]+ ){0,6}?(?:data|recordings|records|content)\b"
    r"|\b(?:provide|deliver|send|supply)\s+(?:the\s+|all\s+)?(?:[\w-]+\s+)?(?:data|content)\s+in\s+[\w-]+\s+format\b",
)
_SET_OUT_ELSEWHERE = re.compile(
    r"\b(?:as (?:set out|described|provided|specified) in|in accordance with|pursuant to|under) (?:the )?"
    r"(?:annex|schedule|appendix|exhibit|attachment|dpa|data processing)\b"
)
_EXPORTS = re.compile(
    r"\bexports?\b(?!\s+control)|\b(?:that|the|this|such|each)\s+(?:return|retrieval|download|copy)\b(?!\s+of\s+(?!data))",
)
_HANDS_OVER = re.compile(
    r"\b(?:provide|deliver|send|supply|return|make)\s+(?:it|them|this|that|these)\b|\b(?:shall|will) do so\b"
    # "The request must be made no later than ...", "The handover is charged on a time-and-materials basis"
    r"|^\W*the (?:request|handover|hand-over)\b"
)
# The buyer denied the export itself: "Customer may not export data after the termination date".
_BUYER_MAY_NOT_EXPORT = re.compile(
    r"\b(?:customer|client|subscriber|licensee|buyer)\b[^.;]{0,30}\b(?:may not|cannot|can ?not|shall not|will not be"
    r" able to|is not entitled to|has no right to)\s+(?:\w+\s+)?(?:export|retrieve|download|extract)\b",
)
# not an amendment's "Clause 12.2 of the Terms is deleted and replaced with the following"
_DELETE = re.compile(r"\bdelet(?!ed and replaced\b|ed in (?:its|their) entirety\b)|\bdestroy|\berase")
_TRANSITION = re.compile(
    r"transition(?:\s+(?:or|and)\s+(?:migration|exit))? (?:assistance|services|support)|termination assistance"
    r"|migration (?:assistance|services|support)|exit (?:assistance|services|support)"
    r"|transition, migration or (?:other )?exit services"
    r"|help to migrate|support the move to a new|post-termination services|\bhand-?over services\b"
    r"|\bsupports? the (?:transfer|migration|move) of the services?\b"
    r"|assist\w* (?:with|in) (?:the )?(?:transfer|transition|migration|move) of the service"
    r"|\bassistance\b[^.;]{0,50}\bto migrate\b"
    r"|\breversibility (?:assistance|services|support)\b"
    # "will assist the Customer in transferring its telephone numbers and configuration to a new service provider"
    r"|\bassist\w*\b[^.;]{0,40}\bin (?:transferring|migrating|moving)\b[^.;]{0,80}\bto (?:a|another|the) "
    r"(?:new|successor|replacement)\b"
    # "cooperate in good faith with the migration of the Service to ... its new service provider"
    r"|\bcooperate\b[^.;]{0,40}?\b(?:in|with) the (?:migration|transfer|transition) of the services?\b"
    # "assistance ... in connection with the transfer of the Services to another supplier"
    r"|\bassistance\b(?:[^.;]|\.(?=\d)){0,60}\b(?:transfer|migration|move) of the services? to (?:another|a new"
    r"|a successor)\b",  # French drafting's exit help (réversibilité)
)
_FREE = re.compile(r"\bno (?:additional |extra )?(?:charge|cost)\b|\bfree of charge\b|\bwithout charge\b"
                   r"|\bat no cost\b")  # fmt: skip
_PAID = re.compile(
    r"\bthen[- ]current\b[^.;]{0,40}\brates\b|\bprofessional[- ]services rates?\b|\bstandard\b[^.;]{0,40}\brates\b"
    r"|\bagainst payment\b"
    r"|\bsubject to payment\b|\bda(?:y|ily) rates?\b"
    r"|\bper (?:consultant |person[- ])?(?:day|hour)\b|\brates? in\b[^.;]{0,30}\bprice list\b"
    r"|\bhourly rates?\b|\btime[- ]and[- ]materials\b|\bat the rates (?:(?:set out|stated|specified|shown) )?in\b"
    r"|\bprevailing charges\b|\bfor a fee\b|\bcharge for (?:the|each|any) export\b|\brates for professional services\b",
)
_NONE = re.compile(
    r"\bno obligation to (?:provide|retain|return)\b|\bnot obliged to\b|\bwill not provide\b|\bshall not provide\b",
)
_DELIVERS = re.compile(
    r"\b(?:will|shall|must|agrees? to)\s+(?:\w+\s+){0,2}?(?:return|provide|deliver|send|supply|hand over|transfer"
    r"|give|furnish)\b",
    re.I,
)
_POINTER = re.compile(
    r"\b(?:are|is)\s+(?:as\s+)?(?:set\s+out|described|contained|stated|dealt\s+with|provided\s+for)\s+in\b"
    r"|\b(?:are|is)\s+governed\s+by\b",
)
_GRANT = re.compile(r"\b(?:may|will|shall|must|can)\s+(?:\w+\s+){0,3}?(?:export|retrieve|download|return|provide|keep"
                    r"|delete|make)\b")  # fmt: skip
_WINDOW_BEFORE = re.compile(r"(?:\bfor(?: a period of)?|\bduring the|\bup to|\brequest made within|\bwithin"
                            # "Upon the Customer's written request, received no later than fourteen (14) days after"
                            r"|\brequest\b[^.;]{0,20}?\b(?:no|not) later than"
                            r"|\b(?:export|retrieval|download) (?:period|window)(?: after termination)?"
                            r" (?:is|shall be|will be|becomes)(?: extended to)?)\s*$", re.I)  # fmt: skip
# "... days after termination", "after the effective date of termination", "after the Order Form ends"
_AFTER_THE_END = re.compile(
    r"^\W*(?:after|following)\s+(?:the\s+)?(?:effective\s+date\s+of\s+)?(?:termination|expiry|expiration|the end"
    r"|end\b|(?:this|the|an?|its)\s+(?:[\w-]+\s+){0,3}?(?:ends|terminates|expires|is terminated"
    r"|has (?:ended|terminated|expired|been terminated)))",
)
_EXPORT_PERIOD = re.compile(r"\b(?:export|retrieval|download) (?:period|window)\b")
_LIABILITY = re.compile(r"\bliabilit")
_LIMIT = re.compile(
    r"\bnot\b[^.;]{0,25}\bexceed|not to exceed|\blimited\b[^.;]{0,30}?\bto\b|\brestricted to\b|in no (?:event|case)"
    r"|exceed the (?:total|amount)|maximum (?:aggregate|total|cumulative)?\s*liability|is limited|\bcapped at\b"
    r"|\b(?:neither|no)\b[^.;]{0,100}\b(?:shall|will|may)\s+exceed\b|\bin excess of\b|\bnot be more than\b"
    r"|\bno more than\b",
)
_A_YEAR = re.compile(
    r"\b(?:in|during|for) (?:each|any|that|the) (?:contract |calendar )?year\b"
    r"|\b(?:(?:one|1) ?(?:x|times)|one hundred percent \(100%\)|100%) (?:of )?the (?:then[- ]current )?annual\b"
    r"|\b(?:liability|limited|exceed|to)\b[^.;]{0,20}\bthe annual (?:subscription |recurring |service )?"
    r"(?:fees|charges)\b",
)
_INSURANCE = re.compile(r"\binsurance\b|\binsured\b|\binsurer|\bumbrella\b|\bper occurrence\b|\bfidelity bond\b")
_TIMES = {"twice": 2, "two": 2, "2": 2, "three": 3, "3": 3, "four": 4, "4": 4, "five": 5, "5": 5}
_ANNUAL_MULTIPLE = re.compile(
    r"\b(?:(twice)|(two|three|four|five|[2-5])\s*(?:\(\d\)\s*)?(?:x|times))\s+(?:the\s+)?(?:total\s+)?"
    r"(?:annual|yearly)\s+(?:subscription\s+|recurring\s+|service\s+)?(?:fees|charges)\b",
)
# "shall not be liable for any amount in excess of the fees paid in the six (6) months before the claim"
_LIABLE_BEYOND = re.compile(r"\bliable\b[^.;]{0,40}\b(?:in excess of|exceeding|that exceeds?|beyond)\b")
# "the amounts paid", "the amount excluding VAT paid by the Client in the six (6) months preceding"
_DAMAGES_PAYABLE = re.compile(
    r"\b(?:aggregate|total|maximum)\s+(?:amount\s+of\s+)?(?:damages|compensation)\b|\bdamages\s+payable\s+by\b"
)
_FEES = re.compile(r"\bfees\b|amounts?\s+(?:(?:excluding|net of|before)\s+\w+\s+)?(?:paid|payable)|\bcharges\b")
_PERSONNEL = re.compile(r"\bpersonnel\b|project (?:manager|leader|director)|solution architect|key person|key staff"
                        r"|delivery lead"
                        r"|\bits (?:employees|staff|consultants|engineers|specialists)\b"
                        r"|\bwhich (?:of its )?(?:consultants|engineers|staff|specialists)\b"
                        r"|account manager"
                        r"|\b(?:implementation|project|technical|engagement|onboarding|delivery) lead\b")  # fmt: skip
_REPLACE = re.compile(r"\breplac|\bsubstitut|\breassign|\bremov|\bassign (?:a |an )?(?:different|another|new)\b")
_APPROVAL = re.compile(r"\bconsent\b|\bapprov|\bagrees? in writing\b")
# A replacing verb, not the noun: "Any replacement must have comparable experience" replaces nobody.
_REPLACE_VERB = re.compile(
    r"\b(?:replace[sd]?|replacing|substitut(?:e|es|ed|ing)|reassign(?:s|ed|ing)?|remove[sd]?|removing)\b"
    r"|\bassign (?:a |an )?(?:different|another|new)\b",
)
_NEEDS_APPROVAL = re.compile(
    r"\bonly (?:with|after|upon|on)\b|\bsubject to\b[^.;]{0,40}\b(?:consent|approv)|\brequires?\b[^.;]{0,40}"
    r"\b(?:consent|approv)|\b(?:must|shall|will) (?:first )?(?:obtain|seek|get)\b",
)
_IMPLEMENTATION = re.compile(
    r"\bimplementation\b|\bprofessional services\b|\bonboarding\b|\bset[- ]?up\b|\bdeployment fee"
    r"|\bestablishment (?:fee|charge)s?\b"
)
# The work as an event, not its fee: "whether or not Customer has completed implementation".
_IMPLEMENTATION_EVENT = re.compile(
    r"\b(?:complet(?:ed?|ion of)|finish(?:ed)?|during|after|before|until)\s+(?:the\s+|its\s+)?implementation\b"
)


def implementation_named(lower: str) -> re.Match[str] | None:
    """Where the sentence names implementation work or its fee, unless only as an event ("has completed
    implementation")."""
    for match in _IMPLEMENTATION.finditer(lower):
        if not _IMPLEMENTATION_EVENT.search(lower, max(0, match.start() - 20), match.end()):
            return match
    return None


# A sentence about the fee the previous one named: "half of it", "the balance of that fee", "invoices it on".
_OF_IT = re.compile(
    r"\b(?:half|part|\d{1,3}\s?%|balance|rest|remainder) of (?:it|this|that|the (?:fee|charge|amount))\b"
    r"|\binvoices? (?:it|this (?:fee|charge|amount|sum|price))\b"
    r"|\b(?:it|this (?:fee|charge|amount|sum|price)) is (?:invoiced|payable|due)\b"
    r"|^\W*the (?:full |whole |total )?(?:amount|sum|fee) is (?:invoiced|payable|due)\b",
)
_FEE = re.compile(r"\bfees?\b|\bcharges?\b|\bpayable\b|\binvoiced\b|\bdue\b|\b(?:fixed|lump[- ]sum) price\b")
_ORDER = r"(?:order(?: form| confirmation)?|quote|quotation|proposal|agreement|offer|contract)"
_AT_SIGNATURE = re.compile(
    r"\bupon (?:execution|signature|signing)|\bat signing\b|\bon signature\b|\bon signing\b|\bupon the effective date"
    r"|\bon the effective date\b|\bafter signature\b|\bon signature of\b|\bon execution\b"
    r"|\bon the date of (?:execution|signature|signing)\b"
    # "invoiced upon Customer's signature of this Service Order"
    r"|\b(?:on|upon|at) (?:the )?\w+['’]s (?:signature|execution|signing) of (?:this|the)\b"
    r"|\b(?:on|upon|at) (?:the )?(?:acceptance|placement|receipt) of (?:this|the) " + _ORDER + r"\b"
    r"|\bwhen (?:the )?\w+ (?:accepts|signs|countersigns) (?:this|the) " + _ORDER + r"\b"
    r"|\b(?:has|have) (?:countersigned|signed|accepted) (?:this|the) " + _ORDER + r"\b"
    r"|\bwhen (?:this|the) " + _ORDER + r" is (?:signed|countersigned|executed|accepted)\b",
)
# Accepting the order is signing it; accepting the service is go-live.
AT_GO_LIVE = re.compile(
    r"go[- ]live|\bgone live\b|\bacceptance\b(?! of (?:this|the) " + _ORDER + r"\b)|\baccepts\b|production use"
    r"|cutover"
    r"|\blive (?:\w+ )?(?:calls?|use|operations|traffic|interactions?|contacts?|conversations?)",
)
_MILESTONES = re.compile(r"\binstal(?:l)?ments?\b|\bmilestones?\b|\bin (?:two|three|four) parts\b"
                         r"|\bhalf\b[^.;]{0,60}\band (?:the (?:other |remaining |second ))?half\b")  # fmt: skip
_NET = re.compile(r"\bnet\s+(\d{1,3})\b")
_OVERDUE = re.compile(r"\bsuspen\w*|\boverdue\b|\bpast due\b|\blate\b")
_PAYMENT = re.compile(r"\binvoices?\b|\bpayment\b|\bpay each\b|\bpayable\b|\bdue\b")
_OF_THE_MASTER = re.compile(
    r"\s+(?:of|in) (?:the|this) (?:MSA|Master \w+ Agreement|Agreement)\b"
    r"|\s+(?:of|in|to) the (?:MSA|General Terms|Master \w+ (?:Agreement|Terms))\b"
)
_REFERENCES = (
    ("msa", re.compile(r"\bMaster (?:Services?|Subscription) (?:Agreement|Terms)\b|\bMaster Agreement\b|\bMSA\b"
                       r"|\bStandard Terms\b|\bCall-Off Terms\b"
                       r"|\bGeneral Terms and Conditions\b|\bTerms of Service\b|\bCustomer Terms\b"
                       r"|\b(?:Customer|Client) Agreement\b|\bGeneral Terms\b|\bMaster Terms\b"
                       r"|\bCloud Services? Terms\b|\bFramework Agreement\b|\bTerms of Business\b"
                       r"|\bGeneral Conditions(?: of (?:Service|Sale|Supply|Business))?\b|\bPlatform Terms\b"
                       r"|\bConditions of Contract\b"
                       r"|\b(?:Cloud |SaaS |Software )?Subscription Agreement\b"
                       r"|\b(?:of|under|and) the Terms\b(?! of)"
                       # "made under the Cloud Contact Center Service Agreement", "To the ... Service Agreement"
                       r"|(?:(?<=\b[Uu]nder the )|(?<=\b[Tt]o the ))(?:[A-Z][\w-]*\s+){1,5}Services? Agreement\b")),
    ("sla", re.compile(r"\bService Level (?:Agreement|Schedule|Terms|Exhibit|Policy|Addendum|Annex|Appendix)\b|\bSLA\b"
                       r"|\b[A-Z]\w+ (?:and|&) Service Levels\b"
                       r"|\bwhich (?:contains|sets out|includes|describes) the (?:[\w,]+ ){0,4}service levels\b"
                       r"|\((?:[\w ]+ )?(?:Service Levels?|Availability|Uptime)(?: [A-Z]\w+)?\)")),
    # also Korean drafting's "Personal Information Processing Entrustment Agreement"
    ("dpa", re.compile(r"\b(?:Personal (?:Information|Data) |Data )(?:Processing|Protection)(?: Entrustment)?"
                       r" (?:Addendum|Agreement|Terms)\b|\bDPA\b")),
)  # fmt: skip


def extract_exit(sentence: Sentence, emit: Emit) -> None:
    lower = sentence.lower
    if sentence.is_row or re.search(r"[\"”]\s*means\b", lower):
        return
    if _POINTER.search(lower) and not _GRANT.search(lower):
        return  # "the data export and exit terms are as set out in the MSA": a pointer, not a right
    transition = sentence.in_clause(_TRANSITION)
    if (
        transition is None
        and re.match(r"\W*(?:the|this|that|such) (?:assistance|support)\b", lower)
        and _TRANSITION.search(sentence.previous)
        and (basis := _paid_or_free(lower)) is not None
    ):
        # "The assistance is invoiced at Skagerrak's hourly rates.": the price of the help the sentence before
        # offers (joined with it when the terms are finished).
        emit(sentence, TermKind.transition_assistance, None, None, "transition assistance", basis)
        return
    if _DATA.search(lower) and (_EXPORT.search(lower) or _DELETE.search(lower)):
        export = _EXPORT.search(lower)
        delete_first = _DELETE.search(lower)
        if export and delete_first and re.match(r"\w*\s+(?:period|window)\b", lower[export.end() :]):
            # "will delete Customer Data ... after the end of the export period", "Within thirty (30) days after
            # the retrieval period ends, ... shall delete": the period names a time, it grants no export right
            export = next((m for m in _EXPORT.finditer(lower, export.end())
                           if not re.match(r"\w*\s+(?:period|window)\b", lower[m.end() :])), None)  # fmt: skip
        if export:
            scope_end = transition.start() if transition and transition.start() > export.start() else len(lower)
            window = _export_window(sentence, scope_end, emit.windows)
            value, unit = window if window else (None, None)
            refused = (_NONE.search(lower) and negated(lower, export.start())) or _BUYER_MAY_NOT_EXPORT.search(lower)
            scope = lower[: transition.start()] if transition and transition.start() > export.start() else lower
            basis = "none" if refused else _paid_or_free(scope[export.start() :] if transition else scope)
            emit(sentence, TermKind.data_export, value, unit, "data export", basis)
        delete = _DELETE.search(lower)
        if delete and ("terminat" in lower or "expir" in lower or "end of" in lower or "after that" in lower
                       or re.search(r"\bafter the (?:\w+ )?(?:export|exit|retrieval) period\b", lower)
                       or "following" in lower or re.search(r"\bend(?:s|ed)\b", lower)
                       or "after which" in lower
                       or (re.search(r"\bthen\b", lower)
                           and _ENDED.search(sentence.previous))):  # fmt: skip
            after = [
                d
                for d in find_durations(sentence.text)
                if d.start > delete.start() and d.unit in ("day", "business_day", "month")
            ]
            stated = [d for d in find_durations(sentence.text)
                      if d.start < delete.start() and d.unit in ("day", "month")
                      and re.search(r"\bafter\b", sentence.text[d.end : d.end + 10]) and not export]  # fmt: skip
            chosen = after[0] if after else (stated[0] if stated else None)
            value, unit = as_stated(chosen) if chosen else (None, None)
            if chosen is not None or not _SET_OUT_ELSEWHERE.search(lower[delete.start() :]):
                # "shall be deleted as set out in Annex 2": the annex states the deletion, this only points to it
                emit(sentence, TermKind.data_deletion, value, unit, "data deletion after termination")
    elif (
        _EXPORTS.search(lower)
        or (_HANDS_OVER.search(lower) and emit.terms and emit.terms[-1].kind is TermKind.data_export)
    ) and not transition:
        # "There is no charge for exports made during this period.", "Galloway will provide it ... at no charge.":
        # the price of the export right the sentence before grants (joined with it when the terms are finished);
        # an amendment's "the export period is forty-five (45) days" states the window itself.
        basis = _paid_or_free(lower)
        asked = re.match(r"\W*the request\b", lower)
        window = _export_window(sentence, len(lower), emit.windows) if _EXPORT_PERIOD.search(lower) or asked else None
        if basis is not None or window is not None:
            emit(sentence, TermKind.data_export, window[0] if window else None, window[1] if window else None,
                 "data export", basis)  # fmt: skip
    if transition:
        if _NONE.search(lower) or negated(lower, transition.start()):
            emit(sentence, TermKind.transition_assistance, None, None, "transition assistance", "none")
            return
        durations = [d for d in find_durations(sentence.text) if d.unit in ("day", "month", "year", "week")]
        # The period of the assistance follows its mention in the same clause ("support the move ... for up to six
        # (6) months"); one before it belongs to that clause only if nothing else separates them.
        own_end = clause_end(lower, transition.end())
        if not lower[transition.end() : own_end].strip(" .:-–"):
            own_end = clause_end(lower, own_end + 1)  # "6.4 Transition Services. ... for up to three months"
        after = [d for d in durations if transition.start() <= d.start <= own_end]
        before = [d for d in durations if d.end <= transition.start() and clause_start(lower, transition.start())
                  <= d.start]  # fmt: skip
        near = after or before[-1:] or [d for d in durations if abs(d.start - transition.start()) < 80]
        value, unit = as_stated(near[0]) if near else (None, None)
        emit(sentence, TermKind.transition_assistance, value, unit, "transition assistance",
             _paid_or_free(lower[transition.start() - 60 if transition.start() > 60 else 0 :]))  # fmt: skip


def _paid_or_free(lower: str) -> str | None:
    if _FREE.search(lower):
        return "free"
    if _PAID.search(lower):
        return "paid"
    return None


def _export_window(
    sentence: Sentence, scope_end: int, windows: dict[str, tuple[Decimal, str]]
) -> tuple[Decimal, str] | None:
    """The period in which the buyer can get its data out; a vendor's delivery time ("will return it within 30
    days", "will provide a copy within twenty (20) days") is not such a period, nor is a period stated after
    `scope_end` (the transition assistance that the same sentence goes on to describe). A period the document
    defines ("During the Exit Period, ...") gives its defined length."""
    text = sentence.text
    for d in find_durations(text):
        if d.unit not in ("day", "business_day", "week", "month") or d.start >= scope_end:
            continue
        before = text[max(0, d.start - 50) : d.start]
        after = text[d.end : d.end + 40].lower()
        window_words = _WINDOW_BEFORE.search(before)
        if not window_words:
            continue
        word = window_words.group(0).strip().lower()
        if word == "within" and not _AFTER_THE_END.match(after):
            continue
        asks = re.search(
            r"\b(?:asks?|requests?|applies|elects|received|made)\b(?:\s+(?:so|in\s+writing|for\s+it|it|them|this|that)){0,2}"
            r"\s+within\s*$",
            before,
            re.I,
        )
        if word == "within" and not asks and _DELIVERS.search(text[clause_start(text, d.start) : d.start]):
            continue  # the vendor's time to hand the data over, not the buyer's window to take it
        if re.match(r"^\W*(?:of|after) (?:your|the \w+'s|the client's) request", after):
            continue
        return as_stated(d)
    lower = sentence.lower[:scope_end]
    for name, (value, unit) in windows.items():
        if re.search(rf"\b(?:during|within|in|throughout|for)\s+(?:the|that|this|such)\s+{re.escape(name)}\b", lower):
            return value, unit
    return None


def extract_liability(sentence: Sentence, emit: Emit) -> None:
    lower = sentence.lower
    # "The aggregate amount of damages payable by the Company ... shall be limited to" under "Limitation of
    # Liability": liability by another name.
    damages = "liabilit" in sentence.headings and _DAMAGES_PAYABLE.search(lower)
    if ("liab" not in lower and not damages) or "credit" in lower or _INSURANCE.search(lower):
        return  # an insurance cover's limits ("liability insurance of not less than $1,000,000") cap nothing
    if not ((_LIABILITY.search(lower) or _LIABLE_BEYOND.search(lower) or damages) and _LIMIT.search(lower)):
        return
    months = [d for d in find_durations(sentence.text) if d.unit in ("month", "year")]
    fees = _FEES.search(lower)
    if months and fees:
        # "in any twelve-month period is limited to the fees paid in the nine (9) months before": the fees' months
        later = [d for d in months if d.start > fees.start()]
        value, _unit = as_stated(later[0] if later else months[0])
        emit(sentence, TermKind.liability_cap, value, "month", "liability cap", "fees")
        return
    multiple = _ANNUAL_MULTIPLE.search(lower)
    if multiple:
        # "two times the annual fees": so many years of fees
        years = _TIMES[multiple.group(1) or multiple.group(2)]
        emit(sentence, TermKind.liability_cap, Decimal(12 * years), "month", "liability cap", "fees")
        return
    if _FEES.search(lower) and _A_YEAR.search(lower):
        # "total liability in each Contract Year is limited to the Charges paid or payable in that Contract Year"
        emit(sentence, TermKind.liability_cap, Decimal(12), "month", "liability cap", "fees")
        return
    money = find_money(sentence.text)
    if money:
        emit(sentence, TermKind.liability_cap, money[0].value, money[0].unit, "liability cap")


def extract_delivery(sentence: Sentence, emit: Emit) -> None:
    """Implementation fees and when they fall due, payment terms, key personnel."""
    lower = sentence.lower
    if sentence.is_row:
        return
    implementation = implementation_named(lower)
    # "The onboarding charge is JPY 2,400,000. Kumotsu invoices half of it on countersignature and the other half on
    # the Go-Live Date.": the second sentence says when the fee of the first falls due.
    follows = not implementation and _OF_IT.search(lower) and _IMPLEMENTATION.search(sentence.previous)
    if follows or (not implementation and _names_implementation_row(lower, emit)):
        _implementation_fee(sentence, emit, continued=True)
    # "Implementation: SEK 240,000: 40% on signature ...": a term table's label names the fee.
    labelled = bool(
        re.match(
            r"[^:.]{0,40}?\b(?:implementation|onboarding|set[- ]?up)\b[^:(]{0,30}(?:\([^)]{0,200}\)\s*)?:",
            sentence.body.lower(),
        )
        and find_money(sentence.text)
    )
    if implementation and (_FEE.search(lower) or labelled) and "per hour" not in lower and "credit" not in lower:
        _implementation_fee(sentence, emit)
    elif implementation and re.search(
        r"\bno (?:charge|fee)\b|\bno set[- ]?up fee\b|\bno (?:set[- ]?up|onboarding|"
        r"implementation) or \w+ fee\b",
        lower,
    ):
        _implementation_fee(sentence, emit)
    # "Late payments bear interest from 30 days after the invoice date": about arrears, no payment term before it.
    late = _OVERDUE.search(lower)
    late_only = late is not None and not re.search(
        r"\b(?:payable|due|paid)\b(?:\s+by\s+[\w ]{1,30}?)?\s+(?:within|in)\b", lower[: late.start()]
    )  # "shall be paid by bank transfer within sixty (60) calendar days ... Law 3/2004 ... to combat late payment"
    if _PAYMENT.search(lower) and not implementation and not late_only and "notice" not in lower:
        net = _NET.search(lower)
        days = [d for d in find_durations(sentence.text) if d.unit in ("day", "business_day")]
        if net:
            emit(sentence, TermKind.payment_terms, Decimal(net.group(1)), "day", "payment terms")
        elif (
            days
            and re.search(r"\binvoice|\bpay\b|\bpayment\b|\bpayable\b", lower)
            and not re.search(
                r"\bsignature|\bexecution|\bgo-live|\bbreach|\bterminat|\bexport|(?<!direct )\bcredit|\bdisput", lower
            )
            # "may suspend the Services if an invoice is more than 15 days overdue": a remedy, not the payment term
            # (near the days: "... from the invoice date, in accordance with the law to combat late payment" is one)
            and not _OVERDUE.search(
                lower[clause_start(lower, days[0].start) : min(clause_end(lower, days[0].end), days[0].end + 30)]
            )
        ):
            emit(sentence, TermKind.payment_terms, days[0].value, days[0].unit, "payment terms")
    if (_PERSONNEL.search(lower) or _PERSONNEL.search(sentence.headings)) and _REPLACE.search(lower):
        basis = _substitution(lower)
        if basis is not None:
            emit(sentence, TermKind.key_personnel, None, None, "key personnel substitution", basis)


def _substitution(lower: str) -> str | None:
    """Who decides a change of key people: the buyer ("shall not replace the Project Lead without the Customer's
    prior written consent", "only with its approval", "replacement requires the Customer's approval") or the
    vendor ("may replace any of them without the Customer's consent", "may reassign staff at its discretion"). A
    sentence about a replacement with no say in it ("any replacement must have comparable experience") is
    neither."""
    verb = _REPLACE_VERB.search(lower)
    approval = _APPROVAL.search(lower)
    if approval is not None:
        # "the replacement does not require the Customer's consent" waives it
        asked = _NEEDS_APPROVAL.search(lower)
        needed = (asked and not negated(lower, asked.start())) or (verb is not None and negated(lower, verb.start()))
        waived = re.search(r"\bwithout\b[^.;]{0,40}$", lower[: approval.start()])
        if needed or (not waived and re.search(r"\bprior\b", lower)):
            return "approval"
        if waived and verb is not None:
            return "vendor_discretion"
    return "vendor_discretion" if verb is not None else None


def fee_due(lower: str) -> str | None:
    """When a one-time fee falls due, from the words saying so: `milestones`, `signature`, `go_live` or None."""
    milestones = _MILESTONES.search(lower)
    if milestones and not re.search(r"\b(?:go[- ]live|acceptance|cutover)\s+milestone$", lower[: milestones.end()]):
        return "milestones"  # "the Go-Live Milestone" alone is one payment, due on go-live
    signature = _AT_SIGNATURE.search(lower)
    go_live = AT_GO_LIVE.search(lower)
    if go_live and re.search(r"\b(?:if|even if|whether or not|regardless of whether|in case)\s+(?:the\s+)?$",
                             lower[max(0, go_live.start() - 30) : go_live.start()]):  # fmt: skip
        go_live = None  # "non-refundable, including if go-live is delayed": a condition, not when it is due
    if signature and not negated(lower, signature.start()):
        return "signature"
    return "go_live" if go_live else None


def _implementation_fee(sentence: Sentence, emit: Emit, continued: bool = False) -> None:
    lower = sentence.lower
    money = [m for m in find_money(sentence.text) if "per" not in sentence.text[m.end : m.end + 6]]
    zero = re.search(r"\bno (?:charge|fee) for (?:set[- ]?up|implementation|onboarding)|\bno set[- ]?up fee\b"
                     r"|\bno implementation fee\b|\bno (?:set[- ]?up|onboarding|implementation) or [\w-]+ fee\b",
                     lower)  # fmt: skip
    percents = find_percents(sentence.text)
    when: str | None = None
    parts = money[1:] if len(money) >= 3 else []  # "CAD 12,000, of which CAD 6,000 at kick-off and CAD 6,000 ..."
    in_parts = bool(parts) and sum(m.value for m in parts) == money[0].value
    split = len([p for p in percents if p.value < 100]) >= 2 or in_parts
    when = "milestones" if split else fee_due(lower)
    if zero:
        emit(sentence, TermKind.implementation_fee, Decimal(0), emit.currency, "implementation fee", when)
    elif money:
        emit(sentence, TermKind.implementation_fee, money[0].value, money[0].unit, "implementation fee", when)
    elif when is not None and (continued or re.search(r"\bfees?\b|\bcharges?\b|\bprice\b", lower)):
        emit(sentence, TermKind.implementation_fee, None, None, "implementation fee", when)


_ITEM_REFERENCE = re.compile(r"^\W*(?:\d+(?:\.\d+)*\.?\s+)?(?:item|line|position|row)\s+(\d{1,3})\s+"
                             r"(?:is|shall be|will be)\s+(?:payable|invoiced|billed|due)\b")  # fmt: skip


def _names_implementation_row(lower: str, emit: Emit) -> bool:
    """ "Item 9 is payable in two instalments: ..." after a table whose row 9 is the implementation fee."""
    item = _ITEM_REFERENCE.match(lower)
    return item is not None and any(
        t.kind is TermKind.implementation_fee and re.match(rf"\W*{item.group(1)}\s*\|", t.quote) for t in emit.terms
    )


_MAX_OWN_PARTS = 50
_WITH_PART = re.compile(
    r"\b(?:including|incl\.?|with)\s+(?P<their>(?:their|its)\s+)?(?:schedule|annex|appendix|exhibit|attachment)\s+"
    r"[A-Z0-9]{1,3}\s*$",
    re.I,
)


def _part_of_master(before: str) -> bool:
    """The schedule named just before belongs to the master terms named ahead of it: "the General Terms ...,
    including their Appendix A", "the Supplier's General Terms ..., version 2028-1, with Appendix A"."""
    part = _WITH_PART.search(before[-200:])
    if part is None:
        return False
    if part.group("their"):
        return True
    ahead = before[-200:][: part.start()]
    master = None
    for found in _REFERENCES[0][1].finditer(ahead):
        master = found
    return master is not None and len(ahead) - master.end() < 100 and " and " not in ahead[master.end() :]


_PART_BEFORE = re.compile(r"\b(schedule|annex|appendix|exhibit|attachment)\s+([A-Z0-9]{1,3})\s*$", re.I)


def _own_part(before: str, emit: Emit) -> bool:
    """The schedule named just before is one this document holds: a heading line of its own opens with its
    designation ("SCHEDULE 3 SERVICE LEVELS"), not a sentence ("Exhibit B (Service Levels) applies.")."""
    named = _PART_BEFORE.search(before)
    if named is None:
        return False
    designation = f"{named.group(1).lower()} {named.group(2).lower()}"
    if designation not in emit.own_parts and len(emit.own_parts) >= _MAX_OWN_PARTS:
        return False  # a hostile file naming thousands of schedules cannot make each one a scan of the text
    if designation not in emit.own_parts:
        # a heading: the line opens with the designation and states nothing ("SCHEDULE 3 SERVICE LEVELS")
        pattern = rf"(?im)^[ \t#]*{re.escape(named.group(1))}\s+{re.escape(named.group(2))}\b[^\n.]{{0,70}}$"
        emit.own_parts[designation] = re.search(pattern, emit.document.text) is not None
    return emit.own_parts[designation]


def extract_references(sentence: Sentence, emit: Emit) -> None:
    """Other documents this one relies on: the MSA or terms it is made under, an SLA or DPA it attaches, also by
    the designation another document of its package has ("Annex SL" where "Annex SL: Service Levels" is given)."""
    text = sentence.text
    found: set[str] = set()
    for topic, pattern in (*_REFERENCES, *emit.designations):
        for match in pattern.finditer(text):
            if topic in found or negated(text.lower(), match.start()):
                continue
            start = clause_start(text, match.start())
            if re.search(r"\b(?:this|these)\s+$", text[max(start, match.start() - 8) : match.start()], re.I):
                continue
            if topic == "sla" and match.group(0).startswith("(") and _OF_THE_MASTER.match(text, match.end()):
                continue  # "Schedule 1 (Service Levels) of the MSA": a part of the master agreement
            if topic == "sla" and match.group(0).startswith("(") and _part_of_master(text[: match.start()]):
                continue  # "the General Terms ..., including their Appendix A (Service Levels)": inside them
            if topic == "sla" and match.group(0).startswith("(") and _own_part(text[: match.start()], emit):
                continue  # '"Service Levels" means those in Schedule 3 (Service Levels)' where Schedule 3 follows
            emit(sentence, TermKind.reference, None, None, match.group(0), topic)
            found.add(topic)
            break
