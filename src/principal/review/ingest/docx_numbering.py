"""Word automatic numbering: the labels ("3.3", "(e)", "IV.") Word draws in front of numbered paragraphs.

The label is not in the paragraph's text: it comes from `word/numbering.xml` (abstract numbering levels: start
value, format, level text such as "%1.%2") referenced by the paragraph's `w:numPr` or by its paragraph style's.
Without it a clause "(e) force majeure events" loses its parent "3.3 Exclusions" and citations point at nothing.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


@dataclass(frozen=True)
class Level:
    start: int
    fmt: str
    text: str


@dataclass
class Numbering:
    """Counters per list instance (numId), as Word keeps them, and the styles that carry numbering."""

    abstract_of: dict[str, str] = field(default_factory=dict)  # numId -> abstractNumId
    levels: dict[str, dict[int, Level]] = field(default_factory=dict)  # abstractNumId -> ilvl -> Level
    overrides: dict[str, dict[int, int]] = field(default_factory=dict)  # numId -> ilvl -> start override
    style_numbering: dict[str, tuple[str, int]] = field(default_factory=dict)  # styleId -> (numId, ilvl)
    style_outline: dict[str, int] = field(default_factory=dict)  # styleId -> outline level (headings)
    counters: dict[str, list[int]] = field(default_factory=dict)

    def label(self, paragraph: Any) -> str | None:
        """The label Word draws for this w:p, advancing the counters; None for an unnumbered paragraph."""
        found = self._num_pr(paragraph)
        if found is None:
            return None
        num_id, ilvl = found
        abstract = self.abstract_of.get(num_id)
        levels = self.levels.get(abstract or "", {})
        level = levels.get(ilvl)
        if level is None or level.fmt == "none":
            return None
        counters = self.counters.setdefault(num_id, [0] * 9)
        overrides = self.overrides.get(num_id, {})
        for depth in range(9):
            if counters[depth] == 0 and depth <= ilvl:
                base = levels.get(depth)
                start = overrides.get(depth, base.start if base else 1)
                counters[depth] = start - 1 if depth == ilvl else start
        counters[ilvl] += 1
        for deeper in range(ilvl + 1, 9):
            counters[deeper] = 0
        if level.fmt == "bullet":
            return None
        text = level.text
        for depth in range(ilvl, -1, -1):
            shown = levels.get(depth)
            value = _format(counters[depth], shown.fmt if shown else "decimal")
            text = text.replace(f"%{depth + 1}", value)
        return text.strip() or None

    def outline_level(self, paragraph: Any) -> int | None:
        """0 for a Heading 1 style or outline level 0, ...; None for body text."""
        ppr = paragraph.find(f"{_W}pPr")
        if ppr is None:
            return None
        outline = ppr.find(f"{_W}outlineLvl")
        if outline is not None:
            value = _int(outline.get(f"{_W}val"))
            return value if value is not None and value < 9 else None
        style = ppr.find(f"{_W}pStyle")
        if style is not None:
            return self.style_outline.get(style.get(f"{_W}val") or "")
        return None

    def _num_pr(self, paragraph: Any) -> tuple[str, int] | None:
        ppr = paragraph.find(f"{_W}pPr")
        if ppr is None:
            return None
        style = ppr.find(f"{_W}pStyle")
        style_id = style.get(f"{_W}val") if style is not None else None
        numpr = ppr.find(f"{_W}numPr")
        if numpr is not None:
            num = numpr.find(f"{_W}numId")
            num_id = num.get(f"{_W}val") if num is not None else None
            if num_id in (None, "0"):
                return None
            lvl = numpr.find(f"{_W}ilvl")
            ilvl = _int(lvl.get(f"{_W}val")) if lvl is not None else None
            if ilvl is None and style_id in self.style_numbering:
                ilvl = self.style_numbering[style_id][1]
            return str(num_id), min(max(ilvl or 0, 0), 8)
        if style_id and style_id in self.style_numbering:
            return self.style_numbering[style_id]
        return None


def _int(value: str | None) -> int | None:
    try:
        return int(value) if value is not None else None
    except ValueError:
        return None


_ROMAN = ((1000, "m"), (900, "cm"), (500, "d"), (400, "cd"), (100, "c"), (90, "xc"), (50, "l"), (40, "xl"),
          (10, "x"), (9, "ix"), (5, "v"), (4, "iv"), (1, "i"))  # fmt: skip


def _roman(value: int) -> str:
    out = []
    for number, letters in _ROMAN:
        while value >= number:
            out.append(letters)
            value -= number
    return "".join(out)


def _letters(value: int) -> str:
    # Word repeats the letter past z: 27 -> aa, 28 -> bb.
    if value <= 0:
        return ""
    return chr(ord("a") + (value - 1) % 26) * ((value - 1) // 26 + 1)


def _format(value: int, fmt: str) -> str:
    if fmt == "lowerLetter":
        return _letters(value)
    if fmt == "upperLetter":
        return _letters(value).upper()
    if fmt == "lowerRoman":
        return _roman(value)
    if fmt == "upperRoman":
        return _roman(value).upper()
    if fmt == "decimalZero":
        return f"{value:02d}"
    return str(value)


def read_numbering(numbering_xml: bytes | None, styles_xml: bytes | None) -> Numbering:
    """Parse numbering.xml and styles.xml (both optional) with lxml, entities and network access off."""
    from lxml import etree

    parser = etree.XMLParser(resolve_entities=False, no_network=True, huge_tree=False)
    numbering = Numbering()
    if numbering_xml:
        root = etree.fromstring(numbering_xml, parser)
        for abstract in root.iter(f"{_W}abstractNum"):
            abstract_id = abstract.get(f"{_W}abstractNumId") or ""
            levels: dict[int, Level] = {}
            for lvl in abstract.iter(f"{_W}lvl"):
                ilvl = _int(lvl.get(f"{_W}ilvl"))
                if ilvl is None:
                    continue
                start = lvl.find(f"{_W}start")
                fmt = lvl.find(f"{_W}numFmt")
                text = lvl.find(f"{_W}lvlText")
                levels[ilvl] = Level(
                    _int(start.get(f"{_W}val")) or 1 if start is not None else 1,
                    (fmt.get(f"{_W}val") if fmt is not None else None) or "decimal",
                    (text.get(f"{_W}val") if text is not None else None) or "",
                )
                style = lvl.find(f"{_W}pStyle")
                if style is not None and style.get(f"{_W}val"):
                    numbering.style_numbering.setdefault(style.get(f"{_W}val"), ("@" + abstract_id, ilvl))
            numbering.levels[abstract_id] = levels
        for num in root.iter(f"{_W}num"):
            num_id = num.get(f"{_W}numId") or ""
            ref = num.find(f"{_W}abstractNumId")
            if ref is not None:
                numbering.abstract_of[num_id] = ref.get(f"{_W}val") or ""
            for override in num.iter(f"{_W}lvlOverride"):
                ilvl = _int(override.get(f"{_W}ilvl"))
                start = override.find(f"{_W}startOverride")
                if ilvl is not None and start is not None:
                    value = _int(start.get(f"{_W}val"))
                    if value is not None:
                        numbering.overrides.setdefault(num_id, {})[ilvl] = value
    if styles_xml:
        root = etree.fromstring(styles_xml, parser)
        for style in root.iter(f"{_W}style"):
            style_id = style.get(f"{_W}styleId") or ""
            ppr = style.find(f"{_W}pPr")
            name = style.find(f"{_W}name")
            label = (name.get(f"{_W}val") if name is not None else "") or ""
            if label.lower().startswith("heading ") and label[8:].strip().isdigit():
                numbering.style_outline[style_id] = int(label[8:].strip()) - 1
            if ppr is None:
                continue
            outline = ppr.find(f"{_W}outlineLvl")
            if outline is not None and _int(outline.get(f"{_W}val")) is not None:
                numbering.style_outline[style_id] = _int(outline.get(f"{_W}val")) or 0
            numpr = ppr.find(f"{_W}numPr")
            if numpr is not None:
                num = numpr.find(f"{_W}numId")
                lvl = numpr.find(f"{_W}ilvl")
                num_id = num.get(f"{_W}val") if num is not None else None
                if num_id and num_id != "0":
                    ilvl = _int(lvl.get(f"{_W}val")) if lvl is not None else None
                    if ilvl is None:
                        linked = numbering.style_numbering.get(style_id)
                        ilvl = linked[1] if linked else 0
                    numbering.style_numbering[style_id] = (num_id, ilvl)
    # A level linked to a style through the abstract numbering alone needs a list instance: take the first num.
    for style_id, (num_id, ilvl) in list(numbering.style_numbering.items()):
        if num_id.startswith("@"):
            abstract_id = num_id[1:]
            instance = next((n for n, a in numbering.abstract_of.items() if a == abstract_id), None)
            if instance is None:
                del numbering.style_numbering[style_id]
            else:
                numbering.style_numbering[style_id] = (instance, ilvl)
    return numbering
