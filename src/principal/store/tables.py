"""The database tables: deals, their versions (the whole deal text each time), reviews, analyses and exports.

A version is the unit of history: every save of a deal, whether an offer form or a pasted file, stores the complete
deal YAML with who saved it, when and why. Offers live inside that text, so "offer versions" are deal versions.
"""

from __future__ import annotations

import datetime as dt

from sqlalchemy import (
    Boolean,
    DateTime,
    ForeignKey,
    Integer,
    LargeBinary,
    MetaData,
    String,
    Text,
    UniqueConstraint,
)
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column, relationship

NAMING = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}


def utc_now() -> dt.datetime:
    return dt.datetime.now(dt.UTC)


class Base(DeclarativeBase):
    metadata = MetaData(naming_convention=NAMING)


class DealRow(Base):
    """A deal under negotiation; its name and vendor repeat those of its latest version for listing."""

    __tablename__ = "deals"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    name: Mapped[str] = mapped_column(String(300))
    vendor: Mapped[str | None] = mapped_column(String(300))
    latest_number: Mapped[int] = mapped_column(Integer, default=0)
    created_at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True), default=utc_now)
    updated_at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True), default=utc_now)
    archived_at: Mapped[dt.datetime | None] = mapped_column(DateTime(timezone=True))
    """When the deal was archived (kept, left out of the list of deals); None while it is active."""

    versions: Mapped[list[VersionRow]] = relationship(back_populates="deal", order_by="VersionRow.number")


class VersionRow(Base):
    """One saved state of a deal: the full YAML text plus author, time and message."""

    __tablename__ = "deal_versions"
    __table_args__ = (UniqueConstraint("deal_id", "number", name="uq_deal_versions_deal_number"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    deal_id: Mapped[int] = mapped_column(ForeignKey("deals.id", ondelete="CASCADE"), index=True)
    number: Mapped[int] = mapped_column(Integer)
    yaml_text: Mapped[str] = mapped_column(Text)
    sha256: Mapped[str] = mapped_column(String(64))
    author: Mapped[str] = mapped_column(String(100))
    message: Mapped[str] = mapped_column(String(2000))
    created_at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True), default=utc_now)

    deal: Mapped[DealRow] = relationship(back_populates="versions")


class ReviewRow(Base):
    """A review of vendor documents for a deal (optionally for one offer)."""

    __tablename__ = "reviews"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    deal_id: Mapped[int] = mapped_column(ForeignKey("deals.id", ondelete="CASCADE"), index=True)
    offer: Mapped[str | None] = mapped_column(String(64))
    title: Mapped[str] = mapped_column(String(300))
    author: Mapped[str] = mapped_column(String(100))
    created_at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True), default=utc_now)

    documents: Mapped[list[DocumentRow]] = relationship(back_populates="review", order_by="DocumentRow.id")


class DocumentRow(Base):
    """A document dropped into a review, kept as the text extracted from it (the file itself is not stored)."""

    __tablename__ = "review_documents"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    review_id: Mapped[int] = mapped_column(ForeignKey("reviews.id", ondelete="CASCADE"), index=True)
    filename: Mapped[str] = mapped_column(String(255))
    media_type: Mapped[str] = mapped_column(String(100))
    size_bytes: Mapped[int] = mapped_column(Integer)
    sha256: Mapped[str] = mapped_column(String(64))
    extracted_text: Mapped[str] = mapped_column(Text)
    layout_json: Mapped[str | None] = mapped_column(Text)
    """How the extracted text was laid out (format, page and paragraph offsets), as JSON; None if not recorded."""
    created_at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True), default=utc_now)

    review: Mapped[ReviewRow] = relationship(back_populates="documents")


class AnalysisRow(Base):
    """An engine's result for one version, cached as JSON; `params_key` tells runs with other settings apart."""

    __tablename__ = "analyses"
    __table_args__ = (UniqueConstraint("version_id", "engine", "engine_version", "params_key", name="uq_analyses_key"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    version_id: Mapped[int] = mapped_column(ForeignKey("deal_versions.id", ondelete="CASCADE"), index=True)
    engine: Mapped[str] = mapped_column(String(50))
    engine_version: Mapped[str] = mapped_column(String(50))
    params_key: Mapped[str] = mapped_column(String(64))
    result_json: Mapped[str] = mapped_column(Text)
    created_at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True), default=utc_now)


class ExportRow(Base):
    """A report produced from a version (brief as HTML, PDF, Markdown or a workbook), kept with its bytes."""

    __tablename__ = "exports"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    version_id: Mapped[int] = mapped_column(ForeignKey("deal_versions.id", ondelete="CASCADE"), index=True)
    format: Mapped[str] = mapped_column(String(20))
    filename: Mapped[str] = mapped_column(String(255))
    media_type: Mapped[str] = mapped_column(String(100))
    content: Mapped[bytes] = mapped_column(LargeBinary)
    author: Mapped[str] = mapped_column(String(100))
    created_at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True), default=utc_now)


class ArchivedOfferRow(Base):
    """An offer taken out of a deal with its text, so it can be put back as it was."""

    __tablename__ = "archived_offers"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    deal_id: Mapped[int] = mapped_column(ForeignKey("deals.id", ondelete="CASCADE"), index=True)
    name: Mapped[str] = mapped_column(String(64))
    body_yaml: Mapped[str] = mapped_column(Text)
    from_version: Mapped[int] = mapped_column(Integer)
    archived_by: Mapped[str] = mapped_column(String(100))
    archived_at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True), default=utc_now)


class UserRow(Base):
    """A named account: viewer (reads), editor (changes deals), owner (also manages accounts)."""

    __tablename__ = "users"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    username: Mapped[str] = mapped_column(String(64), unique=True)
    display_name: Mapped[str] = mapped_column(String(100))
    role: Mapped[str] = mapped_column(String(10))
    password_hash: Mapped[str] = mapped_column(String(200))
    disabled: Mapped[bool] = mapped_column(Boolean, default=False)
    created_at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True), default=utc_now)


class UserSessionRow(Base):
    """A signed-in browser: the SHA-256 of its session cookie (the cookie itself is never stored)."""

    __tablename__ = "user_sessions"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), index=True)
    token_sha256: Mapped[str] = mapped_column(String(64), unique=True)
    created_at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True), default=utc_now)
    expires_at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True))


class CommentRow(Base):
    """One message of a deal's comment thread."""

    __tablename__ = "deal_comments"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    deal_id: Mapped[int] = mapped_column(ForeignKey("deals.id", ondelete="CASCADE"), index=True)
    author: Mapped[str] = mapped_column(String(100))
    body: Mapped[str] = mapped_column(Text)
    version_number: Mapped[int | None] = mapped_column(Integer)
    created_at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True), default=utc_now)


class AuditRow(Base):
    """Who did what and when: saves, archiving, deleting, comments, accounts. Kept when its deal is deleted."""

    __tablename__ = "audit_events"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    deal_id: Mapped[int | None] = mapped_column(Integer, index=True)
    actor: Mapped[str] = mapped_column(String(100))
    action: Mapped[str] = mapped_column(String(50))
    detail: Mapped[str] = mapped_column(String(2000))
    version_number: Mapped[int | None] = mapped_column(Integer)
    created_at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True), default=utc_now)
