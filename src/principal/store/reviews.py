"""Reviews of vendor documents: each keeps the text extracted from its documents, not the uploaded files."""

from __future__ import annotations

import datetime as dt
import hashlib
from collections.abc import Sequence
from dataclasses import dataclass

from sqlalchemy import select

from principal.store.database import Store
from principal.store.errors import NotFound
from principal.store.records import MAX_AUTHOR, MAX_TITLE, clean_line
from principal.store.tables import DealRow, DocumentRow, ReviewRow


@dataclass(frozen=True)
class DocumentInfo:
    id: int
    review_id: int
    filename: str
    media_type: str
    size_bytes: int
    sha256: str
    created_at: dt.datetime


@dataclass(frozen=True)
class StoredDocument:
    info: DocumentInfo
    extracted_text: str
    layout_json: str | None = None


@dataclass(frozen=True)
class ReviewInfo:
    id: int
    deal_id: int
    offer: str | None
    title: str
    author: str
    created_at: dt.datetime
    documents: tuple[DocumentInfo, ...]


def _doc_info(row: DocumentRow) -> DocumentInfo:
    return DocumentInfo(row.id, row.review_id, row.filename, row.media_type, row.size_bytes, row.sha256, row.created_at)


def _review_info(row: ReviewRow) -> ReviewInfo:
    docs = tuple(_doc_info(d) for d in row.documents)
    return ReviewInfo(row.id, row.deal_id, row.offer, row.title, row.author, row.created_at, docs)


def create_review(store: Store, deal_id: int, *, title: str, author: str, offer: str | None = None) -> ReviewInfo:
    title = clean_line("title", title, MAX_TITLE)
    author = clean_line("author", author, MAX_AUTHOR)
    with store.write() as session:
        if session.get(DealRow, deal_id) is None:
            raise NotFound(f"no deal {deal_id}")
        row = ReviewRow(deal_id=deal_id, offer=offer, title=title, author=author)
        session.add(row)
        session.flush()
        return ReviewInfo(row.id, deal_id, offer, title, author, row.created_at, ())


def _document_row(
    review_id: int, filename: str, media_type: str, content: bytes, extracted_text: str, layout_json: str | None
) -> DocumentRow:
    return DocumentRow(
        review_id=review_id,
        filename=clean_line("filename", filename, 255),
        media_type=media_type,
        size_bytes=len(content),
        sha256=hashlib.sha256(content).hexdigest(),
        extracted_text=extracted_text,
        layout_json=layout_json,
    )


def add_document(
    store: Store,
    review_id: int,
    *,
    filename: str,
    media_type: str,
    content: bytes,
    extracted_text: str,
    layout_json: str | None = None,
) -> DocumentInfo:
    """Record a document's extracted text with the size and SHA-256 of the original bytes."""
    with store.write() as session:
        if session.get(ReviewRow, review_id) is None:
            raise NotFound(f"no review {review_id}")
        row = _document_row(review_id, filename, media_type, content, extracted_text, layout_json)
        session.add(row)
        session.flush()
        return _doc_info(row)


def record_review(
    store: Store,
    deal_id: int,
    *,
    title: str,
    author: str,
    filename: str,
    media_type: str,
    content: bytes,
    extracted_text: str,
    layout_json: str | None = None,
    offer: str | None = None,
    more: Sequence[tuple[str, str, bytes, str, str | None]] = (),
) -> ReviewInfo:
    """A review with its document (and `more` documents of the same deal: filename, media type, content,
    extracted text, layout), written in one transaction (all or nothing is saved)."""
    title = clean_line("title", title, MAX_TITLE)
    author = clean_line("author", author, MAX_AUTHOR)
    with store.write() as session:
        if session.get(DealRow, deal_id) is None:
            raise NotFound(f"no deal {deal_id}")
        review = ReviewRow(deal_id=deal_id, offer=offer, title=title, author=author)
        session.add(review)
        session.flush()
        rows = [_document_row(review.id, filename, media_type, content, extracted_text, layout_json)]
        rows += [_document_row(review.id, *extra) for extra in more]
        session.add_all(rows)
        session.flush()
        return ReviewInfo(review.id, deal_id, offer, title, author, review.created_at, tuple(map(_doc_info, rows)))


def get_review(store: Store, deal_id: int, review_id: int) -> ReviewInfo:
    """Review `review_id` of deal `deal_id` (NotFound if it belongs to another deal)."""
    with store.read() as session:
        row = session.get(ReviewRow, review_id)
        if row is None or row.deal_id != deal_id:
            raise NotFound(f"deal {deal_id} has no review {review_id}")
        return _review_info(row)


def list_reviews(store: Store, deal_id: int) -> list[ReviewInfo]:
    with store.read() as session:
        rows = session.execute(
            select(ReviewRow).where(ReviewRow.deal_id == deal_id).order_by(ReviewRow.id.desc())
        ).scalars()
        return [_review_info(row) for row in rows]


def get_document(store: Store, document_id: int) -> StoredDocument:
    with store.read() as session:
        row = session.get(DocumentRow, document_id)
        if row is None:
            raise NotFound(f"no document {document_id}")
        return StoredDocument(_doc_info(row), row.extracted_text, row.layout_json)


def attach_to_offer(store: Store, deal_id: int, review_id: int, offer: str) -> ReviewInfo:
    """Tie a review (and so its documents) to the offer made from it."""
    with store.write() as session:
        row = session.get(ReviewRow, review_id)
        if row is None or row.deal_id != deal_id:
            raise NotFound(f"deal {deal_id} has no review {review_id}")
        row.offer = offer[:64]
        session.flush()
        return _review_info(row)
