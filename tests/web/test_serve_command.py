"""`principal serve` refuses unsafe or impossible configurations in one line with exit code 2, before serving."""

from __future__ import annotations

import socket
from pathlib import Path

from tests.clirunner import run as run_cli


def run(*args: str, env: dict[str, str] | None = None) -> tuple[int, str]:
    result = run_cli("serve", *args, env=env or {"PRINCIPAL_TOKEN": ""})
    return result.exit_code, result.stdout + result.stderr


def test_non_local_bind_without_token_is_refused() -> None:
    code, output = run("--host", "0.0.0.0")
    assert code == 2
    assert output.strip() == (
        "error: refusing to listen on 0.0.0.0: other machines could reach it; set an access token with --token "
        "or PRINCIPAL_TOKEN, or keep the default 127.0.0.1"
    )


def test_short_token_is_refused() -> None:
    code, output = run("--host", "0.0.0.0", env={"PRINCIPAL_TOKEN": "abc"})
    assert code == 2
    assert output.strip() == (
        "error: the access token must be at least 32 characters (it has 3); "
        "generate one with `principal serve --generate-token`"
    )


def test_port_in_use_is_refused() -> None:
    with socket.socket() as busy:
        busy.bind(("127.0.0.1", 0))
        busy.listen()
        port = busy.getsockname()[1]
        code, output = run("--port", str(port))
    assert code == 2
    assert output.strip() == f"error: port {port} on 127.0.0.1 is in use; choose another with --port"


def free_port() -> str:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return str(probe.getsockname()[1])


def test_unusable_database_url_is_refused(tmp_path: Path) -> None:
    code, output = run("--database-url", "mysql://x@localhost/db", "--port", free_port())
    assert code == 2
    assert output.strip() == (
        "error: unsupported database 'mysql'; use sqlite:///PATH or postgresql+psycopg://USER@HOST/DB"
    )
    blocked = tmp_path / "file"
    blocked.write_text("")
    code, output = run("--database-url", f"sqlite:///{blocked}/sub/principal.db", "--port", free_port())
    assert code == 2
    assert output.startswith("error: cannot create the folder for")
