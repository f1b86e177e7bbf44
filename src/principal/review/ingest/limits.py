"""Bounds on what a review will read, so a hostile file is refused quickly instead of exhausting the machine."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Limits:
    """Every reader checks these before (or while) it parses."""

    max_bytes: int = 20 * 1024 * 1024
    max_chars: int = 5_000_000
    max_pages: int = 2_000
    # DOCX (zip): the sum of the members' declared sizes, and the largest compression ratio of any big member.
    max_unzipped_bytes: int = 100 * 1024 * 1024
    max_zip_ratio: int = 100
    zip_ratio_floor_bytes: int = 2 * 1024 * 1024
    max_zip_members: int = 2_000
    # The sandboxed parser (PDF today) runs in a child process with these bounds: CPU seconds of its own (a busy
    # machine slows it down without refusing it), extra address space, and a backstop against a child that sleeps
    # instead of computing: seconds asleep without an answer (None: ten times the CPU budget, at least 30 s).
    parse_cpu_seconds: float = 8.0
    parse_memory_bytes: int = 400 * 1024 * 1024
    parse_idle_seconds: float | None = None
    pdf_layout_pages: int = 60


DEFAULT_LIMITS = Limits()
