"""The Review tab: drop in one deal's vendor documents (PDF, DOCX, HTML, Markdown, text: an order form, MSA, SLA
and DPA together); see the terms found, the risks with their redlines, the protections missing, the questions
to ask, each document's text with every cited clause highlighted, and download the accepted redlines as a Word
document with tracked changes.

Only the text extracted from a document is stored (with its page and paragraph layout, for citations), never the
file. A stored review is shown by running the review engine again over that text; results are kept in memory for
the documents viewed most recently.
"""

from __future__ import annotations

import threading
from collections import OrderedDict
from dataclasses import dataclass, replace

from fastapi import APIRouter, Depends, Query
from starlette.datastructures import UploadFile
from starlette.requests import Request
from starlette.responses import HTMLResponse, RedirectResponse, Response

from principal.errors import InputError
from principal.review.document import Document
from principal.review.highlights import TextPiece, text_pieces
from principal.review.ingest import read_document
from principal.review.layout import BadLayout, layout_json, restore_document
from principal.review.package import contract_problem, labels_for
from principal.review.redline_docx import redline_docx
from principal.review.result import ReviewResult
from principal.review.review import review_documents
from principal.review.rules.base import Finding
from principal.store import reviews
from principal.store.reviews import StoredDocument
from principal.web.errors import Unprocessable
from principal.web.forms import read_form, remember_author, remembered_author, text_field
from principal.web.tab_registry import WorkspaceTab
from principal.web.uploads import DOCUMENTS, AcceptedUpload, read_upload
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
MAX_DOCUMENTS = 8


@dataclass(frozen=True)
class ShownDocument:
    filename: str
    label: str | None
    pieces: tuple[TextPiece, ...]


@dataclass(frozen=True)
class ShownReview:
    result: ReviewResult
    documents: tuple[ShownDocument, ...]
    restored: tuple[Document, ...]


class RecentReviews:
    """Review results of the documents viewed most recently, keyed by document id and content hash."""

    def __init__(self, size: int) -> None:
        self.size = size
        self.items: OrderedDict[tuple[tuple[int, str], ...], ShownReview] = OrderedDict()
        self.lock = threading.Lock()

    def get(self, documents: list[StoredDocument]) -> ShownReview:
        key = tuple((d.info.id, d.info.sha256) for d in documents)
        with self.lock:
            if key in self.items:
                self.items.move_to_end(key)
                return self.items[key]
        restored = []
        for document in documents:
            try:
                restored.append(restore_document(document.info.filename, document.extracted_text, document.layout_json))
            except BadLayout as exc:
                raise Unprocessable(
                    f"{document.info.filename}: the stored review cannot be shown ({exc.reason})"
                ) from None
        result = review_documents(restored, check_contract=False)
        labels = labels_for(restored)
        shown_documents = []
        for read, label in zip(restored, labels, strict=True):
            own = [f if f.location is not None and f.location.document == label else _elsewhere(f)
                   for f in result.findings]  # fmt: skip
            shown_documents.append(ShownDocument(read.name, label, text_pieces(read, own)))
        shown = ShownReview(result, tuple(shown_documents), tuple(restored))
        with self.lock:
            self.items[key] = shown
            while len(self.items) > self.size:
                self.items.popitem(last=False)
        return shown


def _elsewhere(finding: Finding) -> Finding:
    """The finding without a location, so it highlights nothing in a document it does not cite."""
    return replace(finding, location=None)


RECENT = RecentReviews(KEEP_IN_MEMORY)


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
    uploads = [u for u in form.getlist("file") if isinstance(u, UploadFile) and u.filename]
    if not uploads:
        raise Unprocessable("choose a document to review (PDF, DOCX, HTML, Markdown or text)", field="file")
    if not author:
        raise Unprocessable("give your name, so the review says who added it", field="author")
    if len(uploads) > MAX_DOCUMENTS:
        raise Unprocessable(f"at most {MAX_DOCUMENTS} documents make one review; nothing was saved", field="file")
    read: list[tuple[AcceptedUpload, Document]] = []
    for upload in uploads:
        accepted = await read_upload(upload, DOCUMENTS)
        try:
            document = read_document(accepted.content, accepted.filename)
        except InputError as exc:
            reason = "; ".join(p.message for p in exc.problems)
            raise Unprocessable(f"{accepted.filename} {reason}; nothing was saved", field="file") from None
        problem = contract_problem(document)
        if problem is not None:
            raise Unprocessable(f"{accepted.filename} {problem}; nothing was saved", field="file")
        read.append((accepted, document))
    (first, document), rest = read[0], read[1:]
    names = ", ".join(a.filename for a, _ in read)
    stored = reviews.record_review(
        get_store(request),
        ws.deal_id,
        title=text_field(form, "title").strip() or names[:300],
        author=author,
        filename=first.filename,
        media_type=MEDIA_TYPES[first.extension],
        content=first.content,
        extracted_text=document.text,
        layout_json=layout_json(document),
        more=[(a.filename, MEDIA_TYPES[a.extension], a.content, d.text, layout_json(d)) for a, d in rest],
    )
    response = RedirectResponse(f"/deals/{ws.deal_id}/review/{stored.id}", status_code=303)
    remember_author(request, response, author)
    return response


@router.get("/{review_id}", response_class=HTMLResponse)
def review_page(request: Request, review_id: int, ws: Workspace = Depends(open_workspace)) -> HTMLResponse:
    store = get_store(request)
    info = reviews.get_review(store, ws.deal_id, review_id)
    shown = _shown(request, ws, review_id)
    info = reviews.get_review(store, ws.deal_id, review_id)
    context = {"info": info, "result": shown.result, "shown": shown.documents}
    return render_tab(request, ws, "review", "tabs/review.html", context)


def _shown(request: Request, ws: Workspace, review_id: int) -> ShownReview:
    store = get_store(request)
    info = reviews.get_review(store, ws.deal_id, review_id)
    if not info.documents:
        raise Unprocessable(f"review {review_id} holds no document")
    return RECENT.get([reviews.get_document(store, d.id) for d in info.documents])


@router.get("/{review_id}/redlines.docx", response_model=None)
def review_redlines(
    request: Request, review_id: int, accept: list[int] = Query(default=[]), ws: Workspace = Depends(open_workspace)
) -> Response:
    """The accepted redlines (the findings ticked on the review page) as tracked changes in a DOCX made from the
    documents' text, each with a comment giving its reason."""
    shown = _shown(request, ws, review_id)
    findings = shown.result.findings
    chosen = [findings[i] for i in dict.fromkeys(accept) if 0 <= i < len(findings)]
    if not chosen:
        raise Unprocessable("tick at least one redline to accept", field="accept")
    labelled = [replace(d, label=label) for d, label in zip(shown.restored, labels_for(shown.restored), strict=True)]
    data = redline_docx(labelled, chosen)
    return Response(
        data,
        media_type=MEDIA_TYPES[".docx"],
        headers={"Content-Disposition": f'attachment; filename="review-{review_id}-redlines.docx"'},
    )


TAB = WorkspaceTab(slug="review", title="Review", order=40, router=router, engine="principal.review")
