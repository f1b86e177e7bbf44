"""The issue space: negotiable issues with discrete levels, and additive utilities for buyer and vendor.

A package picks one level per issue. Its utility for each side is the sum of that side's value of each chosen level
(additive, so each side's weights are carried by the size of its values). Packages are numbered in mixed radix with
the last issue varying fastest, so package i has levels `numpy.unravel_index(i, shape)`.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

import numpy as np
from numpy.typing import NDArray

FloatArray = NDArray[np.float64]
IntArray = NDArray[np.int64]

MAX_PACKAGES = 50_000_000


@dataclass(frozen=True)
class Issue:
    """One negotiable term: its levels (labels) and what each level is worth to the buyer and to the vendor."""

    name: str
    levels: tuple[str, ...]
    buyer: tuple[float, ...]
    vendor: tuple[float, ...]

    def __post_init__(self) -> None:
        if not self.levels:
            raise ValueError(f"issue {self.name!r} needs at least one level")
        if not len(self.levels) == len(self.buyer) == len(self.vendor):
            raise ValueError(f"issue {self.name!r}: levels, buyer and vendor values must have the same length")
        if not all(np.isfinite(self.buyer)) or not all(np.isfinite(self.vendor)):
            raise ValueError(f"issue {self.name!r}: values must be finite numbers")


@dataclass(frozen=True)
class Utilities:
    """Buyer and vendor utility of every package (or of a chosen set), with the package numbers they belong to."""

    index: IntArray
    buyer: FloatArray
    vendor: FloatArray


@dataclass(frozen=True)
class IssueSpace:
    issues: tuple[Issue, ...]
    _buyer: tuple[FloatArray, ...] = field(init=False, repr=False, compare=False)
    _vendor: tuple[FloatArray, ...] = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        if not self.issues:
            raise ValueError("an issue space needs at least one issue")
        names = [issue.name for issue in self.issues]
        if len(set(names)) != len(names):
            raise ValueError("issue names must be unique")
        if self.size > MAX_PACKAGES:
            raise ValueError(f"{self.size:,} packages is more than the {MAX_PACKAGES:,} this engine enumerates")
        object.__setattr__(self, "_buyer", tuple(np.asarray(i.buyer, dtype=np.float64) for i in self.issues))
        object.__setattr__(self, "_vendor", tuple(np.asarray(i.vendor, dtype=np.float64) for i in self.issues))

    @property
    def shape(self) -> tuple[int, ...]:
        return tuple(len(issue.levels) for issue in self.issues)

    @property
    def size(self) -> int:
        return int(np.prod(self.shape, dtype=np.int64))

    def position(self, name: str) -> int:
        for number, issue in enumerate(self.issues):
            if issue.name == name:
                return number
        raise KeyError(f"no issue named {name!r}")

    def levels(self, index: IntArray | Sequence[int]) -> IntArray:
        """Level numbers of packages: an array of shape (len(index), issues)."""
        cols = np.unravel_index(np.asarray(index, dtype=np.int64), self.shape)
        return np.stack(cols, axis=-1).astype(np.int64)

    def index(self, levels: Sequence[int]) -> int:
        """Package number of one choice of levels."""
        return int(np.ravel_multi_index(tuple(int(v) for v in levels), self.shape))

    def all_utilities(self) -> Utilities:
        """Utilities of every package, by adding one issue at a time (outer sums, no Python loop over packages)."""
        buyer = self._buyer[0]
        vendor = self._vendor[0]
        for b, v in zip(self._buyer[1:], self._vendor[1:], strict=True):
            buyer = np.add.outer(buyer, b).ravel()
            vendor = np.add.outer(vendor, v).ravel()
        return Utilities(np.arange(self.size, dtype=np.int64), buyer, vendor)

    def utilities(self, index: IntArray | Sequence[int]) -> Utilities:
        """Utilities of chosen packages."""
        idx = np.asarray(index, dtype=np.int64)
        chosen = self.levels(idx)
        buyer = np.zeros(len(idx))
        vendor = np.zeros(len(idx))
        for number in range(len(self.issues)):
            buyer = buyer + self._buyer[number][chosen[:, number]]
            vendor = vendor + self._vendor[number][chosen[:, number]]
        return Utilities(idx, buyer, vendor)

    def vendor_concessions(self, index: IntArray | Sequence[int]) -> FloatArray:
        """What each package asks of the vendor on each issue: the vendor's best level value minus the chosen one."""
        chosen = self.levels(index)
        out = np.empty(chosen.shape, dtype=np.float64)
        for number in range(len(self.issues)):
            values = self._vendor[number]
            out[:, number] = values.max() - values[chosen[:, number]]
        return out

    def describe(self, index: int) -> dict[str, str]:
        """Issue name -> chosen level label for one package."""
        chosen = self.levels([index])[0]
        return {issue.name: issue.levels[int(level)] for issue, level in zip(self.issues, chosen, strict=True)}
