"""Hand-written patterns: the wording lawyers use for each clause category.

Each pattern is a case-insensitive regular expression over one unit of text, guarded by trigger words: the
expression only runs when one of its lower-case trigger words occurs in the unit, which keeps detection fast.
A pattern may also carry an exclusion (`unless`: the pattern does not fire when it matches too, e.g. a right of
first refusal "on terms no less favorable" is not most-favoured pricing) and a second condition (`also`: both must
match, e.g. a volume restriction needs a usage threshold *and* a consequence for passing it).

Patterns come in two kinds. *Clause* patterns say a unit reads as the category; *look-alike* patterns name wording
that resembles the category but is something else (termination by mutual agreement or for breach, rights of first
refusal, "a minimum of three years" of record keeping). The model gets, per category, one column that is 1 when any
clause pattern matches and one that is 1 when any look-alike matches, and learns how much each counts. The
patterns were written from the CUAD category descriptions (CUAD_v1_README.txt) and general drafting practice, by
meaning, not from individual contracts.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from principal.review.clauses.categories import CATEGORIES

_PERIOD = r"\(?\d+\)?\s*(?:calendar\s+|business\s+)?(?:days?|months?|years?|weeks?)\b"
_PRICE = r"(?:price|prices|pricing|fees?|rates?|charges?|royalt(?:y|ies))"
_OTHERS = r"(?:other|third[- ]part\w*|similarly situated|comparable)"
# Someone the buyer is compared with in a most-favoured clause.
_COMPARATOR = (
    r"(?:any|all|other|third[- ]part\w*|similarly situated|equivalently situated|comparabl[ey]|its (?:other )?(?:custo"
    r"mers|clients|licensees|distributors|resellers|purchasers))"
)
# Offers matched under a right of first refusal or negotiation: "on the same terms", but not most-favoured pricing.
_FIRST_REFUSAL = (
    r"right of first (?:refusal|offer|negotiation)|\brof[rno]\b|first refusal|first negotiation|option to (?:purchase|"
    r"acquire)|(?:match|meet)(?:es|ing)? (?:the|such|any|that) (?:offer|proposal|bid)|arm'?s[- ]length|unaffiliated"
)
_MUTUAL = r"\b(?:mutual(?:ly)?|by (?:mutual |written )?agreement|written agreement of|upon agreement|jointly)\b"
_FOR_BREACH = (
    r"\b(?:if|in the event|upon|where|should)\b[^.;]{0,80}\b(?:breach|default|insolven|bankrupt|fails? to|failure to|"
    r"ceases? to|change of control)"
)


@dataclass(frozen=True)
class Pattern:
    """One named expression for one category, run only when a trigger word occurs in the unit."""

    name: str
    category: str
    triggers: tuple[str, ...]
    regex: re.Pattern[str]
    unless: re.Pattern[str] | None = None
    also: re.Pattern[str] | None = None
    look_alike: bool = False

    def matches(self, text: str, present: frozenset[str]) -> bool:
        """Whether the expression matches `text`, given the trigger words `present` in it (see `triggers_in`)."""
        if present.isdisjoint(self.triggers) or self.regex.search(text) is None:
            return False
        if self.also is not None and self.also.search(text) is None:
            return False
        return self.unless is None or self.unless.search(text) is None


Source = tuple[str, tuple[str, ...], str] | tuple[str, tuple[str, ...], str, dict[str, str]]

_SOURCES: dict[str, tuple[Source, ...]] = {
    "Cap On Liability": (
        (
            "exceed",
            ("liabilit",),
            r"liabilit(?:y|ies)\b[^.;]{0,160}\b(?:shall not|will not|may not|not to|in no event)\s+(?:\w+\s+){0,3}"
            r"exceed",
        ),
        ("aggregate", ("liability",), r"\b(?:aggregate|total|maximum|cumulative|entire)\s+liability\b"),
        (
            "consequential",
            ("in no event",),
            r"\bin no event shall\b[^.;]{0,120}\bbe liable\b[^.;]{0,120}\b(?:consequential|indirect|incidental|"
            r"special|punitive|lost profits?)",
        ),
        ("heading", ("limitation",), r"\b(?:limitation|limitations) (?:of|on) (?:liability|damages)\b"),
        ("limited-to", ("liability",), r"\bliability\b[^.;]{0,80}\b(?:limited to|capped at|cap)\b"),
        (
            "claim-period",
            ("no action", "no claim"),
            r"\bno (?:action|claim)\b[^.;]{0,120}\bmay be brought\b[^.;]{0,80}\bmore than\b",
        ),
    ),
    "Uncapped Liability": (
        ("not-apply", ("shall not apply",), r"\b(?:limitations?|exclusions?|cap)\b[^.;]{0,100}\bshall not apply\b"),
        (
            "carve-out",
            ("shall not apply", "shall not limit"),
            r"\bshall not (?:apply to|limit)\b[^.;]{0,160}\b(?:indemnif|confidential|gross negligence|"
            r"wil+ful misconduct|infringement|fraud)",
        ),
        (
            "except",
            ("except", "excluding", "other than"),
            r"\b(?:except|excluding|other than)\b[^.;]{0,40}\b(?:for\s+)?(?:breach(?:es)? of (?:section|article|its|"
            r"the) [^.;]{0,40}confidential|indemnification obligations|gross negligence|wil+ful misconduct)",
        ),
        ("unlimited", ("unlimited liab",), r"\bunlimited liability\b"),
        (
            "death-fraud",
            ("limit", "exclud"),
            r"\b(?:limit|exclude|restrict)\w*\b[^.;]{0,80}\bliability\b[^.;]{0,80}\b(?:death|personal injury|fraud)",
        ),
    ),
    "Termination For Convenience": (
        (
            "without-cause",
            ("terminat",),
            r"\bterminat\w*\b[^.;]{0,120}\b(?:for (?:any|no) reason|without cause|for convenience|at (?:any time|its "
            r"(?:sole )?(?:discretion|option|convenience))|with or without cause)",
            {"unless": _MUTUAL + r"|(?-i:\A[a-z])|following grounds|as follows|:\s*\Z"},
        ),
        (
            "cause-first",
            ("terminat",),
            r"\b(?:for (?:any|no) reason|without cause|for convenience|with or without cause)\b[^.;]{0,120}\bterminat",
            {"unless": _MUTUAL},
        ),
        (
            "on-notice",
            ("may terminate",),
            r"\bmay terminate\b[^.;]{0,80}\b(?:upon|on|by giving|with|after)\s+(?:at least\s+)?" + _PERIOD,
            {"unless": _MUTUAL + "|" + _FOR_BREACH + r"|(?-i:\A[a-z])"},
        ),
    ),
    "Renewal Term": (
        ("automatic", ("renew", "extend"), r"\b(?:automatically|auto-?)\s*(?:be\s+)?(?:renew|extend)"),
        (
            "successive",
            ("renew",),
            r"\brenew(?:ed|s|al)?\b[^.;]{0,60}\b(?:successive|additional|further|consecutive)\b[^.;]{0,40}\b(?:period"
            r"s?|terms?|years?)",
        ),
        (
            "additional-term",
            ("renewal", "extension"),
            r"\b(?:successive|additional|consecutive)\b[^.;]{0,30}\b(?:renewal|extension) (?:periods?|terms?)",
        ),
        ("term-word", ("renewal", "extension"), r"\b(?:renewal|extension) (?:term|period)s?\b"),
        ("evergreen", ("evergreen",), r"\bevergreen\b"),
        (
            "option-to-extend",
            ("option", "right"),
            r"\b(?:option|right) to (?:renew|extend)\b[^.;]{0,120}\b(?:for|by)\b[^.;]{0,40}" + _PERIOD,
        ),
    ),
    "Notice Period To Terminate Renewal": (
        (
            "unless-notice",
            ("unless",),
            r"\bunless\b[^.;]{0,140}\b(?:notice|notif\w*)\b[^.;]{0,140}\b(?:not to renew|non-?renewal|to terminate|of"
            r" (?:its|their) (?:intention|intent|election|decision))",
        ),
        (
            "before-expiry",
            ("prior to", "before"),
            _PERIOD + r"[^.;]{0,60}\b(?:prior to|before)\b[^.;]{0,60}\b(?:expiration|end|expiry|renewal)",
        ),
        (
            "non-renewal",
            ("renew",),
            r"\b(?:notice of non-?renewal|elect(?:s)? not to renew|intention not to renew|decides? not to renew)",
        ),
    ),
    "Minimum Commitment": (
        (
            "minimum",
            ("minimum",),
            r"\bminimum\s+(?:\w+\s+){0,2}(?:purchase|order|quantit|volume|commitment|annual|monthly|quarterly|require"
            r"ment|royalt|fee|payment|sales|units|amount|guarantee|spend|revenue)",
            {
                "unless": r"\b(?:does not include|no|without(?: any)?|not subject to(?: any)?) (?:a )?minimum\b|"
                r"\bminimum "
                r"(?:\w+ )?requirements? (?:to be|for|of (?:the|this) (?:law|insurance))|\bminimum (?:insurance|"
                r"coverage|"
                r"standards?|qualifications?|wage|age)\b"
            },
        ),
        (
            "buy-at-least",
            ("at least",),
            r"\b(?:shall|will|agrees? to|must|commits? to) (?:\w+ ){0,2}(?:purchase|order|buy|pay|procure|spend)"
            r"\b[^.;]{0,80}"
            r"\bat least\b",
        ),
        ("commitment", ("commitment",), r"\b(?:purchase|volume|spend(?:ing)?|minimum|revenue) commitment\b"),
        ("take-or-pay", ("take",), r"\btake[- ]or[- ]pay\b"),
        ("guarantee", ("guarantee",), r"\bannual guarantee\b|\bguaranteed minimum\b"),
        (
            "not-less-than",
            ("not less than", "no less than", "minimum of"),
            r"\b(?:purchase|order|buy|acquire|procure|pay)\w*\b[^.;]{0,80}\b(?:not less than|no less than|a mini"
            r"mum of)\b",
            {
                "unless": r"\b(?:not less than|no less than|a minimum of)\s+(?:\w+\s+){0,2}\(?\d*\)?\s*(?:days?|"
                r"months?|years?)"
                r"\s+(?:prior|before|after|notice|in advance)"
            },
        ),
        ("shortfall", ("shortfall",), r"\bshortfall\b"),
        (
            "pay-difference",
            ("difference",),
            r"\b(?:pay|invoice|owe)\w*\b[^.;]{0,80}\bdifference between\b[^.;]{0,120}\b(?:minimum|actual|purchas"
            r"ed|ordered)",
        ),
    ),
    "Post-Termination Services": (
        (
            "upon-termination",
            ("terminat", "expir"),
            r"\b(?:upon|after|following|on)\s+(?:the\s+)?(?:any\s+)?(?:termination|expiration|expiry)\b[^.;]{0,160}\b"
            r"(?:shall|will|must)\s+(?:continue|return|destroy|deliver|provide|pay|sell|purchase|assist|transfer|coop"
            r"erate|cease)",
        ),
        (
            "transition",
            ("transition", "wind", "sell", "last", "phase"),
            r"\b(?:transition|wind[- ]down|sell[- ]off|last[- ]time buy|phase[- ]out)\b",
        ),
        ("survive", ("surviv",), r"\bsurviv\w*\b[^.;]{0,80}\b(?:termination|expiration)"),
        ("survive-after", ("surviv",), r"\b(?:termination|expiration)\b[^.;]{0,60}\bsurviv"),
        (
            "period-after",
            ("after", "following"),
            r"\b(?:period|months?|years?|days?)\b[^.;]{0,30}\b(?:after|following)\s+(?:the\s+)?(?:date of\s+)?(?:any\s"
            r"+)?(?:termination|expiration|expiry)\b",
        ),
        (
            "inventory",
            ("inventory", "stock"),
            r"\b(?:remaining|existing|on[- ]hand)\s+(?:\w+\s+){0,2}(?:inventory|stock)\b",
        ),
    ),
    "Price Restrictions": (
        (
            "not-increase",
            ("shall not", "will not", "may not"),
            r"\b" + _PRICE + r"\b[^.;]{0,100}\b(?:shall not|will not|may not)\s+(?:be\s+)?(?:increase|raise|change|"
            r"adjust|exceed)",
        ),
        (
            "increase-cap",
            ("exceed",),
            r"\b(?:increase|adjust\w*|change)\b[^.;]{0,80}\b(?:shall not|will not|may not|not to) exceed\b",
        ),
        (
            "fixed",
            ("fixed", "firm"),
            r"\b(?:price|prices|fees?|rates?)\b[^.;]{0,60}\b(?:fixed|firm)\b[^.;]{0,40}\b(?:for|during|until)\b",
        ),
        (
            "frequency",
            ("often", "frequently", "once"),
            r"\bno more (?:often|frequently) than\b|\bnot more (?:often|frequently|than once)\b",
        ),
        ("cpi", ("cpi", "consumer price"), r"\b(?:cpi|consumer price index)\b"),
        (
            "increase-limited",
            ("exceed", "more than"),
            r"\b(?:increase|increases|adjustment|adjustments|escalation)\b[^.;]{0,100}\b(?:does not|do not|to no"
            r"t|cannot|can"
            r"not|will not|shall not|may not|not to|never|no) (?:exceed|be more than|be greater than|more than)\b",
        ),
        (
            "increase-by-at-most",
            ("increase", "raise"),
            r"\b(?:increase|raise)\w*\b[^.;]{0,60}\bby (?:no|not) more than\b|\b(?:increase|raise)\w*\b[^.;]{0,4"
            r"0}\bby (?:a "
            r"maximum of|at most|up to)\s+\(?\d",
        ),
        ("at-cost", ("at cost",), r"\bat cost\b[^.;]{0,40}\bwithout (?:mark-?up|profit)"),
        (
            "only-adjusted",
            ("only", "not be"),
            r"\b" + _PRICE + r"\b[^.;]{0,80}\bmay (?:only|not) be (?:adjusted|increased|changed|modified|raised)\b"
            r"|\bmay be (?:adjusted|increased|changed|modified|raised) only\b",
        ),
        (
            "may-not-change",
            ("shall not", "will not", "may not"),
            r"\b(?:shall|will|may) not (?:increase|raise|decrease|reduce|lower|change|modify)\b[^.;]{0,40}\b" + _PRICE,
        ),
    ),
    "Volume Restriction": (
        (
            "quantity-cap",
            ("up to", "exceed", "in excess", "no more than", "not more than", "maximum of"),
            r"\b(?:up to|not to exceed|no more than|not more than|in excess of|maximum of|exceed(?:s|ing)?)\s+(?:\w+"
            r"\s+){0,2}\(?\d[\d,.]*+\)?+\s*+(?!\(?(?:calendar |business )?(?:days?|weeks?|months?|years?)\b)",
            {
                "unless": r"\bliabilit|\b(?:increase|adjust)\w*\b[^.;]{0,40}\b"
                + _PRICE
                + r"\b|\b"
                + _PRICE
                + r"\b[^.;]{0,40}\b(?:increase|adjust)"
            },
        ),
        (
            "threshold-and-consequence",
            ("up to", "exceed", "in excess", "no more than", "not more than", "maximum of", "beyond", "greater than"),
            r"\b(?:up to|not to exceed|no more than|not more than|in excess of|maximum of|exceed(?:s|ed|ing)?|be"
            r"yond|grea"
            r"ter than)\s+(?:\w+\s+){0,3}\(?(?:\d|one|two|three|four|five|ten|the (?:forecast|maximum|quantit|vo"
            r"lume|numb"
            r"er|capacity|usage|limit))",
            {
                "also": r"\b(?:charg|bill|invoic|fees?\b|rates?\b|overage|surcharge|not be (?:obligated|required"
                r")|no oblig"
                r"ation|consent|approv|prohibit|refuse|reject|decline|allocat|reduc|additional (?:fees?|charges?"
                r"|payment))",
                "unless": r"\bliabilit|\b(?:increase|adjust)\w*\b[^.;]{0,40}\b"
                + _PRICE
                + r"\b|\b"
                + _PRICE
                + r"\b[^.;]{0,40}\b(?:increase|adjust)",
            },
        ),
        ("maximum", ("maximum",), r"\bmaximum (?:daily |monthly |annual )?(?:quantity|number|volume|amount|cap)\b"),
        (
            "overage",
            ("overage", "excess usage", "additional fee", "additional charge"),
            r"\b(?:overage|excess usage|additional (?:fees?|charges?))\b",
        ),
        (
            "excess-charged",
            ("excess", "exceed", "beyond", "above", "more than"),
            r"\b(?:in excess of|exceed(?:s|ing)?|beyond|above|more than)\b[^.;]{0,100}\b(?:shall|will|may) (?:be )?"
            r"(?:charged|billed|invoiced|payable|subject to)\b",
        ),
        (
            "charged-for-excess",
            ("excess", "exceed", "beyond"),
            r"\b(?:charge|charged|bill|billed|invoice|pay|fee|rate)\b[^.;]{0,80}\b(?:for (?:each|all|any)|per)\b[^.;]"
            r"{0,60}\b(?:in excess of|exceeding|beyond)\b",
        ),
        (
            "not-obliged-beyond",
            ("obligat", "required"),
            r"\b(?:not be (?:obligated|required)|no obligation|under no obligation) to (?:supply|deliver|accept|"
            r"manufacture|fill|purchase|provide)\b[^.;]{0,120}\b(?:in excess of|exceed\w*|more than|greater than)",
        ),
        (
            "forecast-excess",
            ("forecast",),
            r"\bforecast\w*\b[^.;]{0,100}\b(?:in excess of|exceed\w*|more than|greater than|deviat\w*)\b",
        ),
        (
            "consent-to-exceed",
            ("consent", "approv"),
            r"\b(?:consent|approval)\b[^.;]{0,80}\b(?:in excess of|exceed\w*|more than|additional (?:units|users|"
            r"seats|copies|locations))",
        ),
    ),
    "Liquidated Damages": (
        ("liquidated", ("liquidated",), r"\bliquidated damages?\b"),
        (
            "termination-fee",
            ("fee", "payment", "charge"),
            r"\b(?:termination|cancell?ation|break[- ]?up|exit|buy-?out|early termination) (?:fee|payment|charge)s?\b",
        ),
        ("penalty", ("penalty",), r"\bnot (?:as )?a penalty\b|\bas a penalty\b"),
    ),
    "Audit Rights": (
        ("audit", ("audit",), r"\baudit\w*\b"),
        (
            "inspect",
            ("inspect", "examin"),
            r"\b(?:inspect|examine|examination|inspection)\b[^.;]{0,120}\b(?:books|records|accounts|facilit|premises|"
            r"plants?)",
        ),
        ("records", ("books", "records"), r"\b(?:books|records)\b[^.;]{0,120}\b(?:inspect|examin|review|cop(?:y|ies))"),
    ),
    "Most Favored Nation": (
        ("most-favored", ("favored", "favoured"), r"\bmost[- ]favou?red\b"),
        (
            "no-less-favorable",
            ("favorabl", "favourabl"),
            r"\b(?:no|not)(?: be)? less favou?rabl[ey]\b[^.;]{0,160}\b(?:than|as)\b[^.;]{0,100}\b" + _COMPARATOR,
            {"unless": _FIRST_REFUSAL},
        ),
        (
            "as-favorable",
            ("favorabl", "favourabl"),
            r"\b(?:at least )?as favou?rable (?:to \w+ )?as\b[^.;]{0,120}\b" + _COMPARATOR,
            {"unless": _FIRST_REFUSAL + r"|\bindustry\b|\bstandard\b"},
        ),
        (
            "more-favorable-other",
            ("favorabl", "favourabl"),
            r"\bmore favou?rable\b[^.;]{0,160}\b(?:third part|other|any (?:other )?(?:customer|licensee|distributor|r"
            r"eseller|client|party))",
            {"unless": _FIRST_REFUSAL},
        ),
        (
            "other-gets-favorable",
            ("favorabl", "favourabl"),
            r"\b(?:any|other|third[- ]part\w*)\b[^.;]{0,80}\b(?:more|as|equally) favou?rable\b",
            {"unless": _FIRST_REFUSAL},
        ),
        (
            "lowest",
            ("lowest",),
            r"\blowest (?:net )?(?:price|prices|rates?|fees?|royalt\w*)\b[^.;]{0,120}\b(?:any|other|third|charge"
            r"d|offered)",
        ),
        (
            "no-higher",
            ("greater than", "higher than"),
            r"\b(?:price|prices|fees?|rates?)\b[^.;]{0,80}\bno (?:greater|higher) than\b[^.;]{0,80}\b(?:other|any|thi"
            r"rd)",
        ),
        (
            "better-terms",
            ("better", "lower"),
            r"\b(?:better|lower)\b[^.;]{0,40}\b(?:price|prices|terms)\b[^.;]{0,80}\b(?:other|any|third)[^.;]{0,30}(?:"
            r"customer|client|licensee|distributor|part)",
            {"unless": _FIRST_REFUSAL},
        ),
        (
            "higher-than-others",
            ("higher", "greater"),
            r"\b(?:higher|greater)\s+" + _PRICE + r"\b[^.;]{0,80}\bthan\b[^.;]{0,80}\b(?:any|" + _OTHERS + ")",
        ),
        (
            "match-terms",
            ("offer", "extend", "grant", "make available"),
            r"\b(?:offer|extend|grant|make available)\w*\b[^.;]{0,80}\b(?:same|such|equivalent|identical|comparable)"
            r"\s+(?:\w+\s+){0,2}(?:terms|prices|pricing|rates|discounts?|royalt\w*)\b[^.;]{0,80}\b" + _COMPARATOR,
            {"unless": _FIRST_REFUSAL + r"|\bnotice\b"},
        ),
        (
            "similarly-situated",
            ("similarly situated",),
            r"\bsimilarly situated (?:customers?|licensees?|distributors?|resellers?|clients?|purchasers?|buyers?)\b",
        ),
        (
            "extend-benefit",
            ("benefit", "extend", "pass"),
            r"\b(?:extend|pass|offer|make available|give)\w*\b[^.;]{0,40}\b(?:such|the same|those|any such)\b[^."
            r";]{0,40}"
            r"\b(?:lower|better|more favou?rable|reduced)\b",
        ),
    ),
}

_LOOK_ALIKES: dict[str, tuple[Source, ...]] = {
    "Termination For Convenience": (
        ("mutual", ("terminat",), r"\bterminat\w*\b[^.;]{0,80}" + _MUTUAL + "|" + _MUTUAL + r"[^.;]{0,80}\bterminat"),
        ("for-breach", ("terminat",), r"\bterminat\w*\b[^.;]{0,60}" + _FOR_BREACH),
    ),
    "Minimum Commitment": (
        (
            "minimum-period",
            ("minimum", "at least", "not less than"),
            r"\b(?:for|during|keep|retain|maintain)\w*\b[^.;]{0,60}\b(?:a minimum of|at least|not less than)\s+("
            r"?:\w+\s+){0,"
            r"2}\(?\d*\)?\s*(?:years?|months?|days?)\b",
        ),
        (
            "no-minimum",
            ("minimum",),
            r"\b(?:does not include|no|without(?: any)?|not subject to(?: any)?) (?:a )?minimum\b",
        ),
    ),
    "Volume Restriction": (
        (
            "bare-up-to",
            ("up to",),
            r"\bup to\s+(?:\w+\s+){0,2}\(?\d+\)?\s*(?:\w+\s+){0,1}(?:days?|months?|years?|pages?|hours?|percent|"
            r"%|copies)\b",
        ),
    ),
    "Most Favored Nation": (
        ("first-refusal", ("refusal", "first", "rofr", "option", "match", "meet", "arm", "affiliat"), _FIRST_REFUSAL),
    ),
}


def _pattern(category: str, source: Source, *, look_alike: bool) -> Pattern:
    name, triggers, regex = source[0], source[1], source[2]
    options = source[3] if len(source) == 4 else {}
    unless, also = options.get("unless"), options.get("also")
    return Pattern(
        f"{category}: {'not: ' if look_alike else ''}{name}",
        category,
        triggers,
        re.compile(regex, re.IGNORECASE),
        re.compile(unless, re.IGNORECASE) if unless else None,
        re.compile(also, re.IGNORECASE) if also else None,
        look_alike,
    )


PATTERNS: tuple[Pattern, ...] = tuple(
    _pattern(category, source, look_alike=False) for category in CATEGORIES for source in _SOURCES[category]
) + tuple(
    _pattern(category, source, look_alike=True) for category in CATEGORIES for source in _LOOK_ALIKES.get(category, ())
)
PATTERN_NAMES: tuple[str, ...] = tuple(p.name for p in PATTERNS)
_TRIGGERS: tuple[str, ...] = tuple(sorted({word for p in PATTERNS for word in p.triggers}))
_BY_CATEGORY: tuple[tuple[str, tuple[Pattern, ...], tuple[Pattern, ...]], ...] = tuple(
    (
        category,
        tuple(p for p in PATTERNS if p.category == category and not p.look_alike),
        tuple(p for p in PATTERNS if p.category == category and p.look_alike),
    )
    for category in CATEGORIES
)


def triggers_in(text: str) -> frozenset[str]:
    """The trigger words that occur in `text` (lower-cased substring search, done once per unit)."""
    lowered = text.lower()
    return frozenset(word for word in _TRIGGERS if word in lowered)


def matching_patterns(text: str) -> list[int]:
    """Positions in PATTERNS of the patterns that match somewhere in `text` (one unit)."""
    present = triggers_in(text)
    return [i for i, pattern in enumerate(PATTERNS) if pattern.matches(text, present)]


def pattern_hits(text: str) -> tuple[str, ...]:
    """The categories with at least one matching clause pattern in `text`, in CATEGORIES order."""
    return pattern_columns(text)[0]


def pattern_columns(text: str) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """The model's pattern inputs for one unit: categories with a matching clause pattern, and with a look-alike."""
    present = triggers_in(text)
    if not present:
        return (), ()
    clause = tuple(c for c, group, _ in _BY_CATEGORY if any(p.matches(text, present) for p in group))
    alike = tuple(c for c, _, group in _BY_CATEGORY if any(p.matches(text, present) for p in group))
    return clause, alike
