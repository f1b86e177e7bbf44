#!/usr/bin/env python
"""Compare document-level decision rules on a variant's cached out-of-fold unit margins (third round, issue 15).

    .venv/bin/python scripts/clause_decision_lab.py [VARIANT] [--split fresh|third] [--shuffles 3]

Run scripts/clause_experiments.py VARIANT first (it caches the out-of-fold unit margins of the development
contracts). Everything here is decided on the development contracts only, and every choice (thresholds, and in
"select" which rule a category uses) is made on the training folds of a contract-grouped 5-fold split, reshuffled
`--shuffles` times; the printed F1 is the mean over the shuffles. Rules compared:

- pooling of the unit margins into a document score: the best unit ("max"), a soft maximum
  tau * ln(sum(exp(margin / tau))) ("lse" tau = 1 and 0.5), and the best plus 0.3 x the second best ("top2");
- thresholds: best F1 per category ("best"), or shrunk towards the shared prior with weight K ("shrunk K");
- a document-level stacker per category: a class-balanced logistic regression (C = 1, standardised inputs) over
  the best three unit margins and the log-counts of units with margin above 0 and above 1, optionally with 30
  contract-type words found in the first 600 characters (the title), decided at margin 0 ("stack");
- "select": per category and outer fold, the stacker or the shrunk threshold, whichever had the higher F1 in an
  inner 5-fold split of the training folds.

The labels are CUAD v1 by The Atticus Project, licensed CC BY 4.0.
"""

from __future__ import annotations

import argparse
import warnings

import clause_lab
import numpy as np
from clause_corpus import CATEGORIES, DEFAULT_DATA, load_corpus
from clause_experiments import LAB, VARIANTS, development_mask, oof_key
from clause_lab import best_threshold, f1_per_category, fold_assignment, shrunk_thresholds
from sklearn.linear_model import LogisticRegression

CONTRACT_TYPES = (
    "supply", "distribut", "licen", "franchise", "service", "outsourc", "hosting", "manufactur", "resell", "agency",
    "sponsor", "endorse", "joint venture", "alliance", "co-brand", "marketing", "maintenance", "development",
    "consult", "transport", "collaborat", "promotion", "affiliate", "web", "content", "non-compet", "purchase",
    "sales", "agent", "research",
)  # fmt: skip


def pooled(unit_margins: np.ndarray, how: str) -> np.ndarray:
    """One contract's document scores (one per category) from its units' margins."""
    top = unit_margins.max(axis=0)
    if how == "max":
        return top
    if how.startswith("lse"):
        tau = float(how[3:])
        return top + tau * np.log(np.exp((unit_margins - top) / tau).sum(axis=0))
    ordered = np.sort(unit_margins, axis=0)[::-1]
    second = ordered[1] if len(ordered) > 1 else ordered[0]
    return top + 0.3 * second


def document_inputs(unit_margins: np.ndarray, text: str) -> tuple[np.ndarray, np.ndarray]:
    """Stacker inputs of one contract: categories x 5 margin summaries, and the contract-type words of its title."""
    ordered = np.sort(unit_margins, axis=0)[::-1]
    second = ordered[1] if len(ordered) > 1 else ordered[0] - 5
    third = ordered[2] if len(ordered) > 2 else second - 5
    counts = [np.log1p((unit_margins > level).sum(axis=0)) for level in (0, 1)]
    title = text[:600].lower()
    return np.stack([ordered[0], second, third, *counts], axis=1), np.array([w in title for w in CONTRACT_TYPES], float)


class Lab:
    def __init__(self, variant: str, split: str) -> None:
        self.corpus = corpus = load_corpus(DEFAULT_DATA)
        self.docs = np.flatnonzero(~development_mask(corpus, split))
        margins = np.load(LAB / f"{oof_key(corpus, VARIANTS[variant], split)}-0.npy")
        self.labelled = corpus.labelled[self.docs]
        self.units = [margins[corpus.doc == d] for d in self.docs]
        self.inputs = [document_inputs(m, corpus.contract_texts[d]) for m, d in zip(self.units, self.docs, strict=True)]
        self.title = False

    def scores(self, how: str) -> np.ndarray:
        return np.array([pooled(m, how) for m in self.units])

    def _x(self, rows: np.ndarray, j: int) -> np.ndarray:
        return np.array([np.concatenate([self.inputs[r][0][j], self.inputs[r][1] if self.title else []]) for r in rows])

    def stack(self, train: np.ndarray, test: np.ndarray, j: int) -> np.ndarray:
        x, y = self._x(train, j), self.labelled[train, j]
        if y.all() or not y.any():
            return np.full(len(test), bool(y.all()))
        mean, scale = x.mean(axis=0), x.std(axis=0) + 1e-6
        model = LogisticRegression(C=1.0, class_weight="balanced", max_iter=1000).fit((x - mean) / scale, y)
        return np.asarray(model.decision_function((self._x(test, j) - mean) / scale) >= 0)


def thresholded(best: np.ndarray, labelled: np.ndarray, train: np.ndarray, test: np.ndarray, rule: str) -> np.ndarray:
    if rule == "best":
        t = np.array([best_threshold(best[train, j], labelled[train, j]) for j in range(best.shape[1])])
    else:
        clause_lab.SHRINK_PRIOR_WEIGHT = float(rule.split()[1])
        t = shrunk_thresholds(best[train], labelled[train])
    return np.asarray(best[test] >= t)


def run(lab: Lab, rule: str, shuffles: int) -> np.ndarray:
    """Mean per-category F1 over `shuffles` reshuffled 5-fold splits of the development contracts."""
    n, n_cat = len(lab.docs), len(CATEGORIES)
    best = lab.scores(rule.split()[0] if rule.split()[0] in ("max", "lse1", "lse0.5", "top2") else "max")
    results = []
    for seed in range(shuffles):
        folds = fold_assignment(n, 5, seed + 100)
        predicted = np.zeros((n, n_cat), dtype=bool)
        for k in range(5):
            train, test = np.flatnonzero(folds != k), np.flatnonzero(folds == k)
            if rule.startswith(("stack", "select")):
                predicted[test] = decide_stacked(lab, train, test, rule, seed)
            else:
                predicted[test] = thresholded(best, lab.labelled, train, test, " ".join(rule.split()[1:]))
        results.append(f1_per_category(lab.labelled, predicted))
    return np.mean(results, axis=0)


def decide_stacked(lab: Lab, train: np.ndarray, test: np.ndarray, rule: str, seed: int) -> np.ndarray:
    best = lab.scores("max")
    stacked = np.stack([lab.stack(train, test, j) for j in range(len(CATEGORIES))], axis=1)
    if rule.startswith("stack"):
        return stacked
    base = thresholded(best, lab.labelled, train, test, "shrunk 10")
    inner = fold_assignment(len(train), 5, seed + 300)
    inner_base = np.zeros((len(train), len(CATEGORIES)), dtype=bool)
    inner_stack = np.zeros_like(inner_base)
    for q in range(5):
        fit_on, score_on = train[inner != q], train[inner == q]
        inner_base[inner == q] = thresholded(best, lab.labelled, fit_on, score_on, "shrunk 10")
        for j in range(len(CATEGORIES)):
            inner_stack[inner == q, j] = lab.stack(fit_on, score_on, j)
    use = f1_per_category(lab.labelled[train], inner_stack) > f1_per_category(lab.labelled[train], inner_base)
    return np.where(use, stacked, base)


RULES = (
    "max best", "max shrunk 5", "max shrunk 10", "max shrunk 20", "max shrunk 40", "lse1 shrunk 10",
    "lse0.5 shrunk 10", "top2 shrunk 10", "stack", "stack+title", "select", "select+title",
)  # fmt: skip


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("variant", nargs="?", default="model")
    parser.add_argument("--split", choices=("fresh", "third"), default="fresh")
    parser.add_argument("--shuffles", type=int, default=3)
    parser.add_argument("--rules", nargs="*", default=list(RULES))
    args = parser.parse_args()
    warnings.filterwarnings("ignore", category=UserWarning)
    lab = Lab(args.variant, args.split)
    print(f"{len(lab.docs)} development contracts; categories: " + ", ".join(c[:10] for c in CATEGORIES))
    for rule in args.rules:
        lab.title = rule.endswith("+title")
        f1 = run(lab, rule, args.shuffles)
        print(f"{rule:18} Macro-F1 {f1.mean():.3f} | " + " ".join(f"{x:.2f}" for x in f1), flush=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
