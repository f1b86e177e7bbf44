"""Writing an export all at once: bytes go to a temporary file beside the target, then replace it in one step.

A crash, a full disk or an interrupt leaves either the previous file or none, never half a file.
"""

from __future__ import annotations

import contextlib
import os
import secrets
from pathlib import Path

from principal.errors import InputError


def check_target(path: Path, *, option: str = "-o") -> Path:
    """The file to write, after checking it is not a folder and its folder exists (before any work is done)."""
    target = path.expanduser()
    where = str(path)
    if target.is_dir():
        raise InputError.single(where, "is a directory; give a file name for the export", field=option)
    if not target.parent.is_dir():
        folder = str(target.parent)
        raise InputError.single(where, f"the folder {folder!r} does not exist; create it first", field=option)
    return target


def write_atomically(path: Path, content: bytes, *, option: str = "-o") -> None:
    """Write `content` to `path`; a path that cannot be written is a one-line InputError naming `option`."""
    target = check_target(path, option=option)
    where = str(path)
    folder = target.parent
    temp = folder / f".{target.name}.{secrets.token_hex(6)}.part"
    try:
        fd = os.open(temp, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o666)
        with os.fdopen(fd, "wb") as handle:
            handle.write(content)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(temp, target)
    except OSError as exc:
        with contextlib.suppress(OSError):
            temp.unlink()
        reason = exc.strerror or type(exc).__name__
        raise InputError.single(where, f"cannot write the export: {reason.lower()}", field=option) from None
    except BaseException:
        with contextlib.suppress(OSError):
            temp.unlink()
        raise
