"""Contract time: years of the term, uplift factors, when billing and usage start."""

from __future__ import annotations

from decimal import Decimal

from principal.cost.scenario import Scenario
from principal.model.deal import Offer
from principal.model.pricing import Uplift, UpliftKind, UpliftTarget


def contract_year(month: int) -> int:
    """Month 1-12 is year 1, 13-24 year 2, and so on."""
    return (month - 1) // 12 + 1


def years_in_term(term_months: int) -> int:
    return contract_year(term_months)


def uplift_rate(uplift: Uplift, year: int) -> Decimal:
    """The increase (in %) applied at the start of `year`; 0 before uplift.from_year."""
    if uplift.kind is UpliftKind.none or year < uplift.from_year:
        return Decimal(0)
    if uplift.kind is UpliftKind.fixed:
        assert uplift.percent is not None
        rate = uplift.percent
    else:
        index = min(year - uplift.from_year, len(uplift.cpi_assumed) - 1)
        rate = uplift.cpi_assumed[index] + uplift.cpi_plus
        if uplift.floor is not None:
            rate = max(rate, uplift.floor)
    if uplift.cap is not None:
        rate = min(rate, uplift.cap)
    return rate


def uplift_factor(uplift: Uplift | None, year: int, target: UpliftTarget) -> Decimal:
    """Compounded price factor for `year`: product of (1 + rate/100) over the uplifted years so far."""
    if uplift is None or target not in uplift.applies_to:
        return Decimal(1)
    factor = Decimal(1)
    for y in range(1, year + 1):
        factor *= 1 + uplift_rate(uplift, y) / 100
    return factor


def planned_go_live_month(offer: Offer) -> int | None:
    """The offer's go-live month (with waves, the first wave's), or None when the offer gives none."""
    impl = offer.implementation
    if impl is None:
        return None
    if impl.go_live_month is not None:
        return impl.go_live_month
    if impl.waves:
        return min(w.go_live_month for w in impl.waves)
    return None


def go_live_month(offer: Offer, scenario: Scenario) -> int:
    """The first go-live month under the scenario (month 1 when the offer gives none: a labelled default)."""
    planned = planned_go_live_month(offer)
    return (planned or 1) + scenario.go_live_delay_months


def billing_start_month(offer: Offer, scenario: Scenario) -> int:
    impl = offer.implementation
    start = impl.billing_start_month if impl and impl.billing_start_month else 1
    if impl and impl.billing_tied_to_go_live:
        start = max(start, go_live_month(offer, scenario))
    return start
