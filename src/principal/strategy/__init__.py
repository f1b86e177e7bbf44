"""Negotiation strategy: staffing maths (Erlang C), contract KPIs, negotiation maths, clause drafts and the brief.

Entry points: `build_brief` (the negotiation brief of `principal plan`), `draft_clauses` (`principal clauses`),
`parse_goals`/`load_goals` and `build_kpis` (`principal kpis`), and the Erlang C functions `erlang_c`,
`service_level` and `agents_needed`. Imported on first use (see principal.lazy_exports).
"""

from typing import TYPE_CHECKING

from principal.lazy_exports import lazy_exports

if TYPE_CHECKING:
    from principal.strategy.clauses import Clause, ClauseSet, draft_clauses
    from principal.strategy.erlang import agents_needed, erlang_c, service_level
    from principal.strategy.kpis import KpiReport, build_kpis, load_goals, parse_goals
    from principal.strategy.plan.brief import Brief, build_brief

__all__ = [
    "Brief",
    "Clause",
    "ClauseSet",
    "KpiReport",
    "agents_needed",
    "build_brief",
    "build_kpis",
    "draft_clauses",
    "erlang_c",
    "load_goals",
    "parse_goals",
    "service_level",
]

__getattr__ = lazy_exports(
    __name__,
    {
        "principal.strategy.clauses": ("Clause", "ClauseSet", "draft_clauses"),
        "principal.strategy.erlang": ("agents_needed", "erlang_c", "service_level"),
        "principal.strategy.kpis": ("KpiReport", "build_kpis", "load_goals", "parse_goals"),
        "principal.strategy.plan.brief": ("Brief", "build_brief"),
    },
)
