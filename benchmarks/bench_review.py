"""Benchmark: review every cuad-dev contract (ingest + segment + extract + rules + partial deal) and compare with a
baseline measured in the same run: reading the same files and running one plain keyword regex over them.

Usage:  .venv/bin/python benchmarks/bench_review.py [--data DIR]
Target: all 305 contracts in <= 30 s on a 2-core machine.

Data: CUAD v1, The Atticus Project, CC BY 4.0 (https://www.atticusprojectai.org/cuad).
"""

from __future__ import annotations

import argparse
import re
import sys
import time
from collections import Counter
from pathlib import Path

from principal.errors import InputError
from principal.review.review import review_file

DEFAULT_DATA = Path(__file__).resolve().parents[2] / "shared" / "datasets" / "cuad-dev" / "contracts"
_KEYWORDS = re.compile(r"liabilit|terminat|renew|minimum|audit|most favou?red|exclusiv|price|fee", re.I)


def baseline(files: list[Path]) -> tuple[float, int]:
    start = time.perf_counter()
    hits = 0
    for path in files:
        hits += len(_KEYWORDS.findall(path.read_text(encoding="utf-8", errors="replace")))
    return time.perf_counter() - start, hits


def hostile_inputs() -> dict[str, bytes]:
    """The hostile cases of the acceptance list, generated here (nothing big is committed)."""
    import io
    import os
    import zipfile

    from pypdf import PdfWriter

    writer = PdfWriter()
    writer.add_blank_page(width=595, height=842)
    writer.encrypt(user_password="secret", algorithm="AES-128")
    encrypted = io.BytesIO()
    writer.write(encrypted)
    bomb = io.BytesIO()
    with zipfile.ZipFile(bomb, "w", zipfile.ZIP_DEFLATED, compresslevel=1) as archive:
        archive.writestr("[Content_Types].xml", b"<Types/>")
        with archive.open("word/document.xml", "w") as member:
            for _ in range(200):
                member.write(b"\0" * (1024 * 1024))
    pages = io.BytesIO()
    with zipfile.ZipFile(pages, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", b"<Types/>")
        body = "".join(f'<w:p><w:r><w:t>Clause {i}</w:t><w:br w:type="page"/></w:r></w:p>' for i in range(100_000))
        archive.writestr("word/document.xml", f"<w:document><w:body>{body}</w:body></w:document>")
    return {
        "corrupt.pdf": b"%PDF-1.7\n" + os.urandom(2_000_000),
        "encrypted.pdf": encrypted.getvalue(),
        "zip-bomb.docx": bomb.getvalue(),
        "100k-page-breaks.docx": pages.getvalue(),
        "garbage.bin": os.urandom(5_000_000),
        "50MB.txt": b"a" * (50 * 1024 * 1024),
    }


def time_hostile() -> None:
    import resource

    from principal.review.ingest import read_document

    print("  hostile input (each must be refused within 10 s and 500 MB):")
    for name, data in hostile_inputs().items():
        start = time.perf_counter()
        try:
            read_document(data, name)
            verdict = "ACCEPTED (should have been refused)"
        except InputError as exc:
            verdict = exc.problems[0].message[:70]
        print(f"    {name:24s} {time.perf_counter() - start:6.3f} s  {verdict}")
    own = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    children = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    print(f"    peak memory: this process {own:.0f} MB (inputs included), PDF parser children {children:.0f} MB")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=DEFAULT_DATA, help="Folder of CUAD contract .txt files.")
    args = parser.parse_args()
    files = sorted(args.data.glob("*.txt"))
    if not files:
        print(f"{args.data}: no .txt contracts found; pass --data", file=sys.stderr)
        return 2
    base_seconds, hits = baseline(files)
    start = time.perf_counter()
    terms = findings = refused = 0
    rules: Counter[str] = Counter()
    for path in files:
        try:
            result = review_file(path)
        except InputError:
            refused += 1
            continue
        terms += len(result.terms)
        findings += len(result.findings)
        rules.update(f.rule for f in result.findings)
    seconds = time.perf_counter() - start
    megabytes = sum(p.stat().st_size for p in files) / 1e6
    print("Contract review benchmark on cuad-dev (CUAD v1, The Atticus Project, CC BY 4.0)")
    print(f"  contracts: {len(files)} ({megabytes:.1f} MB), refused as unreadable: {refused}")
    print(f"  review:    {seconds:.2f} s = {len(files) / seconds:.1f} contracts/s ({megabytes / seconds:.2f} MB/s)")
    print(f"  baseline:  {base_seconds:.2f} s (read + one keyword regex, {hits} hits)")
    print(f"  ratio:     review takes {seconds / base_seconds:.1f}x the baseline")
    print(f"  target:    <= 30 s -> {'met' if seconds <= 30 else 'MISSED'}")
    print(f"  output:    {terms} terms, {findings} findings; most frequent rules: {rules.most_common(5)}")
    time_hostile()
    return 0


if __name__ == "__main__":
    sys.exit(main())
