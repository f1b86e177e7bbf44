"""Everything the exported brief shows, gathered from the engines' result objects.

`gather(deal, offers)` calls the cost, SLA, alignment and strategy engines and keeps their results side by side.
Nothing here computes a figure: the renderers only format what the engines returned.
"""

from __future__ import annotations

from dataclasses import dataclass

from principal.align.report import AlignmentReport, AreaComparison, align, compare_alignment
from principal.cost.compare import Comparison, compare
from principal.cost.report import CostReport, cost_report, pick_offers
from principal.model.deal import Deal
from principal.present import Formatter, formatter_for
from principal.sla.comparison import DesignComparison, DesignSummary, compare_designs, summarise_design
from principal.sla.fee_base import FeeBases, fee_bases_for_offer
from principal.sla.report import SlaReport, sla_report
from principal.strategy.clauses import ClauseSet, draft_clauses
from principal.strategy.plan.brief import Brief, build_brief


@dataclass(frozen=True)
class SlaSection:
    reports: tuple[SlaReport, ...]
    designs: tuple[DesignSummary, ...]
    design_comparison: DesignComparison | None
    """The baseline's SLA design against the buyer's target's, when both offers have an SLA."""


@dataclass(frozen=True)
class BriefContent:
    deal: Deal
    source: str
    offers: tuple[str, ...]
    cost: CostReport
    comparison: Comparison
    sla: SlaSection
    alignment: tuple[AlignmentReport, ...]
    alignment_areas: tuple[AreaComparison, ...]
    strategy: Brief
    clauses: ClauseSet

    @property
    def currency(self) -> str:
        return self.deal.currency

    @property
    def fmt(self) -> Formatter:
        """The deal's formatter: every figure of the brief in its currency (and decimals) and its locale."""
        return formatter_for(self.deal.currency, self.deal.locale)

    @property
    def focus(self) -> str:
        """The offer the detailed sections describe: the buyer's target when shown, else the last offer shown."""
        return self.strategy.target if self.strategy.target in self.offers else self.offers[-1]


def gather(
    deal: Deal, offers: list[str] | None = None, *, source: str = "<deal>", strategy: Brief | None = None
) -> BriefContent:
    """Run every engine the brief draws on for the chosen offers (default all); the baseline is always compared.

    `strategy`: the deal's negotiation brief (`build_brief(deal)`, the deal's own roles) when the caller already
    has it (the web app keeps the Strategy tab's), so it is not built again.
    An unknown offer name is an `InputError` naming `source` and the `--offer` option.
    """
    names = pick_offers(deal, offers, source)
    baseline = deal.baseline_name
    shown = tuple(n for n in deal.offers if n in names or n == baseline)
    if strategy is None:
        strategy = build_brief(deal)
    bases: dict[str, FeeBases] = {n: fee_bases_for_offer(deal, n) for n in deal.offers if deal.offers[n].sla}
    reports = tuple(sla_report(deal, n) for n in shown if n in bases)
    design = None
    if strategy.target != baseline and baseline in bases and strategy.target in bases:
        design = compare_designs(deal, baseline, strategy.target, bases)
    alignment = tuple(align(deal, n) for n in shown)
    return BriefContent(
        deal=deal,
        source=source,
        offers=shown,
        cost=cost_report(deal, list(shown)),
        comparison=compare(deal, list(shown), baseline),
        sla=SlaSection(reports, tuple(summarise_design(deal, r.offer, bases[r.offer]) for r in reports), design),
        alignment=alignment,
        alignment_areas=compare_alignment(list(alignment)),
        strategy=strategy,
        clauses=draft_clauses(deal, strategy.target),
    )
