"""The app's static files (stylesheet, scripts, vendored htmx and plotly.js), compressed and cacheable.

Every file is read once, at app creation (`preload`, before the server forks any job), and kept in memory with its
gzip form (level 9) and, where the `brotli` package is installed (weasyprint's font tools bring it), its brotli
form (quality 9): a request never compresses anything. The smallest form the browser accepts is sent, with
`Content-Encoding` and an ETag; a URL made by `static_url` carries the file's content hash (`?h=...`), so the
browser may keep it for a year (`immutable`) and a changed file gets a new URL. plotly.js is its basic bundle
(1.2 MB, with the scatter and bar traces the pages draw, not the full 4.8 MB) and travels as about 0.4 MB.
"""

from __future__ import annotations

import gzip
import hashlib
import mimetypes
import threading
from collections.abc import Callable
from dataclasses import dataclass, field

from starlette.requests import Request
from starlette.responses import Response
from starlette.types import Receive, Scope, Send

from principal.web.templating import STATIC, templates

YEAR = 365 * 24 * 3600
COMPRESSIBLE = (".js", ".css", ".svg", ".txt", ".json", ".html")
MIN_COMPRESS = 1024


def _brotli() -> Callable[[bytes], bytes] | None:
    try:
        import brotli
    except ImportError:  # optional: gzip alone then
        return None

    def compress(data: bytes) -> bytes:
        packed: bytes = brotli.compress(data, quality=9)
        return packed

    return compress


BROTLI = _brotli()


@dataclass(frozen=True)
class StaticFile:
    content: bytes
    media_type: str
    digest: str
    encoded: dict[str, bytes] = field(default_factory=dict)
    """The compressed forms by content coding ("br", "gzip"), smallest first; empty for small or binary files."""


_files: dict[str, StaticFile] = {}
_lock = threading.Lock()


def _encodings(content: bytes) -> dict[str, bytes]:
    forms = {"gzip": gzip.compress(content, compresslevel=9, mtime=0)}
    if BROTLI is not None:
        forms["br"] = BROTLI(content)
    return {coding: body for coding, body in sorted(forms.items(), key=lambda item: len(item[1]))}


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
    encoded = _encodings(content) if path.suffix in COMPRESSIBLE and len(content) >= MIN_COMPRESS else {}
    found = StaticFile(content, media_type, hashlib.sha256(content).hexdigest()[:16], encoded)
    with _lock:
        return _files.setdefault(relative, found)


def preload() -> int:
    """Read and compress every static file now (at app creation), so no request pays for it; the number read."""
    root = STATIC.resolve()
    names = sorted(path.relative_to(root).as_posix() for path in root.rglob("*") if path.is_file())
    return sum(_load(name) is not None for name in names)


def accepted(header: str) -> set[str]:
    """The content codings an Accept-Encoding header allows (`q=0` refuses one)."""
    found: set[str] = set()
    for part in header.lower().split(","):
        coding, _, params = part.strip().partition(";")
        quality = params.strip().removeprefix("q=") if params.strip().startswith("q=") else "1"
        try:
            allowed = float(quality) > 0
        except ValueError:
            allowed = False
        if coding and allowed:
            found.add(coding.strip())
    return found


def static_url(relative: str) -> str:
    """`/static/charts.js?h=<content hash>`: a URL that changes whenever the file does."""
    found = _load(relative)
    return f"/static/{relative}" + (f"?h={found.digest}" if found else "")


class CompressedStatic:
    """ASGI app for /static: the smallest encoding the browser accepts, ETag revalidation, a year's caching for
    hashed URLs."""

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
        if found.encoded:
            codings = accepted(request.headers.get("accept-encoding", ""))
            coding = next((name for name in found.encoded if name in codings), None)
            if coding is not None:
                body = found.encoded[coding]
                headers["content-encoding"] = coding
        response = Response(b"" if request.method == "HEAD" else body, media_type=found.media_type, headers=headers)
        if request.method == "HEAD":
            response.headers["content-length"] = str(len(body))
        await response(scope, receive, send)


templates.env.globals["static"] = static_url
