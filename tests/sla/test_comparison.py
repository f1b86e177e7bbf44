"""The seed's original SLA (99.9% platform, 10% cap) against its final one (per component, 5% to 15%, exit)."""

from __future__ import annotations

from decimal import Decimal

import pytest

from principal.model import Deal
from principal.present import formatter_for
from principal.sla.comparison import DesignComparison, compare_designs
from principal.sla.fee_base import fee_bases_for_offer
from tests.sla.conftest import usd

D = Decimal


@pytest.fixture(scope="module")
def comparison(seed_deal: Deal) -> DesignComparison:
    fees = {o: fee_bases_for_offer(seed_deal, o) for o in ("final", "original")}
    return compare_designs(seed_deal, "final", "original", fees)


def test_design_terms(comparison: DesignComparison) -> None:
    final, original = comparison.designs
    assert [(c.name, c.target, c.allowed_minutes_30_day_month) for c in final.components] == [
        ("voice_routing", D("99.95"), D("21.6")),
        ("agent_desktop", D("99.95"), D("21.6")),
        ("digital_channels", D("99.9"), D("43.2")),
    ]
    assert [(c.name, c.allowed_minutes_30_day_month) for c in original.components] == [("platform", D("43.2"))]
    assert (original.cap_percent, original.cap_amount_monthly) == (D(10), usd("16925.00"))  # 10% of 169,250
    assert (final.cap_percent, final.cap_amount_monthly) == (D(15), usd("23677.50"))  # 15% of 157,850
    assert [formatter_for("USD").text(c) for c in final.chronic] == [
        "3 missed windows (voice_routing) within any 6 windows: terminate_affected, no exit fee"
    ]
    assert original.chronic == ()
    assert original.maintenance == "excluded"
    assert final.maintenance == "excluded with 7 days' notice outside business hours only"
    assert (original.sole_remedy, final.sole_remedy) == (True, False)


def figures(comparison: DesignComparison, name: str) -> tuple[object, ...]:
    scenario = next(s for s in comparison.scenarios if s.name == name)
    final, original = scenario.figures
    return (
        final.impact.total,
        final.credits_paid,
        original.credits_paid,
        final.chronic_fires_in_window,
        original.chronic_fires_in_window,
    )


def test_scenarios_side_by_side(comparison: DesignComparison) -> None:
    assert comparison.outage_components == ("voice_routing", "agent_desktop", "digital_channels")
    # 45 minutes of voice in January (31 days): a miss of both 22.32 and 44.64 allowed minutes, 5% of each base.
    # Impact: (450 x $38 + 1,800 x $75) x 0.75 h = 114,075
    assert figures(comparison, "voice_routing down 45 minutes once") == (
        usd("114075.00"),
        usd("7892.50"),
        usd("8462.50"),
        None,
        None,
    )
    # 4 hours: 99.46%, below 99.5: 10% in both
    assert figures(comparison, "voice_routing down 4 hours once") == (
        usd("608400.00"),
        usd("15785.00"),
        usd("16925.00"),
        None,
        None,
    )
    # Three misses: the final escalates 5 -> 10 -> 15% and the exit right fires in month 5; the original pays 5% x 3
    assert figures(comparison, "voice_routing down 45 minutes in months 1, 3 and 5") == (
        usd("342225.00"),
        usd("47355.00"),
        usd("25387.50"),
        5,
        None,
    )
    # Digital channels idle 30% of agents and contacts: (5,130 + 40,500) x 1 h
    assert figures(comparison, "digital_channels down 60 minutes once") == (
        usd("45630.00"),
        usd("7892.50"),
        usd("8462.50"),
        None,
        None,
    )
    repeated = next(s for s in comparison.scenarios if "months 1, 3 and 5" in s.name)
    assert [f.coverage_ratio for f in repeated.figures] == [D("0.138374"), D("0.074184")]
