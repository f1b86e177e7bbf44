"""A throwaway PostgreSQL cluster for tests: initdb + pg_ctl from Debian's packages, on a free loopback port.

Root cannot run postgres, so as root the cluster belongs to the `postgres` user (runuser) and lives in a directory
that user owns; it is stopped and removed when the test session ends.
"""

from __future__ import annotations

import glob
import os
import pwd
import shutil
import socket
import subprocess
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path


def postgres_bin() -> Path | None:
    found = sorted(glob.glob("/usr/lib/postgresql/*/bin/initdb"), key=lambda p: int(p.split("/")[4]))
    return Path(found[-1]).parent if found else None


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
        probe.bind(("127.0.0.1", 0))
        port: int = probe.getsockname()[1]
        return port


def why_unavailable() -> str | None:
    if postgres_bin() is None:
        return "PostgreSQL server binaries not found under /usr/lib/postgresql/*/bin (bash scripts/setup --dev)"
    if os.geteuid() == 0:
        try:
            pwd.getpwnam("postgres")
        except KeyError:
            return "running as root and there is no `postgres` user to run the server as"
    return None


def _run(command: list[str], owner: str | None) -> None:
    if owner is not None:
        command = ["runuser", "-u", owner, "--", *command]
    subprocess.run(command, check=True, capture_output=True, timeout=600)  # a hang guard only


@contextmanager
def postgres_cluster() -> Iterator[str]:
    """Start a cluster and yield its base URL (postgresql+psycopg://principal@127.0.0.1:PORT)."""
    bindir = postgres_bin()
    assert bindir is not None
    owner = "postgres" if os.geteuid() == 0 else None
    root = Path(tempfile.mkdtemp(prefix="principal-pg-"))
    data = root / "data"
    if owner is not None:
        entry = pwd.getpwnam(owner)
        os.chown(root, entry.pw_uid, entry.pw_gid)
    port = free_port()
    try:
        _run(
            [str(bindir / "initdb"), "-D", str(data), "-U", "principal", "-A", "trust", "-E", "UTF8", "--no-sync"],
            owner,
        )
        options = f"-c listen_addresses=127.0.0.1 -p {port} -k {root} -c fsync=off -c full_page_writes=off"
        _run(
            [
                str(bindir / "pg_ctl"),
                "-D",
                str(data),
                "-l",
                str(root / "server.log"),
                "-o",
                options,
                "-w",
                "-t",
                "300",
                "start",
            ],
            owner,
        )
        try:
            yield f"postgresql+psycopg://principal@127.0.0.1:{port}"
        finally:
            _run([str(bindir / "pg_ctl"), "-D", str(data), "-m", "immediate", "-w", "-t", "300", "stop"], owner)
    finally:
        shutil.rmtree(root, ignore_errors=True)
