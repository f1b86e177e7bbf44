"""Named accounts for a team: viewer (reads and comments), editor (changes deals), owner (also manages accounts
and deletes deals); sessions of signed-in browsers; a comment thread per deal.

Passwords are hashed with Argon2id (argon2-cffi's defaults); only the hash is stored. A session cookie is a random
token of which only the SHA-256 is stored, so a copy of the database signs no one in.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import re
import secrets
from dataclasses import dataclass

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError, VerifyMismatchError
from sqlalchemy import delete, func, select

from principal.store.database import Store
from principal.store.errors import InvalidValue, NotFound
from principal.store.tables import CommentRow, UserRow, UserSessionRow, utc_now

ROLES = ("viewer", "editor", "owner")
USERNAME = re.compile(r"^[a-z0-9][a-z0-9._-]{1,63}$")
MIN_PASSWORD = 10
MAX_COMMENT = 10_000
SESSION_DAYS = 14
_hasher = PasswordHasher()
_DUMMY_HASH = _hasher.hash("principal-no-such-user")


@dataclass(frozen=True)
class User:
    id: int
    username: str
    display_name: str
    role: str
    disabled: bool

    def may(self, role: str) -> bool:
        """Whether this user has at least `role`."""
        return not self.disabled and ROLES.index(self.role) >= ROLES.index(role)


@dataclass(frozen=True)
class Comment:
    id: int
    deal_id: int
    author: str
    body: str
    version_number: int | None
    created_at: dt.datetime


def _user(row: UserRow) -> User:
    return User(row.id, row.username, row.display_name, row.role, row.disabled)


def _sha(token: str) -> str:
    return hashlib.sha256(token.encode("utf-8")).hexdigest()


def has_accounts(store: Store) -> bool:
    with store.read() as session:
        return bool(session.execute(select(func.count()).select_from(UserRow)).scalar_one())


def list_users(store: Store) -> list[User]:
    with store.read() as session:
        return [_user(r) for r in session.execute(select(UserRow).order_by(UserRow.username)).scalars()]


def add_user(store: Store, username: str, display_name: str, role: str, password: str) -> User:
    username = username.strip().lower()
    if not USERNAME.match(username):
        raise InvalidValue("username", "2 to 64 lower-case letters, digits, '.', '-' or '_'")
    display = " ".join(display_name.split())[:100]
    if not display:
        raise InvalidValue("display_name", "required: the name shown on versions and comments")
    if role not in ROLES:
        raise InvalidValue("role", f"one of {', '.join(ROLES)}")
    if len(password) < MIN_PASSWORD:
        raise InvalidValue("password", f"at least {MIN_PASSWORD} characters")
    with store.write() as session:
        if session.execute(select(UserRow).where(UserRow.username == username)).scalar_one_or_none() is not None:
            raise InvalidValue("username", f"there is already an account {username!r}")
        row = UserRow(username=username, display_name=display, role=role, password_hash=_hasher.hash(password))
        session.add(row)
        session.flush()
        return _user(row)


def set_role(store: Store, user_id: int, role: str, *, disabled: bool | None = None) -> User:
    with store.write() as session:
        row = session.get(UserRow, user_id)
        if row is None:  # an unknown account is a 404 whatever the form says
            raise NotFound(f"no account {user_id}")
        if role not in ROLES:
            raise InvalidValue("role", f"one of {', '.join(ROLES)}")
        owners = session.execute(
            select(func.count()).select_from(UserRow).where(UserRow.role == "owner", UserRow.disabled.is_(False))
        ).scalar_one()
        losing_owner = row.role == "owner" and not row.disabled and (role != "owner" or disabled)
        if losing_owner and owners <= 1:
            raise InvalidValue("role", "the last owner cannot be demoted or disabled; make another owner first")
        row.role = role
        if disabled is not None:
            row.disabled = disabled
            if disabled:
                session.execute(delete(UserSessionRow).where(UserSessionRow.user_id == user_id))
        session.flush()
        return _user(row)


def sign_in(store: Store, username: str, password: str) -> tuple[User, str] | None:
    """The user and a new session token when the password is right (the same work is done when it is not)."""
    with store.read() as session:
        row = session.execute(select(UserRow).where(UserRow.username == username.strip().lower())).scalar_one_or_none()
        stored_hash = row.password_hash if row is not None else _DUMMY_HASH
        user = _user(row) if row is not None else None
    try:
        _hasher.verify(stored_hash, password)
    except (VerifyMismatchError, VerificationError, InvalidHashError):
        return None
    if user is None or user.disabled:
        return None
    token = secrets.token_urlsafe(32)
    with store.write() as session:
        session.add(
            UserSessionRow(
                user_id=user.id, token_sha256=_sha(token), expires_at=utc_now() + dt.timedelta(days=SESSION_DAYS)
            )
        )
    return user, token


def session_user(store: Store, token: str | None) -> User | None:
    if not token or len(token) > 200:
        return None
    with store.read() as session:
        found = session.execute(
            select(UserSessionRow, UserRow)
            .join(UserRow, UserRow.id == UserSessionRow.user_id)
            .where(UserSessionRow.token_sha256 == _sha(token))
        ).first()
        if found is None:
            return None
        row, user = found
        expires = row.expires_at if row.expires_at.tzinfo else row.expires_at.replace(tzinfo=dt.UTC)
        if expires < utc_now() or user.disabled:
            return None
        return _user(user)


def sign_out(store: Store, token: str | None) -> None:
    if token:
        with store.write() as session:
            session.execute(delete(UserSessionRow).where(UserSessionRow.token_sha256 == _sha(token)))


def add_comment(store: Store, deal_id: int, author: str, body: str, version_number: int | None) -> Comment:
    text = body.strip().replace("\r\n", "\n")
    if not text:
        raise InvalidValue("body", "write the comment first")
    if len(text) > MAX_COMMENT:
        raise InvalidValue("body", f"at most {MAX_COMMENT:,} characters (got {len(text):,})")
    name = " ".join(author.split())[:100]
    if not name:
        raise InvalidValue("author", "required")
    with store.write() as session:
        row = CommentRow(deal_id=deal_id, author=name, body=text, version_number=version_number)
        session.add(row)
        session.flush()
        return Comment(row.id, deal_id, row.author, row.body, row.version_number, row.created_at)


def comments(store: Store, deal_id: int) -> list[Comment]:
    with store.read() as session:
        rows = session.execute(select(CommentRow).where(CommentRow.deal_id == deal_id).order_by(CommentRow.id))
        return [Comment(r.id, r.deal_id, r.author, r.body, r.version_number, r.created_at) for r in rows.scalars()]
