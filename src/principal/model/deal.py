"""A deal: the buyer's context and every version of the vendor's offer."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Annotated

from pydantic import Field

from principal.model.buyer import Buyer
from principal.model.common import Name, Record
from principal.model.incentives import Incentives
from principal.model.negotiation import Negotiation
from principal.model.order_form import Billing, Credit, Surcharge
from principal.model.pricing import License, OneTimeFee, RecurringFee, Uplift, UsageCap, UsageMeter
from principal.model.signed import Signed
from principal.model.sla import Sla
from principal.model.terms import Exit, Implementation, Reporting

SCHEMA_VERSION = 1

FxRate = Annotated[
    Decimal, Field(gt=0, le=1_000_000, description="Units of the deal's currency per unit of the other currency.")
]


class Offer(Record):
    """One version of the vendor's commercial proposal."""

    label: str | None = Field(default=None, description="Human-readable name of this version.")
    extends: Name | None = Field(
        default=None, description="Name of an earlier offer this one copies; only the keys given here change."
    )
    received: dt.date | None = Field(default=None, description="When the vendor made this offer.")
    vendor: str | None = Field(
        default=None, description="The vendor making this offer (competing bids); empty = the deal's vendor."
    )
    version: str | None = Field(default=None, description="The vendor's own version of the offer, e.g. v3.")
    currency: str | None = Field(
        default=None,
        pattern=r"^[A-Z]{3}$",
        description="ISO 4217 code of this offer's amounts; empty = the deal's currency. Another currency needs "
        "its rate in the deal's fx_rates.",
    )
    notes: str | None = None
    term_months: int = Field(ge=1, le=120, description="Length of the committed term in months.")
    licenses: tuple[License, ...] = ()
    recurring_fees: tuple[RecurringFee, ...] = ()
    uplift: Uplift | None = Field(default=None, description="Annual price increase; empty = none.")
    usage: tuple[UsageMeter, ...] = ()
    usage_cap: UsageCap | None = None
    one_time_fees: tuple[OneTimeFee, ...] = ()
    surcharges: tuple[Surcharge, ...] = Field(
        default=(), description="Surcharges and taxes on the offer's charges (e.g. a 12% regulatory recovery fee)."
    )
    credits: tuple[Credit, ...] = Field(default=(), description="Signing credits and other one-off concessions.")
    billing: Billing | None = Field(
        default=None, description="Invoicing and payment terms (the cash view); empty = labelled defaults."
    )
    implementation: Implementation | None = None
    reporting: Reporting | None = None
    sla: Sla | None = None
    exit: Exit | None = None


class Assumption(Record):
    """A value the deal's author chose where the sources were silent, so readers know what to check."""

    path: str = Field(description="The field the assumption sets, e.g. offers.final.usage[2].rate_card.")
    note: str = Field(description="What was assumed and why.")


class Deal(Record):
    """A deal file's contents."""

    schema_version: int = Field(default=SCHEMA_VERSION, ge=1, le=SCHEMA_VERSION)
    name: str = Field(min_length=1, description="What is being bought, for whom.")
    currency: str = Field(default="USD", pattern=r"^[A-Z]{3}$", description="ISO 4217 code of every amount.")
    locale: str | None = Field(
        default=None,
        pattern=r"^[a-z]{2,3}(_[A-Z]{2})?$",
        description="How figures are written for this deal's readers (en_US, de_DE, ja_JP); default en_US.",
    )
    vendor: str | None = Field(default=None, description="The vendor; offers may name their own (competing bids).")
    fx_rates: dict[str, FxRate] = Field(
        default_factory=dict,
        description="Exchange rates for offers in another currency: units of the deal's currency per unit of the "
        "other, e.g. {EUR: 1.08} on a USD deal.",
    )
    start: dt.date | None = Field(default=None, description="Planned contract start (month 1).")
    buyer: Buyer
    offers: dict[Name, Offer] = Field(min_length=1, description="Offer versions by name, oldest first.")
    baseline: Name | None = Field(default=None, description="Offer the others are compared against; default the first.")
    assumptions: tuple[Assumption, ...] = ()
    incentives: Incentives = Field(
        default_factory=Incentives, description="Assumptions about the vendor's economics (alignment analysis)."
    )
    negotiation: Negotiation | None = None
    signed: Signed | None = Field(
        default=None, description="The offer the buyer signed and when (the after-signature commands read it)."
    )

    def offer(self, name: str) -> Offer:
        return self.offers[name]

    @property
    def baseline_name(self) -> str:
        return self.baseline or next(iter(self.offers))
