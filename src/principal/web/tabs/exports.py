"""The Export tab: download the negotiation brief (HTML, PDF, Markdown) or the cost workbook (xlsx) of the viewed
version, and keep a copy in the database with who made it.

    GET  /deals/{id}/exports                  the tab: a link per format, and the copies kept so far
    GET  /deals/{id}/exports/brief.{fmt}?v=N  the export of version N (latest when absent), as an attachment
    POST /deals/{id}/exports                  form fields format, author, base_version: keep a copy (CSRF-checked)
    GET  /deals/{id}/exports/saved/{export_id} a kept copy, byte for byte as it was made

Downloads change nothing, so they are safe to link; keeping a copy is a form post. A version never changes, so the
last few exports made are kept in memory and served again without rendering (a PDF takes seconds); requests for an
export being made wait for it rather than render it again. The brief formats use the Strategy tab's negotiation
brief of the version (kept in memory, or built once and then kept for that tab too) instead of building their own.
"""

from __future__ import annotations

import re
import threading
from functools import partial

from fastapi import APIRouter, Depends
from starlette.requests import Request
from starlette.responses import HTMLResponse, RedirectResponse, Response

from principal.reports.formats import ExportFormat, render
from principal.store import deals, exports
from principal.store.records import MAX_AUTHOR
from principal.web.errors import NotFound
from principal.web.forms import read_form, remember_author, remembered_author, text_field
from principal.web.recently_made import RecentlyMade
from principal.web.tab_registry import WorkspaceTab
from principal.web.tabs.strategy import brief_of
from principal.web.templating import is_htmx
from principal.web.workers import bounded, deal_parser, off_loop
from principal.web.workspace import Workspace, get_store, open_workspace, render_tab

router = APIRouter()
FORMATS = tuple(ExportFormat)


def export_format(fmt: str) -> ExportFormat:
    try:
        return ExportFormat(fmt)
    except ValueError:
        known = ", ".join(f.value for f in FORMATS)
        raise NotFound(f"there is no {fmt!r} export; the formats are {known}") from None


def filename(ws: Workspace, fmt: ExportFormat) -> str:
    slug = re.sub(r"[^a-z0-9]+", "-", ws.summary.name.lower()).strip("-")[:60] or "deal"
    what = "costs" if fmt is ExportFormat.xlsx else "brief"
    return f"{slug}-v{ws.number}-{what}.{fmt.value}"


KEEP_RENDERED = 12
_rendered: RecentlyMade[bytes] = RecentlyMade(KEEP_RENDERED)


def rendered(request: Request, ws: Workspace, kind: ExportFormat) -> bytes:
    """The export of the viewed version in `kind`, rendered once and kept for the next requests."""
    info = ws.version.info
    key = (str(get_store(request).url), info.id, info.number, info.sha256, kind.value)
    source = f"version {ws.number} of deal {ws.deal_id}"

    def make() -> bytes:
        strategy = brief_of(request, ws) if kind.is_brief else None
        return bounded(
            request, f"the {kind.value} export", partial(render, ws.deal, kind, source=source, strategy=strategy)
        )

    return _rendered.get(key, make)


def _attachment(content: bytes, media_type: str, name: str) -> Response:
    return Response(
        content,
        media_type=media_type,
        headers={"content-disposition": f'attachment; filename="{name}"', "cache-control": "no-store"},
    )


@router.get("", response_class=HTMLResponse)
def exports_page(request: Request, ws: Workspace = Depends(open_workspace)) -> HTMLResponse:
    prepare(request, ws, ExportFormat.pdf)
    return _page(request, ws, {})


def prepare(request: Request, ws: Workspace, kind: ExportFormat) -> None:
    """Start rendering an export in the background (the PDF takes seconds), so the download is ready sooner."""
    threading.Thread(target=_quietly, args=(request, ws, kind), name=f"prepare-{kind.value}", daemon=True).start()


def _quietly(request: Request, ws: Workspace, kind: ExportFormat) -> None:
    try:
        rendered(request, ws, kind)
    except Exception:  # the download itself reports any failure; this was only a head start
        return


def _page(request: Request, ws: Workspace, extra: dict[str, object], *, status: int = 200) -> HTMLResponse:
    context: dict[str, object] = {
        "formats": [(f, ws.href(f"/exports/brief.{f.value}"), filename(ws, f)) for f in FORMATS],
        "kept": exports.list_exports(get_store(request), ws.deal_id),
        "versions": {v.id: v.number for v in deals.list_versions(get_store(request), ws.deal_id)},
        "author": remembered_author(request),
        "field_errors": {},
        "kept_id": request.query_params.get("kept"),
        **extra,
    }
    return render_tab(request, ws, "exports", "tabs/exports.html", context, status=status)


@router.get("/brief.{fmt}", response_model=None)
def download(fmt: str, request: Request, ws: Workspace = Depends(open_workspace)) -> Response:
    kind = export_format(fmt)
    return _attachment(rendered(request, ws, kind), kind.media_type, filename(ws, kind))


@router.post("", response_model=None)
async def keep_copy(request: Request, deal_id: int) -> Response:
    store = get_store(request)
    form = await read_form(request)
    base = text_field(form, "base_version")
    number = int(base) if base.isdigit() else None
    stored, model = await off_loop(deals.load_version, store, deal_id, number, parse=deal_parser(request))
    ws = Workspace(deals.get_deal(store, deal_id), stored, model)
    kind_text = text_field(form, "format")
    author = text_field(form, "author").strip()
    errors: dict[str, str] = {}
    if kind_text not in {f.value for f in FORMATS}:
        errors["format"] = f"choose one of {', '.join(f.value for f in FORMATS)}"
    if not author:
        errors["author"] = "give your name so the copy says who made it"
    elif len(author) > MAX_AUTHOR:
        errors["author"] = f"at most {MAX_AUTHOR} characters"
    if errors:
        return _page(request, ws, {"field_errors": errors, "author": author}, status=422)
    kind = ExportFormat(kind_text)
    content = await off_loop(rendered, request, ws, kind)
    info = await off_loop(
        exports.record_export,
        store,
        stored.info.id,
        format=kind.value,
        filename=filename(ws, kind),
        media_type=kind.media_type,
        content=content,
        author=author,
    )
    page = ws.href("/exports")
    target = f"{page}{'&' if '?' in page else '?'}kept={info.id}"
    response: Response
    if is_htmx(request):
        response = Response(status_code=204, headers={"HX-Redirect": target})
    else:
        response = RedirectResponse(target, status_code=303)
    remember_author(request, response, author)
    return response


@router.get("/saved/{export_id}", response_model=None)
def kept_copy(request: Request, export_id: int, ws: Workspace = Depends(open_workspace)) -> Response:
    store = get_store(request)
    if export_id not in {e.id for e in exports.list_exports(store, ws.deal_id)}:
        raise NotFound(f"deal {ws.deal_id} has no kept export {export_id}")
    info, content = exports.get_export(store, export_id)
    return _attachment(content, info.media_type, info.filename)


TAB = WorkspaceTab(slug="exports", title="Export", order=90, router=router, engine="principal.reports.formats")
