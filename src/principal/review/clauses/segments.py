"""Split contract text into sentence-sized units that keep their character offsets.

A unit is the span the clause model scores and the span a hit quotes. Boundaries are: blank lines, the end of a
sentence (`.`, `;`, `!`, `?` or `:` followed by a capital letter, digit or opening bracket), and a line that starts
with an enumerator such as `(a)`, `12.3` or `ARTICLE`. Then three repairs:

- a sentence cut by a page break (a piece that does not end a sentence, then blank lines and perhaps a bare page
  number, then a piece starting in lower case) is joined back into one unit;
- a list's introduction (a piece ending with `:`) travels with its items: it is joined with the next piece and
  with the enumerated items after it while the unit stays within `MAX_UNIT_CHARS`, so "may terminate on any of the
  following grounds:" is read with the grounds, not alone;
- very short pieces (headings, bare numbers) are joined to the next piece so that a heading such as "Audit
  Rights." travels with the sentence it introduces.

Very long pieces are cut at whitespace so that one unit never exceeds `MAX_UNIT_CHARS`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

MAX_UNIT_CHARS = 1200
MIN_UNIT_CHARS = 40

_BOUNDARY = re.compile(
    r"\n[ \t\r\f\v]*\n\s*"  # blank line
    r"|(?<=[.;!?:])[\"'”’)\]]*\s+(?=[\"'“(\[]?[A-Z0-9])"  # end of sentence
    r"|\n(?=[ \t]*(?:\(?[0-9]{1,3}(?:\.[0-9]{1,3})*[.)]|\([a-zA-Z]{1,4}\)|ARTICLE\b|Article\b|SECTION\b|Section\b))"
)
_SPACE = re.compile(r"\s")
_SENTENCE_END = re.compile(r"[.;:!?][\"'”’)\]]*$")
_PAGE_NUMBER = re.compile(r"(?:page\s*)?[-–]?\s*[0-9ivxlc]{1,4}\s*[-–]?", re.IGNORECASE)
_ENUMERATED = re.compile(r"\(?(?:[0-9]{1,3}|[a-zA-Z]{1,4})[.)]|[-•·*]\s")


@dataclass(frozen=True)
class Unit:
    """A piece of the text: `text[start:end]`, stripped of surrounding whitespace."""

    start: int
    end: int


def _cut_long(text: str, start: int, end: int) -> list[tuple[int, int]]:
    pieces: list[tuple[int, int]] = []
    while end - start > MAX_UNIT_CHARS:
        cut = start + MAX_UNIT_CHARS
        # Step back to the last whitespace so no word is split; fall back to a hard cut.
        back = cut
        while back > start + MAX_UNIT_CHARS // 2 and not _SPACE.match(text[back]):
            back -= 1
        if back > start + MAX_UNIT_CHARS // 2:
            cut = back
        pieces.append((start, cut))
        start = cut
    pieces.append((start, end))
    return pieces


def _strip(text: str, start: int, end: int) -> tuple[int, int]:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return start, end


def _rejoin_page_breaks(text: str, pieces: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """Join a piece starting in lower case to the previous one when that one did not end its sentence."""
    out: list[tuple[int, int]] = []
    i = 0
    while i < len(pieces):
        s, e = pieces[i]
        if out and not _SENTENCE_END.search(text[out[-1][0] : out[-1][1]]):
            nxt = i
            # A bare page number between the two halves is skipped over (it stays inside the joined unit).
            if _PAGE_NUMBER.fullmatch(text[s:e]) and i + 1 < len(pieces):
                nxt = i + 1
            ns, ne = pieces[nxt]
            if text[ns].islower():
                out[-1] = (out[-1][0], ne)
                i = nxt + 1
                continue
        out.append((s, e))
        i += 1
    return out


def _join_lists(text: str, pieces: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """Join a piece ending with `:` to the next piece and to the enumerated items after it, within the size cap."""
    out: list[tuple[int, int]] = []
    i = 0
    while i < len(pieces):
        s, e = pieces[i]
        i += 1
        if text[e - 1] == ":" and i < len(pieces):
            e = pieces[i][1]
            i += 1
            while (
                i < len(pieces)
                and pieces[i][1] - s <= MAX_UNIT_CHARS
                and _ENUMERATED.match(text, pieces[i][0]) is not None
            ):
                e = pieces[i][1]
                i += 1
        out.append((s, e))
    return out


def split_units(text: str) -> list[Unit]:
    """Sentence-sized units covering every non-blank part of `text`, in order, with exact offsets."""
    raw: list[tuple[int, int]] = []
    position = 0
    for match in _BOUNDARY.finditer(text):
        raw.append((position, match.start()))
        position = match.end()
    raw.append((position, len(text)))

    stripped = [_strip(text, s, e) for s, e in raw]
    stripped = _join_lists(text, _rejoin_page_breaks(text, [(s, e) for s, e in stripped if e > s]))

    merged: list[tuple[int, int]] = []
    pending: int | None = None
    for s, e in stripped:
        if pending is not None:
            s = pending
            pending = None
        if e - s < MIN_UNIT_CHARS:
            pending = s
            continue
        merged.append((s, e))
    if pending is not None:
        if merged:
            merged[-1] = (merged[-1][0], stripped[-1][1])
        else:
            merged.append((pending, stripped[-1][1]))

    units: list[Unit] = []
    for s, e in merged:
        for cs, ce in _cut_long(text, s, e):
            cs, ce = _strip(text, cs, ce)
            if ce > cs:
                units.append(Unit(cs, ce))
    return units
