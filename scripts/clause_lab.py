"""Fit and score clause models on the cached corpus (clause_corpus.py): the code that training and experiments share.

The word block repeats scikit-learn's `TfidfVectorizer(sublinear_tf=True, min_df=MIN_DF, max_features=MAX_TERMS)`
fitted on the training rows, from the cached global term counts: terms seen in at least MIN_DF training units,
the MAX_TERMS with the highest total count, idf = ln((1 + n) / (1 + df)) + 1, tf = 1 + ln(count), rows scaled to
unit length. The runtime scorer (principal.review.clauses.model_file) computes the same from the text.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np
import scipy.sparse as sp
from clause_corpus import CATEGORIES, Corpus
from joblib import Parallel, delayed
from sklearn.linear_model import LogisticRegression

SEED = 0


@dataclass(frozen=True)
class Config:
    """One model configuration (the shipped one is the default)."""

    min_df: int = 3
    max_terms: int = 40000
    pattern_weight: float = 1.0
    context_weight: float = 0.5
    c_value: float = 4.0
    positive_weight: float | None = None  # None: class-balanced
    look_alikes: bool = True
    per_pattern: bool = False  # one column per named pattern besides the pooled per-category columns
    only: tuple[int, ...] | None = None  # experiments: fit only these category columns (others get zero weights)
    extra: tuple[str, ...] = field(default_factory=tuple)


@dataclass
class Fitted:
    terms: np.ndarray  # column indexes into the corpus vocabulary
    idf: np.ndarray
    weights: np.ndarray  # features x categories
    intercept: np.ndarray


def select_terms(counts: sp.csr_matrix, min_df: int, max_terms: int) -> tuple[np.ndarray, np.ndarray]:
    """Vocabulary columns kept and their idf, from the training rows' counts."""
    n = counts.shape[0]
    df = np.bincount(counts.indices, minlength=counts.shape[1])
    total = np.asarray(counts.sum(axis=0)).ravel()
    keep = np.flatnonzero(df >= min_df)
    if len(keep) > max_terms:
        # Highest total count first; ties broken by the term's position, which scikit-learn also does (stable sort).
        order = np.argsort(-total[keep], kind="stable")[:max_terms]
        keep = np.sort(keep[order])
    idf = np.log((1.0 + n) / (1.0 + df[keep])) + 1.0
    return keep, idf


def tfidf(counts: sp.csr_matrix, terms: np.ndarray, idf: np.ndarray) -> sp.csr_matrix:
    x = counts[:, terms].tocsr().astype(np.float64)
    x.data = 1.0 + np.log(x.data)
    x = x @ sp.diags(idf)
    norms = np.sqrt(np.asarray(x.multiply(x).sum(axis=1)).ravel())
    norms[norms == 0] = 1.0
    return sp.diags(1.0 / norms) @ x


def neighbour_sum(words: sp.csr_matrix, doc: np.ndarray) -> sp.csr_matrix:
    """Row i = row i-1 + row i+1, counting only neighbours in the same contract (rows in reading order)."""
    n = words.shape[0]
    same = doc[1:] == doc[:-1]
    rows = np.concatenate([np.arange(1, n)[same], np.arange(0, n - 1)[same]])
    cols = np.concatenate([np.arange(0, n - 1)[same], np.arange(1, n)[same]])
    shift = sp.csr_matrix((np.ones(len(rows)), (rows, cols)), shape=(n, n))
    return (shift @ words).tocsr()


def features(corpus: Corpus, rows: np.ndarray, terms: np.ndarray, idf: np.ndarray, config: Config) -> sp.csr_matrix:
    words = tfidf(corpus.counts[rows], terms, idf)
    context = neighbour_sum(words, corpus.doc[rows])
    blocks = [words, sp.csr_matrix(corpus.category_patterns[rows] * config.pattern_weight)]
    if config.look_alikes:
        blocks.append(sp.csr_matrix(corpus.category_look_alikes[rows] * config.pattern_weight))
    if config.per_pattern:
        blocks.append(sp.csr_matrix(corpus.matches[rows].astype(np.float64) * config.pattern_weight))
    x = sp.hstack([*blocks, context * config.context_weight]).tocsr()
    x.sum_duplicates()
    x.sort_indices()
    return x


def _fit_category(x: sp.csr_matrix, y: np.ndarray, config: Config) -> tuple[np.ndarray, float]:
    if y.all() or not y.any():
        return np.zeros(x.shape[1]), (10.0 if y.all() else -10.0)
    weight: dict[int, float] | str = (
        "balanced" if config.positive_weight is None else {0: 1.0, 1: config.positive_weight}
    )
    model = LogisticRegression(
        C=config.c_value, class_weight=weight, solver="liblinear", max_iter=2000, random_state=SEED
    )
    model.fit(x, y)
    return model.coef_[0], float(model.intercept_[0])


def fit(corpus: Corpus, rows: np.ndarray, config: Config, jobs: int = 2) -> Fitted:
    terms, idf = select_terms(corpus.counts[rows], config.min_df, config.max_terms)
    x = features(corpus, rows, terms, idf, config)
    wanted = range(len(CATEGORIES)) if config.only is None else config.only
    fitted = Parallel(n_jobs=jobs)(delayed(_fit_category)(x, corpus.labels[rows, j], config) for j in wanted)
    by_column = dict(zip(wanted, fitted, strict=True))
    parts = [by_column.get(j, (np.zeros(x.shape[1]), -10.0)) for j in range(len(CATEGORIES))]
    weights = np.stack([p[0] for p in parts], axis=1)
    intercept = np.array([p[1] for p in parts])
    return Fitted(terms, idf, weights, intercept)


def margins(corpus: Corpus, fitted: Fitted, rows: np.ndarray, config: Config) -> np.ndarray:
    return np.asarray(features(corpus, rows, fitted.terms, fitted.idf, config) @ fitted.weights) + fitted.intercept


def fold_assignment(n_docs: int, folds: int, seed: int = SEED) -> np.ndarray:
    """Each contract's fold: a seeded shuffle dealt round-robin, so folds differ in size by at most one."""
    order = np.random.RandomState(seed).permutation(n_docs)
    fold_of_doc = np.empty(n_docs, dtype=int)
    fold_of_doc[order] = np.arange(n_docs) % folds
    return fold_of_doc


def document_best(corpus: Corpus, unit_margins: np.ndarray, rows: np.ndarray | None = None) -> np.ndarray:
    """contracts x categories: the best unit's margin (-inf for contracts without scored units)."""
    rows = np.arange(len(corpus.texts)) if rows is None else rows
    best = np.full((len(corpus.names), len(CATEGORIES)), -np.inf)
    np.maximum.at(best, corpus.doc[rows], unit_margins[rows])
    return best


def best_threshold(scores: np.ndarray, labels: np.ndarray) -> float:
    """The document-score threshold with the best F1 (midway to the next lower score)."""
    values = np.unique(scores)[::-1]
    best_f1, best_i = -1.0, 0
    positives = labels.sum()
    for i, value in enumerate(values):
        predicted = scores >= value
        tp = (predicted & labels).sum()
        f1 = 2 * tp / (predicted.sum() + positives) if predicted.sum() + positives else 0.0
        if f1 > best_f1:
            best_f1, best_i = f1, i
    upper = values[best_i]
    lower = values[best_i + 1] if best_i + 1 < len(values) else upper - 1.0
    return float((upper + lower) / 2)


def f1_per_category(labelled: np.ndarray, predicted: np.ndarray) -> np.ndarray:
    denominator = labelled.sum(0) + predicted.sum(0)
    tp = (labelled & predicted).sum(0)
    return np.where(denominator > 0, 2 * tp / np.maximum(denominator, 1), 1.0)


SHRINK_PRIOR_WEIGHT = 10.0
SHRINK_PRIOR_SUPPORT = 40


def shrunk_thresholds(best: np.ndarray, labelled: np.ndarray) -> np.ndarray:
    """Per category, the best-F1 threshold pulled towards a prior shared by all categories.

    A threshold read off 10 or 20 positive contracts sits on a sharp, lucky peak. Each category's best-F1
    threshold t (on `best`, contracts x categories document scores) is replaced by
    (n t + K t0) / (n + K), where n is the category's number of labelled contracts, K = SHRINK_PRIOR_WEIGHT and
    t0 the median best-F1 threshold of the categories with at least SHRINK_PRIOR_SUPPORT labelled contracts (the
    class-balanced margins of all categories are on one scale). Common categories barely move; rare ones move most.
    """
    raw = np.array([best_threshold(best[:, j], labelled[:, j]) for j in range(best.shape[1])])
    support = labelled.sum(axis=0)
    common = support >= SHRINK_PRIOR_SUPPORT
    prior = float(np.median(raw[common] if common.any() else raw))
    return (support * raw + SHRINK_PRIOR_WEIGHT * prior) / (support + SHRINK_PRIOR_WEIGHT)
