"""The cash view of an offer: when each charge of the (accrual) schedule is paid, and the net present value of the
payments at the buyer's discount rate.

Time runs in months from the contract start (t = 0 at the start of month 1; month m spans t = m-1 to m) and a
month of payment terms is 30 days. Each line is invoiced:
- licences, recurring fees, and the surcharges and credits billed with them: per billing period (`frequency`:
  contract months, quarters 1-3, 4-6... or years 1-12...), in `advance` at the start of the period's first billed
  month, or in `arrears` at the end of its last month;
- usage (with commitments, minimums, cap, collar), true-ups, and the surcharges billed with usage: monthly in
  arrears, at the end of the month;
- one-time fees and the credits billed with them (signing credits): at the start of their month.
It is paid `payment_days` later: t_paid = t_invoice + payment_days/30, in contract month floor(t_paid) + 1 (which
may fall after the term). NPV = sum of amount x (1 + r)^(-t_paid/12) for the buyer's annual discount rate r, i.e.
a monthly rate (1 + r)^(1/12) - 1 compounded over t_paid months; no rate, no NPV (a question).
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from principal.cost.defaults import DefaultUsed, Unknown
from principal.cost.lines import Category, Line, Schedule
from principal.model.deal import Deal, Offer
from principal.model.order_form import BillingFrequency, BillingTiming

DEFAULT_FREQUENCY = BillingFrequency.monthly
DEFAULT_TIMING = BillingTiming.advance
DEFAULT_PAYMENT_DAYS = 30
DAYS_PER_MONTH = Decimal(30)
SPAN = {BillingFrequency.monthly: 1, BillingFrequency.quarterly: 3, BillingFrequency.annual: 12}
RECURRING = frozenset({Category.licenses, Category.recurring})
ONE_TIME = frozenset({Category.one_time})


@dataclass(frozen=True)
class BillingTerms:
    frequency: BillingFrequency
    timing: BillingTiming
    payment_days: int
    defaults_used: tuple[DefaultUsed, ...]


def billing_terms(offer_name: str, offer: Offer) -> BillingTerms:
    billing = offer.billing
    path = f"offers.{offer_name}.billing"
    defaults = []
    frequency = billing.frequency if billing is not None else None
    timing = billing.timing if billing is not None else None
    days = billing.payment_days if billing is not None else None
    if frequency is None:
        frequency = DEFAULT_FREQUENCY
        defaults.append(DefaultUsed(f"{path}.frequency", "monthly invoices", "How often are fees invoiced?"))
    if timing is None:
        timing = DEFAULT_TIMING
        defaults.append(DefaultUsed(f"{path}.timing", "invoiced in advance", "Are fees invoiced in advance?"))
    if days is None:
        days = DEFAULT_PAYMENT_DAYS
        defaults.append(DefaultUsed(f"{path}.payment_days", "net 30 days", "What are the payment terms?"))
    return BillingTerms(frequency, timing, days, tuple(defaults))


def invoice_time(line: Line, terms: BillingTerms, billing_start: int, term: int) -> Decimal:
    """When a line is invoiced, in months from the contract start."""
    group = line.billed_with or line.category
    if group in RECURRING:
        span = SPAN[terms.frequency]
        first = (line.month - 1) // span * span + 1
        last = min(first + span - 1, term)
        if terms.timing is BillingTiming.advance:
            return Decimal(max(first, billing_start) - 1)
        return Decimal(last)
    if group in ONE_TIME:
        return Decimal(line.month - 1)
    return Decimal(line.month)  # usage, true-ups and anything else: monthly in arrears


@dataclass(frozen=True)
class CashView:
    """The schedule's charges by the month they are paid, and their NPV at the buyer's discount rate."""

    offer: str
    frequency: BillingFrequency
    timing: BillingTiming
    payment_days: int
    months: tuple[Decimal, ...]
    """Cash paid in each contract month (months after the term when payments run past it)."""
    total: Decimal
    discount_rate_percent: Decimal | None
    monthly_rate: Decimal | None
    """(1 + r)^(1/12) - 1, the monthly discount rate."""
    npv: Decimal | None
    defaults_used: tuple[DefaultUsed, ...]
    unknowns: tuple[Unknown, ...]

    term_months: int

    def year_totals(self) -> tuple[Decimal, ...]:
        """Cash paid in each contract year of the term."""
        term = self.months[: self.term_months]
        return tuple(sum(term[s : s + 12], Decimal(0)) for s in range(0, self.term_months, 12))

    @property
    def after_term(self) -> Decimal:
        return sum(self.months[self.term_months :], Decimal(0))


def discount_factor(rate_percent: Decimal, months: Decimal) -> Decimal:
    """(1 + r)^(-months/12): the present value of 1 paid `months` after the contract start."""
    return (1 + rate_percent / 100) ** (-months / 12)


def cash_view(deal: Deal, offer_name: str, offer: Offer, s: Schedule) -> CashView:
    terms = billing_terms(offer_name, offer)
    paid: dict[int, Decimal] = {}
    rate = deal.buyer.discount_rate_percent
    npv = Decimal(0)
    for line in s.lines:
        t = invoice_time(line, terms, s.billing_start_month, s.term_months) + terms.payment_days / DAYS_PER_MONTH
        month = int(t) + 1
        paid[month] = paid.get(month, Decimal(0)) + line.amount
        if rate is not None:
            npv += line.amount * discount_factor(rate, t)
    last = max([s.term_months, *paid])
    months = tuple(paid.get(m, Decimal(0)) for m in range(1, last + 1))
    unknowns: tuple[Unknown, ...] = ()
    if rate is None:
        unknowns = (
            Unknown(
                "buyer.discount_rate_percent",
                "What annual discount rate (cost of capital) should payments be valued at? Without it there is no NPV.",
            ),
        )
    return CashView(
        offer=offer_name,
        frequency=terms.frequency,
        timing=terms.timing,
        payment_days=terms.payment_days,
        months=months,
        total=sum(months, Decimal(0)),
        discount_rate_percent=rate,
        monthly_rate=None if rate is None else (1 + rate / 100) ** (Decimal(1) / 12) - 1,
        npv=None if rate is None else npv,
        defaults_used=terms.defaults_used,
        unknowns=unknowns,
        term_months=s.term_months,
    )
