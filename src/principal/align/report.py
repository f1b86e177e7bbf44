"""`align(deal, offer)`: the whole alignment analysis of one offer; `align_offers` runs several side by side.

The results are typed records (amounts as `Amount`, sentences as `Statement`); the CLI, the web app and the brief
format them, and `principal.json_encoding` turns them into JSON with no serialiser of their own.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal

from principal.align.checks import Check, questions, run_checklist
from principal.align.context import OfferContext
from principal.align.fee_timing import FeeTiming
from principal.align.incentives import ImplementationTest, ReliabilityTest
from principal.align.outages import repeated_misses, severe_outage
from principal.align.reliability import implementation_for, reliability_for
from principal.align.scorecard import AreaScore, scorecard
from principal.align.stress import StressResult, cost_scenarios
from principal.model.deal import Deal
from principal.money import Amount
from principal.sla.fee_base import fee_bases_for_offer
from principal.valuation import Valuation
from principal.valuation.comparison import offer_valuations


@dataclass(frozen=True)
class Incentives:
    """Does effort pay the vendor? The reliability test (offers with an SLA) and the holdback test (one-time fees)."""

    reliability: ReliabilityTest | None
    implementation: ImplementationTest | None


@dataclass(frozen=True)
class AlignmentReport:
    offer: str
    plan_total: Amount
    scorecard: tuple[AreaScore, ...]
    scenarios: tuple[StressResult, ...]
    incentives: Incentives
    fee_timing: FeeTiming
    severe_outage_coverage: Decimal | None
    """Credits paid / business impact of the severe-outage month (exact), when the offer has an SLA."""
    checklist: tuple[Check, ...]
    questions: tuple[str, ...]
    """What to put to the vendor: the question behind every unknown checklist answer."""

    @property
    def areas(self) -> tuple[AreaScore, ...]:
        """The scorecard's areas (the name other engines use)."""
        return self.scorecard


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
    reliability = reliability_for(deal, offer, fees)
    implementation = implementation_for(deal, ctx.timing)
    plan_total = ctx.money(ctx.schedule.total)
    areas = scorecard(checks, tuple(scenarios), plan_total, reliability, implementation)
    return AlignmentReport(
        offer=offer,
        plan_total=plan_total,
        scorecard=areas,
        scenarios=tuple(scenarios),
        incentives=Incentives(reliability, implementation),
        fee_timing=ctx.timing,
        severe_outage_coverage=coverage,
        checklist=checks,
        questions=questions(checks),
    )


@dataclass(frozen=True)
class AreaComparison:
    area: str
    ratings: dict[str, str]
    exposure: dict[str, Amount]


def compare_alignment(reports: list[AlignmentReport] | tuple[AlignmentReport, ...]) -> tuple[AreaComparison, ...]:
    """Scorecards side by side: each area's rating and the buyer's exposure per offer."""
    out = []
    for i, area in enumerate(reports[0].scorecard):
        out.append(
            AreaComparison(
                area.area.value,
                {r.offer: r.scorecard[i].rating.value for r in reports},
                {r.offer: r.scorecard[i].exposure for r in reports},
            )
        )
    return tuple(out)


@dataclass(frozen=True)
class Alignment:
    """The analysis of several offers of one deal: each offer's report and their scorecards side by side."""

    currency: str
    """ISO 4217 code of every amount in the reports."""
    offers: tuple[AlignmentReport, ...]
    compare: tuple[AreaComparison, ...]
    lever_values: dict[str, Valuation] = field(default_factory=dict)
    """Each offer's non-price levers against the baseline, valued by `principal.valuation` (the figures `compare`
    and `plan` quote)."""


def align_offers(deal: Deal, names: list[str] | tuple[str, ...]) -> Alignment:
    reports = tuple(align(deal, name) for name in names)
    values = offer_valuations(deal, names, deal.baseline_name)
    return Alignment(deal.currency, reports, compare_alignment(reports), values)
