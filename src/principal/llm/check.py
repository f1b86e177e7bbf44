"""The number check: every figure in the model's words must be a figure of the sentence it rewords, and back.

Figures are read as numbers whatever their dress: "$5,946,790.00", "5946790", "USD 5,946,790" and "110%" are
5946790 and 110. A figure written in words ("one hundred") is not a figure here, so wording figures as words fails
the check the other way (the sentence's figure is missing).
"""

from __future__ import annotations

import re
from collections import Counter
from decimal import Decimal, InvalidOperation

NUMBER = re.compile(r"(?<![\w.])\d[\d,]*(?:\.\d+)?|(?<![\w.])\.\d+")


def numbers_in(text: str) -> Counter[Decimal]:
    found: Counter[Decimal] = Counter()
    for match in NUMBER.finditer(text):
        raw = match.group(0).replace(",", "")
        try:
            found[Decimal(raw).normalize()] += 1
        except InvalidOperation:
            continue
    return found


def same_figures(model_text: str, template_text: str) -> bool:
    """True when the model's text states exactly the template's figures (each at least once, no other)."""
    mine, theirs = numbers_in(model_text), numbers_in(template_text)
    return set(mine) == set(theirs)
