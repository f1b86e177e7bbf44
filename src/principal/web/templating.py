"""Jinja2 templates shipped in the package, with the few filters the pages use to show stored values."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from pathlib import Path
from typing import Any

from fastapi.templating import Jinja2Templates
from starlette.requests import Request
from starlette.responses import HTMLResponse

from principal import __version__
from principal.money_format import percent
from principal.present import formatter_for

HERE = Path(__file__).resolve().parent
TEMPLATES = HERE / "templates"
STATIC = HERE / "static"


def when(value: dt.datetime) -> str:
    """A stored time in UTC, to the minute."""
    if value.tzinfo is None:
        value = value.replace(tzinfo=dt.UTC)
    return value.astimezone(dt.UTC).strftime("%Y-%m-%d %H:%M UTC")


def figure(value: Decimal | int | str | None) -> str:
    """A number with thousands separators and its own decimals, as written in the deal (or in an engine's JSON)."""
    if value is None or value == "":
        return ""
    if isinstance(value, int):
        return f"{value:,}"
    return f"{Decimal(str(value)):,f}"


def amount(
    value: Decimal | float | int | str | None, currency: str = "USD", cents: bool = True, locale: str | None = None
) -> str:
    """An engine's figure (a Decimal, or its text from a cached JSON result) as money in the deal's currency."""
    if value is None or value == "":
        return ""
    return formatter_for(currency, locale).money(Decimal(str(value)), whole=not cents)


def share(value: Decimal | float | str | None, digits: int = 1) -> str:
    """A share between 0 and 1 as a percentage."""
    if value is None or value == "":
        return ""
    return percent(Decimal(str(value)), digits)


templates = Jinja2Templates(directory=str(TEMPLATES))
templates.env.filters["when"] = when
templates.env.filters["figure"] = figure
templates.env.filters["money"] = amount
templates.env.filters["share"] = share
templates.env.globals["version"] = __version__
templates.env.trim_blocks = True
templates.env.lstrip_blocks = True


def is_htmx(request: Request) -> bool:
    return request.headers.get("hx-request") == "true"


def render(request: Request, name: str, context: dict[str, Any] | None = None, *, status: int = 200) -> HTMLResponse:
    """A page (or fragment) with the values every template may use: the CSRF token and the workspace tabs."""
    values: dict[str, Any] = {
        "csrf_token": request.scope.get("state", {}).get("csrf_token", ""),
        "htmx": is_htmx(request),
        "token_required": getattr(request.app.state, "token_required", False),
    }
    values.update(context or {})
    return templates.TemplateResponse(request, name, values, status_code=status)
