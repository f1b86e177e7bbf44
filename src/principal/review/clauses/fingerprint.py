"""Text fingerprints: tell whether a contract is (nearly) the same text as one the clause model was trained on.

A file name says nothing (the same filing is often saved under two names), so the check reads the text. The text
is lower-cased and reduced to its words (letters and digits), cut into overlapping 5-word shingles, and each
shingle is hashed (CRC-32 of each word, combined and mixed with the SplitMix64 finaliser) to 24 bits, so that the
values are exact in the float32 arrays of the model file. The signature is a bottom-k MinHash sketch: the
`SIGNATURE_SIZE` smallest distinct shingle hashes, in ascending order (padded with -1 for very short texts). For
two signatures, take the `SIGNATURE_SIZE` smallest values of their union: the share of those found in both
estimates the Jaccard similarity of the two shingle sets. Different contracts share few 5-word runs: in cuad-dev,
apart from the same filings saved twice under other names (0.81 to 0.94), the closest pair is two one-page joint
filing agreements at about 0.5. The same contract converted twice, re-wrapped or in other capitals stays well
above `SAME_TEXT`.
"""

from __future__ import annotations

import re
import zlib

import numpy as np
import numpy.typing as npt

SIGNATURE_SIZE = 64
SHINGLE_WORDS = 5
SAME_TEXT = 0.7
_WORD = re.compile(r"[a-z0-9]+")
_LOW_BITS = np.uint64(2**24 - 1)


def _mix(x: npt.NDArray[np.uint64]) -> npt.NDArray[np.uint64]:
    """SplitMix64 finaliser (wrapping unsigned arithmetic)."""
    x = x ^ (x >> np.uint64(30))
    x = x * np.uint64(0xBF58476D1CE4E5B9)
    x = x ^ (x >> np.uint64(27))
    x = x * np.uint64(0x94D049BB133111EB)
    return x ^ (x >> np.uint64(31))


def text_signature(text: str) -> npt.NDArray[np.float64]:
    """The bottom-k signature of `text` (SIGNATURE_SIZE values, ascending, -1 where the text has fewer shingles)."""
    found = _WORD.findall(text.lower())
    codes = {w: zlib.crc32(w.encode()) for w in set(found)}
    words = np.array([codes[w] for w in found], dtype=np.uint64)
    signature = np.full(SIGNATURE_SIZE, -1.0)
    if len(words) == 0:
        return signature
    n = max(1, len(words) - SHINGLE_WORDS + 1)
    shingles = np.zeros(n, dtype=np.uint64)
    with np.errstate(over="ignore"):
        for k in range(min(SHINGLE_WORDS, len(words))):
            shingles = _mix(shingles ^ words[k : k + n])
    smallest = np.unique(shingles & _LOW_BITS)[:SIGNATURE_SIZE]
    signature[: len(smallest)] = smallest
    return signature


def similarity(signature: npt.NDArray[np.float64], others: npt.NDArray[np.float64]) -> npt.NDArray[np.float64]:
    """For each row of `others`: the share of the smallest hashes of both texts together that both texts have."""
    values = np.zeros(others.shape[0])
    own = signature[signature >= 0]
    if len(own) == 0 or others.shape[0] == 0:
        return values
    both = np.concatenate([np.broadcast_to(own, (others.shape[0], len(own))), others], axis=1)
    both = np.where(both < 0, np.inf, both)
    both.sort(axis=1)
    union_size = np.minimum((both[:, 1:] != both[:, :-1]).sum(axis=1) + 1, SIGNATURE_SIZE)
    shared = np.isin(others, own) & (others >= 0)
    # A shared value counts when it is among the union's smallest SIGNATURE_SIZE distinct values.
    for i in np.flatnonzero(shared.any(axis=1)):
        distinct = np.unique(both[i][np.isfinite(both[i])])[:SIGNATURE_SIZE]
        values[i] = np.isin(distinct, others[i][shared[i]]).sum() / union_size[i]
    return values


def closest_match(text: str, fingerprints: npt.NDArray[np.float64]) -> float:
    """The highest estimated similarity of `text` to any of the stored training fingerprints (0 when none)."""
    values = similarity(text_signature(text), fingerprints)
    return float(values.max()) if len(values) else 0.0
