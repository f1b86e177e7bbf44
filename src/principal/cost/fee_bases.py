"""Monthly fee amounts of a live month, by kind: what SLA credits and effort costs are a percentage of."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from principal.cost.lines import USAGE_CATEGORIES, Category, Schedule


@dataclass(frozen=True)
class MonthlyFees:
    month: int
    licenses: Decimal
    recurring: Decimal
    usage: Decimal

    @property
    def all_monthly(self) -> Decimal:
        return self.licenses + self.recurring + self.usage

    @property
    def source(self) -> str:
        return f"cost engine, month {self.month} (the first live month) at the buyer's plan"


def live_month_fees(s: Schedule, month: int | None = None) -> MonthlyFees:
    """Fees of one month at plan volumes: by default the go-live month, the first with both seats and usage."""
    m = month or min(max(s.go_live_month, s.billing_start_month), s.term_months)
    licences = recurring = usage = Decimal(0)
    for line in s.lines:
        if line.month != m:
            continue
        if line.category is Category.licenses:
            licences += line.amount
        elif line.category is Category.recurring:
            recurring += line.amount
        elif line.category in USAGE_CATEGORIES:
            usage += line.amount
    return MonthlyFees(m, licences, recurring, usage)
