"""The score after every move and the debrief at the end, in the deal's money.

For the package on the table (the agreement once there is one):
- term cost and cost of switching (cost engine), against the buyer's target offer and its walk-away;
- share of the ZOPA captured: (walk-away - term cost) / (walk-away - vendor's reservation), the ZOPA of the brief;
- distance to the Nash point: the Nash package's buyer utility minus this package's (both on the board);
- distance to the Pareto frontier: the most more the buyer could have at no less for the vendor;
- concessions per turn: what each move gave up, for each side, in its own utility;
- asks never made: issues the buyer's target improves that the buyer never asked for, with what they were worth;
- value given for nothing: the buyer's concessions the rep's next move did not answer with one of its own.
Utilities are the deal space's (buyer: dollar values weighted by the deal's priorities; vendor: revenue).
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from principal.money import Amount
from principal.rehearse.board import Levels, from_micro
from principal.rehearse.deal_board import DealBoard
from principal.statements import Share, Statement, say


@dataclass(frozen=True)
class Missed:
    issue: str
    title: str
    ask: Statement
    worth: Amount


@dataclass(frozen=True)
class Score:
    agreed: bool
    ended: bool
    package: Levels
    term_cost: Amount
    switching: Amount | None
    staying: Amount | None
    target_term_cost: Amount
    target_switching: Amount | None
    walk_away: Amount | None
    within_walk_away: bool | None
    zopa_share: Share | None
    nash_gap: Amount | None
    frontier_gap: Amount
    rep_concessions: tuple[Amount, ...]
    buyer_concessions: tuple[Amount, ...]
    asks_never_made: tuple[Missed, ...]
    given_for_nothing: Amount
    next_move: Statement


@dataclass
class Ledger:
    """What each side gave, turn by turn, in millionths of its own utility."""

    rep: list[int]
    buyer: list[int]
    unanswered: int = 0


def score(
    db: DealBoard,
    package: Levels,
    *,
    agreed: bool,
    ended: bool = False,
    ledger: Ledger,
    proposals: list[Levels],
    next_move: Statement,
) -> Score:
    board = db.board
    cur = db.currency
    term = db.term_cost(package)
    sw = db.switching(package)
    target_sw = db.target_switching()
    target_term = target_sw.contract.total
    share = None
    if db.walk_away is not None and db.walk_away - db.vendor_reservation > 0:
        share = Share(float((db.walk_away - term) / (db.walk_away - db.vendor_reservation)))
    buyer = board.buyer(package)
    nash_gap = None
    if db.nash is not None:
        nash_gap = Amount(from_micro(board.buyer(db.nash) - buyer), cur).rounded()
    missed = []
    for n, issue in enumerate(board.issues):
        if issue.ask == 0:
            continue
        asked = max((p[n] for p in proposals), default=0)
        if asked == 0 and package[n] < issue.ask:
            worth = from_micro(issue.levels[issue.ask].buyer - issue.levels[package[n]].buyer) / issue.weight
            missed.append(Missed(issue.key, issue.title, issue.levels[issue.ask].label, Amount(worth, cur).rounded()))
    return Score(
        agreed=agreed,
        ended=ended,
        package=package,
        term_cost=db.money(term),
        switching=db.money(sw.total) if sw.total is not None else None,
        staying=db.money(sw.staying) if sw.staying is not None else None,
        target_term_cost=db.money(target_term),
        target_switching=db.money(target_sw.total) if target_sw.total is not None else None,
        walk_away=db.money(db.walk_away) if db.walk_away is not None else None,
        within_walk_away=term <= db.walk_away if db.walk_away is not None else None,
        zopa_share=share,
        nash_gap=nash_gap,
        frontier_gap=Amount(from_micro(db.frontier_gap(buyer, board.vendor(package))), cur).rounded(),
        rep_concessions=tuple(Amount(from_micro(v), cur).rounded() for v in ledger.rep),
        buyer_concessions=tuple(Amount(from_micro(v), cur).rounded() for v in ledger.buyer),
        asks_never_made=tuple(missed),
        given_for_nothing=Amount(from_micro(ledger.unanswered), cur).rounded(),
        next_move=next_move,
    )


def score_lines(s: Score) -> list[Statement]:
    """The score as sentences (the debrief's figures, each typed)."""
    lines = []
    head = "agreed package" if s.agreed else "no deal; the rep's last offer" if s.ended else "package on the table"
    if s.walk_away is None:
        lines.append(
            say(head + ": term cost {term} against your target's {target}", term=s.term_cost, target=s.target_term_cost)
            + say("; your walk-away is unknown (set negotiation.walk_away_tco or the incumbent's monthly cost), so ")
            + say("the ZOPA is not scored and the Nash point takes the vendor's offer as your alternative (a default)")
        )
    else:
        lines.append(
            say(
                head + ": term cost {term} against your target's {target} and your walk-away {walk}",
                term=s.term_cost,
                target=s.target_term_cost,
                walk=s.walk_away,
            )
            + (say(" (within it)") if s.within_walk_away else say(" (above it: do not sign this)"))
        )
    if s.switching is not None and s.target_switching is not None and s.staying is not None:
        lines.append(
            say(
                "cost of switching {switching} against {target} for your target and {staying} for staying",
                switching=s.switching,
                target=s.target_switching,
                staying=s.staying,
            )
        )
    if s.zopa_share is not None:
        lines.append(say("share of the ZOPA captured: {share}", share=s.zopa_share))
    if s.nash_gap is not None:
        if s.nash_gap.number >= 0:
            lines.append(say("distance to the Nash point: it gives you {gap} more utility", gap=s.nash_gap))
        else:
            lines.append(say("distance to the Nash point: you are {gap} of utility past it", gap=-s.nash_gap))
    lines.append(
        say("distance to the Pareto frontier: {gap} more was possible at no cost to the vendor", gap=s.frontier_gap)
    )
    if s.rep_concessions:
        total = sum((a.number for a in s.rep_concessions), Decimal(0))
        lines.append(
            say(
                "concessions per move: the rep gave "
                + ", ".join(f"{{r{k}}}" for k in range(len(s.rep_concessions)))
                + " ({total} in all); you gave {mine}",
                total=Amount(total, s.term_cost.currency),
                **{f"r{k}": a for k, a in enumerate(s.rep_concessions)},
                mine=Amount(sum((a.number for a in s.buyer_concessions), Decimal(0)), s.term_cost.currency),
            )
        )
    for miss in s.asks_never_made:
        lines.append(
            say("never asked: {title} at ", title=miss.title)
            + miss.ask
            + say(", worth {worth} to you", worth=miss.worth)
        )
    if s.given_for_nothing.number > 0:
        lines.append(say("given for nothing: {value} of concessions the rep did not answer", value=s.given_for_nothing))
    lines.append(say("next move: ") + s.next_move)
    return lines
