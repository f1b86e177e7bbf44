"""Property-based fuzzing of the review (issue 19): contract-like Markdown, text and HTML built from the words,
figures and layout vendors use, each example reviewed in the parser sandbox with 2 CPU seconds and 500 MB. Every
example is reviewed or refused with one located line: never a crash, a hang or an unbounded allocation."""

from __future__ import annotations

import sys

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from principal.errors import PrincipalError
from principal.review.ingest import read_document
from principal.review.ingest.sandbox import Crashed, OutOfBounds, run_bounded
from principal.review.review import review_documents

pytestmark = pytest.mark.skipif(sys.platform != "linux", reason="the sandbox forks only on Linux")

CPU_SECONDS = 2.0
MEMORY = 500 * 1024 * 1024

_WORDS = (
    *("Customer", "Supplier", "Provider", "may", "may not", "shall", "shall not", "will", "unless", "except",
      "only if", "up to", "not to exceed", "at least", "no more than", "thereafter", "then", "first", "above",
      "per minute", "per seat", "per month", "seats", "named users", "concurrent", "months", "days", "minutes",
      "renew", "automatically", "terminate", "for convenience", "uptime", "availability", "credit", "fees",
      "increase", "CPI", "list price", "true-up", "overage", "Exhibit B", "Order Form", "SLA", "applies", "cap",
      "liability", "data export", "transition", "maintenance", "excluded", "one", "twenty-five", "hundred", "and"),
)  # fmt: skip
_FIGURES = ("5%", "99.95%", "USD 0.0112", "$95.00", "£1,200", "EUR 7.50", "12", "1,000", "0", "(3)", "36-month")
_LAYOUT = ("\n", "\n\n", "\n# ", "\n## 3.1 ", "\n(a) ", "\n- ", " | ", "\n| ", "\n|---|---|\n", ". ", ", ", ": ")
_TOKENS = st.sampled_from(_WORDS + _FIGURES + _LAYOUT)
_ODD = st.text(alphabet=st.characters(codec="utf-8", exclude_categories=("Cs",)), max_size=12)
_HTML_TAGS = ("<p>", "</p>", "<div>", "</div>", "<ol type='a'>", "</ol>", "<li>", "<table><tr><td>",
              "</td><td>", "</td></tr></table>", "<h2>", "</h2>", "<br>", "<b>", "</b>", "<ol start='7'>", "<ul>",
              "</ul>")  # fmt: skip


def _review_summary(data: bytes, name: str) -> tuple[int, int, int]:
    """In the sandboxed child: the terms, findings and partial-deal size (a small answer to hand back)."""
    result = review_documents([read_document(data, name)], check_contract=False, clauses=False)
    return len(result.terms), len(result.findings), len(result.deal_yaml)


def _check(data: bytes, name: str) -> None:
    try:
        run_bounded(_review_summary, (data, name), cpu_seconds=CPU_SECONDS, memory=MEMORY)
    except (Crashed, OutOfBounds) as exc:  # a traceback or a hang in the review itself
        pytest.fail(f"{name}: {exc.lines()[0]}\n{data[:2000]!r}")
    except PrincipalError as exc:  # a refusal: one located line
        lines = exc.lines()
        assert len(lines) == 1 and lines[0].startswith(f"{name}: "), lines


_FUZZ = settings(max_examples=90, deadline=None, suppress_health_check=[HealthCheck.too_slow])


@_FUZZ
@given(st.lists(st.one_of(_TOKENS, _TOKENS, _TOKENS, _ODD), min_size=1, max_size=300))
def test_contract_like_markdown_is_reviewed_or_refused(tokens: list[str]) -> None:
    _check(" ".join(tokens).encode("utf-8"), "fuzz.md")


@_FUZZ
@given(st.lists(st.one_of(_TOKENS, _ODD), min_size=1, max_size=200))
def test_contract_like_text_is_reviewed_or_refused(tokens: list[str]) -> None:
    _check(" ".join(tokens).encode("utf-8"), "fuzz.txt")


@settings(max_examples=80, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.one_of(_TOKENS, st.sampled_from(_HTML_TAGS)), min_size=1, max_size=300))
def test_contract_like_html_is_reviewed_or_refused(tokens: list[str]) -> None:
    _check(("<html><body>" + " ".join(tokens)).encode("utf-8"), "fuzz.html")


@settings(max_examples=40, deadline=None)
@given(st.integers(min_value=2, max_value=400), st.sampled_from(_WORDS), st.sampled_from(_FIGURES))
def test_long_runs_of_one_token_stay_linear(count: int, word: str, figure: str) -> None:
    """Runs of one word or figure ('one one one ...', '1,000 1,000 ...'): where a backtracking pattern would blow up."""
    _check(((word + " ") * count + (figure + " ") * count + ". Customer shall pay.").encode("utf-8"), "run.md")
