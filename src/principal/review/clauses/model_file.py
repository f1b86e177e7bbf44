"""The shipped clause model: plain data, loaded without pickle and scored with numpy.

Two files in `principal/review/clauses/data/`:

- `clause_model.json`: format tag and version, categories, the vocabulary (a list of terms; a term's position is
  its row), the names of the hand-written patterns it was trained with, the pattern and context weights, and
  metadata (estimated accuracy on unseen contracts, cross-validated figures, CUAD credit).
- `clause_model.npz`: numeric arrays only, read with `allow_pickle=False`: `idf` (one per term), `coef` (one row
  per term, then one per category's clause-pattern column, then one per category's look-alike column; one column
  per category), `context_coef` (one row per term, one column per category), `intercept`, `threshold` and
  `possible_threshold` (one per category), and `fingerprints` (one row of MinHash values per training contract,
  see fingerprint.py, used to tell when an evaluation includes contracts the model was trained on).

Scoring repeats what scikit-learn's `TfidfVectorizer(sublinear_tf=True)` and `LogisticRegression` did at training
time. For every unit: word weights w = (1 + ln count) x idf over known terms, scaled to unit length; pattern
matches p (one column per category: 1 when any of that category's clause patterns matches the unit, else 0) and
look-alike matches a (the same for the category's look-alike patterns). Then, for the units of one document in
reading order,

    margin[i] = w[i] . coef_terms + pattern_weight x (p[i] . coef_patterns + a[i] . coef_look_alikes)
                + context_weight x (w[i-1] + w[i+1]) . context_coef + intercept

(a neighbour outside the document counts as zero). A unit is a hit for a category when its margin reaches that
category's threshold, and a possible clause when it reaches only `possible_threshold`; the reported score is the
logistic of the margin.
"""

from __future__ import annotations

import functools
import json
import zipfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import numpy as np
import numpy.typing as npt

from principal.errors import ShippedDataError
from principal.review.clauses.categories import CATEGORIES
from principal.review.clauses.features import unit_terms
from principal.review.clauses.fingerprint import SIGNATURE_SIZE
from principal.review.clauses.patterns import PATTERN_NAMES, pattern_columns

MODEL_FORMAT = "principal-clause-model"
MODEL_VERSION = 3
DATA_DIR = Path(__file__).resolve().parent / "data"
JSON_NAME = "clause_model.json"
ARRAYS_NAME = "clause_model.npz"
ARRAY_NAMES = ("idf", "coef", "context_coef", "intercept", "threshold", "possible_threshold", "fingerprints")

FloatArray = npt.NDArray[np.float64]


class ModelFileError(ShippedDataError):
    """The model files are missing or inconsistent: a packaging fault, not a problem with the user's contract."""

    advice = "reinstall Principal or retrain the model with scripts/train_clause_model.py"


@dataclass(frozen=True)
class ClauseModel:
    """A loaded clause model: vocabulary, arrays and the metadata written by the training script."""

    categories: tuple[str, ...]
    index: dict[str, int]
    idf: FloatArray
    coef: FloatArray
    context_coef: FloatArray
    intercept: FloatArray
    threshold: FloatArray
    possible_threshold: FloatArray
    fingerprints: FloatArray
    pattern_weight: float
    context_weight: float
    metadata: dict[str, Any] = field(default_factory=dict)

    def margins(self, texts: list[str]) -> FloatArray:
        """One row per unit, one column per category: the margin (log-odds) of each.

        `texts` are the units of one document in reading order: each unit's neighbours add context.
        """
        n_units = len(texts)
        n_terms = len(self.index)
        n_cat = len(self.categories)
        if n_units == 0:
            return np.zeros((0, n_cat))
        unit_ids: list[int] = []
        term_ids: list[int] = []
        patterns = np.zeros((n_units, 2 * n_cat))
        column = {category: j for j, category in enumerate(self.categories)}
        lookup = self.index.get
        for row, text in enumerate(texts):
            ids = [i for i in (lookup(t) for t in unit_terms(text)) if i is not None]
            term_ids.extend(ids)
            unit_ids.extend([row] * len(ids))
            clause, look_alike = pattern_columns(text)
            for category in clause:
                patterns[row, column[category]] = 1.0
            for category in look_alike:
                patterns[row, n_cat + column[category]] = 1.0
        scores = patterns @ (self.pattern_weight * self.coef[n_terms:]) + self.intercept
        if term_ids:
            keys = np.asarray(unit_ids, dtype=np.int64) * n_terms + np.asarray(term_ids, dtype=np.int64)
            unique, counts = np.unique(keys, return_counts=True)
            units = unique // n_terms
            terms = unique % n_terms
            weights = (1.0 + np.log(counts)) * self.idf[terms]
            norms = np.sqrt(np.bincount(units, weights=weights * weights, minlength=n_units))
            weights = weights / norms[units]
            context = np.zeros((n_units, n_cat))
            for j in range(n_cat):
                scores[:, j] += np.bincount(units, weights=weights * self.coef[terms, j], minlength=n_units)
                context[:, j] = np.bincount(units, weights=weights * self.context_coef[terms, j], minlength=n_units)
            scores[1:] += self.context_weight * context[:-1]
            scores[:-1] += self.context_weight * context[1:]
        return scores


def _fail(path: Path, message: str) -> ModelFileError:
    return ModelFileError(path, message)


def _number(meta: dict[str, Any], key: str, path: Path) -> float:
    value = meta.get(key)
    if not isinstance(value, int | float) or isinstance(value, bool):
        raise _fail(path, f"`{key}` must be a number")
    return float(value)


def load_clause_model(directory: Path | None = None) -> ClauseModel:
    """Read and check the model files in `directory` (default: the copy shipped inside the package)."""
    folder = directory if directory is not None else DATA_DIR
    json_path = folder / JSON_NAME
    arrays_path = folder / ARRAYS_NAME
    try:
        meta = json.loads(json_path.read_text(encoding="utf-8"))
    except (OSError, ValueError) as exc:
        raise _fail(json_path, f"cannot read the model description ({exc})") from None
    if not isinstance(meta, dict) or meta.get("format") != MODEL_FORMAT or meta.get("version") != MODEL_VERSION:
        raise _fail(json_path, f"not a {MODEL_FORMAT} version {MODEL_VERSION} file")
    categories = meta.get("categories")
    terms = meta.get("terms")
    if categories != list(CATEGORIES):
        raise _fail(json_path, "its categories differ from the ones this version of Principal detects")
    if meta.get("patterns") != list(PATTERN_NAMES):
        raise _fail(json_path, "its pattern list differs from the patterns of this version of Principal")
    if not isinstance(terms, list) or not all(isinstance(t, str) for t in terms) or len(set(terms)) != len(terms):
        raise _fail(json_path, "`terms` must be a list of distinct strings")
    pattern_weight = _number(meta, "pattern_weight", json_path)
    context_weight = _number(meta, "context_weight", json_path)
    try:
        with np.load(arrays_path, allow_pickle=False) as data:
            arrays = {name: np.asarray(data[name], dtype=np.float64) for name in ARRAY_NAMES}
    except (OSError, ValueError, KeyError, EOFError, zipfile.BadZipFile) as exc:  # .npz is a zip archive
        raise _fail(arrays_path, f"cannot read the model arrays ({exc})") from None
    n_terms, n_cat = len(terms), len(CATEGORIES)
    fingerprints = arrays["fingerprints"]
    expected = {
        "idf": (n_terms,),
        "coef": (n_terms + 2 * n_cat, n_cat),
        "context_coef": (n_terms, n_cat),
        "intercept": (n_cat,),
        "threshold": (n_cat,),
        "possible_threshold": (n_cat,),
        "fingerprints": (fingerprints.shape[0] if fingerprints.ndim == 2 else -1, SIGNATURE_SIZE),
    }
    for name, shape in expected.items():
        if arrays[name].shape != shape:
            raise _fail(arrays_path, f"`{name}` has shape {arrays[name].shape}, expected {shape}")
        if not np.all(np.isfinite(arrays[name])):
            raise _fail(arrays_path, f"`{name}` holds a value that is not a finite number")
    return ClauseModel(
        categories=tuple(categories),
        index={term: i for i, term in enumerate(terms)},
        idf=arrays["idf"],
        coef=arrays["coef"],
        context_coef=arrays["context_coef"],
        intercept=arrays["intercept"],
        threshold=arrays["threshold"],
        possible_threshold=np.minimum(arrays["possible_threshold"], arrays["threshold"]),
        fingerprints=fingerprints,
        pattern_weight=pattern_weight,
        context_weight=context_weight,
        metadata={k: v for k, v in meta.items() if k != "terms"},
    )


@functools.lru_cache(maxsize=1)
def shipped_clause_model() -> ClauseModel:
    """The model shipped with the package, read once per process."""
    return load_clause_model()
