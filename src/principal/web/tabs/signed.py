"""The After signature tab: the signed contract's key dates (with the iCalendar download and reminders a chosen
number of days before each deadline) and the invoice audit of an uploaded CSV (over-billing per line with its
formula, usage against forecast, the cap's projection, savings realised per lever).

The figures are principal.signed's; the page only puts them in words. An invoice file is audited as it is
uploaded and never stored.
"""

from __future__ import annotations

import datetime as dt

from fastapi import APIRouter, Depends, Query
from starlette.datastructures import UploadFile
from starlette.requests import Request
from starlette.responses import HTMLResponse, Response

from principal.errors import InputError
from principal.loader.citations import DealCitations
from principal.loader.csv_table import MAX_TABLE_BYTES
from principal.loader.invoices import parse_columns, parse_invoices
from principal.loader.outage_log import parse_outage_log
from principal.present import formatter_for
from principal.reports.signed.calendar_ics import DealDates, calendar_ics
from principal.signed import credits_owed, key_dates, signed_view
from principal.signed.audit import audit_invoices
from principal.signed.savings import realised_savings
from principal.web.errors import Unprocessable
from principal.web.forms import read_form, text_field
from principal.web.tab_registry import WorkspaceTab
from principal.web.uploads import UploadPolicy, read_upload
from principal.web.workspace import Workspace, open_workspace, render_tab

router = APIRouter()

INVOICES = UploadPolicy("invoice CSV", (".csv", ".txt"), MAX_TABLE_BYTES, text=True)
DEFAULT_REMIND = "30,7"


def _remind(text: str) -> tuple[int, ...]:
    try:
        days = tuple(int(p) for p in text.split(",") if p.strip())
    except ValueError:
        days = ()
    if not days or any(not 0 <= d <= 366 for d in days):
        raise Unprocessable(f"{text!r}: give days before each deadline, e.g. 30,7 (0 to 366)", field="remind")
    return days


def _context(ws: Workspace, remind: str) -> dict[str, object]:
    deal = ws.deal
    if deal.signed is None:
        return {"signed": None}
    view = signed_view(deal)
    dates = key_dates(view)
    return {
        "signed": deal.signed,
        "view": view,
        "dates": [d for d in dates.dates if d.kind.value != "sla_claim_deadline"],
        "claim_windows": sum(1 for d in dates.dates if d.kind.value == "sla_claim_deadline"),
        "questions": dates.questions,
        "remind": remind,
        "fmt": formatter_for(deal.currency, deal.locale),
        "cur": deal.currency,
        "audit": None,
        "savings": None,
        "credits": None,
    }


@router.get("", response_class=HTMLResponse)
def signed_page(
    request: Request, ws: Workspace = Depends(open_workspace), remind: str = Query(default=DEFAULT_REMIND)
) -> HTMLResponse:
    _remind(remind)
    return render_tab(request, ws, "signed", "tabs/signed.html", _context(ws, remind))


@router.get("/dates.ics")
def signed_calendar(ws: Workspace = Depends(open_workspace), remind: str = Query(default=DEFAULT_REMIND)) -> Response:
    deal = ws.deal
    if deal.signed is None:
        raise Unprocessable("the deal records no signed offer; add a signed: block first", field="signed")
    filename = f"deal-{ws.deal_id}-v{ws.number}.yaml"
    citations = DealCitations(ws.version.yaml_text, filename, deal.signed.documents)
    dates = key_dates(signed_view(deal))
    fmt = formatter_for(deal.currency, deal.locale)
    stamp = dt.datetime.now(dt.UTC).replace(microsecond=0)
    body = calendar_ics(
        [DealDates(deal.name, filename, dates.dates, citations.cite_text, fmt)],
        remind_days=_remind(remind),
        stamp=stamp,
    )
    headers = {"Content-Disposition": f'attachment; filename="deal-{ws.deal_id}-key-dates.ics"'}
    return Response(body, media_type="text/calendar; charset=utf-8", headers=headers)


@router.post("/audit", response_class=HTMLResponse)
async def signed_audit(request: Request, ws: Workspace = Depends(open_workspace)) -> HTMLResponse:
    form = await read_form(request)
    upload = form.get("file")
    if not isinstance(upload, UploadFile) or not upload.filename:
        raise Unprocessable("choose the invoice CSV to audit", field="file")
    accepted = await read_upload(upload, INVOICES)
    context = _context(ws, DEFAULT_REMIND)
    if context["signed"] is None:
        raise Unprocessable("the deal records no signed offer; add a signed: block first", field="signed")
    view = signed_view(ws.deal)
    if view.effective_date is None:
        raise Unprocessable("the signed effective date is unknown; add signed.effective_date", field="signed")
    columns = text_field(form, "columns").strip()
    try:
        mapping = parse_columns(columns, "columns") if columns else None
    except InputError as exc:
        raise Unprocessable("; ".join(p.message for p in exc.problems), field="columns") from None
    lines = parse_invoices(
        accepted.content,
        accepted.filename,
        effective_date=view.effective_date,
        term_months=view.offer.term_months,
        mapping=mapping,
    )
    result = audit_invoices(view, lines.lines, accepted.filename)
    context.update({"audit": result, "savings": realised_savings(view, lines.lines, result)})
    return render_tab(request, ws, "signed", "tabs/signed.html", context)


@router.post("/credits", response_class=HTMLResponse)
async def signed_credits(request: Request, ws: Workspace = Depends(open_workspace)) -> HTMLResponse:
    form = await read_form(request)
    upload = form.get("file")
    if not isinstance(upload, UploadFile) or not upload.filename:
        raise Unprocessable("choose the outage log (CSV) to replay", field="file")
    accepted = await read_upload(upload, INVOICES)
    context = _context(ws, DEFAULT_REMIND)
    if context["signed"] is None:
        raise Unprocessable("the deal records no signed offer; add a signed: block first", field="signed")
    view = signed_view(ws.deal)
    sla = view.offer.sla
    if sla is None:
        raise Unprocessable(f"the signed offer {view.offer_name!r} has no SLA", field="signed")
    as_of_text = text_field(form, "as_of").strip()
    try:
        as_of = dt.date.fromisoformat(as_of_text) if as_of_text else dt.date.today()
    except ValueError:
        raise Unprocessable(f"{as_of_text!r} is not a date YYYY-MM-DD", field="as_of") from None
    bh = ws.deal.buyer.business_hours
    zone = bh.timezone if "timezone" in bh.model_fields_set else None
    log = parse_outage_log(
        accepted.content, accepted.filename, components=[c.name for c in sla.components], timezone=zone
    )
    context["credits"] = credits_owed(view, log.outages, as_of=as_of)
    return render_tab(request, ws, "signed", "tabs/signed.html", context)


TAB = WorkspaceTab(slug="signed", title="After signature", order=70, router=router, engine="principal.signed")
