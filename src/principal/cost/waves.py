"""The roll-out of an offer: which agents are live on the new platform in each month.

An offer's `implementation.waves` lists parts of the operation (sites, regions, lines of business), each with its
agents and go-live month; without waves every agent goes live at `implementation.go_live_month`. A go-live delay
scenario moves every wave by the same number of months. The share of agents live in a month is kept as a pair of
whole numbers (live agents, all agents) so usage and seats are scaled by one exact multiplication and one division.
"""

from __future__ import annotations

from dataclasses import dataclass

from principal.cost.content_memo import BoundedMemo, content
from principal.cost.scenario import Scenario
from principal.cost.timeline import go_live_month
from principal.model.deal import Deal, Offer

ALL_AGENTS = "all agents"
"""Name of the one wave of an offer that gives no waves."""


@dataclass(frozen=True)
class WaveGoLive:
    """A wave as costed: its agents and its go-live month under the scenario."""

    name: str
    agents: int
    go_live_month: int


@dataclass(frozen=True)
class LiveShare:
    """Agents live on the new platform in a month, out of all the operation's agents."""

    live: int
    agents: int

    @property
    def full(self) -> bool:
        return self.live >= self.agents

    @property
    def none(self) -> bool:
        return self.live == 0


def waves(deal: Deal, offer: Offer, scenario: Scenario) -> tuple[WaveGoLive, ...]:
    """The offer's waves in go-live order, each delayed by the scenario's go-live delay."""
    impl = offer.implementation
    delay = scenario.go_live_delay_months
    if impl is not None and impl.waves:
        found = [WaveGoLive(w.name, w.agents, w.go_live_month + delay) for w in impl.waves]
        return tuple(sorted(found, key=lambda w: w.go_live_month))
    return (WaveGoLive(ALL_AGENTS, deal.buyer.agents, go_live_month(offer, scenario)),)


def live_share(plan: tuple[WaveGoLive, ...], month: int, agents: int) -> LiveShare:
    """Agents of the waves live by `month` (a wave is live from its go-live month on)."""
    return LiveShare(sum(w.agents for w in plan if w.go_live_month <= month), agents)


SharesKey = tuple[int, str | None, int, int]
_shares: BoundedMemo[SharesKey, tuple[LiveShare, ...]] = BoundedMemo(256)


def live_shares(deal: Deal, offer: Offer, scenario: Scenario) -> tuple[LiveShare, ...]:
    """The live share of every month of the term (index 0 is month 1). Remembered on what it reads: the buyer's
    agents, the offer's implementation and term, and the scenario's go-live delay."""
    impl = None if offer.implementation is None else content(offer.implementation)
    key = (deal.buyer.agents, impl, offer.term_months, scenario.go_live_delay_months)
    return _shares.get_or_make(key, lambda: _live_shares(deal, offer, scenario))


def _live_shares(deal: Deal, offer: Offer, scenario: Scenario) -> tuple[LiveShare, ...]:
    plan = waves(deal, offer, scenario)
    agents = deal.buyer.agents
    return tuple(live_share(plan, month, agents) for month in range(1, offer.term_months + 1))


def last_go_live(plan: tuple[WaveGoLive, ...]) -> int:
    return max(w.go_live_month for w in plan)
