"""MESO: several packages of equal value to the buyer, offered at once, that differ in what they ask of the vendor.

1. Candidates: packages whose buyer utility is within `tolerance` (1% by default) of the target.
2. What each asks of the vendor: per issue, the vendor's best level value minus the chosen level's value.
   A theme (one issue, or a named group such as "credits and exit") leads a package when the package's concessions
   on that theme's issues are its largest (optionally measured against a reference package such as the ask).
3. Per theme, the candidate the vendor is most likely to accept: acceptance is logistic in vendor utility,
   P = 1 / (1 + exp(-(u_v - d_v) / scale)), 50% at the vendor's walk-away utility d_v.
4. The themes' best packages, ranked by acceptance (highest first).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass

import numpy as np

from principal.strategy.negotiation.space import FloatArray, IssueSpace, Utilities


@dataclass(frozen=True)
class MesoPackage:
    index: int
    theme: str
    levels: dict[str, str]
    buyer_utility: float
    vendor_utility: float
    acceptance: float
    asks: dict[str, float]


def acceptance(vendor_utility: FloatArray, vendor_disagreement: float, scale: float) -> FloatArray:
    """Estimated chance the vendor accepts, logistic in its utility over its walk-away."""
    if scale <= 0:
        raise ValueError("scale must be above 0")
    z = np.clip((vendor_utility - vendor_disagreement) / scale, -700.0, 700.0)
    out: FloatArray = 1.0 / (1.0 + np.exp(-z))
    return out


def equal_value_candidates(utilities: Utilities, target: float, tolerance: float = 0.01) -> Utilities:
    """Packages whose buyer utility is within `tolerance` (relative) of the target."""
    if tolerance < 0:
        raise ValueError("tolerance must be at least 0")
    keep = np.abs(utilities.buyer - target) <= tolerance * abs(target)
    return Utilities(utilities.index[keep], utilities.buyer[keep], utilities.vendor[keep])


def meso(
    space: IssueSpace,
    target_buyer_utility: float,
    *,
    vendor_disagreement: float,
    scale: float,
    themes: Mapping[str, Sequence[str]] | None = None,
    tolerance: float = 0.01,
    utilities: Utilities | None = None,
    relative_to: int | None = None,
) -> list[MesoPackage]:
    """One equal-value package per theme that can lead, ranked by the vendor's estimated acceptance.

    With `relative_to` (a package number, e.g. the buyer's ask), a theme leads when the package asks more of the
    vendor on that theme than the reference package does, by more than on any other theme.
    """
    groups = dict(themes) if themes is not None else {issue.name: [issue.name] for issue in space.issues}
    columns = {name: [space.position(issue) for issue in issues] for name, issues in groups.items()}
    pool = equal_value_candidates(utilities or space.all_utilities(), target_buyer_utility, tolerance)
    if len(pool.index) == 0:
        return []
    asks = space.vendor_concessions(pool.index)
    asks_vs = asks - space.vendor_concessions([relative_to])[0] if relative_to is not None else asks
    theme_names = list(columns)
    by_theme = np.stack([asks_vs[:, cols].sum(axis=1) for cols in columns.values()], axis=1)
    lead = np.argmax(by_theme, axis=1)
    leads_clearly = by_theme.max(axis=1) > 0
    chance = acceptance(pool.vendor, vendor_disagreement, scale)
    out: list[MesoPackage] = []
    for number, theme in enumerate(theme_names):
        members = np.flatnonzero((lead == number) & leads_clearly)
        if len(members) == 0:
            continue
        # Most acceptable first; among equals the one closest to the target, then the lowest package number.
        order = np.lexsort((pool.index[members], np.abs(pool.buyer[members] - target_buyer_utility), -chance[members]))
        best = int(members[order[0]])
        index = int(pool.index[best])
        out.append(
            MesoPackage(
                index=index,
                theme=theme,
                levels=space.describe(index),
                buyer_utility=float(pool.buyer[best]),
                vendor_utility=float(pool.vendor[best]),
                acceptance=float(chance[best]),
                asks={issue.name: float(asks[best, k]) for k, issue in enumerate(space.issues)},
            )
        )
    out.sort(key=lambda item: (-item.acceptance, item.index))
    return out
