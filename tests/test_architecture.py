"""The layers of docs/architecture.md, enforced: every import in src/principal (at the top, inside functions, under
TYPE_CHECKING, relative, by importlib or lazy export) goes only where the rules allow. Planted violations show
the check fails; each engine exports its entry points from its package with a sorted `__all__`; engines name no
CLI flag."""

from __future__ import annotations

import ast
import importlib
import pkgutil
import re
from dataclasses import dataclass
from pathlib import Path

import pytest

from tests.conftest import ROOT

SRC = ROOT / "src"
PACKAGE = SRC / "principal"

NEUTRAL = frozenset(
    {"principal", "principal.money", "principal.errors", "principal.statements", "principal.json_encoding"}
    | {"principal.lazy_exports", "principal.locales"}
)
ENGINES = ("cost", "sla", "align", "strategy", "review")
BELOW_ENGINES = frozenset({"neutral", "model", "loader"})

MAY_IMPORT: dict[str, frozenset[str]] = {
    "neutral": frozenset({"neutral"}),
    "model": frozenset({"neutral"}),
    "loader": frozenset({"neutral", "model"}),
    "store": frozenset({"neutral", "model", "loader"}),
    "cost": BELOW_ENGINES,
    "sla": BELOW_ENGINES | {"cost"},
    "align": BELOW_ENGINES | {"cost", "sla"},
    "strategy": BELOW_ENGINES | {"cost", "sla", "align"},
    "review": BELOW_ENGINES,
    "present": frozenset({"neutral"}),
    "reports": BELOW_ENGINES | set(ENGINES) | {"present"},
    "web": BELOW_ENGINES | set(ENGINES) | {"store", "present", "reports"},
    "cli": BELOW_ENGINES | set(ENGINES) | {"store", "present", "reports", "web"},
}
"""Which part may import which: neutral <- model <- loader <- engines <- presentation (docs/architecture.md)."""

KNOWN_EXCEPTIONS = {}
"""Imports that break the rules today, each waiting for its fix; the test fails once one is no longer needed."""


def part_of(module: str) -> str | None:
    """The part of the layering a module belongs to (None: a module the rules do not know yet)."""
    if module in NEUTRAL:
        return "neutral"
    parts = module.split(".")
    if parts[0] != "principal" or len(parts) < 2:
        return None
    return parts[1] if parts[1] in MAY_IMPORT else None


def module_name(path: Path) -> str:
    parts = list(path.relative_to(SRC).with_suffix("").parts)
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def _absolute(module: str, is_package: bool, node: ast.ImportFrom) -> str:
    if not node.level:
        return node.module or ""
    base = module.split(".") if is_package else module.split(".")[:-1]
    base = base[: len(base) - (node.level - 1)]
    return ".".join(base + ([node.module] if node.module else []))


def _strings(node: ast.AST) -> list[str]:
    if isinstance(node, ast.Constant) and isinstance(node.value, str):
        return [node.value]
    if isinstance(node, ast.Dict):
        return [s for key in node.keys if key is not None for s in _strings(key)]
    return []


def imported(module: str, source: str, *, is_package: bool = False) -> list[tuple[int, str]]:
    """(line, module) of every import in `source`, wherever it stands, including `importlib.import_module("x")`,
    `__import__("x")` and the modules named to `lazy_exports`."""
    found: list[tuple[int, str]] = []
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Import):
            found.extend((node.lineno, alias.name) for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            base = _absolute(module, is_package, node)
            found.append((node.lineno, base))
            found.extend((node.lineno, f"{base}.{alias.name}") for alias in node.names if alias.name != "*")
        elif isinstance(node, ast.Call):
            func = node.func
            name = func.attr if isinstance(func, ast.Attribute) else func.id if isinstance(func, ast.Name) else ""
            if name in ("import_module", "__import__", "lazy_exports"):
                found.extend((node.lineno, s) for arg in node.args for s in _strings(arg))
    return [(line, name) for line, name in found if name == "principal" or name.startswith("principal.")]


def _target(name: str) -> str | None:
    """The part an imported name belongs to: `from principal import money` names principal.money, not principal."""
    while name:
        part = part_of(name)
        if part is not None:
            return part
        name = name.rpartition(".")[0]
    return None


def violations(module: str, source: str, *, is_package: bool = False, filename: str = "") -> list[str]:
    """One line per import of `source` (the text of `module`) that the rules do not allow."""
    own = part_of(module)
    if own is None:
        return [f"{filename or module}: {module} belongs to no part of the rules; add it to docs/architecture.md"]
    out = []
    seen: set[tuple[int, str]] = set()
    for line, name in imported(module, source, is_package=is_package):
        target = _target(_resolve(name))
        if target is None or target == own or target in MAY_IMPORT[own]:
            continue
        if (module, target) in KNOWN_EXCEPTIONS or (line, target) in seen:
            continue
        seen.add((line, target))
        allowed = ", ".join(sorted(MAY_IMPORT[own])) or "nothing"
        out.append(f"{filename or module}:{line}: {module} ({own}) imports {name} ({target}); {own} may use {allowed}")
    return out


def _resolve(name: str) -> str:
    """The longest prefix of `name` that is a module (`principal.cli.output.console` is principal.cli.output)."""
    parts = name.split(".")
    for end in range(len(parts), 0, -1):
        candidate = ".".join(parts[:end])
        path = SRC.joinpath(*candidate.split("."))
        if path.with_suffix(".py").exists() or (path / "__init__.py").exists():
            return candidate
    return name


def source_files() -> list[Path]:
    return sorted(PACKAGE.rglob("*.py"))


def test_every_module_belongs_to_a_part() -> None:
    unknown = [module_name(p) for p in source_files() if part_of(module_name(p)) is None]
    assert unknown == []


def test_the_source_keeps_the_layers() -> None:
    found = [
        problem
        for path in source_files()
        for problem in violations(
            module_name(path),
            path.read_text(encoding="utf-8"),
            is_package=path.name == "__init__.py",
            filename=str(path.relative_to(ROOT)),
        )
    ]
    assert found == []


def test_every_known_exception_is_still_needed() -> None:
    for module, target in KNOWN_EXCEPTIONS:
        path = SRC.joinpath(*module.split(".")).with_suffix(".py")
        parts = {_target(_resolve(name)) for _, name in imported(module, path.read_text(encoding="utf-8"))}
        assert target in parts, f"{module} no longer imports from {target}: remove it from KNOWN_EXCEPTIONS"


@pytest.mark.parametrize(
    ("module", "source"),
    [
        ("principal.cost.planted", "from principal.cli.output import console\n"),
        ("principal.cost.planted", "def f():\n    from principal.cli.output import console\n    return console\n"),
        (
            "principal.cost.planted",
            "from typing import TYPE_CHECKING\nif TYPE_CHECKING:\n    from principal.cli.output import console\n",
        ),
        ("principal.cost.planted", "from ..cli.output import console\n"),
        ("principal.cost.planted", "from principal import cli\n"),
        ("principal.cost.planted", "import principal.cli.output\n"),
        ("principal.cost.planted", "import importlib\nout = importlib.import_module('principal.cli.output')\n"),
        ("principal.cost.planted", "__getattr__ = lazy_exports(__name__, {'principal.cli.output': ('console',)})\n"),
    ],
)
def test_a_planted_cli_import_in_an_engine_fails(module: str, source: str) -> None:
    found = violations(module, source)
    assert len(found) == 1
    assert "principal.cost.planted (cost) imports principal.cli" in found[0]
    assert found[0].endswith("cost may use loader, model, neutral")


@pytest.mark.parametrize(
    ("module", "source", "target"),
    [
        ("principal.cost.report", "from principal.align.report import align\n", "align"),
        ("principal.sla.report", "from principal.strategy import build_brief\n", "strategy"),
        ("principal.review.review", "from principal.cost import compare\n", "cost"),
        ("principal.align.stress", "from principal.present import formatter_for\n", "present"),
        ("principal.strategy.clauses", "from principal.store import deals\n", "store"),
        ("principal.model.deal", "from principal.loader import load_deal\n", "loader"),
        ("principal.money", "from principal.model import Deal\n", "model"),
        ("principal.web.app", "from principal.cli.output import emit_result\n", "cli"),
        ("principal.reports.formats", "from principal.web.templating import render\n", "web"),
        ("principal.present.formatter", "from principal.reports import formats\n", "reports"),
        ("principal.store.deals", "from principal.cost import schedule\n", "cost"),
    ],
)
def test_imports_against_the_layers_fail(module: str, source: str, target: str) -> None:
    found = violations(module, source)
    assert len(found) == 1 and f"({target})" in found[0], found


def test_imports_the_layers_allow_pass() -> None:
    assert violations("principal.strategy.plan.brief", "from principal.align.report import align\n") == []
    assert violations("principal.web.app", "from principal.reports.formats import render\n") == []
    assert violations("principal.cli.app", "from principal.web.app import create_app\n") == []
    assert violations("principal.cost.report", "from . import montecarlo\nfrom principal.errors import Problem\n") == []


def test_a_module_outside_the_rules_is_reported() -> None:
    assert violations("principal.utils", "import json\n") == [
        "principal.utils: principal.utils belongs to no part of the rules; add it to docs/architecture.md"
    ]


# Engine packages export their entry points --------------------------------------------------------------------------


def ruff_order(name: str) -> tuple[int, str]:
    """How `__all__` is sorted (ruff RUF022): constants, then classes, then functions and the rest."""
    return (0 if name.isupper() else 1 if name[:1].isupper() else 2, name)


@dataclass(frozen=True)
class Exports:
    names: list[str]
    typed: dict[str, str]  # name -> module, from the TYPE_CHECKING imports
    lazy: dict[str, str]  # name -> module, from lazy_exports(...)


def exports_of(package: str) -> Exports:
    path = SRC.joinpath(*package.split(".")) / "__init__.py"
    tree = ast.parse(path.read_text(encoding="utf-8"))
    names: list[str] = []
    typed: dict[str, str] = {}
    lazy: dict[str, str] = {}
    for node in ast.walk(tree):
        if isinstance(node, ast.Assign) and any(isinstance(t, ast.Name) and t.id == "__all__" for t in node.targets):
            names = [ast.literal_eval(e) for e in node.value.elts]  # type: ignore[attr-defined]
        if isinstance(node, ast.If) and isinstance(node.test, ast.Name) and node.test.id == "TYPE_CHECKING":
            for stmt in node.body:
                if isinstance(stmt, ast.ImportFrom) and stmt.module:
                    typed.update({alias.name: stmt.module for alias in stmt.names})
        if isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and node.func.id == "lazy_exports":
            table = node.args[1]
            if isinstance(table, ast.Dict):
                for key, value in zip(table.keys, table.values, strict=True):
                    module = ast.literal_eval(key)  # type: ignore[arg-type]
                    items = value if isinstance(value, ast.Tuple) else _named_tuple(tree, value)
                    lazy.update({ast.literal_eval(e): module for e in items.elts})
    return Exports(names, typed, lazy)


def _named_tuple(tree: ast.Module, node: ast.expr) -> ast.Tuple:
    assert isinstance(node, ast.Name), "lazy_exports takes a literal table"
    for stmt in tree.body:
        if isinstance(stmt, ast.Assign) and any(isinstance(t, ast.Name) and t.id == node.id for t in stmt.targets):
            assert isinstance(stmt.value, ast.Tuple)
            return stmt.value
    raise AssertionError(f"{node.id} is not a tuple in the module")


ENTRY_POINTS = {
    "principal.cost": {"schedule", "cost_report", "cost_result", "compare", "comparison_result", "simulate"},
    "principal.sla": {"sla_report", "allowed_downtime", "replay_outages", "simulate_designs", "compare_designs"},
    "principal.align": {"align", "align_offers", "compare_alignment"},
    "principal.strategy": {"build_brief", "draft_clauses", "build_kpis", "parse_goals", "load_goals"},
    "principal.review": {"review_file", "review_document", "read_document", "load_document", "evaluate_cuad"},
}


@pytest.mark.parametrize("package", sorted(ENTRY_POINTS))
def test_each_engine_exports_its_entry_points_with_a_sorted_all(package: str) -> None:
    exports = exports_of(package)
    assert exports.names == sorted(exports.names, key=ruff_order)
    assert ENTRY_POINTS[package] <= set(exports.names)
    module = importlib.import_module(package)
    assert module.__all__ == exports.names
    for name in exports.names:
        assert getattr(module, name) is not None, name
    assert exports.lazy == {name: where for name, where in exports.typed.items() if name in exports.lazy}
    assert set(exports.typed) == set(exports.lazy), "every lazy export is imported under TYPE_CHECKING, and no other"
    submodules = {info.name for info in pkgutil.iter_modules(module.__path__)}
    assert not submodules & set(exports.lazy), "a lazy export named as a submodule would be shadowed by it"
    for name, where in exports.lazy.items():
        assert getattr(importlib.import_module(where), name) is getattr(module, name)


# No CLI flag names inside engines ---------------------------------------------------------------------------------

FLAG = re.compile(r"(?<![\w-])--[a-z][a-z-]*")
FLAGS_IN_ENGINES = {
    ("principal/cost/report.py", "--offer"),  # pick_offers(..., option="--offer"): the CLI should pass its option
}
"""CLI flag names the engines still mention (in code, not docstrings); the test fails on a new one or a fixed one."""


def _docstrings(tree: ast.Module) -> set[int]:
    ids = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Module | ast.ClassDef | ast.FunctionDef | ast.AsyncFunctionDef) and node.body:
            first = node.body[0]
            if isinstance(first, ast.Expr) and isinstance(first.value, ast.Constant):
                ids.add(id(first.value))
    return ids


def flags_in(source: str) -> set[str]:
    tree = ast.parse(source)
    skip = _docstrings(tree)
    return {
        flag
        for node in ast.walk(tree)
        if isinstance(node, ast.Constant) and isinstance(node.value, str) and id(node) not in skip
        for flag in FLAG.findall(node.value)
    }


def test_engines_name_no_cli_flags() -> None:
    found = {
        (str(path.relative_to(SRC)), flag)
        for engine in ENGINES
        for path in sorted((PACKAGE / engine).rglob("*.py"))
        for flag in flags_in(path.read_text(encoding="utf-8"))
    }
    assert found == FLAGS_IN_ENGINES


def test_a_planted_flag_is_found_but_not_in_a_docstring() -> None:
    source = '"""Run with --offer to pick one."""\n\ndef f():\n    raise ValueError("give --baseline NAME")\n'
    assert flags_in(source) == {"--baseline"}
