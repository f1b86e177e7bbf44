"""Run the `principal` CLI in-process and capture its streams separately."""

from __future__ import annotations

from dataclasses import dataclass

from typer.testing import CliRunner

from principal.cli.app import app


@dataclass
class Result:
    exit_code: int
    stdout: str
    stderr: str


def run(*args: str) -> Result:
    runner = CliRunner()
    result = runner.invoke(app, list(args), catch_exceptions=False)
    return Result(result.exit_code, result.stdout, result.stderr)
