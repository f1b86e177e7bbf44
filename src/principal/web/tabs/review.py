"""The Review tab: drop in a vendor document (PDF, DOCX, HTML, Markdown, text); see the terms found, the risks with
their redlines, the protections missing, and the document text with each cited clause highlighted.

Only the text extracted from a document is stored (with its page and paragraph layout, for citations), never the
file. A stored review is shown by running the review engine again over that text; results are kept in memory for
the documents viewed most recently.
"""

from __future__ import annotations

import threading
from collections import OrderedDict
from dataclasses import dataclass

from fastapi import APIRouter, Depends
from starlette.datastructures import UploadFile
from starlette.requests import Request
from starlette.responses import HTMLResponse, RedirectResponse, Response

from principal.errors import InputError
from principal.review.highlights import TextPiece, text_pieces
from principal.review.ingest import read_document
from principal.review.layout import BadLayout, layout_json, restore_document
from principal.review.result import ReviewResult
from principal.review.review import review_document
from principal.store import reviews
from principal.store.reviews import StoredDocument
from principal.web.errors import Unprocessable
from principal.web.forms import read_form, remember_author, remembered_author, text_field
from principal.web.tab_registry import WorkspaceTab
from principal.web.uploads import DOCUMENTS, read_upload
from principal.web.workers import bounded, off_loop
from principal.web.workspace import Workspace, get_store, open_workspace, render_tab

router = APIRouter()

MEDIA_TYPES = {
    ".pdf": "application/pdf",
    ".docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    ".html": "text/html",
    ".htm": "text/html",
    ".md": "text/markdown",
    ".txt": "text/plain",
}
KEEP_IN_MEMORY = 16


@dataclass(frozen=True)
class ShownReview:
    result: ReviewResult
    pieces: tuple[TextPiece, ...]


class RecentReviews:
    """Review results of the documents viewed most recently, keyed by document id and content hash."""

    def __init__(self, size: int) -> None:
        self.size = size
        self.items: OrderedDict[tuple[int, str], ShownReview] = OrderedDict()
        self.lock = threading.Lock()

    def get(self, request: Request, document: StoredDocument) -> ShownReview:
        key = (document.info.id, document.info.sha256)
        with self.lock:
            if key in self.items:
                self.items.move_to_end(key)
                return self.items[key]
        info = document.info
        what = f"reviewing {info.filename}"
        shown = bounded(request, what, shown_review, info.filename, document.extracted_text, document.layout_json)
        with self.lock:
            self.items[key] = shown
            while len(self.items) > self.size:
                self.items.popitem(last=False)
        return shown


RECENT = RecentReviews(KEEP_IN_MEMORY)


def shown_review(filename: str, text: str, layout: str) -> ShownReview:
    """The review of a stored document's text, with its passages to highlight (computed in a worker)."""
    try:
        restored = restore_document(filename, text, layout)
    except BadLayout as exc:
        raise Unprocessable(f"{filename}: the stored review cannot be shown ({exc})") from None
    result = review_document(restored)
    return ShownReview(result, text_pieces(restored, result.findings))


@dataclass(frozen=True)
class ReadDocument:
    text: str
    layout_json: str


def read_uploaded(content: bytes, filename: str) -> ReadDocument:
    """An uploaded document's text and layout, or Unprocessable saying why it cannot be read (run in a worker)."""
    try:
        document = read_document(content, filename)
    except InputError as exc:
        reason = "; ".join(p.message for p in exc.problems)
        raise Unprocessable(f"{filename} {reason}; nothing was saved", field="file") from None
    return ReadDocument(document.text, layout_json(document))


def _list_context(request: Request, ws: Workspace) -> dict[str, object]:
    return {
        "stored": reviews.list_reviews(get_store(request), ws.deal_id),
        "author": remembered_author(request),
        "accepted": ", ".join(DOCUMENTS.extensions),
        "max_mb": DOCUMENTS.max_bytes // (1024 * 1024),
    }


@router.get("", response_class=HTMLResponse)
def review_list(request: Request, ws: Workspace = Depends(open_workspace)) -> HTMLResponse:
    return render_tab(request, ws, "review", "tabs/review_list.html", _list_context(request, ws))


@router.post("", response_model=None)
async def review_upload(request: Request, ws: Workspace = Depends(open_workspace)) -> Response:
    form = await read_form(request)
    author = text_field(form, "author").strip()
    upload = form.get("file")
    if not isinstance(upload, UploadFile) or not upload.filename:
        raise Unprocessable("choose a document to review (PDF, DOCX, HTML, Markdown or text)", field="file")
    if not author:
        raise Unprocessable("give your name, so the review says who added it", field="author")
    accepted = await read_upload(upload, DOCUMENTS)
    what = f"reading {accepted.filename}"
    document = await off_loop(
        bounded, request, what, read_uploaded, accepted.content, accepted.filename, reads_input=True
    )
    stored = await off_loop(
        reviews.record_review,
        get_store(request),
        ws.deal_id,
        title=text_field(form, "title").strip() or accepted.filename,
        author=author,
        filename=accepted.filename,
        media_type=MEDIA_TYPES[accepted.extension],
        content=accepted.content,
        extracted_text=document.text,
        layout_json=document.layout_json,
    )
    response = RedirectResponse(f"/deals/{ws.deal_id}/review/{stored.id}", status_code=303)
    remember_author(request, response, author)
    return response


@router.get("/{review_id}", response_class=HTMLResponse)
def review_page(request: Request, review_id: int, ws: Workspace = Depends(open_workspace)) -> HTMLResponse:
    store = get_store(request)
    info = reviews.get_review(store, ws.deal_id, review_id)
    if not info.documents:
        raise Unprocessable(f"review {review_id} holds no document")
    document = reviews.get_document(store, info.documents[0].id)
    shown = RECENT.get(request, document)
    context = {"info": info, "document": document.info, "result": shown.result, "pieces": shown.pieces}
    return render_tab(request, ws, "review", "tabs/review.html", context)


TAB = WorkspaceTab(slug="review", title="Review", order=40, router=router, engine="principal.review")
