"""Signing in with the access token when the server was started with one."""

from __future__ import annotations

from fastapi import APIRouter
from starlette.requests import Request
from starlette.responses import HTMLResponse, RedirectResponse, Response

from principal.web.errors import Unauthorized
from principal.web.forms import read_form, text_field
from principal.web.security import ACCESS_COOKIE, access_digest, cookie_header, safe_next, token_accepted
from principal.web.templating import render

router = APIRouter()


@router.get("/login", response_class=HTMLResponse)
def login_form(request: Request, next: str = "/") -> HTMLResponse:
    return render(request, "login.html", {"next": safe_next(next), "failed": False})


@router.post("/login", response_model=None)
async def login(request: Request) -> Response:
    form = await read_form(request)
    target = safe_next(text_field(form, "next"))
    if text_field(form, "username"):
        from principal.web.routes.team import sign_in

        return await sign_in(request, text_field(form, "username"), text_field(form, "password"), target)
    token: str | None = request.app.state.settings.token
    if token is None:
        return RedirectResponse(target, status_code=303)
    if not token_accepted(request.app.state.login_throttle, request, text_field(form, "token"), token):
        raise Unauthorized("wrong access token", field="token")
    response = RedirectResponse(target, status_code=303)
    cookie = cookie_header(ACCESS_COOKIE, access_digest(token), secure=request.url.scheme == "https")
    response.headers.append("set-cookie", cookie)
    return response
