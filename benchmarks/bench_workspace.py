"""The workspace a team lives in: builder pages, builder saves, the Decide tab's what-if and the first chart page.

Starts `principal serve` on a free 127.0.0.1 port with a temporary SQLite database and imports the seed deal, then:

- 20 clients fetch a builder step (an offer's seats), the offers page and the Decide tab, ROUNDS times each, beside
  the static favicon as the baseline (p50 and p95);
- one user moves a slider: the what-if (htmx partial) asked in a row with settings no one asked before, so the
  cost engine runs each time (target p95 <= 100 ms); then 20 clients do the same at once (the figure under load);
- one client saves the seats step SAVES times in a row, each a changed unit price: read the form, check the whole
  deal, write a version (target: none set; printed against a GET of the same step);
- the saves made a new version: one client opens its Cost tab, so the engines run (printed, no target);
- with Debian's chromium, a fresh browser opens the Cost tab (results now cached on the server) until its charts
  are drawn, and the PDF export is timed from opening the Export tab to the finished download (targets <= 1 s and
  <= 5 s).

Every client opens its connection (an untimed request) before its requests are timed.
Bounded: at most 20 x ROUNDS requests per route, and the run stops after DEADLINE seconds.

    .venv/bin/python benchmarks/bench_workspace.py [--rounds 10] [--saves 20] [--no-browser]
"""

from __future__ import annotations

import argparse
import asyncio
import os
import re
import statistics
import sys
import tempfile
import time
from pathlib import Path

import httpx

sys.path.insert(0, str(Path(__file__).resolve().parent))

from bench_web import free_port, import_seed, p95, start_server, wait_ready

CHROMIUM = Path("/usr/bin/chromium")
DEADLINE = 240.0
WHAT_IF_TARGET_MS = 100.0
FIRST_CHART_TARGET_S = 1.0
PDF_TARGET_S = 5.0
CLIENTS = 20


async def connected(base: str, count: int, **options: object) -> list[httpx.AsyncClient]:
    """`count` clients, each with its connection open (an untimed request to the health check), so the figures
    time requests, not connection set-up."""
    clients = [httpx.AsyncClient(base_url=base, timeout=30, **options) for _ in range(count)]  # type: ignore[arg-type]
    await asyncio.gather(*(client.get("/api/health") for client in clients))
    return clients


async def timed_gets(client: httpx.AsyncClient, paths: list[str], stop_at: float) -> list[float]:
    times: list[float] = []
    for path in paths:
        if time.monotonic() > stop_at:
            break
        began = time.perf_counter()
        response = await client.get(path)
        elapsed = time.perf_counter() - began
        if response.status_code != 200:
            raise SystemExit(f"{path} answered {response.status_code}")
        times.append(elapsed * 1000)
    return times


async def many(base: str, paths_of: list[list[str]], stop_at: float, **options: object) -> list[float]:
    """Each list of paths asked in a row by its own client, all clients at once (connections opened first)."""
    clients = await connected(base, len(paths_of), **options)
    try:
        found = await asyncio.gather(
            *(timed_gets(c, paths, stop_at) for c, paths in zip(clients, paths_of, strict=True))
        )
    finally:
        await asyncio.gather(*(client.aclose() for client in clients))
    return [t for times in found for t in times]


def load(base: str, path: str, rounds: int, stop_at: float) -> list[float]:
    """CLIENTS clients each asking `path` `rounds` times."""
    return asyncio.run(many(base, [[path] * rounds for _ in range(CLIENTS)], stop_at))


def what_ifs(base: str, path: str, rounds: int, stop_at: float, clients: int = CLIENTS) -> list[float]:
    """What-ifs at settings not asked before (the engine runs each time): `clients` clients, `rounds` each."""
    paths = [
        [f"{path}?volume={30 + (n * rounds + i) % 270}&seats=97&price=93" for i in range(rounds)]
        for n in range(clients)
    ]
    return asyncio.run(many(base, paths, stop_at, headers={"HX-Request": "true"}))


def server_cpu(pid: int) -> float:
    """CPU seconds the server process and the worker children it has reaped have used (Linux /proc), once the
    server has no child left (a worker that has answered is reaped a moment later, by a thread)."""
    deadline = time.monotonic() + 5
    while time.monotonic() < deadline and any(
        children.read_text().split() for children in Path(f"/proc/{pid}/task").glob("*/children")
    ):
        time.sleep(0.01)
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    ticks = sum(int(value) for value in fields[11:15])  # utime, stime, cutime, cstime
    return ticks / os.sysconf("SC_CLK_TCK")


def load_average() -> str:
    one, five, _ = os.getloadavg()
    return f"{one:.2f} (1 min), {five:.2f} (5 min), on {os.cpu_count()} cores"


def form_fields(page: str, action: str) -> dict[str, str]:
    """The hidden and text inputs of the form posting to `action` (enough to resubmit the seats step)."""
    form = page[page.index(f'action="{action}"') :]
    form = form[: form.index("</form>")]
    fields: dict[str, str] = {}
    for tag in re.findall(r"<input [^>]*>", form):
        name = re.search(r'name="([^"]+)"', tag)
        kind = re.search(r'type="([^"]+)"', tag)
        if name is None or (kind is not None and kind.group(1) in ("checkbox", "radio", "submit", "file")):
            continue
        value = re.search(r'value="([^"]*)"', tag)
        fields[name.group(1)] = value.group(1).replace("&#34;", '"').replace("&amp;", "&") if value else ""
    for select in re.findall(r'<select [^>]*name="([^"]+)"[^>]*>(.*?)</select>', form, re.S):
        chosen = re.search(r'<option value="([^"]*)" selected', select[1]) or re.search(
            r'<option value="([^"]*)"', select[1]
        )
        fields[select[0]] = chosen.group(1) if chosen else ""
    return fields


def saves(base: str, step: str, count: int) -> tuple[list[float], list[float]]:
    """Time `count` saves of the seats step (each a new unit price) and as many plain GETs of it."""
    saved: list[float] = []
    read: list[float] = []
    with httpx.Client(base_url=base, timeout=60) as client:
        for i in range(count):
            began = time.perf_counter()
            page = client.get(step)
            read.append((time.perf_counter() - began) * 1000)
            fields = form_fields(page.text, step)
            price_key = next(k for k in fields if k.startswith("licenses.") and k.endswith(".unit_price"))
            fields.update({price_key: f"{130 + i % 9}.{i % 10}5", "author": "bench", "action": "save"})
            began = time.perf_counter()
            answer = client.post(step, data=fields)
            saved.append((time.perf_counter() - began) * 1000)
            if answer.status_code != 303:
                raise SystemExit(f"save {i + 1} answered {answer.status_code}: {answer.text[:300]}")
    return saved, read


def browser_figures(base: str, workspace: str, pid: int) -> tuple[float, float, float, float] | None:
    """Seconds to the drawn charts of the Cost tab in a fresh browser, and to the PDF export's download (with the
    server's CPU seconds for each)."""
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        return None
    if not CHROMIUM.exists():
        return None
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=["--no-sandbox"])
        try:
            page = browser.new_context(base_url=base).new_page()
            cpu = server_cpu(pid)
            began = time.perf_counter()
            page.goto(workspace + "/cost")
            page.locator("[data-figure][data-drawn]").first.wait_for(timeout=60_000)
            first_chart = time.perf_counter() - began
            chart_cpu = server_cpu(pid) - cpu
            cpu = server_cpu(pid)
            began = time.perf_counter()  # the tab opens, the link is clicked at once: the preparation is counted
            page.goto(workspace + "/exports")
            with page.expect_download(timeout=120_000) as download:
                page.locator("a.export-link[data-format='pdf']").click()
            download.value.path()
            pdf = time.perf_counter() - began
            pdf_cpu = server_cpu(pid) - cpu
        finally:
            browser.close()
    return first_chart, pdf, chart_cpu, pdf_cpu


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=10, help="requests per client per route (default 10)")
    parser.add_argument("--saves", type=int, default=20, help="builder saves in a row (default 20)")
    parser.add_argument("--no-browser", action="store_true", help="skip the chromium figures")
    args = parser.parse_args()
    rounds = max(1, min(args.rounds, 100))
    started_load = load_average()
    port = free_port()
    base = f"http://127.0.0.1:{port}"
    with tempfile.TemporaryDirectory() as tmp:
        server = start_server(Path(tmp) / "bench.db", port)
        try:
            wait_ready(base)
            workspace = import_seed(base)
            step = workspace + "/build/offers/final/seats"
            stop_at = time.monotonic() + DEADLINE
            load(base, workspace + "/decide", 1, stop_at)  # first view: the engines run once
            load(base, step, 1, stop_at)
            static = load(base, "/static/favicon.svg", rounds, stop_at)
            pages = {
                "builder step": load(base, step, rounds, stop_at),
                "offers page": load(base, workspace + "/offers-manage", rounds, stop_at),
                "decide tab": load(base, workspace + "/decide", rounds, stop_at),
            }
            cpu_before = server_cpu(server.pid)
            one_user = what_ifs(base, workspace + "/decide", 4 * CLIENTS, stop_at, clients=1)
            what_if_cpu = (server_cpu(server.pid) - cpu_before) / len(one_user)
            what_if = what_ifs(base, workspace + "/decide", rounds, stop_at)
            saved, read = saves(base, step, max(1, min(args.saves, 100)))
            began = time.perf_counter()  # the saves made a new version: its Cost tab runs the engines once
            httpx.get(base + workspace + "/cost", timeout=120).raise_for_status()
            new_version = time.perf_counter() - began
            chromium = None if args.no_browser else browser_figures(base, workspace, server.pid)
        finally:
            server.terminate()
            server.wait(timeout=10)
    baseline = p95(static)
    print(f"load average at the start: {started_load}; at the end: {load_average()}")
    print(f"clients: {CLIENTS}, requests per route: {len(static)}")
    print(f"static file      p50 {statistics.median(static):7.1f} ms   p95 {baseline:7.1f} ms")
    for name, times in (*pages.items(), ("what-if, 20 at once", what_if)):
        figure = p95(times)
        ratio = figure / baseline
        print(f"{name:16} p50 {statistics.median(times):7.1f} ms   p95 {figure:7.1f} ms   {ratio:.2f}x static")
    alone = p95(one_user)
    print(
        f"what-if, one user moving a slider ({len(one_user)} in a row): p50 {statistics.median(one_user):.1f} ms, "
        f"p95 {alone:.1f} ms (target p95 <= {WHAT_IF_TARGET_MS:.0f} ms: "
        f"{'met' if alone <= WHAT_IF_TARGET_MS else 'NOT met'}); server CPU per what-if {what_if_cpu * 1000:.1f} ms "
        "(worker included): the time one request takes on an idle core"
    )
    print(
        f"builder save (one client, {len(saved)} in a row): p50 {statistics.median(saved):.1f} ms, "
        f"max {max(saved):.1f} ms; the same step read: p50 {statistics.median(read):.1f} ms "
        f"({statistics.median(saved) / statistics.median(read):.2f}x)"
    )
    print(f"Cost tab of the version the saves made (the engines run, one client): {new_version:.2f} s")
    if chromium is None:
        print("chromium figures: skipped")
    else:
        first, pdf, chart_cpu, pdf_cpu = chromium
        print(
            f"first chart page, fresh browser (results cached): {first:.2f} s (target <= {FIRST_CHART_TARGET_S:g} s); "
            f"server CPU {chart_cpu:.2f} s"
        )
        print(f"PDF export from its link: {pdf:.2f} s (target <= {PDF_TARGET_S:g} s); server CPU {pdf_cpu:.2f} s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
