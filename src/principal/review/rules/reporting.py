"""Rules on KPIs and reporting: whether the buyer can see the vendor's performance."""

from __future__ import annotations

from principal.review.extract.terms import TermKind
from principal.review.rules.base import Action, Category, Finding, RuleContext, Severity, finding


def rule_no_performance_reporting(ctx: RuleContext) -> list[Finding]:
    """An SLA with no duty to report performance.

    Principal-agent reason: the vendor observes its own performance and the buyer does not; without contractual
    reports the buyer cannot tell a miss from a success, so the SLA's incentives rest on the vendor's candour.
    """
    targets = ctx.of(TermKind.uptime_target)
    if not targets or ctx.has(TermKind.reporting):
        return []
    return [finding(ctx, rule_no_performance_reporting, "No contractual performance reports",
                    Category.kpis_reporting, Severity.medium,
                    "The SLA sets a target but no report the vendor must deliver, so misses are visible only if the "
                    "buyer measures them.",
                    (Action.add, "Within 5 business days of each month end {vendor} delivers a report of "
                     "availability per component, incidents and {credits} due."), targets[0],
                    missing=True)]  # fmt: skip
