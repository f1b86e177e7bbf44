"""The words of the brief: objectives, anticipated counters with replies, questions, and the buyer's talk track.

Every sentence is built from the brief's own figures, so the words never say a number the engines did not compute.
Each is a `Statement` (template and typed figures): the presentation layer writes the amounts in the deal's currency.
"""

from __future__ import annotations

import dataclasses
from decimal import Decimal

from principal.align.report import align
from principal.model.deal import Deal
from principal.model.negotiation import IssueKey
from principal.money import Amount
from principal.statements import Count, Percent, Spoken, Statement, say
from principal.strategy.clauses import draft_clauses
from principal.strategy.plan.alternative import Alternative
from principal.strategy.plan.brief import Brief, Counter
from principal.strategy.plan.claims import Claim, Dropped, check, claim, fact
from principal.strategy.plan.deal_space import DealSpace
from principal.strategy.sentences import concat, join, literal

MAX_QUESTIONS = 16


def with_words(brief: Brief, deal: Deal, space: DealSpace, alternative: Alternative) -> Brief:
    """The brief with its words: objectives for the buyer; counters, questions and the talk track for the room,
    each a checked claim (`principal.strategy.plan.claims`) that never reveals the walk-away, the alternative's
    cost or the vendor's estimated reservation."""
    secrets = [
        a.number
        for a in (brief.walk_away, brief.batna_cost, brief.vendor_reservation, brief.buyer_disagreement)
        if a is not None
    ]
    counters, left_counters = _checked_counters(_counters(brief, deal, space), secrets)
    questions, left_questions = check(_questions(brief, deal), secrets)
    talk, left_talk = check(_talk_track(brief, deal, space, alternative), secrets)
    left = tuple(
        concat(item.said, say(" [{reason}]", reason=item.reason))
        for item in (*left_talk, *left_counters, *left_questions)
    )
    return dataclasses.replace(
        brief,
        objectives=_objectives(brief, deal),
        counters=counters,
        questions=questions[:MAX_QUESTIONS],
        talk_track=talk,
        left_out=left,
    )


def _checked_counters(
    pairs: list[tuple[Claim, Claim]], secrets: list[Decimal]
) -> tuple[tuple[Counter, ...], tuple[Dropped, ...]]:
    out: list[Counter] = []
    left: list[Dropped] = []
    for vendor_says, reply in pairs:
        said, dropped_said = check([vendor_says], secrets)
        answer, dropped_answer = check([reply], secrets)
        left.extend((*dropped_said, *dropped_answer))
        if said and answer:
            out.append(Counter(said[0], answer[0]))
    return tuple(out), tuple(left)


def _objectives(brief: Brief, deal: Deal) -> tuple[Statement, ...]:
    ask = deal.offers[brief.target]
    if brief.walk_away is not None:
        first = say(
            "Sign at a term cost of {target} (the ask at your plan volumes) or close to it; never above {walk_away}, "
            "your walk-away.",
            target=brief.target_cost,
            walk_away=brief.walk_away,
        )
    else:
        first = say(
            "Sign at a term cost of {target} (the ask at your plan volumes) or close to it. Your walk-away waits for "
            "your alternative: state it before the meeting.",
            target=brief.target_cost,
        )
    out = [first]
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
            return _Open(_said(ask.ask), ask.open_vs_vendor + ask.risk_value, ask.vendor_cost)
    return None


def _spoken(amount: Amount) -> Spoken:
    return Spoken(amount)


def _said(label: Statement) -> Statement:
    """A level's label as said aloud: its amounts rounded as people say them ($142 a seat)."""
    return Statement(label.template, tuple((n, Spoken(v) if isinstance(v, Amount) else v) for n, v in label.values))


def _counters(brief: Brief, deal: Deal, space: DealSpace) -> list[tuple[Claim, Claim]]:
    """Anticipated vendor lines with replies; each reply states only facts of this deal."""
    cur = brief.currency
    vendor = deal.offers[brief.vendor_offer]
    target = deal.offers[brief.target]
    negotiation = space.negotiation
    pressure = negotiation.vendor.quarter_end_pressure.value in ("medium", "high")
    revenue = brief.vendor_offer_cost.number
    out: list[tuple[Claim, Claim]] = []
    themes = {p.theme for p in brief.packages}
    other_leads = themes - {"license-price-led"}
    price = _ask_for(brief, IssueKey.seat_price)
    if price is not None and vendor.licenses:
        seat = Amount(vendor.licenses[0].unit_price, cur)
        said = say("{price} a seat is already our best price", price=_spoken(seat))
        said = concat(said, ", and it holds only if you sign this quarter." if pressure else ".")
        reply = concat(
            "We count that step. Moving to ",
            price.level,
            say(" is worth {value} to us over the term.", value=_spoken(price.value)),
        )
        more = claim(
            concat(
                reply,
                " If the seat price cannot move, we have packages of the same value to us that ask for less on price "
                "and more on other terms.",
            ),
            fact("equal-value packages led by other terms were found", bool(other_leads)),
            fact("the ask's seat price is below the vendor's", price.value.number > 0),
            otherwise=claim(reply, fact("the ask's seat price is below the vendor's", price.value.number > 0)),
        )
        out.append((claim(said), more))
    uplift = _ask_for(brief, IssueKey.uplift)
    if uplift is not None and vendor.uplift is not None and vendor.uplift.percent is not None:
        asked = target.uplift.percent if target.uplift is not None and target.uplift.percent is not None else None
        out.append(
            (
                claim(say("A {uplift} annual uplift is our standard.", uplift=Percent(vendor.uplift.percent))),
                claim(
                    concat(
                        "It compounds: over the term the difference to ",
                        uplift.level,
                        say(
                            " is {value}. We can accept an uplift; we cannot accept one that grows faster than our "
                            "budget does.",
                            value=_spoken(uplift.value),
                        ),
                    ),
                    fact("the ask's uplift is lower", asked is not None and asked < vendor.uplift.percent),
                    fact("the difference is worth something", uplift.value.number > 0),
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
        cheap = rates.vendor_cost.number < rates.value.number
        out.append(
            (
                claim(
                    literal("Our usage estimate is lower than yours; the bands are not needed."),
                    fact("the vendor estimates less usage than the buyer", bool(gaps)),
                ),
                claim(
                    concat(
                        say(
                            "If your estimate is right, the bands cost you {cost} over the term",
                            cost=_spoken(rates.vendor_cost),
                        ),
                        basis,
                        say(
                            ". At our forecast they are worth {value} to us. If you believe your numbers, the bands "
                            "are cheap to give.",
                            value=_spoken(rates.value),
                        ),
                    ),
                    fact("the bands cost the vendor less than they are worth to the buyer", cheap),
                ),
            )
        )
    cap = _ask_for(brief, IssueKey.usage_cap)
    if cap is not None:
        exceptions = target.usage_cap.exceptions if target.usage_cap is not None else ()
        tail = (
            say(" {exceptions} still lift it.", exceptions=" and ".join(exceptions).capitalize())
            if exceptions
            else literal("")
        )
        out.append(
            (
                claim(literal("We cannot cap consumption-based charges.")),
                claim(
                    concat(
                        "At your own volume estimates, even well above them, the ",
                        cap.level,
                        say(
                            " costs you about {cost} in expectation. For us it removes a risk worth {value}.",
                            cost=_spoken(cap.vendor_cost),
                            value=_spoken(cap.value),
                        ),
                        tail,
                    ),
                    fact("the cap costs the vendor less than it is worth to the buyer", cap.vendor_cost < cap.value),
                ),
            )
        )
    credits = _ask_for(brief, IssueKey.sla_credits)
    if credits is not None:
        their_cap = vendor.sla.credits.cap_percent if vendor.sla is not None else None
        said = (
            say("Credits above {cap} are outside our policy.", cap=Percent(their_cap))
            if their_cap is not None
            else literal("Higher credits are outside our policy.")
        )
        stated = "expected_misses_per_year" in negotiation.vendor.model_fields_set
        small = credits.vendor_cost.number <= revenue / 100
        reply = (
            say(
                "At the reliability you describe ({misses} missed months a year) the stronger ladder costs you about "
                "{cost} over the term. If the platform is as stable as you say, this is the cheapest assurance you "
                "can give us.",
                misses=Count(negotiation.vendor.expected_misses_per_year),
                cost=_spoken(credits.vendor_cost),
            )
            if stated
            else literal(
                "If the platform is as stable as you say, the stronger ladder rarely pays out: it is the cheapest "
                "assurance you can give us."
            )
        )
        out.append(
            (
                claim(said),
                claim(reply, fact("the stronger ladder costs the vendor under 1% of its term revenue", small)),
            )
        )
    chronic = _ask_for(brief, IssueKey.chronic_exit)
    if chronic is not None and target.sla is not None and target.sla.chronic:
        rule = target.sla.chronic[0]
        scope = ", ".join(c.replace("_", " ") for c in rule.components) or "any component"
        misses = negotiation.vendor.expected_misses_per_year
        if rule.count is not None and rule.within is not None:
            expected_in_window = misses * rule.within / 12
            out.append(
                (
                    claim(literal("We do not offer termination rights for service levels.")),
                    claim(
                        say(
                            "This one is narrow: {scope}, {count} missed months in any {within}, and only the "
                            "affected services end. At the reliability you expect of yourselves it is unlikely to "
                            "trigger; for us it is what makes the SLA mean something.",
                            scope=scope,
                            count=rule.count,
                            within=rule.within,
                        ),
                        fact(
                            "the vendor's own expected misses in the window are below the rule's count",
                            expected_in_window < rule.count,
                        ),
                        fact("only the affected services end", rule.remedy.value == "terminate_affected"),
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
        same_fee = any(f.name == fee.name and f.amount == fee.amount for f in vendor.one_time_fees)
        out.append(
            (
                claim(literal("Implementation is a fixed fee; we bill it when the project starts.")),
                claim(
                    concat(
                        say("The fee stays {fee}; only the timing moves. ", fee=_spoken(Amount(fee.amount, cur))),
                        steps,
                        say(
                            ". The last {held} follows stable operations.",
                            held=_spoken(Amount(fee.amount * stone.percent / 100, cur)),
                        ),
                    ),
                    fact("the ask keeps the vendor's fee", same_fee),
                ),
            )
        )
    exit_ask = _ask_for(brief, IssueKey.exit_terms)
    if exit_ask is not None:
        out.append(
            (
                claim(literal("Data export and transition are professional services at our standard rates.")),
                claim(
                    say(
                        "We want them priced now, while we are choosing you: worth {value} to us in expectation, "
                        "and they cost you nothing unless we leave.",
                        value=_spoken(exit_ask.value),
                    ),
                    fact("the exit terms are worth something to the buyer", exit_ask.value.number > 0),
                ),
            )
        )
    return out


def _questions(brief: Brief, deal: Deal) -> list[Claim]:
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
    offer = deal.offers[brief.vendor_offer]
    components = offer.sla.components if offer.sla is not None else ()
    if components and (neg is None or "expected_misses_per_year" not in neg.vendor.model_fields_set):
        first = components[0]
        out.append(
            say(
                "In how many months of the last two years did you miss the {component} target of {target} for "
                "customers of our size?",
                component=first.name.replace("_", " "),
                target=Percent(first.target),
            )
        )
    if neg is not None and neg.vendor.quarter_end_pressure.value in ("medium", "high"):
        out.append(literal("Which parts of the offer depend on signing this quarter, and what changes after it?"))
    for question in align(deal, brief.vendor_offer).questions:
        asked = question if isinstance(question, Statement) else literal(question)
        if asked not in out:
            out.append(asked)
    return [claim(q) for q in out]


def _talk_track(brief: Brief, deal: Deal, space: DealSpace, alternative: Alternative) -> list[Claim]:
    top = [a for a in brief.asks if a.open_vs_vendor.number + a.risk_value.number > 0][:3]
    named = join(
        "; ", (say("{title} ({value})", title=a.title, value=_spoken(a.open_vs_vendor + a.risk_value)) for a in top)
    )
    # Compared on the same basis as the alternative: the vendor's contract plus what switching to it adds.
    offer_basis = brief.vendor_offer_cost.number + alternative.switching_extras
    beaten = alternative.cost is not None and offer_basis > alternative.cost
    lines = [
        claim(
            literal(
                "We want to choose you, and we want the contract to make that an easy decision for both of us. Price "
                "matters, but what matters more is that your revenue grows when our operation runs well, not when "
                "our usage runs away, an outage repeats or the project slips."
            )
        ),
        claim(
            say(
                "Your latest offer costs us about {offer} over the term at our volumes. We have an alternative, and "
                "today your offer does not beat it.",
                offer=_spoken(brief.vendor_offer_cost),
            ),
            fact("the alternative is known", alternative.cost is not None),
            fact("the vendor's offer costs more than the alternative", beaten),
            otherwise=claim(
                say(
                    "Your latest offer costs us about {offer} over the term at our volumes.",
                    offer=_spoken(brief.vendor_offer_cost),
                )
            ),
        ),
        claim(
            concat(
                say(
                    "What we are asking for brings the term to about {target}. The largest pieces still open are: ",
                    target=_spoken(brief.target_cost),
                ),
                named,
                ".",
            ),
            fact("the ask costs less than the vendor's offer", brief.target_cost < brief.vendor_offer_cost),
            fact("some asks are still open", bool(top)),
        ),
    ]
    if brief.packages:
        values = [p.buyer_utility.number for p in brief.packages]
        equal = max(values) - min(values) <= abs(brief.target_utility.number) / 100
        themes = ", ".join(p.theme.replace("-", " ") for p in brief.packages)
        lines.append(
            claim(
                say(
                    "We have {count} ways to get there that are worth the same to us ({themes}). Pick the one that "
                    "works best for your side; we will not reopen the others once you do.",
                    count=len(brief.packages),
                    themes=themes,
                ),
                fact("at least two packages were found", len(brief.packages) >= 2),
                fact("the packages are within 1% of each other in value to the buyer", equal),
            )
        )
    revenue = brief.vendor_offer_cost.number
    cheap = {
        IssueKey.sla_credits: "the credits",
        IssueKey.chronic_exit: "the chronic-failure exit",
        IssueKey.holdback: "the holdback",
    }
    named_terms = []
    for key, words in cheap.items():
        found = _ask_for(brief, key)
        if found is not None and found.vendor_cost.number <= revenue / 100:
            named_terms.append(words)
    if named_terms:
        listed = ", ".join(named_terms[:-1]) + (" and " if len(named_terms) > 1 else "") + named_terms[-1]
        lines.append(
            claim(
                say(
                    "If your confidence in the platform is as high as you say, {terms} cost you very little. If it "
                    "is not, that is exactly what we need to know before we sign.",
                    terms=listed,
                ),
                fact("each named term costs the vendor under 1% of its term revenue", True),
            )
        )
    return lines
