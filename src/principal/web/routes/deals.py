"""Pages for deals: the list, importing one, the workspace's offers, and replacing the whole deal text."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Depends, Query
from starlette.requests import Request
from starlette.responses import HTMLResponse, RedirectResponse, Response

from principal.errors import InputError
from principal.store import deals
from principal.store import errors as store_errors
from principal.web.errors import WebError
from principal.web.forms import (
    deal_text,
    read_form,
    remember_author,
    remembered_author,
    source_with_problems,
    text_field,
)
from principal.web.routes.conflicts import conflict_response
from principal.web.templating import render
from principal.web.workers import deal_parser, off_loop
from principal.web.workspace import Workspace, get_store, open_workspace, render_tab

router = APIRouter()

NO_PROBLEMS: dict[str, Any] = {"problems": (), "source": None, "source_name": "", "field_errors": {}, "notice": None}
"""What a deal form shows before anything went wrong: every key its template reads, none left to chance."""


@router.get("/", response_class=HTMLResponse)
def deals_list(request: Request) -> HTMLResponse:
    store = get_store(request)
    values = {
        "deals": deals.list_deals(store, archived=False),
        "archived": deals.list_deals(store, archived=True),
    }
    return render(request, "deals_list.html", values)


@router.get("/deals/new", response_class=HTMLResponse)
def new_deal_form(request: Request) -> HTMLResponse:
    values = {**NO_PROBLEMS, "author": remembered_author(request), "text": "", "message": ""}
    return render(request, "deal_new.html", values)


def failure_values(values: dict[str, Any], exc: Exception, *, text: str, filename: str) -> tuple[dict[str, Any], int]:
    """The form's values plus what went wrong, next to the field or line it concerns, and the status to answer."""
    values = {**values, **NO_PROBLEMS}
    status = 422
    match exc:
        case InputError():
            values["problems"] = exc.problems
            values["source"] = source_with_problems(text, exc.problems)
            values["source_name"] = filename
        case store_errors.InvalidValue():
            values["field_errors"] = {exc.field: exc.reason}
        case store_errors.VersionConflict():
            values["notice"] = str(exc)
            status = 409
        case store_errors.NothingChanged():
            values["notice"] = str(exc)
            status = 200
        case WebError():
            values["field_errors"] = {exc.field or "file": exc.message}
            status = exc.status
        case _:
            raise exc
    return values, status


@router.post("/deals", response_model=None)
async def create_deal(request: Request) -> Response:
    form = await read_form(request)
    author = text_field(form, "author")
    message = text_field(form, "message")
    text, filename = "", "pasted text"
    values = {"author": author, "message": message, "text": text_field(form, "yaml_text")}
    try:
        text, filename = await deal_text(form)
        if not text.strip():
            raise InputError.single(filename, "paste the deal's YAML or choose a file")
        stored = await off_loop(
            deals.create_deal,
            get_store(request),
            text,
            author=author,
            message=message,
            filename=filename,
            parse=deal_parser(request),
        )
    except (InputError, store_errors.StoreError, WebError) as exc:
        if isinstance(exc, store_errors.NotFound | store_errors.DatabaseUnavailable):
            raise
        shown, status = failure_values(values, exc, text=text, filename=filename)
        return render(request, "deal_new.html", shown, status=status)
    response = RedirectResponse(f"/deals/{stored.info.deal_id}?saved={stored.info.number}", status_code=303)
    remember_author(request, response, author)
    return response


@router.get("/deals/{deal_id}", response_class=HTMLResponse)
def workspace_offers(
    request: Request, ws: Workspace = Depends(open_workspace), saved: int | None = Query(default=None)
) -> HTMLResponse:
    return render_tab(request, ws, "offers", "offers.html", {"saved": saved})


@router.get("/deals/{deal_id}/yaml", response_class=HTMLResponse)
def edit_yaml_form(request: Request, ws: Workspace = Depends(open_workspace)) -> HTMLResponse:
    values = {
        **NO_PROBLEMS,
        "text": ws.version.yaml_text,
        "author": remembered_author(request),
        "message": "",
        "base": ws.number,
    }
    return render_tab(request, ws, "offers", "deal_yaml.html", values)


@router.post("/deals/{deal_id}/yaml", response_model=None)
async def save_yaml(request: Request, deal_id: int) -> Response:
    store = get_store(request)
    form = await read_form(request)
    author = text_field(form, "author")
    message = text_field(form, "message")
    base_text = text_field(form, "base_version")
    base = int(base_text) if base_text.isdigit() else None
    text, filename = text_field(form, "yaml_text"), "pasted text"
    summary = deals.get_deal(store, deal_id)
    stored_latest, model = await off_loop(deals.load_version, store, deal_id, parse=deal_parser(request))
    ws = Workspace(summary, stored_latest, model)
    values = {"author": author, "message": message, "text": text, "base": base or ws.number}
    try:
        text, filename = await deal_text(form)
        stored = await off_loop(
            deals.save_version,
            store,
            deal_id,
            text,
            author=author,
            message=message,
            base_number=base,
            filename=filename,
            parse=deal_parser(request),
        )
    except store_errors.VersionConflict:
        return conflict_response(
            request,
            deal_id,
            base=base or ws.number,
            mine=text,
            author=author,
            message=message,
            back=f"/deals/{deal_id}/yaml",
        )
    except (InputError, store_errors.InvalidValue, store_errors.NothingChanged) as exc:
        return _failed_workspace_save(request, ws, values, exc, text=text, filename=filename)
    except WebError as exc:
        if exc.field != "file":
            raise
        return _failed_workspace_save(request, ws, values, exc, text=text, filename=filename)
    response = RedirectResponse(f"/deals/{deal_id}?saved={stored.info.number}", status_code=303)
    remember_author(request, response, author)
    return response


def _failed_workspace_save(
    request: Request, ws: Workspace, values: dict[str, Any], exc: Exception, *, text: str, filename: str
) -> HTMLResponse:
    shown, status = failure_values(values, exc, text=text, filename=filename)
    return render_tab(request, ws, "offers", "deal_yaml.html", shown, status=status)
