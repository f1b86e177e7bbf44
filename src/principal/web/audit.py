"""Recording who did what: the signed-in user's name (team mode), else the name the browser last saved with."""

from __future__ import annotations

from starlette.requests import Request

from principal.store import audit
from principal.web.forms import remembered_author
from principal.web.workspace import get_store


def actor(request: Request) -> str:
    user = request.scope.get("state", {}).get("user")
    name = getattr(user, "display_name", None)
    return str(name) if name else remembered_author(request)


def record(request: Request, deal_id: int | None, action: str, detail: str, version: int | None = None) -> None:
    audit.log_event(get_store(request), deal_id, actor(request), action, detail, version)
