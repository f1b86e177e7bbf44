"""No edit lost: a save made from an older version gets a view of both changes and a way to merge them.

The store refuses such a save (409). The conflict page shows what you changed and what was saved meanwhile, field
by field; fields only one side changed merge by themselves, fields both changed are chosen one by one, and the
whole of your text stays on the page (and can be saved as text instead) whatever happens.
"""

from __future__ import annotations

from typing import Any, Literal

from fastapi import APIRouter
from starlette.datastructures import FormData
from starlette.requests import Request
from starlette.responses import HTMLResponse, RedirectResponse, Response

from principal.errors import InputError
from principal.store import deals
from principal.store import errors as store_errors
from principal.store.diff import text_lines
from principal.store.merge import MergePlan, plan_merge
from principal.web.forms import read_form, remember_author, text_field
from principal.web.templating import is_htmx
from principal.web.workers import bounded, deal_parser, off_loop
from principal.web.workspace import Workspace, get_store, render_tab

router = APIRouter()

MAX_MINE = 5 * 1024 * 1024


def conflict_response(
    request: Request,
    deal_id: int,
    *,
    base: int,
    mine: str,
    author: str,
    message: str,
    back: str,
    choices: dict[str, Literal["mine", "theirs"]] | None = None,
    problems: tuple[Any, ...] = (),
    notice: str | None = None,
) -> HTMLResponse:
    """The conflict view of `mine` (a whole deal text made from version `base`) against the latest version."""
    store = get_store(request)
    base_version = deals.get_version(store, deal_id, base)
    latest, model = deals.load_version(store, deal_id, parse=deal_parser(request))
    ws = Workspace(deals.get_deal(store, deal_id), latest, model)
    plan, text_diff = bounded(
        request,
        "comparing your change with the latest version",
        _both_changes,
        base_version.yaml_text,
        mine,
        latest.yaml_text,
        choices,
    )
    context = {
        "plan": plan,
        "base_number": base,
        "latest": latest.info,
        "mine": mine,
        "author": author,
        "message": message,
        "back": back,
        "choices": choices or {},
        "field_errors": {},
        "problems": problems,
        "notice": notice,
        "text_diff": text_diff,
    }
    response = render_tab(request, ws, "offers", "conflict.html", context, status=409)
    if is_htmx(request):  # a fragment form (the quick offer form) gets the whole conflict view instead
        response.headers.update({"HX-Retarget": "#main", "HX-Reswap": "outerHTML", "HX-Reselect": "#main"})
    return response


def _both_changes(
    base: str, mine: str, latest: str, choices: dict[str, Literal["mine", "theirs"]] | None
) -> tuple[MergePlan, Any]:
    return plan_merge(base, mine, latest, choices), text_lines(latest, mine)


@router.post("/deals/{deal_id}/merge", response_model=None)
async def merge(request: Request, deal_id: int) -> Response:
    form = await read_form(request)
    return await off_loop(_merge_form, request, form, deal_id)


def _merge_form(request: Request, form: FormData, deal_id: int) -> Response:
    store = get_store(request)
    author = text_field(form, "author")
    message = text_field(form, "message")
    mine = text_field(form, "mine")[:MAX_MINE]
    back = text_field(form, "back") or f"/deals/{deal_id}"
    if not back.startswith(f"/deals/{deal_id}"):
        back = f"/deals/{deal_id}"
    base = int(text_field(form, "base_number") or "0") or 1
    theirs = int(text_field(form, "latest_number") or "0") or None
    choices: dict[str, Literal["mine", "theirs"]] = {}
    for key, value in form.multi_items():
        if key.startswith("choice:") and value in ("mine", "theirs"):
            choices[key.removeprefix("choice:")] = value  # type: ignore[assignment]
    keep: dict[str, Any] = {"base": base, "mine": mine, "author": author, "message": message, "back": back}
    plan = bounded(
        request,
        "merging the two changes",
        plan_merge,
        deals.get_version(store, deal_id, base).yaml_text,
        mine,
        _text_of(store, deal_id, theirs),
        choices,
        reads_input=True,
    )
    if plan.merged_text is None:
        notice = (
            "your text does not read as YAML: correct it below, or save it from the YAML view"
            if plan.note
            else "choose yours or theirs for every field both changed"
        )
        return conflict_response(request, deal_id, choices=choices, notice=notice, **keep)
    try:
        saved = deals.save_version(
            store,
            deal_id,
            plan.merged_text,
            author=author,
            message=message or "Merged",
            base_number=theirs,
            parse=deal_parser(request),
        )
    except store_errors.VersionConflict:
        return conflict_response(
            request, deal_id, choices=choices, notice="someone saved again while you merged; check once more", **keep
        )
    except store_errors.NothingChanged:
        return RedirectResponse(f"/deals/{deal_id}", status_code=303)
    except InputError as exc:
        return conflict_response(
            request,
            deal_id,
            choices=choices,
            problems=exc.problems,
            notice="the merged deal does not check; settle the conflicts differently or edit your text below",
            **keep,
        )
    except store_errors.InvalidValue as exc:
        return conflict_response(request, deal_id, choices=choices, notice=f"{exc.field}: {exc.reason}", **keep)
    response = RedirectResponse(f"{back}?saved={saved.info.number}" if "?" not in back else back, status_code=303)
    remember_author(request, response, author)
    return response


def _text_of(store: Any, deal_id: int, number: int | None) -> str:
    return deals.get_version(store, deal_id, number).yaml_text
