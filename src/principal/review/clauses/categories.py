"""The clause categories Principal detects, named exactly as in CUAD v1 (The Atticus Project, CC BY 4.0)."""

from __future__ import annotations

CATEGORIES: tuple[str, ...] = (
    "Cap On Liability",
    "Uncapped Liability",
    "Termination For Convenience",
    "Renewal Term",
    "Notice Period To Terminate Renewal",
    "Minimum Commitment",
    "Post-Termination Services",
    "Price Restrictions",
    "Volume Restriction",
    "Liquidated Damages",
    "Audit Rights",
    "Most Favored Nation",
)
