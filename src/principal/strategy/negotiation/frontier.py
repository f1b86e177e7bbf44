"""Pareto frontier and Nash bargaining point over packages, vectorised with numpy.

A package is on the Pareto frontier when no other package is at least as good for both sides and better for one.
Sort by buyer utility (high first) and group equal buyer utilities; a package is dominated exactly when
- a group with strictly higher buyer utility reaches its vendor utility (running maximum of group maxima), or
- its own group holds a higher vendor utility (the group maximum).
That is one sort and a few linear passes: O(n log n).
"""

from __future__ import annotations

import numpy as np
from numpy.typing import NDArray

from principal.strategy.negotiation.space import FloatArray, IntArray

BoolArray = NDArray[np.bool_]


def pareto_mask(buyer: FloatArray, vendor: FloatArray) -> BoolArray:
    """True for every package no other package dominates (ties at the same point are all kept)."""
    n = len(buyer)
    if n == 0:
        return np.zeros(0, dtype=bool)
    order = np.argsort(-buyer)
    b = buyer[order]
    v = vendor[order]
    starts = np.flatnonzero(np.concatenate(([True], b[1:] != b[:-1])))
    group_best = np.maximum.reduceat(v, starts)
    best_before = np.empty(len(starts))
    best_before[0] = -np.inf
    best_before[1:] = np.maximum.accumulate(group_best)[:-1]
    sizes = np.diff(np.append(starts, n))
    keep_sorted = (v > np.repeat(best_before, sizes)) & (v >= np.repeat(group_best, sizes))
    mask = np.empty(n, dtype=bool)
    mask[order] = keep_sorted
    return mask


def pareto_front(buyer: FloatArray, vendor: FloatArray) -> IntArray:
    """Positions of the frontier packages, from the buyer's best to the vendor's best."""
    on = np.flatnonzero(pareto_mask(buyer, vendor))
    return on[np.lexsort((-vendor[on], -buyer[on]))].astype(np.int64)


def nash_point(
    buyer: FloatArray, vendor: FloatArray, buyer_disagreement: float, vendor_disagreement: float
) -> int | None:
    """Position of the package maximising (u_b - d_b)(u_v - d_v) among those both sides prefer to no deal.

    Returns None when no package gives both sides at least their disagreement (walk-away) utility. On exact ties the
    lowest position wins, so the answer is deterministic.
    """
    feasible = (buyer >= buyer_disagreement) & (vendor >= vendor_disagreement)
    if not feasible.any():
        return None
    product = np.where(feasible, (buyer - buyer_disagreement) * (vendor - vendor_disagreement), -np.inf)
    return int(np.argmax(product))
