"""The portfolio page across every saved deal with a `signed:` block: the deadlines coming up (within a chosen
number of days, the reminder window), renewals, annual spend, renewal exposure and savings per deal; and one
calendar file (.ics) of every signed deal's key dates, each event citing its clause.

Figures are principal.signed's (the same as `principal portfolio` and `principal calendar`).
"""

from __future__ import annotations

import datetime as dt

from fastapi import APIRouter, Query
from starlette.requests import Request
from starlette.responses import HTMLResponse, Response

from principal.loader.citations import DealCitations
from principal.model.deal import Deal
from principal.present import formatter_for
from principal.reports.signed.calendar_ics import DealDates, calendar_ics
from principal.signed import key_dates, portfolio, signed_view
from principal.signed.portfolio import Portfolio
from principal.store import deals
from principal.web.errors import Unprocessable
from principal.web.templating import render
from principal.web.workers import bounded, deal_parser
from principal.web.workspace import get_store

router = APIRouter()


def _signed_deals(request: Request) -> list[tuple[int, str, Deal, str]]:
    """(deal id, file name, model, YAML text) of the latest version of every deal that records a signed offer."""
    store = get_store(request)
    out = []
    for summary in deals.list_deals(store):
        stored, model = deals.load_version(store, summary.id, parse=deal_parser(request))
        if model.signed is not None:
            out.append((summary.id, f"deal-{summary.id}-v{stored.info.number}.yaml", model, stored.yaml_text))
    return out


def _days(text: str) -> tuple[int, ...]:
    try:
        days = tuple(int(p) for p in text.split(",") if p.strip())
    except ValueError:
        days = ()
    if not days or any(not 0 <= d <= 366 for d in days):
        raise Unprocessable(f"{text!r}: give days before each deadline, e.g. 30,7 (0 to 366)", field="remind")
    return days


def _portfolio_view(
    signed: list[tuple[int, str, Deal]], today: dt.date, horizon: dt.date
) -> tuple[Portfolio, list[tuple[dt.date, int, str, str, str]]]:
    """The portfolio's figures and the deadlines up to `horizon` (run in a worker, within the request's budget)."""
    result = portfolio([(model, name) for _, name, model in signed], as_of=today)
    upcoming = []
    for deal_id, _name, model in signed:
        for d in key_dates(signed_view(model)).dates:
            if d.deadline and today <= d.day <= horizon:
                title = formatter_for(model.currency, model.locale).text(d.title)
                upcoming.append((d.day, deal_id, model.name, title, ", ".join(d.fields)))
    upcoming.sort()
    return result, upcoming


@router.get("/portfolio", response_class=HTMLResponse)
def portfolio_page(
    request: Request, remind: str = Query(default="30,7"), as_of: dt.date | None = Query(default=None)
) -> HTMLResponse:
    days = _days(remind)
    today = as_of or dt.date.today()
    signed = _signed_deals(request)
    ids = {name: deal_id for deal_id, name, _, _ in signed}
    horizon = today + dt.timedelta(days=max(days))
    deals_in = [(deal_id, name, model) for deal_id, name, model, _ in signed]
    result, upcoming = bounded(request, "the portfolio", _portfolio_view, deals_in, today, horizon)
    context = {
        "result": result,
        "ids": ids,
        "upcoming": upcoming,
        "remind": remind,
        "today": today,
        "horizon": horizon,
        "formatter_for": formatter_for,
    }
    return render(request, "portfolio.html", context)


@router.get("/portfolio/calendar.ics")
def portfolio_calendar(request: Request, remind: str = Query(default="30,7")) -> Response:
    days = _days(remind)
    listed = []
    for _, name, model, text in _signed_deals(request):
        citations = DealCitations(text, name, model.signed.documents if model.signed else ())
        dates = key_dates(signed_view(model)).dates
        listed.append(
            DealDates(model.name, name, dates, citations.cite_text, formatter_for(model.currency, model.locale))
        )
    stamp = dt.datetime.now(dt.UTC).replace(microsecond=0)
    body = calendar_ics(listed, remind_days=days, stamp=stamp)
    headers = {"Content-Disposition": 'attachment; filename="contract-key-dates.ics"'}
    return Response(body, media_type="text/calendar; charset=utf-8", headers=headers)
