"""Whether a document's title says it changes another document: "Amendment No. 1", "Addendum", "Change Order",
"Variation", "Side Letter". Kept apart from `amendments` (which works on extracted terms) so that the extractors can
ask it without importing themselves."""

from __future__ import annotations

import re

_AMENDING = re.compile(
    r"\bamendment\b|\bamending\b|\baddend(?:um|a)\b|\bchange order\b|\bchange request\b|\bvariation\b"
    r"|\bside letter\b",
    re.I,
)
_OWN_KIND = re.compile(r"\b(?:data processing|data protection|service levels?|security)\s+addend(?:um|a)\b", re.I)


def is_amendment(title: str) -> bool:
    """Whether a document's title says it changes another document (a "Data Processing Addendum" is a DPA, a
    document of its own kind)."""
    return bool(_AMENDING.search(_OWN_KIND.sub(" ", title)))
