"""The Rehearse tab end to end in Debian's headless chromium: a chat with the rep to an agreement, the debrief with
its figures, and the transcript kept with the version (HTMX swaps the chat in place)."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest

from tests.web.test_browser import CHROMIUM, chromium, import_seed, page, server

__all__ = ["chromium", "page", "server"]

pytestmark = [
    pytest.mark.browser,
    pytest.mark.skipif(not CHROMIUM.exists(), reason="Debian chromium is not installed (bash scripts/setup --dev)"),
]


@pytest.fixture
def rehearsal(page: Any) -> Iterator[Any]:
    import_seed(page)
    page.goto("/deals/1/rehearse?seed=3")
    yield page


def test_a_chat_with_the_rep_reaches_an_agreement_and_shows_the_debrief(rehearsal: Any, server: str) -> None:
    from playwright.sync_api import expect

    page = rehearsal
    chat = page.locator("ol.chat")
    expect(chat).to_contain_text("[anchor] Our list price is $155.00 a seat")
    for move in ("we need $140 a seat and a 110% cap", "ask bands"):
        page.get_by_label("Your move").fill(move)
        page.get_by_role("button", name="Send").click()
        expect(chat.locator("li.you").last).to_have_text(f"You: {move}")
    page.get_by_label("Your move").fill("offer seat_price=142 uplift=3")
    page.get_by_role("button", name="Send").click()
    expect(chat).to_contain_text("Agreed: seat price: $142.00; annual uplift: 3%")
    expect(page.get_by_role("heading", name="Debrief")).to_be_visible()
    debrief = page.locator("ul.debrief")
    expect(debrief).to_contain_text(
        "agreed package: term cost $5,735,602.12 against your target's $5,735,602.12 and your walk-away "
        "$5,832,000.00 (within it)"
    )
    expect(debrief).to_contain_text("share of the ZOPA captured: 38.2%")
    expect(page.get_by_label("Your move")).to_have_count(0)
    page.get_by_label("Your name").fill("Ana Buyer")
    page.get_by_role("button", name="Keep the transcript").click()
    expect(page.get_by_role("status")).to_contain_text("Kept with version 1")
    assert "/deals/1/rehearse" in page.url  # HTMX swapped the chat; the page never navigated
    assert page.console_errors == []
    assert page.requests and all(url.startswith(server + "/") for url in page.requests)
