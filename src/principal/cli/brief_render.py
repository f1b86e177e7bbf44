"""Text rendering of the negotiation brief (`principal plan`); the figures all come from the strategy engine.

Amounts and statements are written by the deal's formatter (`principal.present`), in its currency and locale.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from principal.cli.output import console

if TYPE_CHECKING:
    from principal.present import Formatter
    from principal.statements import Statement
    from principal.strategy.plan.brief import Brief


def _say(text: str = "") -> None:
    console.print(text, markup=False)


def _levels(levels: dict[str, Statement], fmt: Formatter) -> str:
    return ", ".join(f"{issue} {fmt.text(label)}" for issue, label in levels.items())


def render_brief(brief: Brief, fmt: Formatter) -> None:
    money, text = fmt.money, fmt.text
    _say(f"Negotiation brief: {brief.deal}")
    roles = brief.roles
    _say(f"Your ask (target): {brief.target!r}, {text(roles.target_source)}.")
    _say(
        f"The vendor's latest offer (the vendor's, not yours): {brief.vendor_offer!r}, "
        f"{text(roles.vendor_offer_source)}."
    )
    _say(f"Baseline: {brief.baseline!r}.")
    _say()
    _say("Objectives")
    for item in brief.objectives:
        _say(f"  - {text(item)}")
    _say()
    _say("Alternative (BATNA) and walk-away: for you only, never said to the vendor")
    if brief.batna_cost is not None:
        _say(f"  BATNA ({brief.batna_kind}): {text(brief.batna)}, {money(brief.batna_cost)} over the term.")
        _say(f"     How: {text(brief.batna_formula)}.")
    else:
        _say(f"  BATNA: unknown ({text(brief.batna)}).")
    for other in brief.alternatives_considered:
        _say(f"     Considered: {text(other)}.")
    if brief.alternative_question is not None:
        _say(f"  Question for you: {text(brief.alternative_question)}")
    if brief.walk_away is not None:
        _say(f"  Walk away above a term cost of {money(brief.walk_away)}: {text(brief.walk_away_formula)}.")
    else:
        _say("  Walk-away: unknown until the alternative is known.")
    _say(f"  The vendor's latest offer costs {money(brief.vendor_offer_cost)}; your ask {money(brief.target_cost)}.")
    _say()
    z = brief.zopa
    _say("Zone of possible agreement (term cost)")
    _say(f"  Vendor's estimated walk-away {money(brief.vendor_reservation)}: {text(brief.vendor_reservation_formula)}.")
    if z is None:
        _say("  ZOPA: waits for your alternative (no walk-away yet).")
    elif z.exists and z.nash_price is not None:
        _say(
            f"  ZOPA {money(z.low)} to {money(z.high)} (width {money(z.width)}); an even split of the surplus lands "
            f"at {money(z.nash_price)}."
        )
    else:
        _say("  No ZOPA: the vendor's estimated walk-away is above yours. Improve the alternative or change the scope.")
    if brief.nash_levels is not None and brief.nash_cost is not None:
        _say(
            f"  Nash bargaining package over the issues: {_levels(brief.nash_levels, fmt)}; term cost "
            f"{money(brief.nash_cost)}."
        )
    _say()
    _say(f"Asks, ranked (money asks reconcile with `principal compare`: {money(brief.compare_saving)} vs baseline)")
    for n, ask in enumerate(brief.asks, start=1):
        _say(
            f"  {n}. {ask.title}: {text(ask.ask)}. Still open vs the vendor's offer {money(ask.open_vs_vendor)}; "
            f"vs baseline {money(ask.value_vs_baseline)}; risk value {money(ask.risk_value)}; weight "
            f"{fmt.number(ask.weight)}; costs the vendor about {money(ask.vendor_cost)}."
        )
        _say(f"     How: {text(ask.formula)} [{ask.source}]")
    _say(f"  Still open against the vendor's latest offer in total: {money(brief.open_saving)}.")
    if brief.lever_values:
        _say("  Non-price levers in expectation (one Monte Carlo, the figures compare and align print):")
        for lv in brief.lever_values:
            basis = lv.basis.value + (": " + ", ".join(lv.defaults_used) if lv.defaults_used else "")
            _say(
                f"    {lv.title}: expected saving {money(lv.expected_saving, blank='unknown')}, P90 saving "
                f"{money(lv.p90_saving, blank='unknown')} ({basis})"
            )
    _say()
    _say("Trade-off map (value to you / cost to them)")
    for t in brief.trade_map:
        ratio = fmt.number(t.ratio, 2) if t.ratio is not None else "free to them"
        _say(f"  {t.title}: {money(t.buyer_value)} / {money(t.vendor_cost)} = {ratio}; {t.role}")
    _say()
    _say("Concession plan (from the ask, one step at a time)")
    if not brief.concessions:
        _say("  none: hold every ask (see the notes below)")
    for step in brief.concessions:
        flag = "  STOP: beyond your walk-away" if step.within_walk_away is False else ""
        _say(
            f"  {step.order}. Give {text(step.give)} (worth {money(step.buyer_value_given)} to you); term cost then "
            f"{money(step.term_cost_after)}.{flag}"
        )
    _say()
    margin_text = fmt.value(brief.fallback_margin)
    outside = sum(1 for p in brief.packages if p.inside_margin is not True)
    if brief.packages and outside == 0:
        stays = f"each stays {margin_text} inside your walk-away"
    elif brief.packages:
        stays = f"the aim is {margin_text} inside your walk-away; {outside} of {len(brief.packages)} miss it"
    else:
        stays = f"the aim is {margin_text} inside your walk-away"
    _say(f"Fallback packages of equal value (offer them together; {stays})")
    if not brief.packages:
        _say("  none (see the notes below)")
    for p in brief.packages:
        score = f"; alignment score {fmt.number(p.alignment_score, 0)}/100" if p.alignment_score is not None else ""
        margin = "margin to walk-away unknown" if p.margin is None else f"margin to walk-away {money(p.margin)}"
        if p.inside_margin is False:
            margin += " (NOT inside the stated margin)"
        _say(
            f"  {p.theme} (lead: {p.lead}): term cost {money(p.term_cost)}; value to you {money(p.buyer_utility)} "
            f"(ask {money(brief.target_utility)}); costs the vendor {money(p.vendor_cost)}; {margin}; chance the "
            f"vendor accepts {fmt.share(p.acceptance, 0)}{score}"
        )
        _say(f"     {_levels(p.levels, fmt)}")
        if p.stronger is not None:
            s = p.stronger
            _say(
                f"     Money may be left on the table at {fmt.share(p.acceptance, 0)}: a stronger version worth "
                f"{money(s.buyer_utility)} to you, term cost {money(s.term_cost)}, chance {fmt.share(s.acceptance, 0)}:"
            )
            _say(f"     {_levels(s.levels, fmt)}")
    _say()
    _say("Anticipated counters and replies")
    for c in brief.counters:
        _say(f'  Vendor: "{text(c.vendor_says)}"')
        _say(f'  You:    "{text(c.reply)}"')
    _say()
    _say("Questions to ask")
    for q in brief.questions:
        _say(f"  - {text(q)}")
    _say()
    _say("Talk track")
    for line in brief.talk_track:
        _say(f"  {text(line)}")
    if brief.left_out:
        _say()
        _say("Left out of what you say (the claim check)")
        for item in brief.left_out:
            _say(f"  - {text(item)}")
    if brief.notes:
        _say()
        for note in brief.notes:
            _say(f"Note: {note}")
