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
from principal.cost.bids import vendor_of
from principal.cost.compare import attribute_levers
from principal.model.deal import Deal, Offer
from principal.model.negotiation import IssueKey, Negotiation
from principal.money import Amount, round_money
from principal.statements import Percent, Statement, say
from principal.strategy.negotiation import Utilities, Zopa, fallbacks, nash_point, zopa
from principal.strategy.plan.alternative import find_alternative
from principal.strategy.plan.deal_space import DealSpace, build_space, significant
from principal.strategy.sentences import concat, literal
from principal.valuation import LeverValue

LEVER_ISSUE = {
    "licences": IssueKey.seat_price,
    "uplift": IssueKey.uplift,
    "usage_rates": IssueKey.usage_rates,
    "usage_cap": IssueKey.usage_cap,
    "one_time_fees": IssueKey.holdback,
}

THEMES: dict[str, tuple[IssueKey, ...]] = {
    "license-price-led": (IssueKey.seat_price,),
    "usage-cap-and-bands-led": (IssueKey.usage_rates, IssueKey.usage_cap),
    "credits-and-exit-led": (IssueKey.sla_credits, IssueKey.chronic_exit, IssueKey.holdback, IssueKey.exit_terms),
}

PROTECTIONS = frozenset(
    {IssueKey.usage_cap, IssueKey.sla_credits, IssueKey.chronic_exit, IssueKey.holdback, IssueKey.exit_terms}
)
"""Terms that protect the buyer: no fallback gives back one the buyer's current offer (the ask) holds."""


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
    within_walk_away: bool | None
    """None while the walk-away is unknown."""


@dataclass(frozen=True)
class Version:
    """A fallback's levels and figures (its stronger version has the same shape)."""

    levels: dict[str, Statement]
    term_cost: Amount
    buyer_utility: Amount
    vendor_cost: Amount
    acceptance: float
    margin: Amount | None
    """Walk-away - term cost: how far inside the walk-away (None while the walk-away is unknown)."""


@dataclass(frozen=True)
class Package:
    theme: str
    lead: str
    levels: dict[str, Statement]
    term_cost: Amount
    buyer_utility: Amount
    vendor_utility: Amount
    vendor_cost: Amount
    acceptance: float
    alignment_score: float | None
    margin: Amount | None
    inside_margin: bool | None
    """Term cost at least the stated margin inside the walk-away (None while the walk-away is unknown)."""
    stronger: Version | None
    """Shown when the modelled acceptance is very high: money may be left on the table."""


@dataclass(frozen=True)
class Counter:
    vendor_says: Statement
    reply: Statement


@dataclass(frozen=True)
class Roles:
    """Which offer is whose, and where each choice came from (a labelled default when the user set none)."""

    baseline: str
    vendor_offer: str
    target: str
    vendor: str | None
    target_source: Statement
    vendor_offer_source: Statement
    target_is_default: bool


@dataclass(frozen=True)
class Brief:
    deal: str
    currency: str
    baseline: str
    vendor_offer: str
    target: str
    roles: Roles
    objectives: tuple[Statement, ...]
    batna: Statement
    batna_kind: str
    batna_cost: Amount | None
    batna_formula: Statement
    alternatives_considered: tuple[Statement, ...]
    alternative_question: Statement | None
    walk_away: Amount | None
    walk_away_formula: Statement
    vendor_offer_cost: Amount
    target_cost: Amount
    vendor_reservation: Amount
    vendor_reservation_formula: Statement
    zopa: Zopa | None
    nash_levels: dict[str, Statement] | None
    nash_cost: Amount | None
    buyer_disagreement: Amount | None
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
    fallback_margin: Percent
    left_out: tuple[Statement, ...]
    """Sentences the claim check left out of what is said to the vendor, with the reason."""
    notes: tuple[str, ...]
    lever_values: tuple[LeverValue, ...] = ()
    """The target's non-price levers against the vendor's latest offer, from `principal.valuation` (the figures
    compare and align print): expected and P90 saving, each with its basis."""


def pick_roles(
    deal: Deal, negotiation: Negotiation, target: str | None = None, vendor_offer: str | None = None
) -> Roles:
    """Baseline, the vendor's latest offer and the buyer's target, each chosen for this brief by the caller, else
    from the deal's negotiation block, else a labelled default: the target defaults to the last offer, the vendor's
    offer to the latest offer before the target from the same vendor that is not the baseline (else the baseline)."""
    names = list(deal.offers)
    baseline = deal.baseline_name
    if target is not None:
        chosen, source, default = target, literal("chosen for this brief"), False
    elif negotiation.target_offer is not None:
        chosen, source, default = negotiation.target_offer, literal("set in the deal (negotiation.target_offer)"), False
    else:
        chosen = names[-1]
        source = say(
            "default: the last offer in the file, {offer}; nothing says it is yours. Set negotiation.target_offer "
            "or choose the target for this brief: the offer holding your asks",
            offer=chosen,
        )
        default = True
    vendor = vendor_of(deal, chosen)
    if vendor_offer is not None:
        theirs, their_source = vendor_offer, literal("chosen for this brief")
    elif negotiation.vendor_offer is not None:
        theirs, their_source = negotiation.vendor_offer, literal("set in the deal (negotiation.vendor_offer)")
    else:
        own = [n for n in names if vendor_of(deal, n) == vendor and n != chosen]
        before = [n for n in names[: names.index(chosen)] if n in own and n != baseline]
        theirs = before[-1] if before else baseline
        their_source = say(
            "default: the latest offer before your target from the same vendor, {offer}; set "
            "negotiation.vendor_offer or choose it for this brief",
            offer=theirs,
        )
    return Roles(baseline, theirs, chosen, vendor, source, their_source, default)


def pick_names(deal: Deal, negotiation: Negotiation) -> tuple[str, str, str]:
    """(baseline, vendor's latest offer, target) from the settings or the labelled defaults."""
    roles = pick_roles(deal, negotiation)
    return roles.baseline, roles.vendor_offer, roles.target


def build_brief(deal: Deal, *, target: str | None = None, vendor_offer: str | None = None) -> Brief:
    from principal.strategy.plan import talk

    negotiation = deal.negotiation or Negotiation()
    cur = deal.currency

    def money(value: Decimal) -> Amount:
        return _money(value, cur)

    roles = pick_roles(deal, negotiation, target, vendor_offer)
    baseline, vendor_name, target = roles.baseline, roles.vendor_offer, roles.target
    space = build_space(deal, vendor_name, target, negotiation)
    vendor_cost_total = schedule(deal, vendor_name).total
    target_cost = schedule(deal, target).total
    alternative = find_alternative(deal, negotiation, vendor_name)
    walk_away = alternative.walk_away
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
    area = zopa(money(walk_away), money(vendor_reservation), negotiation.buyer_power) if walk_away is not None else None
    util = space.space.all_utilities()
    ask_index = space.space.index(space.ask_levels)
    target_utility = float(space.space.utilities([ask_index]).buyer[0])
    d_b = vendor_cost_total - walk_away if walk_away is not None else None
    d_v = -(vendor_cost_total - vendor_reservation)
    scale = float(vendor_cost_total * negotiation.vendor.acceptance_scale_percent / 100)
    # Only packages whose term cost beats the walk-away can be offered: their money issues must save at least
    # d_b against the vendor's offer. Risk values count in the utility, never towards that test.
    savings = space.money_savings()
    nash_levels = nash_cost = None
    if d_b is not None:
        affordable = savings >= float(d_b)
        util = Utilities(util.index[affordable], util.buyer[affordable], util.vendor[affordable])
        best = nash_point(util.buyer, util.vendor, float(d_b), float(d_v))
        nash = int(util.index[best]) if best is not None else None
        nash_levels = space.wording(space.levels_of(nash)) if nash is not None else None
        nash_cost = money(space.term_cost(space.levels_of(nash))) if nash is not None else None
    margin_percent = negotiation.fallback_margin_percent
    packages, package_notes = _fallbacks(
        deal, space, vendor_cost_total, walk_away, margin_percent, float(d_v), scale, savings
    )
    asks, compare_saving, open_saving = _asks(deal, space, baseline, vendor_name, target)
    trades = _trade_map(space)
    steps, concession_notes = _concessions(space, trades, walk_away)
    notes = [
        "A package's alignment score (0-100) is the mean of its five scorecard areas from `principal align`: "
        "strong 100, needs work 50, at risk 0.",
        f"Risk values are expected values over the assumptions in the deal's negotiation block (or their defaults); "
        f"they are measured against the vendor's latest offer {vendor_name!r}.",
        *package_notes,
        *concession_notes,
    ]
    brief = Brief(
        deal=deal.name,
        currency=deal.currency,
        baseline=baseline,
        vendor_offer=vendor_name,
        target=target,
        roles=roles,
        objectives=(),
        batna=alternative.description,
        batna_kind=alternative.kind.value,
        batna_cost=money(alternative.cost) if alternative.cost is not None else None,
        batna_formula=alternative.formula,
        alternatives_considered=alternative.considered,
        alternative_question=alternative.question,
        walk_away=money(walk_away) if walk_away is not None else None,
        walk_away_formula=alternative.walk_away_formula,
        vendor_offer_cost=money(vendor_cost_total),
        target_cost=money(target_cost),
        vendor_reservation=money(vendor_reservation),
        vendor_reservation_formula=reservation_formula,
        zopa=area,
        nash_levels=nash_levels,
        nash_cost=nash_cost,
        buyer_disagreement=money(d_b) if d_b is not None else None,
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
        fallback_margin=Percent(margin_percent),
        left_out=(),
        notes=tuple(notes),
        lever_values=space.valuation.levers if space.valuation is not None else (),
    )
    return talk.with_words(brief, deal, space, alternative)


def _fallbacks(
    deal: Deal,
    space: DealSpace,
    vendor_cost_total: Decimal,
    walk_away: Decimal | None,
    margin_percent: Decimal,
    d_v: float,
    scale: float,
    savings: object,
) -> tuple[tuple[Package, ...], list[str]]:
    """The seed's three fallbacks over the deal space (`principal.strategy.negotiation.fallbacks`)."""
    import numpy as np

    cur = deal.currency
    if scale <= 0:  # an offer that costs nothing leaves the vendor nothing to concede: no acceptance to rank by
        return (), ["The vendor's offer costs nothing, so there is nothing to trade: no fallback packages."]
    present = {i.key.value for i in space.issues}
    themes = {name: [k.value for k in keys if k.value in present] for name, keys in THEMES.items()}
    themes = {name: keys for name, keys in themes.items() if keys}
    floors = [issue.ask_level if issue.key in PROTECTIONS else 0 for issue in space.issues]
    limit = walk_away * (1 - margin_percent / 100) if walk_away is not None else None
    allowed = None
    if limit is not None:
        allowed = np.asarray(savings) >= float(vendor_cost_total - limit)
    found = {
        f.theme: f
        for f in fallbacks(
            space.space,
            space.ask_levels,
            themes=themes,
            floors=floors,
            vendor_disagreement=d_v,
            scale=scale,
            allowed=allowed,
        )
    }
    notes: list[str] = []
    if allowed is not None:
        outside = [name for name in themes if name not in found]
        relaxed = fallbacks(
            space.space,
            space.ask_levels,
            themes={n: themes[n] for n in outside},
            floors=floors,
            vendor_disagreement=d_v,
            scale=scale,
        )
        for item in relaxed:
            found[item.theme] = item
        if relaxed:
            notes.append(
                "No package of equal value stays inside the walk-away by the margin for: "
                + ", ".join(item.theme for item in relaxed)
                + "; each is shown with its (negative) margin: the alternative beats it on cost."
            )
    missing = [name for name in THEMES if name not in found]
    if missing:
        notes.append(
            "No package of equal value (within 0.5% of the ask's value) leads with: " + ", ".join(missing) + "; the "
            "issue space has no levels that reach the ask's value that way without giving back a protection."
        )

    def version(index: int, buyer: float, vendor: float, chance: float) -> Version:
        levels = space.levels_of(index)
        cost = space.term_cost(levels)
        return Version(
            levels=space.wording(levels),
            term_cost=_money(cost, cur),
            buyer_utility=_money(Decimal(repr(buyer)), cur),
            vendor_cost=_money(Decimal(repr(-vendor)), cur),
            acceptance=chance,
            margin=_money(walk_away - cost, cur) if walk_away is not None else None,
        )

    out = []
    for name in THEMES:
        if name not in found:
            continue
        item = found[name]
        main = version(item.index, item.buyer_utility, item.vendor_utility, item.acceptance)
        strong = item.stronger
        stronger = (
            version(strong.index, strong.buyer_utility, strong.vendor_utility, strong.acceptance)
            if strong is not None
            else None
        )
        inside = None
        if walk_away is not None and limit is not None:
            inside = main.term_cost.number <= round_money(limit, cur)
        out.append(
            Package(
                theme=name,
                lead=item.lead,
                levels=main.levels,
                term_cost=main.term_cost,
                buyer_utility=main.buyer_utility,
                vendor_utility=_money(Decimal(repr(item.vendor_utility)), cur),
                vendor_cost=main.vendor_cost,
                acceptance=item.acceptance,
                alignment_score=_package_alignment(deal, space.offer_for(space.levels_of(item.index))),
                margin=main.margin,
                inside_margin=inside,
                stronger=stronger,
            )
        )
    return tuple(out), notes


def _money(value: Decimal, currency: str) -> Amount:
    """An engine figure as the brief keeps it: half-up to the currency's minor unit, once."""
    return Amount(round_money(value, currency), currency)


def _package_alignment(deal: Deal, offer: Offer) -> float:
    """The alignment scorecard of a package, scored 0-100 (see principal.align.scorecard.alignment_score)."""
    trial = deal.model_copy(update={"offers": {**deal.offers, "package": offer}})
    return alignment_score(align(trial, "package").areas)


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
        value = level.buyer_value  # money as valued, the figure every command quotes; weights only rank the asks
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


def _concessions(
    space: DealSpace, trades: tuple[Trade, ...], walk_away: Decimal | None
) -> tuple[tuple[ConcessionStep, ...], list[str]]:
    """From the ask, give issues back to the vendor's terms, cheapest to you per unit of cost to them first; and
    the note on what the plan holds back.

    Price meets the vendor halfway at most, never all the way back. With a walk-away, no step may take the term
    cost above it: price gives only as far as still fits (the nearest level to halfway that does), and an issue
    whose concession would cross it is held, not listed."""
    cur = space.currency
    levels = list(space.ask_levels)
    steps: list[ConcessionStep] = []
    held: list[str] = []
    positions = {issue.key.value: n for n, issue in enumerate(space.issues)}
    for trade in trades:
        n = positions[trade.issue]
        issue = space.issues[n]
        if levels[n] == 0:
            continue
        floor = levels[n] // 2 if issue.key is IssueKey.seat_price else 0
        fitting = None
        for level in range(floor, levels[n]):  # the most given first
            trial = [*levels[:n], level, *levels[n + 1 :]]
            cost = space.term_cost(tuple(trial))
            if walk_away is None or cost <= walk_away:
                fitting = level, cost
                break
        if fitting is None:
            held.append(issue.title)
            continue
        given, cost = fitting
        value_given = trade.buyer_value.number - issue.levels[given].buyer_value
        levels[n] = given
        utility = float(space.space.utilities([space.space.index(levels)]).buyer[0])
        steps.append(
            ConcessionStep(
                order=len(steps) + 1,
                issue=trade.issue,
                give=concat(f"{issue.title}: to ", issue.levels[given].label),
                buyer_value_given=_money(value_given, cur),
                term_cost_after=_money(cost, cur),
                buyer_utility_after=_money(Decimal(repr(utility)), cur),
                within_walk_away=cost <= walk_away if walk_away is not None else None,
            )
        )
    notes = []
    if walk_away is not None and space.term_cost(tuple(space.ask_levels)) > walk_away:
        notes.append(
            "The concession plan gives nothing back: your ask's own term cost is already above your walk-away, so "
            "on cost the alternative beats every package."
        )
    elif held:
        notes.append(
            "The concession plan holds " + ", ".join(held) + ": giving any of them back would take the term cost "
            "above your walk-away."
        )
    return tuple(steps), notes
