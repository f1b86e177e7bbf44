"""The deal-file reference served by the app (/reference): the same rows as docs/deal-file.md, with an anchor on
every field (`#license-unit_price`) so each form field's help can link to its row."""

from __future__ import annotations

import html
import re
from importlib import resources

from fastapi import APIRouter
from markupsafe import Markup
from starlette.requests import Request
from starlette.responses import HTMLResponse

from principal.reports.schema_reference import reference_sections
from principal.web.templating import render

router = APIRouter()


def bundled_example(name: str = "ccaas-450") -> str:
    """The text of an example deal shipped inside the package (no repository checkout needed)."""
    return (resources.files("principal") / "examples" / name / "deal.yaml").read_text(encoding="utf-8")


LINK = re.compile(r"\[([A-Za-z]+)\]\(#([a-z]+)\)")
CODE = re.compile(r"`([^`]+)`")


def inline(text: str) -> Markup:
    """The reference's few Markdown marks (links to records, `code`) as HTML; everything else escaped."""
    escaped = html.escape(text, quote=False)
    escaped = LINK.sub(r'<a href="#\2">\1</a>', escaped)
    escaped = CODE.sub(r"<code>\1</code>", escaped)
    return Markup(escaped)  # built from escaped text


@router.get("/reference", response_class=HTMLResponse)
def reference(request: Request) -> HTMLResponse:
    return render(request, "reference.html", {"sections": reference_sections(), "inline": inline})
