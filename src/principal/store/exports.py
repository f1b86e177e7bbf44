"""Reports exported from a version, kept with their bytes so a buyer can fetch what was sent."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from sqlalchemy import select

from principal.store.database import Store
from principal.store.errors import NotFound
from principal.store.records import MAX_AUTHOR, clean_line
from principal.store.tables import ExportRow, VersionRow


@dataclass(frozen=True)
class ExportInfo:
    id: int
    version_id: int
    format: str
    filename: str
    media_type: str
    size_bytes: int
    author: str
    created_at: dt.datetime


def _info(row: ExportRow) -> ExportInfo:
    return ExportInfo(
        row.id, row.version_id, row.format, row.filename, row.media_type, len(row.content), row.author, row.created_at
    )


def record_export(
    store: Store, version_id: int, *, format: str, filename: str, media_type: str, content: bytes, author: str
) -> ExportInfo:
    author = clean_line("author", author, MAX_AUTHOR)
    filename = clean_line("filename", filename, 255)
    with store.write() as session:
        if session.get(VersionRow, version_id) is None:
            raise NotFound(f"no version with id {version_id}")
        row = ExportRow(
            version_id=version_id,
            format=format,
            filename=filename,
            media_type=media_type,
            content=content,
            author=author,
        )
        session.add(row)
        session.flush()
        return _info(row)


def list_exports(store: Store, deal_id: int) -> list[ExportInfo]:
    with store.read() as session:
        rows = session.execute(
            select(ExportRow)
            .join(VersionRow, VersionRow.id == ExportRow.version_id)
            .where(VersionRow.deal_id == deal_id)
            .order_by(ExportRow.id.desc())
        ).scalars()
        return [_info(row) for row in rows]


def get_export(store: Store, export_id: int) -> tuple[ExportInfo, bytes]:
    with store.read() as session:
        row = session.get(ExportRow, export_id)
        if row is None:
            raise NotFound(f"no export {export_id}")
        return _info(row), row.content
