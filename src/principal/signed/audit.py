"""Invoice audit: every invoice line checked against what the signed offer charges for the same month.

How: the invoiced quantities (seats of each licence, units of each meter) replace the plan's in the months the
invoices cover, and the cost engine prices that month under the signed terms (rate card and bands, minimums and
commitments, the usage cap, surcharges on their bases, uplifts, credits, milestones). Each invoice line is then
compared with the engine's lines of the same month, kind and item (`principal.signed.matching`):

- over-billed: billed - expected > tolerance (the formula of the expected amount is shown);
- under-billed: billed less than expected (listed, never netted against an over-billing);
- missing credit: the signed terms give a negative line (a cap's refusal, a free month, a credit) that the invoice
  does not carry: over-billed by its amount;
- not in the contract: an invoice line whose item the signed offer does not name: over-billed by its amount;
- not invoiced: a charge the signed terms give for the month that no invoice line bills (listed only).

Tolerance: half a minor unit for each line summed on either side (invoices round per line). Months of a cap or
commitment period that the file does not cover are counted at the plan's forecast; the result says so.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal
from enum import StrEnum

from principal.cost.defaults import Unknown
from principal.cost.exit_terms import add_months
from principal.cost.lines import Line
from principal.cost.scenario import Scenario
from principal.cost.schedule import schedule
from principal.model.signed import InvoiceKind, InvoiceLine
from principal.money import Amount, quantum, round_money
from principal.signed.clauses import clause_fields
from principal.signed.context import SignedView
from principal.signed.matching import Key, closest, item_key, offer_items, schedule_key
from principal.signed.usage_watch import CapWatch, UsageVariance, cap_watch, usage_variance


class Verdict(StrEnum):
    ok = "ok"
    overbilled = "overbilled"
    underbilled = "underbilled"
    missing_credit = "missing_credit"
    not_in_contract = "not_in_contract"
    not_invoiced = "not_invoiced"


OVERBILLING = frozenset({Verdict.overbilled, Verdict.missing_credit, Verdict.not_in_contract})


@dataclass(frozen=True)
class LineCheck:
    month: int
    period: dt.date
    kind: InvoiceKind
    item: str
    rows: tuple[int, ...]
    """The invoice file's rows billing this charge (empty when not invoiced)."""
    invoices: tuple[str, ...]
    billed: Amount
    expected: Amount
    """What the signed terms charge, rounded to the currency's minor unit."""
    difference: Amount
    """billed - expected: positive is over-billing."""
    verdict: Verdict
    formula: str
    """How the expected amount is computed (the cost engine's formula for each line)."""
    fields: tuple[str, ...]
    """The deal-file fields (clauses) the expected amount follows from."""
    hint: str = ""

    @property
    def overbilled(self) -> Amount:
        """The amount over-billed (zero unless the verdict is one of OVERBILLING)."""
        return self.difference if self.verdict in OVERBILLING else Amount.zero(self.billed.currency)


@dataclass(frozen=True)
class AuditResult:
    offer: str
    invoice_file: str
    months: tuple[int, ...]
    """The contract months the file covers."""
    checks: tuple[LineCheck, ...]
    billed: Amount
    expected: Amount
    overbilled: Amount
    underbilled: Amount
    usage: tuple[UsageVariance, ...]
    caps: tuple[CapWatch, ...]
    assumptions: tuple[str, ...]
    questions: tuple[Unknown, ...]

    @property
    def findings(self) -> tuple[LineCheck, ...]:
        """Every check that is not ok (over-billing first, then the rest), in month order."""
        order = {v: i for i, v in enumerate(Verdict)}
        bad = [c for c in self.checks if c.verdict is not Verdict.ok]
        return tuple(sorted(bad, key=lambda c: (c.verdict not in OVERBILLING, c.month, order[c.verdict], c.rows)))

    @property
    def overbilling(self) -> tuple[LineCheck, ...]:
        return tuple(c for c in self.findings if c.verdict in OVERBILLING)


def contract_month(view: SignedView, period: dt.date) -> int:
    assert view.effective_date is not None
    start = view.effective_date
    return (period.year - start.year) * 12 + period.month - start.month + 1


def audit_scenario(view: SignedView, lines: Sequence[InvoiceLine]) -> Scenario:
    """The plan with the invoiced seats and units in the months they were billed."""
    forecast_of = {item_key(m.name): m.forecast for m in view.offer.usage}
    licence_of = {item_key(lic.name): lic.name for lic in view.offer.licenses}
    units: dict[tuple[str, int], Decimal] = defaultdict(Decimal)
    seats: dict[tuple[str, int], Decimal] = defaultdict(Decimal)
    for line in lines:
        month, key = contract_month(view, line.period), item_key(line.item)
        if line.quantity is None:
            continue
        if line.kind is InvoiceKind.usage and key in forecast_of:
            units[forecast_of[key], month] += line.quantity
        elif line.kind is InvoiceKind.license and key in licence_of:
            seats[licence_of[key], month] += line.quantity
    return Scenario(
        name="invoiced",
        actual_units=tuple((name, month, value) for (name, month), value in sorted(units.items())),
        actual_seats=tuple((name, month, value) for (name, month), value in sorted(seats.items())),
    )


def audit_invoices(view: SignedView, lines: Sequence[InvoiceLine], invoice_file: str) -> AuditResult:
    """Check every invoice line of `lines` (one file) against the signed offer."""
    if view.effective_date is None:
        raise ValueError("the signed effective date is unknown; no invoice month can be placed")
    currency = view.deal.currency
    scenario = audit_scenario(view, lines)
    expected_schedule = schedule(view.deal, view.offer_name, scenario)
    months = tuple(sorted({contract_month(view, line.period) for line in lines}))
    covered = frozenset(months)

    invoiced: dict[tuple[int, Key], list[InvoiceLine]] = defaultdict(list)
    for line in lines:
        invoiced[contract_month(view, line.period), (line.kind, item_key(line.item))].append(line)
    expected: dict[tuple[int, Key], list[Line]] = defaultdict(list)
    for sline in expected_schedule.lines:
        if sline.month in covered:
            expected[sline.month, schedule_key(sline, view.offer)].append(sline)

    known = {(kind, item_key(name)) for kind, names in offer_items(view.offer).items() for name in names}
    checks = []
    for month, key in sorted(set(invoiced) | set(expected), key=lambda k: (k[0], k[1][0].value, k[1][1])):
        checks.append(_check(view, month, key, invoiced.get((month, key), []), expected.get((month, key), []), known))
    zero = Amount.zero(currency)
    return AuditResult(
        offer=view.offer_name,
        invoice_file=invoice_file,
        months=months,
        checks=tuple(checks),
        billed=sum((c.billed for c in checks), zero),
        expected=sum((c.expected for c in checks), zero),
        overbilled=sum((c.overbilled for c in checks), zero),
        underbilled=sum((-c.difference for c in checks if c.verdict is Verdict.underbilled), zero),
        usage=usage_variance(view, scenario, covered),
        caps=cap_watch(view, scenario, covered),
        assumptions=_assumptions(view, months),
        questions=view.questions,
    )


def _check(
    view: SignedView,
    month: int,
    key: Key,
    billed_lines: list[InvoiceLine],
    expected_lines: list[Line],
    known: set[Key],
) -> LineCheck:
    currency = view.deal.currency
    kind, item = key
    period = view.month_start(month)
    assert period is not None
    billed = Amount(sum((line.amount for line in billed_lines), Decimal(0)), currency)
    exact = sum((line.amount for line in expected_lines), Decimal(0))
    expected = Amount(round_money(exact, currency), currency)
    difference = billed - expected
    tolerance = quantum(currency) / 2 * max(1, len(billed_lines) + len(expected_lines) - 1)
    formula = "; ".join(line.formula for line in expected_lines) or "the signed offer charges nothing for it"
    name = billed_lines[0].item if billed_lines else item
    hint = ""
    if billed_lines and key not in known:
        verdict = Verdict.not_in_contract
        near = closest(kind, name, view.offer)
        hint = f"did you mean {near!r}?" if near else "the signed offer names no such charge"
        difference = billed
    elif not billed_lines:
        verdict = Verdict.missing_credit if exact < 0 else Verdict.not_invoiced
    elif abs(difference.number) <= tolerance:
        verdict = Verdict.ok
    elif difference.number > 0:
        verdict = Verdict.overbilled
    else:
        verdict = Verdict.underbilled
    if verdict is Verdict.not_invoiced and round_money(exact, currency) == 0:
        verdict = Verdict.ok
    return LineCheck(
        month=month,
        period=period,
        kind=kind,
        item=name,
        rows=tuple(line.row for line in billed_lines),
        invoices=tuple(sorted({line.invoice for line in billed_lines if line.invoice})),
        billed=billed,
        expected=expected,
        difference=difference,
        verdict=verdict,
        formula=formula,
        fields=clause_fields(view, kind, item, month),
        hint=hint,
    )


def _assumptions(view: SignedView, months: tuple[int, ...]) -> tuple[str, ...]:
    out = []
    missing = [m for m in range(1, max(months) + 1) if m not in months]
    if missing and (view.offer.usage_cap is not None or any(m.commitment or m.minimum for m in view.offer.usage)):
        first = add_months(view.effective_date, missing[0] - 1) if view.effective_date else None
        out.append(
            f"{len(missing)} earlier contract month(s) are not in the file (from {first}); caps, commitments and "
            "minimums count them at the plan's forecast"
        )
    return tuple(out)
