"""Reading an input file safely: it must exist, be a file, fit a size limit, and (for text) be UTF-8."""

from __future__ import annotations

from pathlib import Path

from principal.errors import InputError


def read_bounded(path: str | Path, *, max_bytes: int, what: str) -> bytes:
    """The file's bytes, refusing a missing path, a directory or a file over `max_bytes` before reading it.

    `what` names the kind of file in messages ("a deal file", "an outage log").
    """
    fs_path = Path(path)
    name = str(path)
    try:
        size = fs_path.stat().st_size
    except FileNotFoundError:
        raise InputError.single(name, "file not found; check the path") from None
    except OSError as exc:
        raise InputError.single(name, f"cannot read the file ({exc.strerror})") from None
    if fs_path.is_dir():
        raise InputError.single(name, f"is a directory; give {what} inside it")
    if size > max_bytes:
        raise InputError.single(name, f"file is {size:,} bytes; {what} may be at most {max_bytes:,}")
    with fs_path.open("rb") as handle:
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
