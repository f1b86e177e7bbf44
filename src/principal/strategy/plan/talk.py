"""The words of the brief: objectives, anticipated counters with replies, questions, and the buyer's talk track.

Every sentence is built from the brief's own figures, so the words never say a number the engines did not compute.
"""

from __future__ import annotations

import dataclasses

from principal.align.report import align
from principal.model.deal import Deal
from principal.model.negotiation import IssueKey
from principal.strategy.clauses import draft_clauses
from principal.strategy.money_words import amount, number, percent
from principal.strategy.plan.brief import Brief, Counter
from principal.strategy.plan.deal_space import DealSpace

MAX_QUESTIONS = 16


def with_words(brief: Brief, deal: Deal, space: DealSpace) -> Brief:
    return dataclasses.replace(
        brief,
        objectives=_objectives(brief, deal),
        counters=_counters(brief, deal, space),
        questions=_questions(brief, deal),
        talk_track=_talk_track(brief, deal),
    )


def _objectives(brief: Brief, deal: Deal) -> tuple[str, ...]:
    cur = brief.currency
    ask = deal.offers[brief.target]
    out = [
        f"Sign at a term cost of {amount(brief.target_cost, cur)} (the ask at your plan volumes) or close to it; "
        f"never above {amount(brief.walk_away, cur)}, your walk-away.",
    ]
    if ask.usage_cap is not None and ask.usage_cap.percent_of_forecast is not None:
        out.append(
            f"Make usage predictable: volume bands on the meters and a not-to-exceed cap at "
            f"{percent(ask.usage_cap.percent_of_forecast)} of forecast."
        )
    if ask.sla is not None:
        comps = ", ".join(f"{c.name.replace('_', ' ')} {percent(c.target)}" for c in ask.sla.components)
        out.append(f"Per-component availability ({comps}) with credits that rise for repeat misses.")
        if ask.sla.chronic:
            rule = ask.sla.chronic[0]
            out.append(
                f"A chronic-failure exit: {rule.count} misses in any {rule.within} months ends the affected service "
                "without a fee."
            )
    held = [m for f in ask.one_time_fees for m in f.milestones if m.holdback]
    if held:
        out.append(f"Tie implementation pay to milestones, with {percent(held[0].percent)} held until stable running.")
    return tuple(out)


def _ask_for(brief: Brief, issue: IssueKey) -> tuple[str, str, str] | None:
    """(ask label, value to you, cost to the vendor) of one issue, as text."""
    for ask in brief.asks:
        if ask.issue == issue.value:
            value = ask.open_vs_vendor + ask.risk_value
            return ask.ask, amount(value, brief.currency), amount(ask.vendor_cost, brief.currency)
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
                f"{amount(vendor.licenses[0].unit_price, cur)} a seat is already our best price, and it holds only "
                "if you sign this quarter.",
                f"We count that step. Moving to {price[0]} is worth {price[1]} to us over the term. If the seat "
                "price cannot move, we have packages of the same value to us that ask for less on price and more "
                "on terms you told us you are confident about.",
            )
        )
    uplift = _ask_for(brief, IssueKey.uplift)
    if uplift is not None and vendor.uplift is not None and vendor.uplift.percent is not None:
        out.append(
            Counter(
                f"A {percent(vendor.uplift.percent)} annual uplift is our standard.",
                f"It compounds: over the term the difference to {uplift[0]} is {uplift[1]}. We can accept an "
                "uplift; we cannot accept one that grows faster than our budget does.",
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
            f"; your estimate of {number(gaps[0][2])} against our {number(gaps[0][1])} for {gaps[0][0]}" if gaps else ""
        )
        out.append(
            Counter(
                "Our usage estimate is lower than yours; the bands are not needed.",
                f"If your estimate is right, the bands cost you {rates[2]} over the term{basis}. At our forecast "
                f"they are worth {rates[1]} to us. If you believe your numbers, the bands are cheap to give.",
            )
        )
    cap = _ask_for(brief, IssueKey.usage_cap)
    if cap is not None:
        out.append(
            Counter(
                "We cannot cap consumption-based charges.",
                f"At your own volume estimates, even well above them, the {cap[0]} costs you about {cap[2]} in "
                f"expectation. For us it removes a risk worth {cap[1]}. New countries or channels still lift it.",
            )
        )
    credits = _ask_for(brief, IssueKey.sla_credits)
    if credits is not None:
        misses = space.negotiation.vendor.expected_misses_per_year
        out.append(
            Counter(
                "Credits above 10% are outside our policy.",
                f"At the reliability you describe (about {number(misses)} missed months a year) the stronger ladder "
                f"costs you {credits[2]} over the term. If the platform is as stable as you say, this is the "
                "cheapest assurance you can give us.",
            )
        )
    chronic = _ask_for(brief, IssueKey.chronic_exit)
    if chronic is not None and target.sla is not None and target.sla.chronic:
        rule = target.sla.chronic[0]
        scope = ", ".join(c.replace("_", " ") for c in rule.components) or "any component"
        out.append(
            Counter(
                "We do not offer termination rights for service levels.",
                f"This one is narrow: {scope}, {rule.count} missed months in any {rule.within}, and only the "
                "affected services end. At your expected reliability it never triggers; for us it is what makes "
                "the SLA mean something.",
            )
        )
    held = [(f, m) for f in target.one_time_fees for m in f.milestones if m.holdback]
    if held:
        fee, stone = held[0]
        out.append(
            Counter(
                "Implementation is a fixed fee; we bill it when the project starts.",
                f"The fee stays {amount(fee.amount, cur)}; only the timing moves. "
                + ", ".join(f"{percent(m.percent)} at {m.name}" for m in fee.milestones)
                + f". The last {amount(fee.amount * stone.percent / 100, cur)} follows stable operations.",
            )
        )
    exit_ask = _ask_for(brief, IssueKey.exit_terms)
    if exit_ask is not None:
        out.append(
            Counter(
                "Data export and transition are professional services at our standard rates.",
                f"We want them priced now, while we are choosing you: worth {exit_ask[1]} to us in expectation, and "
                "they cost you nothing unless we leave.",
            )
        )
    return tuple(out)


def _questions(brief: Brief, deal: Deal) -> tuple[str, ...]:
    # Open clause terms and forecast gaps first, then what the alignment checklist could not answer.
    out: list[str] = []
    for clause in draft_clauses(deal, brief.vendor_offer).clauses:
        if clause.missing:
            out.append(
                f"{clause.title}: your offer leaves these open: {'; '.join(clause.missing)}. What will you commit to?"
            )
    for name, fc in deal.buyer.forecasts.items():
        if fc.vendor_expected is not None and fc.vendor_expected != fc.expected:
            out.append(
                f"How did you arrive at {number(fc.vendor_expected)} {fc.unit}s a month for {name}? "
                f"Our traffic model says {number(fc.expected)}."
            )
    neg = deal.negotiation
    if neg is None or "expected_misses_per_year" not in neg.vendor.model_fields_set:
        out.append(
            "How many months in the last two years did voice routing miss 99.95% for customers of our size? "
            "(The plan assumes you expect about 0.5 a year.)"
        )
    if neg is not None and neg.vendor.quarter_end_pressure.value in ("medium", "high"):
        out.append("Which parts of the offer depend on signing this quarter, and what changes after it?")
    out.extend(q for q in align(deal, brief.vendor_offer).questions if q not in out)
    return tuple(out[:MAX_QUESTIONS])


def _talk_track(brief: Brief, deal: Deal) -> tuple[str, ...]:
    cur = brief.currency
    top = [a for a in brief.asks if a.ranked_value > 0][:3]
    named = "; ".join(f"{a.title} ({amount(a.open_vs_vendor + a.risk_value, cur)})" for a in top)
    lines = [
        "We want to choose you, and we want the contract to make that an easy decision for both of us. Price "
        "matters, but what matters more is that your revenue grows when our operation runs well, not when our "
        "usage runs away, an outage repeats or the project slips.",
        f"Your latest offer costs us {amount(brief.vendor_offer_cost, cur)} over the term at our volumes. Our "
        f"alternative, {brief.batna}, costs about {amount(brief.batna_cost, cur)}, so today your offer does not "
        "yet beat it.",
        f"What we are asking for brings the term to {amount(brief.target_cost, cur)}. The largest pieces still open "
        f"are: {named}.",
    ]
    if brief.packages:
        themes = ", ".join(p.theme.replace("-", " ") for p in brief.packages)
        lines.append(
            f"We have {len(brief.packages)} ways to get there that are worth the same to us ({themes}). Pick the one "
            "that works best for your side; we will not reopen the others once you do."
        )
    lines.append(
        "If your confidence in the platform is as high as you say, the credits, the chronic-failure exit and the "
        "holdback cost you very little. If it is not, that is exactly what we need to know before we sign."
    )
    return tuple(lines)
