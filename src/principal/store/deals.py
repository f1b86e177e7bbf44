"""Saving and reading deals: every save validates the text, then stores it as a new version in one transaction."""

from __future__ import annotations

import hashlib
import threading
from collections import OrderedDict
from collections.abc import Callable

from sqlalchemy import delete, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from principal.loader import parse_deal
from principal.model import Deal
from principal.store.database import Store
from principal.store.errors import NotFound, NothingChanged, VersionConflict
from principal.store.records import (
    MAX_AUTHOR,
    ArchivedOffer,
    DealSummary,
    StoredVersion,
    VersionInfo,
    clean_line,
    clean_message,
)
from principal.store.tables import (
    AnalysisRow,
    ArchivedOfferRow,
    CommentRow,
    DealRow,
    DocumentRow,
    ExportRow,
    ReviewRow,
    VersionRow,
    utc_now,
)

DealParser = Callable[[str, str], Deal]
"""Reads a deal text (text, file name for messages) into the model; `parse_deal` unless the caller bounds it (the
web app parses in a worker with a CPU budget)."""

PARSED_CACHE_SIZE = 64
_PARSED: OrderedDict[str, Deal] = OrderedDict()
_PARSED_LOCK = threading.Lock()


def _sha(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def _summary(row: DealRow) -> DealSummary:
    return DealSummary(row.id, row.name, row.vendor, row.latest_number, row.created_at, row.updated_at, row.archived_at)


def _info(row: VersionRow) -> VersionInfo:
    return VersionInfo(row.id, row.deal_id, row.number, row.author, row.message, row.created_at, row.sha256)


def _stored(row: VersionRow) -> StoredVersion:
    return StoredVersion(_info(row), row.yaml_text)


def _normalised(text: str) -> str:
    text = text.replace("\r\n", "\n").lstrip("\ufeff")
    return text if text.endswith("\n") else text + "\n"


def create_deal(
    store: Store,
    text: str,
    *,
    author: str,
    message: str,
    filename: str = "deal.yaml",
    parse: DealParser = parse_deal,
) -> StoredVersion:
    """Validate the deal text (InputError lists every problem) and store it as version 1 of a new deal."""
    text = _normalised(text)
    deal = parse(text, filename)
    author = clean_line("author", author, MAX_AUTHOR)
    message = clean_message(message) or "Created the deal"
    with store.write() as session:
        row = DealRow(name=_cut(deal.name), vendor=_cut(deal.vendor), latest_number=1)
        session.add(row)
        session.flush()
        version = VersionRow(
            deal_id=row.id, number=1, yaml_text=text, sha256=_sha(text), author=author, message=message
        )
        session.add(version)
        session.flush()
        return _stored(version)


def save_version(
    store: Store,
    deal_id: int,
    text: str,
    *,
    author: str,
    message: str,
    base_number: int | None = None,
    filename: str = "deal.yaml",
    parse: DealParser = parse_deal,
) -> StoredVersion:
    """Store `text` as the next version of a deal, all or nothing.

    `base_number` is the version the change was made from; if someone saved since, VersionConflict is raised and
    nothing is written. Text equal to the latest version raises NothingChanged.
    """
    get_deal(store, deal_id)
    text = _normalised(text)
    deal = parse(text, filename)
    author = clean_line("author", author, MAX_AUTHOR)
    message = clean_message(message) or "Saved a new version"
    try:
        with store.write() as session:
            row = _locked_deal(session, deal_id)
            latest = _latest_row(session, row)
            if base_number is not None and base_number != row.latest_number:
                raise VersionConflict(
                    f"version {row.latest_number} was saved by {latest.author} after version {base_number}, "
                    "which this change started from; reload and apply the change again",
                    latest=row.latest_number,
                )
            if latest.sha256 == _sha(text):
                raise NothingChanged(f"nothing changed; the deal stays at version {row.latest_number}")
            number = row.latest_number + 1
            version = VersionRow(
                deal_id=deal_id, number=number, yaml_text=text, sha256=_sha(text), author=author, message=message
            )
            session.add(version)
            session.flush()
            row.latest_number = number
            row.name = _cut(deal.name)
            row.vendor = _cut(deal.vendor)
            row.updated_at = utc_now()
            session.flush()
            return _stored(version)
    except IntegrityError:
        latest_number = get_deal(store, deal_id).latest_number
        raise VersionConflict(
            f"another save made version {latest_number} at the same moment; reload and apply the change again",
            latest=latest_number,
        ) from None


def _cut(value: str | None) -> str:
    return " ".join((value or "").split())[:300]


def _locked_deal(session: Session, deal_id: int) -> DealRow:
    row = session.execute(select(DealRow).where(DealRow.id == deal_id).with_for_update()).scalar_one_or_none()
    if row is None:
        raise NotFound(f"no deal {deal_id}")
    return row


def _latest_row(session: Session, deal: DealRow) -> VersionRow:
    return session.execute(
        select(VersionRow).where(VersionRow.deal_id == deal.id, VersionRow.number == deal.latest_number)
    ).scalar_one()


def list_deals(store: Store, *, archived: bool | None = None) -> list[DealSummary]:
    """Every deal (only the active or only the archived ones when `archived` says), most recently changed first."""
    with store.read() as session:
        query = select(DealRow).order_by(DealRow.updated_at.desc(), DealRow.id.desc())
        if archived is not None:
            query = query.where(DealRow.archived_at.is_not(None) if archived else DealRow.archived_at.is_(None))
        return [_summary(row) for row in session.execute(query).scalars()]


def set_archived(store: Store, deal_id: int, archived: bool) -> DealSummary:
    """Archive a deal (kept with every version, listed apart) or bring it back."""
    with store.write() as session:
        row = _locked_deal(session, deal_id)
        row.archived_at = utc_now() if archived else None
        session.flush()
        return _summary(row)


def delete_deal(store: Store, deal_id: int) -> None:
    """Delete a deal with every version, review, analysis and export of it."""
    with store.write() as session:
        row = _locked_deal(session, deal_id)
        for table in (AnalysisRow, ExportRow):
            version_ids = select(VersionRow.id).where(VersionRow.deal_id == deal_id)
            session.execute(delete(table).where(table.version_id.in_(version_ids)))
        review_ids = select(ReviewRow.id).where(ReviewRow.deal_id == deal_id)
        session.execute(delete(DocumentRow).where(DocumentRow.review_id.in_(review_ids)))
        for child in (ReviewRow, ArchivedOfferRow, CommentRow, VersionRow):
            session.execute(delete(child).where(child.deal_id == deal_id))
        session.delete(row)


def archive_offer(store: Store, deal_id: int, name: str, body_yaml: str, from_version: int, author: str) -> None:
    with store.write() as session:
        session.add(
            ArchivedOfferRow(
                deal_id=deal_id, name=name, body_yaml=body_yaml, from_version=from_version, archived_by=author
            )
        )


def archived_offers(store: Store, deal_id: int) -> list[ArchivedOffer]:
    with store.read() as session:
        rows = session.execute(
            select(ArchivedOfferRow).where(ArchivedOfferRow.deal_id == deal_id).order_by(ArchivedOfferRow.id.desc())
        ).scalars()
        return [
            ArchivedOffer(r.id, r.deal_id, r.name, r.body_yaml, r.from_version, r.archived_by, r.archived_at)
            for r in rows
        ]


def forget_archived_offer(store: Store, deal_id: int, archived_id: int) -> None:
    with store.write() as session:
        session.execute(
            delete(ArchivedOfferRow).where(ArchivedOfferRow.deal_id == deal_id, ArchivedOfferRow.id == archived_id)
        )


def get_deal(store: Store, deal_id: int) -> DealSummary:
    with store.read() as session:
        row = session.get(DealRow, deal_id)
        if row is None:
            raise NotFound(f"no deal {deal_id}")
        return _summary(row)


def list_versions(store: Store, deal_id: int) -> list[VersionInfo]:
    """A deal's versions, newest first."""
    get_deal(store, deal_id)
    with store.read() as session:
        rows = session.execute(
            select(VersionRow).where(VersionRow.deal_id == deal_id).order_by(VersionRow.number.desc())
        ).scalars()
        return [_info(row) for row in rows]


def get_version(store: Store, deal_id: int, number: int | None = None) -> StoredVersion:
    """One version of a deal (the latest when `number` is None)."""
    with store.read() as session:
        deal = session.get(DealRow, deal_id)
        if deal is None:
            raise NotFound(f"no deal {deal_id}")
        wanted = deal.latest_number if number is None else number
        row = session.execute(
            select(VersionRow).where(VersionRow.deal_id == deal_id, VersionRow.number == wanted)
        ).scalar_one_or_none()
        if row is None:
            raise NotFound(f"deal {deal_id} has no version {wanted}; it has versions 1 to {deal.latest_number}")
        return _stored(row)


def load_version(
    store: Store, deal_id: int, number: int | None = None, *, parse: DealParser = parse_deal
) -> tuple[StoredVersion, Deal]:
    """A version and its validated deal model (parsed once per distinct text, then reused: models are immutable)."""
    stored = get_version(store, deal_id, number)
    with _PARSED_LOCK:
        cached = _PARSED.get(stored.info.sha256)
        if cached is not None:
            _PARSED.move_to_end(stored.info.sha256)
            return stored, cached
    deal = parse(stored.yaml_text, f"deal {deal_id} version {stored.info.number}")
    if _sha(stored.yaml_text) == stored.info.sha256:
        with _PARSED_LOCK:
            _PARSED[stored.info.sha256] = deal
            while len(_PARSED) > PARSED_CACHE_SIZE:
                _PARSED.popitem(last=False)
    return stored, deal
