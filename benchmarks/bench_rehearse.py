"""Benchmark: simulated negotiations a second on the bundled deal (target >= 1,000) and one rep reply with its
words and score (target <= 100 ms, no language model).

The rate is per CPU second of this process (the machine may be shared), with the wall-clock rate beside it.
Beside the simulations it times a bare loop of the same rounds (each round only reads the board's value of the
two packages on the table), in the same run, so the figure can be read against this machine's speed.
Run: .venv/bin/python benchmarks/bench_rehearse.py
"""

from __future__ import annotations

import time
from pathlib import Path

from principal.cost import schedule
from principal.loader import load_deal
from principal.rehearse.auto import STRATEGIES, buyer_frontier, negotiate
from principal.rehearse.deal_board import build_board
from principal.rehearse.persona import PERSONAS
from principal.rehearse.session import Session

SEED = Path(__file__).resolve().parent.parent / "examples" / "ccaas-450" / "deal.yaml"
TARGET_PER_SECOND = 1_000
TARGET_REPLY_SECONDS = 0.100
RUNS = 400


def main() -> None:
    deal = load_deal(SEED)
    start = time.perf_counter()
    db = build_board(deal)
    setup = time.perf_counter() - start
    board = db.board
    frontier = buyer_frontier(board)
    for name, persona in PERSONAS.items():
        rounds = 0
        start, cpu = time.perf_counter(), time.process_time()
        for strategy in STRATEGIES:
            for seed in range(RUNS // len(STRATEGIES)):
                outcome = negotiate(board, persona, strategy, seed, pressure_bonus=db.pressure_bonus, frontier=frontier)
                rounds += outcome.rounds
        elapsed, used = time.perf_counter() - start, time.process_time() - cpu
        count = (RUNS // len(STRATEGIES)) * len(STRATEGIES)
        start, bare_cpu = time.perf_counter(), time.process_time()
        bare = 0
        offer, ask = board.opening, board.ask
        for _ in range(rounds):
            bare += board.vendor(offer) - board.vendor(ask)
        bare_elapsed, bare_used = time.perf_counter() - start, time.process_time() - bare_cpu
        rate, cpu_rate = count / elapsed, count / max(used, 1e-9)
        verdict = "ok" if cpu_rate >= TARGET_PER_SECOND else "BELOW TARGET"
        print(
            f"{name:12} {cpu_rate:8,.0f} negotiations per CPU second ({rate:,.0f} per wall second; "
            f"{rounds / count:.1f} rounds each; bare loop of the same {rounds:,} rounds "
            f"{bare_used * 1000:.1f} ms CPU, {bare_elapsed * 1000:.1f} ms wall: {used / max(bare_used, 1e-9):.0f}x) "
            f"{verdict}"
        )
    moves = ["we need $140 a seat and a 110% cap", "ask bands", "ask credits", "offer seat_price=142 uplift=3"]
    slowest = 0.0
    for persona in PERSONAS.values():
        session = Session(db, persona, seed=1)
        session.start()
        for text in moves:
            start = time.perf_counter()
            session.play(text)
            slowest = max(slowest, time.perf_counter() - start)
    verdict = "ok" if slowest <= TARGET_REPLY_SECONDS else "ABOVE TARGET"
    start = time.perf_counter()
    schedule(deal, db.reference)
    one_schedule = time.perf_counter() - start
    print(
        f"slowest rep reply with words and score: {slowest * 1000:.1f} ms (target 100 ms) {verdict}; "
        f"one cost-engine schedule in the same run: {one_schedule * 1000:.1f} ms"
    )
    print(f"board set-up (deal space + seat ladder, once per rehearsal): {setup:.2f} s")


if __name__ == "__main__":
    main()
