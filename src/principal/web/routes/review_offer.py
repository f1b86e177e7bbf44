"""On the Review tab, "create an offer from these documents": confirm each value the review read (with the clause
it cites and how sure the reading is), correct what is wrong, and save the draft as a new offer of the deal. What
is not confirmed stays unknown and joins the questions for the vendor; the review's documents stay attached."""

from __future__ import annotations

import re
from typing import Any

from fastapi import APIRouter, Depends
from ruamel.yaml.comments import CommentedMap
from ruamel.yaml.scalarstring import LiteralScalarString
from starlette.datastructures import FormData
from starlette.requests import Request
from starlette.responses import HTMLResponse, RedirectResponse, Response

from principal.errors import InputError
from principal.store import deals, offer_ops, reviews, yaml_edits
from principal.store import errors as store_errors
from principal.store.yaml_edits import MISSING
from principal.web.audit import record
from principal.web.builder.numbers import NumberNotRead
from principal.web.forms import read_form, remember_author, remembered_author, text_field
from principal.web.review_offer import (
    DraftValue,
    draft_values,
    offer_body,
    partial_currency,
    read_entry,
    shown,
)
from principal.web.routes.conflicts import conflict_response
from principal.web.tabs.review import _shown as shown_review  # the tab's cached review of the stored documents
from principal.web.workers import bounded, deal_parser, off_loop
from principal.web.workspace import Workspace, get_store, open_workspace, render_tab

router = APIRouter()


def _default_name(ws: Workspace, title: str) -> str:
    base = "from-" + (re.sub(r"[^a-z0-9]+", "-", title.lower()).strip("-")[:40] or "documents")
    name, n = base, 2
    while name in ws.deal.offers:
        name, n = f"{base}-{n}", n + 1
    return name


def _is_forecast(draft: DraftValue) -> bool:
    return len(draft.path) == 3 and draft.path[0] == "usage" and draft.path[2] == "forecast"


def _page(
    request: Request,
    ws: Workspace,
    review_id: int,
    *,
    entered: dict[str, str] | None = None,
    errors: dict[str, str] | None = None,
    problems: tuple[Any, ...] = (),
    status: int = 200,
) -> HTMLResponse:
    info = reviews.get_review(get_store(request), ws.deal_id, review_id)
    result = shown_review(request, ws, review_id).result
    drafts = draft_values(result)
    has_term = any(d.path == ("term_months",) for d in drafts)
    rows = []
    for i, draft in enumerate(drafts):
        value = shown(draft.value, ws.deal.locale)
        if _is_forecast(draft):
            value = draft.value if draft.value in ws.deal.buyer.forecasts else ""
        rows.append((i, draft, value))
    context = {
        "info": info,
        "result": result,
        "rows": rows,
        "entered": entered,
        "field_errors": errors or {},
        "problems": problems,
        "has_term": has_term,
        "forecasts": tuple(ws.deal.buyer.forecasts),
        "offer_name": (entered or {}).get("name") or _default_name(ws, info.title),
        "author": (entered or {}).get("author") or remembered_author(request),
        "message": "",
        "base": ws.number,
    }
    return render_tab(request, ws, "review", "tabs/review_offer.html", context, status=status)


@router.get("/deals/{deal_id}/review/{review_id}/offer", response_class=HTMLResponse)
def confirm_page(request: Request, review_id: int, ws: Workspace = Depends(open_workspace)) -> HTMLResponse:
    return _page(request, ws, review_id)


@router.post("/deals/{deal_id}/review/{review_id}/offer", response_model=None)
async def create_offer(request: Request, deal_id: int, review_id: int) -> Response:
    form = await read_form(request)
    return await off_loop(_create_offer, request, form, deal_id, review_id)


def _create_offer(request: Request, form: FormData, deal_id: int, review_id: int) -> Response:
    """The confirmed values as a new offer (in a thread; the deal text is edited and checked in workers)."""
    store = get_store(request)
    parse = deal_parser(request)
    entered = {key: value for key, value in form.multi_items() if isinstance(value, str)}
    author = text_field(form, "author")
    base_text = text_field(form, "base_version")
    stored, model = deals.load_version(store, deal_id, int(base_text) if base_text.isdigit() else None, parse=parse)
    ws = Workspace(deals.get_deal(store, deal_id), stored, model)
    info = reviews.get_review(store, deal_id, review_id)
    result = shown_review(request, ws, review_id).result
    drafts = draft_values(result)
    errors: dict[str, str] = {}
    try:
        name = offer_ops.check_name(text_field(form, "name"))
    except store_errors.InvalidValue as exc:
        errors["name"] = exc.reason
        name = ""
    if name in ws.deal.offers:
        errors["name"] = f"there is already an offer named {name!r}"
    chosen: list[tuple[DraftValue, Any]] = []
    dropped: set[int] = set()
    questions = [f"{q.field.removeprefix('offers.reviewed.')}: {q.ask}" for q in result.questions]
    for i, draft in enumerate(drafts):
        raw = text_field(form, f"v{i}")
        used = text_field(form, f"use{i}") == "yes"
        if _is_forecast(draft):
            if not raw:
                dropped.add(int(draft.path[1]))
                questions.append(f"usage meter {draft.value}: no volume forecast chosen, so it is left out")
                continue
            chosen.append((draft, raw))
            continue
        if draft.path[0] == "usage" and draft.path[1] in dropped:
            continue
        if not used:
            chosen.append((draft, MISSING))
            questions.append(f"{draft.key}: not confirmed (the documents say {shown(draft.value, ws.deal.locale)})")
            continue
        try:
            chosen.append((draft, read_entry(raw, draft.value, ws.deal.locale)))
        except NumberNotRead as exc:
            errors[f"v{i}"] = str(exc)
    term = text_field(form, "term_months").strip()
    if errors:
        return _page(request, ws, review_id, entered=entered, errors=errors, status=422)
    body = offer_body(chosen, dropped)
    if term:
        body.insert(0, "term_months", int(term) if term.isdigit() else term)
    body.insert(0, "label", f"From review {review_id}: {info.title}"[:200])
    currency = partial_currency(result)
    if currency and currency != ws.deal.currency:
        body["currency"] = currency
    if questions:
        notes = "Questions for the vendor (from the documents):\n" + "\n".join(f"- {q}" for q in questions)
        body["notes"] = LiteralScalarString(notes + "\n")
    new_text = bounded(request, f"adding offer {name} to the deal", _with_offer, stored.yaml_text, name, body)
    message = f"Offer {name} from review {review_id} ({info.title})"[:2000]
    try:
        saved = deals.save_version(
            store, deal_id, new_text, author=author, message=message, base_number=ws.number, parse=parse
        )
    except InputError as exc:
        located, others = _locate(name, drafts, exc.problems, dropped, chosen)
        return _page(request, ws, review_id, entered=entered, errors=located, problems=tuple(others), status=422)
    except store_errors.InvalidValue as exc:
        return _page(request, ws, review_id, entered=entered, errors={exc.field: exc.reason}, status=422)
    except store_errors.VersionConflict:
        return conflict_response(
            request, deal_id, base=ws.number, mine=new_text, author=author, message=message, back=f"/deals/{deal_id}"
        )
    reviews.attach_to_offer(store, deal_id, review_id, name)
    record(request, deal_id, "offer from documents", message, saved.info.number)
    response = RedirectResponse(f"/deals/{deal_id}?saved={saved.info.number}", status_code=303)
    remember_author(request, response, author)
    return response


def _with_offer(text: str, name: str, body: CommentedMap) -> str:
    yaml, doc = yaml_edits.load(text)
    offers: CommentedMap = doc["offers"]
    blanks = yaml_edits.take_trailing_blank_lines(offers)
    offers[name] = body
    if blanks is not None:
        yaml_edits.put_trailing_blank_lines(offers, blanks)
    return yaml_edits.dump(yaml, doc)


def _original_field(field: str, dropped: set[int]) -> str:
    """A problem's field in the review's numbering: meters left out shift the later ones down in the new offer."""
    found = re.match(r"usage\[(\d+)\]", field)
    if not found or not dropped:
        return field
    index, original = int(found.group(1)), -1
    while index >= 0:
        original += 1
        if original not in dropped:
            index -= 1
    return f"usage[{original}]" + field[found.end() :]


def _locate(
    name: str,
    drafts: tuple[DraftValue, ...],
    problems: tuple[Any, ...],
    dropped: set[int] | None = None,
    chosen: list[tuple[DraftValue, Any]] | None = None,
) -> tuple[dict[str, str], list[Any]]:
    """Each problem by the row of its value; a problem with a record (a rate card) by the row under it that was
    left unticked, else its first row."""
    located: dict[str, str] = {}
    others = []
    prefix = f"offers.{name}."
    unkept = {id(draft) for draft, value in chosen or () if value is MISSING}
    for problem in problems:
        field = str(problem.field)
        if field == f"offers.{name}.term_months" or field == f"offers.{name}":
            located.setdefault("term_months", problem.message)
            continue
        key = _original_field(field.removeprefix(prefix), dropped or set()) if field.startswith(prefix) else ""
        index = next((i for i, d in enumerate(drafts) if d.key == key), None)
        if index is None and key:
            under = [i for i, d in enumerate(drafts) if d.key.startswith((key + ".", key + "["))]
            unticked = [i for i in under if id(drafts[i]) in unkept]
            if unticked:
                index = unticked[0]
                message = f"{problem.message}: this value is not kept; tick it (or correct it) to keep the record"
                located.setdefault(f"v{index}", message)
                continue
            index = under[0] if under else None
        if index is None:
            others.append(problem)
        else:
            located.setdefault(f"v{index}", problem.message)
    return located, others
