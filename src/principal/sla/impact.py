"""What an outage costs the buyer's operation: idle payroll plus lost contacts, per hour of outage."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from principal.model.buyer import Buyer
from principal.model.common import to_cents
from principal.model.sla import Component
from principal.sla.rounding import shown

HUNDRED = Decimal(100)


@dataclass(frozen=True)
class HourlyImpact:
    """Cost of one hour with a component down.

    idle_payroll = agents x agents_affected% x loaded cost per agent-hour;
    lost_contacts = contacts per hour x contacts_affected% x lost share% x value per lost contact.
    """

    component: str
    idle_payroll: Decimal
    lost_contacts: Decimal
    total: Decimal
    known: bool


@dataclass(frozen=True)
class Impact:
    """Cost of a stretch of outage hours, rounded to the cent."""

    hours: Decimal
    idle_payroll: Decimal
    lost_contacts: Decimal
    total: Decimal


def hourly_impact(buyer: Buyer, component: Component) -> HourlyImpact:
    """Per-hour cost; zero (and known=False) when the deal gives no `buyer.downtime` figures."""
    cost = buyer.downtime
    if cost is None:
        return HourlyImpact(component.name, Decimal(0), Decimal(0), Decimal(0), known=False)
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
    return HourlyImpact(component.name, payroll, contacts, payroll + contacts, known=True)


def impact_for_hours(rate: HourlyImpact, hours: Decimal) -> Impact:
    payroll = to_cents(rate.idle_payroll * hours)
    contacts = to_cents(rate.lost_contacts * hours)
    return Impact(hours=shown(hours), idle_payroll=payroll, lost_contacts=contacts, total=payroll + contacts)


def add_impacts(items: list[Impact]) -> Impact:
    zero = Decimal(0)
    return Impact(
        hours=sum((i.hours for i in items), zero),
        idle_payroll=sum((i.idle_payroll for i in items), zero),
        lost_contacts=sum((i.lost_contacts for i in items), zero),
        total=sum((i.total for i in items), zero),
    )
