"""Turn a unit of contract text into the terms the clause model weighs.

Terms are lower-cased words, with every run of digits written as `0` so that "30 days" and "90 days" share a
term, plus word bigrams joined by a space. Training (scripts/train_clause_model.py) and detection call this same
function, so the model's vocabulary always matches what detection produces.
"""

from __future__ import annotations

import re
from itertools import pairwise

_WORD = re.compile(r"[a-z]+(?:'[a-z]+)?|[0-9]+|%|\$")
_DIGITS = re.compile(r"[0-9]+")


def unit_terms(text: str) -> list[str]:
    """Word unigrams and bigrams of `text`, lower-cased, digits folded to `0`."""
    words = [_DIGITS.sub("0", w) for w in _WORD.findall(text.lower())]
    bigrams = [f"{a} {b}" for a, b in pairwise(words)]
    return words + bigrams
