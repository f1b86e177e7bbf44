"""SLA terms: uptime targets (per component from a table or a list in prose), whether the promise is only an
effort, how availability is measured, the shortest outage that counts, credit ladders (every tier paired with
the uptime it starts below), credit caps, claim deadlines, sole-remedy wording (and its denial), chronic-failure
exits and reporting duties. Carve-outs and maintenance notice are read by `exclusions`."""

from __future__ import annotations

import re
from decimal import Decimal

from principal.review.extract.context import Sentence
from principal.review.extract.defined_periods import named_window
from principal.review.extract.emit import Emit
from principal.review.extract.meaning import NOTICE_FOLLOWS, negated
from principal.review.extract.numbers import NUMBER_CELL, Quantity, find_durations, find_percents, to_decimal
from principal.review.extract.parties import VENDOR_ROLES
from principal.review.extract.terms import TermKind

UPTIME = re.compile(r"\b(?:availab\w*|uptime|up time|up-time|service level|unavailab\w*)", re.I)
_BELOW = re.compile(r"\b(?:below|less than|under|lower than|falls? short of|short of)\s*$|<\s*$", re.I)
_BETWEEN = re.compile(r"\b(?:between|from)\s+\d[\d.,]*\s?%\s+(?:and|to)\s+\d[\d.,]*\s?%", re.I)
_NOT_BELOW = re.compile(
    r"\b(?:not|no|never)\s+(?:\w+\s+)?(?:less|lower|fewer)\s+than\s*$|\b(?:not|never)\s+(?:\w+\s+)?(?:below|under"
    r"|short\s+of)\s*$",
    re.I,
)
_BELOW_TARGET = re.compile(
    r"\b(?:below|less than|lower than|short of|misses|missed|fails? to (?:meet|achieve))\s+(?:its|the|a|their)?\s*"
    r"(?:commitment|target|service level|availability target)|\btarget is missed\b|\bbelow target\b",
    re.I,
)
_WINDOW = (
    (re.compile(r"\b(?:quarterly|per quarter|each quarter|calendar quarter|any quarter|the quarter|a quarter"
                r"|that quarter)\b", re.I),
     "quarter"),
    (re.compile(r"\b(?:monthly|per (?:calendar )?month|each (?:calendar )?month|calendar month|in any month"
                r"|every month|each month|in a month|any month|of each month|that month|for a month"
                r"|the month['’]s)\b", re.I), "month"),
    (re.compile(r"\b(?:annual|annually|per year|each year|calendar year|contract year|yearly)\b", re.I), "year"),
)  # fmt: skip
COMPONENT = re.compile(
    r"\b(?:voice|acd|ivr|routing|agent (?:desktop|login|workspace|application)|desktop|digital (?:channels?|messaging)"
    r"|chat|telephony|recording|crm|messaging|workspace|email|webchat|reporting)\b",
    re.I,
)
_WHOLE = re.compile(r"as a whole|across (?:the|all) (?:services|platform)|platform[- ]wide|aggregate availability"
                    r"|all \w+ services together|across all", re.I)  # fmt: skip
_CREDIT = re.compile(r"\bcredit(?!ors?\b|worth)", re.I)  # not "assignment for the benefit of creditors"
# Civil-law drafting names the credit a penalty ("the Provider owes a penalty equal to 5 % of the monthly fees"):
# one only in a service-level clause, never "without penalty".
# Spanish drafting names it a discount ("a discount on the Monthly Fees of that month"), in the same places.
# and Colombian drafting a compensation ("Compensation (% of the monthly licence fees)").
_PENALTY = re.compile(r"(?<!without )(?<!without any )\bpenalt(?:y|ies)\b|\bdiscounts?\b|\bcompensations?\b", re.I)


def _credit(sentence: Sentence, emit: Emit) -> re.Match[str] | None:
    """Where the sentence names a service credit: "credit", or a penalty in a service-level document, under a
    service-level heading or beside an availability figure."""
    lower = sentence.lower
    found = _CREDIT.search(lower)
    # the cheap word test first: the three scans run only for a sentence that says "penalty"
    if (
        found is None
        and ("penalt" in lower or "discount" in lower or "compensation" in lower)
        and (UPTIME.search(lower) or UPTIME.search(sentence.headings) or UPTIME.search(emit.title))
    ):
        found = _PENALTY.search(lower)
        if found and found.group(0).startswith("compensation") and "terminat" in lower:
            found = None  # "may terminate ... without paying the compensation provided in Clause Eight": the exit fee
    return found


_CAP = re.compile(
    r"(?:not|never) (?:to )?exceed|\bcapped\b|\bcap\b|in no event|no more than|up to a total|\blimited to\b|\bmaximum\b"
    r"|\bat most\b",
    re.I,
)
_CLAIM = re.compile(r"\b(?:claim|request|submit|notify|notice|ticket|apply|ask for|raise|assert)", re.I)
_SOLE = re.compile(
    r"\b(?:sole|exclusive|only)\b(?:\s+and\s+exclusive)?(?:\s+financial)?\s+(?:remed|compensation\b)"
    # "The credits under this Annex settle all claims of the Customer arising from a shortfall"
    r"|\bcredits?\b[^.]{0,40}\b(?:settle|satisfy|discharge)s? all (?:claims|liability)\b",
    re.I,
)
_NOT_SOLE = re.compile(
    r"\bnot\s+(?:the\s+)?\w*['’]?s?\s*sole\b"
    # "credits do not limit / exclude / affect the Customer's right to claim damages"
    r"|\b(?:do(?:es)?|shall|will) not (?:limit|exclude|affect|restrict|replace|prejudice|preclude)\b[^.]{0,60}"
    r"\b(?:remed|rights?\b|damages)"
    r"|\bnothing\b[^.]{0,60}\b(?:limits?|excludes?|restricts?)\b[^.]{0,60}\b(?:remed|rights?\b|damages)"
    # (keeping only the right to terminate leaves the credits the sole money remedy)
    r"|\bwithout prejudice\b(?![^.]{0,40}\bright (?:of|to) terminat)[^.]{0,60}"
    r"\b(?:rights?|remed)|\bin addition to\b[^.]{0,60}\b(?:rights?|remed|damages)|\bnot (?:instead|in place) of\b",
    re.I,
)
_CHRONIC_COUNT = re.compile(
    r"\b(?:[a-z]{1,12}[- ]?)?\(?\d{1,3}\)?\s+(?:or more\s+)?(?:consecutive\s+)?(?:calendar\s+)?"
    r"(?:(?:service|measurement|reporting|billing)\s+)?(?:months?|quarters?|(?:service|measurement|reporting|billing)"
    r" periods?)\b"
    r"|\b(?:one|two|three|four|five|six)\s+(?:or more\s+)?(?:consecutive\s+)?(?:calendar\s+)?(?:months|quarters)\b"
    r"|\bconsecutive (?:[a-z]+ )?(?:months|quarters|periods)\b|\bchronic",
    re.I,
)
_MISS = re.compile(
    r"\bmiss\w*|\bshort of\b|\bfail\w*|\bbelow\b|\bless than\b|\blower than\b"
    r"|\b(?:does|do|did) not (?:reach|meet|achieve|attain)\b|\bnot (?:reached|met|achieved)\b",
    re.I,
)
_NOT_REACHED = re.compile(
    r"\b(?:does|do|did) not(?= (?:reach|meet|achieve|attain)\b)|\bnot(?= (?:reached|met|achieved)\b)"
)
# "thirty (30) days' written notice", "fifteen (15) calendar days' (días naturales) written notice"
# "by a written notice of fifteen (15) days", "with written notice of thirty (30) calendar days"
_NOTICE_OF = re.compile(r"\bnotice of\s+(?:at least\s+|not less than\s+)?(?:[a-z-]+\s+)?$", re.I)
_EXIT = re.compile(r"\bterminat\w*|\bend (?:this|the|any)\b|\bexit\b", re.I)
# A report, not a component named after reporting ("the Reporting Portal is available 99.5%").
_REPORT = re.compile(
    r"\breport(?!ing\s+(?:portal|module|dashboard|tool|component|suite|api|application|platform|service"
    r"|(?:and|&)\s+analytics)\b)"
    r"|\bpublish(?:es)?\b(?=[^.;]{0,40}\b(?:uptime|availability)\b)",
    re.I,
)
# "99.9% for Voice, 99.9% for Digital Channels and 99.5% for Reporting": the component a target in a list is for
_FOR_COMPONENT = re.compile(
    r"\s+(?:for|on)\s+(?:the\s+)?(?P<name>[A-Z][\w/&-]*(?:\s+(?:and\s+|&\s+)?[A-Z][\w/&-]*){0,4})"
)
_NAME = r"[A-Z][\w/&-]*(?:\s+[A-Z][\w/&-]*){0,4}"
_FOR_EACH_OF = re.compile(
    rf"\s+(?:for|on)\s+each\s+of\s+(?:the\s+)?(?P<first>{_NAME})\s+and\s+(?:the\s+)?(?P<second>{_NAME})"
)
_REPORT_WHAT = re.compile(r"service level|performance|kpi|metric|availability|uptime|sla|\bservice reports?\b", re.I)
_REPORT_WHEN = re.compile(
    r"monthly|weekly|daily|quarterly|each month|every month|within|each quarter|\bof the following month\b", re.I
)
_EFFORTS = re.compile(
    r"\b(?:commercially\s+)?reasonable\s+(?:efforts|endeavou?rs)\b|\bbest\s+(?:efforts|endeavou?rs)\b", re.I
)
_EFFORTS_TO_MEET = re.compile(
    "(?:"
    + _EFFORTS.pattern
    + r")[^.;]{0,60}\b(?:meet|achieve|attain|maintain)s?\b[^.;]{0,40}\b(?:service levels?|availability"
    r"|uptime)\b",
    re.I,
)
_MEASURED = re.compile(
    r"\b(?:measured|measures?|calculated|calculates|determined|determin(?:es|ing)|monitored)\b", re.I
)
_INDEPENDENT = re.compile(r"\bindependent\b|\bthird[- ]party monitoring\b|\bjointly\b|\bcustomer'?s own\b"
                          r"|\bclient may audit\b|\bsynthetic\b[^.]{0,60}\bindependent", re.I)  # fmt: skip
_VENDOR_OWN = re.compile(
    r"\b(?:its|their) own\b|\binternal monitoring\b"
    r"|['’]s (?:own |internal )?(?:platform )?(?:monitoring|records|measurements"
    r"|system logs|tools)|\bprovider['’]s records\b|\brecords are conclusive\b|\bmeasurements are final\b",
    re.I,
)
_MINIMUM_OUTAGE = re.compile(
    r"\b(?:at least|shorter than|less than|minimum of|fewer than)\s+(?:\w+[- ]){0,4}?\(?\d{0,4}\)?\s*"
    r"(?:consecutive\s+)?minutes?\b"
    r"|\bconsecutive minutes\b|\bminutes?\s+or\s+more\s+in\s+a\s+row\b"
    # "Only periods of Unavailability lasting ten (10) minutes or more are counted"
    r"|\bonly\b[^.;]{0,60}?\(?\d{0,4}\)?\s*(?:consecutive\s+)?minutes?\s+or\s+(?:more|longer)\b"
    # "Any period of unavailability of one (1) minute or longer is counted as unavailable time"
    r"|\b(?:of|lasting)\s+(?:\w+[- ]){0,4}?\(?\d{0,4}\)?\s*minutes?\s+or\s+(?:more|longer)\s+"
    r"(?:is|are|shall be|will be)\s+(?:counted|treated|considered)\b",
    re.I,
)
_OUTAGE_LENGTH = re.compile(r"\bduration\b|\blength\b|\boutage\b|\bdowntime\b|\bincident\b|\bhours\b", re.I)
OUTAGE_WORDS = re.compile(r"\bdowntime\b|\bunavailab\w*|\binterruptions?\b|\boutages?\b|\bunavailable\b", re.I)
_CHUNK = re.compile(r";|,\s+(?=and\b|rising\b|increasing\b|where\b|if\b|below\b|the\b|customer\b|\w+ (?:will|shall)\b)"
                    r"|\band to\b|\band below\b|\brising to\b|\bincreasing to\b", re.I)  # fmt: skip


def _window(lower: str) -> str | None:
    for pattern, name in _WINDOW:
        if pattern.search(lower):
            return name
    return None


def _threshold_before(text: str, percent: Quantity) -> bool:
    """The percent is a level that something falls below ("below 99.9%", "falls short of 99.5%"); a negated
    comparison ("not less than 99.9%", "shall not fall below 99.5%") is a floor: the promised level itself."""
    if _NOT_BELOW.search(text[max(0, percent.start - 34) : percent.start]):
        return False
    return bool(_BELOW.search(text[max(0, percent.start - 22) : percent.start]))


def extract_availability(sentence: Sentence, emit: Emit) -> None:
    """Uptime targets (90-100%) with window and scope; credit tiers from tables and prose ladders."""
    if sentence.is_row:
        _availability_row(sentence, emit)
        return
    lower = sentence.lower
    if (
        emit.uptime_window is None
        and not _credit(sentence, emit)
        and (UPTIME.search(lower) or (_MEASURED.search(lower) and re.search(r"\btargets?\b", lower)))
    ):
        emit.uptime_window = _window(lower) or named_window(lower, emit.periods)
    if "%" not in lower and "percent" not in lower:
        if _EFFORTS_TO_MEET.search(lower):
            # "shall use reasonable endeavours to ensure that the Services meet the following Service Levels": the
            # promise behind the targets the table after it lists
            emit(sentence, TermKind.uptime_standard, None, None, "availability promise", "reasonable_efforts")
        return
    text = sentence.text
    percents = find_percents(text)
    # A ladder row listed under a lead-in that names the credit: "earns a credit ... as follows:" then "(i) from
    # 99.0% to below 99.9%: 5%;"
    lead = sentence.lead
    names_credit = _CREDIT.search(lead) or (
        _PENALTY.search(lead) and (UPTIME.search(lead) or UPTIME.search(emit.title))
    )
    listed = names_credit and re.search(r"\bbelow\b|\b(?:less|lower) than\b|\bunder\b|<", lower)
    if _credit(sentence, emit) or ("credit" in sentence.headings and _BELOW.search(lower)) or listed:
        if not _CAP.search(lower):
            _credit_ladder(sentence, emit)
        return
    if not UPTIME.search(lower) or _CAP.search(lower):
        return
    targets = [p for p in percents if Decimal(90) <= p.value <= 100 and not _threshold_before(text, p)]
    window = _window(lower) or _window(sentence.headings) or named_window(lower, emit.periods)
    many = len(targets) > 1
    for p in targets:
        scope = "per component" if (many or COMPONENT.search(lower)) and not _WHOLE.search(lower) else "whole service"
        each = _FOR_EACH_OF.match(text, p.end)
        if each and not _WHOLE.search(lower):
            # "99.9% for each of the Digital Engagement Platform and the Agent Workspace": one target each
            for name in (each.group("first"), each.group("second")):
                emit(sentence, TermKind.uptime_target, p.value, "%", f"per component: {' '.join(name.lower().split())}",
                     window)  # fmt: skip
            continue
        named = _FOR_COMPONENT.match(text, p.end) if many else None
        if named and scope == "per component":
            scope = f"per component: {' '.join(named.group('name').lower().split())}"
        emit(sentence, TermKind.uptime_target, p.value, "%", scope, window)
    if targets and _EFFORTS.search(lower):
        emit(sentence, TermKind.uptime_standard, None, None, "availability promise", "reasonable_efforts")


def _availability_row(sentence: Sentence, emit: Emit) -> None:
    header = " ".join(sentence.header).lower()
    cells = list(sentence.cells)
    if header and _CREDIT.search(header) and _OUTAGE_LENGTH.search(header) and not UPTIME.search(header):
        floor = _outage_floor(cells[0]) if cells else None
        credits = [p for c in cells[1:] for p in find_percents(c) if p.value <= 100]
        if floor is not None and credits:
            emit(sentence, TermKind.credit_tier, credits[0].value, "%", "service credit", "outage", floor)
        return
    # "| Service component | Target per Measurement Period |" under a heading "Availability targets"
    targets = bool(re.search(r"\btargets?\b|\bcommitment\b|\bservice levels?\b", header)) and bool(
        UPTIME.search(sentence.headings + " " + sentence.lead)
    )
    if not header or not (UPTIME.search(header) or targets):
        return
    if _CREDIT.search(header) or _PENALTY.search(header):  # the header names availability too (above)
        first = cells[0] if cells else ""
        heads = [h.lower() for h in sentence.header]
        level = next((i for i, h in enumerate(heads) if UPTIME.search(h) and not _CREDIT.search(h)), 0)
        if 0 < level < len(cells):
            # "| Band | Availability achieved | Service Credit |": a band name before the level it starts at
            first, cells = cells[level], [cells[level]] + [c for i, c in enumerate(cells) if i > level]
        values = [p.value for c in cells[1:] for p in find_percents(c) if p.value < 100]
        if not values:
            # "| < 99.5% | 20 |" under a heading "Credit (% of monthly fees)": the bare figure is the percentage
            heads = list(sentence.header)[1:]
            values = [
                number
                for cell, head in zip(cells[1:], heads, strict=False)
                if "%" in head and _CREDIT.search(head) and NUMBER_CELL.fullmatch(cell.strip())
                and (number := to_decimal(cell.strip())) is not None and number < 100
            ]  # fmt: skip
        if not values:
            return
        threshold = _row_threshold(first)
        emit(sentence, TermKind.credit_tier, values[0], "%", "service credit", "below", threshold)
        return
    for cell in cells[1:]:
        for p in find_percents(cell):
            if Decimal(90) <= p.value <= 100:
                emit(
                    sentence,
                    TermKind.uptime_target,
                    p.value,
                    "%",
                    f"per component: {' '.join(cells[0].lower().split())}" if cells[0].strip() else "per component",
                    # The header, else the lead-in: "shall meet the following Availability in each Measurement
                    # Period:" above the table.
                    _window(header) or named_window(header, emit.periods) or _window(sentence.lead)
                    or named_window(sentence.lead, emit.periods),
                )  # fmt: skip


def _row_threshold(cell: str) -> Decimal | None:
    """'Less than 99.9% but at least 99.0%' -> 99.9; 'At or above 99.5% and below 99.95%' -> 99.95;
    'Below target but at least 99.5%' -> None (the target itself)."""
    if _BELOW_TARGET.search(cell) or re.search(r"\bbelow (?:the )?(?:commitment|target)\b", cell, re.I):
        return None
    for p in find_percents(cell):
        if _threshold_before(cell, p):
            return p.value
    values = [p.value for p in find_percents(cell) if p.value >= 90]
    if not values:
        return None
    inclusive = len(values) > 1 and not re.search(
        r"\bnot including\b|\bexclu|\bbelow\b|\bless than\b|\bunder\b|<", cell, re.I
    )
    return _range_top(max(values)) if inclusive else max(values)


def _range_top(top: Decimal) -> Decimal:
    """The uptime a band "99.5% - 99.89%" starts below: a range ends one step below where the next band starts, so
    99.89 is read as below 99.9, 99.98 as below 99.99 and 99.949 as below 99.95; a top ending in 0 or 5 (a round
    level, "99.0% - 99.5%") is kept."""
    exponent = top.as_tuple().exponent
    if isinstance(exponent, int) and exponent < 0 and not str(top).endswith(("0", "5")):
        return (top + Decimal(1).scaleb(exponent)).normalize()
    return top


_BAND_FLOOR = re.compile(r"\b(?:higher|greater) than\s*$|\bequal to or (?:above|over)\s*$|\bat least\s*$", re.I)


def _credit_ladder(sentence: Sentence, emit: Emit) -> None:
    text = sentence.text
    pieces: list[tuple[int, int]] = []
    position = 0
    for cut in _CHUNK.finditer(text):
        pieces.append((position, cut.start()))
        position = cut.start()
    pieces.append((position, len(text)))
    if _duration_ladder(sentence, emit, pieces):
        return
    tiers: list[tuple[Decimal, Decimal | None]] = []
    pending: list[Decimal | None] = []  # thresholds stated before their credit
    target_seen = False
    for start, end in pieces:
        chunk = text[start:end]
        percents = find_percents(chunk)
        thresholds = [p.value for p in percents if Decimal(90) <= p.value < 100 and _threshold_before(chunk, p)]
        banded = _BETWEEN.search(chunk)
        if banded:  # "between 99.50% and 99.89%": a band of uptime, below the top of the range
            inside = [p for p in percents if banded.start() <= p.start < banded.end()]
            if len(inside) == 2 and all(Decimal(90) <= p.value < 100 for p in inside):
                thresholds = [_range_top(max(p.value for p in inside)), *thresholds]
                percents = [p for p in percents if p not in inside]
        credits = [
            p.value
            for p in percents
            if p.value <= 100
            and not (Decimal(90) <= p.value < 100 and _threshold_before(chunk, p))
            and not re.search(r"^\W*(?:of\s+)?(?:availability|uptime)", chunk[p.end : p.end + 20], re.I)
            # "lower than the target and equal to or higher than 99.5%": the band's floor, no credit
            and not (
                Decimal(90) <= p.value < 100
                and (
                    _BAND_FLOOR.search(chunk[max(0, p.start - 30) : p.start])
                    or _NOT_BELOW.search(chunk[max(0, p.start - 34) : p.start])
                )
            )
        ]
        credits = [c for c in credits if c < 90 or not thresholds]
        below_target = bool(_BELOW_TARGET.search(chunk))
        if below_target and not thresholds:
            target_seen = True
        if credits:
            if thresholds:
                threshold: Decimal | None = thresholds[0]
            elif pending:
                threshold = pending.pop(0)
            elif below_target or target_seen:
                threshold = None
                target_seen = False
            else:
                threshold = None
            tiers.append((credits[0], threshold))
        elif thresholds:
            pending.extend(thresholds)
        elif below_target:
            pending.append(None)
    seen = set()
    for credit, threshold in tiers:
        if (credit, threshold) in seen:
            continue
        seen.add((credit, threshold))
        emit(sentence, TermKind.credit_tier, credit, "%", "service credit", "below", threshold)


def _duration_ladder(sentence: Sentence, emit: Emit, pieces: list[tuple[int, int]]) -> bool:
    """Credits by how long an outage lasts ("5% for an outage under 2 hours, 10% for 2 hours or more"): each tier
    as `credit_tier` with basis `outage` and as threshold the shortest outage, in minutes, it applies to. Only when
    the sentence is about outages and states no uptime level."""
    text = sentence.text
    if not (OUTAGE_WORDS.search(text) or OUTAGE_WORDS.search(sentence.lead)) or any(
        Decimal(90) <= p.value < 100 for p in find_percents(text)
    ):
        return False
    tiers: list[tuple[Decimal, Decimal]] = []
    for start, end in pieces:
        chunk = text[start:end]
        floor = _outage_floor(chunk)
        credits = [p.value for p in find_percents(chunk) if p.value <= 100]
        if floor is not None and credits:
            tiers.append((credits[0], floor))
    if not tiers:
        return False
    for credit, floor in dict.fromkeys(tiers):
        emit(sentence, TermKind.credit_tier, credit, "%", "service credit", "outage", floor)
    return True


def _outage_floor(text: str) -> Decimal | None:
    """The shortest outage, in minutes, a tier worded like this covers: "under 2 hours" and "up to 30 minutes" from
    0, "between 2 and 4 hours" from 120, "2 hours or more", "at least 2 hours", "more than 4 hours" from the figure;
    None when no outage length is stated."""
    lengths = [d for d in find_durations(text) if d.unit in ("hour", "minute")]
    if not lengths:
        return None
    first = lengths[0]
    minutes = first.value * 60 if first.unit == "hour" else first.value
    before = text[max(0, first.start - 30) : first.start].lower()
    after = text[first.end : first.end + 20].lower()
    range_start = re.search(r"(\d+(?:\.\d+)?)\s*(?:and|to|-|–)\s*$", before)
    if range_start:  # "between 2 and 4 hours": the tier starts at the lower figure, in the same unit
        low = Decimal(range_start.group(1))
        return _whole(low * 60 if first.unit == "hour" else low)
    if _SHORTER_THAN.search(before):
        return Decimal(0)
    if _OR_LONGER.search(after) or _AT_LEAST.search(before):
        return _whole(minutes)
    return None


_SHORTER_THAN = re.compile(
    r"\b(?:under|less than|shorter than|up to|below|fewer than|not more than|no more than|within)\s*$", re.I
)
_OR_LONGER = re.compile(
    r"^\W*(?:or (?:more|longer|over)|\+|and (?:more|longer|over)|or above|(?:to|and|-|–)\s+\d)", re.I
)
_AT_LEAST = re.compile(
    r"\b(?:at least|more than|over|longer than|exceeding|in excess of|beyond|from|between)\s*$", re.I
)


def _whole(value: Decimal) -> Decimal:
    return value.quantize(Decimal(1)) if value == value.to_integral_value() else value.normalize()


def extract_credit_terms(sentence: Sentence, emit: Emit) -> None:
    """Credit caps, claim deadlines and sole-remedy wording (or its denial)."""
    lower = sentence.lower
    sla_claim = re.search(r"\b(?:sla|service level) claims?\b", lower)
    # "Service Credits are a price reduction. They do not limit the Customer's right to claim damages."
    about_credits = re.match(r"\W*(?:they|these|such credits)\b", lower) and "credit" in sentence.previous
    named = _credit(sentence, emit)
    if not named and "remed" not in lower and not sla_claim and not about_credits:
        return
    credit = named or sla_claim or (about_credits and _CREDIT.search(sentence.previous))
    if credit and _CAP.search(lower) and not sentence.is_row:
        percents = find_percents(sentence.text)
        if percents:
            emit(
                sentence,
                TermKind.credit_cap,
                percents[-1].value,
                "%",
                "fees",
                _window(lower) or named_window(lower, emit.periods),
            )
    # A report listing "the credits that may be claimed" within ten days is the vendor's deadline, not the buyer's.
    vendor_reports = _REPORT.search(lower) and not re.search(r"\b(?:must|shall|should|needs? to)\b", lower)
    if (
        credit
        and _CLAIM.search(lower)
        and not vendor_reports
        and not re.search(r"without any claim|not need to claim|automatically", lower)
    ):
        for duration in find_durations(sentence.text):
            if duration.unit in ("day", "business_day", "week", "month"):
                emit(sentence, TermKind.credit_claim_deadline, duration.value, duration.unit, "credit claim")
                break
    in_sla = credit or "service level" in sentence.headings or "availab" in lower
    if not in_sla or len(lower) < 30:
        return
    sole = _SOLE.search(lower)
    if _NOT_SOLE.search(lower) or (sole and negated(lower, sole.start())):
        emit(sentence, TermKind.sole_remedy, None, None, "service credits", "not_sole")
    elif sole:
        emit(sentence, TermKind.sole_remedy, None, None, "service credits", "credits")


def _blank_misses(lower: str) -> str:
    """The text with the "not" of "does not reach" blanked out (same length, so positions hold)."""
    return _NOT_REACHED.sub(lambda m: " " * len(m.group(0)), lower)


def extract_service_exits(sentence: Sentence, emit: Emit) -> None:
    """Chronic-failure termination rights, performance reporting, measurement, minimum outage length."""
    lower = sentence.lower
    if (
        _EXIT.search(lower)
        and _CHRONIC_COUNT.search(lower)
        and _MISS.search(lower)
        and (
            UPTIME.search(lower)
            or re.search(r"\btarget|\bcommitment|\bservice level", lower)
            or re.search(r"\b(?:below|less than|lower than|under)\s+\d{2}(?:[.,]\d+)?\s?%", lower)  # "below 99.0 %"
            or "service level" in sentence.headings
            or "chronic" in sentence.headings
            or "credit" in lower
        )
        # "if the Telephony component does not reach its commitment ..., the Customer may terminate": the
        # condition's "not" is the miss, not a denial of the exit
        and not negated(_blank_misses(lower), _EXIT.search(lower).start())  # type: ignore[union-attr]
    ):
        # "... the Customer may terminate the Order by thirty (30) days' written notice": the notice it needs
        exit_at = _EXIT.search(lower).start()  # type: ignore[union-attr]
        notice = [d for d in find_durations(sentence.text) if d.start > exit_at and d.unit in ("day", "business_day")
                  and (NOTICE_FOLLOWS.match(sentence.text[d.end :])
                       or _NOTICE_OF.search(sentence.text[max(0, d.start - 40) : d.start]))]  # fmt: skip
        value, unit = (notice[0].value, notice[0].unit) if notice else (None, None)
        emit(sentence, TermKind.termination_right, value, unit, "chronic service failure", "chronic")
    # Under a "Reporting" heading: "The Company shall notify the Customer by e-mail of the Monthly Availability
    # Rate ... for each calendar month"
    reports = _REPORT.search(lower) or (
        re.search(r"\breport", sentence.headings) and re.search(r"\b(?:notify|inform|send|provide|deliver)", lower)
    )
    if reports and re.search(r"\bmeet\b", lower) and not re.search(r"\b(?:deliver|provide|send|publish|issue)", lower):
        reports = None  # "The Parties shall meet quarterly to review the Service Level Reports": a meeting
    if reports and _REPORT_WHAT.search(lower) and _REPORT_WHEN.search(lower):
        emit(
            sentence,
            TermKind.reporting,
            None,
            None,
            "performance reporting",
            _window(lower) or named_window(lower, emit.periods),
        )
    if _MEASURED.search(lower) and UPTIME.search(lower) and re.search(r"monitor|records|logs|data|tools|tests", lower):
        if _INDEPENDENT.search(lower):
            emit(sentence, TermKind.uptime_measurement, None, None, "availability measurement", "independent")
        elif _VENDOR_OWN.search(lower) or _measured_by_vendor(lower, emit.vendors):
            emit(sentence, TermKind.uptime_measurement, None, None, "availability measurement", "vendor_monitoring")
    if OUTAGE_WORDS.search(lower) and _MINIMUM_OUTAGE.search(lower) and "notice" not in lower:
        minutes = [d for d in find_durations(sentence.text) if d.unit == "minute"]
        if minutes:
            emit(sentence, TermKind.minimum_outage, minutes[0].value, "minute", "shortest outage that counts")


_MEASURED_BY = re.compile(
    r"\b(?:measured|monitored|calculated|determined|recorded)\s+(?:solely\s+|only\s+)?by\s+(?:the\s+)?(\w+)"
)


def _measured_by_vendor(lower: str, vendors: tuple[str, ...]) -> bool:
    """The vendor, by its role word or the name the document gives it, measures its own promise: "Availability is
    measured by Kumotsu with synthetic test transactions", "calculated from the monitoring tools of Mawingu's
    network operations centre"."""
    match = _MEASURED_BY.search(lower)
    if match is not None and (match.group(1) in VENDOR_ROLES or match.group(1) in vendors):
        return True
    names = "|".join(re.escape(name) for name in (*VENDOR_ROLES, *vendors))
    tools = rf"\b(?:monitoring|tools|systems?|logs|records|probes)\b[^.;]{{0,30}}\bof (?:the )?(?:{names})['’]s\b"
    # "measured by the monitoring system operated by the Company", "the measurement records of the Company"
    operated = r"\b(?:monitoring|tools|systems?|logs|records|probes)\b[^.;]{0,20}\b(?:operated by|of) (?:the )?"
    operated += rf"(?:{names})\b"
    return bool(re.search(tools, lower) or re.search(operated, lower))
