"""The headline of every cost view: the cost of switching to an offer against the cost of staying.

- Cost of switching = the new contract's schedule + the incumbent's dual running + any early-termination fee
  (`principal.cost.transition`), month by month over the offer's term.
- Cost of staying = the incumbent's monthly cost over the same term, grown by contract year.
- Difference = switching - staying: positive when switching costs more.

When the deal does not give the incumbent's monthly cost, both dual running and staying are unknown (None, never
0) and the result carries the question to ask; the new contract's own cost is still known.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from principal.cost.incumbent import incumbent_months
from principal.cost.lines import Category, Schedule
from principal.cost.scenario import PLAN, Scenario
from principal.cost.schedule import schedule
from principal.cost.timeline import contract_year
from principal.cost.transition import EndRule, Transition, transition
from principal.model.deal import Deal, Offer
from principal.money import Amount
from principal.statements import Statement, say


@dataclass(frozen=True)
class SwitchingYear:
    """One contract year of switching against staying (None where the incumbent is unknown)."""

    year: int
    months: int
    contract: Decimal
    dual_running: Decimal | None
    early_termination: Decimal | None
    staying: Decimal | None

    @property
    def switching(self) -> Decimal | None:
        if self.dual_running is None or self.early_termination is None:
            return None
        return self.contract + self.dual_running + self.early_termination

    @property
    def difference(self) -> Decimal | None:
        switching = self.switching
        return None if switching is None or self.staying is None else switching - self.staying


@dataclass(frozen=True)
class SwitchingCost:
    offer: str
    contract: Schedule
    transition: Transition
    staying_months: tuple[Decimal, ...] | None

    @property
    def known(self) -> bool:
        return self.transition.known and self.staying_months is not None

    @property
    def dual_running(self) -> Decimal | None:
        return self.transition.dual_running if self.transition.known else None

    @property
    def early_termination(self) -> Decimal | None:
        return self.transition.early_termination if self.transition.known else None

    @property
    def total(self) -> Decimal | None:
        """The cost of switching over the term (None when the incumbent is unknown)."""
        if not self.transition.known:
            return None
        return self.contract.total + self.transition.total()

    @property
    def staying(self) -> Decimal | None:
        return None if self.staying_months is None else sum(self.staying_months, Decimal(0))

    @property
    def difference(self) -> Decimal | None:
        total, staying = self.total, self.staying
        return None if total is None or staying is None else total - staying

    @property
    def basis(self) -> Decimal:
        """What offers are ranked and levers valued on: the cost of switching, else the new contract alone."""
        total = self.total
        return self.contract.total if total is None else total

    @property
    def month_totals(self) -> tuple[Decimal, ...]:
        """Month by month: the new contract plus the incumbent's bill (the contract alone when it is unknown)."""
        extra = self.transition.month_totals
        return tuple(c + t for c, t in zip(self.contract.month_totals, extra, strict=True))

    @property
    def year_totals(self) -> tuple[Decimal, ...]:
        years = [Decimal(0)] * len(self.contract.years)
        for month, amount in enumerate(self.month_totals, start=1):
            years[contract_year(month) - 1] += amount
        return tuple(years)

    @property
    def years(self) -> tuple[SwitchingYear, ...]:
        known = self.transition.known
        out = []
        for y in self.contract.years:
            span = range((y.year - 1) * 12 + 1, (y.year - 1) * 12 + y.months + 1)
            lines = [ln for ln in self.transition.lines if ln.month in span]
            dual = sum((ln.amount for ln in lines if ln.category is Category.dual_running), Decimal(0))
            fee = sum((ln.amount for ln in lines if ln.category is Category.early_termination), Decimal(0))
            staying = None
            if self.staying_months is not None:
                staying = sum((self.staying_months[m - 1] for m in span), Decimal(0))
            out.append(
                SwitchingYear(y.year, y.months, y.total, dual if known else None, fee if known else None, staying)
            )
        return tuple(out)


def switching_cost(
    deal: Deal,
    offer_name: str,
    scenario: Scenario = PLAN,
    *,
    offer: Offer | None = None,
    contract: Schedule | None = None,
) -> SwitchingCost:
    """Switching to an offer against staying, under a scenario. Pass `contract` when its schedule is at hand."""
    if offer is None:
        offer = deal.offers[offer_name]
    sched = contract if contract is not None else schedule(deal, offer_name, scenario, offer=offer)
    moving = transition(deal, offer_name, scenario, offer=offer)
    staying = incumbent_months(deal, offer.term_months)
    return SwitchingCost(offer_name, sched, moving, None if staying is None else tuple(staying))


def headline(sw: SwitchingCost, currency: str) -> Statement:
    """The one sentence every cost view leads with."""
    contract = Amount(sw.contract.total, currency)
    total, staying, difference = sw.total, sw.staying, sw.difference
    if total is None or staying is None or difference is None:
        return say(
            "the new contract costs {contract} over the term; the cost of staying and of running the incumbent "
            "alongside are unknown, because the deal does not give the incumbent's monthly cost",
            contract=contract,
        )
    parts = say(
        "switching to {offer} costs {switching} over the term (new contract {contract}, dual running {dual}",
        offer=sw.offer,
        switching=Amount(total, currency),
        contract=contract,
        dual=Amount(sw.transition.dual_running, currency),
    )
    if sw.transition.early_termination:
        parts += say(", early termination {fee}", fee=Amount(sw.transition.early_termination, currency))
    parts += say(") against {staying} for staying", staying=Amount(staying, currency))
    if difference == 0:
        return parts + say(": the same")
    word = "more" if difference > 0 else "less"
    return parts + say(": {gap} " + word, gap=Amount(abs(difference), currency))


def incumbent_end(moving: Transition) -> Statement | None:
    """When and why the incumbent stops billing (None when its cost is unknown)."""
    if not moving.known or moving.end_month is None or moving.rule is None:
        return None
    moved = moving.all_moved_month
    rule = moving.rule
    if rule is EndRule.after_term:
        return say("the incumbent still bills at the end of the term (month {term})", term=moving.term_months)
    if rule is EndRule.moved:
        return say("the incumbent stops billing in month {end}, when every agent has moved", end=moving.end_month)
    if rule is EndRule.notice:
        return say(
            "the incumbent stops billing in month {end}, when its notice has run (every agent moved by month {moved})",
            end=moving.end_month,
            moved=moved or 0,
        )
    if rule is EndRule.commitment:
        return say(
            "the incumbent is paid in full through month {last}, the end of its commitment (every agent moved by "
            "month {moved}); no early-termination fee is given",
            last=moving.end_month - 1,
            moved=moved or 0,
        )
    return say(
        "the early-termination fee ends the incumbent's commitment in month {end}",
        end=moving.end_month,
    )
