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
    ModelFileError,
    load_clause_model,
)


def test_arrays_are_plain_numbers_without_pickle() -> None:
    with zipfile.ZipFile(DATA_DIR / ARRAYS_NAME) as archive:
        assert sorted(archive.namelist()) == ["coef.npy", "idf.npy", "intercept.npy", "threshold.npy"]
    with np.load(DATA_DIR / ARRAYS_NAME, allow_pickle=False) as data:
        assert all(data[name].dtype.kind == "f" for name in data.files)


def test_shipped_model_loads_and_is_small() -> None:
    model = load_clause_model()
    assert model.categories == CATEGORIES
    assert model.coef.shape == (len(model.index) + len(CATEGORIES), len(CATEGORIES))
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
