"""What can go wrong in the store, as exceptions the web layer turns into HTTP answers."""

from __future__ import annotations

from principal.errors import PrincipalError


class StoreError(PrincipalError):
    """Base of the store's errors; the message is one line meant for the user (`principal serve` prints it)."""


class DatabaseUnavailable(StoreError):
    """The database cannot be opened or migrated."""


class NotFound(StoreError):
    """A deal, version or review that does not exist."""


class VersionConflict(StoreError):
    """Someone saved the deal after the version the change was based on."""

    def __init__(self, message: str, *, latest: int) -> None:
        super().__init__(message)
        self.latest = latest


class NothingChanged(StoreError):
    """A save whose text equals the latest version's: no new version is made."""


class InvalidValue(StoreError):
    """A value given with a save (author, message, title) that cannot be stored."""

    def __init__(self, field: str, message: str) -> None:
        super().__init__(f"{field}: {message}")
        self.field = field
        self.reason = message

    def __reduce__(self) -> tuple[type[InvalidValue], tuple[str, str]]:  # crosses from a web worker intact
        return (InvalidValue, (self.field, self.reason))
