"""A folder of contracts reviewed in parallel: one row per contract with its main terms, risks and the key dates
it states, in the order the files were given.

Three ways to run the same function (`review_row`, one contract in, one row out, nothing shared):
- `jobs=1`: in this process;
- `jobs=N`: a process pool of N workers (`concurrent.futures.ProcessPoolExecutor`); each worker loads the review
  engine once and reviews a batch of contracts at a time (`batches`: largest files first, single files at the end);
- `dask=ADDRESS`: the tasks of an existing dask.distributed cluster (`tcp://host:8786`); every worker needs
  Principal installed (same version) and read access to the files at the same paths.
A contract that cannot be read gives a row with its one-line error, never a failed run. Terms the contract does
not state are empty (unknown), never false or zero.
"""

from __future__ import annotations

import os
import time
from collections.abc import Iterable, Sequence
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path

from principal.errors import PrincipalError

CONTRACT_SUFFIXES = (".txt", ".md", ".pdf", ".docx", ".html", ".htm")
MAX_CONTRACTS = 20_000
HEADLINE_TERMS = (
    "subscription_term",
    "renewal_term",
    "renewal_notice",
    "termination_right",
    "liability_cap",
    "minimum_commitment",
    "price_increase",
    "payment_terms",
    "credit_claim_deadline",
)


@dataclass(frozen=True)
class TermCell:
    """A headline term: the figure (or the variant found) and where the contract states it."""

    value: Decimal | None
    unit: str | None
    basis: str | None
    section: str | None
    page: int | None
    check_this: bool

    def text(self) -> str:
        figure = "" if self.value is None else f"{self.value.normalize():f}" + (f" {self.unit}" if self.unit else "")
        shown = " ".join(p for p in (figure, self.basis or "") if p) or "stated"
        where = f" (§{self.section})" if self.section else (f" (p.{self.page})" if self.page else "")
        return shown + where + (" [check this]" if self.check_this else "")


@dataclass(frozen=True)
class ContractRow:
    file: str
    ok: bool
    error: str = ""
    kind: str = ""
    pages: int = 0
    terms: dict[str, TermCell] = field(default_factory=dict)
    """Headline terms found (HEADLINE_TERMS); a term not found is absent: unknown."""
    risks_high: int = 0
    risks_medium: int = 0
    risks_low: int = 0
    top_risks: tuple[str, ...] = ()
    missing: tuple[str, ...] = ()
    clauses: tuple[str, ...] = ()
    key_dates: tuple[str, ...] = ()
    """Dates the contract implies relative to its start or end (no start date is read from the text)."""
    seconds: float = 0.0


@dataclass(frozen=True)
class ContractsReview:
    folder: str
    rows: tuple[ContractRow, ...]
    jobs: int
    runner: str
    """"local", "processes" or "dask ADDRESS"."""
    seconds: float

    @property
    def failed(self) -> tuple[ContractRow, ...]:
        return tuple(r for r in self.rows if not r.ok)


def contract_files(folder: Path) -> list[Path]:
    """The contracts in `folder` and below (by suffix, sorted by path; hidden files and folders below it skipped)."""
    found = [
        p
        for p in sorted(folder.rglob("*"))
        if p.suffix.lower() in CONTRACT_SUFFIXES
        and p.is_file()
        and not any(s.startswith(".") for s in p.relative_to(folder).parts)  # "../contracts" itself is fine
    ]
    return found[: MAX_CONTRACTS + 1]


def _key_dates(terms: dict[str, TermCell]) -> tuple[str, ...]:
    out = [d + (" [check this]" if checked else "") for d, checked in _implied(terms)]
    return tuple(out)


def _implied(terms: dict[str, TermCell]) -> list[tuple[str, bool]]:
    out = []
    notice = terms.get("renewal_notice")
    if notice is not None and notice.value is not None and (notice.unit or "").startswith("day"):
        out.append(
            (f"non-renewal notice due {notice.value.normalize():f} days before the term ends", notice.check_this)
        )
    term = terms.get("subscription_term")
    if term is not None and term.value is not None:
        plural = "s" if term.unit and term.value != 1 and not term.unit.endswith("s") else ""
        length = f"{term.value.normalize():f} {term.unit}{plural}" if term.unit else f"{term.value.normalize():f}"
        out.append((f"term ends {length} after the start", term.check_this))
    renewal = terms.get("renewal_term")
    if renewal is not None and renewal.basis in ("auto", "automatic"):
        out.append(("renews automatically at the term's end unless notice is given", renewal.check_this))
    claim = terms.get("credit_claim_deadline")
    if claim is not None and claim.value is not None:
        out.append(
            (f"service credits claimed within {claim.value.normalize():f} {claim.unit or 'day'}s", claim.check_this)
        )
    return out


def review_row(path: str) -> ContractRow:
    """Review one contract file into its row (a picklable function: what every worker runs)."""
    from principal.review import review_file

    started = time.perf_counter()
    try:
        result = review_file(path)
    except PrincipalError as exc:
        return ContractRow(file=path, ok=False, error=" ".join(exc.lines()), seconds=time.perf_counter() - started)
    terms: dict[str, TermCell] = {}
    for term in result.terms:
        kind = term.kind.value
        if kind in HEADLINE_TERMS and kind not in terms:
            loc = term.location
            terms[kind] = TermCell(term.value, term.unit, term.basis, loc.section, loc.page, term.check_this)
    severities = [f.severity.value for f in result.findings]
    ranked = sorted(result.findings, key=lambda f: ("high", "medium", "low").index(f.severity.value))
    return ContractRow(
        file=path,
        ok=True,
        kind=result.kind,
        pages=result.pages,
        terms=terms,
        risks_high=severities.count("high"),
        risks_medium=severities.count("medium"),
        risks_low=severities.count("low"),
        top_risks=tuple(f.title for f in ranked[:3]),
        missing=result.missing,
        clauses=tuple(sorted({c.category for c in result.clauses if not c.possible})),
        key_dates=_key_dates(terms),
        seconds=time.perf_counter() - started,
    )


def _warm() -> None:
    """Load the review engine once per worker, before the first contract."""
    import principal.review.clauses
    import principal.review.review  # noqa: F401


def review_rows(paths: Sequence[str]) -> list[ContractRow]:
    """The rows of a batch of contracts: one task on a Dask worker or in the local pool, so the scheduler handles a
    few dozen tasks rather than one per contract."""
    return [review_row(path) for path in paths]


def batches(paths: Sequence[str], workers: int) -> list[list[int]]:
    """The positions of `paths` in batches, largest files first, each batch about a quarter of what is left per
    worker (at most eight, at least one): big contracts start early and the last batches are single small files,
    so no worker sits idle at the end while another finishes a long batch (guided self-scheduling)."""
    order = sorted(range(len(paths)), key=lambda i: (-_size(paths[i]), i))
    out: list[list[int]] = []
    start = 0
    while start < len(order):
        size = max(1, min(8, (len(order) - start) // (max(1, workers) * 4)))
        out.append(order[start : start + size])
        start += size
    return out


def _size(path: str) -> int:
    try:
        return os.stat(path).st_size
    except OSError:
        return 0  # unreadable: its row says why, and it costs nothing to review


def _in_order(paths: Sequence[str], groups: list[list[int]], results: Iterable[list[ContractRow]]) -> list[ContractRow]:
    rows = {i: row for group, batch in zip(groups, results, strict=True) for i, row in zip(group, batch, strict=True)}
    return [rows[i] for i in range(len(paths))]  # every position once: a missing row fails loudly


def _in_processes(paths: Sequence[str], jobs: int) -> list[ContractRow]:
    groups = batches(paths, jobs)
    with ProcessPoolExecutor(max_workers=jobs, initializer=_warm) as pool:
        results = pool.map(review_rows, [[paths[i] for i in group] for group in groups])
        return _in_order(paths, groups, results)


def _on_dask(paths: Sequence[str], address: str) -> list[ContractRow]:
    try:
        from distributed import Client
    except ImportError:
        raise PrincipalError(
            "a Dask cluster needs dask.distributed: pip install 'principal[dask]'"
        ) from None  # pragma: no cover - installed in dev
    try:
        client = Client(address, timeout="10s", set_as_default=False)  # type: ignore[no-untyped-call]
    except (OSError, TimeoutError) as exc:
        raise PrincipalError(f"cannot reach the Dask scheduler at {address}: {exc}") from None
    with client:
        client.run(_warm)  # each worker loads the engine before its first task
        threads = sum(client.nthreads().values())  # type: ignore[no-untyped-call]
        groups = batches(paths, threads)
        futures = client.map(review_rows, [[paths[i] for i in group] for group in groups], pure=False)
        return _in_order(paths, groups, client.gather(futures))  # type: ignore[no-untyped-call]


def review_contracts(
    paths: Sequence[str | Path], *, folder: str, jobs: int = 1, dask: str | None = None
) -> ContractsReview:
    """Review every contract of `paths`; rows in the order given."""
    names = [str(p) for p in paths]
    started = time.perf_counter()
    if dask is not None:
        rows = _on_dask(names, dask)
        runner = f"dask {dask}"
    elif jobs > 1 and len(names) > 1:
        rows = _in_processes(names, min(jobs, len(names)))
        runner = "processes"
    else:
        rows = [review_row(p) for p in names]
        runner = "local"
    return ContractsReview(folder, tuple(rows), jobs, runner, time.perf_counter() - started)


def default_jobs() -> int:
    """The CPUs this process may use (what `--jobs 0` means)."""
    return len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count() or 1
