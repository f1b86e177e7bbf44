"""Reading submitted forms: text fields, the remembered author name, and deal text from a textarea or a file."""

from __future__ import annotations

from urllib.parse import quote, unquote

from starlette.datastructures import FormData, UploadFile
from starlette.requests import Request
from starlette.responses import Response

from principal.errors import Problem
from principal.web.errors import BadRequest
from principal.web.security import MAX_FORM_PART, cookie_header
from principal.web.uploads import DEAL_FILES, read_upload

AUTHOR_COOKIE = "principal_author"


async def read_form(request: Request) -> FormData:
    """The submitted form; when a user is signed in (team mode), its author is that user, whatever was typed."""
    form = await request.form(max_part_size=MAX_FORM_PART)
    user = request.scope.get("state", {}).get("user")
    name = getattr(user, "display_name", None)
    if name and "author" in form:
        return FormData([(k, name if k == "author" else v) for k, v in form.multi_items()])
    return form


def text_field(form: FormData, name: str) -> str:
    value = form.get(name)
    if value is None or isinstance(value, str):
        return value or ""
    raise BadRequest(f"{name} must be text, not a file", field=name)


def remembered_author(request: Request) -> str:
    user = request.scope.get("state", {}).get("user")
    if getattr(user, "display_name", None):
        return str(user.display_name)
    saved = request.cookies.get(AUTHOR_COOKIE)
    if saved:
        return unquote(saved)[:100]
    default: str = request.app.state.settings.default_author
    return default


def remember_author(request: Request, response: Response, author: str) -> None:
    secure = request.url.scheme == "https"
    response.headers.append("set-cookie", cookie_header(AUTHOR_COOKIE, quote(author[:100], safe=""), secure=secure))


async def deal_text(form: FormData) -> tuple[str, str]:
    """The deal text and a name for messages: the uploaded file if one was chosen, else the pasted text."""
    upload = form.get("file")
    if isinstance(upload, UploadFile) and upload.filename:
        accepted = await read_upload(upload, DEAL_FILES)
        return accepted.content.decode("utf-8-sig"), accepted.filename
    return text_field(form, "yaml_text"), "pasted text"


MAX_LISTED_LINES = 20_000


def source_with_problems(text: str, problems: tuple[Problem, ...]) -> list[tuple[int, str, list[str]]] | None:
    """The text's lines, numbered, each with the messages located on it (None for texts too long to list)."""
    lines = text.splitlines()
    if not problems or len(lines) > MAX_LISTED_LINES:
        return None
    by_line: dict[int, list[str]] = {}
    for problem in problems:
        if problem.line is not None:
            by_line.setdefault(problem.line, []).append(f"{problem.field}: {problem.message}")
    return [(number, line, by_line.get(number, [])) for number, line in enumerate(lines, start=1)]
