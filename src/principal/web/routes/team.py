"""Accounts (team mode), signing in and out, each deal's comment thread and its audit log."""

from __future__ import annotations

import datetime as dt
from typing import Any

from fastapi import APIRouter, Depends
from starlette.requests import Request
from starlette.responses import HTMLResponse, RedirectResponse, Response

from principal.store import audit, deals, team
from principal.store import errors as store_errors
from principal.web.audit import actor, record
from principal.web.errors import Forbidden, SignInNeeded
from principal.web.forms import read_form, text_field
from principal.web.security import cookie_header, safe_next
from principal.web.team import SESSION_COOKIE, accounts_on, current_user, forget_accounts_check
from principal.web.templating import render
from principal.web.workers import off_loop
from principal.web.workspace import Workspace, get_store, open_workspace, render_tab

router = APIRouter()


def _team_page(request: Request, *, errors: dict[str, str] | None = None, values: dict[str, str] | None = None,
               status: int = 200) -> HTMLResponse:  # fmt: skip
    store = get_store(request)
    context: dict[str, Any] = {
        "users": team.list_users(store),
        "roles": team.ROLES,
        "field_errors": errors or {},
        "values": values or {},
        "first": not accounts_on(request),
        "me": current_user(request),
    }
    return render(request, "team.html", context, status=status)


@router.get("/team", response_class=HTMLResponse)
def team_page(request: Request) -> HTMLResponse:
    return _team_page(request)


@router.post("/team/users", response_model=None)
async def add_user(request: Request) -> Response:
    form = await read_form(request)
    values = {key: text_field(form, key) for key in ("username", "display_name", "role")}
    first = not accounts_on(request)
    role = "owner" if first else values["role"]
    try:  # the password is hashed (Argon2id: slow by design) in a thread, off the event loop
        user = await off_loop(
            team.add_user,
            get_store(request),
            values["username"],
            values["display_name"],
            role,
            text_field(form, "password"),
        )
    except store_errors.InvalidValue as exc:
        return _team_page(request, errors={exc.field: exc.reason}, values=values, status=422)
    forget_accounts_check(request)
    record(request, None, "account added", f"{user.username} ({user.display_name}) as {user.role}")
    if first:
        return RedirectResponse("/login?next=/team", status_code=303)
    return RedirectResponse("/team", status_code=303)


@router.post("/team/users/{user_id}", response_model=None)
async def change_user(request: Request, user_id: int) -> Response:
    form = await read_form(request)
    try:
        user = team.set_role(
            get_store(request), user_id, text_field(form, "role"), disabled=text_field(form, "disabled") == "yes"
        )
    except store_errors.InvalidValue as exc:
        return _team_page(request, errors={f"user-{user_id}": exc.reason}, status=422)
    record(request, None, "account changed", f"{user.username} is {user.role}{', disabled' if user.disabled else ''}")
    return RedirectResponse("/team", status_code=303)


async def sign_in(request: Request, username: str, password: str, target: str) -> Response:
    found = await off_loop(team.sign_in, get_store(request), username, password)  # Argon2id, off the event loop
    if found is None:
        raise SignInNeeded("wrong user name or password", field="password")
    user, token = found
    response = RedirectResponse(target, status_code=303)
    response.headers.append("set-cookie", cookie_header(SESSION_COOKIE, token, secure=request.url.scheme == "https"))
    request.scope.setdefault("state", {})["user"] = user
    record(request, None, "signed in", user.username)
    return response


@router.post("/logout", response_model=None)
async def logout(request: Request) -> Response:
    await read_form(request)
    team.sign_out(get_store(request), request.cookies.get(SESSION_COOKIE))
    response = RedirectResponse("/login", status_code=303)
    expired = cookie_header(SESSION_COOKIE, "", secure=request.url.scheme == "https") + "; Max-Age=0"
    response.headers.append("set-cookie", expired)
    return response


@router.get("/deals/{deal_id}/comments", response_class=HTMLResponse)
def comments_page(request: Request, ws: Workspace = Depends(open_workspace)) -> HTMLResponse:
    return _comments(request, ws)


def _comments(request: Request, ws: Workspace, *, errors: dict[str, str] | None = None, body: str = "",
              status: int = 200) -> HTMLResponse:  # fmt: skip
    store = get_store(request)
    saves = [
        audit.AuditEvent(0, ws.deal_id, v.author, "saved", v.message, v.number, v.created_at)
        for v in deals.list_versions(store, ws.deal_id)
    ]
    logged = [e for e in audit.events(store, ws.deal_id, limit=200) if e.action != "created"]
    events = sorted([*saves, *logged], key=lambda e: (_utc(e.created_at), e.id), reverse=True)
    context = {
        "comments": team.comments(store, ws.deal_id),
        "events": events[:300],
        "field_errors": errors or {},
        "body": body,
        "who": actor(request),
    }
    return render_tab(request, ws, "comments", "comments.html", context, status=status)


@router.post("/deals/{deal_id}/comments", response_model=None)
async def add_comment(request: Request, deal_id: int, ws: Workspace = Depends(open_workspace)) -> Response:
    form = await read_form(request)
    body = text_field(form, "body")
    author = actor(request) if current_user(request) else text_field(form, "author") or actor(request)
    try:
        comment = team.add_comment(get_store(request), deal_id, author, body, ws.number)
    except store_errors.InvalidValue as exc:
        return _comments(request, ws, errors={exc.field: exc.reason}, body=body, status=422)
    record(request, deal_id, "commented", comment.body[:200], ws.number)
    return RedirectResponse(f"/deals/{deal_id}/comments#comment-{comment.id}", status_code=303)


def _utc(value: dt.datetime) -> dt.datetime:
    return value if value.tzinfo else value.replace(tzinfo=dt.UTC)


def require_owner(request: Request) -> None:
    user = current_user(request)
    if accounts_on(request) and user is not None and not user.may("owner"):
        raise Forbidden("only an owner may do this")


__all__ = ["router", "safe_next", "sign_in"]
