"""Outage stress scenarios, run through the SLA engine: a severe outage month and repeated misses."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from principal.align.stress import Area, StressResult, Verdict, verdict
from principal.model.deal import Deal
from principal.model.sla import Sla
from principal.sla.comparison import ScenarioOutage, scenario_outages
from principal.sla.fee_base import FeeBases
from principal.sla.replay import ReplayResult, replay_outages

WEAK_SHARE = Decimal("0.10")
"""Below this share of the buyer's loss carried by the vendor, a scenario is only weakly aligned."""


@dataclass(frozen=True)
class OutageTest:
    result: StressResult
    replay: ReplayResult


def _money(value: Decimal) -> str:
    return f"${value:,.2f}"


def _judge(vendor_change: Decimal, buyer_loss: Decimal) -> Verdict:
    base = verdict(vendor_change, buyer_loss)
    if base is Verdict.aligned and buyer_loss > 0 and -vendor_change < buyer_loss * WEAK_SHARE:
        return Verdict.weak
    return base


def core_component(sla: Sla) -> str:
    """The component agents depend on most: the first one listed (voice routing in CCaaS SLAs)."""
    return sla.components[0].name


def _replay(deal: Deal, offer: str, items: tuple[ScenarioOutage, ...], fees: FeeBases) -> ReplayResult:
    start = deal.start
    return replay_outages(deal, offer, scenario_outages(deal, items), fees, first_day=start)


def severe_outage(deal: Deal, offer: str, fees: FeeBases) -> OutageTest | None:
    sla = deal.offers[offer].sla
    if sla is None:
        return None
    hours = deal.incentives.stress.severe_outage_hours
    core = core_component(sla)
    replay = _replay(deal, offer, (ScenarioOutage(core, 1, int(hours * 60)),), fees)
    credits, impact = replay.credits_paid.number, replay.impact.total.number
    share = f" ({float(credits / impact) * 100:.1f}%)" if impact else ""
    message = (
        f"{core} down {hours} hours in one month: the operation loses {_money(impact)} "
        f"(idle payroll {_money(replay.impact.idle_payroll.number)}, "
        f"lost contacts {_money(replay.impact.lost_contacts.number)}); "
        f"credits pay back {_money(credits)}{share}"
    )
    if replay.windows and replay.windows[0].capped:
        message += f", held down by the {sla.credits.cap_percent}% cap"
    buyer = impact - credits
    return OutageTest(
        StressResult(
            "severe-outage", Area.sla, "Severe outage month", buyer, -credits, _judge(-credits, buyer), message
        ),
        replay,
    )


def repeated_misses(deal: Deal, offer: str, fees: FeeBases) -> OutageTest | None:
    sla = deal.offers[offer].sla
    if sla is None:
        return None
    st = deal.incentives.stress
    months = [1 + 2 * i for i in range(st.repeated_misses)]
    core = core_component(sla)
    items = tuple(ScenarioOutage(core, m, int(st.miss_outage_hours * 60)) for m in months)
    replay = _replay(deal, offer, items, fees)
    credits, impact = replay.credits_paid.number, replay.impact.total.number
    fired = [c for c in replay.chronic if c.fires_in_window is not None]
    exit_text = (
        f"; the chronic-failure right arises in month {fired[0].fires_in_window} ({fired[0].remedy.replace('_', ' ')})"
        if fired
        else "; no exit right arises"
    )
    month_text = ", ".join(str(m) for m in months)
    message = (
        f"{core} misses in months {month_text} ({st.miss_outage_hours} h each): the operation loses {_money(impact)}, "
        f"credits pay {_money(credits)}{exit_text}"
    )
    buyer = impact - credits
    v = _judge(-credits, buyer)
    if fired and v is Verdict.weak:
        v = Verdict.aligned  # the vendor now risks the whole affected revenue, not just the credits
    return OutageTest(
        StressResult("repeated-misses", Area.sla, "Repeated SLA misses", buyer, -credits, v, message), replay
    )
