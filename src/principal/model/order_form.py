"""Terms real order forms carry beyond list prices: commitments with overage, true-ups, ramp pricing, surcharges
and taxes, billing and payment terms, signing credits.

Percentages are written as percent: 150 means 150% (1.5 times the rate), 12 means 12%; 1.5 would mean 1.5%.
"""

from __future__ import annotations

from decimal import Decimal
from enum import StrEnum

from pydantic import Field, model_validator

from principal.model.common import Money, Month, Name, PositiveMoney, Rate, Record


class MinimumStep(Record):
    """From a contract month on, a minimum commitment has a different amount (a ramped minimum)."""

    from_month: Month = Field(description="First contract month the new amount applies.")
    amount: Money = Field(description="The minimum per period from that month on, in the offer's currency.")


class CommitmentPeriod(StrEnum):
    month = "month"
    year = "year"


class Commitment(Record):
    """A committed usage quantity: units up to it at the rate card, units above it at an overage price."""

    quantity: Decimal = Field(gt=0, description="Committed units per period (minutes, sessions...).")
    period: CommitmentPeriod = Field(
        default=CommitmentPeriod.month, description="month: a monthly quantity; year: per contract year."
    )
    overage_percent: Decimal | None = Field(
        default=None,
        ge=0,
        le=1000,
        description="Price of units above the commitment as a percentage of the card rate: 150 means 150% "
        "(1.5 times the rate), 100 the card rate itself; 1.5 would mean 1.5%. Empty = unknown: the card rate is "
        "assumed (a labelled default).",
    )
    take_or_pay: bool | None = Field(
        default=None,
        description="True: the committed quantity is billed even when less is used. Empty = unknown: assumed true "
        "(the dearer reading, a labelled default).",
    )
    from_month: Month | None = Field(
        default=None,
        description="First contract month the commitment applies. Empty = the billing start month (never before "
        "go-live when billing is tied to go-live).",
    )
    prorate: bool | None = Field(
        default=None,
        description="For an annual commitment: true when a part contract year commits quantity x months/12; "
        "false when it commits the full quantity. Empty = true (a labelled default).",
    )


class TrueUpFrequency(StrEnum):
    quarter = "quarter"
    year = "year"


class TrueUpPrice(StrEnum):
    contract = "contract"
    list = "list"


class TrueUpBasis(StrEnum):
    peak = "peak"
    average = "average"


class TrueUp(Record):
    """Seats in use above the committed quantity, counted over a period and billed at its end."""

    frequency: TrueUpFrequency = Field(
        description="quarter: counted every three contract months; year: every contract year."
    )
    price: TrueUpPrice = Field(
        description="contract: the licence's own price that month (steps and uplift included); list: list_price."
    )
    basis: TrueUpBasis | None = Field(
        default=None,
        description="peak: the most seats in use in the period; average: the mean over its billed months. "
        "Empty = peak (the dearer reading, a labelled default).",
    )


class PriceStep(Record):
    """Ramp pricing: from a contract month on, a licence has a different unit price."""

    from_month: Month = Field(description="First contract month the price applies.")
    unit_price: Rate = Field(description="Price per seat (or hour) per month from that month on.")


class SurchargeKind(StrEnum):
    surcharge = "surcharge"
    tax = "tax"


class ChargeBase(StrEnum):
    """What a percentage surcharge or tax is a percentage of."""

    usage = "usage"
    licenses = "licenses"
    recurring = "recurring"
    one_time = "one_time"


class PerUnit(Record):
    """A charge per billable unit of one usage meter, or per billed seat of one licence (a per-line fee)."""

    meter: Name | None = Field(default=None, description="The usage meter whose billable units are charged.")
    license: Name | None = Field(default=None, description="The licence whose billed seats are charged.")
    amount: Rate = Field(description="Charge per unit (or seat) per month, in the offer's currency.")

    @model_validator(mode="after")
    def _one_target(self) -> PerUnit:
        if (self.meter is None) == (self.license is None):
            raise ValueError("a per-unit charge names exactly one of meter or license")
        return self


class Surcharge(Record):
    """A surcharge (regulatory recovery, telecom fee) or a tax: a percentage of some charges, a charge per unit,
    or a fixed monthly amount. Surcharges never compound on each other unless `on_surcharges` is true."""

    name: str = Field(description="What it is, e.g. regulatory recovery fee, sales tax.")
    kind: SurchargeKind = Field(default=SurchargeKind.surcharge, description="surcharge or tax.")
    percent: Decimal | None = Field(
        default=None, ge=0, le=100, description="A percentage of the charges in applies_to: 12 means 12%."
    )
    applies_to: tuple[ChargeBase, ...] = Field(
        default=(), description="The charges a percentage applies to: usage, licenses, recurring, one_time."
    )
    meters: tuple[Name, ...] = Field(
        default=(), description="With applies_to usage: only these meters' charges; empty = all usage."
    )
    on_surcharges: bool = Field(
        default=False,
        description="True: a percentage also applies to the other surcharges and taxes (a tax on the fees).",
    )
    per_unit: PerUnit | None = Field(default=None, description="A charge per billable unit or billed seat.")
    monthly: Money | None = Field(default=None, description="A fixed charge every billed month.")
    from_month: Month = Field(default=1, description="First contract month a monthly charge applies.")

    @model_validator(mode="after")
    def _one_basis(self) -> Surcharge:
        given = [self.percent is not None, self.per_unit is not None, self.monthly is not None]
        if sum(given) != 1:
            raise ValueError("a surcharge or tax needs exactly one of percent, per_unit or monthly")
        if self.percent is not None and not self.applies_to:
            raise ValueError("a percentage needs applies_to: the charges it is a percentage of")
        if self.percent is None and (self.applies_to or self.on_surcharges):
            raise ValueError("applies_to and on_surcharges go with percent only")
        if self.meters and ChargeBase.usage not in self.applies_to:
            raise ValueError("meters narrow a percentage of usage; add usage to applies_to")
        return self


class BillingFrequency(StrEnum):
    monthly = "monthly"
    quarterly = "quarterly"
    annual = "annual"


class BillingTiming(StrEnum):
    advance = "advance"
    arrears = "arrears"


class Billing(Record):
    """When recurring charges are invoiced and paid (usage is always invoiced monthly in arrears)."""

    frequency: BillingFrequency | None = Field(
        default=None,
        description="How often licences and recurring fees are invoiced: monthly, quarterly or annual (contract "
        "quarters and years from month 1). Empty = monthly (a labelled default).",
    )
    timing: BillingTiming | None = Field(
        default=None,
        description="advance: invoiced at the start of the period; arrears: at its end. Empty = advance "
        "(a labelled default).",
    )
    payment_days: int | None = Field(
        default=None,
        ge=0,
        le=365,
        description="Days from invoice to payment (net 30 = 30). Empty = 30 (a labelled default).",
    )


class Credit(Record):
    """A signing credit or other one-off concession, taken off the invoice of its month."""

    name: str = Field(description="What the credit is for, e.g. signing credit.")
    amount: PositiveMoney = Field(description="The credit, in the offer's currency.")
    month: Month = Field(default=1, description="Contract month whose invoice it reduces.")
