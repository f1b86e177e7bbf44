"""The negotiation brief for the room: `build_brief(deal) -> Brief`.

Money asks carry the cost engine's Shapley lever values, so they add up to `principal compare`'s saving of the ask
over the baseline. Risk terms carry the expected values of `valuation`. The issue space runs from the vendor's latest
offer to beyond the ask; Nash point and MESO packages come from the numpy engine over it.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from principal.align.report import align
from principal.align.scorecard import alignment_score
from principal.cost import schedule
from principal.cost.compare import attribute_levers
from principal.cost.incumbent import incumbent_months
from principal.model.common import to_cents
from principal.model.deal import Deal, Offer
from principal.model.negotiation import IssueKey, Negotiation
from principal.strategy.negotiation import Utilities, Zopa, meso, nash_point, zopa
from principal.strategy.plan.deal_space import DealSpace, build_space

LEVER_ISSUE = {
    "licences": IssueKey.seat_price,
    "uplift": IssueKey.uplift,
    "usage_rates": IssueKey.usage_rates,
    "usage_cap": IssueKey.usage_cap,
    "one_time_fees": IssueKey.holdback,
}

THEMES: dict[str, tuple[IssueKey, ...]] = {
    "license-price-led": (IssueKey.seat_price, IssueKey.uplift),
    "usage-cap-and-bands-led": (IssueKey.usage_rates, IssueKey.usage_cap),
    "credits-and-exit-led": (IssueKey.sla_credits, IssueKey.chronic_exit, IssueKey.holdback, IssueKey.exit_terms),
}


@dataclass(frozen=True)
class Ask:
    issue: str
    title: str
    ask: str
    value_vs_baseline: Decimal
    open_vs_vendor: Decimal
    risk_value: Decimal
    weight: Decimal
    ranked_value: Decimal
    vendor_cost: Decimal
    source: str
    formula: str


@dataclass(frozen=True)
class Trade:
    issue: str
    title: str
    buyer_value: Decimal
    vendor_cost: Decimal
    ratio: float | None
    role: str


@dataclass(frozen=True)
class ConcessionStep:
    order: int
    issue: str
    give: str
    buyer_value_given: Decimal
    term_cost_after: Decimal
    buyer_utility_after: Decimal
    within_walk_away: bool


@dataclass(frozen=True)
class Package:
    theme: str
    levels: dict[str, str]
    term_cost: Decimal
    buyer_utility: Decimal
    vendor_utility: Decimal
    acceptance: float
    alignment_score: float | None


@dataclass(frozen=True)
class Counter:
    vendor_says: str
    reply: str


@dataclass(frozen=True)
class Brief:
    deal: str
    currency: str
    baseline: str
    vendor_offer: str
    target: str
    objectives: tuple[str, ...]
    batna: str
    batna_cost: Decimal
    walk_away: Decimal
    vendor_offer_cost: Decimal
    target_cost: Decimal
    vendor_reservation_formula: str
    zopa: Zopa
    nash_levels: dict[str, str] | None
    nash_cost: Decimal | None
    buyer_disagreement: Decimal
    vendor_disagreement: Decimal
    target_utility: Decimal
    asks: tuple[Ask, ...]
    compare_saving: Decimal
    open_saving: Decimal
    trade_map: tuple[Trade, ...]
    concessions: tuple[ConcessionStep, ...]
    counters: tuple[Counter, ...]
    questions: tuple[str, ...]
    talk_track: tuple[str, ...]
    packages: tuple[Package, ...]
    notes: tuple[str, ...]


def pick_names(deal: Deal, negotiation: Negotiation) -> tuple[str, str, str]:
    """(baseline, vendor's latest offer, target) from the settings or the offer order."""
    names = list(deal.offers)
    baseline = deal.baseline_name
    target = negotiation.target_offer or names[-1]
    vendor = negotiation.vendor_offer
    if vendor is None:
        before = names[: names.index(target)]
        candidates = [n for n in before if n != baseline]
        vendor = candidates[-1] if candidates else baseline
    return baseline, vendor, target


def build_brief(deal: Deal) -> Brief:
    from principal.strategy.plan import talk

    negotiation = deal.negotiation or Negotiation()
    baseline, vendor_name, target = pick_names(deal, negotiation)
    space = build_space(deal, vendor_name, target, negotiation)
    vendor_cost_total = schedule(deal, vendor_name).total
    target_cost = schedule(deal, target).total
    batna_cost = _batna_cost(deal, negotiation, deal.offers[target].term_months)
    walk_away = negotiation.walk_away_tco if negotiation.walk_away_tco is not None else batna_cost
    room = negotiation.vendor.room_percent
    floor_share = negotiation.vendor.cost_to_serve_percent
    vendor_reservation = max(vendor_cost_total * (1 - room / 100), vendor_cost_total * floor_share / 100)
    reservation_formula = (
        f"the vendor's latest offer {to_cents(vendor_cost_total)} x (1 - {room:.4g}% concession room: "
        f"{negotiation.vendor.concession_budget_percent}% budget widened for "
        f"{negotiation.vendor.quarter_end_pressure.value} quarter-end pressure), never below its "
        f"{floor_share}% cost to serve"
    )
    area = zopa(to_cents(walk_away), to_cents(vendor_reservation), negotiation.buyer_power)
    util = space.space.all_utilities()
    ask_index = space.space.index(space.ask_levels)
    target_utility = float(space.space.utilities([ask_index]).buyer[0])
    d_b = vendor_cost_total - walk_away
    d_v = -(vendor_cost_total - vendor_reservation)
    scale = float(vendor_cost_total * negotiation.vendor.acceptance_scale_percent / 100)
    # Only packages whose term cost beats the walk-away can be offered: their money issues must save at least
    # d_b against the vendor's offer. Risk values count in the utility, never towards that test.
    money = space.money_savings()
    affordable = money >= float(d_b)
    util = Utilities(util.index[affordable], util.buyer[affordable], util.vendor[affordable])
    best = nash_point(util.buyer, util.vendor, float(d_b), float(d_v))
    nash = int(util.index[best]) if best is not None else None
    nash_levels = space.space.describe(nash) if nash is not None else None
    nash_cost = to_cents(space.term_cost(tuple(space.space.levels([nash])[0]))) if nash is not None else None
    themes = {
        name: [k.value for k in keys if k.value in {i.key.value for i in space.issues}] for name, keys in THEMES.items()
    }
    themes = {name: keys for name, keys in themes.items() if keys}
    # An offer that costs nothing leaves the vendor nothing to concede: no package to rank by its acceptance.
    found = (
        meso(
            space.space,
            target_utility,
            vendor_disagreement=float(d_v),
            scale=scale,
            themes=themes,
            utilities=util,
            relative_to=ask_index,
        )
        if scale > 0
        else []
    )
    order = {name: k for k, name in enumerate(THEMES)}
    packages = tuple(
        Package(
            theme=item.theme,
            levels=item.levels,
            term_cost=to_cents(space.term_cost(tuple(space.space.levels([item.index])[0]))),
            buyer_utility=to_cents(Decimal(repr(item.buyer_utility))),
            vendor_utility=to_cents(Decimal(repr(item.vendor_utility))),
            acceptance=item.acceptance,
            alignment_score=_package_alignment(deal, space.offer_for(tuple(space.space.levels([item.index])[0]))),
        )
        for item in sorted(found, key=lambda p: order[p.theme])
    )
    asks, compare_saving, open_saving = _asks(deal, space, baseline, vendor_name, target)
    trades = _trade_map(space)
    steps = _concessions(space, trades, walk_away)
    notes = [
        "A package's alignment score (0-100) is the mean of its five scorecard areas from `principal align`: "
        "strong 100, needs work 50, at risk 0.",
        f"Risk values are expected values over the assumptions in the deal's negotiation block (or their defaults); "
        f"they are measured against the vendor's latest offer {vendor_name!r}.",
    ]
    missing_themes = [name for name in THEMES if name not in {p.theme for p in packages}]
    if missing_themes:
        notes.append(
            "No package of equal value (within 1%) leads with: " + ", ".join(missing_themes) + "; the issue space "
            "has no levels that reach the ask's value that way."
        )
    brief = Brief(
        deal=deal.name,
        currency=deal.currency,
        baseline=baseline,
        vendor_offer=vendor_name,
        target=target,
        objectives=(),
        batna=negotiation.batna.description,
        batna_cost=to_cents(batna_cost),
        walk_away=to_cents(walk_away),
        vendor_offer_cost=to_cents(vendor_cost_total),
        target_cost=to_cents(target_cost),
        vendor_reservation_formula=reservation_formula,
        zopa=area,
        nash_levels=nash_levels,
        nash_cost=nash_cost,
        buyer_disagreement=to_cents(d_b),
        vendor_disagreement=to_cents(d_v),
        target_utility=to_cents(Decimal(repr(target_utility))),
        asks=asks,
        compare_saving=compare_saving,
        open_saving=open_saving,
        trade_map=trades,
        concessions=steps,
        counters=(),
        questions=(),
        talk_track=(),
        packages=packages,
        notes=tuple(notes),
    )
    return talk.with_words(brief, deal, space)


def _package_alignment(deal: Deal, offer: Offer) -> float:
    """The alignment scorecard of a package, scored 0-100 (see principal.align.scorecard.alignment_score)."""
    trial = deal.model_copy(update={"offers": {**deal.offers, "package": offer}})
    return alignment_score(align(trial, "package").areas)


def _batna_cost(deal: Deal, negotiation: Negotiation, term_months: int) -> Decimal:
    if negotiation.batna.term_cost is not None:
        return negotiation.batna.term_cost
    months = incumbent_months(deal, term_months)
    return sum(months, Decimal(0)) if months is not None else Decimal(0)


def _asks(
    deal: Deal, space: DealSpace, baseline: str, vendor_name: str, target: str
) -> tuple[tuple[Ask, ...], Decimal, Decimal]:
    versus_base = attribute_levers(deal, baseline, target)
    versus_vendor = attribute_levers(deal, vendor_name, target)
    open_by_lever = {lv.lever: lv.term for lv in versus_vendor.levers}
    by_issue = {issue.key: issue for issue in space.issues}
    negotiation = space.negotiation
    out: list[Ask] = []
    seen: set[IssueKey] = set()
    for lever in versus_base.levers:
        key = LEVER_ISSUE.get(lever.lever)
        issue = by_issue.get(key) if key is not None else None
        level = issue.levels[issue.ask_level] if issue is not None else None
        risk = level.buyer_value if key in (IssueKey.usage_cap, IssueKey.holdback) and level is not None else Decimal(0)
        weight = negotiation.weight(key) if key is not None else Decimal(1)
        opened = open_by_lever.get(lever.lever, Decimal(0))
        if key is not None:
            seen.add(key)
        out.append(
            Ask(
                issue=key.value if key is not None else lever.lever,
                title=lever.description,
                ask=level.label if level is not None else "as in the ask",
                value_vs_baseline=to_cents(lever.term),
                open_vs_vendor=to_cents(opened),
                risk_value=to_cents(risk),
                weight=weight,
                ranked_value=to_cents(weight * (opened + risk)),
                vendor_cost=to_cents(-level.vendor_value if level is not None else opened),
                source=f"principal compare: {target} vs {baseline}, lever '{lever.lever}'",
                formula=level.formula if level is not None else "cost engine lever attribution",
            )
        )
    for issue in space.issues:
        if issue.key in seen:
            continue
        level = issue.levels[issue.ask_level]
        weight = negotiation.weight(issue.key)
        out.append(
            Ask(
                issue=issue.key.value,
                title=issue.title,
                ask=level.label,
                value_vs_baseline=Decimal(0),
                open_vs_vendor=Decimal(0),
                risk_value=to_cents(level.buyer_value),
                weight=weight,
                ranked_value=to_cents(weight * level.buyer_value),
                vendor_cost=to_cents(-level.vendor_value),
                source="expected value (risk formula)",
                formula=level.formula,
            )
        )
    out.sort(key=lambda a: (-a.ranked_value, a.issue))
    return tuple(out), to_cents(versus_base.saving), to_cents(versus_vendor.saving)


def _trade_map(space: DealSpace) -> tuple[Trade, ...]:
    out = []
    for issue in space.issues:
        level = issue.levels[issue.ask_level]
        value = level.buyer_value * space.negotiation.weight(issue.key)
        cost = -level.vendor_value
        ratio = float(value / cost) if cost > 0 else None
        if ratio is None or ratio >= 2:
            role = "hold: worth far more to you than it costs them"
        elif ratio >= 0.8:
            role = "trade: about even; swap it for something you value more"
        else:
            role = "currency: costs them more than it is worth to you; give it first"
        out.append(Trade(issue.key.value, issue.title, to_cents(value), to_cents(cost), ratio, role))
    out.sort(key=lambda t: t.ratio if t.ratio is not None else float("inf"))
    return tuple(out)


def _concessions(space: DealSpace, trades: tuple[Trade, ...], walk_away: Decimal) -> tuple[ConcessionStep, ...]:
    """From the ask, give issues back to the vendor's terms, cheapest to you per dollar to them first."""
    levels = list(space.ask_levels)
    steps: list[ConcessionStep] = []
    positions = {issue.key.value: n for n, issue in enumerate(space.issues)}
    for order, trade in enumerate(trades, start=1):
        n = positions[trade.issue]
        issue = space.issues[n]
        if levels[n] == 0:
            continue
        if issue.key is IssueKey.seat_price:
            levels[n] = levels[n] // 2  # meet halfway on price, never all the way back
        else:
            levels[n] = 0
        index = space.space.index(levels)
        utility = float(space.space.utilities([index]).buyer[0])
        cost = space.term_cost(tuple(levels))
        steps.append(
            ConcessionStep(
                order=order,
                issue=trade.issue,
                give=f"{issue.title}: to {issue.levels[levels[n]].label}",
                buyer_value_given=to_cents(
                    trade.buyer_value - issue.levels[levels[n]].buyer_value * space.negotiation.weight(issue.key)
                ),
                term_cost_after=to_cents(cost),
                buyer_utility_after=to_cents(Decimal(repr(utility))),
                within_walk_away=cost <= walk_away,
            )
        )
    return tuple(steps)
