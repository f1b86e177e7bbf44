"""What `principal cost` reports for each offer: the schedule, the vendor's view, the budget, the simulation."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from decimal import Decimal

from principal.cost.compare import VendorView, vendor_view
from principal.cost.incumbent import incumbent_months
from principal.cost.lines import Schedule
from principal.cost.montecarlo import Simulation, simulate
from principal.cost.order_terms import OrderTerms, order_terms
from principal.cost.schedule import schedule
from principal.cost.switching import SwitchingCost, switching_cost
from principal.errors import InputError
from principal.model.deal import Deal


@dataclass(frozen=True)
class BudgetCheck:
    year: int
    budget: Decimal
    cost: Decimal

    @property
    def over(self) -> Decimal:
        return self.cost - self.budget


@dataclass(frozen=True)
class OfferCost:
    schedule: Schedule
    vendor_view: VendorView | None
    budget: tuple[BudgetCheck, ...]
    incumbent_term_cost: Decimal | None
    simulation: Simulation | None
    switching: SwitchingCost
    terms: OrderTerms | None = None
    """The order-form view: cash and NPV, renewal, leaving early, liability cap, unit prices."""


@dataclass(frozen=True)
class CostReport:
    deal: str
    currency: str
    offers: tuple[OfferCost, ...]


def pick_offers(deal: Deal, names: list[str] | None, source: str = "<deal>", option: str = "--offer") -> list[str]:
    """The offers asked for, in deal order; an unknown name is a one-line error naming the deal file."""
    if not names:
        return list(deal.offers)
    for name in names:
        if name not in deal.offers:
            message = f"no offer named {name!r}; the deal has {', '.join(deal.offers)}"
            raise InputError.single(source, message, field=option)
    return [n for n in deal.offers if n in names]


def cost_report(
    deal: Deal,
    offers: list[str] | None = None,
    *,
    draws: int = 0,
    seed: int = 0,
    progress: Callable[[int], None] | None = None,
) -> CostReport:
    out = []
    for name in pick_offers(deal, offers):
        sched = schedule(deal, name)
        checks: list[BudgetCheck] = []
        if deal.buyer.budget and deal.buyer.budget.annual is not None:
            for year in sched.years:
                budget = deal.buyer.budget.annual * year.months / 12
                checks.append(BudgetCheck(year.year, budget, year.total))
        inc = incumbent_months(deal, sched.term_months)
        sim = simulate(deal, name, draws, seed, progress=progress) if draws > 0 else None
        staying = sum(inc, Decimal(0)) if inc is not None else None
        moving = switching_cost(deal, name, contract=sched)
        out.append(
            OfferCost(
                sched,
                vendor_view(deal, name),
                tuple(checks),
                staying,
                sim,
                moving,
                order_terms(deal, sched, moving.total),
            )
        )
    return CostReport(deal.name, deal.currency, tuple(out))
