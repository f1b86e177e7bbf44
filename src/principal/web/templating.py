"""Jinja2 templates shipped in the package, with the few filters the pages use to show stored values."""

from __future__ import annotations

import datetime as dt
import functools
import re
from decimal import Decimal
from pathlib import Path
from typing import Any

from fastapi.templating import Jinja2Templates
from jinja2 import StrictUndefined, pass_context
from jinja2.runtime import Context
from starlette.requests import Request
from starlette.responses import HTMLResponse

from principal import __version__
from principal.present import Formatter, formatter_for
from principal.web.labels import label

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


NO_CURRENCY = "XXX"
"""ISO 4217's code for "no currency": what formats shares and counts, which carry none."""


def _formatter(context: Context, currency: str | None, locale: str | None, *, for_money: bool = True) -> Formatter:
    """The formatter for `currency` and `locale`, each defaulting to the viewed deal's (the `ws` in the context).

    Money with neither a currency given nor a deal in view has no currency to assume: that is a template error.
    """
    deal = getattr(context.get("ws"), "deal", None)
    if currency is None:
        if deal is not None:
            currency = deal.currency
        elif for_money:
            raise ValueError("the money filter needs a currency on a page that shows no deal: money(currency)")
        else:
            currency = NO_CURRENCY
    if locale is None and deal is not None:
        locale = deal.locale
    return formatter_for(currency, locale)


@pass_context
def amount(
    context: Context,
    value: Decimal | float | int | str | None,
    currency: str | None = None,
    cents: bool = True,
    locale: str | None = None,
) -> str:
    """An engine's figure (a Decimal, or its text from a cached JSON result) as money: `x|money(cur)`,
    `x|money(cur, false)` for whole units, `x|money(cur, locale="de_DE")`. Currency and locale default to the
    viewed deal's; None or "" shows as nothing (the template says why a figure is missing)."""
    if value is None or value == "":
        return ""
    fmt = _formatter(context, currency, locale)
    return _money_text(fmt.currency, fmt.locale, str(value), not cents)


@functools.lru_cache(maxsize=8192)
def _money_text(currency: str, locale: str, value: str, whole: bool) -> str:
    """Money as text, kept for the figures pages show again and again (every view of a version formats the same
    ones, and the locale-aware formatting is the slowest part of drawing a page)."""
    return formatter_for(currency, locale).money(Decimal(value), whole=whole)


@pass_context
def share(context: Context, value: Decimal | float | str | None, digits: int = 1, locale: str | None = None) -> str:
    """A share between 0 and 1 as a percentage, in the viewed deal's locale unless `locale` is given."""
    if value is None or value == "":
        return ""
    fmt = _formatter(context, None, locale, for_money=False)
    return _share_text(fmt.currency, fmt.locale, str(value), digits)


@functools.lru_cache(maxsize=4096)
def _share_text(currency: str, locale: str, value: str, digits: int) -> str:
    return formatter_for(currency, locale).share(Decimal(value), digits)


OFFSETS = re.compile(r"\s*\[\d+:\d+\]")


def citation(value: str | None) -> str:
    """A citation as a reader wants it: `§1.3 p.1 ¶14 "..."`, without the character offsets kept for highlighting."""
    return OFFSETS.sub("", value or "")


templates = Jinja2Templates(directory=str(TEMPLATES))
templates.env.undefined = StrictUndefined  # a mistyped or missing key is an error, never empty text
templates.env.filters["when"] = when
templates.env.filters["figure"] = figure
templates.env.filters["money"] = amount
templates.env.filters["share"] = share
templates.env.filters["label"] = label
templates.env.filters["cite"] = citation
templates.env.globals["version"] = __version__
templates.env.trim_blocks = True
templates.env.lstrip_blocks = True


def is_htmx(request: Request) -> bool:
    return request.headers.get("hx-request") == "true"


def _accounts_on(request: Request) -> bool:
    from principal.web.team import accounts_on

    return accounts_on(request) if hasattr(request.app.state, "store") else False


def render(request: Request, name: str, context: dict[str, Any] | None = None, *, status: int = 200) -> HTMLResponse:
    """A page (or fragment) with the values every template may use: the CSRF token and the workspace tabs."""
    values: dict[str, Any] = {
        "csrf_token": request.scope.get("state", {}).get("csrf_token", ""),
        "htmx": is_htmx(request),
        "token_required": getattr(request.app.state, "token_required", False),
        "accounts": _accounts_on(request),
        "user": request.scope.get("state", {}).get("user"),
    }
    values.update(context or {})
    return templates.TemplateResponse(request, name, values, status_code=status)
