"""The buyer's moves: structured commands and plain English, read into a move or a question back, never a guess.

Commands (issue names as in `issues`; a value left out means the buyer's target level):

    ask ISSUE [VALUE]                 ask for one issue            ask seat_price 140 / ask cap 110 / ask bands
    offer ISSUE=VALUE ...             a whole proposal             offer seat_price=141 uplift=3 cap=110
    trade ISSUE=VALUE for ISSUE=VALUE give one thing for another trade uplift=4 for seat_price=140
    accept | walk | why | score | issues | help

Plain English is read with the review engine's number extractors: "we need $140 a seat and a 110% cap" is an offer
of seat price 140 and usage cap 110%. Each figure must sit next to words that say which issue it is for and must
be a level the rehearsal models; otherwise the answer is a question naming the choices.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from enum import StrEnum

from principal.money import Amount
from principal.rehearse.board import Board, BoardIssue
from principal.review.extract.numbers import find_money, find_percents
from principal.statements import Statement, say
from principal.strategy.sentences import join, literal


class MoveKind(StrEnum):
    ask = "ask"
    offer = "offer"
    trade = "trade"
    accept = "accept"
    walk = "walk"
    why = "why"
    score = "score"
    issues = "issues"
    help = "help"


@dataclass(frozen=True)
class Move:
    kind: MoveKind
    changes: tuple[tuple[str, int], ...] = ()
    """(issue, level) the buyer asks for."""
    gives: tuple[tuple[str, int], ...] = ()
    """(issue, level) the buyer offers in a trade."""


@dataclass(frozen=True)
class Question:
    """What the rehearsal could not read, asked back."""

    statement: Statement


ALIASES: dict[str, tuple[str, ...]] = {
    "seat_price": ("seat price", "seat", "seats", "price", "per seat", "per user", "per agent", "licence", "license"),
    "uplift": ("uplift", "annual increase", "price increase", "increase", "escalator", "escalation"),
    "usage_rates": ("usage rates", "usage bands", "volume bands", "bands", "rates", "graduated", "tiers", "tiered"),
    "usage_cap": ("usage cap", "cap", "ceiling", "capped"),
    "sla_credits": ("sla credits", "service credits", "credits", "credit", "sla"),
    "chronic_exit": ("chronic failure", "chronic exit", "chronic", "termination right"),
    "holdback": ("holdback", "milestones", "milestone", "retention"),
    "exit_terms": ("data export", "exit terms", "export", "transition", "exit"),
}
NUMBER_ISSUES = ("seat_price", "uplift", "usage_cap")
ACCEPT = re.compile(r"\b(accept|agreed|deal|we can sign|let'?s sign|sounds good|works for us|done)\b", re.I)
WALK = re.compile(r"\b(walk( away)?|no deal|we'?re out|goodbye)\b", re.I)
WHY = re.compile(r"\b(why|explain|justify|how come)\b", re.I)
BARE = re.compile(r"^\s*(?:[^\d\s]{0,4})?\s*(\d+(?:\.\d+)?)\s*%?\s*$")


def issue_named(board: Board, name: str) -> str | None:
    text = name.strip().lower().replace("-", " ").replace("_", " ")
    for issue in board.issues:
        if text == issue.key.replace("_", " ") or text == issue.title.lower():
            return issue.key
    for key, names in ALIASES.items():
        if board.has(key) and text in names:
            return key
    return None


def _levels_text(issue: BoardIssue) -> Statement:
    return join(", ", [level.label for level in issue.levels])


def _number(text: str) -> Decimal | None:
    match = BARE.match(text)
    if match is None:
        return None
    try:
        return Decimal(match.group(1))
    except InvalidOperation:
        return None


def level_for(board: Board, key: str, value: str | Decimal | None) -> int | Question:
    """The level of issue `key` the buyer names with `value` (None: its target level)."""
    issue = board.issues[board.position(key)]
    if value is None or (isinstance(value, str) and value.strip().lower() in ("", "target", "our ask")):
        return issue.ask
    if isinstance(value, str):
        words = value.strip().lower()
        for n, level in enumerate(issue.levels):
            if words in level.words:
                return n
        number = _number(words)
        if number is None:
            return Question(
                say("Which {title} do you mean? The levels are: ", title=issue.title) + _levels_text(issue) + say(".")
            )
        value = number
    for n, level in enumerate(issue.levels):
        if level.number is not None and level.number == value:
            return n
    return Question(_not_a_level(board, issue, value))


def _not_a_level(board: Board, issue: BoardIssue, value: Decimal) -> Statement:
    if issue.key == "seat_price":
        known = [lv.number for lv in issue.levels if lv.number is not None]
        if known and value < min(known):
            lowest = issue.levels[[lv.number for lv in issue.levels].index(min(known))]
            past = lowest.vendor < issue.levels[issue.reservation].vendor
            return say(
                "{value} is below every seat price this rehearsal models; the lowest is {low}"
                + (", already past what the vendor's model lets the rep give" if past else "")
                + ". Ask at {low} or above.",
                value=Amount(value, board.currency),
                low=Amount(min(known), board.currency),
            )
        near = sorted(known, key=lambda p: (abs(p - value), p))[:2]
        quoted = join(" or ", [say("{p}", p=Amount(p, board.currency)) for p in sorted(near)])
        return literal("This rehearsal prices the seat in round steps; did you mean ") + quoted + literal("?")
    return (
        say("{title} has no level at that figure; the levels are: ", title=issue.title) + _levels_text(issue) + say(".")
    )


def _pairs(board: Board, tokens: list[str]) -> tuple[tuple[str, int], ...] | Question:
    out: list[tuple[str, int]] = []
    for token in tokens:
        name, _, value = token.partition("=")
        key = issue_named(board, name)
        if key is None:
            return Question(_unknown_issue(board, name))
        level = level_for(board, key, value or None)
        if isinstance(level, Question):
            return level
        out.append((key, level))
    return tuple(out)


def _unknown_issue(board: Board, name: str) -> Statement:
    names = ", ".join(issue.key for issue in board.issues)
    return say("Which issue is {name}? The open issues are {names}.", name=name, names=names)


HELP = literal(
    "Moves: ask ISSUE [VALUE]; offer ISSUE=VALUE ...; trade ISSUE=VALUE for ISSUE=VALUE; accept; walk; why; "
    "score; issues. Or say it plainly: we need $140 a seat and a 110% cap."
)


def read_move(board: Board, text: str) -> Move | Question:
    """A structured command or plain English as a move; anything unclear as a question back."""
    words = text.strip().split()
    if not words:
        return Question(HELP)
    head = words[0].lower()
    if head in ("accept", "walk", "why", "score", "issues", "help") and len(words) == 1:
        return Move(MoveKind(head))
    if head == "ask" and len(words) >= 2 and "=" not in text:
        # ask ISSUE [VALUE]: the issue may be two words ("seat price 140")
        for cut in (3, 2):
            key = issue_named(board, " ".join(words[1:cut]))
            if key is not None:
                value = " ".join(words[cut:]) or None
                level = level_for(board, key, value)
                return level if isinstance(level, Question) else Move(MoveKind.ask, ((key, level),))
        return Question(_unknown_issue(board, words[1]))
    if head in ("ask", "offer") and all("=" in w for w in words[1:]) and len(words) > 1:
        pairs = _pairs(board, words[1:])
        return pairs if isinstance(pairs, Question) else Move(MoveKind(head), pairs)
    if head == "trade":
        tokens = words[1:]
        if "for" not in tokens:
            return Question(literal("A trade says what you give and what you want: trade uplift=4 for seat_price=140."))
        at = tokens.index("for")
        gives, gets = _pairs(board, tokens[:at]), _pairs(board, tokens[at + 1 :])
        if isinstance(gives, Question):
            return gives
        if isinstance(gets, Question):
            return gets
        if not gives or not gets:
            return Question(literal("A trade needs something on both sides of 'for'."))
        return Move(MoveKind.trade, gets, gives)
    return read_english(board, text)


def _near(text: str, start: int, end: int, keys: tuple[str, ...], board: Board) -> list[str]:
    """Issues whose names appear within a few words after (first) or before a figure."""
    after = text[end : end + 28].lower()
    before = text[max(0, start - 28) : start].lower()
    found: list[str] = []
    for window in (after, before):
        best: tuple[int, str] | None = None
        for key in keys:
            if not board.has(key):
                continue
            for alias in ALIASES[key]:
                hit = re.search(rf"\b{re.escape(alias)}\b", window)
                if hit is None:
                    continue
                distance = hit.start() if window is after else len(window) - hit.end()
                if best is None or distance < best[0]:
                    best = (distance, key)
        if best is not None:
            found.append(best[1])
    return found


def read_english(board: Board, text: str) -> Move | Question:
    spans: list[tuple[int, int]] = []
    changes: dict[str, int] = {}
    for money in find_money(text):
        spans.append((money.start, money.end))
        if money.unit != board.currency:
            return Question(
                say("The deal is priced in {currency}; what is that figure in {currency}?", currency=board.currency)
            )
        near = _near(text, money.start, money.end, ("seat_price",), board)
        if not near:
            return Question(
                say(
                    "What is {amount} for? Say which issue, for example: {amount} a seat.",
                    amount=Amount(money.value, board.currency),
                )
            )
        level = level_for(board, "seat_price", money.value)
        if isinstance(level, Question):
            return level
        changes["seat_price"] = level
    for pct in find_percents(text):
        spans.append((pct.start, pct.end))
        near = _near(text, pct.start, pct.end, ("uplift", "usage_cap"), board)
        if not near:
            return Question(literal("Which issue is that percentage for: the uplift or the usage cap?"))
        level = level_for(board, near[0], pct.value)
        if isinstance(level, Question):
            return level
        changes[near[0]] = level
    bare = [m for m in re.finditer(r"(?<![\w.$€£¥%])\d+(?:\.\d+)?(?![\d%])", text) if not _inside(m.span(), spans)]
    if bare:
        return Question(
            literal(f"I could not tell what {bare[0].group(0)} is: give its unit, for example $140 a seat or 110%.")
        )
    lowered = text.lower()
    for key in ("usage_rates", "sla_credits", "chronic_exit", "holdback", "exit_terms"):
        if key in changes or not board.has(key):
            continue
        if any(re.search(rf"\b{re.escape(alias)}\b", lowered) for alias in ALIASES[key]):
            changes[key] = board.issues[board.position(key)].ask
    if changes:
        return Move(MoveKind.offer, tuple(sorted(changes.items(), key=lambda kv: board.position(kv[0]))))
    if WALK.search(text):
        return Move(MoveKind.walk)
    if ACCEPT.search(text):
        return Move(MoveKind.accept)
    if WHY.search(text):
        return Move(MoveKind.why)
    for key in NUMBER_ISSUES:
        if board.has(key) and any(re.search(rf"\b{re.escape(alias)}\b", lowered) for alias in ALIASES[key]):
            title = board.issues[board.position(key)].title
            return Question(say("What {title} do you want? Give the figure.", title=title))
    return Question(say("I did not catch a move there. ") + HELP)


def _inside(span: tuple[int, int], spans: list[tuple[int, int]]) -> bool:
    return any(a <= span[0] and span[1] <= b for a, b in spans)
