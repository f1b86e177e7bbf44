"""Reading an input file safely: it must exist, be a regular file, fit a size limit, and (for text) be UTF-8."""

from __future__ import annotations

import os
import stat
from pathlib import Path

from principal.errors import InputError


def read_bounded(path: str | Path, *, max_bytes: int, what: str) -> bytes:
    """The file's bytes, refusing a missing path, a directory or a file over `max_bytes` before reading it.

    `what` names the kind of file in messages ("a deal file", "an outage log").
    """
    fs_path = Path(path)
    name = str(path)
    if fs_path.is_dir():
        raise InputError.single(name, f"is a directory; give {what} inside it")
    try:
        # Opened without blocking and checked on the open descriptor: a pipe or device named in place of the file
        # can neither stall the open nor be swapped in after the check.
        fd = os.open(fs_path, os.O_RDONLY | os.O_NONBLOCK)
    except FileNotFoundError:
        raise InputError.single(name, "file not found; check the path") from None
    except OSError as exc:
        raise InputError.single(name, f"cannot read the file ({exc.strerror})") from None
    with os.fdopen(fd, "rb") as handle:
        info = os.fstat(handle.fileno())
        if stat.S_ISDIR(info.st_mode):
            raise InputError.single(name, f"is a directory; give {what} inside it")
        if not stat.S_ISREG(info.st_mode):
            raise InputError.single(name, f"is not a regular file (a pipe, device or socket); give {what}")
        if info.st_size > max_bytes:
            raise InputError.single(name, f"file is {info.st_size:,} bytes; {what} may be at most {max_bytes:,}")
        raw = handle.read(max_bytes + 1)
    if len(raw) > max_bytes:  # the file grew while we read it
        raise InputError.single(name, f"{what} may be at most {max_bytes:,} bytes")
    return raw


def read_text(path: str | Path, *, max_bytes: int, what: str) -> str:
    """`read_bounded`, then UTF-8 (a byte-order mark is allowed); a decoding error names its line."""
    raw = read_bounded(path, max_bytes=max_bytes, what=what)
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        raise InputError.single(str(path), "not UTF-8 text; save the file as UTF-8", line=line) from None
