"""The negotiation brief for the room: `build_brief(deal) -> Brief`.

Money asks carry the cost engine's Shapley lever values, so they add up to `principal compare`'s saving of the ask
over the baseline. Risk terms carry the expected values of `valuation`. The issue space runs from the vendor's latest
offer to beyond the ask; Nash point and MESO packages come from the numpy engine over it.

Every figure is an `Amount` in the deal's currency, rounded half-up to its minor unit (cents; whole yen) once, here;
every sentence is a `Statement` whose figures the presentation layer words.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from principal.align.report import align
from principal.align.scorecard import alignment_score
from principal.cost import schedule
from principal.cost.compare import attribute_levers
from principal.cost.incumbent import incumbent_months
from principal.model.deal import Deal, Offer
from principal.model.negotiation import IssueKey, Negotiation
from principal.money import Amount, round_money
from principal.statements import Percent, Statement, say
from principal.strategy.negotiation import Utilities, Zopa, meso, nash_point, zopa
from principal.strategy.plan.deal_space import DealSpace, build_space, significant
from principal.strategy.sentences import concat, literal

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
    ask: Statement
    value_vs_baseline: Amount
    open_vs_vendor: Amount
    risk_value: Amount
    weight: Decimal
    ranked_value: Amount
    vendor_cost: Amount
    source: str
    formula: Statement


@dataclass(frozen=True)
class Trade:
    issue: str
    title: str
    buyer_value: Amount
    vendor_cost: Amount
    ratio: float | None
    role: str


@dataclass(frozen=True)
class ConcessionStep:
    order: int
    issue: str
    give: Statement
    buyer_value_given: Amount
    term_cost_after: Amount
    buyer_utility_after: Amount
    within_walk_away: bool


@dataclass(frozen=True)
class Package:
    theme: str
    levels: dict[str, Statement]
    term_cost: Amount
    buyer_utility: Amount
    vendor_utility: Amount
    acceptance: float
    alignment_score: float | None


@dataclass(frozen=True)
class Counter:
    vendor_says: Statement
    reply: Statement


@dataclass(frozen=True)
class Brief:
    deal: str
    currency: str
    baseline: str
    vendor_offer: str
    target: str
    objectives: tuple[Statement, ...]
    batna: str
    batna_cost: Amount
    walk_away: Amount
    vendor_offer_cost: Amount
    target_cost: Amount
    vendor_reservation_formula: Statement
    zopa: Zopa
    nash_levels: dict[str, Statement] | None
    nash_cost: Amount | None
    buyer_disagreement: Amount
    vendor_disagreement: Amount
    target_utility: Amount
    asks: tuple[Ask, ...]
    compare_saving: Amount
    open_saving: Amount
    trade_map: tuple[Trade, ...]
    concessions: tuple[ConcessionStep, ...]
    counters: tuple[Counter, ...]
    questions: tuple[Statement, ...]
    talk_track: tuple[Statement, ...]
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
    cur = deal.currency

    def money(value: Decimal) -> Amount:
        return _money(value, cur)

    baseline, vendor_name, target = pick_names(deal, negotiation)
    space = build_space(deal, vendor_name, target, negotiation)
    vendor_cost_total = schedule(deal, vendor_name).total
    target_cost = schedule(deal, target).total
    batna_cost = _batna_cost(deal, negotiation, deal.offers[target].term_months)
    walk_away = negotiation.walk_away_tco if negotiation.walk_away_tco is not None else batna_cost
    room = negotiation.vendor.room_percent
    floor_share = negotiation.vendor.cost_to_serve_percent
    vendor_reservation = max(vendor_cost_total * (1 - room / 100), vendor_cost_total * floor_share / 100)
    reservation_formula = say(
        "the vendor's latest offer {offer} x (1 - {room} concession room: {budget} budget widened for {pressure} "
        "quarter-end pressure), never below its {floor} cost to serve",
        offer=Amount(vendor_cost_total, cur),
        room=Percent(significant(room, 4)),
        budget=Percent(negotiation.vendor.concession_budget_percent),
        pressure=negotiation.vendor.quarter_end_pressure.value,
        floor=Percent(floor_share),
    )
    area = zopa(money(walk_away), money(vendor_reservation), negotiation.buyer_power)
    util = space.space.all_utilities()
    ask_index = space.space.index(space.ask_levels)
    target_utility = float(space.space.utilities([ask_index]).buyer[0])
    d_b = vendor_cost_total - walk_away
    d_v = -(vendor_cost_total - vendor_reservation)
    scale = float(vendor_cost_total * negotiation.vendor.acceptance_scale_percent / 100)
    # Only packages whose term cost beats the walk-away can be offered: their money issues must save at least
    # d_b against the vendor's offer. Risk values count in the utility, never towards that test.
    savings = space.money_savings()
    affordable = savings >= float(d_b)
    util = Utilities(util.index[affordable], util.buyer[affordable], util.vendor[affordable])
    best = nash_point(util.buyer, util.vendor, float(d_b), float(d_v))
    nash = int(util.index[best]) if best is not None else None
    nash_levels = space.wording(space.levels_of(nash)) if nash is not None else None
    nash_cost = money(space.term_cost(space.levels_of(nash))) if nash is not None else None
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
            levels=space.wording(space.levels_of(item.index)),
            term_cost=money(space.term_cost(space.levels_of(item.index))),
            buyer_utility=money(Decimal(repr(item.buyer_utility))),
            vendor_utility=money(Decimal(repr(item.vendor_utility))),
            acceptance=item.acceptance,
            alignment_score=_package_alignment(deal, space.offer_for(space.levels_of(item.index))),
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
        batna_cost=money(batna_cost),
        walk_away=money(walk_away),
        vendor_offer_cost=money(vendor_cost_total),
        target_cost=money(target_cost),
        vendor_reservation_formula=reservation_formula,
        zopa=area,
        nash_levels=nash_levels,
        nash_cost=nash_cost,
        buyer_disagreement=money(d_b),
        vendor_disagreement=money(d_v),
        target_utility=money(Decimal(repr(target_utility))),
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


def _money(value: Decimal, currency: str) -> Amount:
    """An engine figure as the brief keeps it: half-up to the currency's minor unit, once."""
    return Amount(round_money(value, currency), currency)


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
) -> tuple[tuple[Ask, ...], Amount, Amount]:
    cur = deal.currency
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
                ask=level.label if level is not None else literal("as in the ask"),
                value_vs_baseline=_money(lever.term, cur),
                open_vs_vendor=_money(opened, cur),
                risk_value=_money(risk, cur),
                weight=weight,
                ranked_value=_money(weight * (opened + risk), cur),
                vendor_cost=_money(-level.vendor_value if level is not None else opened, cur),
                source=f"principal compare: {target} vs {baseline}, lever '{lever.lever}'",
                formula=level.formula if level is not None else literal("cost engine lever attribution"),
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
                value_vs_baseline=_money(Decimal(0), cur),
                open_vs_vendor=_money(Decimal(0), cur),
                risk_value=_money(level.buyer_value, cur),
                weight=weight,
                ranked_value=_money(weight * level.buyer_value, cur),
                vendor_cost=_money(-level.vendor_value, cur),
                source="expected value (risk formula)",
                formula=level.formula,
            )
        )
    out.sort(key=lambda a: (-a.ranked_value, a.issue))
    return tuple(out), _money(versus_base.saving, cur), _money(versus_vendor.saving, cur)


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
        cur = space.currency
        out.append(Trade(issue.key.value, issue.title, _money(value, cur), _money(cost, cur), ratio, role))
    out.sort(key=lambda t: t.ratio if t.ratio is not None else float("inf"))
    return tuple(out)


def _concessions(space: DealSpace, trades: tuple[Trade, ...], walk_away: Decimal) -> tuple[ConcessionStep, ...]:
    """From the ask, give issues back to the vendor's terms, cheapest to you per unit of cost to them first."""
    cur = space.currency
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
                give=concat(f"{issue.title}: to ", issue.levels[levels[n]].label),
                buyer_value_given=_money(
                    trade.buyer_value.number
                    - issue.levels[levels[n]].buyer_value * space.negotiation.weight(issue.key),
                    cur,
                ),
                term_cost_after=_money(cost, cur),
                buyer_utility_after=_money(Decimal(repr(utility)), cur),
                within_walk_away=cost <= walk_away,
            )
        )
    return tuple(steps)
