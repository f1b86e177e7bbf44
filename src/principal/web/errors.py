"""One exception tree for the web layer, each class carrying its HTTP status, and one JSON error shape for the API:

    {"ok": false, "error": {"status": 404, "code": "not_found", "message": "...", "field": "..."}}

Pages get the same information as an HTML error page (or a fragment for HTMX requests).
"""

from __future__ import annotations

from typing import Any, ClassVar

from principal.errors import PrincipalError, Problem


class WebError(PrincipalError):
    """An HTTP answer: its status, a stable code for API clients, a title for pages and a one-line message."""

    status: ClassVar[int] = 500
    code: ClassVar[str] = "internal_error"
    title: ClassVar[str] = "Something went wrong"

    def __init__(self, message: str, *, field: str | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.field = field

    def headers(self) -> dict[str, str]:
        """Extra response headers this error calls for."""
        return {}

    def payload(self) -> dict[str, Any]:
        error: dict[str, Any] = {"status": self.status, "code": self.code, "message": self.message}
        if self.field is not None:
            error["field"] = self.field
        return {"ok": False, "error": error}


class BadRequest(WebError):
    status = 400
    code = "bad_request"
    title = "Bad request"


class UntrustedHost(BadRequest):
    code = "untrusted_host"


class Unauthorized(WebError):
    status = 401
    code = "unauthorized"
    title = "Access token needed"


class CsrfRejected(WebError):
    status = 403
    code = "csrf_rejected"
    title = "Form not accepted"


class SignInNeeded(Unauthorized):
    code = "sign_in_needed"
    title = "Sign in"


class Forbidden(WebError):
    status = 403
    code = "forbidden"
    title = "Not allowed"


class NotFound(WebError):
    status = 404
    code = "not_found"
    title = "Not found"


class MethodNotAllowed(WebError):
    status = 405
    code = "method_not_allowed"
    title = "Method not allowed"


class Conflict(WebError):
    status = 409
    code = "conflict"
    title = "Changed by someone else"


class NothingChanged(Conflict):
    code = "nothing_changed"
    title = "Nothing changed"


class PayloadTooLarge(WebError):
    status = 413
    code = "payload_too_large"
    title = "Too large"


class RequestTimeout(WebError):
    """The client did not send its request body within the body timeout."""

    status = 408
    code = "request_timeout"
    title = "Request too slow"


class UnsupportedMediaType(WebError):
    status = 415
    code = "unsupported_media_type"
    title = "Unsupported file type"


class TooManyAttempts(WebError):
    """Too many wrong access tokens from one address; `retry_after` seconds until the next attempt is heard."""

    status = 429
    code = "too_many_attempts"
    title = "Too many attempts"

    def __init__(self, message: str, *, retry_after: int) -> None:
        super().__init__(message)
        self.retry_after = retry_after

    def headers(self) -> dict[str, str]:
        return {"retry-after": str(self.retry_after)}


class Unprocessable(WebError):
    status = 422
    code = "invalid_input"
    title = "Input not accepted"


class InvalidDeal(Unprocessable):
    """A deal text with located problems; the payload lists each one."""

    code = "invalid_deal"

    def __init__(self, problems: tuple[Problem, ...]) -> None:
        count = len(problems)
        first = problems[0].render() if problems else "no details"
        summary = first if count == 1 else f"{count} problems; the first: {first}"
        super().__init__(summary, field=problems[0].field if problems else None)
        self.problems = problems

    def payload(self) -> dict[str, Any]:
        body = super().payload()
        body["error"]["problems"] = [p.as_dict() for p in self.problems]
        return body


class OverBudget(Unprocessable):
    """The work a request asked for needed more CPU time or memory than a request may use."""

    code = "over_budget"
    title = "Too much work"


class ServiceUnavailable(WebError):
    status = 503
    code = "service_unavailable"
    title = "Database unavailable"


class ServerBusy(ServiceUnavailable):
    """Every worker is taken and the queue is full (or the upload buffer is): try again after `retry_after` s."""

    code = "server_busy"
    title = "Server busy"

    def __init__(self, message: str, *, retry_after: int) -> None:
        super().__init__(message)
        self.retry_after = retry_after

    def headers(self) -> dict[str, str]:
        return {"retry-after": str(self.retry_after)}


BY_STATUS: dict[int, type[WebError]] = {
    cls.status: cls
    for cls in (
        BadRequest,
        Unauthorized,
        CsrfRejected,
        NotFound,
        MethodNotAllowed,
        Conflict,
        PayloadTooLarge,
        RequestTimeout,
        UnsupportedMediaType,
        Unprocessable,
        ServiceUnavailable,
    )
}


def from_status(status: int, message: str) -> WebError:
    """The web error for a status raised by the framework itself (unknown route, wrong method)."""
    cls = BY_STATUS.get(status, WebError)
    return cls(message)
