"""Savings realised: what each negotiated lever saved in the invoiced months, at the plan's volumes (what was
negotiated) and at the invoiced volumes (what the lever really saved), and what over-billing took back.

Per lever the saving is the Shapley attribution of baseline cost - signed cost that `principal compare` makes
(the same levers, the same hybrid offers, priced by the cost engine), counted over the months the invoices cover
only. The identity shown:
realised = sum of the levers at invoiced volumes - (billed - the signed terms' charge for the same months).
"""

from __future__ import annotations

import itertools
import math
from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal

from principal.cost.compare import LEVERS, OTHER_CURRENCY, _differs, _hybrid
from principal.cost.fx import offer_currency
from principal.cost.scenario import PLAN, Scenario
from principal.cost.schedule import schedule
from principal.model.deal import Deal
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


@dataclass(frozen=True)
class _Split:
    saving: Decimal
    levers: tuple[tuple[str, str, Decimal], ...]


def lever_split(deal: Deal, baseline: str, offer_name: str, scenario: Scenario, months: frozenset[int]) -> _Split:
    """Shapley split of (baseline cost - offer cost) in `months` over the levers in which the offers differ."""
    base, target = deal.offers[baseline], deal.offers[offer_name]
    active = [lever for lever in LEVERS if _differs(base, target, lever[2])]
    if offer_currency(deal, base) != offer_currency(deal, target):
        active = [OTHER_CURRENCY]  # prices in two currencies do not split into levers (as principal compare)
    cost: dict[frozenset[int], Decimal] = {}
    for size in range(len(active) + 1):
        for subset in itertools.combinations(range(len(active)), size):
            fields = {field for i in subset for field in active[i][2]}
            sched = schedule(deal, f"{offer_name}~", scenario, offer=_hybrid(base, target, fields))
            cost[frozenset(subset)] = sum((a for m, a in enumerate(sched.month_totals, 1) if m in months), Decimal(0))
    n = len(active)
    levers = []
    for i, (key, description, _) in enumerate(active):
        total = Decimal(0)
        for size in range(n):
            weight = math.factorial(size) * math.factorial(n - size - 1)
            for subset in itertools.combinations([j for j in range(n) if j != i], size):
                total += weight * (cost[frozenset(subset)] - cost[frozenset((*subset, i))])
        levers.append((key, description, total / math.factorial(n)))
    return _Split(cost[frozenset()] - cost[frozenset(range(n))], tuple(levers))


def realised_savings(view: SignedView, lines: Sequence[InvoiceLine], audit: AuditResult) -> SavingsRealised | None:
    """None when the signed offer is the baseline (no negotiated saving to measure)."""
    deal, currency = view.deal, view.deal.currency
    baseline = deal.baseline_name
    if baseline == view.offer_name:
        return None
    months = frozenset(contract_month(view, line.period) for line in lines)
    plan = lever_split(deal, baseline, view.offer_name, PLAN, months)
    actual = lever_split(deal, baseline, view.offer_name, audit_scenario(view, lines), months)
    at_actual = {key: value for key, _, value in actual.levers}
    levers = tuple(
        LeverRealised(key, description, Amount(value, currency), Amount(at_actual.get(key, Decimal(0)), currency))
        for key, description, value in plan.levers
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
