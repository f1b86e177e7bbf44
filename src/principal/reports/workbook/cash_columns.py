"""Cash-view columns of the monthly table, mirroring principal.cost.payments: when each month's charges are paid.

Charges fall in three invoices: licences and recurring fees (with the surcharges and credits billed with them),
invoiced per billing period of S months (1, 3 or 12) in advance at MAX(first month of the period, billing start) - 1
or in arrears at the end of its last month; one-time fees and signing credits at the start of their month (m - 1);
everything else (usage, commitments, true-ups) monthly in arrears (m). Each is paid `payment days / 30` months
later, in contract month INT(t) + 1, and discounted by (1 + r/100)^(-t/12) for the NPV.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from decimal import Decimal

from principal.cost.lines import Category, Line
from principal.cost.payments import DAYS_PER_MONTH, billing_terms, discount_factor, invoice_time
from principal.reports.workbook.month_table import Column
from principal.reports.workbook.sheet_context import SheetContext

RECURRING = frozenset({Category.licenses, Category.recurring})


@dataclass(frozen=True)
class Invoice:
    """One of the three invoices of a month: its amount, when it is paid (a month number) and its time."""

    amount: Column
    paid_in: Column


@dataclass(frozen=True)
class CashColumns:
    invoices: tuple[Invoice, ...]
    present_value: Column | None


def _group(column: Column) -> str:
    invoice = column.invoice
    if invoice in RECURRING:
        return "recurring"
    if invoice is Category.one_time:
        return "one_time"
    return "arrears"


def add_cash_columns(ctx: SheetContext) -> CashColumns:
    """The three invoices of each month, the month each is paid and (with a discount rate) their present value.
    Amounts are in the offer's currency; the cash block converts them."""
    t, st = ctx.table, ctx.st
    billing = ctx.inputs.billing
    assert billing is not None
    terms = billing_terms(ctx.inputs.name, ctx.offer)
    start = ctx.schedule.billing_start_month
    amounts = [c for cols in ctx.categories.values() for c in cols]
    groups = {g: [c for c in amounts if _group(c) == g] for g in ("recurring", "one_time", "arrears")}
    titles = {"recurring": "licences and fees invoice", "one_time": "one-time invoice", "arrears": "usage invoice"}
    lag = f"{billing.payment_days}/30"

    def when(group: str, m: int) -> str:
        month = t.m(m)
        if group == "one_time":
            return f"({month}-1+{lag})"
        if group == "arrears":
            return f"({month}+{lag})"
        span = billing.span
        first = f"INT(({month}-1)/{span})*{span}+1"
        advance = f"MAX({first},{ctx.bill_start})-1"
        arrears = f"MIN({first}+{span}-1,{ctx.term})"
        return f"(IF({billing.advance}=1,{advance},{arrears})+{lag})"

    def time_value(group: str, m: int) -> Decimal:
        category = {"recurring": Category.licenses, "one_time": Category.one_time, "arrears": Category.usage}[group]
        line = Line(m, category, "", Decimal(0), "")
        return invoice_time(line, terms, start, ctx.term) + Decimal(terms.payment_days) / DAYS_PER_MONTH

    invoices = []
    for group, members in groups.items():
        if not members:
            continue
        amount = t.add(titles[group], st.money).set(_plus(ctx, members), _cached(members))
        paid = t.add(f"{titles[group]}: paid in month", st.count).set(
            _paid_formula(when, group), _paid_value(time_value, group)
        )
        invoices.append((group, Invoice(amount, paid)))
    pv = None
    rate = ctx.deal_inputs.buyer.discount_rate
    percent = ctx.deal.buyer.discount_rate_percent
    if rate is not None and percent is not None:

        def pv_formula(m: int) -> str:
            parts = [f"{t.at(inv.amount, m)}*(1+{rate}/100)^(-{when(g, m)}/12)" for g, inv in invoices]
            return "=" + ("+".join(parts) or "0")

        def pv_value(m: int) -> Decimal:
            out = Decimal(0)
            for g, inv in invoices:
                assert inv.amount.cached is not None
                out += Decimal(inv.amount.cached(m)) * discount_factor(percent, time_value(g, m))
            return out

        pv = t.add("present value of the month's charges", st.money).set(pv_formula, pv_value)
    return CashColumns(tuple(inv for _, inv in invoices), pv)


def _paid_formula(when: Callable[[str, int], str], group: str) -> Callable[[int], str]:
    return lambda m: f"=INT({when(group, m)})+1"


def _paid_value(time_value: Callable[[str, int], Decimal], group: str) -> Callable[[int], int]:
    return lambda m: int(time_value(group, m)) + 1


def _plus(ctx: SheetContext, columns: list[Column]) -> Callable[[int], str]:
    return lambda m: "=" + "+".join(ctx.table.at(c, m) for c in columns)


def _cached(columns: list[Column]) -> Callable[[int], Decimal]:
    return lambda m: sum((Decimal(c.cached(m)) for c in columns if c.cached is not None), Decimal(0))
