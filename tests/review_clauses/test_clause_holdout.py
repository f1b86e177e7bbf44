"""The fresh held-out set of the third round of clause work: fixed by a stated rule, read the same way everywhere."""

from __future__ import annotations

import importlib
import sys
from pathlib import Path
from types import ModuleType

import numpy as np
import pytest

ROOT = Path(__file__).resolve().parents[2]
LIST = ROOT / "scripts" / "clause_holdout.txt"
CUAD_DEV = next(
    (p / "shared" / "datasets" / "cuad-dev" for p in (ROOT.parent, ROOT.parent.parent) if (p / "shared").is_dir()),
    ROOT.parent / "shared" / "datasets" / "cuad-dev",
)


def _listed() -> list[str]:
    return [line for line in LIST.read_text(encoding="utf-8").splitlines() if line and not line.startswith("#")]


def _clause_corpus() -> ModuleType:
    sys.path.insert(0, str(ROOT / "scripts"))
    try:
        return importlib.import_module("clause_corpus")
    finally:
        sys.path.remove(str(ROOT / "scripts"))


def test_the_list_names_102_distinct_plain_files_in_order() -> None:
    names = _listed()
    assert len(names) == 102
    assert len(set(names)) == 102
    assert names == sorted(names)
    assert all(n.endswith(".txt") and "/" not in n for n in names)


@pytest.mark.skipif(not (CUAD_DEV / "contracts").is_dir(), reason="cuad-dev is not on this machine")
def test_the_list_is_the_seeded_draw_it_says_it_is() -> None:
    # The rule written at the top of the file: the sorted file names, RandomState(20261202), first 102 positions.
    names = sorted(p.name for p in (CUAD_DEV / "contracts").glob("*.txt"))
    order = np.random.RandomState(20261202).permutation(len(names))
    assert _listed() == sorted(names[i] for i in order[:102])


def test_fresh_holdout_marks_exactly_the_listed_contracts(tmp_path: Path) -> None:
    module = _clause_corpus()
    listing = tmp_path / "holdout.txt"
    listing.write_text("# comment line\nb.txt\nd.txt\n", encoding="utf-8")
    mask = module.fresh_holdout(["a.txt", "b.txt", "c.txt", "d.txt"], listing)
    assert mask.tolist() == [False, True, False, True]


def test_fresh_holdout_refuses_a_list_naming_an_unknown_contract(tmp_path: Path) -> None:
    module = _clause_corpus()
    listing = tmp_path / "holdout.txt"
    listing.write_text("b.txt\nzzz.txt\n", encoding="utf-8")
    with pytest.raises(SystemExit, match=r"holdout\.txt: 1 listed contracts are not in the corpus"):
        module.fresh_holdout(["a.txt", "b.txt"], listing)
