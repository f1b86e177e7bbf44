"""The SLA engine: allowed downtime, outage replay, simulation, credits, chronic rules and design comparison.

Plain functions over the deal model returning frozen dataclasses; money is `principal.money.Amount` in the deal's
currency (rounded to its minor unit where a figure is paid or shown), sentences are `Statement`s:
`allowed_downtime`, `replay_outages`, `simulate_designs`, `compare_designs`, and `sla_report` which runs them for
the `principal sla` command. Fee amounts come in as `FeeBases` (see `fee_base`).
"""

from principal.sla.comparison import DesignComparison, compare_designs
from principal.sla.downtime import AllowedDowntime, allowed_downtime
from principal.sla.fee_base import FeeBases, fee_bases_for_offer
from principal.sla.replay import ReplayResult, replay_outages
from principal.sla.report import SlaReport, sla_report
from principal.sla.simulation import SimulationResult, simulate_designs

__all__ = [
    "AllowedDowntime",
    "DesignComparison",
    "FeeBases",
    "ReplayResult",
    "SimulationResult",
    "SlaReport",
    "allowed_downtime",
    "compare_designs",
    "fee_bases_for_offer",
    "replay_outages",
    "simulate_designs",
    "sla_report",
]
