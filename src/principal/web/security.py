"""What keeps the app to its owner: host check, access token, request size limit, CSRF and security headers.

Order for each request: the Host header must name this machine (unless a token guards the app), the access token
must be presented when one is configured (wrong tokens are counted per client address and in total, see
login_throttle.py), the body must fit the size limit and arrive within the body timeout (it is buffered before the
app sees it, within the cap on bodies held at once: upload_buffer.py), and every state-changing request must carry
the CSRF token of its session cookie and come from this origin.
"""

from __future__ import annotations

import asyncio
import hashlib
import hmac
import secrets
from collections.abc import Awaitable, Callable, MutableMapping
from typing import Any
from urllib.parse import urlencode, urlsplit

from starlette.datastructures import URL, MutableHeaders
from starlette.requests import Request
from starlette.responses import RedirectResponse, Response

from principal.web.errors import (
    CsrfRejected,
    PayloadTooLarge,
    RequestTimeout,
    Unauthorized,
    UntrustedHost,
    WebError,
)
from principal.web.login_throttle import LoginThrottle
from principal.web.settings import LOOPBACK_NAMES, WebSettings
from principal.web.upload_buffer import Reservation, UploadBuffer

Scope = MutableMapping[str, Any]
Message = MutableMapping[str, Any]
Receive = Callable[[], Awaitable[Message]]
Send = Callable[[Message], Awaitable[None]]
ASGIApp = Callable[[Scope, Receive, Send], Awaitable[None]]
ErrorRenderer = Callable[[Request, WebError], Response]

CSRF_COOKIE = "principal_csrf"
CSRF_FIELD = "csrf_token"
CSRF_HEADER = "x-csrf-token"
ACCESS_COOKIE = "principal_access"
UNSAFE_METHODS = frozenset({"POST", "PUT", "PATCH", "DELETE"})
OPEN_PATHS = ("/static/", "/login")
MAX_FORM_PART = 6 * 1024 * 1024

# Plotly adds its style rules through an empty <style> element filled by CSSOM; the hash below is that of the empty
# string, so it admits only empty inline style elements, never inline CSS text.
EMPTY_STYLE_HASH = "'sha256-47DEQpj8HBSa+/TImW+5JCeuQeRkm5NMpJWZG3hSuFU='"
CONTENT_SECURITY_POLICY = (
    f"default-src 'none'; script-src 'self'; style-src 'self' {EMPTY_STYLE_HASH}; img-src 'self' data:; "
    "font-src 'self'; connect-src 'self'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'"
)
HEADERS = {
    "content-security-policy": CONTENT_SECURITY_POLICY,
    "x-content-type-options": "nosniff",
    "x-frame-options": "DENY",
    "referrer-policy": "same-origin",
    "cross-origin-opener-policy": "same-origin",
    "cross-origin-resource-policy": "same-origin",
    "permissions-policy": "camera=(), microphone=(), geolocation=(), payment=()",
}


def access_digest(token: str) -> str:
    """The access cookie's value: derived from the token, so the token itself is never stored in the browser."""
    return hmac.new(token.encode("utf-8"), b"principal-access-cookie", hashlib.sha256).hexdigest()


def token_matches(given: str | None, token: str) -> bool:
    return given is not None and hmac.compare_digest(given.encode("utf-8"), token.encode("utf-8"))


def cookie_header(name: str, value: str, *, secure: bool) -> str:
    flags = "; Path=/; HttpOnly; SameSite=Strict" + ("; Secure" if secure else "")
    return f"{name}={value}{flags}"


def client_address(request: Request) -> str:
    """The address wrong tokens are counted against (the peer's, as the server sees it)."""
    return request.client.host if request.client is not None else "unknown"


def token_accepted(throttle: LoginThrottle, request: Request, given: str | None, token: str) -> bool:
    """Whether `given` is the access token, counting a wrong one against the client's address; raises
    TooManyAttempts, before comparing, while that address is locked out."""
    client = client_address(request)
    throttle.check(client)
    if token_matches(given, token):
        throttle.succeeded(client)
        return True
    throttle.failed(client)
    return False


def safe_next(target: str | None) -> str:
    """A redirect target inside this app only."""
    if not target or not target.startswith("/") or target.startswith("//") or "\\" in target:
        return "/"
    return target


class SecurityMiddleware:
    """Pure ASGI middleware applying the checks above and adding security headers to every response."""

    def __init__(
        self,
        app: ASGIApp,
        settings: WebSettings,
        render_error: ErrorRenderer,
        throttle: LoginThrottle,
        uploads: UploadBuffer,
    ) -> None:
        self.app = app
        self.settings = settings
        self.render_error = render_error
        self.throttle = throttle
        self.uploads = uploads
        allowed = set(LOOPBACK_NAMES)
        if settings.host not in ("0.0.0.0", "::", ""):
            allowed.add(settings.host.strip("[]"))
        self.allowed_hosts = frozenset(allowed)

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        request = Request(scope)
        extra_headers: list[tuple[str, str]] = []
        send = self._with_headers(send, extra_headers, scope["path"])
        csrf = request.cookies.get(CSRF_COOKIE, "")
        if len(csrf) < 32 or not csrf.isascii():
            csrf = secrets.token_urlsafe(32)
            extra_headers.append(("set-cookie", cookie_header(CSRF_COOKIE, csrf, secure=request.url.scheme == "https")))
        scope.setdefault("state", {})["csrf_token"] = csrf
        reservation = self.uploads.reservation()
        try:
            try:
                self._check_host(request)
                redirect = self._check_access(request)
                if redirect is not None:
                    await redirect(scope, receive, send)
                    return
                receive = await self._buffered_body(request, receive, reservation)
            except WebError as exc:
                await self.render_error(request, exc)(scope, receive, send)
                return
            await self.app(scope, receive, send)
        finally:
            reservation.release()

    def _check_host(self, request: Request) -> None:
        if self.settings.token is not None:
            return
        host = request.headers.get("host", "")
        name = urlsplit(f"//{host}").hostname or ""
        if name not in self.allowed_hosts:
            raise UntrustedHost(
                f"this server answers only to {', '.join(sorted(self.allowed_hosts))}; open it as http://127.0.0.1"
            )

    def _check_access(self, request: Request) -> Response | None:
        token = self.settings.token
        if token is None or request.url.path.startswith(OPEN_PATHS):
            return None
        authorization = request.headers.get("authorization", "")
        if authorization.lower().startswith("bearer "):
            if token_accepted(self.throttle, request, authorization[7:].strip(), token):
                request.scope.setdefault("state", {})["bearer"] = True
                return None
            raise Unauthorized("wrong access token")
        if token_matches(request.cookies.get(ACCESS_COOKIE), access_digest(token)):
            return None
        query_token = request.query_params.get("token")
        if query_token is not None and request.method == "GET":
            if not token_accepted(self.throttle, request, query_token, token):
                raise Unauthorized("wrong access token")
            rest = [(k, v) for k, v in request.query_params.multi_items() if k != "token"]
            target = request.url.path + (f"?{urlencode(rest)}" if rest else "")
            response = RedirectResponse(safe_next(target), status_code=303)
            secure = request.url.scheme == "https"
            response.headers.append("set-cookie", cookie_header(ACCESS_COOKIE, access_digest(token), secure=secure))
            return response
        raise Unauthorized("this server needs its access token; enter it to continue")

    async def _buffered_body(self, request: Request, receive: Receive, reservation: Reservation) -> Receive:
        """Read the whole body (at most max_request_bytes, within body_timeout_seconds, within the cap on bodies
        held at once) before the app runs, then replay it."""
        if request.method not in UNSAFE_METHODS:
            return receive
        limit = self.settings.max_request_bytes
        declared = request.headers.get("content-length")
        if declared is not None and declared.isdigit():
            if int(declared) > limit:
                raise PayloadTooLarge(f"the request is {int(declared):,} bytes; at most {limit:,} are accepted")
            reservation.cover(int(declared))
        timeout = self.settings.body_timeout_seconds
        deadline = asyncio.get_running_loop().time() + timeout
        chunks: list[bytes] = []
        size = 0
        while True:
            try:
                async with asyncio.timeout_at(deadline):
                    message = await receive()
            except TimeoutError:
                raise RequestTimeout(
                    f"the request body did not arrive within {timeout:g} s; send it again on a faster connection"
                ) from None
            if message["type"] == "http.disconnect":
                break
            body = message.get("body", b"")
            size += len(body)
            if size > limit:
                raise PayloadTooLarge(f"the request is over {limit:,} bytes; at most {limit:,} are accepted")
            reservation.cover(size)
            chunks.append(body)
            if not message.get("more_body", False):
                break
        replay: list[Message] = [{"type": "http.request", "body": b"".join(chunks), "more_body": False}]

        async def replayed() -> Message:
            if replay:
                return replay.pop()
            return await receive()

        return replayed

    @staticmethod
    def _with_headers(send: Send, extra: list[tuple[str, str]], path: str) -> Send:
        async def sending(message: Message) -> None:
            if message["type"] == "http.response.start":
                headers = MutableHeaders(scope=message)
                for name, value in HEADERS.items():
                    headers.setdefault(name, value)
                if not path.startswith("/static/"):
                    headers.setdefault("cache-control", "no-store")
                for name, value in extra:
                    headers.append(name, value)
            await send(message)

        return sending


def expected_origin(request: Request) -> str:
    return f"{request.url.scheme}://{request.headers.get('host', '')}"


def origin_of(url: str) -> str:
    parts = URL(url)
    return f"{parts.scheme}://{parts.netloc}"


async def check_csrf(request: Request) -> None:
    """Dependency on every route: a state-changing request must come from this origin with the session's token."""
    if request.method not in UNSAFE_METHODS:
        return
    fetch_site = request.headers.get("sec-fetch-site")
    if fetch_site in ("cross-site", "same-site"):
        raise CsrfRejected("the form was sent from another site; open Principal and submit it there")
    origin = request.headers.get("origin")
    referer = request.headers.get("referer")
    if origin is not None:
        if origin != expected_origin(request):
            raise CsrfRejected("the form was sent from another site; open Principal and submit it there")
    elif referer is not None and origin_of(referer) != expected_origin(request):
        raise CsrfRejected("the form was sent from another page outside Principal; submit it from Principal")
    if request.scope.get("state", {}).get("bearer"):
        return
    submitted = request.headers.get(CSRF_HEADER)
    content_type = request.headers.get("content-type", "")
    if submitted is None and content_type.startswith(("multipart/form-data", "application/x-www-form-urlencoded")):
        form = await request.form(max_part_size=MAX_FORM_PART)
        value = form.get(CSRF_FIELD)
        submitted = value if isinstance(value, str) else None
    cookie = request.cookies.get(CSRF_COOKIE)
    if not submitted or not cookie or not hmac.compare_digest(submitted.encode(), cookie.encode()):
        raise CsrfRejected("the form's security token is missing or expired; reload the page and submit it again")
