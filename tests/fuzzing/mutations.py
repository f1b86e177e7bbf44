"""Mutations of Principal's own input files (deal and goals YAML, outage CSV), as plain functions of their parameters.

A mutation is `(operation, a, b, payload)`: two non-negative integers (reduced modulo the file's size, its line count
or its number count) and a payload string. The same description drives hypothesis in the test suite (which shrinks
the integers) and `random.Random` in benchmarks/bench_fuzz.py, so a failure found by either replays in the other.
"""

from __future__ import annotations

import random
import re
from collections.abc import Sequence

Mutation = tuple[str, int, int, str]

HUGE_DIGITS = "9" * 4301
EXTREME_NUMBERS: tuple[str, ...] = (
    "0", "-1", "-0", "0.0", "1", "2", "12", "36", "100", "100.0000001", "120", "121", "600", "601", "0.5",
    "1e15", "999999999999999", "1e22", "1e26", "1e30", "1e31", "1e-30", "1e-31", "1e999999999", "1e9999999999",
    "-1e999999999", "1e-999999999", "9" * 31, HUGE_DIGITS, ".inf", "-.inf", ".nan", "1_000_000_000_000",
    "0x7fffffffffffffff", "0o777", "1:30:00", '"1e999999999"', '"1e-999999999"', f'"{HUGE_DIGITS}"',
    "0.000000000000000000000000000001", "86400", "86401", "1000000", "10000000", "1e12", "1000000000001",
)  # fmt: skip
VALID_EXTREMES: tuple[str, ...] = (
    "0", "1", "0.0001", "1e-30", "0.000000000000000000000000000001", "12", "50", "99.999", "100", "120", "600",
    "-20", "-100", "1000", "86400", "1000000", "10000000", "999999999999", "1e12", "1000000000000", "1e15",
)  # fmt: skip
ODD_VALUES: tuple[str, ...] = (
    "!!bool text", "!!bool yes", "!!binary aGVsbG8=", "!!python/object:os.system ls", "!custom x", "!!set {a, b}",
    "!!omap [a: 1]", "!!timestamp 2027-02-30", "!!int 1.5", "!!float abc", "!!null x", "!!str 12", "! 12",
    "2027-02-30", "2027-13-01", "2027-00-10", "9999-12-31", "0001-01-01", "2027-01-01T25:61:00", "25:61",
    "\x07bell", "nul\x00byte", "\x1b[31mred", "a\u2028b", "\ufeffbom", "a\x85b", "a\x7fb", "\ud7ff\ue000",
    "~", "null", "[]", "{}", '""', "''", "&dup x", "*dup", "*undefined", "&self [*self]", "<<: 3",
    "[" * 70 + "]" * 70, "{a: " * 70 + "1" + "}" * 70, "x" * 5000, "'unterminated", '"unterminated',
    ":100:", ":smile: [bold]markup[/bold]", "<script>alert(1)</script>", "true", "no", "yes", "off",
    "- a\n- b", "a: b: c", "|\n  block", ">\n  folded", "? complex\n: key", "%YAML 1.1", "--- !!map", "...",
)  # fmt: skip
CSV_VALUES: tuple[str, ...] = (
    "", "0", "-1", "3650", "3651", "²", "٣", HUGE_DIGITS, "1e999999999", "1e-999999999", "nan", "inf", "-0",
    "100%", "0.0000001", "101", "true", "maybe", "vendor", "carrier", "alien", "voice_routing", "x" * 5000,
    "2027-02-30T10:00:00-05:00", "99999-01-01T00:00:00Z", "0001-01-01T00:00:00+00:00", "2200-12-31T23:59:59Z",
    "2027-01-12T09:30:00", "2027-01-12T09:30:00+25:00", "2027-01-12", "T", "2027-01-12T09:30:00.123456789-05:00",
    '"unterminated', 'a"b', "a,b", "a;b", "a\tb", "\x07", "\x00", "\x1b[2J", "\ufeff", "=1+1", "@SUM(A1)",
    "# comment", "1970-01-01T00:00:00Z", "1969-12-31T23:59:59Z", "2027-01-12T09:30:00-05:00",
)  # fmt: skip

YAML_OPERATIONS = (
    "flip", "truncate", "insert", "duplicate_line", "delete_line", "swap_lines", "indent", "dedent",
    "replace_number", "replace_number", "extreme_valid", "extreme_valid", "extreme_valid", "replace_value",
    "replace_value", "duplicate_anchor",
    "alias_bomb", "deep_block", "control",
)  # fmt: skip
CSV_OPERATIONS = (
    "flip", "truncate", "insert", "duplicate_line", "delete_line", "swap_lines", "replace_cell", "replace_cell",
    "replace_cell", "wide_row", "control",
)  # fmt: skip

_NUMBER = re.compile(rb"(?<=[:\[,] )-?[0-9][0-9_.eE+\-]*(?=\s|,|\]|\}|$)|(?<=- )-?[0-9][0-9_.eE+\-]*(?=\s|$)", re.M)
_VALUE = re.compile(rb"^(\s*(?:- )?[A-Za-z_][A-Za-z0-9_]*: )(.+)$", re.M)
_CONTROL = ("\x00", "\x01", "\x07", "\x08", "\x0b", "\x0c", "\x1b", "\x7f", "\x85", "\u2028", "\ufeff", "\ud800")


def _lines(data: bytes) -> list[bytes]:
    return data.split(b"\n")


def _payload_bytes(payload: str) -> bytes:
    return payload.encode("utf-8", "surrogatepass")


def apply(data: bytes, mutation: Mutation) -> bytes:
    """The file after one mutation; parameters out of range wrap around, so every mutation applies."""
    op, a, b, payload = mutation
    size = max(len(data), 1)
    lines = _lines(data)
    count = len(lines)
    if op == "flip":
        return data[: a % size] + bytes([b % 256]) + data[a % size + 1 :]
    if op == "truncate":
        return data[: a % size]
    if op == "insert":
        return data[: a % size] + _payload_bytes(payload) + data[a % size :]
    if op == "control":
        return data[: a % size] + _payload_bytes(_CONTROL[b % len(_CONTROL)]) + data[a % size :]
    if op == "duplicate_line":
        i = a % count
        return b"\n".join([*lines[: i + 1], lines[i], *lines[i + 1 :]])
    if op == "delete_line":
        i = a % count
        return b"\n".join(lines[:i] + lines[i + 1 :])
    if op == "swap_lines":
        i, j = a % count, b % count
        lines[i], lines[j] = lines[j], lines[i]
        return b"\n".join(lines)
    if op in ("indent", "dedent"):
        i = a % count
        lines[i] = b"  " + lines[i] if op == "indent" else lines[i][2:]
        return b"\n".join(lines)
    if op in ("replace_number", "extreme_valid"):
        found = list(_NUMBER.finditer(data))
        if not found:
            return data
        hit = found[a % len(found)]
        return data[: hit.start()] + _payload_bytes(payload) + data[hit.end() :]
    if op in ("replace_value", "duplicate_anchor", "deep_block"):
        return _value_mutation(data, op, a, b, payload)
    if op == "alias_bomb":
        levels = 3 + b % 8
        bomb = [b"bomb0: &b0 [x, x, x, x, x, x, x, x, x, x]"]
        bomb += [f"bomb{n}: &b{n} [{', '.join([f'*b{n - 1}'] * 10)}]".encode() for n in range(1, levels)]
        i = a % count
        return b"\n".join([*lines[:i], *bomb, *lines[i:]])
    if op == "replace_cell":
        return _replace_cell(lines, a, b, payload)
    if op == "wide_row":
        i = a % count
        lines[i] = lines[i] + b"," * (1 + b % 5000)
        return b"\n".join(lines)
    raise ValueError(f"unknown mutation {op!r}")


def _value_mutation(data: bytes, op: str, a: int, b: int, payload: str) -> bytes:
    found = list(_VALUE.finditer(data))
    if not found:
        return data
    hit = found[a % len(found)]
    if op == "replace_value":
        return data[: hit.start(2)] + _payload_bytes(payload) + data[hit.end(2) :]
    if op == "duplicate_anchor":
        other = found[b % len(found)]
        first, second = sorted((hit, other), key=lambda m: m.start())
        if first.start() == second.start():
            return data[: hit.start(2)] + b"&dup [*dup]" + data[hit.end(2) :]
        head, middle, tail = data[: first.start(2)], data[first.start(2) : second.start(2)], data[second.start(2) :]
        return head + b"&dup " + middle + b"&dup " + tail
    depth = 10 + b % 200  # deep_block: a block mapping nested `depth` levels under this key
    indent = len(hit.group(1)) - len(hit.group(1).lstrip())
    nested = b"".join(b"\n" + b" " * (indent + 2 * (n + 1)) + f"k{n}:".encode() for n in range(depth)) + b" 1"
    return data[: hit.start(2)] + nested + data[hit.end(2) :]


def _replace_cell(lines: list[bytes], a: int, b: int, payload: str) -> bytes:
    rows = [n for n, line in enumerate(lines) if line and not line.startswith(b"#")]
    if not rows:
        return b"\n".join(lines)
    n = rows[a % len(rows)]
    cells = lines[n].split(b",")
    cells[b % len(cells)] = _payload_bytes(payload)
    lines[n] = b",".join(cells)
    return b"\n".join(lines)


def payloads_for(op: str, family: str) -> Sequence[str]:
    """The payloads an operation draws from."""
    if op == "replace_number":
        return EXTREME_NUMBERS
    if op == "extreme_valid":
        return VALID_EXTREMES
    if op == "replace_cell" or (family == "csv" and op == "insert"):
        return CSV_VALUES
    return (*ODD_VALUES, *EXTREME_NUMBERS)


def random_mutation(rng: random.Random, family: str) -> Mutation:
    """One mutation drawn with `rng` (family "yaml" or "csv")."""
    op = rng.choice(YAML_OPERATIONS if family == "yaml" else CSV_OPERATIONS)
    return op, rng.randrange(1 << 20), rng.randrange(1 << 20), rng.choice(payloads_for(op, family))


def mutate(data: bytes, mutations: Sequence[Mutation]) -> bytes:
    for mutation in mutations:
        data = apply(data, mutation)
    return data
