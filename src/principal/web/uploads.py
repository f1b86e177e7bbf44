"""Accepting uploaded files: by extension and content, within a size limit, read in bounded chunks."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import PurePath

from starlette.datastructures import UploadFile

from principal.loader.deal_file import MAX_DEAL_BYTES
from principal.web.errors import PayloadTooLarge, UnsupportedMediaType

CHUNK = 64 * 1024


@dataclass(frozen=True)
class UploadPolicy:
    """Which files an upload field accepts: extensions, the leading bytes each must start with, a size limit."""

    what: str
    extensions: tuple[str, ...]
    max_bytes: int
    magic: tuple[tuple[str, bytes], ...] = ()
    text: bool = False


DEAL_FILES = UploadPolicy("deal file", (".yaml", ".yml", ".json"), MAX_DEAL_BYTES, text=True)
DOCUMENTS = UploadPolicy(
    "vendor document",
    (".pdf", ".docx", ".html", ".htm", ".txt", ".md"),
    20 * 1024 * 1024,
    magic=((".pdf", b"%PDF-"), (".docx", b"PK\x03\x04")),
)


@dataclass(frozen=True)
class AcceptedUpload:
    filename: str
    extension: str
    content: bytes


async def read_upload(upload: UploadFile, policy: UploadPolicy) -> AcceptedUpload:
    """The upload's bytes, or UnsupportedMediaType / PayloadTooLarge saying what is accepted."""
    filename = PurePath((upload.filename or "").replace("\\", "/")).name[:255]
    extension = PurePath(filename.lower()).suffix
    if extension not in policy.extensions:
        raise UnsupportedMediaType(
            f"{filename or 'the file'} is not a {policy.what}; accepted: {', '.join(policy.extensions)}",
            field="file",
        )
    chunks: list[bytes] = []
    size = 0
    while chunk := await upload.read(CHUNK):
        size += len(chunk)
        if size > policy.max_bytes:
            raise PayloadTooLarge(
                f"{filename} is over {policy.max_bytes:,} bytes, the limit for a {policy.what}", field="file"
            )
        chunks.append(chunk)
    content = b"".join(chunks)
    for ext, magic in policy.magic:
        if extension == ext and not content.startswith(magic):
            raise UnsupportedMediaType(f"{filename} does not look like a {ext} file", field="file")
    if policy.text or extension in (".html", ".htm", ".txt", ".md"):
        if b"\x00" in content:
            raise UnsupportedMediaType(f"{filename} is not a text file (it holds binary data)", field="file")
        try:
            content.decode("utf-8-sig")
        except UnicodeDecodeError as exc:
            line = content[: exc.start].count(b"\n") + 1
            raise UnsupportedMediaType(f"{filename}:{line}: not UTF-8 text; save it as UTF-8", field="file") from None
    return AcceptedUpload(filename, extension, content)
