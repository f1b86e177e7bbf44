"""Read a CUAD-shaped folder: `contracts/*.txt` plus `master_clauses.csv` with the lawyers' labels.

CUAD v1 is by The Atticus Project and licensed CC BY 4.0. Each CSV row names a contract (`Text File`, or `Filename`
with `.pdf` replaced by `.txt`) and, per category, a column holding the quoted clauses as a Python-style list of
strings, plus an `...-Answer` column. A category counts as present in a contract when at least one clause is quoted
for it. Every problem is reported with the file, the CSV line and the column, and the reader refuses oversized input.
"""

from __future__ import annotations

import ast
import csv
import re
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from principal.errors import InputError, Problem

CSV_NAME = "master_clauses.csv"
CONTRACTS_DIR = "contracts"
MAX_CSV_BYTES = 200 * 1024 * 1024
MAX_CONTRACT_BYTES = 20 * 1024 * 1024
MAX_FIELD_CHARS = 5 * 1024 * 1024
CUAD_CREDIT = "CUAD v1, The Atticus Project, CC BY 4.0"


@dataclass(frozen=True)
class LabelledContract:
    """One contract: its text file and, per category, the clauses the lawyers quoted (empty when absent)."""

    name: str
    text_path: Path
    quotes: dict[str, tuple[str, ...]]
    csv_line: int

    def present(self, category: str) -> bool:
        return bool(self.quotes.get(category))

    def read_text(self) -> str:
        size = self.text_path.stat().st_size
        if size > MAX_CONTRACT_BYTES:
            raise InputError.single(
                str(self.text_path), f"contract text is {size} bytes, over the {MAX_CONTRACT_BYTES} byte limit"
            )
        try:
            return self.text_path.read_text(encoding="utf-8")
        except UnicodeDecodeError as exc:
            raise InputError.single(
                str(self.text_path), f"not UTF-8 text at byte {exc.start}; save the contract as UTF-8"
            ) from None


@dataclass(frozen=True)
class LabelledCorpus:
    """The readable contracts of a CUAD-shaped folder, and the CSV rows whose text file is missing."""

    folder: Path
    contracts: tuple[LabelledContract, ...]
    missing_text: tuple[str, ...]


def _parse_quotes(raw: str) -> list[str] | None:
    """`"['a', "b"]"` -> `['a', 'b']`; an empty cell is no quote; None when the cell is not a list of strings."""
    raw = raw.strip()
    if not raw:
        return []
    try:
        value = ast.literal_eval(raw)
    except (ValueError, SyntaxError, RecursionError, MemoryError, TypeError):
        return None
    if not isinstance(value, list) or not all(isinstance(item, str) for item in value):
        return None
    return [item for item in value if item.strip()]


def _answer_column(header: Sequence[str], category: str) -> str | None:
    for column in header:
        if column.startswith(category) and column.replace(" ", "").endswith("-Answer"):
            return column
    return None


def read_corpus(folder: Path, categories: Sequence[str]) -> LabelledCorpus:
    """Read the folder's CSV and locate each contract's text; raise InputError naming the first problems found."""
    if not folder.exists():
        raise InputError.single(str(folder), "no such folder; pass a folder holding contracts/ and master_clauses.csv")
    if not folder.is_dir():
        raise InputError.single(str(folder), "not a folder; pass a folder holding contracts/ and master_clauses.csv")
    csv_path = folder / CSV_NAME
    if not csv_path.is_file():
        raise InputError.single(str(csv_path), f"missing; the folder must hold {CSV_NAME} with the clause labels")
    contracts_dir = folder / CONTRACTS_DIR
    if not contracts_dir.is_dir():
        raise InputError.single(str(contracts_dir), "missing; the folder must hold contracts/ with one .txt per row")
    size = csv_path.stat().st_size
    if size > MAX_CSV_BYTES:
        raise InputError.single(str(csv_path), f"{size} bytes, over the {MAX_CSV_BYTES} byte limit")
    try:
        content = csv_path.read_text(encoding="utf-8-sig")
    except UnicodeDecodeError as exc:
        raise InputError.single(str(csv_path), f"not UTF-8 text at byte {exc.start}; save the CSV as UTF-8") from None
    if "\x00" in content:
        raise InputError.single(str(csv_path), "contains NUL bytes; this is not a CSV text file")

    csv.field_size_limit(MAX_FIELD_CHARS)
    reader = csv.reader(content.splitlines(keepends=True), strict=True)
    file = str(csv_path)
    try:
        header = next(reader, None)
    except csv.Error as exc:
        raise InputError.single(file, f"malformed CSV header: {exc}", line=1) from None
    if not header:
        raise InputError.single(file, "empty; expected a header row naming the categories", line=1)
    columns = {name: index for index, name in enumerate(header)}
    problems: list[Problem] = []
    needed = [c for c in categories if c not in columns]
    if "Text File" not in columns and "Filename" not in columns:
        needed.append("Text File")
    for name in needed:
        problems.append(Problem(file, 1, None, name, f"column {name!r} missing from the header row"))
    if problems:
        raise InputError(problems)

    contracts: list[LabelledContract] = []
    missing: list[str] = []
    seen_names: set[str] = set()
    line = 1
    while True:
        start_line = line + 1
        try:
            row = next(reader)
        except StopIteration:
            break
        except csv.Error as exc:
            raise InputError.single(file, f"malformed CSV row: {exc}", line=start_line) from None
        line = reader.line_num
        if not any(cell.strip() for cell in row):
            continue
        if len(row) != len(header):
            problems.append(
                Problem(file, start_line, None, "(row)", f"has {len(row)} cells, the header has {len(header)}")
            )
            continue
        if "Text File" in columns and row[columns["Text File"]].strip():
            name = row[columns["Text File"]].strip()
        elif "Filename" in columns and row[columns["Filename"]].strip():
            name = re.sub(r"\.pdf$", "", row[columns["Filename"]].strip(), flags=re.IGNORECASE) + ".txt"
        else:
            problems.append(Problem(file, start_line, None, "Text File", "empty; name the contract's .txt file"))
            continue
        if "/" in name or "\\" in name or name in {".", ".."}:
            problems.append(Problem(file, start_line, None, "Text File", f"{name!r} must be a plain file name"))
            continue
        quotes: dict[str, tuple[str, ...]] = {}
        for category in categories:
            parsed = _parse_quotes(row[columns[category]])
            if parsed is None:
                problems.append(
                    Problem(file, start_line, None, category, "not a list of quoted strings such as ['clause text']")
                )
                continue
            quotes[category] = tuple(parsed)
        if name in seen_names:
            continue
        seen_names.add(name)
        text_path = contracts_dir / name
        if not text_path.is_file():
            missing.append(name)
            continue
        contracts.append(LabelledContract(name, text_path, quotes, start_line))
    if problems:
        raise InputError(problems)
    if not contracts:
        raise InputError.single(str(contracts_dir), "no contract named in the CSV has a text file here")
    return LabelledCorpus(folder, tuple(contracts), tuple(missing))


def _locate_piece(text: str, piece: str) -> tuple[int, int] | None:
    index = text.find(piece)
    if index >= 0:
        return index, index + len(piece)
    words = piece.split()
    if not words or len(words) > 2000:
        return None
    pattern = r"\s*".join(re.escape(word) for word in words)
    match = re.search(pattern, text)
    if match is None:
        return None
    return match.start(), match.end()


def locate_quote(text: str, quote: str) -> list[tuple[int, int]]:
    """Character spans of `quote` in `text`: CUAD marks elided text as `<omitted>`, so each piece is found on its
    own, exactly or else with any run of whitespace as equal. Pieces that cannot be found are left out."""
    spans: list[tuple[int, int]] = []
    for piece in quote.split("<omitted>"):
        piece = piece.strip()
        if piece:
            span = _locate_piece(text, piece)
            if span is not None:
                spans.append(span)
    return spans
