"""The document text cut into pieces for showing it with every cited clause highlighted.

Cuts fall at each finding's start and end and at each page start, so every piece lies on one page and is covered
by the same findings throughout. Overlapping findings (several rules citing the same sentence) share pieces.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from itertools import pairwise

from principal.review.document import Document
from principal.review.rules.base import Finding


@dataclass(frozen=True)
class TextPiece:
    start: int
    end: int
    text: str
    findings: tuple[int, ...]
    """Indexes (in the findings given) of the findings whose cited span covers this piece."""
    opens: tuple[int, ...]
    """Indexes of the findings whose cited span begins with this piece (where a link to the clause should land)."""
    page: int | None
    """The page number when a new page (after the first) begins with this piece."""


def text_pieces(document: Document, findings: Sequence[Finding]) -> tuple[TextPiece, ...]:
    text = document.text
    spans = {
        i: (max(0, f.location.start), min(len(text), f.location.end))
        for i, f in enumerate(findings)
        if f.location is not None and f.location.end > f.location.start
    }
    page_at: dict[int, int] = {}
    for number, offset in enumerate(document.page_starts, start=1):
        if number > 1 and 0 < offset < len(text):
            page_at[offset] = number
    cuts = sorted({0, len(text), *page_at, *(s for s, _ in spans.values()), *(e for _, e in spans.values())})
    pieces = []
    for start, end in pairwise(cuts):
        if end <= start:
            continue
        covering = tuple(i for i, (s, e) in spans.items() if s <= start and end <= e)
        opens = tuple(i for i, (s, _) in spans.items() if s == start)
        pieces.append(TextPiece(start, end, text[start:end], covering, opens, page_at.get(start)))
    return tuple(pieces)
