"""Moving off the incumbent: what it still bills while the operation moves (dual running) and the fee that ends it.

The rule, month by month over the new contract's term (months are the new contract's; docs/how-numbers-are-computed.md):

- moved(m): agents whose wave went live in month m - overlap_months or earlier (a wave live in month g leaves the
  incumbent in month g + overlap_months), out of buyer.agents.
- The incumbent's contract can end once its notice has run: from month notice_served_month + notice_months.
- End month E, the first month the incumbent bills nothing: the later of the month every agent has moved and the
  month the notice has run. When the incumbent is committed through month K and E <= K, an early_termination_fee
  (when the deal gives one) is charged once in month E and billing stops there; without a fee the incumbent is paid
  through month K (E = K + 1). The cheaper of the two is never picked silently: the result names the rule applied.
- In a month m < E the incumbent bills its full monthly cost while its commitment holds (m <= K, until a fee ends
  it), and otherwise monthly_cost(m) x (1 - variable_share x moved(m)): the variable share (per-seat licences)
  falls as agents move, the rest is paid until the incumbent is off.

Where the deal is silent the engine assumes a labelled default (`defaults_used`) and asks the question; when the
incumbent's monthly cost is not given, dual running is unknown (never 0).
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from enum import StrEnum

from principal.cost.incumbent import incumbent_months
from principal.cost.lines import Category, Line
from principal.cost.scenario import PLAN, Scenario
from principal.cost.timeline import planned_go_live_month
from principal.cost.waves import WaveGoLive, last_go_live, waves
from principal.model.deal import Deal, Offer
from principal.money import Amount
from principal.statements import Statement, say


class EndRule(StrEnum):
    """Why the incumbent stops billing when it does."""

    moved = "moved"
    """Every agent has moved (plus any overlap) and the notice has run by then."""
    notice = "notice"
    """Every agent moved before the notice had run: the notice period sets the end."""
    commitment = "commitment"
    """The incumbent is paid through its committed month (no early-termination fee is given)."""
    early_termination = "early_termination"
    """The early-termination fee ends the commitment in the end month."""
    after_term = "after_term"
    """The incumbent is still billing at the end of the new contract's term."""


@dataclass(frozen=True)
class DefaultUsed:
    """A value the engine assumed because the deal is silent: where it belongs, what was assumed, what to ask."""

    path: str
    assumed: str
    question: str


@dataclass(frozen=True)
class Transition:
    """The incumbent's bill while one offer's roll-out moves the operation, or why it is unknown."""

    offer: str
    term_months: int
    known: bool
    """False when the deal does not give the incumbent's monthly cost: dual running is then unknown."""
    lines: tuple[Line, ...]
    end_month: int | None
    """First month the incumbent bills nothing (after the term when it still runs at the end)."""
    all_moved_month: int | None
    """First month every agent is off the incumbent (last go-live + overlap)."""
    rule: EndRule | None
    defaults_used: tuple[DefaultUsed, ...]
    notes: tuple[Statement, ...]

    def total(self, category: Category | None = None) -> Decimal:
        return sum((ln.amount for ln in self.lines if category is None or ln.category is category), Decimal(0))

    @property
    def dual_running(self) -> Decimal:
        return self.total(Category.dual_running)

    @property
    def early_termination(self) -> Decimal:
        return self.total(Category.early_termination)

    @property
    def month_totals(self) -> tuple[Decimal, ...]:
        months = [Decimal(0)] * self.term_months
        for line in self.lines:
            months[line.month - 1] += line.amount
        return tuple(months)

    @property
    def questions(self) -> tuple[str, ...]:
        return tuple(dict.fromkeys(d.question for d in self.defaults_used))


UNKNOWN_INCUMBENT = DefaultUsed(
    "buyer.incumbent.monthly_cost",
    "not given: the cost of staying and of running the incumbent alongside the new platform are unknown",
    "What does the current platform cost a month, all in, and how can its contract be ended (notice, "
    "commitment, early-termination fee)?",
)


def _defaults(deal: Deal, offer_name: str, offer: Offer, notice_months: int, shared: bool) -> list[DefaultUsed]:
    """The defaults the figures rest on; `shared`: some month was billed on the variable share."""
    inc = deal.buyer.incumbent
    assert inc is not None
    out: list[DefaultUsed] = []
    if planned_go_live_month(offer) is None:
        out.append(
            DefaultUsed(
                f"offers.{offer_name}.implementation.go_live_month",
                "go-live in month 1 (the offer gives no date)",
                "In which contract month does the vendor commit to go live?",
            )
        )
    if inc.notice_months is None:
        out.append(
            DefaultUsed(
                "buyer.incumbent.notice_months",
                "no notice period: the incumbent can stop as soon as every agent has moved",
                "How many months' notice does the incumbent's contract need, and when will it be served?",
            )
        )
    if inc.notice_served_month is None and notice_months > 0:
        out.append(
            DefaultUsed(
                "buyer.incumbent.notice_served_month",
                "notice served at signature (month 1)",
                "How many months' notice does the incumbent's contract need, and when will it be served?",
            )
        )
    if inc.committed_until_month is None:
        out.append(
            DefaultUsed(
                "buyer.incumbent.committed_until_month",
                "no commitment left: nothing is owed to the incumbent once it stops",
                "Is the incumbent's contract committed to a date, and what does ending it early cost?",
            )
        )
    if inc.overlap_months is None:
        out.append(
            DefaultUsed(
                "buyer.incumbent.overlap_months",
                "no parallel running: each part of the operation leaves the incumbent in the month it goes live",
                "How many months will each site keep the old platform running after it goes live?",
            )
        )
    if inc.variable_percent is None and shared:
        out.append(
            DefaultUsed(
                "buyer.incumbent.variable_percent",
                "the incumbent's whole monthly cost falls as agents move (100% variable)",
                "Which part of the incumbent's monthly cost falls as agents move (per-seat licences), and which is "
                "fixed until it is switched off?",
            )
        )
    return out


def _moved(plan: tuple[WaveGoLive, ...], month: int, overlap: int) -> int:
    return sum(w.agents for w in plan if w.go_live_month + overlap <= month)


def transition(deal: Deal, offer_name: str, scenario: Scenario = PLAN, *, offer: Offer | None = None) -> Transition:
    """The incumbent's bill month by month while the offer's roll-out moves the operation."""
    if offer is None:
        offer = deal.offers[offer_name]
    term = offer.term_months
    monthly = incumbent_months(deal, term)
    inc = deal.buyer.incumbent
    if monthly is None or inc is None:
        return Transition(offer_name, term, False, (), None, None, None, (UNKNOWN_INCUMBENT,), ())
    cur = deal.currency
    plan = waves(deal, offer, scenario)
    agents = deal.buyer.agents
    overlap = inc.overlap_months or 0
    variable_percent = inc.variable_percent if inc.variable_percent is not None else Decimal(100)
    notice = inc.notice_months or 0
    served = inc.notice_served_month or 1
    all_moved = last_go_live(plan) + overlap
    notice_end = served + notice
    end = max(all_moved, notice_end)
    committed = inc.committed_until_month
    fee = inc.early_termination_fee
    rule = EndRule.moved if all_moved >= notice_end else EndRule.notice
    fee_month: int | None = None
    if committed is not None and end <= committed:
        if fee is not None:
            fee_month = end
            rule = EndRule.early_termination
        else:
            end = committed + 1
            rule = EndRule.commitment
    if end > term + 1:
        rule = EndRule.after_term
    lines: list[Line] = []
    name = f"{inc.name or 'incumbent'} running alongside"
    shared = False
    for month in range(1, min(end - 1, term) + 1):
        cost = monthly[month - 1]
        moved = _moved(plan, month, overlap)
        in_commitment = committed is not None and month <= committed
        if in_commitment:
            amount, formula = cost, f"{cost} a month, committed through month {committed}"
        elif moved == 0:
            amount, formula = cost, f"{cost} a month, no agent moved yet"
        else:
            shared = True
            amount = cost - cost * variable_percent * moved / (100 * agents)
            formula = f"{cost} x (1 - {variable_percent}% variable x {moved:,}/{agents:,} agents moved)"
        if amount > 0:
            lines.append(Line(month, Category.dual_running, name, amount, formula))
    notes: list[Statement] = []
    if fee_month is not None and fee is not None and fee_month <= term:
        assert committed is not None
        lines.append(
            Line(
                fee_month,
                Category.early_termination,
                f"{inc.name or 'incumbent'} early-termination fee",
                fee,
                f"fee to end the commitment through month {committed} in month {fee_month}",
            )
        )
        through = sum((monthly[m - 1] for m in range(fee_month, min(committed, term) + 1)), Decimal(0))
        if through < fee:
            notes.append(
                say(
                    "paying the incumbent through month {month} ({through}) would cost less than its "
                    "early-termination fee ({fee})",
                    month=committed,
                    through=Amount(through, cur),
                    fee=Amount(fee, cur),
                )
            )
    early = [w for w in plan if committed is not None and w.go_live_month + overlap <= min(committed, end - 1)]
    if early and committed is not None:
        notes.append(
            say(
                "the incumbent is paid in full through month {month} however the roll-out goes, so agents moved "
                "before then save nothing on it (a later go-live up to then costs less)",
                month=min(committed, end - 1),
            )
        )
    if rule is EndRule.after_term:
        notes.append(say("the incumbent still bills at the end of the term (month {month})", month=term))
    return Transition(
        offer=offer_name,
        term_months=term,
        known=True,
        lines=tuple(lines),
        end_month=end,
        all_moved_month=all_moved,
        rule=rule,
        defaults_used=tuple(_defaults(deal, offer_name, offer, notice, shared)),
        notes=tuple(notes),
    )
