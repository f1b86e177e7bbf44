"""What an outage costs the buyer's operation: idle payroll plus lost contacts, per hour of outage."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from principal.model.buyer import Buyer
from principal.model.sla import Component
from principal.money import Amount
from principal.sla.rounding import shown

HUNDRED = Decimal(100)


@dataclass(frozen=True)
class HourlyImpact:
    """Cost of one hour with a component down (exact amounts).

    idle_payroll = agents x agents_affected% x loaded cost per agent-hour;
    lost_contacts = contacts per hour x contacts_affected% x lost share% x value per lost contact.
    """

    component: str
    idle_payroll: Amount
    lost_contacts: Amount
    total: Amount
    known: bool


@dataclass(frozen=True)
class Impact:
    """Cost of a stretch of outage hours, each part rounded half-up to the currency's minor unit."""

    hours: Decimal
    idle_payroll: Amount
    lost_contacts: Amount
    total: Amount


def hourly_impact(buyer: Buyer, component: Component, currency: str) -> HourlyImpact:
    """Per-hour cost; zero (and known=False) when the deal gives no `buyer.downtime` figures."""
    cost = buyer.downtime
    zero = Amount.zero(currency)
    if cost is None:
        return HourlyImpact(component.name, zero, zero, zero, known=False)
    payroll = Decimal(0)
    if cost.loaded_cost_per_agent_hour is not None:
        payroll = Decimal(buyer.agents) * component.agents_affected_percent / HUNDRED * cost.loaded_cost_per_agent_hour
    contacts = Decimal(0)
    if cost.contacts_per_hour is not None and cost.value_per_lost_contact is not None:
        contacts = (
            cost.contacts_per_hour
            * component.contacts_affected_percent
            / HUNDRED
            * cost.lost_contact_share
            / HUNDRED
            * cost.value_per_lost_contact
        )
    payroll_amount, contacts_amount = Amount(payroll, currency), Amount(contacts, currency)
    return HourlyImpact(component.name, payroll_amount, contacts_amount, payroll_amount + contacts_amount, known=True)


def impact_for_hours(rate: HourlyImpact, hours: Decimal) -> Impact:
    payroll = (rate.idle_payroll * hours).rounded()
    contacts = (rate.lost_contacts * hours).rounded()
    return Impact(hours=shown(hours), idle_payroll=payroll, lost_contacts=contacts, total=payroll + contacts)


def add_impacts(items: list[Impact], currency: str) -> Impact:
    zero = Amount.zero(currency)
    return Impact(
        hours=sum((i.hours for i in items), Decimal(0)),
        idle_payroll=sum((i.idle_payroll for i in items), zero),
        lost_contacts=sum((i.lost_contacts for i in items), zero),
        total=sum((i.total for i in items), zero),
    )
