"""Adding, copying, renaming, removing and archiving offers: each a new version of the deal, checked as a whole."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from fastapi import APIRouter, Depends
from starlette.datastructures import FormData
from starlette.requests import Request
from starlette.responses import HTMLResponse, RedirectResponse, Response

from principal.errors import InputError
from principal.store import deals, offer_ops
from principal.store import errors as store_errors
from principal.web.audit import record
from principal.web.builder.numbers import NumberNotRead, parse_number
from principal.web.forms import read_form, remember_author, remembered_author, text_field
from principal.web.routes.conflicts import conflict_response
from principal.web.workers import bounded, deal_parser, off_loop
from principal.web.workspace import Workspace, get_store, open_workspace, render_tab

router = APIRouter()


def _manage_page(
    request: Request,
    ws: Workspace,
    *,
    errors: dict[str, str] | None = None,
    values: dict[str, str] | None = None,
    problems: tuple[Any, ...] = (),
    status: int = 200,
) -> HTMLResponse:
    context = {
        "field_errors": errors or {},
        "values": values or {},
        "problems": problems,
        "archived": deals.archived_offers(get_store(request), ws.deal_id),
        "author": (values or {}).get("author") or remembered_author(request),
        "message": "",
        "base": ws.number,
    }
    return render_tab(request, ws, "offers", "offers_manage.html", context, status=status)


@router.get("/deals/{deal_id}/offers-manage", response_class=HTMLResponse)
def manage(request: Request, ws: Workspace = Depends(open_workspace)) -> HTMLResponse:
    return _manage_page(request, ws)


def _latest(request: Request, deal_id: int) -> Workspace:
    store = get_store(request)
    stored, model = deals.load_version(store, deal_id, parse=deal_parser(request))
    return Workspace(deals.get_deal(store, deal_id), stored, model)


Make = Callable[[str, dict[str, str]], tuple[str, str]]


async def _save(
    request: Request,
    deal_id: int,
    change: str,
    make: Make,
    *,
    target: str | None = None,
    after: Callable[[str], None] | None = None,
) -> Response:
    """Apply `make(text)` to the version the form was opened on and save it; problems go back to the page.
    `after(text)` runs with the version's text once the new version is saved."""
    form = await read_form(request)
    return await off_loop(_save_form, request, form, deal_id, change, make, target, after)


def _save_form(
    request: Request,
    form: FormData,
    deal_id: int,
    change: str,
    make: Make,
    target: str | None,
    after: Callable[[str], None] | None,
) -> Response:
    values = {key: text_field(form, key) for key in ("name", "new_name", "copy_of", "term_months", "author", "mode")}
    author = values["author"] or remembered_author(request)
    base_text = text_field(form, "base_version")
    base = int(base_text) if base_text.isdigit() else None
    store = get_store(request)
    stored = deals.get_version(store, deal_id, base)
    ws = _latest(request, deal_id)
    new_text = ""
    try:
        new_text, detail = bounded(request, "changing the deal's offers", make, stored.yaml_text, values)
        saved = deals.save_version(
            store,
            deal_id,
            new_text,
            author=author,
            message=detail,
            base_number=stored.info.number,
            parse=deal_parser(request),
        )
    except store_errors.InvalidValue as exc:
        return _manage_page(request, ws, errors={exc.field: exc.reason}, values=values, status=422)
    except InputError as exc:
        return _manage_page(request, ws, values=values, problems=exc.problems, status=422)
    except store_errors.VersionConflict:
        return conflict_response(
            request,
            deal_id,
            base=stored.info.number,
            mine=new_text,
            author=author,
            message=detail,
            back=f"/deals/{deal_id}/offers-manage",
        )
    record(request, deal_id, change, detail, saved.info.number)
    if after is not None:
        after(stored.yaml_text)
    response = RedirectResponse(
        (target or f"/deals/{deal_id}").format(**values) + f"?saved={saved.info.number}", status_code=303
    )
    remember_author(request, response, author)
    return response


def _term(values: dict[str, str], locale: str | None = None) -> int | None:
    raw = values.get("term_months", "").strip()
    if not raw:
        return None
    try:
        number = parse_number(raw, locale)
    except NumberNotRead as exc:
        raise store_errors.InvalidValue("term_months", str(exc)) from None
    if number != number.to_integral_value() or not 1 <= number <= 120:
        raise store_errors.InvalidValue("term_months", f"must be a whole number of months from 1 to 120 (got {raw})")
    return int(number)


@router.post("/deals/{deal_id}/offers", response_model=None)
async def add(request: Request, deal_id: int) -> Response:
    def make(text: str, values: dict[str, str]) -> tuple[str, str]:
        copy_of = values["copy_of"] or None
        extend = values["mode"] == "extend"
        name = offer_ops.check_name(values["name"])
        new = offer_ops.add_offer(text, name, term_months=_term(values), copy_of=copy_of, extend=extend)
        how = f" extending {copy_of}" if copy_of and extend else f" copied from {copy_of}" if copy_of else ""
        return new, f"Added offer {name}{how}"

    return await _save(request, deal_id, "offer added", make, target=f"/deals/{deal_id}/build/offers/{{name}}/terms")


@router.post("/deals/{deal_id}/offers/{offer}/rename", response_model=None)
async def rename(request: Request, deal_id: int, offer: str) -> Response:
    def make(text: str, values: dict[str, str]) -> tuple[str, str]:
        new = offer_ops.rename_offer(text, offer, values["new_name"])
        return new, f"Renamed offer {offer} to {values['new_name'].strip()}"

    return await _save(request, deal_id, "offer renamed", make, target=f"/deals/{deal_id}/offers-manage")


@router.post("/deals/{deal_id}/offers/{offer}/delete", response_model=None)
async def delete(request: Request, deal_id: int, offer: str) -> Response:
    def make(text: str, values: dict[str, str]) -> tuple[str, str]:
        new, _ = offer_ops.remove_offer(text, offer)
        return new, f"Deleted offer {offer}"

    return await _save(request, deal_id, "offer deleted", make, target=f"/deals/{deal_id}/offers-manage")


@router.post("/deals/{deal_id}/offers/{offer}/archive", response_model=None)
async def archive(request: Request, deal_id: int, offer: str) -> Response:
    def make(text: str, values: dict[str, str]) -> tuple[str, str]:
        new, _ = offer_ops.remove_offer(text, offer)
        return new, f"Archived offer {offer}"

    def keep(text: str) -> None:
        _, body = bounded(request, f"archiving offer {offer}", offer_ops.remove_offer, text, offer)
        store = get_store(request)
        latest = deals.get_deal(store, deal_id).latest_number
        deals.archive_offer(store, deal_id, offer, body, latest - 1, remembered_author(request))

    target = f"/deals/{deal_id}/offers-manage"
    return await _save(request, deal_id, "offer archived", make, target=target, after=keep)


@router.post("/deals/{deal_id}/archived-offers/{archived_id}/restore", response_model=None)
async def restore(request: Request, deal_id: int, archived_id: int) -> Response:
    found = await off_loop(_archived, request, deal_id, archived_id)

    def make(text: str, values: dict[str, str]) -> tuple[str, str]:
        return offer_ops.restore_offer(text, found.body_yaml), f"Brought back offer {found.name} from the archive"

    def forget(_text: str) -> None:
        deals.forget_archived_offer(get_store(request), deal_id, archived_id)

    target = f"/deals/{deal_id}/offers-manage"
    return await _save(request, deal_id, "offer restored", make, target=target, after=forget)


def _archived(request: Request, deal_id: int, archived_id: int) -> Any:
    found = next((a for a in deals.archived_offers(get_store(request), deal_id) if a.id == archived_id), None)
    if found is None:
        raise store_errors.NotFound(f"deal {deal_id} has no archived offer {archived_id}")
    return found
