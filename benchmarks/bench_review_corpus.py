"""Benchmark: review of a 30-page contract, and the whole review corpus (terms, findings, four formats).

Usage:  .venv/bin/python benchmarks/bench_review_corpus.py
Targets: a 30-page PDF reviewed (read, laid out, extracted, rules, partial deal) in <= 2 s; the corpus figures
are printed per part (tuning, held out) with the time the evaluation took.

The 30-page PDF is made here from the corpus' own HTML (WeasyPrint), so nothing large is committed; the baseline
measured in the same run is pypdf's plain text extraction of the same file.
"""

from __future__ import annotations

import io
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
CORPUS = ROOT / "corpus" / "review"


def thirty_pages() -> bytes:
    from weasyprint import HTML

    bodies = []
    for path in sorted((CORPUS / "tuning").rglob("*.html")):
        html = path.read_text(encoding="utf-8")
        bodies.append(html.split("<main>", 1)[1].split("</main>", 1)[0])
    body = "\n".join(bodies)
    css = "@page { size: A4; margin: 2cm } body { font: 10.5pt sans-serif } table { border-collapse: collapse }"
    import pypdf

    data: bytes = HTML(string=f"<style>{css}</style>" + body * 2).write_pdf()
    reader = pypdf.PdfReader(io.BytesIO(data))
    writer = pypdf.PdfWriter()
    for page in reader.pages[:30]:
        writer.add_page(page)
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def markdown_thirty_pages() -> str:
    texts = [p.read_text(encoding="utf-8") for p in sorted((CORPUS / "tuning").rglob("*.md"))]
    return "\n\n".join(texts * 2)


def main() -> int:
    import pypdf

    from principal.review.evaluation import FORMATS, evaluate_review
    from principal.review.review import review_files

    data = thirty_pages()
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "long-contract.pdf"
        path.write_bytes(data)
        pages = len(pypdf.PdfReader(io.BytesIO(data)).pages)
        start = time.perf_counter()
        text = "".join(page.extract_text() or "" for page in pypdf.PdfReader(path).pages)
        base = time.perf_counter() - start
        review_files([path], clauses=False)  # warm imports
        runs = []
        for _ in range(3):
            start = time.perf_counter()
            result = review_files([path], clauses=False)
            runs.append(time.perf_counter() - start)
        md = Path(folder) / "long-contract.md"
        md.write_text(markdown_thirty_pages(), encoding="utf-8")
        start = time.perf_counter()
        review_files([md], clauses=False)
        md_seconds = time.perf_counter() - start
    best = min(runs)
    print("Review of a long contract")
    print(
        f"  document:  {pages} pages, {len(text):,} characters, {len(result.terms)} terms, "
        f"{len(result.findings)} findings"
    )
    print(f"  review:    best of 3 {best:.2f} s (runs {', '.join(f'{r:.2f}' for r in runs)})")
    print(f"  baseline:  {base:.2f} s (pypdf plain text of the same file); ratio {best / base:.1f}x")
    print(f"  target:    <= 2 s -> {'met' if best <= 2 else 'MISSED'}")
    print(f"  the same contracts as Markdown (about 30 pages of text): {md_seconds:.2f} s")
    start = time.perf_counter()
    evaluation = evaluate_review(CORPUS)
    seconds = time.perf_counter() - start
    print(f"Review corpus ({CORPUS.relative_to(ROOT)}): evaluated in {seconds:.1f} s")
    for part, tallies in evaluation.parts.items():
        total = tallies["all"]
        print(f"  {part}: {total.documents // len(FORMATS)} documents, {sum(total.expected.values()) // len(FORMATS)} "
              f"terms each format; inverted readings {len(total.inverted)}")  # fmt: skip
        for fmt in FORMATS:
            t = tallies[fmt]
            agree = "" if fmt == "md" else f", same as Markdown {t.agreement:.2f}"
            print(f"    {fmt:5s} terms exact {t.exact_rate:.3f} (extra {t.extra}), findings P {t.precision:.3f} "
                  f"R {t.recall:.3f}{agree}, {t.seconds:.1f} s")  # fmt: skip
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
