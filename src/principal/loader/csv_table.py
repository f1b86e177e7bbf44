"""Reading a small CSV table safely: refuse what is not CSV text, find the delimiter, number rows as a spreadsheet
shows them (the header is row 1), skip comment lines, and name every column by its header.

Used by the invoice and comparables loaders; each checks its own columns and values.
"""

from __future__ import annotations

import csv
import difflib
import io
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path as FsPath

from principal.errors import InputError, Problem
from principal.loader.input_file import read_bounded

MAX_TABLE_BYTES = 20 * 1024 * 1024
MAX_TABLE_ROWS = 200_000
MAX_PROBLEMS = 100
MAX_FIELD_CHARS = 4096
_NOT_CSV = (
    (b"PK\x03\x04", "a ZIP archive or Excel workbook; save it as CSV"),
    (b"\xd0\xcf\x11\xe0", "an old Excel or Office file; save it as CSV"),
    (b"%PDF", "a PDF; export {table} as CSV"),
    (b"\x89PNG", "an image"),
    (b"\x1f\x8b", "a gzip archive; decompress it first"),
)
_NOT_CSV_SUFFIXES = {".xlsx", ".xls", ".xlsm", ".ods", ".pdf", ".json", ".yaml", ".yml", ".docx", ".zip", ".gz"}


@dataclass(frozen=True)
class Row:
    """One data row: its spreadsheet row number and each field's value and column number (from 1)."""

    number: int
    values: Mapping[str, str]
    columns: Mapping[str, int]


class Problems:
    """Problems found in one file; raises at once past MAX_PROBLEMS so a hostile file stays cheap."""

    def __init__(self, filename: str) -> None:
        self.filename = filename
        self.found: list[Problem] = []

    def add(self, row: int | None, column: int | None, field: str, message: str) -> None:
        self.found.append(Problem(self.filename, row, column, field, message))
        if len(self.found) >= MAX_PROBLEMS:
            raise InputError(self.found)

    def raise_any(self) -> None:
        if self.found:
            raise InputError(self.found)


def read_table_file(
    path: str | FsPath, what: str, *, max_bytes: int = MAX_TABLE_BYTES, kind: str | None = None
) -> bytes:
    """The file's bytes, bounded; `what` names it in "export {what} as CSV", `kind` (default `what`) in the size
    message ("an outage log may be at most ...")."""
    fs_path = FsPath(path)
    if fs_path.suffix.lower() in _NOT_CSV_SUFFIXES:
        raise InputError.single(str(path), f"a {fs_path.suffix} file is not CSV; export {what} as CSV")
    return read_bounded(path, max_bytes=max_bytes, what=kind or what)


def table_text(
    raw: bytes,
    filename: str,
    required: Sequence[str],
    *,
    max_bytes: int = MAX_TABLE_BYTES,
    whole: str = "the file",
    table: str = "the table",
) -> str:
    """The CSV file's text, after refusing what is too big, not CSV, not UTF-8 or empty (one located line each).
    `whole` and `table` name the file in those messages ("split the log", "export the outage table as CSV")."""
    if len(raw) > max_bytes:
        raise InputError.single(filename, f"more than {max_bytes:,} bytes; split {whole}")
    for magic, kind in _NOT_CSV:
        if raw.startswith(magic):
            raise InputError.single(filename, f"not a CSV file: it looks like {kind.format(table=table)}")
    if b"\x00" in raw[:65536]:
        raise InputError.single(filename, "not a CSV file: it holds binary data (NUL bytes)")
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        raise InputError.single(filename, "not UTF-8 text; save the CSV as UTF-8", line=line) from None
    if not text.strip():
        raise InputError.single(filename, f"the file is empty; it needs a header row: {','.join(required)}")
    return text


def read_rows(
    text: str,
    problems: Problems,
    *,
    columns: Sequence[str],
    required: Sequence[str],
    mapping: Mapping[str, str] | None = None,
) -> Iterator[Row]:
    """The data rows of `text`. The header names the columns; with `mapping` (field -> the file's header name)
    the file's own layout is read and its other columns are ignored. Header problems raise at once."""
    first_line = text.splitlines()[0]
    delimiter = max(",;\t", key=first_line.count)
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter, strict=True)
    header: dict[str, int] | None = None
    line_before = 0
    count = 0
    try:
        for cells in reader:
            number = line_before + 1
            line_before = reader.line_num
            if not cells or cells[0].lstrip().startswith("#") or not any(c.strip() for c in cells):
                continue
            if header is None:
                header = _header(cells, number, problems, columns, required, mapping)
                continue
            count += 1
            if count > MAX_TABLE_ROWS:
                raise InputError.single(problems.filename, f"more than {MAX_TABLE_ROWS:,} rows; split the file")
            if any(len(c) > MAX_FIELD_CHARS for c in cells):
                problems.add(number, None, "(row)", f"a value is longer than {MAX_FIELD_CHARS} characters")
                continue
            if mapping is None and len(cells) > len(header):
                problems.add(number, len(header) + 1, "(row)", f"{len(cells)} values but {len(header)} columns")
                continue
            values = {name: cells[i].strip() if i < len(cells) else "" for name, i in header.items()}
            yield Row(number, values, {name: i + 1 for name, i in header.items()})
    except csv.Error as exc:
        raise InputError.single(
            problems.filename, f"not valid CSV: {exc}; check quoting", line=line_before or 1
        ) from None
    if header is None:
        raise InputError.single(problems.filename, f"no header row; the first row must name {', '.join(required)}")


def _normal(name: str) -> str:
    return name.strip().lower().replace(" ", "_").replace("-", "_")


def _header(
    cells: list[str],
    row: int,
    problems: Problems,
    columns: Sequence[str],
    required: Sequence[str],
    mapping: Mapping[str, str] | None,
) -> dict[str, int]:
    names = [_normal(c) for c in cells]
    found: dict[str, int] = {}
    if mapping is not None:
        for field, header_name in mapping.items():
            wanted = _normal(header_name)
            if wanted not in names:
                close = difflib.get_close_matches(wanted, names, n=1, cutoff=0.6)
                hint = f"; did you mean {cells[names.index(close[0])]!r}?" if close else ""
                problems.add(row, None, field, f"the mapping names column {header_name!r}, not in the header{hint}")
            else:
                found[field] = names.index(wanted)
        for name in columns:  # fields the mapping leaves out are read from their own names when present
            if name not in found and name not in mapping and name in names:
                found[name] = names.index(name)
    else:
        for col, name in enumerate(names, start=1):
            if name not in columns:
                close = difflib.get_close_matches(name, columns, n=1, cutoff=0.6)
                hint = f"; did you mean {close[0]!r}?" if close else f"; columns are {', '.join(columns)}"
                problems.add(row, col, name or "(blank)", f"unknown column {cells[col - 1]!r}{hint} (or map it)")
            elif name in found:
                problems.add(row, col, name, "column given twice")
            else:
                found[name] = col - 1
    for need in required:
        if need not in found:
            problems.add(row, None, need, f"missing column {need!r}; the header needs {', '.join(required)}")
    problems.raise_any()
    return found


def parse_mapping(text: str, option: str, columns: Sequence[str]) -> dict[str, str]:
    """`field=Header name,field=Other` -> {field: header}; a located error names the option."""
    out: dict[str, str] = {}
    for part in (p for p in text.split(",") if p.strip()):
        field, sep, header = part.partition("=")
        field = _normal(field)
        if not sep or not header.strip():
            raise InputError.single(option, f"{part.strip()!r}: write FIELD=COLUMN, e.g. amount=Net amount")
        if field not in columns:
            close = difflib.get_close_matches(field, columns, n=1, cutoff=0.6)
            hint = f"; did you mean {close[0]!r}?" if close else f"; fields are {', '.join(columns)}"
            raise InputError.single(option, f"unknown field {field!r}{hint}")
        if field in out:
            raise InputError.single(option, f"field {field!r} is mapped twice")
        out[field] = header.strip()
    if not out:
        raise InputError.single(option, "empty mapping; write FIELD=COLUMN pairs separated by commas")
    return out
