"""The labelled unit corpus behind clause training and experiments, cached on disk, and the fixed untouched third.

    from clause_corpus import load_corpus, untouched_third

`load_corpus(data)` splits every contract of a CUAD-shaped folder into units (principal.review.clauses.segments),
labels each unit per category (it overlaps a quoted clause by 30% of the unit or half of the clause), and stores
per unit: the term counts (principal.review.clauses.features, one global vocabulary), which of the named patterns
match (principal.review.clauses.patterns) and the offsets. The cache (build/clause-corpus/) is rebuilt whenever the
segmentation, term or pattern code changes, so experiments and training read the same data in a few seconds.

`untouched_third(corpus)` is the fixed third of the contracts that was kept out of all pattern writing, tuning and
model choice in the clause work of issue 15, and is scored once at the end as the estimate on unseen contracts.
It is chosen by rule, not by hand: contracts are ordered by their rarest labelled category (the category with the
fewest labelled contracts they carry, none last) and then by the SHA-256 of the file name, and every third one
(positions 0, 3, 6, ...) is set aside, so the rare categories are spread evenly between the two parts.

The labels are CUAD v1 by The Atticus Project, licensed CC BY 4.0.
"""

from __future__ import annotations

import hashlib
import json
import pickle
import time
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import scipy.sparse as sp

ROOT = Path(__file__).resolve().parent.parent

import sys  # noqa: E402

sys.path.insert(0, str(ROOT / "src"))

from principal.review.clauses.categories import CATEGORIES  # noqa: E402
from principal.review.clauses.features import unit_terms  # noqa: E402
from principal.review.clauses.patterns import PATTERN_NAMES, PATTERNS, matching_patterns  # noqa: E402
from principal.review.clauses.segments import split_units  # noqa: E402
from principal.review.cuad_data import locate_quote, read_corpus  # noqa: E402

CACHE = ROOT / "build" / "clause-corpus"
DEFAULT_DATA = next(
    (p / "shared" / "datasets" / "cuad-dev" for p in (ROOT.parent, ROOT.parent.parent) if (p / "shared").is_dir()),
    ROOT.parent / "shared" / "datasets" / "cuad-dev",
)
SOURCES = ("segments.py", "features.py", "patterns.py")


@dataclass
class Corpus:
    """Units of every contract in reading order, with labels, term counts and pattern matches."""

    names: list[str]
    texts: list[str]  # unit texts
    doc: np.ndarray  # unit -> contract index
    offsets: np.ndarray  # unit -> (start, end) in its contract's text
    labels: np.ndarray  # units x categories, bool
    labelled: np.ndarray  # contracts x categories, bool
    spans: list[dict[str, tuple[tuple[int, int], ...]]]  # per contract, per category: located quote spans
    counts: sp.csr_matrix  # units x vocabulary term counts
    vocabulary: list[str]
    matches: np.ndarray  # units x PATTERNS, bool
    contract_texts: list[str]

    def pooled(self, *, look_alike: bool) -> np.ndarray:
        """units x categories: 1 when any clause pattern (or look-alike) of the category matches (model input)."""
        out = np.zeros((len(self.texts), len(CATEGORIES)))
        for i, pattern in enumerate(PATTERNS):
            if pattern.look_alike == look_alike:
                j = CATEGORIES.index(pattern.category)
                out[:, j] = np.maximum(out[:, j], self.matches[:, i])
        return out

    @property
    def category_patterns(self) -> np.ndarray:
        return self.pooled(look_alike=False)

    @property
    def category_look_alikes(self) -> np.ndarray:
        return self.pooled(look_alike=True)

    def rows_of(self, docs: np.ndarray) -> np.ndarray:
        """Unit rows of the contracts `docs`, in reading order."""
        return np.flatnonzero(np.isin(self.doc, docs))


def overlaps(start: int, end: int, spans: tuple[tuple[int, int], ...]) -> bool:
    for s, e in spans:
        inter = min(e, end) - max(s, start)
        if inter > 0 and (inter >= 0.3 * (end - start) or inter >= 0.5 * (e - s)):
            return True
    return False


def _source_key(data: Path) -> str:
    digest = hashlib.sha256(str(data.resolve()).encode())
    folder = ROOT / "src" / "principal" / "review" / "clauses"
    for name in SOURCES:
        digest.update((folder / name).read_bytes())
    digest.update((data / "master_clauses.csv").read_bytes())
    return digest.hexdigest()[:16]


def _build(data: Path) -> Corpus:
    corpus = read_corpus(data, CATEGORIES)
    names = [c.name for c in corpus.contracts]
    texts: list[str] = []
    doc: list[int] = []
    offsets: list[tuple[int, int]] = []
    labels: list[list[bool]] = []
    spans_all: list[dict[str, tuple[tuple[int, int], ...]]] = []
    contract_texts: list[str] = []
    labelled = np.zeros((len(names), len(CATEGORIES)), dtype=bool)
    for d, contract in enumerate(corpus.contracts):
        text = contract.read_text()
        contract_texts.append(text)
        spans = {c: tuple(s for q in contract.quotes[c] for s in locate_quote(text, q)) for c in CATEGORIES}
        spans_all.append(spans)
        labelled[d] = [contract.present(c) for c in CATEGORIES]
        for unit in split_units(text):
            texts.append(text[unit.start : unit.end])
            doc.append(d)
            offsets.append((unit.start, unit.end))
            labels.append([overlaps(unit.start, unit.end, spans[c]) for c in CATEGORIES])
    vocabulary: dict[str, int] = {}
    rows: list[int] = []
    cols: list[int] = []
    for r, unit_text in enumerate(texts):
        for term in unit_terms(unit_text):
            cols.append(vocabulary.setdefault(term, len(vocabulary)))
            rows.append(r)
    counts = sp.csr_matrix(
        (np.ones(len(rows)), (np.asarray(rows), np.asarray(cols))), shape=(len(texts), len(vocabulary))
    )
    counts.sum_duplicates()
    matches = np.zeros((len(texts), len(PATTERNS)), dtype=bool)
    for r, unit_text in enumerate(texts):
        matches[r, matching_patterns(unit_text)] = True
    return Corpus(
        names=names,
        texts=texts,
        doc=np.asarray(doc),
        offsets=np.asarray(offsets),
        labels=np.asarray(labels, dtype=bool),
        labelled=labelled,
        spans=spans_all,
        counts=counts,
        vocabulary=list(vocabulary),
        matches=matches,
        contract_texts=contract_texts,
    )


def load_corpus(data: Path, *, cache: Path = CACHE) -> Corpus:
    """The corpus of `data`, from the cache when the code that makes it has not changed (a local file we wrote)."""
    key = _source_key(data)
    path = cache / f"corpus-{key}.pickle"
    if path.exists():
        with path.open("rb") as handle:
            loaded: Corpus = pickle.load(handle)
        return loaded
    started = time.time()
    corpus = _build(data)
    cache.mkdir(parents=True, exist_ok=True)
    with path.open("wb") as handle:
        pickle.dump(corpus, handle, protocol=pickle.HIGHEST_PROTOCOL)
    print(f"corpus built: {len(corpus.names)} contracts, {len(corpus.texts)} units ({time.time() - started:.0f} s)")
    return corpus


def untouched_third(names: list[str], labelled: np.ndarray) -> np.ndarray:
    """Boolean mask over contracts: the fixed third kept untouched (see the module docstring)."""
    support = labelled.sum(axis=0)
    rarest = [int(min(support[j] for j in np.flatnonzero(row))) if row.any() else 10**9 for row in labelled]
    order = sorted(range(len(names)), key=lambda d: (rarest[d], hashlib.sha256(names[d].encode()).hexdigest()))
    mask = np.zeros(len(names), dtype=bool)
    mask[order[0::3]] = True
    return mask


HOLDOUT_FILE = ROOT / "scripts" / "clause_holdout.txt"


def fresh_holdout(names: list[str], path: Path = HOLDOUT_FILE) -> np.ndarray:
    """Boolean mask over contracts: the fresh held-out set of the third round (file list in clause_holdout.txt).

    Chosen at random (seed 20261202) and committed before that round changed anything, because the untouched
    third's errors had been published: the untouched third is ordinary development data from then on.
    """
    listed = {line.strip() for line in path.read_text(encoding="utf-8").splitlines() if line.strip() and line[0] != "#"}
    mask = np.array([name in listed for name in names], dtype=bool)
    if int(mask.sum()) != len(listed):
        raise SystemExit(f"{path}: {len(listed) - int(mask.sum())} listed contracts are not in the corpus")
    return mask


def describe_split(names: list[str], labelled: np.ndarray) -> str:
    mask = untouched_third(names, labelled)
    return json.dumps(
        {
            "untouched": int(mask.sum()),
            "development": int((~mask).sum()),
            "untouched_labelled": dict(zip(CATEGORIES, labelled[mask].sum(0).tolist(), strict=True)),
            "development_labelled": dict(zip(CATEGORIES, labelled[~mask].sum(0).tolist(), strict=True)),
        },
        indent=1,
    )


__all__ = [
    "CATEGORIES",
    "DEFAULT_DATA",
    "PATTERN_NAMES",
    "Corpus",
    "describe_split",
    "fresh_holdout",
    "load_corpus",
    "untouched_third",
]
