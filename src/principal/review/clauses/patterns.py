"""Hand-written patterns: the wording lawyers use for each clause category.

Each pattern is a case-insensitive regular expression over one unit of text, guarded by trigger words: the
expression only runs when one of its lower-case trigger words occurs in the unit, which keeps detection fast.
Every pattern is one input column of the clause model, next to the word terms, and the model learns per category
how much each pattern counts (a renewal pattern may count for "Notice Period To Terminate Renewal" too, and a broad
pattern such as "up to 10" gets a small weight). The patterns were written from the CUAD category descriptions
(CUAD_v1_README.txt) and general drafting practice, not from individual contracts.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from principal.review.clauses.categories import CATEGORIES

_PERIOD = r"\(?\d+\)?\s*(?:calendar\s+|business\s+)?(?:days?|months?|years?|weeks?)\b"
_PRICE = r"(?:price|prices|pricing|fees?|rates?|charges?|royalt(?:y|ies))"
_OTHERS = r"(?:other|third[- ]part\w*|similarly situated|comparable)"


@dataclass(frozen=True)
class Pattern:
    """One named expression for one category, run only when a trigger word occurs in the unit."""

    name: str
    category: str
    triggers: tuple[str, ...]
    regex: re.Pattern[str]

    def matches(self, text: str, present: frozenset[str]) -> bool:
        """Whether the expression matches `text`, given the trigger words `present` in it (see `triggers_in`)."""
        return not present.isdisjoint(self.triggers) and self.regex.search(text) is not None


_SOURCES: dict[str, tuple[tuple[str, tuple[str, ...], str], ...]] = {
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
        ),
        (
            "cause-first",
            ("terminat",),
            r"\b(?:for (?:any|no) reason|without cause|for convenience|with or without cause)\b[^.;]{0,120}\bterminat",
        ),
        (
            "on-notice",
            ("may terminate",),
            r"\bmay terminate\b[^.;]{0,80}\b(?:upon|on|by giving|with|after)\s+(?:at least\s+)?" + _PERIOD,
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
            r"ment|royalt|fee|payment|sales|units|amount|guarantee)",
        ),
        ("buy-at-least", ("at least",), r"\b(?:shall|will|agrees? to) (?:purchase|order|buy)\b[^.;]{0,80}\bat least\b"),
        ("commitment", ("commitment",), r"\b(?:purchase|volume|spend(?:ing)?) commitment\b"),
        ("take-or-pay", ("take",), r"\btake[- ]or[- ]pay\b"),
        ("guarantee", ("guarantee",), r"\bannual guarantee\b|\bguaranteed minimum\b"),
        (
            "not-less-than",
            ("not less than", "no less than", "minimum of"),
            r"\b(?:purchase|order|buy|acquire|sell)\w*\b[^.;]{0,80}\b(?:not less than|no less than|a minimum of)\b",
        ),
        ("shortfall", ("shortfall",), r"\bshortfall\b"),
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
            "up-to-number",
            ("up to", "exceed", "in excess", "no more than", "not more than", "maximum of"),
            r"\b(?:up to|not to exceed|no more than|not more than|in excess of|maximum of|exceed(?:s|ing)?)\s+(?:\w+"
            r"\s+){0,2}\(?\d",
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
        ("no-less-favorable", ("favorabl", "favourabl"), r"\b(?:no|not) less favou?rabl[ey]\b"),
        ("as-favorable", ("favorabl", "favourabl"), r"\bat least as favou?rable\b"),
        (
            "more-favorable-other",
            ("favorabl", "favourabl"),
            r"\bmore favou?rable\b[^.;]{0,160}\b(?:third part|other|any (?:other )?(?:customer|licensee|distributor|r"
            r"eseller|client|party))",
        ),
        ("lowest", ("lowest",), r"\blowest (?:price|prices|rates?|fees?)\b[^.;]{0,120}\b(?:any|other|third)"),
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
            r"\s+(?:\w+\s+){0,2}(?:terms|prices|pricing|rates|discounts?|royalt\w*)\b",
        ),
        (
            "similarly-situated",
            ("similarly situated",),
            r"\bsimilarly situated (?:customers?|licensees?|distributors?|resellers?|clients?|purchasers?|buyers?)\b",
        ),
    ),
}

PATTERNS: tuple[Pattern, ...] = tuple(
    Pattern(f"{category}: {name}", category, triggers, re.compile(source, re.IGNORECASE))
    for category in CATEGORIES
    for name, triggers, source in _SOURCES[category]
)
PATTERN_NAMES: tuple[str, ...] = tuple(p.name for p in PATTERNS)
_TRIGGERS: tuple[str, ...] = tuple(sorted({word for p in PATTERNS for word in p.triggers}))
_BY_CATEGORY: tuple[tuple[str, tuple[Pattern, ...]], ...] = tuple(
    (category, tuple(p for p in PATTERNS if p.category == category)) for category in CATEGORIES
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
    """The categories with at least one matching pattern in `text`, in CATEGORIES order (the model's input)."""
    present = triggers_in(text)
    if not present:
        return ()
    return tuple(category for category, group in _BY_CATEGORY if any(p.matches(text, present) for p in group))
