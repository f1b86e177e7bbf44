"""The buyer's checklist, answered from the deal: yes (good for the buyer), no, or unknown (ask the vendor).

Every check is one function `check_*(ctx) -> Check` of the same shape; `CHECKS` lists them in order. An offer
that leaves a field out yields "unknown" and a question, never a guess.
"""

from __future__ import annotations

from collections.abc import Callable

from principal.align.checks.base import Answer, Check, Group
from principal.align.checks.exit import (
    check_data_export,
    check_seat_reduction,
    check_terminate_modules,
    check_transition_rates,
    check_uplift_capped,
)
from principal.align.checks.implementation import (
    check_billing_waits_for_go_live,
    check_holdback,
    check_key_personnel,
    check_paid_on_milestones,
)
from principal.align.checks.kpis import (
    check_channel_metrics,
    check_implementation_metrics,
    check_kpis_reflect_operation,
    check_reports_contractual,
)
from principal.align.checks.pricing import (
    check_ai_opt_in,
    check_cap_or_collar,
    check_rates_step_down,
    check_usage_needs_approval,
    check_usage_share_bounded,
)
from principal.align.checks.uptime import (
    check_chronic_exit,
    check_components_measured,
    check_credits_escalate,
    check_credits_meaningful,
    check_exclusions_narrow,
)
from principal.align.context import OfferContext

CHECKS: tuple[Callable[[OfferContext], Check], ...] = (
    check_usage_share_bounded,
    check_usage_needs_approval,
    check_rates_step_down,
    check_cap_or_collar,
    check_ai_opt_in,
    check_kpis_reflect_operation,
    check_implementation_metrics,
    check_reports_contractual,
    check_channel_metrics,
    check_components_measured,
    check_exclusions_narrow,
    check_credits_escalate,
    check_chronic_exit,
    check_credits_meaningful,
    check_holdback,
    check_paid_on_milestones,
    check_billing_waits_for_go_live,
    check_key_personnel,
    check_uplift_capped,
    check_seat_reduction,
    check_data_export,
    check_transition_rates,
    check_terminate_modules,
)


def run_checklist(ctx: OfferContext) -> tuple[Check, ...]:
    return tuple(check(ctx) for check in CHECKS)


def questions(checks: tuple[Check, ...]) -> tuple[str, ...]:
    """What to put to the vendor: the question behind every unknown answer."""
    return tuple(c.ask for c in checks if c.answer is Answer.unknown and c.ask)


__all__ = ["CHECKS", "Answer", "Check", "Group", "questions", "run_checklist"]
