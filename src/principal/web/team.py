"""Team mode: once the first account exists, every browser signs in, and what it may do follows its role.

viewer: reads every page and comments; editor: also changes deals; owner: also manages accounts and deletes
deals. Scripts with the server's access token (bearer) act as an owner. Without accounts (one person, perhaps
with the access token) nothing changes. Saves and comments are signed with the account's name, whatever a form
says.
"""

from __future__ import annotations

import re
import time

from starlette.requests import Request

from principal.store import team
from principal.store.team import User
from principal.web.errors import Forbidden, SignInNeeded

SESSION_COOKIE = "principal_session"
OPEN = ("/static/", "/login", "/logout", "/api/health", "/favicon")
VIEWER_POSTS = re.compile(r"^/deals/\d+/comments$")
OWNER_PATHS = re.compile(r"^/team(/|$)|^/deals/\d+/delete$")
CHECK_SECONDS = 2.0


def accounts_on(request: Request) -> bool:
    """Whether the store has accounts (checked at most every CHECK_SECONDS; changes here reset it at once)."""
    state = request.app.state
    cached: tuple[float, bool] | None = getattr(state, "accounts_checked", None)
    now = time.monotonic()
    if cached is None or now - cached[0] > CHECK_SECONDS:
        cached = (now, team.has_accounts(state.store))
        state.accounts_checked = cached
    return cached[1]


def forget_accounts_check(request: Request) -> None:
    request.app.state.accounts_checked = None


def current_user(request: Request) -> User | None:
    user = request.scope.get("state", {}).get("user")
    return user if isinstance(user, User) else None


def needed_role(method: str, path: str) -> str:
    if OWNER_PATHS.match(path):
        return "owner"
    if method in ("GET", "HEAD", "OPTIONS"):
        return "viewer"
    if VIEWER_POSTS.match(path):
        return "viewer"
    return "editor"


async def check_role(request: Request) -> None:
    """Dependency on every route: in team mode, the signed-in user (or the bearer token) must have the role."""
    path = request.url.path
    if path.startswith(OPEN) or not accounts_on(request):
        return
    state = request.scope.setdefault("state", {})
    if state.get("bearer"):
        return
    user = team.session_user(request.app.state.store, request.cookies.get(SESSION_COOKIE))
    if user is None:
        raise SignInNeeded("sign in with your account to continue")
    state["user"] = user
    role = needed_role(request.method, path)
    if not user.may(role):
        raise Forbidden(f"{user.display_name} is {_a(user.role)}; this needs {_a(role)} (ask an owner)")


def _a(role: str) -> str:
    return ("an " if role[0] in "aeiou" else "a ") + role
