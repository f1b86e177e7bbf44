"""The app's static files (stylesheet, scripts, vendored htmx and plotly.js), compressed and cacheable.

Each file is read once and kept in memory with its gzip form (compressed once, at level 6), served with an ETag;
a URL made by `static_url` carries the file's content hash (`?h=...`), so the browser may keep it for a year
(`immutable`) and a changed file gets a new URL. plotly.js is its basic bundle (1.2 MB, with the scatter and
bar traces the pages draw, not the full 4.8 MB) and travels as about 0.4 MB.
"""

from __future__ import annotations

import gzip
import hashlib
import mimetypes
import threading
from dataclasses import dataclass

from starlette.requests import Request
from starlette.responses import Response
from starlette.types import Receive, Scope, Send

from principal.web.templating import STATIC, templates

YEAR = 365 * 24 * 3600
COMPRESSIBLE = (".js", ".css", ".svg", ".txt", ".json", ".html")
MIN_COMPRESS = 1024


@dataclass(frozen=True)
class StaticFile:
    content: bytes
    gzipped: bytes | None
    media_type: str
    digest: str


_files: dict[str, StaticFile] = {}
_lock = threading.Lock()


def _load(relative: str) -> StaticFile | None:
    with _lock:
        if relative in _files:
            return _files[relative]
    root = STATIC.resolve()
    path = (root / relative).resolve()
    if root not in path.parents or not path.is_file():
        return None
    content = path.read_bytes()
    media_type = mimetypes.guess_type(path.name)[0] or "application/octet-stream"
    if media_type.startswith("text/") or media_type in ("application/javascript", "image/svg+xml"):
        media_type += "; charset=utf-8"
    zipped = None
    if path.suffix in COMPRESSIBLE and len(content) >= MIN_COMPRESS:
        zipped = gzip.compress(content, compresslevel=6, mtime=0)
    found = StaticFile(content, zipped, media_type, hashlib.sha256(content).hexdigest()[:16])
    with _lock:
        _files[relative] = found
    return found


def static_url(relative: str) -> str:
    """`/static/charts.js?h=<content hash>`: a URL that changes whenever the file does."""
    found = _load(relative)
    return f"/static/{relative}" + (f"?h={found.digest}" if found else "")


class CompressedStatic:
    """ASGI app for /static: gzip when the browser accepts it, ETag revalidation, a year's caching for hashed URLs."""

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        request = Request(scope)
        relative = scope["path"].removeprefix(scope.get("root_path", "")).lstrip("/")
        relative = relative.removeprefix("static/")
        found = _load(relative) if request.method in ("GET", "HEAD") else None
        if found is None:
            await Response("not found", status_code=404, media_type="text/plain")(scope, receive, send)
            return
        etag = f'"{found.digest}"'
        hashed = request.query_params.get("h") == found.digest
        headers = {
            "etag": etag,
            "vary": "accept-encoding",
            "cache-control": f"public, max-age={YEAR}, immutable" if hashed else "public, max-age=0, must-revalidate",
        }
        if request.headers.get("if-none-match") == etag:
            await Response(status_code=304, headers=headers)(scope, receive, send)
            return
        body = found.content
        if found.gzipped is not None and "gzip" in request.headers.get("accept-encoding", ""):
            body = found.gzipped
            headers["content-encoding"] = "gzip"
        response = Response(b"" if request.method == "HEAD" else body, media_type=found.media_type, headers=headers)
        if request.method == "HEAD":
            response.headers["content-length"] = str(len(body))
        await response(scope, receive, send)


templates.env.globals["static"] = static_url
