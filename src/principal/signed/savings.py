"""Savings realised: what each negotiated lever saved in the invoiced months, at the plan's volumes (what was
negotiated) and at the invoiced volumes (what the lever really saved), and what over-billing took back.

Per lever the saving is the cost engine's Shapley attribution (principal.cost.compare.attribute_levers) of
baseline cost - signed cost, counted over the months the invoices cover. The identity shown:
realised = sum of the levers at invoiced volumes - (billed - the signed terms' charge for the same months).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal

from principal.cost.compare import attribute_levers
from principal.cost.scenario import PLAN
from principal.model.signed import InvoiceLine
from principal.money import Amount
from principal.signed.audit import AuditResult, audit_scenario, contract_month
from principal.signed.context import SignedView


@dataclass(frozen=True)
class LeverRealised:
    lever: str
    description: str
    negotiated: Amount
    """The lever's saving in the invoiced months at the plan's volumes."""
    realised: Amount
    """The lever's saving in the same months at the invoiced volumes."""


@dataclass(frozen=True)
class SavingsRealised:
    baseline: str
    offer: str
    months: tuple[int, ...]
    levers: tuple[LeverRealised, ...]
    negotiated: Amount
    at_invoiced_volumes: Amount
    billing_difference: Amount
    """billed - the signed terms' charge (positive: over-billing that takes saving back)."""
    realised: Amount


def realised_savings(view: SignedView, lines: Sequence[InvoiceLine], audit: AuditResult) -> SavingsRealised | None:
    """None when the signed offer is the baseline (no negotiated saving to measure)."""
    deal, currency = view.deal, view.deal.currency
    baseline = deal.baseline_name
    if baseline == view.offer_name:
        return None
    months = frozenset(contract_month(view, line.period) for line in lines)
    plan = attribute_levers(deal, baseline, view.offer_name, PLAN, months=months)
    actual = attribute_levers(deal, baseline, view.offer_name, audit_scenario(view, lines), months=months)
    at_actual = {lever.lever: lever.term for lever in actual.levers}
    levers = tuple(
        LeverRealised(
            lever.lever,
            lever.description,
            Amount(lever.term, currency),
            Amount(at_actual.get(lever.lever, Decimal(0)), currency),
        )
        for lever in plan.levers
    )
    difference = audit.billed - audit.expected
    at_invoiced = Amount(actual.saving, currency)
    return SavingsRealised(
        baseline=baseline,
        offer=view.offer_name,
        months=tuple(sorted(months)),
        levers=levers,
        negotiated=Amount(plan.saving, currency),
        at_invoiced_volumes=at_invoiced,
        billing_difference=difference,
        realised=at_invoiced - difference,
    )
