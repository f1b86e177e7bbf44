"""The cost engine: deterministic schedules, Monte Carlo over forecasts, offer comparison."""

from principal.cost.lines import Category, Line, Schedule, YearTotal
from principal.cost.scenario import PLAN, Scenario
from principal.cost.schedule import schedule

__all__ = ["PLAN", "Category", "Line", "Scenario", "Schedule", "YearTotal", "schedule"]
