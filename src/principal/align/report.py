"""`align(deal, offer)`: the whole alignment analysis of one offer, and `compare_alignment` of several."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from principal.align.checks import Check, questions, run_checklist
from principal.align.context import OfferContext
from principal.align.fee_timing import FeeTiming
from principal.align.incentives import ImplementationTest, ReliabilityTest
from principal.align.outages import repeated_misses, severe_outage
from principal.align.reliability import implementation_for, reliability_for
from principal.align.scorecard import AreaScore, scorecard
from principal.align.stress import StressResult, cost_scenarios
from principal.model.common import to_cents
from principal.model.deal import Deal
from principal.sla.fee_base import fee_bases_for_offer


@dataclass(frozen=True)
class AlignmentReport:
    offer: str
    plan_total: Decimal
    checks: tuple[Check, ...]
    scenarios: tuple[StressResult, ...]
    reliability: ReliabilityTest | None
    chronic_note: str
    implementation: ImplementationTest | None
    timing: FeeTiming
    areas: tuple[AreaScore, ...]
    severe_outage_coverage: Decimal | None

    @property
    def questions(self) -> tuple[str, ...]:
        return questions(self.checks)


def align(deal: Deal, offer: str) -> AlignmentReport:
    fees = fee_bases_for_offer(deal, offer)
    severe = severe_outage(deal, offer, fees)
    repeated = repeated_misses(deal, offer, fees)
    coverage = None
    if severe is not None and severe.replay.impact.total.number > 0:
        coverage = severe.replay.credits_paid.ratio(severe.replay.impact.total)
    ctx = OfferContext.build(deal, offer, coverage)
    scenarios = cost_scenarios(ctx)
    scenarios.extend(t.result for t in (severe, repeated) if t is not None)
    checks = run_checklist(ctx)
    rel = reliability_for(deal, offer, fees)
    impl = implementation_for(deal, ctx.timing)
    reliability, note = (rel[0], rel[1]) if rel else (None, "no SLA")
    areas = scorecard(checks, tuple(scenarios), ctx.schedule.total, reliability, impl)
    return AlignmentReport(
        offer, ctx.schedule.total, checks, tuple(scenarios), reliability, note, impl, ctx.timing, areas, coverage
    )


def _c(value: Decimal | None) -> Decimal | None:
    return None if value is None else to_cents(value)


def alignment_summary(report: AlignmentReport) -> dict[str, object]:
    """Every figure of the analysis, rounded to cents, for JSON, the web app and reports."""
    rel = report.reliability
    impl = report.implementation
    t = report.timing
    return {
        "offer": report.offer,
        "plan_total": _c(report.plan_total),
        "scorecard": [
            {
                "area": a.area.value,
                "rating": a.rating.value,
                "yes": a.yes,
                "no": a.no,
                "unknown": a.unknown,
                "exposure": _c(a.exposure),
                "reasons": list(a.reasons),
            }
            for a in report.areas
        ],
        "scenarios": [
            {
                "id": s.id,
                "area": s.area.value,
                "title": s.title,
                "verdict": s.verdict.value,
                "buyer_change": _c(s.buyer_change),
                "vendor_change": _c(s.vendor_change),
                "with_protection": _c(s.with_protection),
                "message": s.message,
            }
            for s in report.scenarios
        ],
        "incentives": {
            "reliability": None
            if rel is None
            else {
                "effort_cost": _c(rel.effort_cost),
                "effort_cost_source": rel.effort_cost_source,
                "p_miss_low_effort": rel.p_miss_low,
                "p_miss_high_effort": rel.p_miss_high,
                "credit_at_miss": _c(rel.credit_at_miss),
                "credit_ceiling": _c(rel.credit_ceiling),
                "minimum_credit": _c(rel.minimum_credit),
                "chronic_monthly_equivalent": _c(rel.chronic_monthly_equivalent),
                "chronic_note": report.chronic_note,
                "expected_loss_avoided": _c(rel.expected_loss_avoided),
                "passes": rel.passes,
                "cap_blocks": rel.cap_blocks,
            },
            "implementation": None
            if impl is None
            else {
                "effort_cost": _c(impl.effort_cost),
                "effort_cost_source": impl.effort_cost_source,
                "p_on_time_high_effort": impl.p_on_time_high,
                "p_on_time_low_effort": impl.p_on_time_low,
                "at_risk": _c(impl.at_risk),
                "minimum_at_risk": _c(impl.minimum_at_risk),
                "expected_gain": _c(impl.expected_gain),
                "passes": impl.passes,
            },
        },
        "fee_timing": {
            "one_time_total": _c(t.one_time_total),
            "go_live_month": t.go_live_month,
            "stable_month": t.stable_month,
            "billing_start_month": t.billing_start_month,
            "one_time_before_go_live": _c(t.one_time_before_go_live),
            "share_one_time_before_go_live": None
            if not t.one_time_total
            else round(float(t.share_one_time_before_go_live), 4),
            "one_time_before_stable": _c(t.one_time_before_stable),
            "recurring_before_go_live": _c(t.recurring_before_go_live),
            "holdback": _c(t.holdback),
            "steps": [
                {
                    "month": s.month,
                    "name": s.name,
                    "gate": s.gate,
                    "paid": _c(s.paid),
                    "paid_so_far": _c(s.paid_so_far),
                    "still_withheld": _c(s.still_withheld),
                    "holdback": s.holdback,
                }
                for s in t.steps
            ],
        },
        "severe_outage_coverage": None
        if report.severe_outage_coverage is None
        else round(float(report.severe_outage_coverage), 4),
        "checklist": [
            {
                "id": c.id,
                "group": c.group.value,
                "question": c.question,
                "answer": c.answer.value,
                "field": c.field,
                "evidence": c.evidence,
                "ask": c.ask,
            }
            for c in report.checks
        ],
        "questions": list(report.questions),
    }


@dataclass(frozen=True)
class AreaComparison:
    area: str
    ratings: dict[str, str]
    exposure: dict[str, Decimal]


def compare_alignment(reports: list[AlignmentReport]) -> tuple[AreaComparison, ...]:
    """Scorecards side by side: each area's rating and dollar exposure per offer."""
    out = []
    for i, area in enumerate(reports[0].areas):
        out.append(
            AreaComparison(
                area.area.value,
                {r.offer: r.areas[i].rating.value for r in reports},
                {r.offer: to_cents(r.areas[i].exposure) for r in reports},
            )
        )
    return tuple(out)
