#!/usr/bin/env python
"""Compare clause-model variants on the development part of cuad-dev (never its held-out contracts).

    .venv/bin/python scripts/clause_experiments.py VARIANT... [--repeats 2] [--split fresh|third]

The development part is cuad-dev without the fresh held-out set of the third round (scripts/clause_holdout.txt,
the default) or, with `--split third`, without the untouched third of the second round.

Each variant's out-of-fold unit margins (5 contract-grouped folds per repeat, a new seed per repeat) are cached in
build/clause-lab/. Printed per variant: Macro-F1 with thresholds chosen on the other folds' out-of-fold scores,
mean document-level average precision (AP) of the best unit's margin, the oracle Macro-F1 (thresholds read off
the labels: a bound) and the per-category F1. Variants: "model" is the shipped configuration, "no-look-alikes"
the same without the look-alike pattern columns, the others change one setting of it. The held-out
contracts are only ever scored by scripts/train_clause_model.py.

The comparisons of model families made before issue 15 (character n-grams, latent semantic projection, sentence
embeddings, whole-document classifier, hard negatives) were produced by scripts/clause_ablations.py, which is in
the history of the repository at commit 442cb3a.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import time
from dataclasses import asdict
from pathlib import Path

import numpy as np
from clause_corpus import CATEGORIES, DEFAULT_DATA, ROOT, Corpus, fresh_holdout, load_corpus, untouched_third
from clause_lab import Config, best_threshold, document_best, f1_per_category, fit, fold_assignment, margins
from sklearn.metrics import average_precision_score

LAB = ROOT / "build" / "clause-lab"
VARIANTS: dict[str, Config] = {
    "model": Config(),
    "no-look-alikes": Config(look_alikes=False),
    "c2": Config(c_value=2.0),
    "c8": Config(c_value=8.0),
    "ctx1": Config(context_weight=1.0),
    "pw2": Config(pattern_weight=2.0),
    "pw4": Config(pattern_weight=4.0),
    "terms60k": Config(max_terms=60000),
    "per-pattern": Config(per_pattern=True),
}


def development_mask(corpus: Corpus, split: str) -> np.ndarray:
    """The held-out contracts of `split` (True = held out): "fresh" (third round) or "third" (second round)."""
    if split == "third":
        return untouched_third(corpus.names, corpus.labelled)
    return fresh_holdout(corpus.names)


def oof_key(corpus: Corpus, config: Config, split: str) -> str:
    """Cache key of a variant's out-of-fold margins: the configuration, the corpus and the split."""
    digest = hashlib.sha256(
        (json.dumps(asdict(config), sort_keys=True) + corpus.names[0] + str(len(corpus.texts))).encode()
        + corpus.matches.tobytes()
    ).hexdigest()[:12]
    return digest if split == "third" else f"{split}-{digest}"


def oof(corpus: Corpus, docs: np.ndarray, config: Config, seed: int, key: str) -> np.ndarray:
    path = LAB / f"{key}-{seed}.npy"
    if path.exists():
        return np.load(path)
    started = time.time()
    folds = fold_assignment(len(docs), 5, seed)
    out = np.zeros(corpus.labels.shape)
    for k in range(5):
        train = corpus.rows_of(docs[folds != k])
        test = corpus.rows_of(docs[folds == k])
        out[test] = margins(corpus, fit(corpus, train, config), test, config)
    LAB.mkdir(parents=True, exist_ok=True)
    np.save(path, out)
    print(f"  ({key} seed {seed}: {time.time() - started:.0f} s)", flush=True)
    return out


def evaluate(name: str, corpus: Corpus, docs: np.ndarray, best_by_seed: list[np.ndarray]) -> None:
    labelled = corpus.labelled[docs]
    f1s, oracles, aps = [], [], []
    for seed, best in enumerate(best_by_seed):
        best = best[docs]
        folds = fold_assignment(len(docs), 5, seed)
        predicted = np.zeros_like(labelled)
        oracle = np.zeros_like(labelled)
        for j in range(len(CATEGORIES)):
            for k in range(5):
                others = folds != k
                t = best_threshold(best[others, j], labelled[others, j])
                predicted[~others, j] = best[~others, j] >= t
            oracle[:, j] = best[:, j] >= best_threshold(best[:, j], labelled[:, j])
        f1s.append(f1_per_category(labelled, predicted))
        oracles.append(f1_per_category(labelled, oracle))
        aps.append([average_precision_score(labelled[:, j], best[:, j]) for j in range(len(CATEGORIES))])
    f1 = np.mean(f1s, axis=0)
    print(
        f"{name:28} F1 {f1.mean():.3f} AP {np.mean(aps):.3f} oracle {np.mean(oracles):.3f} | "
        + " ".join(f"{x:.2f}" for x in f1),
        flush=True,
    )


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("variants", nargs="+")
    parser.add_argument("--data", type=Path, default=DEFAULT_DATA)
    parser.add_argument("--repeats", type=int, default=1)
    parser.add_argument("--split", choices=("fresh", "third"), default="fresh")
    args = parser.parse_args()
    corpus = load_corpus(args.data)
    docs = np.flatnonzero(~development_mask(corpus, args.split))
    print("categories: " + ", ".join(c[:10] for c in CATEGORIES))
    for variant in args.variants:
        config = VARIANTS[variant]
        key = oof_key(corpus, config, args.split)
        per_seed = [document_best(corpus, oof(corpus, docs, config, s, key)) for s in range(args.repeats)]
        evaluate(variant, corpus, docs, per_seed)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
