"""The JSON API: the same deals and versions as the pages, errors in one shape ({"ok": false, "error": {...}}).

The analyses of each version are served by routes/analyses.py; docs/web.md lists every route."""

from __future__ import annotations

from dataclasses import asdict
from typing import Any

from fastapi import APIRouter, Query
from pydantic import BaseModel, Field
from starlette.requests import Request

from principal import __version__
from principal.json_encoding import to_jsonable
from principal.store import deals
from principal.store.diff import diff_versions
from principal.store.records import StoredVersion
from principal.web.routes.analyses import analysis_links
from principal.web.workers import bounded, deal_parser
from principal.web.workspace import get_store

router = APIRouter(prefix="/api")


class DealText(BaseModel):
    yaml: str = Field(description="The whole deal file, YAML or JSON.", max_length=6 * 1024 * 1024)
    author: str = Field(max_length=200)
    message: str = Field(default="", max_length=4000)


class NewVersion(DealText):
    base_version: int | None = Field(default=None, ge=1, description="The version this text was edited from.")


def _version(stored: StoredVersion, *, with_text: bool) -> dict[str, Any]:
    body: dict[str, Any] = to_jsonable(asdict(stored.info))
    if with_text:
        body["yaml"] = stored.yaml_text
    return body


@router.get("/health")
async def health(request: Request) -> dict[str, Any]:
    return {"ok": True, "version": __version__, "database": get_store(request).engine.dialect.name}


@router.get("/deals")
def list_deals(request: Request) -> dict[str, Any]:
    return {"ok": True, "deals": to_jsonable([asdict(d) for d in deals.list_deals(get_store(request))])}


@router.post("/deals", status_code=201)
def create_deal(request: Request, body: DealText) -> dict[str, Any]:
    stored = deals.create_deal(
        get_store(request), body.yaml, author=body.author, message=body.message, parse=deal_parser(request)
    )
    return {"ok": True, "deal_id": stored.info.deal_id, "version": _version(stored, with_text=False)}


@router.get("/deals/{deal_id}")
def get_deal(request: Request, deal_id: int) -> dict[str, Any]:
    store = get_store(request)
    summary = deals.get_deal(store, deal_id)
    stored, model = deals.load_version(store, deal_id, parse=deal_parser(request))
    return {
        "ok": True,
        "deal": to_jsonable(asdict(summary)),
        "offers": list(model.offers),
        "latest": _version(stored, with_text=False),
    }


@router.get("/deals/{deal_id}/versions")
def list_versions(request: Request, deal_id: int) -> dict[str, Any]:
    versions = deals.list_versions(get_store(request), deal_id)
    return {"ok": True, "versions": to_jsonable([asdict(v) for v in versions])}


@router.get("/deals/{deal_id}/versions/{number}")
def get_version(request: Request, deal_id: int, number: int) -> dict[str, Any]:
    """The version's record and text, and where each analysis of it is served."""
    stored = deals.get_version(get_store(request), deal_id, number)
    return {
        "ok": True,
        "version": _version(stored, with_text=True),
        "analyses": analysis_links(deal_id, stored.info.number),
    }


@router.post("/deals/{deal_id}/versions", status_code=201)
def save_version(request: Request, deal_id: int, body: NewVersion) -> dict[str, Any]:
    stored = deals.save_version(
        get_store(request),
        deal_id,
        body.yaml,
        author=body.author,
        message=body.message,
        base_number=body.base_version,
        parse=deal_parser(request),
    )
    return {"ok": True, "version": _version(stored, with_text=False)}


@router.get("/deals/{deal_id}/diff")
def diff(request: Request, deal_id: int, old: int = Query(ge=1), new: int = Query(ge=1)) -> dict[str, Any]:
    store = get_store(request)
    older, newer = deals.get_version(store, deal_id, old), deals.get_version(store, deal_id, new)
    result = bounded(request, f"comparing versions {old} and {new}", diff_versions, older, newer)
    return {
        "ok": True,
        "old": result.old_number,
        "new": result.new_number,
        "fields": to_jsonable([asdict(f) for f in result.fields]),
        "unified": result.unified,
        "note": result.note,
    }
