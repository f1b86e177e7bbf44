"""Money values of the non-price terms, by small stated formulas over the negotiation assumptions.

Every formula here is printed in the brief next to its figure:
- SLA credits: misses a year x years x average monthly fees x (credit per miss under the level - under the reference)
  where credit per miss = min(cap, mean of the ladder's percentages + the escalation's added points).
- chronic exit: P(chronic failure) x share of components covered x downtime cost of one missed month x misses a
  year x half the term in years (the vendor risks half the term's fees).
- holdback: P(implementation slips) x the amount held back.
- exit terms: P(exit) x (export fee avoided + transition hours x (market rate - agreed rate)).
The vendor values the same terms with its own, more optimistic failure rate: the buyer's probabilities are scaled by
(vendor's expected misses / buyer's expected misses). That difference in beliefs is what makes credits and exit
rights cheap to give and valuable to get.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from principal.model.deal import Deal, Offer
from principal.model.negotiation import Negotiation
from principal.model.sla import ChronicRule, Sla


@dataclass(frozen=True)
class RiskBasis:
    """The inputs every risk formula uses, fixed for one deal."""

    monthly_fees: Decimal
    term_months: int
    downtime_cost_per_miss: Decimal
    optimism: Decimal
    currency: str

    @property
    def years(self) -> Decimal:
        return Decimal(self.term_months) / 12


def downtime_cost_per_miss(deal: Deal, negotiation: Negotiation) -> Decimal:
    """Hours down in a missed month x (contacts per hour x value per lost contact x lost share + idle agent pay)."""
    hours = negotiation.buyer_risk.outage_hours_per_miss
    down = deal.buyer.downtime
    if down is None:
        return Decimal(0)
    lost = Decimal(0)
    if down.contacts_per_hour is not None and down.value_per_lost_contact is not None:
        lost = down.contacts_per_hour * down.value_per_lost_contact * down.lost_contact_share / 100
    idle = (down.loaded_cost_per_agent_hour or Decimal(0)) * deal.buyer.agents
    return hours * (lost + idle)


def credit_per_miss(sla: Sla | None) -> Decimal:
    """Credit (% of the fee base) a typical missed month earns under an SLA."""
    if sla is None or not sla.credits.tiers:
        return Decimal(0)
    tiers = sla.credits.tiers
    mean = sum((t.percent for t in tiers), Decimal(0)) / len(tiers)
    if sla.credits.escalation is not None:
        mean += sla.credits.escalation.add_percent
    cap = sla.credits.cap_percent
    return min(mean, cap) if cap is not None else mean


def credits_value(offer: Offer, basis: RiskBasis, misses_per_year: Decimal) -> Decimal:
    return misses_per_year * basis.years * basis.monthly_fees * credit_per_miss(offer.sla) / 100


def chronic_coverage(rules: tuple[ChronicRule, ...], components: tuple[str, ...]) -> Decimal:
    """Share of the SLA's components that some chronic rule watches (a rule naming none watches all)."""
    if not rules or not components:
        return Decimal(0)
    if any(not rule.components for rule in rules):
        return Decimal(1)
    watched = {name for rule in rules for name in rule.components} & set(components)
    return Decimal(len(watched)) / len(components)


def holdback_amount(offer: Offer) -> Decimal:
    return sum(
        (fee.amount * m.percent / 100 for fee in offer.one_time_fees for m in fee.milestones if m.holdback),
        Decimal(0),
    )


def exit_value(offer: Offer, negotiation: Negotiation) -> Decimal:
    risk = negotiation.buyer_risk
    ex = offer.exit
    if ex is None:
        return Decimal(0)
    saved = Decimal(0)
    if ex.data_export is not None and ex.data_export.included:
        saved += risk.data_export_fee - (ex.data_export.fee or Decimal(0))
    ta = ex.transition_assistance
    if ta is not None and ta.included and ta.rate_per_hour is not None:
        saved += risk.transition_hours * max(risk.market_rate_per_hour - ta.rate_per_hour, Decimal(0))
    return Decimal(str(risk.exit_probability)) * saved
