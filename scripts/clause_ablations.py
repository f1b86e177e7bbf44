#!/usr/bin/env python
"""Reproduce the clause-model variants compared in docs/review-clauses.md ("What was tried").

    .venv/bin/python scripts/clause_ablations.py [--data ../shared/datasets/cuad-dev] [--cache DIR] VARIANT...

Variants (each scored with the same 5 contract-grouped folds as scripts/train_clause_model.py):

  shipped          the shipped configuration: words, pooled patterns, neighbours' words, C = 4
  char             + character 3-5-grams within words (100,000 most frequent), one more TF-IDF block
  lsa              + a 200-dimension latent semantic projection of the words block (truncated SVD, unit length)
  hard-negatives   shipped features, refitted with the 3 best-scoring units of every contract without the
                   category weighted 5 (the units that decide a false positive under "best unit" pooling)
  whole-document   one TF-IDF logistic regression per category over whole contracts (C = 10), alone and added
                   to the shipped model's best-unit margin (weights 0.5 and 1)
  embeddings       + sentence embeddings of each unit and its neighbours from a file (--embeddings, one row per
                   unit in corpus order, e.g. all-MiniLM-L6-v2; computing them needs sentence-transformers, which
                   Principal does not depend on)

For each variant it prints the Macro-F1 with thresholds chosen on the other folds' out-of-fold scores (the
protocol of the "F1" column), the mean document-level average precision of the best unit's margin ("AP", no
threshold), and the "oracle" Macro-F1 with each category's threshold chosen on all 305 contracts' own labels: an
upper bound that no threshold rule can beat for that model, used to tell a weak model from unlucky thresholds.
Brackets give each Macro-F1's 95% bootstrap interval over contracts (principal.review.cuad_eval.macro_f1_interval).
Out-of-fold margins are cached in --cache so that sums of variants ("ensemble") cost nothing more. The last line
takes each category's best row under oracle thresholds: a bound on any per-category choice among the rows printed.
"""

from __future__ import annotations

import argparse
import sys
import time
from collections.abc import Callable
from pathlib import Path

import numpy as np
import scipy.sparse as sp
from joblib import Parallel, delayed
from sklearn.decomposition import TruncatedSVD
from sklearn.feature_extraction.text import TfidfVectorizer
from sklearn.linear_model import LogisticRegression
from sklearn.metrics import average_precision_score

sys.path.insert(0, str(Path(__file__).resolve().parent))
import train_clause_model as training

from principal.review.cuad_eval import macro_f1_interval

CATEGORIES = training.CATEGORIES
Build = Callable[[np.ndarray, np.ndarray], tuple[sp.csr_matrix, sp.csr_matrix]]


def shipped_features(units: training.Units) -> Build:
    def build(train: np.ndarray, test: np.ndarray) -> tuple[sp.csr_matrix, sp.csr_matrix]:
        vectorizer = TfidfVectorizer(
            analyzer=training.unit_terms, min_df=training.MIN_DF, max_features=training.MAX_TERMS, sublinear_tf=True
        )
        return (
            training._features(vectorizer, units, train, fit=True),
            training._features(vectorizer, units, test),
        )

    return build


def with_char_ngrams(units: training.Units) -> Build:
    base = shipped_features(units)

    def build(train: np.ndarray, test: np.ndarray) -> tuple[sp.csr_matrix, sp.csr_matrix]:
        a, b = base(train, test)
        chars = TfidfVectorizer(
            analyzer="char_wb", ngram_range=(3, 5), min_df=3, max_features=100000, sublinear_tf=True
        )
        ca = chars.fit_transform([units.texts[i] for i in train])
        cb = chars.transform([units.texts[i] for i in test])
        return sp.hstack([a, ca]).tocsr(), sp.hstack([b, cb]).tocsr()

    return build


def with_lsa(units: training.Units) -> Build:
    base = shipped_features(units)

    def build(train: np.ndarray, test: np.ndarray) -> tuple[sp.csr_matrix, sp.csr_matrix]:
        a, b = base(train, test)
        words = (a.shape[1] - len(CATEGORIES)) // 2  # blocks: words, patterns, context (same width as words)
        svd = TruncatedSVD(200, random_state=training.SEED, n_iter=4)
        za, zb = svd.fit_transform(a[:, :words]), svd.transform(b[:, :words])
        za /= np.linalg.norm(za, axis=1, keepdims=True) + 1e-12
        zb /= np.linalg.norm(zb, axis=1, keepdims=True) + 1e-12
        return sp.hstack([a, sp.csr_matrix(za)]).tocsr(), sp.hstack([b, sp.csr_matrix(zb)]).tocsr()

    return build


def with_embeddings(units: training.Units, path: Path) -> Build:
    vectors = np.load(path).astype(np.float64)
    if vectors.shape[0] != len(units.texts):
        raise SystemExit(f"error: {path}: {vectors.shape[0]} rows, the corpus has {len(units.texts)} units")
    doc = units.doc_index
    before = np.r_[False, doc[1:] == doc[:-1]][:, None]
    after = np.r_[doc[1:] == doc[:-1], False][:, None]
    context = np.where(before, np.roll(vectors, 1, 0), 0.0) + np.where(after, np.roll(vectors, -1, 0), 0.0)
    dense = sp.csr_matrix(np.hstack([vectors, training.CONTEXT_WEIGHT * context]))
    base = shipped_features(units)

    def build(train: np.ndarray, test: np.ndarray) -> tuple[sp.csr_matrix, sp.csr_matrix]:
        a, b = base(train, test)
        return sp.hstack([a, dense[train]]).tocsr(), sp.hstack([b, dense[test]]).tocsr()

    return build


def _classifier() -> LogisticRegression:
    return LogisticRegression(
        C=training.C_VALUE, class_weight="balanced", solver="liblinear", max_iter=2000, random_state=training.SEED
    )


def _fit_fold(
    units: training.Units, build: Build, train: np.ndarray, test: np.ndarray, hard_negatives: bool
) -> np.ndarray:
    x_train, x_test = build(train, test)
    margins = np.zeros((len(test), len(CATEGORIES)))
    docs = units.doc_index[train]
    for j in range(len(CATEGORIES)):
        y = units.labels[train, j]
        model = _classifier().fit(x_train, y)
        if hard_negatives:
            own = model.decision_function(x_train)
            order = np.lexsort((-own, docs))  # by contract, best unit first
            first = np.r_[0, np.flatnonzero(docs[order][1:] != docs[order][:-1]) + 1]
            rank = np.empty(len(train), dtype=int)
            rank[order] = np.arange(len(order)) - np.repeat(first, np.diff(np.r_[first, len(order)]))
            weight = np.where((rank < 3) & ~units.labelled[docs, j] & ~y, 5.0, 1.0)
            model = _classifier().fit(x_train, y, sample_weight=weight)
        margins[:, j] = model.decision_function(x_test)
    return margins


def out_of_fold(
    units: training.Units, build: Build, fold_of_unit: np.ndarray, *, hard_negatives: bool = False
) -> np.ndarray:
    folds = range(int(fold_of_unit.max()) + 1)
    parts = Parallel(n_jobs=2)(
        delayed(_fit_fold)(
            units, build, np.flatnonzero(fold_of_unit != k), np.flatnonzero(fold_of_unit == k), hard_negatives
        )
        for k in folds
    )
    margins = np.zeros(units.labels.shape)
    for k, part in zip(folds, parts, strict=True):
        margins[fold_of_unit == k] = part
    return margins


def whole_document(units: training.Units, fold_of_doc: np.ndarray) -> np.ndarray:
    texts = ["\n".join(units.texts[i] for i in np.flatnonzero(units.doc_index == d)) for d in range(len(units.names))]
    margins = np.zeros(units.labelled.shape)
    for k in range(int(fold_of_doc.max()) + 1):
        train, test = np.flatnonzero(fold_of_doc != k), np.flatnonzero(fold_of_doc == k)
        vectorizer = TfidfVectorizer(analyzer=training.unit_terms, min_df=2, max_features=50000, sublinear_tf=True)
        x_train = vectorizer.fit_transform([texts[d] for d in train])
        x_test = vectorizer.transform([texts[d] for d in test])
        for j in range(len(CATEGORIES)):
            model = LogisticRegression(C=10.0, class_weight="balanced", solver="liblinear")
            margins[test, j] = model.fit(x_train, units.labelled[train, j]).decision_function(x_test)
    return margins


def report(name: str, document_scores: np.ndarray, units: training.Units, fold_of_doc: np.ndarray) -> np.ndarray:
    """Print one row; return the per-category F1 under oracle thresholds."""
    predicted = np.zeros(units.labelled.shape, dtype=bool)
    oracle = np.zeros(units.labelled.shape, dtype=bool)
    ap = []
    for j in range(len(CATEGORIES)):
        scores, labels = document_scores[:, j], units.labelled[:, j]
        for k in range(int(fold_of_doc.max()) + 1):
            others = fold_of_doc != k
            threshold = training.best_threshold(scores[others], labels[others])
            predicted[~others, j] = scores[~others] >= threshold
        oracle[:, j] = scores >= training.best_threshold(scores, labels)
        ap.append(average_precision_score(labels, scores))

    def macro(chosen: np.ndarray) -> tuple[float, np.ndarray, tuple[float, float]]:
        f1 = 2 * (chosen & units.labelled).sum(0) / (chosen.sum(0) + units.labelled.sum(0))
        return float(f1.mean()), f1, macro_f1_interval(units.labelled, chosen)

    f1, per_category, (low, high) = macro(predicted)
    best, best_per_category, (best_low, best_high) = macro(oracle)
    print(
        f"{name:34} F1 {f1:.3f} [{low:.3f}-{high:.3f}]  AP {np.mean(ap):.3f}  "
        f"oracle {best:.3f} [{best_low:.3f}-{best_high:.3f}]  | " + " ".join(f"{x:.2f}" for x in per_category),
        flush=True,
    )
    return best_per_category


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("variants", nargs="+")
    parser.add_argument("--data", type=Path, default=training.ROOT.parent / "shared" / "datasets" / "cuad-dev")
    parser.add_argument("--cache", type=Path, default=Path("build/clause-ablations"))
    parser.add_argument("--embeddings", type=Path, help="unit embeddings (.npy), for the 'embeddings' variant")
    args = parser.parse_args()
    known = {"shipped", "char", "lsa", "hard-negatives", "whole-document", "embeddings"}
    unknown = [v for v in args.variants if v not in known]
    if unknown:
        parser.error(f"unknown variant {unknown[0]!r}; choose from {', '.join(sorted(known))}")
    if "embeddings" in args.variants and args.embeddings is None:
        parser.error("the 'embeddings' variant needs --embeddings FILE.npy")

    units = training.Units(args.data)
    fold_of_doc = training.fold_assignment(len(units.names), 5)
    fold_of_unit = fold_of_doc[units.doc_index]
    args.cache.mkdir(parents=True, exist_ok=True)
    print("category order: " + ", ".join(CATEGORIES))

    def cached(name: str, compute: Callable[[], np.ndarray]) -> np.ndarray:
        path = args.cache / f"{name}.npy"
        if path.exists():
            return np.load(path)
        started = time.time()
        margins = compute()
        np.save(path, margins)
        print(f"  ({name}: {time.time() - started:.0f} s)", flush=True)
        return margins

    shipped = cached("shipped", lambda: out_of_fold(units, shipped_features(units), fold_of_unit))
    best = training._document_best(units, shipped)
    oracles = [report("shipped", best, units, fold_of_doc)]
    builders: dict[str, Callable[[], np.ndarray]] = {
        "char": lambda: out_of_fold(units, with_char_ngrams(units), fold_of_unit),
        "lsa": lambda: out_of_fold(units, with_lsa(units), fold_of_unit),
        "hard-negatives": lambda: out_of_fold(units, shipped_features(units), fold_of_unit, hard_negatives=True),
        "embeddings": lambda: out_of_fold(units, with_embeddings(units, args.embeddings), fold_of_unit),
    }
    for variant in args.variants:
        if variant == "shipped":
            continue
        if variant == "whole-document":
            document = cached("whole-document", lambda: whole_document(units, fold_of_doc))
            oracles.append(report("whole-document alone", document, units, fold_of_doc))
            for weight in (0.5, 1.0):
                mixed = best + weight * document
                oracles.append(report(f"shipped + {weight} x whole-document", mixed, units, fold_of_doc))
            continue
        margins = cached(variant, builders[variant])
        oracles.append(report(variant, training._document_best(units, margins), units, fold_of_doc))
        ensemble = training._document_best(units, margins + shipped)
        oracles.append(report(f"ensemble: shipped + {variant}", ensemble, units, fold_of_doc))
    if len(oracles) > 1:
        # Cherry-picking: each category's best row, with thresholds read off the labels: a bound on any mix of them.
        ceiling = np.max(oracles, axis=0)
        print(
            f"best row per category, oracle thresholds: {ceiling.mean():.3f}  | "
            + " ".join(f"{x:.2f}" for x in ceiling)
        )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
