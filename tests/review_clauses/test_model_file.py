"""The shipped model is plain data: JSON and a numeric .npz read with allow_pickle=False, checked on load."""

from __future__ import annotations

import json
import shutil
import zipfile
from pathlib import Path

import numpy as np
import pytest

from principal.review.clauses.categories import CATEGORIES
from principal.review.clauses.model_file import (
    ARRAYS_NAME,
    DATA_DIR,
    JSON_NAME,
    ClauseModel,
    ModelFileError,
    load_clause_model,
)


def test_arrays_are_plain_numbers_without_pickle() -> None:
    with zipfile.ZipFile(DATA_DIR / ARRAYS_NAME) as archive:
        assert sorted(archive.namelist()) == [
            "coef.npy",
            "context_coef.npy",
            "fingerprints.npy",
            "idf.npy",
            "intercept.npy",
            "possible_threshold.npy",
            "threshold.npy",
        ]
    with np.load(DATA_DIR / ARRAYS_NAME, allow_pickle=False) as data:
        assert all(data[name].dtype.kind == "f" for name in data.files)


def test_shipped_model_loads_and_is_small() -> None:
    model = load_clause_model()
    assert model.categories == CATEGORIES
    assert model.coef.shape == (len(model.index) + 2 * len(CATEGORIES), len(CATEGORIES))
    assert model.fingerprints.shape[0] == model.metadata["training"]["contracts"]
    assert np.all(model.possible_threshold <= model.threshold)
    assert model.context_coef.shape == (len(model.index), len(CATEGORIES))
    size = (DATA_DIR / JSON_NAME).stat().st_size + (DATA_DIR / ARRAYS_NAME).stat().st_size
    assert size < 5_000_000


def _copy(tmp_path: Path) -> Path:
    target = tmp_path / "model"
    shutil.copytree(DATA_DIR, target, ignore=shutil.ignore_patterns("__pycache__"))
    return target


def test_object_arrays_are_refused(tmp_path: Path) -> None:
    folder = _copy(tmp_path)
    n = len(CATEGORIES)
    np.savez(
        folder / ARRAYS_NAME,
        idf=np.array([object()], dtype=object),
        coef=np.zeros((1 + n, n)),
        context_coef=np.zeros((1, n)),
        intercept=np.zeros(n),
        threshold=np.zeros(n),
    )
    with pytest.raises(ModelFileError, match="cannot read the model arrays"):
        load_clause_model(folder)


def test_mismatched_shapes_are_refused(tmp_path: Path) -> None:
    folder = _copy(tmp_path)
    meta = json.loads((folder / JSON_NAME).read_text(encoding="utf-8"))
    meta["terms"] = meta["terms"][:-1]
    (folder / JSON_NAME).write_text(json.dumps(meta), encoding="utf-8")
    with pytest.raises(ModelFileError, match="`idf` has shape"):
        load_clause_model(folder)


def test_wrong_format_tag_is_refused(tmp_path: Path) -> None:
    folder = _copy(tmp_path)
    (folder / JSON_NAME).write_text(json.dumps({"format": "something-else"}), encoding="utf-8")
    with pytest.raises(ModelFileError, match="not a principal-clause-model"):
        load_clause_model(folder)


def test_a_different_pattern_list_is_refused(tmp_path: Path) -> None:
    folder = _copy(tmp_path)
    meta = json.loads((folder / JSON_NAME).read_text(encoding="utf-8"))
    meta["patterns"] = meta["patterns"][1:]
    (folder / JSON_NAME).write_text(json.dumps(meta), encoding="utf-8")
    with pytest.raises(ModelFileError, match="pattern list differs"):
        load_clause_model(folder)


def _context_model() -> ClauseModel:
    """One term, `audit`, that only counts as context: it lifts the units next to it, not its own unit."""
    n = len(CATEGORIES)
    context = np.zeros((1, n))
    context[0, CATEGORIES.index("Audit Rights")] = 4.0
    return ClauseModel(
        categories=CATEGORIES,
        index={"audit": 0},
        idf=np.ones(1),
        coef=np.zeros((1 + 2 * n, n)),
        context_coef=context,
        intercept=np.zeros(n),
        threshold=np.zeros(n),
        possible_threshold=np.zeros(n),
        fingerprints=np.zeros((0, 64)),
        pattern_weight=0.0,
        context_weight=0.5,
    )


def test_neighbours_add_context_within_the_document() -> None:
    margins = _context_model().margins(["Nothing here.", "An audit of the books.", "Nothing either.", "Plain."])
    audit = margins[:, CATEGORIES.index("Audit Rights")]
    # The `audit` unit's normalised weight is 1; each neighbour gets 0.5 x 1 x 4 = 2; others nothing.
    assert audit.tolist() == pytest.approx([2.0, 0.0, 2.0, 0.0])
    assert np.all(margins[:, CATEGORIES.index("Cap On Liability")] == 0.0)


def test_shipped_model_scores_units_as_scikit_learn_did() -> None:
    """The training script stores the check it ran: the numpy scorer reproduced scikit-learn's margins."""
    check = load_clause_model().metadata["runtime_check"]
    assert check["units"] > 1000
    assert check["max_abs_difference"] < 1e-3


def test_fingerprints_see_through_names_wrapping_and_case() -> None:
    from principal.review.clauses.fingerprint import SAME_TEXT, similarity, text_signature

    words = [f"word{i % 97} term{i % 13} part{i % 7}" for i in range(400)]
    text = " ".join(words) + " The parties agree to the terms above."
    rewrapped = "\n".join(text.upper().split(" "))
    other = " ".join(f"other{i % 89} thing{i % 11}" for i in range(600))
    stored = np.array([text_signature(text), text_signature(other)])
    assert similarity(text_signature(rewrapped), stored).tolist() == [1.0, 0.0]
    assert similarity(text_signature(text + " " + other[:300]), stored)[0] >= SAME_TEXT
    assert text_signature("").tolist() == [-1.0] * 64
