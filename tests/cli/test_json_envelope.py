"""Every command's `--json` output, on success and on failure, matches the one envelope documented in
docs/json-envelope.md (the schema is read from there, so the document and the check cannot drift apart)."""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

import pytest

from principal import __version__
from principal.cli.app import app
from tests.clirunner import run
from tests.conftest import ROOT, SEED
from tests.review_clauses.test_cuad_eval import AUDIT, PLAIN, write_folder

DOC = ROOT / "docs" / "json-envelope.md"
GOALS = ROOT / "examples" / "ccaas-450" / "goals.yaml"
DOCUMENT = ROOT / "tests" / "fixtures" / "review" / "ccaas-order-form.md"
BAD_DEAL = ROOT / "tests" / "fixtures" / "bad-deals" / "negative-price.yaml"
REVIEW_CORPUS = ROOT / "corpus" / "review" / "tuning" / "vantage"  # one deal of the review corpus
SIGNED = str(ROOT / "examples" / "ccaas-450" / "signed-deal.yaml")
OUTAGES = str(ROOT / "tests" / "fixtures" / "outages" / "sample.csv")
EXEMPT = {"serve"}  # prints its address, then serves until stopped


def documented_schema() -> dict[str, Any]:
    text = DOC.read_text(encoding="utf-8").split("## Schema", 1)[1]
    block = re.search(r"```json\n(.*?)\n```", text, re.S)
    assert block is not None, "docs/json-envelope.md has no ```json block under ## Schema"
    schema: dict[str, Any] = json.loads(block.group(1))
    return schema


SCHEMA = documented_schema()

# A validator for the part of JSON Schema (2020-12) the envelope uses; any other keyword is refused, so the
# schema cannot come to rely on a rule that is silently not checked.
KEYWORDS = {"$schema", "title", "$defs", "$ref", "oneOf", "type", "const", "required", "additionalProperties"}
KEYWORDS |= {"properties", "items", "minItems", "pattern"}
TYPES: dict[str, Any] = {
    "object": dict,
    "array": list,
    "string": str,
    "integer": int,
    "boolean": bool,
    "null": type(None),
}


def _is(value: Any, kind: str) -> bool:
    if kind in ("integer",) and isinstance(value, bool):
        return False
    return isinstance(value, TYPES[kind])


def errors(value: Any, schema: dict[str, Any], where: str = "$") -> list[str]:
    """Why `value` does not match `schema` (empty when it does)."""
    unknown = set(schema) - KEYWORDS
    assert not unknown, f"the test's validator does not check {sorted(unknown)}"
    if "$ref" in schema:
        name = schema["$ref"].removeprefix("#/$defs/")
        return errors(value, SCHEMA["$defs"][name], where)
    if "oneOf" in schema:
        matching = [option for option in schema["oneOf"] if not errors(value, option, where)]
        if len(matching) == 1:
            return []
        found = [e for option in schema["oneOf"] for e in errors(value, option, where)]
        return [f"{where}: matches {len(matching)} of the shapes, not one", *found]
    out: list[str] = []
    if "type" in schema:
        kinds = schema["type"] if isinstance(schema["type"], list) else [schema["type"]]
        if not any(_is(value, kind) for kind in kinds):
            return [f"{where}: {type(value).__name__}, not {' or '.join(kinds)}"]
    if "const" in schema and value != schema["const"]:
        out.append(f"{where}: {value!r}, not {schema['const']!r}")
    if "pattern" in schema and isinstance(value, str) and not re.search(schema["pattern"], value):
        out.append(f"{where}: {value!r} does not match {schema['pattern']}")
    if isinstance(value, dict):
        out += [f"{where}: no {key!r}" for key in schema.get("required", []) if key not in value]
        properties = schema.get("properties", {})
        if schema.get("additionalProperties") is False:
            out += [f"{where}: unexpected {key!r}" for key in value if key not in properties]
        for key, sub in properties.items():
            if key in value:
                out += errors(value[key], sub, f"{where}.{key}")
    if isinstance(value, list):
        if len(value) < schema.get("minItems", 0):
            out.append(f"{where}: fewer than {schema['minItems']} items")
        if "items" in schema:
            for i, item in enumerate(value):
                out += errors(item, schema["items"], f"{where}[{i}]")
    return out


def envelope(args: list[str], code: int) -> dict[str, Any]:
    result = run(*args)
    assert result.exit_code == code, (args, result.exit_code, result.stderr[-500:])
    body: dict[str, Any] = json.loads(result.stdout)
    assert errors(body, SCHEMA) == [], args
    assert body["version"] == __version__
    return body


@pytest.fixture(scope="module")
def cuad_folder(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return write_folder(tmp_path_factory.mktemp("cuad"), [("a.txt", AUDIT + " " + PLAIN, {"Audit Rights": [AUDIT]})])


def successes(tmp: Path, cuad: Path) -> dict[str, tuple[list[str], int, str | None]]:
    """command -> (arguments, exit code, the file the envelope names) of a run that works."""
    seed = str(SEED)
    return {
        "validate": (["validate", seed, "--json"], 0, seed),
        "schema": (["schema", "--json"], 0, None),
        "cost": (["cost", seed, "--offer", "final", "--json"], 0, seed),
        "compare": (["compare", seed, "--json"], 0, seed),
        "sla": (["sla", seed, "--offer", "final", "--json"], 0, seed),
        "align": (["align", seed, "--offer", "final", "--json"], 0, seed),
        "review": (["review", str(DOCUMENT), "--json"], 1, str(DOCUMENT)),  # 1: it found risks
        "kpis": (["kpis", str(GOALS), "--json"], 1, str(GOALS)),  # 1: the planned staffing misses a target
        "clauses": (["clauses", seed, "--offer", "final", "--json"], 0, seed),
        "plan": (["plan", seed, "--json"], 0, seed),
        "export": (["export", seed, "-o", str(tmp / "brief.md"), "--json"], 0, seed),
        "rehearse": (["rehearse", seed, "--auto", "--runs", "2", "--json"], 0, seed),
        "eval cuad": (["eval", "cuad", "--data", str(cuad), "--json"], 0, str(cuad)),
        "eval review": (["eval", "review", str(REVIEW_CORPUS), "--json"], 0, str(REVIEW_CORPUS)),
        "calendar": (["calendar", SIGNED, "-o", str(tmp / "dates.ics"), "--json"], 0, SIGNED),
        "audit": (["audit", SIGNED, str(_invoice(tmp)), "--json"], 0, SIGNED),
        "credits": (["credits", SIGNED, "--outages", OUTAGES, "--as-of", "2027-12-31", "--json"], 0, SIGNED),
        "portfolio": (["portfolio", SIGNED, "--json"], 0, SIGNED),
    }


def _invoice(tmp: Path) -> Path:
    path = tmp / "invoice.csv"
    path.write_text("period,kind,item,quantity,amount\n2027-01,license,agent,450,64350.00\n", encoding="utf-8")
    return path


def _contracts(tmp: Path) -> Path:
    folder = tmp / "contracts"
    folder.mkdir(exist_ok=True)
    (folder / "order.md").write_text(DOCUMENT.read_text(encoding="utf-8"), encoding="utf-8")
    return folder


def failures(tmp: Path) -> dict[str, tuple[list[str], str | None]]:
    """command -> (arguments, the file the envelope names) of a run that fails on bad input (exit 2)."""
    seed, bad = str(SEED), str(BAD_DEAL)
    broken_goals = tmp / "goals.yaml"
    broken_goals.write_text("operation: x\ngoals: [\n", encoding="utf-8")
    return {
        "validate": (["validate", bad, "--json"], bad),
        "cost": (["cost", seed, "--offer", "nope", "--json"], seed),
        "compare": (["compare", seed, "--baseline", "nope", "--json"], seed),
        "sla": (["sla", seed, "--preset", "nope", "--json"], seed),
        "align": (["align", seed, "--offer", "nope", "--json"], seed),
        "review": (["review", str(tmp / "missing.pdf"), "--json"], str(tmp / "missing.pdf")),
        "kpis": (["kpis", str(broken_goals), "--json"], str(broken_goals)),
        "clauses": (["clauses", seed, "--offer", "nope", "--json"], seed),
        "plan": (["plan", bad, "--json"], bad),
        "export": (["export", seed, "-o", str(tmp / "brief.txt"), "--json"], seed),
        "rehearse": (["rehearse", seed, "--persona", "nope", "--json"], seed),
        "eval cuad": (["eval", "cuad", "--data", str(tmp / "no-folder"), "--json"], str(tmp / "no-folder")),
        "eval review": (["eval", "review", str(tmp), "--json"], str(tmp)),
        "calendar": (["calendar", seed, "-o", str(tmp / "dates.ics"), "--json"], seed),
        "audit": (["audit", seed, str(tmp / "none.csv"), "--json"], seed),
        "credits": (["credits", seed, "--outages", OUTAGES, "--json"], seed),
        "portfolio": (["portfolio", seed, "--json"], seed),
    }


def every_command() -> set[str]:
    names = {c.name for c in app.registered_commands if c.name}
    for group in app.registered_groups:
        assert group.typer_instance is not None
        names |= {f"{group.name} {c.name}" for c in group.typer_instance.registered_commands if c.name}
    return names


def test_every_command_is_walked(tmp_path: Path) -> None:
    assert set(successes(tmp_path, tmp_path)) == every_command() - EXEMPT
    assert set(failures(tmp_path)) == every_command() - EXEMPT - {"schema"}  # schema reads no input


@pytest.mark.parametrize("name", sorted(every_command() - EXEMPT))
def test_a_successful_run_is_in_the_envelope(name: str, tmp_path: Path, cuad_folder: Path) -> None:
    args, code, file = successes(tmp_path, cuad_folder)[name]
    body = envelope(args, code)
    assert (body["ok"], body["command"], body["file"]) == (True, name, file)
    assert body["result"], "an empty result"


@pytest.mark.parametrize("name", sorted(every_command() - EXEMPT - {"schema"}))
def test_a_failed_run_is_in_the_envelope(name: str, tmp_path: Path) -> None:
    args, file = failures(tmp_path)[name]
    body = envelope(args, 2)
    assert (body["ok"], body["command"], body["file"]) == (False, name, file)
    assert body["error"]["kind"] == "input"


def test_a_folder_review_is_in_the_envelope(tmp_path: Path) -> None:
    folder = _contracts(tmp_path)
    body = envelope(["review", str(folder), "-o", str(tmp_path), "--json"], 0)
    assert (body["ok"], body["command"], body["file"]) == (True, "review", str(folder))
    assert [Path(row["file"]).name for row in body["result"]["review"]["rows"]] == ["order.md"]
    missing = str(tmp_path / "no-folder")
    failed = envelope(["review", missing, "-o", str(tmp_path), "--json"], 2)
    assert (failed["ok"], failed["command"], failed["file"]) == (False, "review", missing)
    assert "no such folder" in failed["error"]["message"]


def test_an_internal_error_is_in_the_envelope(monkeypatch: pytest.MonkeyPatch) -> None:
    def broken(*args: object, **kwargs: object) -> object:
        raise RuntimeError("planted")

    monkeypatch.setattr("principal.json_encoding.to_jsonable", broken)
    body = envelope(["validate", str(SEED), "--json"], 70)
    assert (body["ok"], body["command"], body["error"]["kind"]) == (False, "validate", "internal")
    assert "RuntimeError" in body["error"]["message"] and "planted" in body["error"]["message"]


GOOD = {"ok": True, "command": "cost", "file": "deal.yaml", "version": "0.1.0", "result": {"offers": []}}
BAD = {**{k: v for k, v in GOOD.items() if k != "result"}, "ok": False, "error": {"kind": "input", "message": "x"}}


@pytest.mark.parametrize("key", sorted(GOOD))
def test_the_schema_fails_an_envelope_that_omits_a_key(key: str) -> None:
    assert errors(GOOD, SCHEMA) == [] and errors(BAD, SCHEMA) == []
    assert errors({k: v for k, v in GOOD.items() if k != key}, SCHEMA) != []
    if key in BAD:
        assert errors({k: v for k, v in BAD.items() if k != key}, SCHEMA) != []


@pytest.mark.parametrize(
    "changed",
    [
        {**GOOD, "extra": 1},
        {**GOOD, "ok": False},
        {**GOOD, "error": {"kind": "input", "message": "x"}},
        {**BAD, "error": {"kind": "input"}},
        {**BAD, "error": {"kind": "input", "message": "two\nlines"}},
        {**BAD, "error": {"kind": "input", "message": "x", "problems": []}},
        {**BAD, "error": {"kind": "input", "message": "x", "problems": [{"file": "f", "line": 1}]}},
        {**GOOD, "version": 1},
        {**GOOD, "command": None},
    ],
)
def test_the_schema_fails_a_wrong_envelope(changed: dict[str, Any]) -> None:
    assert errors(changed, SCHEMA) != []
