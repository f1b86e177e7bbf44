"""Contract-ready KPIs from operations goals, with Erlang C feasibility of service-level targets."""

from principal.strategy.kpis.builder import Feasibility, Kpi, KpiReport, build_kpis, check_staffing
from principal.strategy.kpis.goals import Goal, GoalsFile, StaffingPlan
from principal.strategy.kpis.goals_file import LoadedGoals, load_goals, parse_goals
from principal.strategy.kpis.library import LIBRARY, KpiDefinition, KpiKind

__all__ = [
    "LIBRARY",
    "Feasibility",
    "Goal",
    "GoalsFile",
    "Kpi",
    "KpiDefinition",
    "KpiKind",
    "KpiReport",
    "LoadedGoals",
    "StaffingPlan",
    "build_kpis",
    "check_staffing",
    "load_goals",
    "parse_goals",
]
