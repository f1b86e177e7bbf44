"""The negotiable issues of a deal as an issue space: levels from the vendor's latest offer to beyond the buyer's ask.

Each level is a change to the vendor's offer. Money levels are valued with the cost engine (term cost of the
vendor's offer minus term cost with that one change), so their amounts are the cost engine's. The vendor loses the
revenue the change removes, measured at its own volume estimates where the deal records them. Risk terms are valued
by the one lever valuation (`principal.valuation`, read through `valuation`): the same figures compare and align
print. The buyer's utility weighs each issue by the deal's priorities.

A level's label and formula are statements with typed figures (an `Amount` seat price, a `Percent` uplift), so the
presentation layer words them in the deal's currency and locale.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from decimal import Decimal

from principal.cost import Scenario, schedule
from principal.model.deal import Deal, Offer
from principal.model.negotiation import IssueKey, Negotiation
from principal.model.pricing import OneTimeFee
from principal.model.sla import ChronicRule, Sla
from principal.money import Amount, round_money
from principal.statements import Count, Percent, Statement, say
from principal.strategy.negotiation import Issue, IssueSpace
from principal.strategy.negotiation.increments import negotiable_step
from principal.strategy.negotiation.space import FloatArray
from principal.strategy.plan import valuation
from principal.strategy.sentences import concat, literal
from principal.valuation import Valuation, value_levers
from principal.valuation.outcomes import holdback_amount

Change = Callable[[Offer], Offer]

PRICE_LEVELS = 40

MONEY_ISSUES = frozenset({IssueKey.seat_price, IssueKey.uplift, IssueKey.usage_rates})
"""Issues whose value is term cost at the plan volumes; the others are expected values of risks."""


@dataclass(frozen=True)
class Level:
    label: Statement
    change: Change
    buyer_value: Decimal
    vendor_value: Decimal
    formula: Statement


def significant(value: Decimal, digits: int) -> Decimal:
    """`value` to `digits` significant digits (a ratio or a number of years quoted inside a formula)."""
    return Decimal(format(value, f".{digits}g"))


def plain_number(value: Decimal | float) -> Count:
    """A probability, factor or count of a formula, exactly as the deal states it (0.25, 1.3, 400)."""
    return Count(Decimal(str(value)))


def _level_names(issue: DealIssue) -> tuple[str, ...]:
    """Names of an issue's levels in the numpy space (its level numbers; the wording stays with the levels)."""
    return tuple(f"level {n}" for n in range(len(issue.levels)))


@dataclass(frozen=True)
class DealIssue:
    key: IssueKey
    title: str
    levels: tuple[Level, ...]
    ask_level: int


@dataclass(frozen=True)
class DealSpace:
    """The issues, the reference (vendor's latest) and ask offers, and the numpy space over weighted values."""

    deal: Deal
    negotiation: Negotiation
    reference: str
    target: str
    issues: tuple[DealIssue, ...]
    space: IssueSpace
    valuation: Valuation | None = None
    """The target's non-price levers against the reference (`principal.valuation`): the figures the risk levels use."""

    def offer_for(self, levels: tuple[int, ...] | list[int]) -> Offer:
        offer = self.deal.offers[self.reference]
        for issue, level in zip(self.issues, levels, strict=True):
            offer = issue.levels[int(level)].change(offer)
        return offer

    @property
    def ask_levels(self) -> tuple[int, ...]:
        return tuple(issue.ask_level for issue in self.issues)

    @property
    def currency(self) -> str:
        return self.deal.currency

    def levels_of(self, package: int) -> tuple[int, ...]:
        """The level number of every issue in package number `package` of the space."""
        return tuple(int(n) for n in self.space.levels([package])[0])

    def wording(self, levels: tuple[int, ...] | list[int]) -> dict[str, Statement]:
        """Issue key -> the chosen level's label, for one package."""
        return {issue.key.value: issue.levels[int(n)].label for issue, n in zip(self.issues, levels, strict=True)}

    def money_savings(self) -> FloatArray:
        """Term-cost saving against the vendor's offer of every package, from the money issues alone (unweighted)."""
        money_only = IssueSpace(
            tuple(
                Issue(
                    issue.key.value,
                    _level_names(issue),
                    tuple(float(level.buyer_value) if issue.key in MONEY_ISSUES else 0.0 for level in issue.levels),
                    tuple(0.0 for _ in issue.levels),
                )
                for issue in self.issues
            )
        )
        return money_only.all_utilities().buyer

    def term_cost(self, levels: tuple[int, ...] | list[int]) -> Decimal:
        return schedule(self.deal, "package", offer=self.offer_for(levels)).total


def _update(**fields: object) -> Change:
    def change(offer: Offer) -> Offer:
        return offer.model_copy(update=fields)

    return change


def _same(offer: Offer) -> Offer:
    return offer


class _Costs:
    """Term cost of offer variants under the plan and the scenarios the valuation needs, memoised."""

    def __init__(self, deal: Deal, negotiation: Negotiation) -> None:
        self.deal = deal
        self.currency = deal.currency
        self.vendor = Scenario(name="vendor estimate", vendor_view=True)

    def total(self, offer: Offer, scenario: Scenario | None = None) -> Decimal:
        if scenario is None:
            return schedule(self.deal, "variant", offer=offer).total
        return schedule(self.deal, "variant", scenario, offer=offer).total


def build_space(deal: Deal, reference: str, target: str, negotiation: Negotiation) -> DealSpace:
    """Issues where the ask differs from the vendor's offer, each with its levels and values."""
    ref = deal.offers[reference]
    ask = deal.offers[target]
    costs = _Costs(deal, negotiation)
    base = costs.total(ref)
    base_vendor = costs.total(ref, costs.vendor)
    basis = valuation.risk_basis(deal, reference, target, negotiation)
    issues: list[DealIssue] = []
    builders = (
        _seat_price,
        _uplift,
        _usage_rates,
        _usage_cap,
        _sla_credits,
        _chronic,
        _holdback,
        _exit_terms,
    )
    for make in builders:
        issue = make(ref, ask, costs, base, base_vendor, basis, negotiation)
        if issue is not None:
            issues.append(issue)
    if not issues:
        # Nothing priced differs (no seat licences either): one level that changes nothing keeps the maths defined.
        issues.append(
            DealIssue(
                IssueKey.seat_price,
                "nothing open",
                (Level(literal("as offered"), _same, Decimal(0), Decimal(0), literal("no difference")),),
                0,
            )
        )
    space = IssueSpace(
        tuple(
            Issue(
                issue.key.value,
                _level_names(issue),
                tuple(float(level.buyer_value * negotiation.weight(issue.key)) for level in issue.levels),
                tuple(float(level.vendor_value) for level in issue.levels),
            )
            for issue in issues
        )
    )
    values = value_levers(deal, target, reference, valuer=basis.valuer)
    return DealSpace(deal, negotiation, reference, target, tuple(issues), space, values)


def _money_level(
    label: Statement, change: Change, ref: Offer, costs: _Costs, base: Decimal, base_vendor: Decimal, what: str
) -> Level:
    variant = change(ref)
    buyer = base - costs.total(variant)
    vendor = -(base_vendor - costs.total(variant, costs.vendor))
    cur = costs.currency
    formula = concat(
        what,
        say(
            ": term cost at your plan {buyer} lower; the vendor's revenue at its own volume estimates {vendor} lower",
            buyer=Amount(buyer, cur),
            vendor=Amount(-vendor, cur),
        ),
    )
    return Level(label, change, buyer, vendor, formula)


def _seat_price(
    ref: Offer,
    ask: Offer,
    costs: _Costs,
    base: Decimal,
    base_vendor: Decimal,
    basis: valuation.RiskBasis,
    negotiation: Negotiation,
) -> DealIssue | None:
    if not ref.licenses or not ask.licenses:
        return None
    # Seat price is always on the table: from the vendor's price down past the ask (or 5% when the ask is no lower).
    ask_cut = max(ref.licenses[0].unit_price - ask.licenses[0].unit_price, Decimal(0))
    widest = max(3 * ask_cut, ref.licenses[0].unit_price * Decimal("0.05"))
    cur = costs.currency
    step, count = negotiable_step(widest, cur, PRICE_LEVELS)  # whole or half units, as people negotiate
    cuts = sorted({round_money(step * k, cur) for k in range(count + 1)} | {ask_cut})
    levels = []
    for cut in cuts:

        def change(offer: Offer, cut: Decimal = cut) -> Offer:
            lines = tuple(
                lic.model_copy(update={"unit_price": max(lic.unit_price - cut, Decimal(0))}) for lic in offer.licenses
            )
            return offer.model_copy(update={"licenses": lines})

        price = ref.licenses[0].unit_price - cut
        label = say("{price}", price=Amount(price, cur))
        levels.append(_money_level(label, change, ref, costs, base, base_vendor, "seat price"))
    return DealIssue(IssueKey.seat_price, "seat price", tuple(levels), cuts.index(ask_cut))


def _uplift(
    ref: Offer,
    ask: Offer,
    costs: _Costs,
    base: Decimal,
    base_vendor: Decimal,
    basis: valuation.RiskBasis,
    negotiation: Negotiation,
) -> DealIssue | None:
    if ref.uplift is None or ref.uplift.percent is None or ask.uplift == ref.uplift:
        return None
    top = ref.uplift.percent
    wanted = ask.uplift.percent if ask.uplift is not None and ask.uplift.percent is not None else Decimal(0)
    values = sorted({top - k for k in range(int(top) + 1) if top - k >= 0} | {wanted}, reverse=True)
    levels = []
    for pct in values:
        uplift = ref.uplift.model_copy(update={"percent": pct})
        label = say("{uplift}", uplift=Percent(pct))
        levels.append(_money_level(label, _update(uplift=uplift), ref, costs, base, base_vendor, "annual uplift"))
    return DealIssue(IssueKey.uplift, "annual uplift", tuple(levels), values.index(wanted))


def _usage_rates(
    ref: Offer,
    ask: Offer,
    costs: _Costs,
    base: Decimal,
    base_vendor: Decimal,
    basis: valuation.RiskBasis,
    negotiation: Negotiation,
) -> DealIssue | None:
    if ask.usage == ref.usage:
        return None
    levels = (
        _money_level(literal("vendor's rate card"), _same, ref, costs, base, base_vendor, "usage rates"),
        _money_level(literal("ask's bands"), _update(usage=ask.usage), ref, costs, base, base_vendor, "usage rates"),
    )
    return DealIssue(IssueKey.usage_rates, "usage rates and bands", levels, 1)


def _usage_cap(
    ref: Offer,
    ask: Offer,
    costs: _Costs,
    base: Decimal,
    base_vendor: Decimal,
    basis: valuation.RiskBasis,
    negotiation: Negotiation,
) -> DealIssue | None:
    cap = ask.usage_cap
    if cap is None or cap == ref.usage_cap or cap.percent_of_forecast is None:
        return None
    asked = cap.percent_of_forecast
    options = sorted({asked, asked + 10, asked + 20, max(asked - 5, Decimal(101))}, reverse=True)
    levels = [Level(literal("no cap"), _same, Decimal(0), Decimal(0), literal("no cap: nothing changes"))]
    ask_level = 0
    for pct in options:
        change = _update(usage_cap=cap.model_copy(update={"percent_of_forecast": pct}))
        value = valuation.risk_value(basis, "usage_cap", change(ask))
        formula = concat(say("cap at {cap}: ", cap=Percent(pct)), value.formula)
        if pct == asked:
            ask_level = len(levels)
        levels.append(Level(say("cap {cap}", cap=Percent(pct)), change, value.buyer, value.vendor, formula))
    return DealIssue(IssueKey.usage_cap, "usage cap", tuple(levels), ask_level)


def _risk_issue(key: IssueKey, title: str, levels: list[Level]) -> DealIssue:
    base = Level(literal("vendor's terms"), _same, Decimal(0), Decimal(0), literal("as offered"))
    return DealIssue(key, title, (base, *levels), 1)


def _stronger_credits(sla: Sla) -> Sla:
    """The ask's ladder with every rung and the cap 5 points higher (at most 100%)."""
    credits = sla.credits
    tiers = tuple(t.model_copy(update={"percent": min(t.percent + 5, Decimal(100))}) for t in credits.tiers)
    cap = None if credits.cap_percent is None else min(credits.cap_percent + 5, Decimal(100))
    return sla.model_copy(update={"credits": credits.model_copy(update={"tiers": tiers, "cap_percent": cap})})


def _sla_credits(
    ref: Offer,
    ask: Offer,
    costs: _Costs,
    base: Decimal,
    base_vendor: Decimal,
    basis: valuation.RiskBasis,
    negotiation: Negotiation,
) -> DealIssue | None:
    ref_plain = ref.sla.model_copy(update={"chronic": ()}) if ref.sla is not None else None
    if ask.sla is None or ask.sla.model_copy(update={"chronic": ()}) == ref_plain:
        return None
    levels = []
    for label, sla in (("ask's terms", ask.sla), ("ask's terms, credits +5 points", _stronger_credits(ask.sla))):

        def change(offer: Offer, sla: Sla = sla) -> Offer:
            chronic = offer.sla.chronic if offer.sla is not None else ()
            return offer.model_copy(update={"sla": sla.model_copy(update={"chronic": chronic})})

        value = valuation.risk_value(basis, "sla_credits", change(ask))
        buyer, vendor, formula = value.buyer, value.vendor, value.formula
        levels.append(Level(literal(label), change, buyer, vendor, formula))
    return _risk_issue(IssueKey.sla_credits, "SLA components and credits", levels)


def _chronic(
    ref: Offer,
    ask: Offer,
    costs: _Costs,
    base: Decimal,
    base_vendor: Decimal,
    basis: valuation.RiskBasis,
    negotiation: Negotiation,
) -> DealIssue | None:
    if ask.sla is None or not ask.sla.chronic or (ref.sla is not None and ref.sla.chronic == ask.sla.chronic):
        return None
    levels = []
    every = tuple(rule.model_copy(update={"components": ()}) for rule in ask.sla.chronic)
    options = [("ask's terms", ask.sla.chronic)]
    if every != ask.sla.chronic:
        options.append(("ask's rule on every component", every))
    for label, rules in options:

        def change(offer: Offer, rules: tuple[ChronicRule, ...] = rules) -> Offer:
            if offer.sla is None:
                return offer.model_copy(update={"sla": ask.sla})
            return offer.model_copy(update={"sla": offer.sla.model_copy(update={"chronic": rules})})

        value = valuation.risk_value(basis, "chronic_exit", change(ask))
        buyer, vendor, formula = value.buyer, value.vendor, value.formula
        levels.append(Level(literal(label), change, buyer, vendor, formula))
    return _risk_issue(IssueKey.chronic_exit, "chronic-failure exit", levels)


def _deeper_holdback(fees: tuple[OneTimeFee, ...]) -> tuple[OneTimeFee, ...]:
    """Each fee's holdback doubled, the extra points taken from its largest other milestone."""
    out = []
    for fee in fees:
        held = [i for i, m in enumerate(fee.milestones) if m.holdback]
        others = [i for i, m in enumerate(fee.milestones) if not m.holdback]
        if not held or not others:
            out.append(fee)
            continue
        extra = sum((fee.milestones[i].percent for i in held), Decimal(0))
        donor = max(others, key=lambda i: fee.milestones[i].percent)
        extra = min(extra, fee.milestones[donor].percent)
        last = held[-1]
        stones = list(fee.milestones)
        stones[donor] = stones[donor].model_copy(update={"percent": stones[donor].percent - extra})
        stones[last] = stones[last].model_copy(update={"percent": stones[last].percent + extra})
        out.append(fee.model_copy(update={"milestones": tuple(stones)}))
    return tuple(out)


def _holdback(
    ref: Offer,
    ask: Offer,
    costs: _Costs,
    base: Decimal,
    base_vendor: Decimal,
    basis: valuation.RiskBasis,
    negotiation: Negotiation,
) -> DealIssue | None:
    if ask.one_time_fees == ref.one_time_fees or holdback_amount(ask) == 0:
        return None
    levels = []
    for label, fees in (("ask's terms", ask.one_time_fees), ("ask's milestones, holdback doubled", None)):
        schedule_fees = fees if fees is not None else _deeper_holdback(ask.one_time_fees)
        change = _update(one_time_fees=schedule_fees)
        value = valuation.risk_value(basis, "holdback", change(ask))
        levels.append(Level(literal(label), change, value.buyer, value.vendor, value.formula))
    return _risk_issue(IssueKey.holdback, "milestones and holdback", levels)


def _exit_terms(
    ref: Offer,
    ask: Offer,
    costs: _Costs,
    base: Decimal,
    base_vendor: Decimal,
    basis: valuation.RiskBasis,
    negotiation: Negotiation,
) -> DealIssue | None:
    if ask.exit is None or ask.exit == ref.exit:
        return None
    change = _update(exit=ask.exit)
    value = valuation.risk_value(basis, "exit_terms", change(ask))
    return _risk_issue(
        IssueKey.exit_terms,
        "data export and transition",
        [Level(literal("ask's terms"), change, value.buyer, value.vendor, value.formula)],
    )
