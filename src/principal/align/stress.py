"""Stress scenarios: when things go badly for the buyer, does the vendor earn more, the same, or less?

Each scenario is run through the cost engine (and the SLA engine for outages) and reports the buyer's change in
cost or impact and the vendor's change in revenue, both as amounts in the deal's currency, and what happens as a
`Statement` whose figures the presentation layer formats.

The one definition every scenario is judged by (`verdict`; no scenario overrides it):
- misaligned: the buyer's outcome worsens (buyer change > 0) and the vendor's revenue rises (vendor change > 0);
- indifferent: the buyer's outcome worsens and the vendor's revenue does not move;
- aligned: the buyer's outcome does not worsen, or the vendor's revenue falls with it (the outage tests refine
  "aligned" into "weakly aligned" when the vendor carries under a tenth of the loss).
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from enum import StrEnum

from principal.align.context import OfferContext, is_ai_meter
from principal.cost.lines import Category
from principal.cost.scenario import Scenario
from principal.cost.schedule import schedule
from principal.model.pricing import Period, UsageCap
from principal.money import Amount
from principal.statements import Count, Percent, Statement, say


class Verdict(StrEnum):
    misaligned = "misaligned"
    """The vendor earns more as the buyer's outcome worsens."""
    indifferent = "indifferent"
    """The vendor's revenue does not move: the buyer carries the whole loss."""
    weak = "weakly aligned"
    """The vendor carries some of the loss, but under a tenth of it."""
    aligned = "aligned"
    """The vendor carries a real share of the loss."""


class Area(StrEnum):
    pricing = "pricing and usage"
    kpis = "KPIs and reporting"
    sla = "SLA and uptime"
    implementation = "implementation"
    exit = "term, risk and exit"


@dataclass(frozen=True)
class StressResult:
    id: str
    area: Area
    title: str
    verdict: Verdict
    buyer_change: Amount
    """Extra cost or business impact to the buyer over the term (positive = worse for the buyer)."""
    vendor_change: Amount
    """Change in the vendor's revenue over the term (positive = the vendor earns more)."""
    with_protection: Amount | None
    """The buyer's extra cost with the protection that would fix it (e.g. a 110% cap), when it is not in the offer."""
    message: Statement


def verdict(vendor_change: Decimal, buyer_change: Decimal) -> Verdict:
    """The misalignment definition (see the module docstring), written once."""
    if buyer_change <= 0:
        return Verdict.aligned
    if vendor_change > 0:
        return Verdict.misaligned
    if vendor_change == 0:
        return Verdict.indifferent
    return Verdict.aligned


def result(
    ctx: OfferContext,
    id_: str,
    area: Area,
    title: str,
    buyer: Decimal,
    vendor: Decimal,
    message: Statement,
    *,
    protected: Decimal | None = None,
) -> StressResult:
    """A scenario's result with its figures as amounts in the deal's currency, judged by `verdict`."""
    return StressResult(
        id=id_,
        area=area,
        title=title,
        verdict=verdict(vendor, buyer),
        buyer_change=ctx.money(buyer),
        vendor_change=ctx.money(vendor),
        with_protection=None if protected is None else ctx.money(protected),
        message=message,
    )


def usage_overrun(ctx: OfferContext, percent: Decimal) -> StressResult:
    plan = ctx.schedule
    scen = Scenario(name=f"usage +{percent}%", volume_factor=1 + percent / 100)
    stressed = schedule(ctx.deal, ctx.name, scen)
    delta = stressed.total - plan.total
    message = say(
        "usage {over} over forecast: the vendor earns {gain} more and you pay {paid}",
        over=Percent(percent),
        gain=ctx.money(delta),
        paid=ctx.money(delta),
    )
    protected: Decimal | None = None
    if ctx.offer.usage_cap is None and ctx.offer.usage:
        capped_offer = ctx.offer.model_copy(
            update={"usage_cap": UsageCap(period=Period.year, percent_of_forecast=Decimal(110))}
        )
        capped = schedule(ctx.deal, ctx.name, scen, offer=capped_offer)
        capped_plan = schedule(ctx.deal, ctx.name, offer=capped_offer)
        protected = capped.total - capped_plan.total
        message += say("; with a 110% annual cap, {capped}", capped=ctx.money(protected))
    elif ctx.offer.usage_cap is not None:
        refused = -stressed.category_total(Category.usage_cap)
        message += (
            say(" (the cap refuses {refused})", refused=ctx.money(refused))
            if refused
            else say(" (the cap does not bind at this level)")
        )
    return result(
        ctx,
        f"usage+{percent}",
        Area.pricing,
        f"Usage {percent}% above forecast",
        delta,
        delta,
        message,
        protected=protected,
    )


def launch_spike(ctx: OfferContext) -> StressResult | None:
    events = [(name, e) for name, fc in ctx.deal.buyer.forecasts.items() for e in fc.events]
    used = {m.forecast for m in ctx.offer.usage}
    events = [(n, e) for n, e in events if n in used]
    if not events:
        return None
    stressed = schedule(ctx.deal, ctx.name, Scenario(name="events", events_occur=True))
    delta = stressed.total - ctx.schedule.total
    names = ", ".join(f"{e.name} ({n})" for n, e in events)
    message = say(
        "if {events} happens: the vendor earns {gain} more and you pay {paid}",
        events=names,
        gain=ctx.money(delta),
        paid=ctx.money(delta),
    )
    refused = -stressed.category_total(Category.usage_cap)
    if refused:
        message += say("; the cap refuses {refused}", refused=ctx.money(refused))
    return result(ctx, "launch", Area.pricing, "Launch spike", delta, delta, message)


def vendor_configuration(ctx: OfferContext) -> StressResult | None:
    ai = [m for m in ctx.offer.usage if is_ai_meter(m) and m.opt_in is not True]
    if not ai:
        return None
    pct = ctx.deal.incentives.stress.vendor_config_extra_percent
    factors = tuple((m.forecast, 1 + pct / 100) for m in ai)
    stressed = schedule(ctx.deal, ctx.name, Scenario(name="vendor configuration", forecast_factors=factors))
    delta = stressed.total - ctx.schedule.total
    message = say(
        "a recommended configuration that adds {extra} billable events to {meters} earns the vendor {gain} over "
        "the term, paid by you with no better outcome",
        extra=Percent(pct),
        meters=", ".join(m.name for m in ai),
        gain=ctx.money(delta),
    )
    return result(ctx, "vendor-config", Area.pricing, "Vendor-recommended configuration", delta, delta, message)


def implementation_slip(ctx: OfferContext) -> StressResult:
    """Go-live slips by the stress months. Measured over the term with the cost engine:
    - the vendor: its revenue under the slip minus at plan (usage it loses while nothing is live, fees that wait
      for go-live; a payment that only moves later is not a loss);
    - the buyer: its incremental cash, the cost of switching under the slip minus at plan (the new contract plus
      the incumbent's dual running, which runs longer), or the contract alone when the incumbent is unknown.
    """
    from principal.cost.switching import switching_cost

    months = ctx.deal.incentives.stress.slip_months
    scen = Scenario(name=f"slip {months}", go_live_delay_months=months)
    slipped = schedule(ctx.deal, ctx.name, scen)
    vendor = slipped.total - ctx.schedule.total
    plan_sw = switching_cost(ctx.deal, ctx.name, contract=ctx.schedule)
    slip_sw = switching_cost(ctx.deal, ctx.name, scen, contract=slipped)
    known = plan_sw.total is not None and slip_sw.total is not None
    dual = (slip_sw.dual_running or Decimal(0)) - (plan_sw.dual_running or Decimal(0)) if known else None
    buyer = vendor + (dual or Decimal(0))
    lost_months = range(ctx.schedule.go_live_month, slipped.go_live_month)
    paid_for_nothing = sum(
        (
            ln.amount
            for ln in slipped.lines
            if ln.category in (Category.licenses, Category.recurring) and ln.month in lost_months
        ),
        Decimal(0),
    )
    message = say(
        "go-live {late} months late: the vendor's revenue over the term changes by {vendor} (usage and fees that "
        "wait for go-live); you pay {idle} of subscription for months without service",
        late=Count(months),
        vendor=ctx.money(vendor),
        idle=ctx.money(paid_for_nothing),
    )
    if dual is not None:
        message += say(
            " and {dual} more of the incumbent running alongside; your cash over the term changes by {cash}",
            dual=ctx.money(dual),
            cash=ctx.money(buyer),
        )
    else:
        message += say(
            "; your cash over the term changes by {cash}, not counting the incumbent, whose monthly cost the deal "
            "does not give",
            cash=ctx.money(buyer),
        )
    return result(ctx, "slip", Area.implementation, f"Implementation {months} months late", buyer, vendor, message)


def low_adoption(ctx: OfferContext) -> StressResult:
    pct = ctx.deal.incentives.stress.unused_seat_percent
    licences = ctx.schedule.category_total(Category.licenses)
    wasted = licences * pct / 100
    message = say(
        "if {unused} of seats go unused because supervisors and agents do not adopt the tool, you pay {wasted} "
        "for them over the term; the vendor's revenue does not change",
        unused=Percent(pct),
        wasted=ctx.money(wasted),
    )
    return result(ctx, "adoption", Area.kpis, "Low adoption", wasted, Decimal(0), message)


def automation_seat_cut(ctx: OfferContext) -> StressResult:
    st = ctx.deal.incentives.stress
    pct, month = st.automation_seat_reduction_percent, st.automation_from_month
    reduced = schedule(ctx.deal, ctx.name, Scenario(name="fewer seats", licence_quantity_from=(month, 1 - pct / 100)))
    saving = ctx.schedule.total - reduced.total
    sr = ctx.offer.exit.seat_reduction if ctx.offer.exit else None
    allowed = sr.allowed if sr else None
    title = "Seat reduction after automation"
    if allowed:
        message = say(
            "automation removes {removed} of seats from month {month}: the offer lets you cut them and save {saving}",
            removed=Percent(pct),
            month=month,
            saving=ctx.money(saving),
        )
        return result(ctx, "automation", Area.exit, title, Decimal(0), -saving, message)
    message = say(
        "automation removes {removed} of seats from month {month}: the offer {state} a reduction, so you keep "
        "paying {kept} for seats you no longer need and the vendor keeps that revenue",
        removed=Percent(pct),
        month=month,
        state="does not allow" if allowed is False else "does not say whether it allows",
        kept=ctx.money(saving),
    )
    return result(ctx, "automation", Area.exit, title, saving, Decimal(0), message)


def exit_at_renewal(ctx: OfferContext) -> StressResult:
    """Leaving at renewal: what the vendor bills for data export and transition. A term the offer does not include
    or leaves unknown is priced at the plan's stated assumptions (negotiation.buyer_risk: export fee, market rate),
    so an offer without exit terms never reads as free; every amount the vendor bills is revenue from the buyer's
    exit, so the test is misaligned whenever there is one."""
    from principal.model.negotiation import Negotiation

    ex = ctx.offer.exit
    hours = ctx.deal.incentives.stress.transition_hours
    risk = (ctx.deal.negotiation or Negotiation()).buyer_risk
    parts: list[Statement] = []
    cost = Decimal(0)
    assumed: list[str] = []
    de = ex.data_export if ex else None
    if de is None or de.included is not True:
        cost += risk.data_export_fee
        assumed.append("data export")
        parts.append(say("export {export_fee}, the plan's assumption", export_fee=ctx.money(risk.data_export_fee)))
    elif de.fee:
        cost += de.fee
        parts.append(say("export fee {export_fee}", export_fee=ctx.money(de.fee)))
    ta = ex.transition_assistance if ex else None
    if ta is None or ta.included is not True or ta.rate_per_hour is None:
        rate = risk.market_rate_per_hour
        assumed.append("transition rates")
        parts.append(
            say(
                "{hours} h of transition at {hourly}, the plan's market-rate assumption",
                hours=Count(hours),
                hourly=ctx.money(rate),
            )
        )
    else:
        rate = ta.rate_per_hour
        parts.append(say("{hours} h of transition at {hourly}", hours=Count(hours), hourly=ctx.money(rate)))
    cost += rate * hours
    message = say("leaving at renewal costs {cost}, all of it billed by the vendor", cost=ctx.money(cost))
    if parts:
        message += say(" (") + joined(parts, "; ") + say(")")
    if assumed:
        message += say(
            "; the offer does not price {unpriced}, which the vendor can set when you have no alternative",
            unpriced=", ".join(assumed),
        )
    return result(ctx, "exit", Area.exit, "Exit at renewal", cost, cost, message)


def joined(parts: list[Statement], separator: str) -> Statement:
    """Statements one after another with `separator` between them (their field names must differ)."""
    out = say("")
    for i, part in enumerate(parts):
        out += (say(separator) if i else say("")) + part
    return out


def cost_scenarios(ctx: OfferContext) -> list[StressResult]:
    out = (
        [usage_overrun(ctx, pct) for pct in ctx.deal.incentives.stress.usage_overruns_percent]
        if ctx.offer.usage
        else []
    )
    for extra in (launch_spike(ctx), vendor_configuration(ctx)):
        if extra is not None:
            out.append(extra)
    out.extend([implementation_slip(ctx), low_adoption(ctx), automation_seat_cut(ctx), exit_at_renewal(ctx)])
    return out
