"""Every checklist item: the answer it gives when the offer protects the buyer, when it does not, and when it is
silent (unknown, with a question), plus the field it names."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

import pytest

from principal.align import checks as c
from principal.align.checks import CHECKS, Answer, questions, run_checklist
from principal.present import formatter_for
from tests.align.builders import BASE, ctx, deal_with

Case = tuple[Any, dict[str, Any] | None, tuple[str, ...], Answer, str]

SLA = BASE["offers"]["good"]["sla"]
CASES: list[Case] = [
    (c.check_usage_share_bounded, None, (), Answer.yes, "usage_cap"),
    (c.check_usage_share_bounded, None, ("usage_cap",), Answer.no, "usage_cap"),
    (c.check_usage_needs_approval, None, (), Answer.yes, "usage_cap.meters"),
    (
        c.check_usage_needs_approval,
        {"usage_cap": {"meters": ["voice"], "percent_of_forecast": 110}},
        (),
        Answer.no,
        "usage_cap.meters",
    ),
    (c.check_rates_step_down, None, (), Answer.yes, "usage[].rate_card"),
    (
        c.check_rates_step_down,
        {"usage": [{"name": "voice", "forecast": "voice", "rate_card": {"rate": 0.01}}]},
        (),
        Answer.no,
        "usage[].rate_card",
    ),
    (c.check_cap_or_collar, None, (), Answer.yes, "usage_cap"),
    (c.check_cap_or_collar, None, ("usage_cap",), Answer.no, "usage_cap"),
    (c.check_ai_opt_in, None, (), Answer.yes, "usage[].opt_in"),
    (c.check_ai_opt_in, None, ("usage.1.opt_in",), Answer.unknown, "usage[].opt_in"),
    (c.check_kpis_reflect_operation, None, (), Answer.yes, "reporting.buyer_defined_kpis"),
    (c.check_kpis_reflect_operation, None, ("reporting",), Answer.unknown, "reporting.buyer_defined_kpis"),
    (c.check_implementation_metrics, None, (), Answer.yes, "implementation.success_metrics_defined"),
    (
        c.check_implementation_metrics,
        None,
        ("implementation.success_metrics_defined",),
        Answer.unknown,
        "implementation.success_metrics_defined",
    ),
    (c.check_reports_contractual, None, (), Answer.yes, "reporting.contractual"),
    (c.check_reports_contractual, {"reporting": {"contractual": False}}, (), Answer.no, "reporting.contractual"),
    (c.check_reports_contractual, None, ("reporting",), Answer.unknown, "reporting.contractual"),
    (c.check_channel_metrics, None, (), Answer.yes, "reporting.channel_specific_metrics"),
    (
        c.check_channel_metrics,
        {"reporting": {"channel_specific_metrics": False}},
        (),
        Answer.no,
        "reporting.channel_specific_metrics",
    ),
    (c.check_channel_metrics, None, ("reporting", "sla"), Answer.unknown, "reporting.channel_specific_metrics"),
    (c.check_components_measured, None, (), Answer.yes, "sla.components"),
    (c.check_components_measured, {"sla": {**SLA, "computation": "averaged"}}, (), Answer.no, "sla.computation"),
    (c.check_components_measured, None, ("sla",), Answer.unknown, "sla"),
    (c.check_exclusions_narrow, None, (), Answer.yes, "sla.exclusions"),
    (
        c.check_exclusions_narrow,
        {"sla": {**SLA, "exclusions": {}}},
        (),
        Answer.no,
        "sla.exclusions.planned_maintenance",
    ),
    (c.check_exclusions_narrow, None, ("sla",), Answer.unknown, "sla.exclusions"),
    (c.check_credits_escalate, None, (), Answer.yes, "sla.credits.escalation"),
    (c.check_credits_escalate, None, ("sla.credits.escalation",), Answer.no, "sla.credits.escalation"),
    (c.check_credits_escalate, None, ("sla",), Answer.unknown, "sla.credits"),
    (c.check_chronic_exit, None, (), Answer.yes, "sla.chronic"),
    (c.check_chronic_exit, None, ("sla.chronic",), Answer.no, "sla.chronic"),
    (c.check_chronic_exit, None, ("sla",), Answer.unknown, "sla.chronic"),
    (c.check_holdback, None, (), Answer.yes, "one_time_fees[].milestones[].holdback"),
    (c.check_holdback, {"one_time_fees": [{"name": "s", "amount": 1000}]}, (), Answer.no, "one_time_fees[].milestones"),
    (c.check_paid_on_milestones, None, (), Answer.yes, "one_time_fees[].milestones"),
    (
        c.check_paid_on_milestones,
        {"one_time_fees": [{"name": "s", "amount": 1000}]},
        (),
        Answer.no,
        "one_time_fees[].milestones",
    ),
    (c.check_billing_waits_for_go_live, None, (), Answer.yes, "implementation"),
    (
        c.check_billing_waits_for_go_live,
        {"implementation": {"go_live_month": 3, "billing_start_month": 1}},
        (),
        Answer.no,
        "implementation.billing_start_month",
    ),
    (
        c.check_billing_waits_for_go_live,
        None,
        ("implementation",),
        Answer.unknown,
        "implementation.billing_start_month",
    ),
    (c.check_key_personnel, None, (), Answer.yes, "implementation.key_personnel.approval_before_substitution"),
    (
        c.check_key_personnel,
        {"implementation": {"key_personnel": {"approval_before_substitution": False}}},
        (),
        Answer.no,
        "implementation.key_personnel.approval_before_substitution",
    ),
    (
        c.check_key_personnel,
        None,
        ("implementation",),
        Answer.unknown,
        "implementation.key_personnel.approval_before_substitution",
    ),
    (c.check_uplift_capped, None, (), Answer.yes, "uplift.percent"),
    (c.check_uplift_capped, {"uplift": {"percent": 5}}, (), Answer.no, "uplift.percent"),
    (c.check_uplift_capped, {"uplift": {"kind": "cpi", "cpi_assumed": [3]}}, (), Answer.no, "uplift.cap"),
    (c.check_seat_reduction, None, (), Answer.yes, "exit.seat_reduction.allowed"),
    (c.check_seat_reduction, None, ("exit.seat_reduction",), Answer.unknown, "exit.seat_reduction.allowed"),
    (c.check_data_export, None, (), Answer.yes, "exit.data_export.included"),
    (c.check_data_export, {"exit": {"data_export": {"included": False}}}, (), Answer.no, "exit.data_export.included"),
    (c.check_data_export, None, ("exit",), Answer.unknown, "exit.data_export.included"),
    (c.check_transition_rates, None, (), Answer.yes, "exit.transition_assistance.rate_per_hour"),
    (
        c.check_transition_rates,
        {"exit": {"transition_assistance": {"included": True}}},
        (),
        Answer.no,
        "exit.transition_assistance.rate_per_hour",
    ),
    (c.check_transition_rates, None, ("exit",), Answer.unknown, "exit.transition_assistance"),
    (c.check_terminate_modules, None, (), Answer.yes, "exit.terminate_affected_modules"),
    (c.check_terminate_modules, None, ("exit", "sla.chronic"), Answer.unknown, "exit.terminate_affected_modules"),
]


@pytest.mark.parametrize(
    ("check", "change", "remove", "answer", "field"), CASES, ids=[f"{c[0].__name__}-{c[3].value}" for c in CASES]
)
def test_check_answers(
    check: Any, change: dict[str, Any] | None, remove: tuple[str, ...], answer: Answer, field: str
) -> None:
    result = check(ctx(deal_with(change, remove)))
    assert result.answer is answer, result
    assert result.field == f"offers.good.{field}"
    if answer is Answer.unknown:
        assert result.ask.endswith("?")
    if answer is Answer.no:
        assert result.ask.startswith("Ask")


def test_credit_coverage_needs_the_sla_engine_figure() -> None:
    deal = deal_with()
    assert c.check_credits_meaningful(ctx(deal)).answer is Answer.unknown
    assert c.check_credits_meaningful(ctx(deal, Decimal("0.30"))).answer is Answer.yes
    low = c.check_credits_meaningful(ctx(deal, Decimal("0.028")))
    assert low.answer is Answer.no
    assert formatter_for("USD").text(low.evidence) == "credits cover 2.8% of the severe outage's business impact"
    assert (
        formatter_for("EUR", "de_DE").text(low.evidence) == "credits cover 2,8% of the severe outage's business impact"
    )


def test_every_check_has_a_case() -> None:
    covered = {case[0] for case in CASES} | {c.check_credits_meaningful}
    assert covered == set(CHECKS)


def test_an_empty_offer_yields_unknowns_and_questions_never_a_crash() -> None:
    deal = deal_with(None, ("sla", "exit", "implementation", "reporting", "usage_cap", "one_time_fees", "uplift"))
    results = run_checklist(ctx(deal))
    unknown = [r.id for r in results if r.answer is Answer.unknown]
    assert {
        "kpis-own",
        "impl-metrics",
        "sla-components",
        "chronic-exit",
        "data-export",
        "transition",
        "key-personnel",
    } <= set(unknown)
    assert len(questions(results)) == len(unknown)
