"""Hostile review inputs (issue 19): every reproduction ends within 2 CPU seconds and 500 MB; a refused file gives
one located line and exit code 2, never a traceback."""

from __future__ import annotations

import random
import sys
from pathlib import Path

import pytest
from ruamel.yaml import YAML

from principal.errors import InputError, PrincipalError
from principal.review.deal_out import NAME_LENGTH, UniqueNames
from principal.review.ingest import read_document
from principal.review.ingest.html_reader import nesting_depth
from tests.clirunner import Result, run
from tests.review.bounded import HANG_GUARD_SECONDS, MEMORY_BOUND_MB, Cost, measure
from tests.review.conftest import FIXTURES

pytestmark = pytest.mark.skipif(sys.platform != "linux", reason="the measuring child is forked")

HOSTILE = FIXTURES / "hostile"


def _review(*args: str) -> Cost:
    return measure(run, "review", *args)


def _one_located_line(result: Result, path: Path) -> str:
    assert result.exit_code == 2, result.output
    assert "Traceback" not in result.output
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1, result.stderr
    assert lines[0].startswith(f"{path}: "), lines[0]
    return lines[0]


# -- offer names: the de-duplication always ends --------------------------------------------------------------------


def test_identical_seat_rows_are_named_once_each_and_the_review_ends(tmp_path: Path) -> None:
    """21 rows of one 58-character item in a 1.7 KB order form: each line gets its own name within 64 characters
    (before the fix, the name stopped growing at 64 characters and the loop looking for a free one never ended)."""
    source = HOSTILE / "identical-seat-rows.md"
    assert len(source.read_bytes()) < 2_000
    deal = tmp_path / "deal.yaml"
    cost = _review(str(source), "--deal-out", str(deal))
    assert not cost.hung and cost.within_bounds(), cost
    assert cost.value.exit_code == 1, cost.value.output  # findings, not an error
    names = [line["name"] for line in YAML(typ="safe").load(deal.read_text())["offers"]["reviewed"]["licenses"]]
    assert len(names) == 21
    assert len(set(names)) == 21
    assert max(len(n) for n in names) <= 64
    assert names[0] == "named_agent_seat_voice_chat_and_email_contact_centre_suite"
    assert names[20] == "named_agent_seat_voice_chat_and_email_contact_centre_suite_21"


def test_unique_names_from_one_long_slug_stay_distinct_and_short() -> None:
    names = UniqueNames()
    long_slug = "x" * 200
    taken = [names.take(long_slug) for _ in range(1_000)]
    assert len(set(taken)) == 1_000
    assert max(len(n) for n in taken) == NAME_LENGTH
    assert taken[0] == "x" * 64
    assert taken[999] == "x" * 59 + "_1000"


def test_unique_names_skip_a_number_already_taken_by_another_slug() -> None:
    names = UniqueNames()
    assert [names.take(s) for s in ("seat", "seat_2", "seat", "seat", "seat_2")] == [
        "seat",
        "seat_2",
        "seat_3",
        "seat_4",
        "seat_2_2",
    ]


# -- DOCX: corrupt zip data -----------------------------------------------------------------------------------------


def test_corrupt_deflate_stream_in_a_docx_is_one_located_line() -> None:
    """One flipped byte inside word/document.xml's compressed data (zlib: invalid bit length repeat)."""
    source = HOSTILE / "corrupt-deflate.docx"
    cost = _review(str(source))
    assert cost.within_bounds(), cost
    line = _one_located_line(cost.value, source)
    assert "damaged zip member word/document.xml" in line


def test_byte_flipped_docx_files_are_read_or_refused_never_crash() -> None:
    """60 copies of the fixture order form with one to four random bytes changed (a fixed seed)."""
    original = (FIXTURES / "ccaas-order-form.docx").read_bytes()
    rng = random.Random(19)
    outcomes = {"read": 0, "refused": 0}
    for _ in range(60):
        data = bytearray(original)
        for _ in range(rng.randint(1, 4)):
            data[rng.randrange(len(data))] = rng.randrange(256)
        try:
            read_document(bytes(data), "flipped.docx")
            outcomes["read"] += 1
        except InputError as exc:
            assert len(exc.lines()) == 1 and exc.lines()[0].startswith("flipped.docx: "), exc.lines()
            outcomes["refused"] += 1
    assert outcomes["refused"] > 30  # most flips land in compressed data or the zip directory


# -- HTML: sandboxed, linear in nesting and list length -------------------------------------------------------------


def test_deeply_nested_html_is_refused_before_parsing(tmp_path: Path) -> None:
    """2.2 MB of nested <div>s (the parser's work grows with the square of the depth: about a minute before)."""
    source = tmp_path / "nested.html"
    depth = 200_000
    source.write_text("<html><body>" + "<div>" * depth + "Customer may not terminate." + "</div>" * depth)
    assert source.stat().st_size > 2_200_000
    cost = _review(str(source))
    assert cost.within_bounds(), cost
    line = _one_located_line(cost.value, source)
    assert "nests elements 200,000 deep (limit 1,000)" in line


def test_nesting_depth_counts_only_elements_that_hold_others() -> None:
    assert nesting_depth("<div><p>a<p>b<ul><li>c<li>d</ul></div>") == 2
    assert nesting_depth("<div>" * 5 + "<br/><img src=x>" + "</div>" * 5) == 5
    assert nesting_depth("<section><div></div><div><span>x</span></div></section>") == 3


def test_a_long_ordered_list_reads_in_linear_time() -> None:
    """80,000 items in one <ol> (each item's number was found by walking its earlier siblings)."""
    html = "<html><body><ol>" + "<li>The fee is USD 10 per seat.</li>" * 80_000 + "</ol>"
    cost = measure(read_document, html.encode(), "list.html")
    assert cost.within_bounds(), cost
    text = cost.value.text
    assert text.startswith("1. The fee is USD 10 per seat.\n2. The fee")
    assert "\n80000. The fee is USD 10 per seat." in text


def test_a_huge_list_start_is_numbered_without_counting_up_to_it() -> None:
    html = b"<html><body><ol type='i' start='100000000000000'><li>Customer shall pay the fees.</li></ol>"
    cost = measure(read_document, html, "start.html")
    assert cost.within_bounds(), cost
    assert cost.value.text == "100000000000000. Customer shall pay the fees."


def test_html_reader_runs_in_the_parser_sandbox(monkeypatch: pytest.MonkeyPatch) -> None:
    """A reader that never returns is stopped by the sandbox's CPU budget with a located refusal."""
    from principal.review.ingest import html_reader
    from principal.review.ingest.limits import Limits

    def spin(*_args: object) -> None:
        while True:
            pass

    monkeypatch.setattr(html_reader, "LexborHTMLParser", spin)
    with pytest.raises(PrincipalError) as caught:
        read_document(b"<html><body><p>Customer shall pay.</p>", "spin.html", Limits(parse_cpu_seconds=0.5))
    assert caught.value.lines() == [
        "spin.html: (file): could not be parsed within bounds (more than 0.5 CPU seconds); the file may be hostile"
    ]


# -- the partial deal: bounded however many lines a document lists ------------------------------------------------


def test_a_document_listing_150_seat_prices_writes_the_first_100_and_says_so() -> None:
    from principal.review.review import review_documents

    text = "# Order\n\n" + "".join(f"Seat type {i} costs USD {i}.00 per user per month.\n\n" for i in range(150))
    result = review_documents([read_document(text.encode(), "many.md")], check_contract=False, clauses=False)
    assert result.deal_yaml.count("unit_price:") == 100
    assert "# the first 100 of 150 seat prices in the documents; check the others" in result.deal_yaml


def _review_lines(count: int) -> int:
    from principal.review.review import review_documents

    text = "# Order\n\n" + "The fee is USD 1 per seat.\n" * count
    result = review_documents([read_document(text.encode(), "fees.md")], check_contract=False, clauses=False)
    return len(result.terms)


def test_thousands_of_priced_sentences_review_in_linear_time() -> None:
    """6,000 priced sentences (160 KB): each became a licence line whose quantity was looked up among all terms and
    the whole deal file written and parsed (about 50 CPU-s for 4,000 before). Six times the sentences now cost
    about six times the CPU of 1,000 (quadratic work would cost 36 times), on a fast machine or a slow one."""
    small = measure(_review_lines, 1_000)
    large = measure(_review_lines, 6_000)
    assert (small.value, large.value) == (1_000, 6_000)
    assert not large.hung and large.peak_growth_mb <= MEMORY_BOUND_MB, large
    assert large.cpu_seconds <= 9 * small.cpu_seconds + 0.2, (small, large)
    assert large.cpu_seconds <= HANG_GUARD_SECONDS / 3, large
