"""The offer form: an offer's prices, quantities, uplift, usage rates, cap and term, saved as a new version."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Depends, Query
from starlette.requests import Request
from starlette.responses import HTMLResponse, RedirectResponse, Response

from principal.errors import InputError
from principal.store import deals
from principal.store import errors as store_errors
from principal.store.offer_edits import (
    EditableField,
    apply_offer_edits,
    describe_changes,
    editable_fields,
    field_for_problem,
    read_form_values,
)
from principal.web.builder.numbers import NumberNotRead, parse_number
from principal.web.errors import NotFound
from principal.web.forms import read_form, remember_author, remembered_author, text_field
from principal.web.routes.conflicts import conflict_response
from principal.web.templating import is_htmx
from principal.web.workers import bounded, deal_parser, off_loop
from principal.web.workspace import Workspace, get_store, open_workspace, render_tab

router = APIRouter()


def _offer_or_404(ws: Workspace, offer: str) -> None:
    if offer not in ws.deal.offers:
        raise NotFound(f"deal {ws.deal_id} has no offer {offer!r}; its offers are {', '.join(ws.deal.offers)}")


def _read_numbers(entered: dict[str, str], locale: str | None) -> tuple[dict[str, str], dict[str, str]]:
    """Each typed figure read the way the deal's locale writes numbers, as plain digits, or why it cannot be."""
    exact: dict[str, str] = {}
    unread: dict[str, str] = {}
    for key, raw in entered.items():
        if not raw.strip():
            exact[key] = ""
            continue
        try:
            exact[key] = format(parse_number(raw, locale, percent=True), "f")
        except NumberNotRead as exc:
            unread[key] = str(exc)
    return exact, unread


def _heirs(ws: Workspace, offer: str) -> list[str]:
    return [name for name, body in ws.deal.offers.items() if body.extends == offer]


def _draw(request: Request, ws: Workspace, offer: str, values: dict[str, Any], *, status: int = 200) -> HTMLResponse:
    fields: tuple[EditableField, ...] = editable_fields(ws.deal, offer)
    groups: dict[str, list[EditableField]] = {}
    for item in fields:
        groups.setdefault(item.group, []).append(item)
    context = {
        "offer": offer,
        "label": ws.deal.offers[offer].label,
        "groups": groups,
        "heirs": _heirs(ws, offer),
        "entered": {},
        "field_errors": {},
        "problems": (),
        "notice": None,
        "saved": None,
        "base": ws.number,
        **values,
    }
    template = "_offer_form.html" if is_htmx(request) else "offer_edit.html"
    return render_tab(request, ws, "offers", template, context, status=status)


@router.get("/deals/{deal_id}/offers/{offer}", response_class=HTMLResponse)
def offer_form(
    request: Request, offer: str, ws: Workspace = Depends(open_workspace), saved: int | None = Query(default=None)
) -> HTMLResponse:
    _offer_or_404(ws, offer)
    return _draw(request, ws, offer, {"author": remembered_author(request), "message": "", "saved": saved})


@router.post("/deals/{deal_id}/offers/{offer}", response_model=None)
async def save_offer(request: Request, deal_id: int, offer: str) -> Response:
    store = get_store(request)
    form = await read_form(request)
    author = text_field(form, "author")
    message = text_field(form, "message")
    base_text = text_field(form, "base_version")
    base = int(base_text) if base_text.isdigit() else None
    parse = deal_parser(request)
    stored, model = await off_loop(deals.load_version, store, deal_id, base, parse=parse)
    ws = Workspace(deals.get_deal(store, deal_id), stored, model)
    _offer_or_404(ws, offer)
    fields = editable_fields(model, offer)
    entered = {item.key: text_field(form, item.key) for item in fields if item.key in form}
    values: dict[str, Any] = {"author": author, "message": message, "entered": entered}
    exact, unread = _read_numbers(entered, model.locale)
    changes, field_errors = read_form_values(fields, exact)
    field_errors.update(unread)
    if field_errors:
        return _draw(request, ws, offer, {**values, "field_errors": field_errors}, status=422)
    if not changes:
        notice = f"no figure changed; the deal stays at version {ws.summary.latest_number}"
        return _draw(request, ws, offer, {**values, "notice": notice})
    new_text = await off_loop(
        bounded, request, f"editing offer {offer}", apply_offer_edits, stored.yaml_text, offer, changes
    )
    try:
        saved = await off_loop(
            deals.save_version,
            store,
            deal_id,
            new_text,
            author=author,
            message=message or describe_changes(offer, fields, changes),
            base_number=ws.number,
            parse=parse,
        )
    except InputError as exc:
        located: dict[str, str] = {}
        others = []
        for problem in exc.problems:
            item = field_for_problem(offer, fields, problem)
            if item is not None:
                located.setdefault(item.key, problem.message)
            else:
                others.append(problem)
        return _draw(request, ws, offer, {**values, "field_errors": located, "problems": tuple(others)}, status=422)
    except store_errors.InvalidValue as exc:
        return _draw(request, ws, offer, {**values, "field_errors": {exc.field: exc.reason}}, status=422)
    except store_errors.VersionConflict:
        return conflict_response(
            request,
            deal_id,
            base=ws.number,
            mine=new_text,
            author=author,
            message=message or describe_changes(offer, fields, changes),
            back=f"/deals/{deal_id}/offers/{offer}",
        )
    target = f"/deals/{deal_id}/offers/{offer}?saved={saved.info.number}"
    response: Response
    if is_htmx(request):
        response = Response(status_code=204, headers={"HX-Redirect": target})
    else:
        response = RedirectResponse(target, status_code=303)
    remember_author(request, response, author)
    return response
