"""Deal workspace page times under 20 concurrent clients on loopback, against a trivial static file in the same run.

Starts `principal serve` on a free 127.0.0.1 port with a temporary SQLite database, imports the seed deal, then runs
20 clients that each fetch the workspace page ROUNDS times, then the Cost tab (whose engine results, Monte Carlo
included, are computed on the first view and read from the cache afterwards), and separately the static favicon as
the baseline. Bounded: 20 x ROUNDS requests per route, and the whole run stops after DEADLINE seconds.

    .venv/bin/python benchmarks/bench_web.py [--rounds 25]
"""

from __future__ import annotations

import argparse
import asyncio
import os
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import httpx

ROOT = Path(__file__).resolve().parent.parent
SEED = ROOT / "examples" / "ccaas-450" / "deal.yaml"
CLIENTS = 20
DEADLINE = 180.0
TARGET_P95_MS = 200.0


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port: int = probe.getsockname()[1]
        return port


def start_server(database: Path, port: int) -> subprocess.Popen[bytes]:
    command = [
        sys.executable,
        "-c",
        "from principal.cli.app import main; main()",
        "serve",
        "--port",
        str(port),
        "--database-url",
        f"sqlite:///{database}",
    ]
    env = {k: v for k, v in os.environ.items() if k != "PRINCIPAL_TOKEN"}
    return subprocess.Popen(command, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)


def wait_ready(base: str) -> None:
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        try:
            if httpx.get(f"{base}/api/health", timeout=1).status_code == 200:
                return
        except httpx.TransportError:
            time.sleep(0.1)
    raise SystemExit("the server did not start within 30 s")


def import_seed(base: str) -> str:
    with httpx.Client(base_url=base) as client:
        client.get("/")
        token = client.cookies["principal_csrf"]
        created = client.post(
            "/api/deals", json={"yaml": SEED.read_text(), "author": "bench"}, headers={"X-CSRF-Token": token}
        )
        created.raise_for_status()
        return f"/deals/{created.json()['deal_id']}"


async def one_client(base: str, path: str, rounds: int, stop_at: float) -> list[float]:
    times: list[float] = []
    async with httpx.AsyncClient(base_url=base, timeout=30) as client:
        for _ in range(rounds):
            if time.monotonic() > stop_at:
                break
            started = time.perf_counter()
            response = await client.get(path)
            elapsed = time.perf_counter() - started
            if response.status_code != 200:
                raise SystemExit(f"{path} answered {response.status_code}")
            times.append(elapsed * 1000)
    return times


async def load(base: str, path: str, rounds: int, stop_at: float) -> list[float]:
    results = await asyncio.gather(*(one_client(base, path, rounds, stop_at) for _ in range(CLIENTS)))
    return [t for client_times in results for t in client_times]


def p95(values: list[float]) -> float:
    return statistics.quantiles(values, n=100, method="inclusive")[94]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=25, help="requests per client per route (default 25)")
    args = parser.parse_args()
    rounds = max(1, min(args.rounds, 200))
    port = free_port()
    base = f"http://127.0.0.1:{port}"
    with tempfile.TemporaryDirectory() as tmp:
        server = start_server(Path(tmp) / "bench.db", port)
        try:
            wait_ready(base)
            workspace = import_seed(base)
            stop_at = time.monotonic() + DEADLINE
            started = time.perf_counter()
            asyncio.run(load(base, workspace + "/cost", 1, stop_at))  # first view: the cost engine runs once
            first_cost = (time.perf_counter() - started) * 1000
            asyncio.run(load(base, workspace, 2, stop_at))  # warm-up: templates compiled, connections pooled
            static = asyncio.run(load(base, "/static/favicon.svg", rounds, stop_at))
            page = asyncio.run(load(base, workspace, rounds, stop_at))
            cost = asyncio.run(load(base, workspace + "/cost", rounds, stop_at))
        finally:
            server.terminate()
            server.wait(timeout=10)
    baseline = p95(static)
    figure = p95(page)
    cost_figure = p95(cost)
    print(
        f"clients: {CLIENTS}, requests per route: {len(page)} (workspace), {len(cost)} (cost), {len(static)} (static)"
    )
    print(f"static file      p50 {statistics.median(static):7.1f} ms   p95 {baseline:7.1f} ms")
    print(f"deal workspace   p50 {statistics.median(page):7.1f} ms   p95 {figure:7.1f} ms")
    print(f"cost tab         p50 {statistics.median(cost):7.1f} ms   p95 {cost_figure:7.1f} ms")
    print(f"cost tab first view (20 clients at once, engine runs once): {first_cost:.0f} ms")
    print(f"ratio workspace/static p95: {figure / baseline:.2f}x; cost/static p95: {cost_figure / baseline:.2f}x")
    for name, value in (("workspace", figure), ("cost tab", cost_figure)):
        print(f"target p95 <= {TARGET_P95_MS:.0f} ms ({name}): {'met' if value <= TARGET_P95_MS else 'NOT met'}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
