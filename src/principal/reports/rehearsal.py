"""A rehearsal's transcript and debrief as Markdown or HTML, every figure written by the deal's formatter."""

from __future__ import annotations

from collections.abc import Sequence

from markupsafe import Markup

from principal.present import Formatter
from principal.rehearse.score import Score, score_lines
from principal.rehearse.session import Reply, Session


def rep_text(fmt: Formatter, reply: Reply) -> list[str]:
    out = []
    for line in reply.lines:
        text = fmt.text(line.statement)
        out.append(f"[{line.tactic.value}] {text}" if line.tactic is not None else text)
    return out


def debrief_text(fmt: Formatter, score: Score) -> list[str]:
    return [fmt.text(line) for line in score_lines(score)]


def _title(session: Session) -> str:
    db = session.board
    return (
        f"Rehearsal: {db.deal.name} — {session.persona.title} (vendor's offer {db.reference!r}, "
        f"your target {db.target!r}, seed {session.seed})"
    )


def markdown(session: Session, fmt: Formatter) -> str:
    lines = [f"# {_title(session)}", ""]
    for reply in session.replies:
        if reply.said:
            lines += [f"**You:** {reply.said}", ""]
        for text in rep_text(fmt, reply):
            lines += [f"> {text}", ""]
    lines += ["## Debrief", ""]
    lines += [f"- {text}" for text in debrief_text(fmt, session.score_now())]
    return "\n".join(lines) + "\n"


def _html_lines(fmt: Formatter, reply: Reply) -> Sequence[Markup]:
    out = []
    for line in reply.lines:
        body = fmt.html(line.statement)
        if line.tactic is not None:
            body = Markup('<span class="tactic">{}</span> {}').format(line.tactic.value, body)
        out.append(Markup('<p class="rep {}">{}</p>').format(line.kind, body))
    return out


def html(session: Session, fmt: Formatter) -> str:
    parts = [
        Markup('<!doctype html><html lang="en"><head><meta charset="utf-8"><title>{}</title></head><body>').format(
            _title(session)
        ),
        Markup("<h1>{}</h1>").format(_title(session)),
    ]
    for reply in session.replies:
        if reply.said:
            parts.append(Markup('<p class="you"><strong>You:</strong> {}</p>').format(reply.said))
        parts.extend(_html_lines(fmt, reply))
    parts.append(Markup("<h2>Debrief</h2><ul>"))
    parts.extend(Markup("<li>{}</li>").format(fmt.html(line)) for line in score_lines(session.score_now()))
    parts.append(Markup("</ul></body></html>"))
    return str(Markup("\n").join(parts)) + "\n"
