"""The audit log: who did what to which deal, and when. Saves are in the versions too; this adds what versions
do not record (archiving, deleting, comments, accounts, merges), and it outlives a deleted deal."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from sqlalchemy import select

from principal.store.database import Store
from principal.store.tables import AuditRow

MAX_DETAIL = 2000


@dataclass(frozen=True)
class AuditEvent:
    id: int
    deal_id: int | None
    actor: str
    action: str
    detail: str
    version_number: int | None
    created_at: dt.datetime


def log_event(
    store: Store, deal_id: int | None, actor: str, action: str, detail: str, version_number: int | None = None
) -> None:
    with store.write() as session:
        session.add(
            AuditRow(
                deal_id=deal_id,
                actor=" ".join(actor.split())[:100] or "someone",
                action=action[:50],
                detail=" ".join(detail.split())[:MAX_DETAIL],
                version_number=version_number,
            )
        )


def events(store: Store, deal_id: int | None = None, *, limit: int = 500) -> list[AuditEvent]:
    """The newest events first, of one deal or of every deal."""
    with store.read() as session:
        query = select(AuditRow).order_by(AuditRow.id.desc()).limit(limit)
        if deal_id is not None:
            query = query.where(AuditRow.deal_id == deal_id)
        return [
            AuditEvent(r.id, r.deal_id, r.actor, r.action, r.detail, r.version_number, r.created_at)
            for r in session.execute(query).scalars()
        ]
