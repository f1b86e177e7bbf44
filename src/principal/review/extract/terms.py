"""What term extraction returns: a commercial term with its Decimal value, unit, quote and location."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from enum import StrEnum

from principal.review.document import Location

CHECK_THIS = 0.7


class TermKind(StrEnum):
    seat_price = "seat_price"
    seat_quantity = "seat_quantity"
    usage_rate = "usage_rate"
    usage_cap = "usage_cap"
    ai_default_on = "ai_default_on"
    ai_opt_in = "ai_opt_in"
    price_increase = "price_increase"
    price_increase_cap = "price_increase_cap"
    minimum_commitment = "minimum_commitment"
    seat_reduction = "seat_reduction"
    implementation_fee = "implementation_fee"
    billing_start = "billing_start"
    payment_terms = "payment_terms"
    uptime_target = "uptime_target"
    credit_tier = "credit_tier"
    credit_cap = "credit_cap"
    credit_claim_deadline = "credit_claim_deadline"
    sole_remedy = "sole_remedy"
    maintenance_notice = "maintenance_notice"
    carve_out = "carve_out"
    reporting = "reporting"
    subscription_term = "subscription_term"
    renewal_term = "renewal_term"
    renewal_notice = "renewal_notice"
    termination_right = "termination_right"
    termination_fee = "termination_fee"
    data_export = "data_export"
    data_deletion = "data_deletion"
    transition_assistance = "transition_assistance"
    liability_cap = "liability_cap"
    key_personnel = "key_personnel"
    overage_rate = "overage_rate"
    true_up = "true_up"
    surcharge = "surcharge"
    renewal_pricing = "renewal_pricing"
    billing_frequency = "billing_frequency"
    usage_rounding = "usage_rounding"
    uptime_standard = "uptime_standard"
    uptime_measurement = "uptime_measurement"
    minimum_outage = "minimum_outage"
    reference = "reference"


@dataclass(frozen=True)
class Term:
    """One extracted term.

    `value`/`unit`: the figure (5 and "%", 30 and "day", 0.012 and "USD/minute"); None for terms that are a
    fact rather than a number (sole-remedy wording). `detail`: the line or item it belongs to (a table row's label).
    `basis`: the variant found (e.g. "month" for an uptime window, "signature" for when a fee is due, "carrier" for
    a carve-out). `threshold`: a second figure (the uptime a credit tier starts below, a band's boundary).
    """

    kind: TermKind
    value: Decimal | None
    unit: str | None
    detail: str
    basis: str | None
    threshold: Decimal | None
    quote: str
    location: Location
    confidence: float = 1.0
    """How sure the reading is, 0 to 1: below `CHECK_THIS` the term is shown as "check this", not asserted."""

    @property
    def check_this(self) -> bool:
        return self.confidence < CHECK_THIS

    def key(self) -> tuple[str, Decimal | None, str | None, str | None, Decimal | None]:
        """What the term says, without where it says it: the comparison key of the evaluation."""
        return (self.kind.value, self.value, self.unit, self.basis, self.threshold)

    def describe(self) -> str:
        figure = (
            "" if self.value is None else f"{format(self.value, 'f')}{'' if self.unit == '%' else ' '}{self.unit or ''}"
        )
        parts = [p for p in (figure.strip(), self.basis and f"({self.basis})", self.detail) if p]
        return " ".join(parts)
