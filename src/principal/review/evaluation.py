"""`principal eval review`: measure the review on a corpus of vendor documents with ground truth.

A corpus folder holds one folder per deal (anywhere below it) with a `truth.yaml` and each document in four
formats made from one Markdown source (NAME.md, .pdf, .docx, .html). `truth.yaml` lists, per document, the terms
a careful reader finds, one per line as `kind value unit basis threshold` ("-" for none), and the findings
expected when the deal's documents are reviewed together. The first folder level under the corpus names its
part ("tuning", "heldout"), reported separately so figures on documents the extractors were never tuned on stay
apart.

Measures, per part and per format: per-kind and overall exact-match rate of the expected terms (kind, value,
unit, basis and threshold all equal), terms read that the truth does not list, inverted readings (a right read
as its opposite), findings precision and recall, and agreement of terms and findings with the Markdown reading.
"""

from __future__ import annotations

import time
from collections import Counter
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from pathlib import Path

from principal.errors import InputError, Problem
from principal.review.extract.terms import TermKind

FORMATS = ("md", "pdf", "docx", "html")
TermKey = tuple[str, Decimal | None, str | None, str | None, Decimal | None]
# A reading with the expected kind and the opposite basis (or the swapped kind) inverts the document's meaning.
OPPOSITES: dict[tuple[str, str | None], set[tuple[str, str | None]]] = {
    ("seat_reduction", "prohibited"): {("seat_reduction", "allowed")},
    ("seat_reduction", "allowed"): {("seat_reduction", "prohibited")},
    ("seat_reduction", "renewal"): {("seat_reduction", "allowed")},
    ("renewal_term", "auto"): {("renewal_term", "by_agreement")},
    ("renewal_term", "by_agreement"): {("renewal_term", "auto")},
    ("termination_right", "convenience"): {("termination_right", "no_convenience")},
    ("termination_right", "no_convenience"): {("termination_right", "convenience")},
    ("ai_opt_in", None): {("ai_default_on", "default_on")},
    ("ai_default_on", "default_on"): {("ai_opt_in", None)},
    ("sole_remedy", "credits"): {("sole_remedy", "not_sole")},
    ("sole_remedy", "not_sole"): {("sole_remedy", "credits")},
    ("billing_start", "go_live"): {("billing_start", "before_go_live")},
    ("billing_start", "before_go_live"): {("billing_start", "go_live")},
    ("key_personnel", "approval"): {("key_personnel", "vendor_discretion")},
    ("key_personnel", "vendor_discretion"): {("key_personnel", "approval")},
    ("data_export", "free"): {("data_export", "paid"), ("data_export", "none")},
    ("data_export", "paid"): {("data_export", "free")},
    ("transition_assistance", "none"): {("transition_assistance", "free"), ("transition_assistance", "paid")},
    ("price_increase", "up_to"): {("price_increase_cap", None)},
    ("price_increase_cap", None): {("price_increase", "fixed"), ("price_increase", "up_to")},
}


@dataclass(frozen=True)
class DealTruth:
    folder: Path
    part: str
    documents: dict[str, list[TermKey]]
    findings: frozenset[str]


@dataclass
class Tally:
    expected: Counter[str] = field(default_factory=Counter)
    exact: Counter[str] = field(default_factory=Counter)
    extra: int = 0
    inverted: list[str] = field(default_factory=list)
    true_findings: int = 0
    false_findings: int = 0
    missed_findings: int = 0
    deals: int = 0
    documents: int = 0
    agree: int = 0
    compared: int = 0
    misses: list[str] = field(default_factory=list)
    seconds: float = 0.0

    @property
    def exact_rate(self) -> float:
        total = sum(self.expected.values())
        return sum(self.exact.values()) / total if total else 1.0

    @property
    def precision(self) -> float:
        found = self.true_findings + self.false_findings
        return self.true_findings / found if found else 1.0

    @property
    def recall(self) -> float:
        wanted = self.true_findings + self.missed_findings
        return self.true_findings / wanted if wanted else 1.0

    @property
    def agreement(self) -> float:
        return self.agree / self.compared if self.compared else 1.0


@dataclass(frozen=True)
class Evaluation:
    folder: str
    parts: dict[str, dict[str, Tally]]  # part -> format (or "all") -> tally


def _value(token: str) -> Decimal | None:
    if token == "-":
        return None
    try:
        return Decimal(token)
    except InvalidOperation:
        raise ValueError(f"not a number: {token!r}") from None


def parse_term(line: str) -> TermKey:
    parts = str(line).split()
    parts += ["-"] * (5 - len(parts))
    kind, value, unit, basis, threshold = parts[:5]
    TermKind(kind)
    return (kind, _value(value), None if unit == "-" else unit, None if basis == "-" else basis, _value(threshold))


def load_truth(corpus: Path) -> list[DealTruth]:
    from ruamel.yaml import YAML

    yaml = YAML(typ="safe")
    deals = []
    for path in sorted(corpus.rglob("truth.yaml")):
        try:
            data = yaml.load(path.read_text(encoding="utf-8"))
            documents = {name: [parse_term(t) for t in terms or []] for name, terms in data["documents"].items()}
            findings = frozenset(str(f) for f in data.get("findings") or [])
        except (KeyError, ValueError, TypeError, AttributeError) as exc:
            raise InputError([Problem(str(path), None, None, "truth", f"cannot be read ({exc})")]) from None
        relative = path.parent.relative_to(corpus)
        part = relative.parts[0] if len(relative.parts) > 1 else "corpus"
        deals.append(DealTruth(path.parent, part, documents, findings))
    if not deals:
        raise InputError.single(str(corpus), "holds no truth.yaml; give a review corpus folder (see docs/review.md)")
    return deals


def _terms_by_document(result: object) -> dict[str, Counter[TermKey]]:
    from principal.review.result import ReviewResult

    assert isinstance(result, ReviewResult)
    out: dict[str, Counter[TermKey]] = {}
    for term in result.terms:
        name = Path(term.location.document or result.source).stem
        out.setdefault(name, Counter())[term.key()] += 1
    return out


def evaluate_review(corpus: Path, formats: tuple[str, ...] = FORMATS) -> Evaluation:
    from principal.review.review import review_files

    deals = load_truth(corpus)
    parts: dict[str, dict[str, Tally]] = {}
    for deal in deals:
        tallies = parts.setdefault(deal.part, {})
        reference: tuple[dict[str, Counter[TermKey]], frozenset[str]] | None = None
        for fmt in formats:
            tally = tallies.setdefault(fmt, Tally())
            paths = [deal.folder / f"{name}.{fmt}" for name in deal.documents]
            started = time.perf_counter()
            result = review_files(paths, clauses=False)
            tally.seconds += time.perf_counter() - started
            got = _terms_by_document(result)
            found = frozenset(f.rule for f in result.findings)
            tally.deals += 1
            for name, expected in deal.documents.items():
                tally.documents += 1
                have = Counter(got.get(name, Counter()))
                wanted = Counter(expected)
                for key in wanted.elements():
                    tally.expected[key[0]] += 1
                for key, count in wanted.items():
                    hit = min(count, have[key])
                    tally.exact[key[0]] += hit
                    if hit < count:
                        tally.misses.append(f"{deal.folder.name}/{name}.{fmt}: missed {_show(key)}")
                    opposite = OPPOSITES.get((key[0], key[3]), set())
                    for other in have:
                        if (other[0], other[3]) in opposite and (other[0], other[3]) not in {
                            (k[0], k[3]) for k in wanted
                        }:
                            tally.inverted.append(
                                f"{deal.folder.name}/{name}.{fmt}: {_show(key)} read as {_show(other)}"
                            )
                for key, count in have.items():
                    surplus = count - wanted[key]
                    if surplus > 0:
                        tally.extra += surplus
                        tally.misses.append(f"{deal.folder.name}/{name}.{fmt}: extra {_show(key)}")
            tally.true_findings += len(found & deal.findings)
            tally.false_findings += len(found - deal.findings)
            tally.missed_findings += len(deal.findings - found)
            for rule in sorted(found - deal.findings):
                tally.misses.append(f"{deal.folder.name}.{fmt}: unexpected finding {rule}")
            for rule in sorted(deal.findings - found):
                tally.misses.append(f"{deal.folder.name}.{fmt}: missed finding {rule}")
            if reference is None:
                reference = (got, found)
            else:
                tally.compared += 1
                tally.agree += int((got, found) == reference)
    for tallies in parts.values():
        tallies["all"] = _combine(list(tallies.values()))
    return Evaluation(str(corpus), parts)


def _combine(tallies: list[Tally]) -> Tally:
    out = Tally()
    for t in tallies:
        out.expected.update(t.expected)
        out.exact.update(t.exact)
        out.extra += t.extra
        out.inverted.extend(t.inverted)
        out.true_findings += t.true_findings
        out.false_findings += t.false_findings
        out.missed_findings += t.missed_findings
        out.deals += t.deals
        out.documents += t.documents
        out.agree += t.agree
        out.compared += t.compared
        out.seconds += t.seconds
    return out


def _show(key: TermKey) -> str:
    return " ".join("-" if v is None else (format(v, "f") if isinstance(v, Decimal) else str(v)) for v in key)
