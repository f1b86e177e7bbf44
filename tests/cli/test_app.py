"""The application's command table and fast start: which modules a command loads (outcomes, not timings; the
timings are in benchmarks/bench_startup.py)."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest
import typer

from principal.cli import app as cli_app
from tests.conftest import ROOT

HEAVY = ("numpy", "sklearn", "fastapi", "starlette", "sqlalchemy", "uvicorn", "pypdf", "pdfplumber", "weasyprint")
DEAL = str(ROOT / "examples" / "ccaas-450" / "deal.yaml")


def _names(app: typer.Typer) -> list[str]:
    return [c.name or "" for c in app.registered_commands] + [g.name or "" for g in app.registered_groups]


@pytest.mark.parametrize("module,names", cli_app.COMMAND_MODULES)
def test_the_command_table_says_what_each_module_registers(module: str, names: tuple[str, ...]) -> None:
    probe = typer.Typer()
    __import__(f"principal.cli.{module}", fromlist=["register"]).register(probe)
    assert tuple(_names(probe)) == names


def test_a_named_command_loads_its_module_alone_and_help_loads_all() -> None:
    assert cli_app.modules_for(["validate", DEAL]) == ("deal_commands",)
    assert cli_app.modules_for(["--debug", "eval", "cuad", "--data", "x"]) == ("eval_commands", "review_commands")
    assert cli_app.modules_for(["--help"]) == cli_app.ALL_MODULES
    assert cli_app.modules_for(["valdate"]) == cli_app.ALL_MODULES  # so the usage error can suggest `validate`
    assert sorted(_names(cli_app.app)) == sorted(n for _, names in cli_app.COMMAND_MODULES for n in names)


def _loaded_after(code: str) -> list[str]:
    """The modules of HEAVY and of principal.cli that a fresh interpreter has loaded after running `code`."""
    probe = f"{code}\nimport sys, json\nprint(json.dumps(sorted(sys.modules)))"
    done = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, cwd=ROOT, timeout=300)
    assert done.returncode == 0, done.stderr
    loaded = json.loads(done.stdout.splitlines()[-1])
    return [m for m in loaded if m.split(".")[0] in HEAVY or m.startswith("principal.cli.")]


def test_help_loads_no_engine() -> None:
    code = "from principal.cli.app import main\nassert main(['--help']) == 0"
    assert [m for m in _loaded_after(code) if not m.startswith("principal.cli.")] == []


def test_importing_the_application_loads_no_engine_and_no_command() -> None:
    assert _loaded_after("import principal.cli.app") == ["principal.cli.app", "principal.cli.output"]


def test_validate_loads_neither_engines_nor_other_commands() -> None:
    code = f"from principal.cli.app import main\nassert main(['validate', {DEAL!r}]) == 0"
    assert _loaded_after(code) == ["principal.cli.app", "principal.cli.deal_commands", "principal.cli.output"]


@pytest.mark.parametrize("module", cli_app.ALL_MODULES)
def test_registering_a_command_module_loads_no_engine(module: str) -> None:
    code = f"import typer\nfrom principal.cli import {module}\n{module}.register(typer.Typer())"
    assert [m for m in _loaded_after(code) if not m.startswith("principal.cli.")] == []
