"""What the rep says: its move in words, the tactic it uses named, and arguments built from the deal's own figures.

Every figure in these sentences is a typed value taken from the deal file or an engine: the package's term cost
(cost engine), a level's label and its values (deal space), the forecasts and the vendor's estimates (deal file),
the list price (deal file). Nothing here computes a figure of its own beyond picking which one to quote.
"""

from __future__ import annotations

from dataclasses import dataclass

from principal.money import Amount
from principal.rehearse.board import Levels, from_micro
from principal.rehearse.deal_board import DealBoard
from principal.rehearse.persona import Persona, Tactic
from principal.rehearse.rep import Decision, Kind
from principal.statements import Count, Statement, say
from principal.strategy.sentences import concat, join, literal


@dataclass(frozen=True)
class Line:
    kind: str
    """offer, tactic, argument, accept, end, question, note"""
    statement: Statement
    tactic: Tactic | None = None


def package_words(db: DealBoard, levels: Levels) -> Statement:
    parts = []
    for issue, n in zip(db.board.issues, levels, strict=True):
        parts.append(concat(f"{issue.title}: ", issue.levels[n].label))
    return join("; ", parts)


def _titles(db: DealBoard, keys: tuple[str, ...]) -> str:
    return ", ".join(db.board.issues[db.board.position(k)].title for k in keys)


def offer_line(db: DealBoard, levels: Levels, lead: str) -> Line:
    cost = db.money(db.term_cost(levels))
    return Line(
        "offer", concat(lead, package_words(db, levels), say(". Term cost at your volumes: {cost}.", cost=cost))
    )


def tactic_line(db: DealBoard, persona: Persona, tactic: Tactic, decision: Decision) -> Line:
    cur = db.currency
    if tactic is Tactic.anchor:
        lic = db.offer_for(decision.levels).licenses
        if lic and lic[0].list_price is not None and lic[0].list_price > lic[0].unit_price:
            text = say(
                "Our list price is {list} a seat; this offer already takes {off} off every seat.",
                list=Amount(lic[0].list_price, cur),
                off=Amount(lic[0].list_price - lic[0].unit_price, cur),
            )
        else:
            text = literal("This is where we start, and it is a strong offer for a platform of this scope.")
    elif tactic is Tactic.flinch:
        text = literal(f"{_titles(db, decision.beyond) or 'That'}: that is well past anything my deal desk signs.")
    elif tactic is Tactic.bundle:
        text = literal(f"I can move as a package only: not {_titles(db, decision.held)} as well.")
    elif tactic is Tactic.deadline:
        text = literal(
            "This is my final offer."
            if decision.kind is Kind.final
            else "These terms hold only if we sign this quarter."
        )
    else:  # nibble
        key = decision.held[0]
        issue = db.board.issues[db.board.position(key)]
        text = concat(
            f"We are close. One small thing so I can get this approved: the {issue.title} at ",
            issue.levels[decision.levels[db.board.position(key)]].label,
            ".",
        )
    return Line("tactic", text, tactic)


def arguments(db: DealBoard, persona: Persona, held: tuple[str, ...]) -> list[Line]:
    """Reasons for the rep's position from the deal's figures: forecast risk first, then each issue it holds."""
    out: list[Line] = []
    deal = db.deal
    cur = db.currency
    board = db.board
    keys = list(held) or [issue.key for issue in board.issues if issue.ask > 0]
    if "usage_rates" in keys or "usage_cap" in keys or persona.pitch == "forecast risk":
        for name, forecast in deal.buyer.forecasts.items():
            if forecast.vendor_expected is None or forecast.vendor_expected == forecast.expected:
                continue
            out.append(
                Line(
                    "argument",
                    say(
                        "Forecast risk: we plan {name} at {vendor} a month; your forecast is {buyer}.",
                        name=name.replace("_", " "),
                        vendor=Count(forecast.vendor_expected),
                        buyer=Count(forecast.expected),
                    ),
                )
            )
            break
    for key in keys:
        if not board.has(key):
            continue
        issue = board.issues[board.position(key)]
        level = issue.levels[issue.ask]
        if key == "usage_rates" and issue.ask > 0:
            space_level = db.space.issues[_space_position(db, key)].levels[issue.ask]
            out.append(
                Line(
                    "argument",
                    say(
                        "If your forecast is right, the bands take {buyer} off our revenue over the term; at our "
                        "own estimate they still cost us {vendor}. Bands price in a forecast we do not share.",
                        buyer=Amount(space_level.buyer_value, cur).rounded(),
                        vendor=Amount(-space_level.vendor_value, cur).rounded(),
                    ),
                )
            )
        elif key == "usage_cap" and issue.ask > 0:
            out.append(
                Line(
                    "argument",
                    concat(
                        "A ",
                        level.label,
                        say(
                            " means we carry the volume risk: at our own estimates it costs us {loss} over the term.",
                            loss=Amount(from_micro(-level.vendor), cur).rounded(),
                        ),
                    ),
                )
            )
        elif key == "seat_price" and len(issue.levels) > 1:
            step = issue.levels[1]
            quantity = sum((lic.quantity for lic in db.deal.offers[db.reference].licenses), 0)
            out.append(
                Line(
                    "argument",
                    say(
                        "Every {step} off the seat is {value} over the term across {seats} seats.",
                        step=Amount(issue.levels[0].number - step.number, cur)
                        if issue.levels[0].number is not None and step.number is not None
                        else Amount.zero(cur),
                        value=Amount(from_micro(-step.vendor), cur).rounded(),
                        seats=Count(quantity),
                    ),
                )
            )
        elif key in ("uplift",) and issue.ask > 0:
            out.append(
                Line(
                    "argument",
                    concat(
                        "Our costs rise every year; an uplift of ",
                        level.label,
                        say(" takes {loss} out of the term.", loss=Amount(from_micro(-level.vendor), cur).rounded()),
                    ),
                )
            )
        if len(out) >= 3:
            break
    if persona.pitch == "speed" and db.pressure_bonus > 0:
        out.append(Line("argument", literal("I have room this quarter that I will not have next quarter.")))
    return out


def _space_position(db: DealBoard, key: str) -> int:
    for n, issue in enumerate(db.space.issues):
        if issue.key.value == key:
            return n
    raise KeyError(key)


def say_decision(db: DealBoard, persona: Persona, decision: Decision) -> list[Line]:
    """The rep's reply to one move, in order: tactics that frame it, the offer, then arguments when it holds."""
    lines: list[Line] = []
    leading = [t for t in decision.tactics if t in (Tactic.flinch,)]
    trailing = [t for t in decision.tactics if t not in (Tactic.flinch,)]
    for first in leading:
        lines.append(tactic_line(db, persona, first, decision))
    if decision.kind is Kind.open:
        lines.append(offer_line(db, decision.levels, "Here is our proposal: "))
    elif decision.kind is Kind.accept:
        lines.append(offer_line(db, decision.levels, "Agreed: "))
    elif decision.kind is Kind.nibble:
        lines.append(offer_line(db, decision.levels, "I can do it like this: "))
    elif decision.kind is Kind.end:
        lines.append(Line("end", literal("I cannot go further than my final offer. Let us leave it there for now.")))
    else:
        moved = _titles(db, decision.moved)
        lead = f"I can move on {moved}: " if moved else "I cannot move on that: "
        lines.append(offer_line(db, decision.levels, lead))
    for tactic in trailing:
        lines.append(tactic_line(db, persona, tactic, decision))
    if decision.kind in (Kind.counter, Kind.final) and not decision.moved:
        lines.extend(arguments(db, persona, decision.held)[:2])
    return lines
