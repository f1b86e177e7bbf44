"""Turning every error into the API's JSON shape or an HTML page, and mapping store and loader errors onto it."""

from __future__ import annotations

import logging

from fastapi import FastAPI
from fastapi.exceptions import RequestValidationError
from sqlalchemy.exc import OperationalError
from starlette.exceptions import HTTPException as StarletteHTTPException
from starlette.requests import Request
from starlette.responses import JSONResponse, Response

from principal.errors import InputError, PrincipalError, ShippedDataError
from principal.store import errors as store_errors
from principal.web import errors
from principal.web.templating import is_htmx, render

log = logging.getLogger("principal.web")


def is_api(request: Request) -> bool:
    return request.url.path == "/api" or request.url.path.startswith("/api/")


def render_error(request: Request, exc: errors.WebError) -> Response:
    response = _error_response(request, exc)
    response.headers.update(exc.headers())
    return response


def _error_response(request: Request, exc: errors.WebError) -> Response:
    if is_api(request):
        return JSONResponse(exc.payload(), status_code=exc.status)
    context = {"error": exc, "next": request.url.path}
    if is_htmx(request):
        return render(request, "_error.html", context, status=exc.status)
    return render(request, "error.html", context, status=exc.status)


def web_error_for(exc: Exception) -> errors.WebError:
    """The web error standing for an exception raised below the web layer."""
    match exc:
        case errors.WebError():
            return exc
        case InputError():
            return errors.InvalidDeal(exc.problems)
        case store_errors.NotFound():
            return errors.NotFound(str(exc))
        case store_errors.VersionConflict():
            return errors.Conflict(str(exc))
        case store_errors.NothingChanged():
            return errors.NothingChanged(str(exc))
        case store_errors.InvalidValue():
            return errors.Unprocessable(exc.reason, field=exc.field)
        case store_errors.DatabaseUnavailable() | OperationalError():
            return errors.ServiceUnavailable("the database cannot be reached; check that it is running")
        case ShippedDataError():
            return errors.WebError("a data file shipped with Principal is damaged; the server's log names it")
        case PrincipalError():
            return errors.BadRequest(str(exc).splitlines()[0])
    return errors.WebError("an unexpected error happened; it was written to the server's log")


def _message_for_status(request: Request, status: int) -> str:
    if status == 404:
        return f"nothing here at {request.url.path}"
    if status == 405:
        return f"{request.url.path} does not accept {request.method}"
    return "the request could not be handled"


def install_error_handlers(app: FastAPI) -> None:
    async def on_web_error(request: Request, exc: Exception) -> Response:
        if isinstance(exc, ShippedDataError):
            log.error("%s", exc)
        return render_error(request, web_error_for(exc))

    async def on_http(request: Request, exc: Exception) -> Response:
        assert isinstance(exc, StarletteHTTPException)
        detail = exc.detail if exc.status_code not in (404, 405) else _message_for_status(request, exc.status_code)
        error = errors.from_status(exc.status_code, str(detail))
        return render_error(request, error)

    async def on_validation(request: Request, exc: Exception) -> Response:
        assert isinstance(exc, RequestValidationError)
        first = exc.errors()[0] if exc.errors() else {"loc": (), "msg": "invalid request"}
        loc = [str(part) for part in first.get("loc", ()) if part not in ("body", "query", "path")]
        field = ".".join(loc) or None
        message = f"{field}: {first.get('msg', 'invalid')}" if field else str(first.get("msg", "invalid request"))
        return render_error(request, errors.Unprocessable(message, field=field))

    async def on_unexpected(request: Request, exc: Exception) -> Response:
        log.exception("unexpected error on %s %s", request.method, request.url.path, exc_info=exc)
        return render_error(request, web_error_for(exc))

    for cls in (PrincipalError, OperationalError):  # PrincipalError: web, input, store and shipped-data errors
        app.add_exception_handler(cls, on_web_error)
    app.add_exception_handler(StarletteHTTPException, on_http)
    app.add_exception_handler(RequestValidationError, on_validation)
    app.add_exception_handler(Exception, on_unexpected)
