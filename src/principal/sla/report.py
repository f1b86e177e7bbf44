"""`sla_report`: everything `principal sla` shows for one offer, computed by the engine functions."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass

from principal.model.deal import Deal
from principal.model.sla import Outage
from principal.money import Amount
from principal.sla.chronic import describe
from principal.sla.comparison import DesignComparison, compare_designs, outage_components, richest_design
from principal.sla.coverage import impact_definitions
from principal.sla.downtime import AllowedDowntime, allowed_downtime
from principal.sla.fee_base import FeeBases, fee_bases_for_offer
from principal.sla.outage_model import OutageModel, fit_models, preset_model
from principal.sla.replay import ReplayResult, replay_outages, replay_windows
from principal.sla.simulation import SimulationResult, simulate_designs
from principal.sla.windows import months_per_window
from principal.statements import Statement

FeeBaseSource = Callable[[Deal, str], FeeBases]


@dataclass(frozen=True)
class FeeBaseUsed:
    """The fee base the offer's credits are a share of, its monthly amount, and where the amounts came from."""

    name: str
    monthly_amount: Amount
    source: str
    amounts: FeeBases


@dataclass(frozen=True)
class SlaReport:
    offer: str
    label: str | None
    sole_remedy: bool | None
    fee_base: FeeBaseUsed
    allowed: AllowedDowntime
    chronic_rules: tuple[Statement, ...]
    outage_log: str | None
    replay: ReplayResult | None
    simulation: SimulationResult | None
    comparison: DesignComparison | None


def outage_models(
    deal: Deal, offer: str, components: Sequence[str], outages: Sequence[Outage] | None, preset: str
) -> tuple[OutageModel, ...]:
    """Fitted from the log when one is given (components with too few outages keep the preset), else presets."""
    if outages is None:
        return tuple(preset_model(name, preset) for name in components)
    sla = deal.offer(offer).sla
    assert sla is not None
    observed = len(replay_windows(deal, sla, outages)) * months_per_window(sla.window)
    return fit_models(outages, components, observed, preset)


def sla_report(
    deal: Deal,
    offer: str,
    *,
    outages: Sequence[Outage] | None = None,
    outage_log: str | None = None,
    simulate: int | None = None,
    seed: int = 0,
    preset: str = "typical",
    against: str | None = None,
    fee_bases: FeeBaseSource = fee_bases_for_offer,
) -> SlaReport:
    sla = deal.offer(offer).sla
    if sla is None:
        raise ValueError(f"offer {offer!r} has no SLA")
    names = (offer,) if against is None else (offer, against)
    bases = {name: fee_bases(deal, name) for name in names}
    components = outage_components(deal, names)
    richest_sla = deal.offer(richest_design(deal, names)).sla
    assert richest_sla is not None
    definitions = impact_definitions(richest_sla, list(components))
    replay = None
    if outages is not None:
        replay = replay_outages(deal, offer, outages, bases[offer], impact_components=definitions)
    simulated: tuple[SimulationResult, ...] | None = None
    if simulate:
        models = outage_models(deal, offer, components, outages, preset)
        simulated = simulate_designs(deal, names, bases, models, runs=simulate, seed=seed, impact_sla=richest_sla)
    comparison = None
    if against is not None:
        comparison = compare_designs(
            deal, offer, against, bases, simulation=simulated, outages=list(outages) if outages is not None else None
        )
    base = bases[offer]
    return SlaReport(
        offer=offer,
        label=deal.offer(offer).label,
        sole_remedy=sla.sole_remedy,
        fee_base=FeeBaseUsed(
            name=sla.credits.fee_base.value,
            monthly_amount=base.monthly(sla.credits.fee_base, tuple(c.name for c in sla.components)),
            source=base.source,
            amounts=base,
        ),
        allowed=allowed_downtime(sla, deal.buyer.business_hours),
        chronic_rules=tuple(describe(rule, deal.currency) for rule in sla.chronic),
        outage_log=outage_log,
        replay=replay,
        simulation=simulated[0] if simulated else None,
        comparison=comparison,
    )
