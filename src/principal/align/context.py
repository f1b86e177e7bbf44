"""Everything the alignment checks read, computed once per offer."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from principal.align.fee_timing import FeeTiming, fee_timing
from principal.cost.lines import Schedule
from principal.cost.schedule import schedule
from principal.model.deal import Deal, Offer
from principal.model.pricing import UsageMeter
from principal.money import Amount

AI_WORDS = ("bot", "ai_", "ai-", "agentic", "summar", "token", "virtual_agent", "copilot", "assist")


def is_ai_meter(meter: UsageMeter) -> bool:
    """AI and bot meters: marked with opt_in, or named like one (bot_sessions, ai_summaries...)."""
    text = f"{meter.name} {meter.forecast} {meter.description or ''}".lower()
    return meter.opt_in is not None or any(word in text for word in AI_WORDS) or text.startswith("ai")


@dataclass(frozen=True)
class OfferContext:
    deal: Deal
    name: str
    offer: Offer
    schedule: Schedule
    timing: FeeTiming
    severe_outage_coverage: Decimal | None = None
    """Credits paid / business impact of the severe-outage test, when the offer has an SLA."""

    @property
    def currency(self) -> str:
        return self.deal.currency

    def money(self, number: Decimal) -> Amount:
        """An exact figure of this deal as an amount in its currency."""
        return Amount(number, self.deal.currency)

    @classmethod
    def build(cls, deal: Deal, name: str, severe_outage_coverage: Decimal | None = None) -> OfferContext:
        sched = schedule(deal, name)
        return cls(deal, name, deal.offers[name], sched, fee_timing(deal, name, sched), severe_outage_coverage)
