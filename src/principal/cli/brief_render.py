"""Text rendering of the negotiation brief (`principal plan`); the figures all come from the strategy engine."""

from __future__ import annotations

from principal.cli.output import console
from principal.money_format import money
from principal.strategy.plan.brief import Brief


def _say(text: str = "") -> None:
    console.print(text, markup=False)


def render_brief(brief: Brief) -> None:
    cur = brief.currency
    _say(f"Negotiation brief: {brief.deal}")
    _say(
        f"Your ask: {brief.target!r}. The vendor's latest offer: {brief.vendor_offer!r}. Baseline: {brief.baseline!r}."
    )
    _say()
    _say("Objectives")
    for item in brief.objectives:
        _say(f"  - {item}")
    _say()
    _say("BATNA and walk-away")
    _say(f"  BATNA: {brief.batna}, about {money(brief.batna_cost, cur)} over the term.")
    _say(f"  Walk away above a term cost of {money(brief.walk_away, cur)}.")
    offer_cost, ask_cost = money(brief.vendor_offer_cost, cur), money(brief.target_cost, cur)
    _say(f"  The vendor's latest offer costs {offer_cost}; your ask {ask_cost}.")
    _say()
    z = brief.zopa
    _say("Zone of possible agreement (term cost)")
    _say(f"  Vendor's estimated walk-away {money(z.vendor_reservation, cur)}: {brief.vendor_reservation_formula}.")
    if z.exists and z.nash_price is not None:
        _say(
            f"  ZOPA {money(z.low, cur)} to {money(z.high, cur)} (width {money(z.width, cur)}); an even split of the "
            f"surplus lands at {money(z.nash_price, cur)}."
        )
    else:
        _say("  No ZOPA: the vendor's estimated walk-away is above yours. Improve the BATNA or change the scope.")
    if brief.nash_levels is not None and brief.nash_cost is not None:
        terms = ", ".join(f"{k} {v}" for k, v in brief.nash_levels.items())
        _say(f"  Nash bargaining package over the issues: {terms}; term cost {money(brief.nash_cost, cur)}.")
    _say()
    _say(
        f"Asks, ranked (money asks reconcile with `principal compare`: {money(brief.compare_saving, cur)} vs baseline)"
    )
    for n, ask in enumerate(brief.asks, start=1):
        _say(
            f"  {n}. {ask.title}: {ask.ask}. Still open vs the vendor's offer {money(ask.open_vs_vendor, cur)}; "
            f"vs baseline {money(ask.value_vs_baseline, cur)}; risk value {money(ask.risk_value, cur)}; weight "
            f"{ask.weight}; costs the vendor about {money(ask.vendor_cost, cur)}."
        )
        _say(f"     How: {ask.formula} [{ask.source}]")
    _say(f"  Still open against the vendor's latest offer in total: {money(brief.open_saving, cur)}.")
    _say()
    _say("Trade-off map (value to you / cost to them)")
    for t in brief.trade_map:
        ratio = f"{t.ratio:.2f}" if t.ratio is not None else "free to them"
        _say(f"  {t.title}: {money(t.buyer_value, cur)} / {money(t.vendor_cost, cur)} = {ratio}; {t.role}")
    _say()
    _say("Concession plan (from the ask, one step at a time)")
    for step in brief.concessions:
        flag = "" if step.within_walk_away else "  STOP: beyond your walk-away"
        _say(
            f"  {step.order}. Give {step.give} (worth {money(step.buyer_value_given, cur)} to you); term cost then "
            f"{money(step.term_cost_after, cur)}.{flag}"
        )
    _say()
    _say("Equal-value packages (offer them together)")
    for p in brief.packages:
        terms = ", ".join(f"{k} {v}" for k, v in p.levels.items())
        _say(
            f"  {p.theme}: term cost {money(p.term_cost, cur)}; value to you {money(p.buyer_utility, cur)} "
            f"(ask {money(brief.target_utility, cur)}); chance the vendor accepts {p.acceptance:.0%}"
            + (f"; alignment score {p.alignment_score:.0f}/100" if p.alignment_score is not None else "")
        )
        _say(f"     {terms}")
    _say()
    _say("Anticipated counters and replies")
    for c in brief.counters:
        _say(f'  Vendor: "{c.vendor_says}"')
        _say(f'  You:    "{c.reply}"')
    _say()
    _say("Questions to ask")
    for q in brief.questions:
        _say(f"  - {q}")
    _say()
    _say("Talk track")
    for line in brief.talk_track:
        _say(f"  {line}")
    if brief.notes:
        _say()
        for note in brief.notes:
            _say(f"Note: {note}")
