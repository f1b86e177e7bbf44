"""The deal builder's pages: each step of the deal (the buyer's side) and each section of an offer, in forms.

Every step edits the latest version of the deal text and saves through the store's validated save: the form's
values are written into the YAML (comments and order kept), the whole deal is checked, and a new version is stored.
A save made from an older version gets the conflict view (see routes/conflicts.py).
"""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Depends
from starlette.datastructures import FormData
from starlette.requests import Request
from starlette.responses import HTMLResponse, RedirectResponse, Response

from principal.errors import InputError
from principal.store import deals, reviews
from principal.store import errors as store_errors
from principal.web.builder.plausibility import plausibility_warnings
from principal.web.builder.scope import (
    Scope,
    act,
    draft_from_submission,
    draft_of,
    key_for_path,
    parse_plain,
    problem_keys,
    read_section,
    remember_text,
    write_section,
)
from principal.web.builder.view import Context, section_nodes
from principal.web.errors import NotFound
from principal.web.forms import read_form, remember_author, remembered_author, text_field
from principal.web.routes.conflicts import conflict_response
from principal.web.workers import bounded, deal_parser, off_loop
from principal.web.workspace import Workspace, get_store, open_workspace, render_tab

router = APIRouter()


def _names(ws: Workspace, scope: Scope) -> dict[str, tuple[str, ...]]:
    offers = tuple(ws.deal.offers)
    others = tuple(name for name in offers if name != scope.offer)
    return {
        "forecast": tuple(ws.deal.buyer.forecasts),
        "baseline": offers,
        "target_offer": offers,
        "vendor_offer": offers,
        "extends": others,
    }


def _warnings(ws: Workspace, scope: Scope, draft: dict[str, Any]) -> dict[str, str]:
    out: dict[str, str] = {}
    for path, message in plausibility_warnings(ws.deal).items():
        key = key_for_path(scope, draft, path)
        if key is not None:
            out.setdefault(key, message)
    return out


def _page(
    request: Request,
    ws: Workspace,
    scope: Scope,
    slug: str,
    draft: dict[str, Any],
    *,
    errors: dict[str, str] | None = None,
    problems: tuple[Any, ...] = (),
    notice: str | None = None,
    saved: int | None = None,
    author: str | None = None,
    message: str = "",
    status: int = 200,
) -> HTMLResponse:
    found = scope.section(slug)
    if found is None:
        raise NotFound(f"the builder has no step {slug!r}")
    section, paths = found
    ctx = Context(ws.deal.currency, ws.deal.locale, errors or {}, _warnings(ws, scope, draft), _names(ws, scope))
    nodes = section_nodes(scope.root, paths, draft, ctx)
    steps = [(s, _step_href(ws, scope, s.slug)) for s, _ in scope.sections]
    index = [s.slug for s, _ in steps].index(slug)
    following = steps[index + 1] if index + 1 < len(steps) else None
    inherited = sorted(scope.inherited(ws.version.yaml_text) & {p.split(".")[0] for p in paths})
    context = {
        "scope": scope,
        "section": section,
        "steps": steps,
        "nodes": nodes,
        "next_step": following,
        "action": _step_href(ws, scope, slug),
        "field_errors": errors or {},
        "problems": problems,
        "notice": notice,
        "saved": saved,
        "author": author if author is not None else remembered_author(request),
        "message": message,
        "base": ws.number,
        "inherited": inherited,
        "parent": ws.deal.offers[scope.offer].extends if scope.offer else None,
        "documents": [r for r in reviews.list_reviews(get_store(request), ws.deal_id) if r.offer == scope.offer]
        if scope.offer
        else [],
    }
    active = "offers"
    return render_tab(request, ws, active, "builder.html", context, status=status)


def _stored_draft(request: Request, scope: Scope, ws: Workspace) -> dict[str, Any]:
    """The form's draft of the stored text, the text read in a worker (once per text: see `remember_text`)."""
    text = ws.version.yaml_text
    remember_text(text, lambda: bounded(request, f"reading version {ws.number} for the form", parse_plain, text))
    return draft_of(scope, text, ws.deal.locale)


def _step_href(ws: Workspace, scope: Scope, slug: str) -> str:
    if scope.offer is None:
        return f"/deals/{ws.deal_id}/build/{slug}"
    return f"/deals/{ws.deal_id}/build/offers/{scope.offer}/{slug}"


def _latest(ws: Workspace) -> None:
    if not ws.is_latest:
        raise NotFound("only the latest version can be edited; open the deal without ?v=")


def _offer_scope(ws: Workspace, offer: str) -> Scope:
    if offer not in ws.deal.offers:
        raise NotFound(f"deal {ws.deal_id} has no offer {offer!r}; its offers are {', '.join(ws.deal.offers)}")
    return Scope("Offer", offer)


@router.get("/deals/{deal_id}/build", response_model=None)
def build_start(deal_id: int) -> Response:
    return RedirectResponse(f"/deals/{deal_id}/build/deal", status_code=303)


@router.get("/deals/{deal_id}/build/offers/{offer}", response_model=None)
def build_offer_start(deal_id: int, offer: str) -> Response:
    return RedirectResponse(f"/deals/{deal_id}/build/offers/{offer}/terms", status_code=303)


@router.get("/deals/{deal_id}/build/{slug}", response_class=HTMLResponse)
def deal_step(
    request: Request, slug: str, ws: Workspace = Depends(open_workspace), saved: int | None = None
) -> HTMLResponse:
    _latest(ws)
    scope = Scope("Deal")
    return _page(request, ws, scope, slug, _stored_draft(request, scope, ws), saved=saved)


@router.get("/deals/{deal_id}/build/offers/{offer}/{slug}", response_class=HTMLResponse)
def offer_step(
    request: Request, offer: str, slug: str, ws: Workspace = Depends(open_workspace), saved: int | None = None
) -> HTMLResponse:
    _latest(ws)
    scope = _offer_scope(ws, offer)
    return _page(request, ws, scope, slug, _stored_draft(request, scope, ws), saved=saved)


@router.post("/deals/{deal_id}/build/{slug}", response_model=None)
async def save_deal_step(request: Request, deal_id: int, slug: str) -> Response:
    return await _save(request, deal_id, slug, None)


@router.post("/deals/{deal_id}/build/offers/{offer}/{slug}", response_model=None)
async def save_offer_step(request: Request, deal_id: int, offer: str, slug: str) -> Response:
    return await _save(request, deal_id, slug, offer)


async def _save(request: Request, deal_id: int, slug: str, offer: str | None) -> Response:
    form = await read_form(request)
    return await off_loop(_save_form, request, form, deal_id, slug, offer)


def _save_form(request: Request, form: FormData, deal_id: int, slug: str, offer: str | None) -> Response:
    """Save one step's form (in a thread; the deal text is read, edited and checked in workers)."""
    store = get_store(request)
    parse = deal_parser(request)
    author = text_field(form, "author")
    message = text_field(form, "message")
    base_text = text_field(form, "base_version")
    base = int(base_text) if base_text.isdigit() else None
    stored, model = deals.load_version(store, deal_id, base, parse=parse)
    ws = Workspace(deals.get_deal(store, deal_id), stored, model)
    scope = _offer_scope(ws, offer) if offer else Scope("Deal")
    found = scope.section(slug)
    if found is None:
        raise NotFound(f"the builder has no step {slug!r}")
    _, paths = found
    locale = ws.deal.locale
    draft = draft_from_submission(scope, paths, form, _stored_draft(request, scope, ws))
    keep: dict[str, Any] = {"author": author, "message": message}
    action = text_field(form, "action")
    if action and action not in ("save", "next") and act(scope, paths, draft, action):
        return _page(request, ws, scope, slug, draft, **keep)
    values, reading = read_section(scope, paths, draft, locale)
    if reading.errors:
        return _page(request, ws, scope, slug, draft, errors=reading.errors, status=422, **keep)
    new_text, changed = bounded(
        request, f"writing {found[0].title} into the deal", write_section, scope, paths, stored.yaml_text, values, draft
    )
    if not changed:
        notice = f"nothing changed; the deal stays at version {ws.summary.latest_number}"
        return (
            _go_on(request, ws, scope, slug, action, None, author)
            if action == "next"
            else _page(request, ws, scope, slug, draft, notice=notice, **keep)
        )
    section_title = found[0].title
    where = f"offer {offer}: " if offer else ""
    default_message = f"{where}{section_title}: " + ", ".join(changed[:6]) + (" and more" if len(changed) > 6 else "")
    try:
        saved = deals.save_version(
            store,
            deal_id,
            new_text,
            author=author,
            message=message or default_message,
            base_number=ws.number,
            parse=parse,
        )
    except InputError as exc:
        located, others = problem_keys(scope, draft, exc.problems)
        return _page(request, ws, scope, slug, draft, errors=located, problems=tuple(others), status=422, **keep)
    except store_errors.InvalidValue as exc:
        return _page(request, ws, scope, slug, draft, errors={exc.field: exc.reason}, status=422, **keep)
    except store_errors.VersionConflict:
        return conflict_response(
            request,
            deal_id,
            base=ws.number,
            mine=new_text,
            author=author,
            message=message or default_message,
            back=_step_href(ws, scope, slug),
        )
    return _go_on(request, ws, scope, slug, action, saved.info.number, author)


def _go_on(
    request: Request, ws: Workspace, scope: Scope, slug: str, action: str, saved: int | None, author: str
) -> Response:
    slugs = [s.slug for s, _ in scope.sections]
    target_slug = slug
    if action == "next" and slugs.index(slug) + 1 < len(slugs):
        target_slug = slugs[slugs.index(slug) + 1]
    target = _step_href(ws, scope, target_slug) + (f"?saved={saved}" if saved else "")
    response = RedirectResponse(target, status_code=303)
    remember_author(request, response, author)
    return response
