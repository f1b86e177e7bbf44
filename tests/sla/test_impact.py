"""Business impact: idle payroll plus lost contacts."""

from __future__ import annotations

from decimal import Decimal

from principal.model import Deal
from principal.model.buyer import DowntimeCost
from principal.model.sla import Component
from principal.sla.impact import hourly_impact, impact_for_hours
from tests.sla.conftest import usd

D = Decimal


def test_domain_notes_reference_1_5_hours_of_1800_contacts_at_75(seed_deal: Deal) -> None:
    buyer = seed_deal.buyer.model_copy(
        update={"downtime": DowntimeCost(contacts_per_hour=D(1800), value_per_lost_contact=D(75))}
    )
    impact = impact_for_hours(hourly_impact(buyer, Component(name="voice_routing", target=D("99.95")), "USD"), D("1.5"))
    assert impact.lost_contacts == usd("202500.00")
    assert impact.idle_payroll == usd(0)
    assert impact.total == usd("202500.00")


def test_idle_payroll_and_affected_shares(seed_deal: Deal) -> None:
    digital = Component(
        name="digital_channels", target=D("99.9"), agents_affected_percent=D(30), contacts_affected_percent=D(30)
    )
    rate = hourly_impact(seed_deal.buyer, digital, "USD")
    # 450 agents x 30% x $38 = 5,130; 1,800 contacts x 30% x 100% x $75 = 40,500
    assert rate.idle_payroll == usd("5130")
    assert rate.lost_contacts == usd("40500")
    assert impact_for_hours(rate, D(1)).total == usd("45630.00")


def test_no_downtime_figures_means_unknown_zero_impact(seed_deal: Deal) -> None:
    buyer = seed_deal.buyer.model_copy(update={"downtime": None})
    rate = hourly_impact(buyer, Component(name="x", target=D(99)), "USD")
    assert rate.total == usd(0) and not rate.known
