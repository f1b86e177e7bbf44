#!/usr/bin/env python
"""Train the clause model shipped in src/principal/review/clauses/data/ from a CUAD-shaped folder.

    .venv/bin/python scripts/train_clause_model.py [--data ../shared/datasets/cuad-dev] [--out DIR] [--folds 5]

What it does, reproducibly (fixed fold assignment and solver seed):

1. Splits every contract into units (principal.review.clauses.segments) and labels a unit positive for a category
   when it overlaps a clause the lawyers quoted for it (at least 30% of the unit or half of the clause).
2. Features per unit: TF-IDF over word unigrams and bigrams (principal.review.clauses.features; sublinear tf,
   terms seen in at least MIN_DF units, the MAX_TERMS most frequent), one column per category that is 1 when any
   of its hand-written patterns matches (principal.review.clauses.patterns, weighted PATTERN_WEIGHT), and the sum
   of the two neighbouring units' TF-IDF vectors in the same contract as separate context columns (weighted
   CONTEXT_WEIGHT).
3. One logistic regression per category (class-balanced, C = C_VALUE).
4. Grouped cross-validation by contract: each fold's contracts are scored by a model trained on the other folds;
   a document's score is its best unit's margin. Thresholds are nested inside the training folds: for test fold k,
   every other fold i is scored by a model trained without folds k and i, and the threshold that maximises F1 on
   those scores is applied to fold k; fold k's labels touch neither its model nor its threshold. The per-category
   precision / recall / F1 / span overlap printed and stored in the model metadata are these cross-validated
   figures: the honest estimate for unseen contracts.
5. Fits the final model on all contracts; its thresholds maximise F1 over all out-of-fold document scores.
6. Writes clause_model.json (vocabulary, metadata) and clause_model.npz (arrays only; no pickle), then reloads them
   with the runtime scorer and checks that it reproduces scikit-learn's margins.

The labels are CUAD v1 by The Atticus Project, licensed CC BY 4.0.
"""

from __future__ import annotations

import argparse
import itertools
import json
import sys
import time
from pathlib import Path

import numpy as np
import scipy.sparse as sp
import sklearn
from sklearn.feature_extraction.text import TfidfVectorizer
from sklearn.linear_model import LogisticRegression

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))

from principal.review.clauses.categories import CATEGORIES  # noqa: E402
from principal.review.clauses.features import unit_terms  # noqa: E402
from principal.review.clauses.model_file import (  # noqa: E402
    ARRAYS_NAME,
    DATA_DIR,
    JSON_NAME,
    MODEL_FORMAT,
    MODEL_VERSION,
    load_clause_model,
)
from principal.review.clauses.patterns import PATTERN_NAMES, pattern_hits  # noqa: E402
from principal.review.clauses.segments import split_units  # noqa: E402
from principal.review.cuad_data import CUAD_CREDIT, contract_fingerprint, locate_quote, read_corpus  # noqa: E402
from principal.review.cuad_eval import DocumentOutcome, macro_f1, outcomes_interval, score_outcomes  # noqa: E402

MIN_DF = 3
MAX_TERMS = 40000
PATTERN_WEIGHT = 1.0
CONTEXT_WEIGHT = 0.5
C_VALUE = 4.0
SEED = 0


class Units:
    """All units of the corpus: text, owning contract, offsets, labels (units x categories) and pattern matches."""

    def __init__(self, data: Path) -> None:
        corpus = read_corpus(data, CATEGORIES)
        self.names = [c.name for c in corpus.contracts]
        self.texts: list[str] = []
        self.doc: list[int] = []
        self.offsets: list[tuple[int, int]] = []
        labels: list[list[bool]] = []
        self.spans: list[dict[str, tuple[tuple[int, int], ...]]] = []
        self.labelled = np.zeros((len(self.names), len(CATEGORIES)), dtype=bool)
        for d, contract in enumerate(corpus.contracts):
            text = contract.read_text()
            spans = {c: tuple(s for q in contract.quotes[c] for s in locate_quote(text, q)) for c in CATEGORIES}
            self.spans.append(spans)
            self.labelled[d] = [contract.present(c) for c in CATEGORIES]
            for unit in split_units(text):
                self.texts.append(text[unit.start : unit.end])
                self.doc.append(d)
                self.offsets.append((unit.start, unit.end))
                labels.append([_overlaps(unit.start, unit.end, spans[c]) for c in CATEGORIES])
        self.labels = np.array(labels, dtype=bool)
        self.doc_index = np.array(self.doc)
        self.patterns = np.array([[c in hits for c in CATEGORIES] for hits in map(pattern_hits, self.texts)], float)


def _overlaps(start: int, end: int, spans: tuple[tuple[int, int], ...]) -> bool:
    for s, e in spans:
        inter = min(e, end) - max(s, start)
        if inter > 0 and (inter >= 0.3 * (end - start) or inter >= 0.5 * (e - s)):
            return True
    return False


def _neighbour_sum(words: sp.csr_matrix, doc: np.ndarray) -> sp.csr_matrix:
    """Row i = row i-1 + row i+1 of `words`, counting only neighbours in the same contract (rows in reading order)."""
    n = words.shape[0]
    same = doc[1:] == doc[:-1]
    rows = np.concatenate([np.arange(1, n)[same], np.arange(0, n - 1)[same]])
    cols = np.concatenate([np.arange(0, n - 1)[same], np.arange(1, n)[same]])
    shift = sp.csr_matrix((np.ones(len(rows)), (rows, cols)), shape=(n, n))
    return (shift @ words).tocsr()


def _fit(units: Units, rows: np.ndarray) -> tuple[TfidfVectorizer, np.ndarray, np.ndarray]:
    """Vectorizer, weights (features x categories) and intercepts fitted on `rows`.

    A category without both classes among `rows` (only in tiny folders) gets zero weights and a fixed intercept.
    """
    vectorizer = TfidfVectorizer(
        analyzer=unit_terms, min_df=MIN_DF, max_features=MAX_TERMS, sublinear_tf=True, dtype=np.float64
    )
    x = _features(vectorizer, units, rows, fit=True)
    weights = np.zeros((x.shape[1], len(CATEGORIES)))
    intercept = np.zeros(len(CATEGORIES))
    for j in range(len(CATEGORIES)):
        y = units.labels[rows, j]
        if y.all() or not y.any():
            intercept[j] = 10.0 if y.all() else -10.0
            continue
        model = LogisticRegression(
            C=C_VALUE, class_weight="balanced", solver="liblinear", max_iter=2000, random_state=SEED
        )
        model.fit(x, y)
        weights[:, j] = model.coef_[0]
        intercept[j] = model.intercept_[0]
    return vectorizer, weights, intercept


def _features(vectorizer: TfidfVectorizer, units: Units, rows: np.ndarray, *, fit: bool = False) -> sp.csr_matrix:
    """Words, patterns, neighbours' words; `rows` must hold whole contracts in reading order."""
    texts = [units.texts[i] for i in rows]
    words = vectorizer.fit_transform(texts) if fit else vectorizer.transform(texts)
    context = _neighbour_sum(words, units.doc_index[rows])
    patterns = sp.csr_matrix(units.patterns[rows] * PATTERN_WEIGHT)
    return sp.hstack([words, patterns, context * CONTEXT_WEIGHT]).tocsr()


def _scores(units: Units, train: np.ndarray, test: np.ndarray) -> np.ndarray:
    """Margins (test units x categories) from a model fitted on the `train` units."""
    vectorizer, weights, intercept = _fit(units, train)
    return np.asarray(_features(vectorizer, units, test) @ weights) + intercept


def best_threshold(scores: np.ndarray, labels: np.ndarray) -> float:
    """The document-score threshold with the best F1 (midway to the next lower score, for a margin)."""
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


def _document_best(units: Units, margins: np.ndarray) -> np.ndarray:
    best = np.full((len(units.names), len(CATEGORIES)), -np.inf)
    np.maximum.at(best, units.doc_index, margins)
    return best


def _outcomes(units: Units, margins: np.ndarray, thresholds: np.ndarray) -> list[DocumentOutcome]:
    """Document outcomes citing each category's best unit when it reaches the document's threshold."""
    outcomes = []
    for d, name in enumerate(units.names):
        rows = np.where(units.doc_index == d)[0]
        cited: dict[str, tuple[int, int] | None] = {}
        for j, category in enumerate(CATEGORIES):
            if len(rows) == 0:
                cited[category] = None
                continue
            top = rows[int(np.argmax(margins[rows, j]))]
            cited[category] = units.offsets[top] if margins[top, j] >= thresholds[d, j] else None
        labelled = {c: bool(units.labelled[d, j]) for j, c in enumerate(CATEGORIES)}
        outcomes.append(DocumentOutcome(name, labelled, units.spans[d], cited))
    return outcomes


def fold_assignment(n_docs: int, folds: int) -> np.ndarray:
    """Each contract's fold: a seeded shuffle dealt round-robin, so folds differ in size by at most one."""
    order = np.random.RandomState(SEED).permutation(n_docs)
    fold_of_doc = np.empty(n_docs, dtype=int)
    fold_of_doc[order] = np.arange(n_docs) % folds
    return fold_of_doc


def cross_validate(units: Units, folds: int) -> tuple[np.ndarray, dict[str, object]]:
    n_docs = len(units.names)
    fold_of_doc = fold_assignment(n_docs, folds)
    fold_of_unit = fold_of_doc[units.doc_index]
    started = time.time()
    margins = np.zeros(units.labels.shape)
    for k in range(folds):
        test = np.where(fold_of_unit == k)[0]
        margins[test] = _scores(units, np.where(fold_of_unit != k)[0], test)
        print(f"  outer fold {k + 1}/{folds}: {len(test)} units scored ({time.time() - started:.0f} s)", flush=True)
    # inner[(k, i)]: fold i's units scored by a model that saw neither fold k nor fold i (used for k's thresholds).
    inner: dict[tuple[int, int], np.ndarray] = {}
    for k, i in itertools.combinations(range(folds), 2):
        test = np.where((fold_of_unit == k) | (fold_of_unit == i))[0]
        scored = np.full(units.labels.shape, -np.inf)
        scored[test] = _scores(units, np.where((fold_of_unit != k) & (fold_of_unit != i))[0], test)
        inner[(k, i)] = inner[(i, k)] = scored
        print(f"  inner pair {k + 1},{i + 1}: {len(test)} units scored ({time.time() - started:.0f} s)", flush=True)
    thresholds = np.zeros((n_docs, len(CATEGORIES)))
    for k in range(folds):
        nested = np.zeros(units.labels.shape)
        for i in range(folds):
            if i != k:
                rows = fold_of_unit == i
                nested[rows] = inner[(k, i)][rows]
        best = _document_best(units, nested)
        others = fold_of_doc != k
        for j in range(len(CATEGORIES)):
            thresholds[~others, j] = best_threshold(best[others, j], units.labelled[others, j])
    outcomes = _outcomes(units, margins, thresholds)
    scores = score_outcomes(outcomes)
    low, high = outcomes_interval(outcomes)
    report: dict[str, object] = {
        "folds": folds,
        "grouped_by": "contract",
        "contracts": n_docs,
        "thresholds": "nested: chosen on the other folds, scored by models that never saw the test fold",
        "macro_f1": round(macro_f1(scores), 4),
        "macro_f1_interval": [round(low, 4), round(high, 4)],
        "per_category": {
            s.category: {
                "labelled": s.labelled,
                "predicted": s.predicted,
                "precision": round(s.precision, 4),
                "recall": round(s.recall, 4),
                "f1": round(s.f1, 4),
                "cited_overlap": None if s.cited_overlap is None else round(s.cited_overlap, 4),
                "mean_iou": None if s.mean_iou is None else round(s.mean_iou, 4),
            }
            for s in scores
        },
    }
    best = _document_best(units, margins)
    final_thresholds = np.array([best_threshold(best[:, j], units.labelled[:, j]) for j in range(len(CATEGORIES))])
    return final_thresholds, report


def _print_report(report: dict[str, object]) -> None:
    per_category = report["per_category"]
    assert isinstance(per_category, dict)
    print(f"\nGrouped {report['folds']}-fold cross-validation over {report['contracts']} contracts (document level):")
    print(f"{'category':38} {'lab':>4} {'pred':>4} {'P':>5} {'R':>5} {'F1':>5} {'ovl':>5} {'IoU':>5}")
    for category, row in per_category.items():

        def fmt(value: object) -> str:
            return "  -  " if value is None else f"{value:5.2f}"

        print(
            f"{category:38} {row['labelled']:4d} {row['predicted']:4d} {fmt(row['precision'])} {fmt(row['recall'])} "
            f"{fmt(row['f1'])} {fmt(row['cited_overlap'])} {fmt(row['mean_iou'])}"
        )
    low, high = report["macro_f1_interval"]  # type: ignore[misc]
    print(f"Cross-validated Macro-F1: {report['macro_f1']:.3f} (95% interval over contracts: {low:.3f} to {high:.3f})")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=ROOT.parent / "shared" / "datasets" / "cuad-dev")
    parser.add_argument("--out", type=Path, default=DATA_DIR)
    parser.add_argument("--folds", type=int, default=5)
    args = parser.parse_args()

    started = time.time()
    units = Units(args.data)
    print(f"{len(units.names)} contracts, {len(units.texts)} units ({time.time() - started:.1f} s)", flush=True)
    thresholds, report = cross_validate(units, args.folds)
    _print_report(report)

    all_rows = np.arange(len(units.texts))
    vectorizer, weights, intercept = _fit(units, all_rows)
    terms = vectorizer.get_feature_names_out().tolist()
    n_terms = len(terms)
    coef = weights[: n_terms + len(CATEGORIES)]
    context_coef = weights[n_terms + len(CATEGORIES) :]
    args.out.mkdir(parents=True, exist_ok=True)
    meta = {
        "format": MODEL_FORMAT,
        "version": MODEL_VERSION,
        "categories": list(CATEGORIES),
        "patterns": list(PATTERN_NAMES),
        "pattern_weight": PATTERN_WEIGHT,
        "context_weight": CONTEXT_WEIGHT,
        "credit": f"Trained on labels from {CUAD_CREDIT}.",
        "trained_with": {"scikit-learn": sklearn.__version__, "numpy": np.__version__},
        "features": {
            "terms": "word unigrams and bigrams, lower-cased, digits folded to 0",
            "min_df": MIN_DF,
            "max_terms": MAX_TERMS,
            "tf": "1 + ln(count)",
            "norm": "l2",
            "patterns": f"{len(PATTERN_NAMES)} hand-written patterns, pooled into one column per category",
            "context": "sum of the previous and next units' TF-IDF vectors, separate columns",
            "classifier": f"logistic regression per category, class-balanced, C={C_VALUE}",
        },
        "training": {
            "data": args.data.name,
            "contracts": len(units.names),
            "contract_fingerprints": sorted(contract_fingerprint(n) for n in units.names),
        },
        "cross_validation": report,
        "terms": terms,
    }
    (args.out / JSON_NAME).write_text(json.dumps(meta, ensure_ascii=False) + "\n", encoding="utf-8")
    np.savez_compressed(
        args.out / ARRAYS_NAME,
        idf=vectorizer.idf_.astype(np.float32),
        coef=coef.astype(np.float32),
        context_coef=context_coef.astype(np.float32),
        intercept=intercept.astype(np.float32),
        threshold=thresholds.astype(np.float32),
    )

    # The runtime scorer must reproduce scikit-learn's margins (up to float32 storage).
    shipped = load_clause_model(args.out)
    sample_docs = range(0, len(units.names), max(1, len(units.names) // 10))
    gap, checked = 0.0, 0
    for d in sample_docs:
        rows = np.where(units.doc_index == d)[0]
        expected = np.asarray(_features(vectorizer, units, rows) @ weights) + intercept
        got = shipped.margins([units.texts[i] for i in rows])
        gap = max(gap, float(np.max(np.abs(expected - got)))) if len(rows) else gap
        checked += len(rows)
    print(
        f"runtime scorer vs scikit-learn on {checked} units of {len(sample_docs)} contracts: max |difference| {gap:.2e}"
    )
    if gap > 1e-3:
        print("error: the runtime scorer does not reproduce the trained model", file=sys.stderr)
        return 1
    meta["runtime_check"] = {"units": checked, "contracts": len(sample_docs), "max_abs_difference": float(f"{gap:.2e}")}
    meta["training_seconds"] = round(time.time() - started)
    (args.out / JSON_NAME).write_text(json.dumps(meta, ensure_ascii=False) + "\n", encoding="utf-8")
    size = sum((args.out / n).stat().st_size for n in (JSON_NAME, ARRAYS_NAME))
    elapsed = time.time() - started
    print(f"wrote {args.out / JSON_NAME} and {args.out / ARRAYS_NAME} ({size / 1e6:.1f} MB) in {elapsed:.0f} s")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
