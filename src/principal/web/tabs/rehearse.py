"""The Rehearse tab: a chat with the simulated vendor rep over the viewed version, scored after every move.

    GET  /deals/{id}/rehearse?persona=P&seed=N   the rep's opening
    POST /deals/{id}/rehearse/move               form: persona, seed, move (each earlier line), say (the new line)
    POST /deals/{id}/rehearse/keep               form: persona, seed, move..., author: keep the transcript (Markdown
                                                 and HTML) with the version's exports, so it stays in the history

The page holds no server state: the moves so far travel in the form and are replayed (a run is fixed by its seed),
so a reload, a second tab or a restart never loses a rehearsal. HTMX swaps the chat in place; without JavaScript
the form posts and the whole page comes back. The version's board (its deal space) is built once and kept.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING, Any

from fastapi import APIRouter, Depends, Query
from starlette.concurrency import run_in_threadpool
from starlette.requests import Request
from starlette.responses import HTMLResponse, Response

from principal.present import formatter_for
from principal.rehearse.deal_board import DealBoard, build_board
from principal.rehearse.persona import DEFAULT_PERSONA, PERSONAS
from principal.rehearse.score import score_lines
from principal.rehearse.session import Session
from principal.store import exports
from principal.store.records import MAX_AUTHOR
from principal.web.forms import read_form, remember_author, remembered_author, text_field
from principal.web.recently_made import RecentlyMade
from principal.web.tab_registry import WorkspaceTab
from principal.web.templating import is_htmx
from principal.web.workspace import Workspace, get_store, open_workspace, render_tab

if TYPE_CHECKING:
    from starlette.datastructures import FormData

router = APIRouter()
KEEP_BOARDS = 8
MAX_MOVES = 60
MAX_LINE = 500
_boards: RecentlyMade[DealBoard] = RecentlyMade(KEEP_BOARDS)


def board_of(request: Request, ws: Workspace) -> DealBoard:
    info = ws.version.info
    key = (str(get_store(request).url), info.id, info.number, info.sha256)
    # built in a request thread, never on the event loop (its deal space holds closures a worker could not hand back)
    return _boards.get(key, lambda: build_board(ws.deal))


def _persona(name: str | None) -> str:
    return name if name in PERSONAS else DEFAULT_PERSONA


def _seed(text: str | None) -> int:
    return int(text) if text and text.isdigit() and len(text) < 10 else 0


def _replay(request: Request, ws: Workspace, persona: str, seed: int, moves: list[str]) -> Session:
    session = Session(board_of(request, ws), PERSONAS[persona], seed=seed)
    session.start()
    for text in moves[:MAX_MOVES]:
        session.play(text)
    return session


def _moves(form: FormData) -> list[str]:
    earlier = [str(m).strip()[:MAX_LINE] for m in form.getlist("move") if isinstance(m, str) and m.strip()]
    new = text_field(form, "say").strip()[:MAX_LINE]
    return [*earlier, new] if new else earlier


def _context(session: Session, extra: dict[str, Any] | None = None) -> dict[str, Any]:
    deal = session.board.deal
    fmt = formatter_for(deal.currency, deal.locale)
    return {
        "session": session,
        "fmt": fmt,
        "personas": PERSONAS,
        "persona": session.persona.name,
        "seed": session.seed,
        "moves": [reply.said for reply in session.replies if reply.said],
        "debrief": score_lines(session.score_now()),
        "kept": None,
        "field_errors": {},
        **(extra or {}),
    }


def _page(request: Request, ws: Workspace, session: Session, extra: dict[str, Any] | None = None) -> HTMLResponse:
    template = "tabs/_rehearse_chat.html" if is_htmx(request) else "tabs/rehearse.html"
    context = {"author": remembered_author(request), **_context(session, extra)}
    return render_tab(request, ws, "rehearse", template, context)


@router.get("", response_class=HTMLResponse)
def rehearse_page(
    request: Request,
    ws: Workspace = Depends(open_workspace),
    persona: str | None = Query(default=None),
    seed: str | None = Query(default=None),
) -> HTMLResponse:
    session = _replay(request, ws, _persona(persona), _seed(seed), [])
    return render_tab(
        request, ws, "rehearse", "tabs/rehearse.html", {"author": remembered_author(request), **_context(session)}
    )


@router.post("/move", response_class=HTMLResponse)
async def rehearse_move(request: Request, ws: Workspace = Depends(open_workspace)) -> HTMLResponse:
    form = await read_form(request)
    persona, seed, moves = _persona(text_field(form, "persona")), _seed(text_field(form, "seed")), _moves(form)
    session = await run_in_threadpool(_replay, request, ws, persona, seed, moves)  # never on the event loop
    return _page(request, ws, session)


def transcript_name(ws: Workspace, kind: str) -> str:
    slug = re.sub(r"[^a-z0-9]+", "-", ws.summary.name.lower()).strip("-")[:60] or "deal"
    return f"{slug}-v{ws.number}-rehearsal.{kind}"


@router.post("/keep", response_model=None)
async def rehearse_keep(request: Request, ws: Workspace = Depends(open_workspace)) -> Response:
    from principal.reports import rehearsal

    form = await read_form(request)
    persona, seed, moves = _persona(text_field(form, "persona")), _seed(text_field(form, "seed")), _moves(form)
    session = await run_in_threadpool(_replay, request, ws, persona, seed, moves)
    author = text_field(form, "author").strip()
    if not author or len(author) > MAX_AUTHOR:
        problem = "give your name so the copy says who made it" if not author else f"at most {MAX_AUTHOR} characters"
        return _page(request, ws, session, {"field_errors": {"author": problem}})
    fmt = formatter_for(ws.deal.currency, ws.deal.locale)
    store = get_store(request)
    kept = []
    for kind, media, text in (
        ("md", "text/markdown; charset=utf-8", rehearsal.markdown(session, fmt)),
        ("html", "text/html; charset=utf-8", rehearsal.html(session, fmt)),
    ):
        kept.append(
            exports.record_export(
                store,
                ws.version.info.id,
                format=f"rehearsal-{kind}",
                filename=transcript_name(ws, kind),
                media_type=media,
                content=text.encode("utf-8"),
                author=author,
            )
        )
    response = _page(request, ws, session, {"kept": kept, "author": author})
    remember_author(request, response, author)
    return response


TAB = WorkspaceTab(slug="rehearse", title="Rehearse", order=60, router=router, engine="principal.rehearse")
