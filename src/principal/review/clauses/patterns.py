"""Hand-written patterns: the wording lawyers use for each clause category.

Each pattern is a case-insensitive regular expression over one unit of text, guarded by trigger words: the
expression only runs when one of its lower-case trigger words occurs in the unit, which keeps detection fast.
A match is a signal for the clause model: each category's match is one extra input column next to the word
terms, and the model learns how much it counts. The patterns were written from the CUAD category descriptions and
general drafting practice, not from individual contracts.
"""

from __future__ import annotations

import re

from principal.review.clauses.categories import CATEGORIES

_PERIOD = r"\(?\d+\)?\s*(?:calendar\s+|business\s+)?(?:days?|months?|years?|weeks?)\b"

_SOURCES: dict[str, tuple[tuple[tuple[str, ...], str], ...]] = {
    "Cap On Liability": (
        (
            ("liabilit",),
            r"liabilit(?:y|ies)\b[^.;]{0,160}\b(?:shall not|will not|may not|not to|in no event)\s+(?:\w+\s+){0,3}exc"
            r"eed",
        ),
        (("liability",), "\\b(?:aggregate|total|maximum|cumulative|entire)\\s+liability\\b"),
        (
            ("in no event",),
            r"\bin no event shall\b[^.;]{0,120}\bbe liable\b[^.;]{0,120}\b(?:consequential|indirect|incidental|specia"
            r"l|punitive|lost profits?)",
        ),
        (("limitation",), "\\b(?:limitation|limitations) (?:of|on) (?:liability|damages)\\b"),
        (("liability",), "\\bliability\\b[^.;]{0,80}\\b(?:limited to|capped at|cap)\\b"),
        (
            ("no action", "no claim"),
            r"\bno (?:action|claim)\b[^.;]{0,120}\bmay be brought\b[^.;]{0,80}\bmore than\b",
        ),
    ),
    "Uncapped Liability": (
        (("shall not apply",), "\\b(?:limitations?|exclusions?|cap)\\b[^.;]{0,100}\\bshall not apply\\b"),
        (
            ("shall not apply", "shall not limit"),
            r"\bshall not (?:apply to|limit)\b[^.;]{0,160}\b(?:indemnif|confidential|gross negligence|wil+ful miscond"
            r"uct|infringement|fraud)",
        ),
        (
            ("except", "excluding", "other than"),
            r"\b(?:except|excluding|other than)\b[^.;]{0,40}\b(?:for\s+)?(?:breach(?:es)? of (?:section|article|its|t"
            r"he) [^.;]{0,40}confidential|indemnification obligations|gross negligence|wil+ful misconduct)",
        ),
        (("unlimited liab",), "\\bunlimited liability\\b"),
    ),
    "Termination For Convenience": (
        (
            ("terminat",),
            r"\bterminat\w*\b[^.;]{0,120}\b(?:for (?:any|no) reason|without cause|for convenience|at (?:any time|its "
            r"(?:sole )?(?:discretion|option|convenience))|with or without cause)",
        ),
        (
            ("terminat",),
            r"\b(?:for (?:any|no) reason|without cause|for convenience|with or without cause)\b[^.;]{0,120}\bterminat",
        ),
        (
            ("may terminate",),
            r"\bmay terminate\b[^.;]{0,80}\b(?:upon|on|by giving|with|after)\s+(?:at least\s+)?\(?\d+\)?\s*(?:calenda"
            r"r\s+|business\s+)?(?:days?|months?|years?|weeks?)\b",
        ),
    ),
    "Renewal Term": (
        (("renew", "extend"), "\\b(?:automatically|auto-?)\\s*(?:be\\s+)?(?:renew|extend)"),
        (
            ("renew",),
            r"\brenew(?:ed|s|al)?\b[^.;]{0,60}\b(?:successive|additional|further|consecutive)\b[^.;]{0,40}\b(?:period"
            r"s?|terms?|years?)",
        ),
        (
            ("renewal", "extension"),
            r"\b(?:successive|additional|consecutive)\b[^.;]{0,30}\b(?:renewal|extension) (?:periods?|terms?)",
        ),
        (("renewal", "extension"), "\\b(?:renewal|extension) (?:term|period)s?\\b"),
        (("evergreen",), "\\bevergreen\\b"),
    ),
    "Notice Period To Terminate Renewal": (
        (
            ("unless",),
            r"\bunless\b[^.;]{0,140}\b(?:notice|notif\w*)\b[^.;]{0,140}\b(?:not to renew|non-?renewal|to terminate|of"
            r" (?:its|their) (?:intention|intent|election|decision))",
        ),
        (
            ("prior to", "before"),
            r"\(?\d+\)?\s*(?:calendar\s+|business\s+)?(?:days?|months?|years?|weeks?)\b[^.;]{0,60}\b(?:prior to|befor"
            r"e)\b[^.;]{0,60}\b(?:expiration|end|expiry|renewal)",
        ),
        (
            ("renew",),
            r"\b(?:notice of non-?renewal|elect(?:s)? not to renew|intention not to renew|decides? not to renew)",
        ),
    ),
    "Minimum Commitment": (
        (
            ("minimum",),
            r"\bminimum\s+(?:\w+\s+){0,2}(?:purchase|order|quantit|volume|commitment|annual|monthly|quarterly|require"
            r"ment|royalt|fee|payment|sales|units|amount|guarantee)",
        ),
        (("at least",), "\\b(?:shall|will|agrees? to) (?:purchase|order|buy)\\b[^.;]{0,80}\\bat least\\b"),
        (("commitment",), "\\b(?:purchase|volume|spend(?:ing)?) commitment\\b"),
        (("take",), "\\btake[- ]or[- ]pay\\b"),
        (("guarantee",), "\\bannual guarantee\\b|\\bguaranteed minimum\\b"),
    ),
    "Post-Termination Services": (
        (
            ("terminat", "expir"),
            r"\b(?:upon|after|following|on)\s+(?:the\s+)?(?:any\s+)?(?:termination|expiration|expiry)\b[^.;]{0,160}\b"
            r"(?:shall|will|must)\s+(?:continue|return|destroy|deliver|provide|pay|sell|purchase|assist|transfer|coop"
            r"erate|cease)",
        ),
        (
            ("transition", "wind", "sell", "last", "phase"),
            r"\b(?:transition|wind[- ]down|sell[- ]off|last[- ]time buy|phase[- ]out)\b",
        ),
        (("surviv",), "\\bsurviv\\w*\\b[^.;]{0,80}\\b(?:termination|expiration)"),
        (("surviv",), "\\b(?:termination|expiration)\\b[^.;]{0,60}\\bsurviv"),
    ),
    "Price Restrictions": (
        (
            ("shall not", "will not", "may not"),
            r"\b(?:price|prices|pricing|fees?|rates?|charges?)\b[^.;]{0,100}\b(?:shall not|will not|may not)\s+(?:be"
            r"\s+)?(?:increase|raise|change|adjust|exceed)",
        ),
        (
            ("exceed",),
            r"\b(?:increase|adjust\w*|change)\b[^.;]{0,80}\b(?:shall not|will not|may not|not to) exceed\b",
        ),
        (
            ("fixed", "firm"),
            r"\b(?:price|prices|fees?|rates?)\b[^.;]{0,60}\b(?:fixed|firm)\b[^.;]{0,40}\b(?:for|during|until)\b",
        ),
        (
            ("often", "frequently", "once"),
            r"\bno more (?:often|frequently) than\b|\bnot more (?:often|frequently|than once)\b",
        ),
        (("cpi", "consumer price"), "\\b(?:cpi|consumer price index)\\b"),
        (("at cost",), "\\bat cost\\b[^.;]{0,40}\\bwithout (?:mark-?up|profit)"),
    ),
    "Volume Restriction": (
        (
            ("up to", "exceed", "in excess", "no more than", "not more than", "maximum of"),
            r"\b(?:up to|not to exceed|no more than|not more than|in excess of|maximum of|exceed(?:s|ing)?)\s+(?:\w+"
            r"\s+){0,2}\(?\d",
        ),
        (("maximum",), "\\bmaximum (?:daily |monthly |annual )?(?:quantity|number|volume|amount|cap)\\b"),
        (
            ("overage", "excess usage", "additional fee", "additional charge"),
            r"\b(?:overage|excess usage|additional (?:fees?|charges?))\b",
        ),
    ),
    "Liquidated Damages": (
        (("liquidated",), "\\bliquidated damages?\\b"),
        (
            ("fee", "payment", "charge"),
            r"\b(?:termination|cancell?ation|break[- ]?up|exit|buy-?out|early termination) (?:fee|payment|charge)s?\b",
        ),
        (("penalty",), "\\bnot (?:as )?a penalty\\b|\\bas a penalty\\b"),
    ),
    "Audit Rights": (
        (("audit",), "\\baudit\\w*\\b"),
        (
            ("inspect", "examin"),
            r"\b(?:inspect|examine|examination|inspection)\b[^.;]{0,120}\b(?:books|records|accounts|facilit|premises|"
            r"plants?)",
        ),
        (("books", "records"), "\\b(?:books|records)\\b[^.;]{0,120}\\b(?:inspect|examin|review|cop(?:y|ies))"),
    ),
    "Most Favored Nation": (
        (("favored", "favoured"), "\\bmost[- ]favou?red\\b"),
        (("favorabl", "favourabl"), "\\b(?:no|not) less favou?rabl[ey]\\b"),
        (("favorabl", "favourabl"), "\\bat least as favou?rable\\b"),
        (
            ("favorabl", "favourabl"),
            r"\bmore favou?rable\b[^.;]{0,160}\b(?:third part|other|any (?:other )?(?:customer|licensee|distributor|r"
            r"eseller|client|party))",
        ),
        (("lowest",), "\\blowest (?:price|prices|rates?|fees?)\\b[^.;]{0,120}\\b(?:any|other|third)"),
        (
            ("greater than", "higher than"),
            r"\b(?:price|prices|fees?|rates?)\b[^.;]{0,80}\bno (?:greater|higher) than\b[^.;]{0,80}\b(?:other|any|thi"
            r"rd)",
        ),
        (
            ("better", "lower"),
            r"\b(?:better|lower)\b[^.;]{0,40}\b(?:price|prices|terms)\b[^.;]{0,80}\b(?:other|any|third)[^.;]{0,30}(?:"
            r"customer|client|licensee|distributor|part)",
        ),
    ),
}

PATTERNS: dict[str, tuple[tuple[tuple[str, ...], re.Pattern[str]], ...]] = {
    category: tuple((triggers, re.compile(source, re.IGNORECASE)) for triggers, source in _SOURCES[category])
    for category in CATEGORIES
}


def pattern_hits(text: str) -> tuple[str, ...]:
    """The categories whose patterns match somewhere in `text` (one unit), in CATEGORIES order."""
    lowered = text.lower()
    return tuple(
        category
        for category in CATEGORIES
        if any(
            any(word in lowered for word in triggers) and pattern.search(text)
            for triggers, pattern in PATTERNS[category]
        )
    )
