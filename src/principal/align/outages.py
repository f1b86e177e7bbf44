"""Outage stress scenarios, run through the SLA engine: a severe outage month and repeated misses.

Outages fall only in live months (from the go-live month of the offer at plan, every other month after it), so
credits are worked out on fee bases the buyer is actually billed: the fee bases are those of the go-live month,
and `live_outage_months` keeps every outage in that month's contract year so each month's fees are the same.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from principal.align.stress import Area, StressResult, Verdict, verdict
from principal.model.deal import Deal
from principal.model.sla import Sla
from principal.money import Amount
from principal.sla.comparison import ScenarioOutage, scenario_outages
from principal.sla.fee_base import FeeBases
from principal.sla.replay import ReplayResult, replay_outages
from principal.statements import Count, Percent, Share, say

WEAK_SHARE = Decimal("0.10")
"""Below this share of the buyer's loss carried by the vendor, a scenario is only weakly aligned."""


@dataclass(frozen=True)
class OutageTest:
    result: StressResult
    replay: ReplayResult


def _judge(vendor_change: Decimal, buyer_loss: Decimal) -> Verdict:
    base = verdict(vendor_change, buyer_loss)
    if base is Verdict.aligned and buyer_loss > 0 and -vendor_change < buyer_loss * WEAK_SHARE:
        return Verdict.weak
    return base


def core_component(sla: Sla) -> str:
    """The component agents depend on most: the first one listed (voice routing in CCaaS SLAs)."""
    return sla.components[0].name


def live_outage_months(deal: Deal, offer: str, count: int) -> list[int]:
    """Months of `count` outages: the go-live month and every other month after it, inside the term and inside
    the go-live month's contract year where the term allows (so the go-live month's fee bases are each month's)."""
    from principal.cost.schedule import schedule

    sched = schedule(deal, offer)
    first = min(max(sched.go_live_month, sched.billing_start_month), sched.term_months)
    year_end = min(((first - 1) // 12 + 1) * 12, sched.term_months)
    months = [first + 2 * i for i in range(count)]
    if months[-1] > year_end:  # too few months left in the year at a two-month spacing: one a month
        months = [first + i for i in range(count)]
    return [m for m in months if m <= sched.term_months]


def _replay(deal: Deal, offer: str, items: tuple[ScenarioOutage, ...], fees: FeeBases) -> ReplayResult:
    start = deal.start
    return replay_outages(deal, offer, scenario_outages(deal, items), fees, first_day=start)


def severe_outage(deal: Deal, offer: str, fees: FeeBases) -> OutageTest | None:
    sla = deal.offers[offer].sla
    if sla is None:
        return None
    hours = deal.incentives.stress.severe_outage_hours
    core = core_component(sla)
    month = live_outage_months(deal, offer, 1)[0]
    replay = _replay(deal, offer, (ScenarioOutage(core, month, int(hours * 60)),), fees)
    credits, impact = replay.credits_paid.number, replay.impact.total.number
    cur = deal.currency
    message = say(
        "{component} down {hours} hours in month {month}: the operation loses {impact} (idle payroll {idle}, lost "
        "contacts {lost}); credits pay back {credits}",
        component=core,
        hours=Count(hours),
        month=month,
        impact=Amount(impact, cur),
        idle=replay.impact.idle_payroll,
        lost=replay.impact.lost_contacts,
        credits=Amount(credits, cur),
    )
    if impact:
        message += say(" ({covered})", covered=Share(credits / impact))
    if replay.windows and replay.windows[0].capped and sla.credits.cap_percent is not None:
        message += say(", held down by the {cap} cap", cap=Percent(sla.credits.cap_percent))
    buyer = impact - credits
    result = StressResult(
        id="severe-outage",
        area=Area.sla,
        title="Severe outage month",
        verdict=_judge(-credits, buyer),
        buyer_change=Amount(buyer, cur),
        vendor_change=Amount(-credits, cur),
        with_protection=None,
        message=message,
    )
    return OutageTest(result, replay)


def repeated_misses(deal: Deal, offer: str, fees: FeeBases) -> OutageTest | None:
    sla = deal.offers[offer].sla
    if sla is None:
        return None
    st = deal.incentives.stress
    months = live_outage_months(deal, offer, st.repeated_misses)
    core = core_component(sla)
    items = tuple(ScenarioOutage(core, m, int(st.miss_outage_hours * 60)) for m in months)
    replay = _replay(deal, offer, items, fees)
    credits, impact = replay.credits_paid.number, replay.impact.total.number
    fired = [c for c in replay.chronic if c.fires_in_window is not None]
    cur = deal.currency
    message = say(
        "{component} misses in months {months} ({hours} h each): the operation loses {impact}, credits pay {credits}",
        component=core,
        months=", ".join(str(m) for m in months),
        hours=Count(st.miss_outage_hours),
        impact=Amount(impact, cur),
        credits=Amount(credits, cur),
    )
    if fired and fired[0].fires_in_window is not None:
        message += say(
            "; the chronic-failure right arises in month {arises} ({remedy})",
            arises=fired[0].fires_in_window,
            remedy=fired[0].remedy.replace("_", " "),
        )
    else:
        message += say("; no exit right arises")
    buyer = impact - credits
    v = _judge(-credits, buyer)
    if fired and v is Verdict.weak:
        v = Verdict.aligned  # the vendor now risks the whole affected revenue, not just the credits
    result = StressResult(
        id="repeated-misses",
        area=Area.sla,
        title="Repeated SLA misses",
        verdict=v,
        buyer_change=Amount(buyer, cur),
        vendor_change=Amount(-credits, cur),
        with_protection=None,
        message=message,
    )
    return OutageTest(result, replay)
