"""One error path, tested through main(): anything Principal raises on purpose is one line and exit 2; anything else
is one line saying it is an internal error, exit 70, with the traceback only under --debug."""

from __future__ import annotations

import ast
import json
import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest

from principal.errors import FileRefused, InputError, PrincipalError, ShippedDataError
from principal.review.clauses import model_file
from principal.review.clauses.model_file import ModelFileError
from principal.review.document import TooLarge
from principal.review.ingest.sandbox import Crashed, OutOfBounds, Refused
from principal.review.ingest.sniff import NotADocument
from principal.review.layout import BadLayout
from principal.store.errors import DatabaseUnavailable, NotFound, StoreError
from principal.web.errors import WebError
from tests.clirunner import run
from tests.conftest import ROOT

DOCUMENT = str(ROOT / "tests" / "fixtures" / "review" / "ccaas-order-form.md")
DEAL = str(ROOT / "examples" / "ccaas-450" / "deal.yaml")


@pytest.fixture
def damaged_model(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    """A copy of the shipped clause model whose arrays file is cut short, loaded in place of the shipped one."""
    folder = tmp_path / "model"
    shutil.copytree(model_file.DATA_DIR, folder)
    arrays = folder / model_file.ARRAYS_NAME
    arrays.write_bytes(arrays.read_bytes()[:200])
    monkeypatch.setattr(model_file, "DATA_DIR", folder)
    model_file.shipped_clause_model.cache_clear()
    yield arrays
    model_file.shipped_clause_model.cache_clear()


def test_damaged_clause_model_is_one_line_naming_the_file_and_the_remedy(damaged_model: Path) -> None:
    result = run("review", DOCUMENT)
    assert result.exit_code == 2
    assert result.stdout == ""
    lines = result.stderr.splitlines()
    assert len(lines) == 1, result.stderr
    assert lines[0].startswith(f"{damaged_model}: cannot read the model arrays (")
    assert lines[0].endswith("; reinstall Principal or retrain the model with scripts/train_clause_model.py")


def test_damaged_clause_model_description_names_that_file(damaged_model: Path) -> None:
    description = damaged_model.with_name(model_file.JSON_NAME)
    description.write_text('{"format": "principal-clause-model", "version": ', encoding="utf-8")
    result = run("review", DOCUMENT)
    assert result.exit_code == 2
    assert result.stderr.count("\n") == 1
    assert result.stderr.startswith(f"{description}: cannot read the model description (")


def test_damaged_clause_model_with_json_is_the_error_envelope(damaged_model: Path) -> None:
    result = run("review", DOCUMENT, "--json")
    assert result.exit_code == 2
    assert result.stderr == ""
    payload = json.loads(result.stdout)
    assert payload["ok"] is False
    assert (payload["command"], payload["file"]) == ("review", DOCUMENT)
    assert payload["error"]["kind"] == "shipped_data"
    assert payload["error"]["message"].startswith(f"{damaged_model}: cannot read the model arrays (")
    assert "result" not in payload


def _explode(*_args: object, **_kwargs: object) -> None:
    raise RuntimeError("planted fault")


PLANTED = f"internal error: RuntimeError at test_errors.py:{_explode.__code__.co_firstlineno + 1}: planted fault"


@pytest.fixture
def broken_engine(monkeypatch: pytest.MonkeyPatch) -> None:
    """The review engine's entry point fails the way a bug would."""
    from principal.review import review

    monkeypatch.setattr(review, "review_documents", _explode)


def test_internal_error_is_one_line_and_exit_70(broken_engine: None) -> None:
    result = run("review", DOCUMENT)
    assert result.exit_code == 70
    assert result.stdout == ""
    assert result.stderr.splitlines() == [
        f"{PLANTED}; run again with --debug to see the traceback, and please report it"
    ]


@pytest.mark.parametrize("where", ["before", "after", "environment"])
def test_internal_error_traceback_only_with_debug(broken_engine: None, where: str) -> None:
    args = {"before": ("--debug", "review", DOCUMENT), "after": ("review", DOCUMENT, "--debug")}
    env = {"PRINCIPAL_DEBUG": "1"} if where == "environment" else None
    result = run(*args.get(where, ("review", DOCUMENT)), env=env)
    assert result.exit_code == 70
    assert result.stderr.startswith("Traceback (most recent call last):")
    assert 'raise RuntimeError("planted fault")' in result.stderr
    assert result.stderr.splitlines()[-1] == PLANTED


def test_internal_error_with_json_is_the_error_envelope(broken_engine: None) -> None:
    result = run("review", DOCUMENT, "--json")
    assert result.exit_code == 70
    payload = json.loads(result.stdout)
    assert payload["ok"] is False
    assert (payload["command"], payload["file"]) == ("review", DOCUMENT)
    assert payload["error"] == {"kind": "internal", "message": PLANTED}
    assert "Traceback" not in result.output


def test_internal_error_in_validate_too(monkeypatch: pytest.MonkeyPatch) -> None:
    import principal.loader

    monkeypatch.setattr(principal.loader, "load_deal_with_warnings", _explode)
    result = run("validate", DEAL)
    assert result.exit_code == 70
    assert len(result.stderr.splitlines()) == 1
    assert "Traceback" not in result.output


def test_a_folder_without_a_report_folder_is_one_located_line() -> None:
    result = run("review", str(ROOT / "tests" / "fixtures" / "review"))
    assert result.exit_code == 2
    assert result.stderr.splitlines() == [
        f"{ROOT / 'tests' / 'fixtures' / 'review'}: -o: a folder is reviewed into a report: give -o REPORT_FOLDER"
    ]


def test_every_deliberate_error_has_the_one_root() -> None:
    for cls in (NotADocument, TooLarge, Refused, OutOfBounds, Crashed, BadLayout):
        assert issubclass(cls, FileRefused) and issubclass(cls, InputError), cls
    assert issubclass(ModelFileError, ShippedDataError)
    for cls in (StoreError, NotFound, DatabaseUnavailable, WebError, InputError, ShippedDataError):
        assert issubclass(cls, PrincipalError), cls


# Exception classes that may stand outside PrincipalError, with the reason.
OUTSIDE_THE_ROOT = {
    "CurrencyMismatch": "mixing currencies in arithmetic is a bug in an engine, not something the user can fix",
    "_CpuTimeUp": "control flow inside the parser sandbox; it never leaves the child process",
    "Refusal": "control flow inside the bounded YAML reader; yaml_positions turns it into a located InputError",
}
EXCEPTION_BASES = {"Exception", "ValueError", "RuntimeError", "TypeError", "KeyError", "LookupError", "OSError"}


def test_no_new_exception_roots_in_the_source() -> None:
    """A class deriving straight from a built-in exception is a stray root unless listed above with its reason."""
    strays = []
    for path in sorted((ROOT / "src" / "principal").rglob("*.py")):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.ClassDef):
                bases = {b.id for b in node.bases if isinstance(b, ast.Name)}
                if bases & (EXCEPTION_BASES | {"BaseException"}) and node.name not in OUTSIDE_THE_ROOT:
                    strays.append(f"{path.relative_to(ROOT)}: {node.name}")
    assert strays == ["src/principal/errors.py: PrincipalError"]
