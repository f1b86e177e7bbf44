"""Run the `principal` CLI in-process through `main()`, as the console script does, capturing its streams."""

from __future__ import annotations

import sys
from dataclasses import dataclass

from typer.testing import CliRunner

from principal.cli.app import main


@dataclass
class Result:
    exit_code: int
    stdout: str
    stderr: str

    @property
    def output(self) -> str:
        return self.stdout + self.stderr


def run(*args: str, input: str | None = None, env: dict[str, str] | None = None) -> Result:
    """`principal ARGS...`: the exit code main() returns and what it wrote to standard output and error."""
    runner = CliRunner()
    with runner.isolation(input=input, env=env) as streams:
        code = main(list(args))
        sys.stdout.flush()
        sys.stderr.flush()
        out, err = streams[0].getvalue(), streams[1].getvalue()
    return Result(code, out.decode("utf-8", "replace"), err.decode("utf-8", "replace"))
