"""Acceptance on the seed: the original offer is flagged on consumption, SLA, implementation and term, with
amounts; the final deal improves each, and the two scorecards compare."""

from __future__ import annotations

from decimal import Decimal

import pytest

from principal.align.report import AlignmentReport, align, compare_alignment
from principal.align.stress import Verdict
from principal.model import Deal
from principal.money import Amount
from principal.present import formatter_for

TEXT = formatter_for("USD").text


def usd(number: int | str) -> Amount:
    return Amount(Decimal(number), "USD")


@pytest.fixture(scope="module")
def reports(seed_deal: Deal) -> dict[str, AlignmentReport]:
    return {name: align(seed_deal, name) for name in ("original", "final")}


def scenario(report: AlignmentReport, sid: str):  # type: ignore[no-untyped-def]
    return next(s for s in report.scenarios if s.id == sid)


def rating(report: AlignmentReport, area: str) -> str:
    return next(a.rating.value for a in report.scorecard if a.area.value == area)


def test_consumption_uncapped_usage_at_plus_30(reports: dict[str, AlignmentReport]) -> None:
    original = scenario(reports["original"], "usage+30")
    assert original.verdict is Verdict.misaligned
    assert original.vendor_change.rounded() == usd("985050.00")  # 30% of the term's usage, $3,283,500
    assert "with a 110% annual cap, $328,350.00" in TEXT(original.message)
    final = scenario(reports["final"], "usage+30")
    assert final.vendor_change.rounded() == usd("308550.00")  # held by the cap
    assert rating(reports["original"], "pricing and usage") == "at risk"
    assert rating(reports["final"], "pricing and usage") == "needs work"


def test_sla_credit_cap_against_a_severe_outage(reports: dict[str, AlignmentReport]) -> None:
    original = reports["original"]
    severe = scenario(original, "severe-outage")
    # 4 h in April, the go-live month (43,200 minutes), is 99.44%: the 10% rung, which is also the cap: 10% of
    # April's $169,250 of fees.
    assert severe.vendor_change == usd("-16925.00")
    reliability = original.incentives.reliability
    assert reliability is not None and reliability.credit_ceiling == usd("16925.00")
    assert original.severe_outage_coverage == Decimal(16_925) / Decimal(608_400)
    assert reliability.cap_blocks
    final_reliability = reports["final"].incentives.reliability
    assert final_reliability is not None and final_reliability.passes and not final_reliability.cap_blocks
    repeated = scenario(reports["final"], "repeated-misses")
    assert repeated.vendor_change == usd("-47355.00")
    assert "misses in months 4, 6, 8" in TEXT(repeated.message)  # live months only, from the month-4 go-live
    assert "arises in month 8" in TEXT(repeated.message)
    assert scenario(original, "repeated-misses").vendor_change == usd("-25387.50")
    assert rating(original, "SLA and uptime") == "at risk"
    assert rating(reports["final"], "SLA and uptime") == "needs work"


def test_implementation_share_paid_before_go_live(reports: dict[str, AlignmentReport]) -> None:
    original, final = reports["original"].fee_timing, reports["final"].fee_timing
    assert original.one_time_before_go_live == usd(280_000)
    assert original.share_one_time_before_go_live == 1
    assert final.one_time_before_go_live == usd(168_000)
    assert final.share_one_time_before_go_live == Decimal("0.6")
    assert [s.still_withheld for s in final.steps] == [usd(224_000), usd(112_000), usd(28_000), usd(0)]
    assert final.holdback == usd(28_000)
    slip = scenario(reports["final"], "slip")
    # Three months without go-live: the vendor bills no usage (voice in 2M x 0.012 + 2M x 0.0099, out 520k x 0.0125
    # + 600k x 0.0095, 120k bot sessions x 0.25, 250k summaries x 0.03 = 93,500 a month); the milestones only move.
    assert slip.vendor_change == usd(-3 * 93_500) and slip.verdict is Verdict.aligned
    # The buyer's cash: 280,500 less usage, 3 more months of the legacy suite at 162,000.
    assert slip.buyer_change == usd(3 * 162_000 - 3 * 93_500)
    original_slip = scenario(reports["original"], "slip")
    # At the original flat rates: 48,000 + 14,000 + 30,000 + 7,500 = 99,500 a month of usage lost.
    assert original_slip.vendor_change == usd(-3 * 99_500) and original_slip.verdict is Verdict.aligned
    assert rating(reports["original"], "implementation") == "at risk"


def test_term_uplifts(reports: dict[str, AlignmentReport]) -> None:
    original = next(c for c in reports["original"].checklist if c.id == "uplift")
    assert original.answer.value == "no"
    assert TEXT(original.evidence) == "5% a year from year 2; adds $127,642.50 over the term"
    final = next(c for c in reports["final"].checklist if c.id == "uplift")
    assert final.answer.value == "yes"
    assert TEXT(final.evidence) == "3% a year from year 2; adds $70,192.98 over the term"


def test_scorecards_compare(reports: dict[str, AlignmentReport]) -> None:
    rows = compare_alignment([reports["original"], reports["final"]])
    assert [r.area for r in rows] == [
        "pricing and usage",
        "KPIs and reporting",
        "SLA and uptime",
        "implementation",
        "term, risk and exit",
    ]
    order = {"at risk": 0, "needs work": 1, "strong": 2}
    for row in rows:
        assert order[row.ratings["final"]] >= order[row.ratings["original"]]
    pricing = rows[0]
    assert pricing.exposure == {"original": usd("1641750.00"), "final": usd("308550.00")}


def test_questions_come_from_unknowns(reports: dict[str, AlignmentReport]) -> None:
    assert reports["final"].questions == (
        "Do bot_sessions, ai_summaries create billable events before we switch them on, "
        "for example inside default flows?",
        "Which KPIs will the contract hold you to, and who defines and measures them?",
        "What acceptance criteria will decide that go-live succeeded, and when are they agreed?",
        "Can we reduce committed seats at renewal or when automation lowers headcount, and by how much?",
    )


def test_scorecard_exposure_counts_every_test(reports: dict[str, AlignmentReport]) -> None:
    # The late go-live is aligned (the vendor loses usage) yet the buyer still carries its cash: it counts.
    final = reports["final"]
    slip = scenario(final, "slip")
    area = next(a for a in final.scorecard if a.area.value == "implementation")
    assert slip.verdict is Verdict.aligned and area.exposure == slip.buyer_change == usd(3 * 162_000 - 3 * 93_500)
