"""The scorecard: per area, a rating with its evidence in money, from the checklist, the stress tests and the
incentive tests.

Ratings: "at risk" when the vendor gains 10% or more of the term's cost in a stress test, a credit cap makes
reliability effort impossible to induce, or more checks fail than pass; "needs work" when any check fails, any
stress test leaves the buyer carrying a loss, or an incentive test fails; "strong" otherwise. Unknowns do not
lower a rating: they become questions.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from enum import StrEnum

from principal.align.checks import Answer, Check, Group
from principal.align.incentives import ImplementationTest, ReliabilityTest
from principal.align.stress import Area, StressResult, Verdict
from principal.money import Amount
from principal.statements import Share, Statement, say

GROUP_AREA = {
    Group.pricing: Area.pricing,
    Group.kpis: Area.kpis,
    Group.sla: Area.sla,
    Group.implementation: Area.implementation,
    Group.exit: Area.exit,
}
RISK_SHARE = Decimal("0.10")


class Rating(StrEnum):
    strong = "strong"
    needs_work = "needs work"
    at_risk = "at risk"


@dataclass(frozen=True)
class AreaScore:
    area: Area
    rating: Rating
    yes: int
    no: int
    unknown: int
    exposure: Amount
    """Largest loss the buyer carries in this area's stress tests, over the term."""
    reasons: tuple[Statement, ...]


def score_area(
    area: Area,
    checks: list[Check],
    scenarios: list[StressResult],
    plan_total: Amount,
    reliability: ReliabilityTest | None,
    implementation: ImplementationTest | None,
) -> AreaScore:
    yes = sum(1 for c in checks if c.answer is Answer.yes)
    no = sum(1 for c in checks if c.answer is Answer.no)
    unknown = sum(1 for c in checks if c.answer is Answer.unknown)
    reasons: list[Statement] = []
    at_risk = needs_work = False
    # Exposure counts every test, aligned ones too: a loss the vendor shares is still the buyer's loss.
    exposure = max((s.buyer_change for s in scenarios), default=Amount.zero(plan_total.currency))
    for s in scenarios:
        if s.verdict is Verdict.misaligned and plan_total and s.vendor_change >= plan_total * RISK_SHARE:
            at_risk = True
            reasons.append(
                say(
                    "{test}: the vendor gains {vendor_gain} ({of_term} of the term's cost)",
                    test=s.title,
                    vendor_gain=s.vendor_change,
                    of_term=Share(s.vendor_change.ratio(plan_total)),
                )
            )
        elif s.verdict is not Verdict.aligned:
            needs_work = True
            reasons.append(say("{test} ({verdict}): ", test=s.title, verdict=s.verdict.value) + s.message)
    if no > yes:
        at_risk = True
    if no:
        needs_work = True
        reasons.extend(
            say("{question} no: ", question=c.question) + c.evidence for c in checks if c.answer is Answer.no
        )
    if area is Area.sla and reliability is not None:
        if reliability.cap_blocks and reliability.credit_ceiling is not None:
            at_risk = True
            reasons.append(
                say(
                    "credit cap {credit_cap} is below the {least_credit} a miss must cost the vendor to make "
                    "reliability effort pay",
                    credit_cap=reliability.credit_ceiling,
                    least_credit=reliability.minimum_credit,
                )
            )
        elif not reliability.passes:
            needs_work = True
            reasons.append(
                say("credits and exit rights do not make reliability effort pay under the stated assumptions")
            )
    if area is Area.implementation and implementation is not None and not implementation.passes:
        needs_work = True
        reasons.append(
            say(
                "holdback {held_back} is below the {least_held} that makes on-time delivery pay",
                held_back=implementation.at_risk,
                least_held=implementation.minimum_at_risk,
            )
        )
    rating = Rating.at_risk if at_risk else Rating.needs_work if needs_work else Rating.strong
    return AreaScore(area, rating, yes, no, unknown, exposure, tuple(reasons))


def scorecard(
    checks: tuple[Check, ...],
    scenarios: tuple[StressResult, ...],
    plan_total: Amount,
    reliability: ReliabilityTest | None,
    implementation: ImplementationTest | None,
) -> tuple[AreaScore, ...]:
    out = []
    for area in Area:
        area_checks = [c for c in checks if GROUP_AREA[c.group] is area]
        area_scenarios = [s for s in scenarios if s.area is area]
        out.append(score_area(area, area_checks, area_scenarios, plan_total, reliability, implementation))
    return tuple(out)


RATING_POINTS = {Rating.strong: 100, Rating.needs_work: 50, Rating.at_risk: 0}


def alignment_score(areas: tuple[AreaScore, ...]) -> float:
    """One number for a scorecard, 0-100: strong areas count 100, needs work 50, at risk 0; the mean of the five."""
    return sum(RATING_POINTS[a.rating] for a in areas) / len(areas) if areas else 0.0
