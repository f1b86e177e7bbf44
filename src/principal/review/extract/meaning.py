"""What a clause says, not which words it uses: negation, modality and the scope of a figure.

- `negated(text, at)`: the clause holding position `at` denies it ("Customer may not reduce", "Neither party may
  terminate", "does not renew automatically", "shall have no right to"). A negation in another clause of the
  same sentence ("...; no fee applies") does not count, nor do words that only bound a figure ("no less than",
  "not to exceed") or keep a right ("without prejudice", "not only").
- `bound_before(text, at)`: how a figure is bounded by the words before it: "up to 7%" and "a maximum of 8%" are
  the most the party granted the right may take (`up_to`); "shall not exceed 3%", "no adjustment shall exceed 5%",
  "no more than", "shall not rise by more than", "capped at", "limited to", "the lesser of" protect the other
  party (`cap`); "at least" is a floor (`floor`).
"""

from __future__ import annotations

import re

from principal.review.extract.numbers import SPELLED_BEFORE

_BOUNDARY = re.compile(
    r"[;:.]\s|,\s*(?:and|or|but)\s|\b(?:but|however|whereas|although|provided that|except|unless|save where"
    r"|other than|after which|failing which|in which case)\b",
    re.I,
)
_NEGATOR = re.compile(
    r"\b(?:not|no|never|neither|nor|cannot|none|nothing|without)\b|n['’]t\b|\bno\s+(?:right|obligation)\b",
    re.I,
)
_NOT_A_NEGATION = re.compile(
    r"\b(?:no|not)\s+(?:less|fewer|later|more|greater|longer)\s+than\b|\bnot\s+to\s+exceed\b|\bnot\s+only\b"
    r"|\bwithout\s+(?:prejudice|limit(?:ation)?|penalty|charge|cost|liability|fee|any\s+(?:charge|fee|penalty"
    r"|termination|exit|liability|cost))|\bwhether\s+or\s+not\b|\bno\s+(?:additional\s+)?(?:charge|cost|fee)"
    r"|\bnot\s+(?:unreasonably|withheld)\b|\bwithout\s+a\s+termination|\bif\s+not\b",
    re.I,
)
_UP_TO = re.compile(
    r"(?:\bup\s+to|\bby\s+as\s+much\s+as|\ba\s+maximum\s+of|\bby\s+a\s+maximum\s+of|\bat\s+most)\s*$", re.I
)
# "the lesser of CPI and 3%", "the lower of ...": the smaller of two figures bounds what may be charged.
LESSER_OF = r"(?:lesser|lower|lowest|smaller)\s+of"
_CAP = re.compile(
    r"(?:\bnot\s+(?:to\s+)?exceed|\bshall\s+not\s+exceed|\bwill\s+not\s+exceed|\bno\s+(?:more|greater)\s+than"
    r"|\bcapped\s+at|\bcap(?:ped)?\s+of|\blimited\s+to|\bceiling\s+of"
    rf"|\bthe\s+{LESSER_OF}(?:\s+\S+){{0,6}}\s+and"
    r"|\bnever\s+(?:be\s+)?(?:more|higher|greater)\s+than|\bsubject\s+to\s+a"
    r"|\bno\s+(?:\w+\s+){1,3}(?:(?:shall|will|may|can)\s+exceed|exceeds)"
    r"|\b(?:not|never)\s+(?:\w+\s+){0,5}by\s+(?:more|greater)\s+than)\s*(?:\S+\s+){0,3}$",
    re.I,
)
# A period that names the notice it is: "thirty (30) days' (días naturales) prior written notice".
NOTICE_FOLLOWS = re.compile(r"\W*(?:['’]s?\s*)?(?:\([^()]{1,40}\)\s*)?(?:prior\s+)?(?:written\s+)?notice\b", re.I)
_FLOOR = re.compile(r"(?:\bat\s+least|\bnot\s+less\s+than|\bno\s+less\s+than|\bminimum\s+of)\s*$", re.I)


def clause_start(text: str, at: int) -> int:
    """Start of the clause holding position `at` (after the last clause boundary before it)."""
    start = 0
    for match in _BOUNDARY.finditer(text, 0, at):
        start = match.end()
    return start


def clause_end(text: str, at: int) -> int:
    match = _BOUNDARY.search(text, at)
    return match.start() if match else len(text)


def negated(text: str, at: int, *, window: int = 80) -> bool:
    """True when the clause holding `at` negates it (the negation stands before `at` in the same clause)."""
    start = max(clause_start(text, at), at - window)
    before = _NOT_A_NEGATION.sub(" ", text[start:at])
    return bool(_NEGATOR.search(before))


def negated_after(text: str, at: int, *, window: int = 30) -> bool:
    """A negation right after a subject ("Emergency maintenance is not excluded", "Credits are not the sole...")."""
    end = min(clause_end(text, at), at + window)
    after = _NOT_A_NEGATION.sub(" ", text[at:end])
    return bool(re.match(r"^\W*(?:\w+\W+){0,4}?(?:is|are|shall|will|does|do|may)\s+not\b|^\W*(?:\w+\W+){0,2}?n['’]t\b",
                         after, re.I))  # fmt: skip


def spelled_start(text: str, at: int) -> int:
    """Where a figure starting at `at` really starts: before the words it is also spelled in ("six and a half
    percent (6.5%)")."""
    spelled = SPELLED_BEFORE.search(text[max(0, at - 60) : at])
    return max(0, at - 60) + spelled.start() if spelled else at


def bound_before(text: str, at: int) -> str | None:
    """'up_to', 'cap', 'floor' or None for the figure starting at `at`."""
    at = spelled_start(text, at)
    before = text[max(0, at - 60) : at]
    if _UP_TO.search(before):
        return "up_to"
    if _CAP.search(before):
        return "cap"
    if _FLOOR.search(before):
        return "floor"
    return None
