"""`GET /health`: whether the server answers, and how busy its workers are. It runs on the event loop itself (no
worker thread, no database), so it answers while every worker computes."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter
from starlette.requests import Request

from principal import __version__
from principal.web.upload_buffer import UploadBuffer
from principal.web.workers import work_of

router = APIRouter()


@router.get("/health")
async def health(request: Request) -> dict[str, Any]:
    uploads: UploadBuffer = request.app.state.uploads
    return {
        "ok": True,
        "version": __version__,
        "work": work_of(request).pool.status(),
        "upload_bytes_held": uploads.held,
    }
