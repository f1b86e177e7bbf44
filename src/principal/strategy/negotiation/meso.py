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
from numpy.typing import NDArray

from principal.strategy.negotiation.space import FloatArray, IssueSpace, Utilities

BoolArray = NDArray[np.bool_]


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


@dataclass(frozen=True)
class Fallback:
    """One fallback package: led by its theme, of equal value to the buyer, with a stronger version when the
    vendor would very likely say yes to it (money left on the table)."""

    theme: str
    index: int
    lead: str
    """The theme's issue that goes furthest beyond the ask (by what it costs the vendor)."""
    buyer_utility: float
    vendor_utility: float
    acceptance: float
    stronger: MesoPackage | None


HIGH_ACCEPTANCE = 0.9
"""Above this modelled chance of a yes, a fallback leaves money on the table: the brief shows a stronger one."""


def fallbacks(
    space: IssueSpace,
    ask_levels: Sequence[int],
    *,
    themes: Mapping[str, Sequence[str]],
    floors: Sequence[int],
    vendor_disagreement: float,
    scale: float,
    tolerance: float = 0.005,
    allowed: Sequence[bool] | BoolArray | None = None,
) -> list[Fallback]:
    """The seed's fallbacks: one package per theme, in the themes' order, that
    - goes beyond the ask on one of the theme's issues and on no issue outside the theme,
    - never drops below `floors` on any issue (the protections the buyer's current offer holds),
    - is worth the ask's buyer utility within `tolerance` (0.5% either side, so any two are within 1%),
    - is `allowed` (e.g. inside the walk-away by the stated margin),
    and of those the one the vendor is most likely to accept. Levels are numbered from the vendor's terms (0)
    towards the buyer's, so a higher level is never worse for the buyer.
    """
    utilities = space.all_utilities()
    # One small integer column per issue (levels never exceed a few hundred), not an int64 matrix of every package.
    columns = [c.astype(np.int16) for c in np.unravel_index(utilities.index, space.shape)]
    ask = [int(v) for v in ask_levels]
    target = float(space.utilities([space.index(ask)]).buyer[0])
    base = np.ones(len(utilities.index), dtype=bool)
    for column, floor in zip(columns, floors, strict=True):
        base &= column >= floor
    if allowed is not None:
        base &= np.asarray(allowed, dtype=bool)
    near = np.abs(utilities.buyer - target) <= tolerance * abs(target)
    chance = acceptance(utilities.vendor, vendor_disagreement, scale)
    vendor_values = [np.asarray(issue.vendor, dtype=np.float64) for issue in space.issues]
    out: list[Fallback] = []
    for theme, names in themes.items():
        cols = [space.position(name) for name in names]
        shape = base.copy()
        for k, column in enumerate(columns):
            if k not in cols:
                shape &= column <= ask[k]
        beyond_any = np.zeros(len(shape), dtype=bool)
        for k in cols:
            beyond_any |= columns[k] > ask[k]
        shape &= beyond_any
        members = np.flatnonzero(shape & near)
        if len(members) == 0:
            continue
        order = np.lexsort((members, np.abs(utilities.buyer[members] - target), -chance[members]))
        best = int(members[order[0]])
        beyond = {
            space.issues[k].name: float(vendor_values[k][ask[k]] - vendor_values[k][columns[k][best]]) for k in cols
        }
        lead = max(beyond, key=lambda name: (beyond[name], -space.position(name)))
        stronger = None
        if chance[best] >= HIGH_ACCEPTANCE:
            harder = np.flatnonzero(
                shape & (utilities.buyer > utilities.buyer[best]) & (utilities.vendor >= vendor_disagreement)
            )
            if len(harder):
                pick = int(harder[np.lexsort((harder, -utilities.buyer[harder]))[0]])
                stronger = MesoPackage(
                    index=pick,
                    theme=theme,
                    levels=space.describe(pick),
                    buyer_utility=float(utilities.buyer[pick]),
                    vendor_utility=float(utilities.vendor[pick]),
                    acceptance=float(chance[pick]),
                    asks={},
                )
        out.append(
            Fallback(
                theme=theme,
                index=best,
                lead=lead,
                buyer_utility=float(utilities.buyer[best]),
                vendor_utility=float(utilities.vendor[best]),
                acceptance=float(chance[best]),
                stronger=stronger,
            )
        )
    return out
