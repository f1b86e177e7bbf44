"""Starting a deal without writing YAML (a few answers, then the builder's steps), the bundled example, and what
can be done to a whole deal: copy, archive, bring back, delete."""

from __future__ import annotations

from functools import partial
from typing import Any

from fastapi import APIRouter
from starlette.requests import Request
from starlette.responses import HTMLResponse, RedirectResponse, Response

from principal.errors import InputError
from principal.store import deals, offer_ops
from principal.store import errors as store_errors
from principal.web.audit import record
from principal.web.builder.numbers import NumberNotRead, parse_number
from principal.web.forms import read_form, remember_author, remembered_author, text_field
from principal.web.reference import bundled_example
from principal.web.templating import render
from principal.web.workers import bounded, deal_parser, off_loop
from principal.web.workspace import get_store

router = APIRouter()

LOCALES = (
    ("en_US", "English (United States): 1,080.50"),
    ("en_GB", "English (United Kingdom): 1,080.50"),
    ("de_DE", "German (Germany): 1.080,50"),
    ("fr_FR", "French (France): 1 080,50"),
    ("es_ES", "Spanish (Spain): 1.080,50"),
    ("nl_NL", "Dutch (Netherlands): 1.080,50"),
    ("ja_JP", "Japanese (Japan): 1,080"),
)
START_FIELDS = ("name", "currency", "locale", "vendor", "agents", "offer", "term_months")


def _start_page(request: Request, values: dict[str, str], errors: dict[str, str], *, status: int = 200) -> HTMLResponse:
    context: dict[str, Any] = {
        "values": values,
        "field_errors": errors,
        "locales": LOCALES,
        "author": values.get("author", remembered_author(request)),
        "message": "",
    }
    return render(request, "deal_start.html", context, status=status)


@router.get("/deals/start", response_class=HTMLResponse)
def start_form(request: Request) -> HTMLResponse:
    values = {"name": "", "currency": "USD", "locale": "en_US", "vendor": "", "agents": "", "offer": "first"}
    return _start_page(request, {**values, "term_months": "36"}, {})


def _whole(values: dict[str, str], key: str, locale: str, errors: dict[str, str]) -> int | None:
    raw = values.get(key, "").strip()
    if not raw:
        errors[key] = "required"
        return None
    try:
        number = parse_number(raw, locale)
    except NumberNotRead as exc:
        errors[key] = str(exc)
        return None
    if number != number.to_integral_value() or number < 1:
        errors[key] = f"must be a whole number of 1 or more (got {raw[:40]})"
        return None
    return int(number)


@router.post("/deals/start", response_model=None)
async def start(request: Request) -> Response:
    form = await read_form(request)
    values = {key: text_field(form, key).strip() for key in (*START_FIELDS, "author")}
    errors: dict[str, str] = {}
    if not values["name"]:
        errors["name"] = "required: say what is being bought, for whom (it names the deal in every list)"
    currency = values["currency"].upper()
    locale = values["locale"] or "en_US"
    agents = _whole(values, "agents", locale, errors)
    term = _whole(values, "term_months", locale, errors)
    try:
        offer = offer_ops.check_name(values["offer"], "offer")
    except store_errors.InvalidValue as exc:
        errors[exc.field] = exc.reason
        offer = ""
    if errors or agents is None or term is None:
        return _start_page(request, values, errors, status=422)
    write = partial(
        offer_ops.new_deal_text,
        name=values["name"],
        currency=currency,
        locale=locale,
        vendor=values["vendor"] or None,
        agents=agents,
        offer=offer,
        term_months=term,
    )
    text = await off_loop(bounded, request, "writing the new deal", write)
    try:
        stored = await off_loop(
            deals.create_deal,
            get_store(request),
            text,
            author=values["author"],
            message="Started the deal in the builder",
            parse=deal_parser(request),
        )
    except InputError as exc:
        for problem in exc.problems:
            key = {"buyer.agents": "agents", f"offers.{offer}.term_months": "term_months"}.get(
                problem.field, problem.field
            )
            errors[key if key in START_FIELDS else "name"] = problem.message
        return _start_page(request, values, errors, status=422)
    except store_errors.InvalidValue as exc:
        return _start_page(request, values, {exc.field: exc.reason}, status=422)
    record(request, stored.info.deal_id, "created", "started the deal in the builder", 1)
    response = RedirectResponse(f"/deals/{stored.info.deal_id}/build/operation?saved=1", status_code=303)
    remember_author(request, response, values["author"])
    return response


@router.post("/examples/load", response_model=None)
async def load_example(request: Request) -> Response:
    form = await read_form(request)
    author = text_field(form, "author") or remembered_author(request)
    try:
        stored = await off_loop(
            deals.create_deal,
            get_store(request),
            bundled_example(),
            author=author,
            message="Loaded the bundled example",
            parse=deal_parser(request),
        )
    except store_errors.InvalidValue as exc:
        return render(request, "deals_list.html", _list_values(request, {exc.field: exc.reason}), status=422)
    record(request, stored.info.deal_id, "created", "loaded the bundled example", 1)
    return RedirectResponse(f"/deals/{stored.info.deal_id}?saved=1", status_code=303)


def _list_values(request: Request, errors: dict[str, str] | None = None) -> dict[str, Any]:
    store = get_store(request)
    return {
        "deals": deals.list_deals(store, archived=False),
        "archived": deals.list_deals(store, archived=True),
        "field_errors": errors or {},
        "author": remembered_author(request),
    }


@router.post("/deals/{deal_id}/archive", response_model=None)
async def archive(request: Request, deal_id: int) -> Response:
    await read_form(request)
    deals.set_archived(get_store(request), deal_id, True)
    record(request, deal_id, "archived", "archived the deal")
    return RedirectResponse("/", status_code=303)


@router.post("/deals/{deal_id}/restore", response_model=None)
async def restore(request: Request, deal_id: int) -> Response:
    await read_form(request)
    deals.set_archived(get_store(request), deal_id, False)
    record(request, deal_id, "restored", "brought the deal back from the archive")
    return RedirectResponse(f"/deals/{deal_id}", status_code=303)


@router.post("/deals/{deal_id}/delete", response_model=None)
async def delete(request: Request, deal_id: int) -> Response:
    form = await read_form(request)
    summary = deals.get_deal(get_store(request), deal_id)
    if text_field(form, "confirm") != "delete":
        raise store_errors.InvalidValue("confirm", "tick the box to confirm that the deal and its history go")
    deals.delete_deal(get_store(request), deal_id)
    record(request, deal_id, "deleted", f"deleted the deal {summary.shown_name!r} and its history")
    return RedirectResponse("/", status_code=303)


@router.post("/deals/{deal_id}/copy", response_model=None)
async def copy_deal(request: Request, deal_id: int) -> Response:
    form = await read_form(request)
    store = get_store(request)
    author = text_field(form, "author") or remembered_author(request)
    latest = deals.get_version(store, deal_id)
    summary = deals.get_deal(store, deal_id)
    name = text_field(form, "name").strip() or f"Copy of {summary.shown_name}"
    text = await off_loop(bounded, request, f"copying deal {deal_id}", offer_ops.copy_deal_text, latest.yaml_text, name)
    stored = await off_loop(
        deals.create_deal,
        store,
        text,
        author=author,
        message=f"Copied from deal {deal_id} version {latest.info.number}",
        parse=deal_parser(request),
    )
    record(request, stored.info.deal_id, "created", f"copied from deal {deal_id} version {latest.info.number}", 1)
    return RedirectResponse(f"/deals/{stored.info.deal_id}?saved=1", status_code=303)
