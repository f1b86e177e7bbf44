"""Plain, immutable views of stored rows: what the store hands out, so no caller holds a live database session."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from principal.store.errors import InvalidValue

MAX_AUTHOR = 100
MAX_MESSAGE = 2000
MAX_TITLE = 300


@dataclass(frozen=True)
class DealSummary:
    id: int
    name: str
    vendor: str | None
    latest_number: int
    created_at: dt.datetime
    updated_at: dt.datetime
    archived_at: dt.datetime | None = None

    @property
    def shown_name(self) -> str:
        """The deal's name, or a stand-in a person can click when it has none."""
        return self.name.strip() or f"Deal {self.id} (no name)"


@dataclass(frozen=True)
class VersionInfo:
    id: int
    deal_id: int
    number: int
    author: str
    message: str
    created_at: dt.datetime
    sha256: str


@dataclass(frozen=True)
class StoredVersion:
    info: VersionInfo
    yaml_text: str


def clean_line(field: str, value: str, limit: int, *, required: bool = True) -> str:
    """Trimmed single-line text within a length limit, or InvalidValue naming the field."""
    text = " ".join(value.split())
    if required and not text:
        raise InvalidValue(field, "required")
    if len(text) > limit:
        raise InvalidValue(field, f"at most {limit} characters (got {len(text)})")
    return text


def clean_message(value: str) -> str:
    text = value.strip().replace("\r\n", "\n")
    if len(text) > MAX_MESSAGE:
        raise InvalidValue("message", f"at most {MAX_MESSAGE} characters (got {len(text)})")
    if any(ord(ch) < 32 and ch not in "\n\t" for ch in text):
        raise InvalidValue("message", "contains control characters")
    return text


@dataclass(frozen=True)
class ArchivedOffer:
    id: int
    deal_id: int
    name: str
    body_yaml: str
    from_version: int
    archived_by: str
    archived_at: dt.datetime
