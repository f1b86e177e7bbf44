"""A deal's rehearsal board, built from the strategy engine's deal space and the cost engine.

- Issues, levels, their labels and values: the deal space of `principal plan` (vendor's latest offer to beyond the
  ask), except the seat price, which the rep quotes in round steps (1 unit of the currency a seat for prices from
  100 to 999, 10 from 1,000, ...): each step's values come from the cost engine the same way the deal space values
  its own grid (term cost at the buyer's plan; the vendor's revenue at its own volume estimates).
- The vendor's reservation: its latest offer's term cost x (1 - concession room), never below its cost to serve
  (the brief's formula); its floor is the revenue it may give up, `vendor_cost - reservation`.
- The buyer's walk-away: the deal's `walk_away_tco`, else the BATNA's term cost (the brief's definition); unknown
  (None) when the deal gives neither nor the incumbent's cost. Then any package no worse than the vendor's offer
  counts as one the buyer may sign (a labelled default in the debrief) and the ZOPA is not scored.
- Nash point and Pareto frontier: the numpy engine (`principal.strategy.negotiation`) over the board's packages.
"""

from __future__ import annotations

import bisect
import math
from collections.abc import Callable
from dataclasses import dataclass, field
from decimal import Decimal

import numpy as np

from principal.cost import schedule
from principal.cost.incumbent import incumbent_months
from principal.cost.scenario import Scenario
from principal.cost.switching import SwitchingCost, switching_cost
from principal.errors import InputError
from principal.model.deal import Deal, Offer
from principal.model.negotiation import PRESSURE_BONUS, IssueKey, Negotiation
from principal.money import Amount, quantum
from principal.rehearse.board import Board, BoardIssue, BoardLevel, Levels, reservation_level, to_micro
from principal.statements import Percent, say
from principal.strategy.negotiation import Issue, IssueSpace, nash_point, pareto_front
from principal.strategy.plan.brief import pick_names
from principal.strategy.plan.deal_space import MONEY_ISSUES, DealIssue, DealSpace, build_space

Change = Callable[[Offer], Offer]
MAX_SEAT_LEVELS = 80
VENDOR_VIEW = Scenario(name="vendor estimate", vendor_view=True)

WORDS: dict[str, tuple[tuple[str, ...], ...]] = {
    "usage_rates": (("rate card", "vendor", "flat", "current"), ("bands", "ask", "graduated", "tiers", "tiered")),
    "usage_cap": (("none", "no cap", "uncapped"),),
}
RISK_WORDS = (("vendor", "vendor's", "as offered", "none", "current"), ("ask", "asked", "ours"), ("more", "stronger"))


@dataclass(frozen=True)
class DealBoard:
    deal: Deal
    space: DealSpace
    board: Board
    baseline: str
    reference: str
    target: str
    changes: tuple[tuple[Change, ...], ...]
    vendor_cost: Decimal
    vendor_reservation: Decimal
    walk_away: Decimal | None
    seat_step: Decimal | None
    nash: Levels | None
    frontier_vendor: tuple[int, ...]
    frontier_best_buyer: tuple[int, ...]
    pressure_bonus: Decimal
    _switch: dict[Levels, SwitchingCost] = field(default_factory=dict, compare=False, repr=False)

    @property
    def currency(self) -> str:
        return self.deal.currency

    @property
    def negotiation(self) -> Negotiation:
        return self.space.negotiation

    def money(self, value: Decimal) -> Amount:
        return Amount(value, self.currency).rounded()

    def offer_for(self, levels: Levels) -> Offer:
        offer = self.deal.offers[self.reference]
        for changes, n in zip(self.changes, levels, strict=True):
            offer = changes[n](offer)
        return offer

    def term_cost(self, levels: Levels) -> Decimal:
        """The cost engine's term cost of a package at the buyer's plan (exact; round when shown)."""
        return self.switching(levels).contract.total

    def switching(self, levels: Levels) -> SwitchingCost:
        if levels not in self._switch:
            offer = self.offer_for(levels)
            contract = schedule(self.deal, "package", offer=offer)
            self._switch[levels] = switching_cost(self.deal, "package", offer=offer, contract=contract)
        return self._switch[levels]

    def target_switching(self) -> SwitchingCost:
        if () not in self._switch:
            self._switch[()] = switching_cost(self.deal, self.target)
        return self._switch[()]

    def frontier_gap(self, buyer: int, vendor: int) -> int:
        """How much more the buyer could have (its utility, millionths) at no less for the vendor: 0 on the frontier."""
        # frontier_vendor ascends; the best buyer utility among frontier points with vendor utility >= `vendor`.
        at = bisect.bisect_left(self.frontier_vendor, vendor)
        if at >= len(self.frontier_vendor):
            return 0
        return max(self.frontier_best_buyer[at] - buyer, 0)


def _seat_step(price: Decimal, currency: str) -> Decimal:
    """A round step for quoting a seat price: 1 for prices of 100 to 999, 10 from 1,000, at least the minor unit."""
    if price <= 0:
        return quantum(currency)
    exponent = math.floor(math.log10(float(price))) - 2
    return max(Decimal(1).scaleb(exponent), quantum(currency))


def _seat_issue(
    deal: Deal, ref: Offer, ask: Offer, floor: int, base: Decimal, base_vendor: Decimal
) -> tuple[BoardIssue, tuple[Change, ...], Decimal]:
    price = ref.licenses[0].unit_price
    asked = ask.licenses[0].unit_price
    step = _seat_step(price, deal.currency)
    cur = deal.currency

    def change_for(cut: Decimal) -> Change:
        def change(offer: Offer) -> Offer:
            lines = tuple(
                lic.model_copy(update={"unit_price": max(lic.unit_price - cut, Decimal(0))}) for lic in offer.licenses
            )
            return offer.model_copy(update={"licenses": lines})

        return change

    def level(cut: Decimal) -> tuple[BoardLevel, Change]:
        change = change_for(cut)
        variant = change(ref)
        buyer = base - schedule(deal, "variant", offer=variant).total
        vendor = -(base_vendor - schedule(deal, "variant", VENDOR_VIEW, offer=variant).total)
        quoted = price - cut
        label = say("{price}", price=Amount(quoted, cur))
        return BoardLevel(label, to_micro(buyer), to_micro(vendor), to_micro(buyer), quoted), change

    first, _ = level(step) if price - step >= 0 else level(Decimal(0))
    per_step = max(-first.vendor, 1)
    count = min(MAX_SEAT_LEVELS, math.ceil(-floor / per_step) + 2, int(price / step))
    cuts = {step * k for k in range(count + 1)}
    if asked < price:
        cuts.add(price - asked)
    built = [level(cut) for cut in sorted(cuts)]
    levels = tuple(b for b, _ in built)
    changes = tuple(c for _, c in built)
    ask_level = next((n for n, b in enumerate(levels) if b.number == min(asked, price)), 0)
    issue = BoardIssue("seat_price", "seat price", levels, ask_level, reservation_level(levels, floor))
    return issue, changes, step


def _issue_from_space(issue: DealIssue, weight: Decimal, floor: int) -> BoardIssue:
    key = issue.key.value
    levels = []
    for n, lv in enumerate(issue.levels):
        number = None
        for _, value in lv.label.values:
            if isinstance(value, Percent):
                number = value.value
        if key in WORDS:
            words = WORDS[key][n] if n < len(WORDS[key]) else ()
        elif key == "uplift":
            words = ()
        else:
            words = RISK_WORDS[n] if n < len(RISK_WORDS) else ()
        saving = to_micro(lv.buyer_value) if issue.key in MONEY_ISSUES else 0
        levels.append(
            BoardLevel(lv.label, to_micro(lv.buyer_value * weight), to_micro(lv.vendor_value), saving, number, words)
        )
    return BoardIssue(key, issue.title, tuple(levels), issue.ask_level, reservation_level(levels, floor), weight)


def batna_cost(deal: Deal, negotiation: Negotiation, term_months: int) -> Decimal | None:
    """The BATNA's term cost: as stated, else the incumbent's cost over the term; None when neither is known."""
    if negotiation.batna.term_cost is not None:
        return negotiation.batna.term_cost
    months = incumbent_months(deal, term_months)
    return sum(months, Decimal(0)) if months is not None else None


def build_board(deal: Deal, vendor_offer: str | None = None, *, file: str = "deal") -> DealBoard:
    """The rehearsal board of `deal`, the rep starting from `vendor_offer` (default: the negotiation's)."""
    negotiation = deal.negotiation or Negotiation()
    baseline, reference, target = pick_names(deal, negotiation)
    if vendor_offer is not None:
        if vendor_offer not in deal.offers:
            names = ", ".join(deal.offers)
            raise InputError.single(file, f"no offer named {vendor_offer!r}; offers are {names}", field="--offer")
        reference = vendor_offer
    if reference == target:
        raise InputError.single(
            file,
            f"the vendor's offer and the buyer's target are both {target!r}; name the vendor's offer with --offer "
            "or set negotiation.target_offer",
            field="negotiation.target_offer",
        )
    space = build_space(deal, reference, target, negotiation)
    ref, ask = deal.offers[reference], deal.offers[target]
    vendor_cost = schedule(deal, reference).total
    room = negotiation.vendor.room_percent
    vendor_reservation = max(
        vendor_cost * (1 - room / 100), vendor_cost * negotiation.vendor.cost_to_serve_percent / 100
    )
    floor = to_micro(-(vendor_cost - vendor_reservation))
    walk_away = (
        negotiation.walk_away_tco
        if negotiation.walk_away_tco is not None
        else batna_cost(deal, negotiation, ask.term_months)
    )
    base = schedule(deal, "variant", offer=ref).total
    base_vendor = schedule(deal, "variant", VENDOR_VIEW, offer=ref).total
    issues: list[BoardIssue] = []
    changes: list[tuple[Change, ...]] = []
    step: Decimal | None = None
    for issue in space.issues:
        if issue.key is IssueKey.seat_price and ref.licenses and ask.licenses and issue.title == "seat price":
            seat, seat_changes, step = _seat_issue(deal, ref, ask, floor, base, base_vendor)
            issues.append(seat)
            changes.append(seat_changes)
            continue
        issues.append(_issue_from_space(issue, negotiation.weight(issue.key), floor))
        changes.append(tuple(level.change for level in issue.levels))
    buyer_floor = to_micro(vendor_cost - walk_away) if walk_away is not None else 0
    board = Board(deal.currency, tuple(issues), floor, buyer_floor)
    nash, front_v, front_b = _nash_and_frontier(board)
    return DealBoard(
        deal=deal,
        space=space,
        board=board,
        baseline=baseline,
        reference=reference,
        target=target,
        changes=tuple(changes),
        vendor_cost=vendor_cost,
        vendor_reservation=vendor_reservation,
        walk_away=walk_away,
        seat_step=step,
        nash=nash,
        frontier_vendor=front_v,
        frontier_best_buyer=front_b,
        pressure_bonus=PRESSURE_BONUS[negotiation.vendor.quarter_end_pressure],
    )


def _nash_and_frontier(board: Board) -> tuple[Levels | None, tuple[int, ...], tuple[int, ...]]:
    space = IssueSpace(
        tuple(
            Issue(
                issue.key,
                tuple(f"level {n}" for n in range(len(issue.levels))),
                tuple(float(level.buyer) for level in issue.levels),
                tuple(float(level.vendor) for level in issue.levels),
            )
            for issue in board.issues
        )
    )
    util = space.all_utilities()
    savings = (
        IssueSpace(
            tuple(
                Issue(
                    issue.key,
                    tuple(f"l{n}" for n in range(len(issue.levels))),
                    tuple(float(lv.saving) for lv in issue.levels),
                    tuple(0.0 for _ in issue.levels),
                )
                for issue in board.issues
            )
        )
        .all_utilities()
        .buyer
    )
    affordable = savings >= float(board.buyer_floor)
    index = util.index[affordable]
    best = nash_point(
        util.buyer[affordable], util.vendor[affordable], float(board.buyer_floor), float(board.vendor_floor)
    )
    nash = tuple(int(n) for n in space.levels([int(index[best])])[0]) if best is not None else None
    front = pareto_front(util.buyer, util.vendor)
    vendor = util.vendor[front]
    buyer = util.buyer[front]
    order = np.argsort(vendor, kind="stable")
    vendor_sorted = [round(v) for v in vendor[order]]
    buyer_sorted = [round(b) for b in buyer[order]]
    best_from = [0] * len(buyer_sorted)
    running = -(10**30)
    for k in range(len(buyer_sorted) - 1, -1, -1):
        running = max(running, buyer_sorted[k])
        best_from[k] = running
    return nash, tuple(vendor_sorted), tuple(best_from)
