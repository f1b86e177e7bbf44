"""After signature: which offer was signed and when, the credits already claimed, and the records read from
invoices and comparables files (the audit's and the portfolio's inputs)."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from enum import StrEnum

from pydantic import Field

from principal.model.common import Name, Record


class Claim(Record):
    """A service-credit claim the buyer has sent for one SLA window."""

    window_start: dt.date = Field(description="First day of the SLA window the claim is for (2027-02-01).")
    claimed_on: dt.date = Field(description="The day the claim was sent to the vendor.")
    reference: str | None = Field(default=None, description="The claim's reference (ticket or letter number).")


class Signed(Record):
    """The offer the buyer signed. Every after-signature figure (calendar, invoice audit, credits owed) reads this
    offer, with the effective date as the first day of contract month 1."""

    offer: Name = Field(description="Name of the offer that was signed.")
    signature_date: dt.date | None = Field(
        default=None, description="The day the contract was signed; empty = unknown (asked, never assumed)."
    )
    effective_date: dt.date | None = Field(
        default=None,
        description="The day the term starts (the first day of contract month 1); empty = unknown: no key date is "
        "computed without it.",
    )
    documents: tuple[str, ...] = Field(
        default=(), description="The signed documents (file names), cited by the calendar's events."
    )
    claims: tuple[Claim, ...] = Field(default=(), description="Service-credit claims already sent.")


class InvoiceKind(StrEnum):
    """What an invoice line charges, named as the signed offer names it."""

    license = "license"
    recurring = "recurring"
    usage = "usage"
    overage = "overage"
    take_or_pay = "take_or_pay"
    minimum = "minimum"
    cap = "cap"
    collar = "collar"
    true_up = "true_up"
    one_time = "one_time"
    credit = "credit"
    surcharge = "surcharge"
    tax = "tax"


class InvoiceLine(Record):
    """One line of an invoice (or usage statement), as read from its CSV row."""

    row: int = Field(ge=0, description="Row of the file it came from (header = 1).")
    invoice: str = Field(description="The invoice's number.")
    period: dt.date = Field(description="First day of the calendar month the line is for.")
    kind: InvoiceKind
    item: str = Field(description="The licence, meter, fee, surcharge or credit named as in the signed offer.")
    quantity: Decimal | None = Field(default=None, description="Seats, units used (before allowances), hours.")
    unit_price: Decimal | None = None
    amount: Decimal = Field(description="The line's amount as billed (negative for credits and cap refusals).")


class ComparableMetric(StrEnum):
    cost_per_agent_month = "cost_per_agent_month"
    per_minute_rate = "per_minute_rate"


class Comparable(Record):
    """One price point another deal paid, with where it comes from."""

    metric: ComparableMetric
    value: Decimal = Field(ge=0)
    currency: str = Field(pattern=r"^[A-Z]{3}$")
    source: str = Field(description="Where the figure comes from: a file and row, or a deal file and field.")
    label: str = Field(default="", description="The deal or vendor it describes.")
    as_of: dt.date | None = None
