"""Reading rendered pages in tests: the text of an element found by its opening tag, cells of a table row."""

from __future__ import annotations

import html
import json
import re
from typing import Any


def element(page: str, opening: str, tag: str) -> str:
    """The inner HTML of the first element whose opening tag starts with `opening` (elements of `tag` may nest)."""
    start = page.index(opening)
    body_start = page.index(">", start) + 1
    depth, pos = 1, body_start
    pattern = re.compile(rf"<(/?){tag}\b[^>]*>")
    while depth:
        match = pattern.search(page, pos)
        assert match is not None, f"unclosed <{tag}> after {opening!r}"
        depth += -1 if match.group(1) else 1
        pos = match.end()
    return page[body_start : match.start()]


def text(fragment: str) -> str:
    """Visible text with tags removed and whitespace collapsed."""
    return " ".join(html.unescape(re.sub(r"<[^>]+>", " ", fragment)).split())


def cells(row: str) -> list[str]:
    return [text(c) for c in re.findall(r"<t[dh]\b[^>]*>(.*?)</t[dh]>", row, flags=re.S)]


def figure(page: str, figure_id: str) -> Any:
    return json.loads(element(page, f'<script type="application/json" id="{figure_id}"', "script"))
