"""The words of the brief: objectives, anticipated counters with replies, questions, and the buyer's talk track.

Every sentence is built from the brief's own figures, so the words never say a number the engines did not compute.
Each is a `Statement` (template and typed figures): the presentation layer writes the amounts in the deal's currency.
"""

from __future__ import annotations

import dataclasses

from principal.align.report import align
from principal.model.deal import Deal
from principal.model.negotiation import IssueKey
from principal.money import Amount
from principal.statements import Count, Percent, Statement, say
from principal.strategy.clauses import draft_clauses
from principal.strategy.plan.brief import Brief, Counter
from principal.strategy.plan.deal_space import DealSpace
from principal.strategy.sentences import concat, join, literal

MAX_QUESTIONS = 16


def with_words(brief: Brief, deal: Deal, space: DealSpace) -> Brief:
    return dataclasses.replace(
        brief,
        objectives=_objectives(brief, deal),
        counters=_counters(brief, deal, space),
        questions=_questions(brief, deal),
        talk_track=_talk_track(brief, deal),
    )


def _objectives(brief: Brief, deal: Deal) -> tuple[Statement, ...]:
    ask = deal.offers[brief.target]
    out = [
        say(
            "Sign at a term cost of {target} (the ask at your plan volumes) or close to it; never above {walk_away}, "
            "your walk-away.",
            target=brief.target_cost,
            walk_away=brief.walk_away,
        ),
    ]
    if ask.usage_cap is not None and ask.usage_cap.percent_of_forecast is not None:
        out.append(
            say(
                "Make usage predictable: volume bands on the meters and a not-to-exceed cap at {cap} of forecast.",
                cap=Percent(ask.usage_cap.percent_of_forecast),
            )
        )
    if ask.sla is not None:
        comps = join(
            ", ",
            (
                say("{name} {target}", name=c.name.replace("_", " "), target=Percent(c.target))
                for c in ask.sla.components
            ),
        )
        out.append(concat("Per-component availability (", comps, ") with credits that rise for repeat misses."))
        if ask.sla.chronic:
            rule = ask.sla.chronic[0]
            out.append(
                say(
                    "A chronic-failure exit: {count} misses in any {within} months ends the affected service without "
                    "a fee.",
                    count=rule.count,
                    within=rule.within,
                )
            )
    held = [m for f in ask.one_time_fees for m in f.milestones if m.holdback]
    if held:
        out.append(
            say(
                "Tie implementation pay to milestones, with {held} held until stable running.",
                held=Percent(held[0].percent),
            )
        )
    return tuple(out)


@dataclasses.dataclass(frozen=True)
class _Open:
    """One issue's ask as the words quote it: its level, its value to you and its cost to the vendor."""

    level: Statement
    value: Amount
    vendor_cost: Amount


def _ask_for(brief: Brief, issue: IssueKey) -> _Open | None:
    for ask in brief.asks:
        if ask.issue == issue.value:
            return _Open(ask.ask, ask.open_vs_vendor + ask.risk_value, ask.vendor_cost)
    return None


def _counters(brief: Brief, deal: Deal, space: DealSpace) -> tuple[Counter, ...]:
    cur = brief.currency
    vendor = deal.offers[brief.vendor_offer]
    target = deal.offers[brief.target]
    out: list[Counter] = []
    price = _ask_for(brief, IssueKey.seat_price)
    if price is not None and vendor.licenses:
        out.append(
            Counter(
                say(
                    "{price} a seat is already our best price, and it holds only if you sign this quarter.",
                    price=Amount(vendor.licenses[0].unit_price, cur),
                ),
                concat(
                    "We count that step. Moving to ",
                    price.level,
                    say(
                        " is worth {value} to us over the term. If the seat price cannot move, we have packages of "
                        "the same value to us that ask for less on price and more on terms you told us you are "
                        "confident about.",
                        value=price.value,
                    ),
                ),
            )
        )
    uplift = _ask_for(brief, IssueKey.uplift)
    if uplift is not None and vendor.uplift is not None and vendor.uplift.percent is not None:
        out.append(
            Counter(
                say("A {uplift} annual uplift is our standard.", uplift=Percent(vendor.uplift.percent)),
                concat(
                    "It compounds: over the term the difference to ",
                    uplift.level,
                    say(
                        " is {value}. We can accept an uplift; we cannot accept one that grows faster than our "
                        "budget does.",
                        value=uplift.value,
                    ),
                ),
            )
        )
    gaps = [
        (name, fc.expected, fc.vendor_expected)
        for name, fc in deal.buyer.forecasts.items()
        if fc.vendor_expected is not None and fc.vendor_expected < fc.expected
    ]
    rates = _ask_for(brief, IssueKey.usage_rates)
    if rates is not None:
        basis = (
            say(
                "; your estimate of {theirs} against our {ours} for {forecast}",
                theirs=Count(gaps[0][2]),
                ours=Count(gaps[0][1]),
                forecast=gaps[0][0],
            )
            if gaps
            else literal("")
        )
        out.append(
            Counter(
                literal("Our usage estimate is lower than yours; the bands are not needed."),
                concat(
                    say("If your estimate is right, the bands cost you {cost} over the term", cost=rates.vendor_cost),
                    basis,
                    say(
                        ". At our forecast they are worth {value} to us. If you believe your numbers, the bands are "
                        "cheap to give.",
                        value=rates.value,
                    ),
                ),
            )
        )
    cap = _ask_for(brief, IssueKey.usage_cap)
    if cap is not None:
        out.append(
            Counter(
                literal("We cannot cap consumption-based charges."),
                concat(
                    "At your own volume estimates, even well above them, the ",
                    cap.level,
                    say(
                        " costs you about {cost} in expectation. For us it removes a risk worth {value}. New "
                        "countries or channels still lift it.",
                        cost=cap.vendor_cost,
                        value=cap.value,
                    ),
                ),
            )
        )
    credits = _ask_for(brief, IssueKey.sla_credits)
    if credits is not None:
        misses = space.negotiation.vendor.expected_misses_per_year
        out.append(
            Counter(
                literal("Credits above 10% are outside our policy."),
                say(
                    "At the reliability you describe (about {misses} missed months a year) the stronger ladder costs "
                    "you {cost} over the term. If the platform is as stable as you say, this is the cheapest "
                    "assurance you can give us.",
                    misses=Count(misses),
                    cost=credits.vendor_cost,
                ),
            )
        )
    chronic = _ask_for(brief, IssueKey.chronic_exit)
    if chronic is not None and target.sla is not None and target.sla.chronic:
        rule = target.sla.chronic[0]
        scope = ", ".join(c.replace("_", " ") for c in rule.components) or "any component"
        out.append(
            Counter(
                literal("We do not offer termination rights for service levels."),
                say(
                    "This one is narrow: {scope}, {count} missed months in any {within}, and only the affected "
                    "services end. At your expected reliability it never triggers; for us it is what makes the SLA "
                    "mean something.",
                    scope=scope,
                    count=rule.count,
                    within=rule.within,
                ),
            )
        )
    held = [(f, m) for f in target.one_time_fees for m in f.milestones if m.holdback]
    if held:
        fee, stone = held[0]
        steps = join(
            ", ",
            (say("{share} at {milestone}", share=Percent(m.percent), milestone=m.name) for m in fee.milestones),
        )
        out.append(
            Counter(
                literal("Implementation is a fixed fee; we bill it when the project starts."),
                concat(
                    say("The fee stays {fee}; only the timing moves. ", fee=Amount(fee.amount, cur)),
                    steps,
                    say(
                        ". The last {held} follows stable operations.",
                        held=Amount(fee.amount * stone.percent / 100, cur),
                    ),
                ),
            )
        )
    exit_ask = _ask_for(brief, IssueKey.exit_terms)
    if exit_ask is not None:
        out.append(
            Counter(
                literal("Data export and transition are professional services at our standard rates."),
                say(
                    "We want them priced now, while we are choosing you: worth {value} to us in expectation, and "
                    "they cost you nothing unless we leave.",
                    value=exit_ask.value,
                ),
            )
        )
    return tuple(out)


def _questions(brief: Brief, deal: Deal) -> tuple[Statement, ...]:
    # Open clause terms and forecast gaps first, then what the alignment checklist could not answer.
    out: list[Statement] = []
    for clause in draft_clauses(deal, brief.vendor_offer).clauses:
        if clause.missing:
            out.append(
                concat(
                    f"{clause.title}: your offer leaves these open: ",
                    join("; ", clause.missing),
                    ". What will you commit to?",
                )
            )
    for name, fc in deal.buyer.forecasts.items():
        if fc.vendor_expected is not None and fc.vendor_expected != fc.expected:
            out.append(
                say(
                    "How did you arrive at {theirs} {unit}s a month for {forecast}? Our traffic model says {ours}.",
                    theirs=Count(fc.vendor_expected),
                    unit=fc.unit,
                    forecast=name,
                    ours=Count(fc.expected),
                )
            )
    neg = deal.negotiation
    if neg is None or "expected_misses_per_year" not in neg.vendor.model_fields_set:
        out.append(
            literal(
                "How many months in the last two years did voice routing miss 99.95% for customers of our size? "
                "(The plan assumes you expect about 0.5 a year.)"
            )
        )
    if neg is not None and neg.vendor.quarter_end_pressure.value in ("medium", "high"):
        out.append(literal("Which parts of the offer depend on signing this quarter, and what changes after it?"))
    for question in align(deal, brief.vendor_offer).questions:
        asked = question if isinstance(question, Statement) else literal(question)
        if asked not in out:
            out.append(asked)
    return tuple(out[:MAX_QUESTIONS])


def _talk_track(brief: Brief, deal: Deal) -> tuple[Statement, ...]:
    top = [a for a in brief.asks if a.ranked_value.number > 0][:3]
    named = join("; ", (say("{title} ({value})", title=a.title, value=a.open_vs_vendor + a.risk_value) for a in top))
    lines = [
        literal(
            "We want to choose you, and we want the contract to make that an easy decision for both of us. Price "
            "matters, but what matters more is that your revenue grows when our operation runs well, not when our "
            "usage runs away, an outage repeats or the project slips."
        ),
        say(
            "Your latest offer costs us {offer} over the term at our volumes. Our alternative, {batna}, costs about "
            "{batna_cost}, so today your offer does not yet beat it.",
            offer=brief.vendor_offer_cost,
            batna=brief.batna,
            batna_cost=brief.batna_cost,
        ),
        concat(
            say(
                "What we are asking for brings the term to {target}. The largest pieces still open are: ",
                target=brief.target_cost,
            ),
            named,
            ".",
        ),
    ]
    if brief.packages:
        themes = ", ".join(p.theme.replace("-", " ") for p in brief.packages)
        lines.append(
            say(
                "We have {count} ways to get there that are worth the same to us ({themes}). Pick the one that works "
                "best for your side; we will not reopen the others once you do.",
                count=len(brief.packages),
                themes=themes,
            )
        )
    lines.append(
        literal(
            "If your confidence in the platform is as high as you say, the credits, the chronic-failure exit and the "
            "holdback cost you very little. If it is not, that is exactly what we need to know before we sign."
        )
    )
    return tuple(lines)
