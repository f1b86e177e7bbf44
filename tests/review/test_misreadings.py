"""Each misreading reported in issue 14, written as a case of its own: the review must read the meaning, the
figure from its own row or sentence, in its stated unit, and leave unknown what the documents do not say."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

from principal.loader import parse_deal
from principal.review.extract.terms import Term, TermKind
from principal.review.result import ReviewResult
from tests.clirunner import run
from tests.review.conftest import review_text

CORPUS = Path(__file__).resolve().parent.parent.parent / "corpus" / "review" / "tuning"


def _terms(result: ReviewResult, kind: TermKind) -> list[Term]:
    return [t for t in result.terms if t.kind is kind]


def _keys(result: ReviewResult, kind: TermKind) -> list[tuple[object, ...]]:
    return [t.key()[1:] for t in _terms(result, kind)]


def _rules(result: ReviewResult) -> set[str]:
    return {f.rule for f in result.findings}


def test_a_denied_seat_reduction_is_read_as_prohibited() -> None:
    for text in (
        "Customer may not reduce the number of seats during the Initial Term.\n",
        "The Client shall not be entitled to decrease the number of Named Users at any time during the Term.\n",
    ):
        result = review_text(text)
        assert _keys(result, TermKind.seat_reduction) == [(None, None, "prohibited", None)], text
        assert "no_seat_reduction" in _rules(result)


def test_a_denied_termination_for_convenience_is_false_in_the_partial_deal() -> None:
    result = review_text("Customer may not terminate this Order Form for convenience.\n")
    assert _keys(result, TermKind.termination_right) == [(None, None, "no_convenience", None)]
    assert "termination_for_convenience: false" in result.deal_yaml
    neither = review_text("Neither party may terminate this Agreement for convenience.\n")
    assert _keys(neither, TermKind.termination_right) == [(None, None, "no_convenience", None)]


def test_a_termination_right_not_mentioned_is_unknown_not_false() -> None:
    result = review_text("Provider will host the Services. Fees are payable within thirty (30) days of invoice.\n")
    assert "termination_for_convenience" not in result.deal_yaml
    assert "data_export" not in result.deal_yaml.split("# Partial")[-1].split("offers:")[-1]
    fields = {q.field for q in result.questions}
    assert "offers.reviewed.exit.termination_for_convenience" in fields
    assert "offers.reviewed.exit.data_export.included" in fields


def test_no_automatic_renewal_is_not_read_as_auto_renewal() -> None:
    result = review_text("This Order Form does not renew automatically. Any renewal requires a new signed order.\n")
    assert _keys(result, TermKind.renewal_term) == [(None, None, "by_agreement", None)]
    assert "auto_renews: false" in result.deal_yaml
    assert "auto_renewal_long_notice" not in _rules(result)
    quiet = review_text("Unless either party gives notice of non-renewal at least 90 days before the end of the "
                        "term, this Order renews for further 12-month periods.\n")  # fmt: skip
    assert _keys(quiet, TermKind.renewal_term) == [(Decimal(12), "month", "auto", None)]


def test_up_to_seven_percent_is_costed_as_seven_and_flagged() -> None:
    result = review_text("Provider may increase the fees on each anniversary by up to seven percent (7%).\n")
    assert _keys(result, TermKind.price_increase) == [(Decimal(7), "%", "up_to", None)]
    assert _terms(result, TermKind.price_increase_cap) == []
    assert "percent: 7  # up to 7%: costed at the most the vendor may charge" in result.deal_yaml
    assert "up to 7% yearly uplift" in {f.title for f in result.findings}


def test_not_to_exceed_protects_the_buyer() -> None:
    result = review_text("Provider may raise the fees once a year; any such increase shall not exceed 3%.\n")
    assert _keys(result, TermKind.price_increase_cap) == [(Decimal(3), "%", None, None)]
    assert _terms(result, TermKind.price_increase) == []
    assert "uplift_above_cpi" not in _rules(result)


def test_a_ten_percent_cap_on_increases_is_a_cap_not_a_fixed_uplift() -> None:
    result = review_text("Vantage may adjust prices once a year, subject to a 10% cap on increases.\n")
    assert _keys(result, TermKind.price_increase_cap) == [(Decimal(10), "%", None, None)]
    assert _terms(result, TermKind.price_increase) == []
    assert "assumption: costed at the cap" in result.deal_yaml
    assert "Increases capped only at 10% a year" in {f.title for f in result.findings}


def test_a_two_tier_credit_ladder_keeps_both_tiers() -> None:
    table = ("3. Credits\n\n| Monthly Availability | Credit |\n|---|---|\n| Less than 99.9% but at least 99.0% | 5% |\n"
             "| Less than 99.0% | 10% |\n")  # fmt: skip
    prose = ("Customer receives a credit of 5% of the monthly fees if availability falls below 99.9%, and 10% if "
             "it falls below 99.5%.\n")  # fmt: skip
    assert _keys(review_text(table, "sla.md"), TermKind.credit_tier) == [
        (Decimal(5), "%", "below", Decimal("99.9")),
        (Decimal(10), "%", "below", Decimal("99.0")),
    ]
    assert _keys(review_text(prose), TermKind.credit_tier) == [
        (Decimal(5), "%", "below", Decimal("99.9")),
        (Decimal(10), "%", "below", Decimal("99.5")),
    ]


def test_a_clause_number_is_never_a_quantity() -> None:
    result = review_text("2.1 Agent seats: 180 named users at GBP 86.00 per user per month.\n")
    assert _keys(result, TermKind.seat_quantity) == [(Decimal(180), "seat", None, None)]
    assert _keys(result, TermKind.seat_price) == [(Decimal("86.00"), "GBP/user/month", None, None)]
    rows = ("| Line | Description | Seats | Annual price per seat |\n|---|---|---|---|\n"
            "| 1 | Agent seat | 400 | USD 1,020.00 |\n| 2 | Supervisor seat | 80 | USD 1,200.00 |\n")  # fmt: skip
    table = review_text(rows, "order.md")
    assert _keys(table, TermKind.seat_quantity) == [
        (Decimal(400), "seat", None, None),
        (Decimal(80), "seat", None, None),
    ]
    assert _keys(table, TermKind.seat_price)[1] == (Decimal("1200.00"), "USD/user/year", None, None)


def test_durations_stay_in_their_stated_units() -> None:
    result = review_text("We will also provide transition assistance for ninety (90) days at no charge.\n")
    assert _keys(result, TermKind.transition_assistance) == [(Decimal(90), "day", "free", None)]
    years = review_text("The initial term is three (3) years from the date of this Order Form.\n")
    assert _keys(years, TermKind.subscription_term) == [(Decimal(36), "month", None, None)]


def test_a_full_credit_cap_is_not_an_uptime_target() -> None:
    result = review_text("Service credits in any month will not exceed 100% of the monthly fees.\n")
    assert _keys(result, TermKind.credit_cap) == [(Decimal(100), "%", "month", None)]
    assert _terms(result, TermKind.uptime_target) == []


def test_a_zero_fee_is_not_a_risk() -> None:
    rows = ("| Item | Qty | Price |\n|---|---|---|\n| Implementation services | 1 | USD 0.00 (waived) |\n"
            "| Agent seat | 10 | USD 50.00 per user per month |\n\n")  # fmt: skip
    result = review_text(rows + "Implementation fees, if any, are invoiced on signature of this Order.\n", "order.md")
    assert _keys(result, TermKind.implementation_fee) == [(Decimal(0), "USD", "signature", None)]
    assert "paid_before_go_live" not in _rules(result)
    none = review_text("There is no set-up fee. Prices are in USD 10.00 per user per month.\n")
    assert _keys(none, TermKind.implementation_fee) == [(Decimal(0), "USD", None, None)]


def test_transition_assistance_is_not_an_ai_feature() -> None:
    rows = ("| Item | Rate |\n|---|---|\n| Voice minutes | USD 0.0105 per minute |\n"
            "| Transition assistance | USD 165.00 per hour |\n")  # fmt: skip
    result = review_text(rows, "order.md")
    assert "ai_billable_by_default" not in _rules(result)
    assert _keys(result, TermKind.transition_assistance) == [(None, None, "paid", None)]
    assert [t.key()[1:3] for t in _terms(result, TermKind.usage_rate)] == [(Decimal("0.0105"), "USD/minute")]


def test_word_numbered_exclusions_keep_their_heading_and_citation() -> None:
    from principal.review.review import review_files

    by_format = {fmt: review_files([CORPUS / "halcyon" / f"sla-exhibit-b.{fmt}"], clauses=False)
                 for fmt in ("md", "docx", "html", "pdf")}  # fmt: skip
    for fmt, result in by_format.items():
        carve = {t.basis: t.location.section for t in _terms(result, TermKind.carve_out)}
        assert carve == {"maintenance": "4(a)", "emergency_maintenance": "4(b)", "carrier": "4(c)",
                         "force_majeure": "4(e)"}, fmt  # fmt: skip
        cap = _terms(result, TermKind.credit_cap)[0]
        assert (cap.location.section, cap.location.page) == ("3", 1), fmt
        assert "planned_maintenance: true" in result.deal_yaml, fmt


def test_a_package_answers_absence_findings_across_documents() -> None:
    from principal.review.review import review_files

    sla_alone = review_files([CORPUS / "kestrel" / "sla-schedule-2.md"], clauses=False)
    assert {"no_data_export", "no_transition_assistance"}.isdisjoint(_rules(sla_alone))
    order_alone = review_files([CORPUS / "halcyon" / "order-form.md"], clauses=False)
    assert "no_uptime_commitment" not in _rules(order_alone)
    assert "referenced_document_missing" in _rules(order_alone)
    both = review_files([CORPUS / "halcyon" / "order-form.md", CORPUS / "halcyon" / "sla-exhibit-b.md",
                         CORPUS / "halcyon" / "msa.md"], clauses=False)  # fmt: skip
    assert "referenced_document_missing" not in _rules(both)
    assert "no_chronic_failure_exit" in _rules(both)


def test_the_partial_deal_from_an_order_form_has_its_seats_and_uplift() -> None:
    from principal.review.review import review_files

    result = review_files([CORPUS / "halcyon" / "order-form.pdf"], clauses=False)
    names = ("inbound_calls_local_numbers", "inbound_calls_toll_free_numbers", "outbound_calls_domestic",
             "sms_messages")  # fmt: skip
    forecasts = "".join(f"    {n}: {{unit: unit, expected: 1000}}\n" for n in names)
    completed = result.deal_yaml.replace("  agents: 320", "  agents: 320\n  forecasts:\n" + forecasts.rstrip("\n"), 1)
    offer = parse_deal(completed, "completed.yaml").offers["reviewed"]
    assert [(lic.quantity, lic.unit_price) for lic in offer.licenses] == [
        (Decimal(320), Decimal(112)),
        (Decimal(24), Decimal(74)),
        (Decimal(320), Decimal("9.5")),
    ]
    assert offer.uplift is not None and offer.uplift.percent == Decimal(7)
    assert offer.term_months == 36


def test_a_five_byte_file_is_not_given_a_clean_bill(tmp_path: Path) -> None:
    tiny = tmp_path / "note.txt"
    tiny.write_bytes(b"hello")
    result = run("review", str(tiny))
    assert result.exit_code == 2
    assert "note.txt" in result.stderr and "too short to be a contract (1 word)" in result.stderr
    assert "No risk found" not in result.stdout
