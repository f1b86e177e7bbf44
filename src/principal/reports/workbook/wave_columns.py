"""The roll-out column of the monthly table, mirroring principal.cost.waves: agents live on the new platform.

- with waves: the sum of each wave's agents whose go-live month has come, IF(month >= go-live, agents, 0) + ...;
- without waves: every agent from the go-live month, IF(month >= go-live, agents, 0).

Usage on a forecast without an explicit schedule is scaled by agents live / agents until every agent is live, and
a licence billed on live seats bills ROUNDUP(quantity x agents live / agents) (SheetContext.live_seats).
"""

from __future__ import annotations

from principal.model.pricing import LicenceBilling
from principal.reports.workbook.sheet_context import SheetContext


def needs_live(ctx: SheetContext) -> bool:
    """The roll-out changes some figure: the offer has waves or bills a licence on live seats."""
    impl = ctx.offer.implementation
    waves = impl is not None and bool(impl.waves)
    return waves or any(lic.billed_on is LicenceBilling.live_seats for lic in ctx.offer.licenses)


def add_live_column(ctx: SheetContext) -> None:
    """Adds the agents-live column to the table (ctx.live) when the roll-out changes some figure."""
    if not needs_live(ctx):
        return
    t, i = ctx.table, ctx.inputs
    agents = ctx.deal_inputs.buyer.agents

    def formula(m: int) -> str:
        if not i.waves:
            return f"=IF({t.m(m)}>={i.go_live},{agents},0)"
        return "=" + "+".join(f"IF({t.m(m)}>={w.go_live},{w.agents},0)" for w in i.waves)

    ctx.live = t.add("agents live on the new platform", ctx.st.volume).set(formula, lambda m: ctx.shares[m - 1].live)


def live_factor(ctx: SheetContext, m: int) -> str:
    """The share of agents live in month m as a factor of a forecast's volume (1 once every agent is live)."""
    assert ctx.live is not None
    live, agents = ctx.table.at(ctx.live, m), ctx.deal_inputs.buyer.agents
    return f"IF({live}>={agents},1,{live}/{agents})"
