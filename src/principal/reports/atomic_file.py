"""Writing an export all at once: bytes go to a temporary file beside the target, then replace it in one step.

A crash, a full disk or an interrupt leaves either the previous file or none, never half a file. The target must be
a regular file or a new name in an existing folder: a folder, a device, a FIFO or a socket is refused, and so is a
symbolic link (it is never followed, nor replaced: give the path of the file it points to). A file that is
replaced keeps its permission bits (a 0600 file stays 0600); a new file gets the usual ones (0666 less the umask).
The temporary file is readable by its owner only until the final permissions are set.
"""

from __future__ import annotations

import contextlib
import os
import secrets
import stat
from pathlib import Path

from principal.errors import InputError

KINDS = (
    (stat.S_ISDIR, "is a directory; give a file name for the export"),
    (stat.S_ISFIFO, "is a FIFO (named pipe), not a regular file; give a file name for the export"),
    (stat.S_ISSOCK, "is a socket, not a regular file; give a file name for the export"),
    (stat.S_ISCHR, "is a device, not a regular file; give a file name for the export"),
    (stat.S_ISBLK, "is a device, not a regular file; give a file name for the export"),
)


def _existing_mode(target: Path, where: str, option: str) -> int | None:
    """The permission bits of the regular file at `target`, None when nothing is there; anything else refused."""
    try:
        info = target.lstat()
    except FileNotFoundError:
        return None
    except OSError as exc:
        reason = (exc.strerror or type(exc).__name__).lower()
        raise InputError.single(where, f"cannot check the export's path: {reason}", field=option) from None
    if stat.S_ISLNK(info.st_mode):
        raise InputError.single(
            where, "is a symbolic link; give the path of the file it points to (links are not followed)", field=option
        )
    for test, message in KINDS:
        if test(info.st_mode):
            raise InputError.single(where, message, field=option)
    if not stat.S_ISREG(info.st_mode):
        raise InputError.single(where, "is not a regular file; give a file name for the export", field=option)
    return stat.S_IMODE(info.st_mode)


def check_target(path: Path, *, option: str = "-o") -> Path:
    """The file to write, after checking it is a regular file or a new name in an existing folder (before any work
    is done)."""
    target = path.expanduser()
    where = str(path)
    _existing_mode(target, where, option)
    if not target.parent.is_dir():
        folder = str(target.parent)
        raise InputError.single(where, f"the folder {folder!r} does not exist; create it first", field=option)
    return target


def _new_file_mode() -> int:
    umask = os.umask(0)
    os.umask(umask)
    return 0o666 & ~umask


def write_atomically(path: Path, content: bytes, *, option: str = "-o") -> None:
    """Write `content` to `path`; a path that cannot be written is a one-line InputError naming `option`."""
    target = check_target(path, option=option)
    where = str(path)
    kept = _existing_mode(target, where, option)
    mode = kept if kept is not None else _new_file_mode()
    folder = target.parent
    temp = folder / f".{target.name}.{secrets.token_hex(6)}.part"
    try:
        fd = os.open(temp, os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_NOFOLLOW", 0), 0o600)
        with os.fdopen(fd, "wb") as handle:
            handle.write(content)
            handle.flush()
            if hasattr(os, "fchmod"):
                os.fchmod(handle.fileno(), mode)
            os.fsync(handle.fileno())
        if not hasattr(os, "fchmod"):
            os.chmod(temp, mode)
        if _existing_mode(target, where, option) != kept:  # the path changed kind while the export was made
            raise InputError.single(where, "changed while the export was written; try again", field=option)
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
