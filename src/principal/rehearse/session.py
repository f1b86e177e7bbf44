"""One rehearsal: the rep's opening, then the buyer's moves and the rep's replies, each scored, to an end.

    session = Session(build_board(deal), persona_named("margin"), seed=7)
    session.start()                      # the rep's anchor
    reply = session.play("we need $140 a seat and a 110% cap")
    reply.lines, reply.score             # what the rep said; the score after the move

The buyer's proposal builds on its previous one (the rep's offer before the first): `ask` and `offer` change the
issues they name, `trade` gives one and asks another. The same deal, persona, seed and moves give the same
transcript.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from principal.rehearse.board import Levels
from principal.rehearse.deal_board import DealBoard
from principal.rehearse.moves import HELP, Move, MoveKind, Question, read_move
from principal.rehearse.persona import Persona
from principal.rehearse.rep import Decision, Kind, Rep
from principal.rehearse.score import Ledger, Score, score
from principal.rehearse.speech import Line, arguments, package_words, say_decision
from principal.statements import Statement, say
from principal.strategy.sentences import concat, join, literal


@dataclass(frozen=True)
class Reply:
    said: str
    """What the buyer typed (empty for the opening)."""
    move: Move | None
    lines: tuple[Line, ...]
    offer: Levels
    decision: Decision | None
    score: Score
    ended: bool


@dataclass
class Session:
    board: DealBoard
    persona: Persona
    seed: int = 0
    rep: Rep = field(init=False)
    replies: list[Reply] = field(default_factory=list)
    proposals: list[Levels] = field(default_factory=list)
    ledger: Ledger = field(default_factory=lambda: Ledger([], []))
    agreement: Levels | None = None
    ended: bool = False
    _pending: int = 0

    def __post_init__(self) -> None:
        self.rep = Rep(self.board.board, self.persona, seed=self.seed, pressure_bonus=self.board.pressure_bonus)

    # the rehearsal --------------------------------------------------------------------------------------------
    def start(self) -> Reply:
        decision = self.rep.open()
        return self._record("", None, say_decision(self.board, self.persona, decision), decision)

    def play(self, text: str) -> Reply:
        if not self.replies:
            self.start()
        if self.ended:
            return self._record(text, None, [Line("note", literal("The rehearsal is over; see the debrief."))], None)
        read = read_move(self.board.board, text)
        if isinstance(read, Question):
            return self._record(text, None, [Line("question", read.statement)], None)
        return self.apply(read, text)

    def apply(self, move: Move, text: str = "") -> Reply:
        db = self.board
        kind = move.kind
        if kind is MoveKind.help:
            return self._record(text, move, [Line("note", HELP)], None)
        if kind is MoveKind.issues:
            lines = [
                Line("note", concat(f"{issue.key}: ", join(", ", [level.label for level in issue.levels]), say(".")))
                for issue in db.board.issues
            ]
            return self._record(text, move, lines, None)
        if kind is MoveKind.score:
            return self._record(text, move, [Line("note", literal("Your score so far follows."))], None)
        if kind is MoveKind.why:
            held = self._held()
            lines = arguments(db, self.persona, held) or [Line("argument", literal("It is a fair offer as it stands."))]
            return self._record(text, move, lines, None)
        if kind is MoveKind.accept:
            self.agreement = self.rep.offer
            self.rep.buyer_accepts()
            self.ended = True
            return self._record(
                text, move, [Line("accept", concat("Agreed: ", package_words(db, self.agreement), say(".")))], None
            )
        if kind is MoveKind.walk:
            self.ended = True
            self.rep.done = True
            return self._record(
                text, move, [Line("end", literal("Understood. The offer stays open if you change your mind."))], None
            )
        proposal = list(self.proposals[-1] if self.proposals else self.rep.offer)
        for key, level in (*move.gives, *move.changes):
            proposal[db.board.position(key)] = level
        levels = tuple(proposal)
        previous = self.proposals[-1] if self.proposals else None
        gave = max(db.board.buyer(previous) - db.board.buyer(levels), 0) if previous is not None else 0
        self.proposals.append(levels)
        self.ledger.buyer.append(gave)
        decision = self.rep.respond(levels)
        self.ledger.rep.append(decision.given)
        if gave > 0 and decision.given == 0:
            self.ledger.unanswered += gave
        if decision.kind is Kind.accept:
            self.agreement = decision.levels
            self.ended = True
        elif decision.kind is Kind.end:
            self.ended = True
        return self._record(text, move, say_decision(db, self.persona, decision), decision)

    # helpers --------------------------------------------------------------------------------------------------
    def _held(self) -> tuple[str, ...]:
        if not self.proposals:
            return ()
        buyer = self.proposals[-1]
        return tuple(
            issue.key
            for issue, mine, theirs in zip(self.board.board.issues, self.rep.offer, buyer, strict=True)
            if issue.levels[theirs].vendor < issue.levels[mine].vendor
        )

    def current(self) -> Levels:
        return self.agreement if self.agreement is not None else self.rep.offer

    def score_now(self) -> Score:
        return score(
            self.board,
            self.current(),
            agreed=self.agreement is not None,
            ended=self.ended,
            ledger=self.ledger,
            proposals=self.proposals,
            next_move=self.next_move(),
        )

    def next_move(self) -> Statement:
        db = self.board
        board = db.board
        if self.agreement is not None:
            if db.walk_away is not None and db.term_cost(self.agreement) > db.walk_away:
                return literal("in the meeting, walk away from this: it costs more than your walk-away.")
            return literal("none: the deal is agreed; compare it with the brief before you sign.")
        if self.ended:
            return literal("the rep has ended it; rehearse again with another opening.")
        offer = self.rep.offer
        if self.ledger.buyer and self.ledger.buyer[-1] > 0 and self.ledger.rep and self.ledger.rep[-1] == 0:
            return literal("hold: you gave something the rep did not answer; ask for a concession before you move.")
        asked = [max((p[n] for p in self.proposals), default=0) for n in range(len(board.issues))]
        best: tuple[float, int] | None = None
        for n, issue in enumerate(board.issues):
            if issue.ask == 0 or asked[n] > 0 or offer[n] >= issue.ask:
                continue
            level = issue.levels[issue.ask]
            ratio = level.buyer / max(-level.vendor, 1)
            if best is None or ratio > best[0]:
                best = (ratio, n)
        if best is not None:
            issue = board.issues[best[1]]
            return concat(
                f"ask for the {issue.title} at ",
                issue.levels[issue.ask].label,
                ": it is worth far more to you than it costs the rep.",
            )
        affordable = board.affordable(offer) and (db.walk_away is None or db.term_cost(offer) <= db.walk_away)
        if affordable and db.nash is not None and board.buyer(offer) >= board.buyer(db.nash):
            return literal("accept: the offer is within your walk-away and at least as good as the Nash point.")
        gap = [
            n
            for n, issue in enumerate(board.issues)
            if offer[n] < (self.proposals[-1][n] if self.proposals else issue.ask)
        ]
        if gap:
            issue = board.issues[gap[0]]
            return literal(f"trade: offer something cheap to you for movement on the {issue.title}.")
        return literal("accept, or ask for one more small thing before you do.")

    def _record(self, text: str, move: Move | None, lines: list[Line], decision: Decision | None) -> Reply:
        reply = Reply(text, move, tuple(lines), self.current(), decision, self.score_now(), self.ended)
        self.replies.append(reply)
        return reply
