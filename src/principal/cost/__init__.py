"""The cost engine: deterministic schedules, Monte Carlo over forecasts, offer comparison.

Entry points: `schedule` (one offer's monthly cash flows), `cost_report` and `cost_result` (what `principal cost`
reports), `compare` and `comparison_result` (offers side by side, savings by lever), `simulate` (term cost under
forecast uncertainty), `switching_cost` (the cost of switching to an offer against staying, with the incumbent's
dual running, a `Transition`) and the chart series `cumulative_costs`, `cumulative_switching` and
`term_histograms`. The report, result,
simulation and chart modules are imported on first use (see principal.lazy_exports).
"""

from typing import TYPE_CHECKING

from principal.cost.compare import Comparison, compare
from principal.cost.lines import Category, Line, Schedule, YearTotal
from principal.cost.scenario import PLAN, Scenario
from principal.cost.schedule import schedule
from principal.lazy_exports import lazy_exports

if TYPE_CHECKING:
    from principal.cost.charts import (
        CumulativeCosts,
        Histogram,
        cumulative_costs,
        cumulative_switching,
        term_histograms,
    )
    from principal.cost.montecarlo import Simulation, simulate
    from principal.cost.report import CostReport, OfferCost, cost_report
    from principal.cost.results import ComparisonResult, CostResult, comparison_result, cost_result
    from principal.cost.switching import SwitchingCost, switching_cost
    from principal.cost.transition import Transition

__all__ = [
    "PLAN",
    "Category",
    "Comparison",
    "ComparisonResult",
    "CostReport",
    "CostResult",
    "CumulativeCosts",
    "Histogram",
    "Line",
    "OfferCost",
    "Scenario",
    "Schedule",
    "Simulation",
    "SwitchingCost",
    "Transition",
    "YearTotal",
    "compare",
    "comparison_result",
    "cost_report",
    "cost_result",
    "cumulative_costs",
    "cumulative_switching",
    "schedule",
    "simulate",
    "switching_cost",
    "term_histograms",
]

__getattr__ = lazy_exports(
    __name__,
    {
        "principal.cost.charts": (
            "CumulativeCosts",
            "Histogram",
            "cumulative_costs",
            "cumulative_switching",
            "term_histograms",
        ),
        "principal.cost.montecarlo": ("Simulation", "simulate"),
        "principal.cost.report": ("CostReport", "OfferCost", "cost_report"),
        "principal.cost.results": ("ComparisonResult", "CostResult", "comparison_result", "cost_result"),
        "principal.cost.switching": ("SwitchingCost", "switching_cost"),
        "principal.cost.transition": ("Transition",),
    },
)
