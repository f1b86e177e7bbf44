"""`principal rehearse`: practise the meeting against a rep driven by the deal's vendor model, then read the debrief.

Moves are read one a line from the terminal (with line editing and history through readline) or from standard
input when it is not a terminal, so a scripted rehearsal is `principal rehearse deal.yaml < moves.txt`.
`--auto` plays the rep against the built-in buyer strategies instead. Engines are imported inside the command.
"""

from __future__ import annotations

import contextlib
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Any

import typer

from principal.cli.output import command, console, emit_result, err_console, use_formatter
from principal.errors import InputError
from principal.present import formatter_for

if TYPE_CHECKING:
    from principal.llm import ChatClient
    from principal.present import Formatter
    from principal.rehearse.session import Reply, Session

DEFAULT_RUNS = 200


def register(app: typer.Typer) -> None:
    app.command("rehearse")(rehearse)


def _lines(interactive: bool) -> Iterator[str]:
    if interactive:
        with contextlib.suppress(ImportError):  # every Debian Python has it
            import readline  # noqa: F401  (line editing and history for input())
        while True:
            try:
                yield input("you> ")
            except EOFError:
                return
    else:
        for line in sys.stdin:
            text = line.strip()
            if text and not text.startswith("#"):
                yield text


def _show(fmt: Formatter, reply: Reply, *, echo: bool, client: ChatClient | None = None) -> None:
    if echo and reply.said:
        console.print(f"you> {reply.said}", markup=False)
    for line in reply.lines:
        text = fmt.text(line.statement)
        if client is not None and line.kind not in ("question", "note"):
            from principal.llm import phrase

            worded = phrase(client, text)
            if worded.note:
                err_console.print(f"language model: {worded.note}", markup=False)
            text = worded.text
        console.print(f"rep: [{line.tactic.value}] {text}" if line.tactic else f"rep: {text}", markup=False)
    s = reply.score
    if reply.move is not None and reply.move.kind.value == "score":
        from principal.reports.rehearsal import debrief_text

        for text in debrief_text(fmt, s):
            console.print(f"  - {text}", markup=False)
        return
    share = f", ZOPA captured {fmt.value(s.zopa_share)}" if s.zopa_share is not None else ""
    console.print(
        f"     score: term cost {fmt.money(s.term_cost)}{share}; next move: {fmt.text(s.next_move)}", markup=False
    )


@command("rehearse")
def rehearse(
    file: Path = typer.Argument(..., help="Deal file (YAML or JSON)."),
    offer: str | None = typer.Option(None, "--offer", "-o", help="The vendor's offer the rep starts from."),
    persona: str = typer.Option("quarter-end", "--persona", "-p", help="quarter-end, margin or solutions."),
    seed: int = typer.Option(0, "--seed", help="Seed of the rep's variation: the same seed gives the same run."),
    auto: bool = typer.Option(False, "--auto", help="Play the rep against the built-in buyer strategies."),
    runs: int = typer.Option(DEFAULT_RUNS, "--runs", min=1, max=100_000, help="Negotiations per strategy (--auto)."),
    transcript: Path | None = typer.Option(
        None, "--transcript", help="Also write the transcript and debrief to this .md or .html file."
    ),
    llm: bool = typer.Option(
        False, "--llm", help="Let the configured language model word the rep's lines and read free text (off)."
    ),
    as_json: bool = typer.Option(False, "--json", help="Machine-readable output."),
) -> None:
    """Rehearse the negotiation with a simulated vendor rep; the debrief scores the result in the deal's money."""
    from principal.loader import load_deal
    from principal.rehearse.deal_board import build_board
    from principal.rehearse.persona import PERSONAS, persona_named

    chosen = persona_named(persona)
    if chosen is None:
        raise InputError.single(
            str(file), f"no persona named {persona!r}; choose one of {', '.join(PERSONAS)}", field="--persona"
        )
    if transcript is not None and transcript.suffix.lower() not in (".md", ".html"):
        raise InputError.single(str(transcript), "the transcript must end in .md or .html", field="--transcript")
    deal = load_deal(file)
    fmt = use_formatter(formatter_for(deal.currency, deal.locale))
    db = build_board(deal, offer, file=str(file))
    if auto:
        _auto(db, chosen, seed, runs, fmt, as_json)
        return
    from principal.rehearse.moves import Question, read_move
    from principal.rehearse.session import Session

    client = _client() if llm else None
    session = Session(db, chosen, seed=seed)
    interactive = sys.stdin.isatty() and not as_json
    opening = session.start()
    if not as_json:
        console.print(f"Rehearsing with {chosen.title}. Type help for the moves.", markup=False)
        _show(fmt, opening, echo=False, client=client)
    for text in _lines(interactive):
        read = read_move(db.board, text)
        if isinstance(read, Question) and client is not None and not session.ended:
            from principal.llm import to_command

            line = to_command(client, text, [issue.key for issue in db.board.issues])
            read = read_move(db.board, line) if line is not None else read
        reply = session.play(text) if isinstance(read, Question) or session.ended else session.apply(read, text)
        if not as_json:
            _show(fmt, reply, echo=not interactive, client=client)
        if session.ended:
            break
    if transcript is not None:
        _write_transcript(transcript, session, fmt)
    if as_json:
        emit_result(_result(session, fmt))
        return
    from principal.reports.rehearsal import debrief_text

    console.print("", markup=False)
    console.print("Debrief", markup=False)
    for text in debrief_text(fmt, session.score_now()):
        console.print(f"  - {text}", markup=False)


def _client() -> ChatClient:
    from principal.llm import ChatClient, load_config

    config = load_config()
    if config is None:
        raise InputError.single(
            "--llm",
            "no language model is configured: set PRINCIPAL_LLM_BASE_URL and PRINCIPAL_LLM_MODEL or write "
            "~/.config/principal/llm.toml (docs/rehearse.md)",
        )
    return ChatClient(config)


def _write_transcript(path: Path, session: Session, fmt: Formatter) -> None:
    from principal.reports import rehearsal
    from principal.reports.atomic_file import write_atomically

    text = rehearsal.html(session, fmt) if path.suffix.lower() == ".html" else rehearsal.markdown(session, fmt)
    write_atomically(path, text.encode("utf-8"), option="--transcript")


def _result(session: Session, fmt: Formatter) -> dict[str, Any]:
    from principal.reports.rehearsal import debrief_text, rep_text

    s = session.score_now()
    return {
        "currency": session.board.currency,
        "persona": session.persona.name,
        "seed": session.seed,
        "vendor_offer": session.board.reference,
        "target": session.board.target,
        "agreed": s.agreed,
        "turns": [
            {
                "you": reply.said,
                "rep": rep_text(fmt, reply),
                "tactics": [line.tactic.value for line in reply.lines if line.tactic is not None],
                "term_cost": reply.score.term_cost,
            }
            for reply in session.replies
        ],
        "score": s,
        "debrief": debrief_text(fmt, s),
    }


def _auto(db: Any, persona: Any, seed: int, runs: int, fmt: Formatter, as_json: bool) -> None:
    from principal.rehearse.auto import tournament

    results = tournament(
        db.board, persona, runs=runs, seed=seed, term_cost=db.term_cost, nash=db.nash, pressure_bonus=db.pressure_bonus
    )
    if as_json:
        emit_result(
            {
                "currency": db.currency,
                "persona": persona.name,
                "runs": runs,
                "walk_away": db.money(db.walk_away) if db.walk_away is not None else None,
                "strategies": [
                    {
                        "strategy": r.strategy,
                        "agreement_rate": r.agreement_rate,
                        "mean_buyer_cost": db.money(r.mean_buyer_cost) if r.mean_buyer_cost is not None else None,
                        "mean_nash_distance": db.money(r.mean_nash_distance)
                        if r.mean_nash_distance is not None
                        else None,
                        "mean_rounds": r.mean_rounds,
                    }
                    for r in results
                ],
            }
        )
        return
    from rich.table import Table

    table = Table(title=f"{persona.title}: {runs} negotiations per buyer strategy (seeds {seed} on)")
    for head in ("buyer strategy", "agreement rate", "mean buyer cost", "distance to Nash", "rounds"):
        table.add_column(head, justify="left" if head == "buyer strategy" else "right")
    for r in results:
        table.add_row(
            r.strategy,
            fmt.share(r.agreement_rate),
            fmt.money(r.mean_buyer_cost, blank="no deal"),
            fmt.money(r.mean_nash_distance, blank="-"),
            fmt.number(r.mean_rounds, 1),
        )
    console.print(table)
    console.print(
        f"Buyer cost is the agreement's term cost at your plan (walk-away {fmt.money(db.walk_away, blank='unknown')}); "
        "distance to "
        "Nash is the buyer utility between the agreement and the Nash point.",
        markup=False,
    )
