"""The Rehearse tab in process: the rep's opening, moves replayed from the form, the debrief, and the transcript
kept with the version's exports."""

from __future__ import annotations

from tests.web.conftest import WebClient

MOVES = ["we need $140 a seat and a 110% cap", "ask bands"]


def test_the_tab_opens_with_the_reps_anchor(seeded: WebClient) -> None:
    page = seeded.client.get("/deals/1/rehearse?seed=3").text
    assert '<a href="/deals/1/rehearse" aria-current="page">Rehearse</a>' in page
    assert "Here is our proposal: seat price: $145.00" in page
    assert "[anchor]</span> Our list price is $155.00 a seat" in page
    assert "Score so far" in page


def test_moves_replay_to_an_agreement_and_the_transcript_is_kept(seeded: WebClient) -> None:
    data = {"csrf_token": seeded.csrf, "persona": "quarter-end", "seed": "3", "move": MOVES}
    data["say"] = "offer seat_price=142 uplift=3"
    response = seeded.client.post("/deals/1/rehearse/move", data=data, headers={"HX-Request": "true"})
    assert response.status_code == 200
    chat = response.text
    assert chat.startswith('<section id="rehearsal"')
    assert "<strong>You:</strong> we need $140 a seat and a 110% cap" in chat
    assert "Agreed: seat price: $142.00; annual uplift: 3%" in chat
    assert '<h3 id="debrief">Debrief</h3>' in chat
    assert "share of the ZOPA captured: 38.2%" in chat
    assert 'name="say"' not in chat  # the rehearsal is over
    keep = {"csrf_token": seeded.csrf, "persona": "quarter-end", "seed": "3", "author": "Ana"}
    keep["move"] = [*MOVES, "offer seat_price=142 uplift=3"]
    kept = seeded.client.post("/deals/1/rehearse/keep", data=keep)
    assert kept.status_code == 200
    assert "Kept with version 1" in kept.text
    exports_page = seeded.client.get("/deals/1/exports").text
    assert "rehearsal.md" in exports_page and "rehearsal.html" in exports_page
    saved = seeded.client.get("/deals/1/exports/saved/1").text
    assert saved.startswith("# Rehearsal: ") and "## Debrief" in saved


def test_keeping_needs_a_name_and_a_post_needs_the_csrf_token(seeded: WebClient) -> None:
    data = {"csrf_token": seeded.csrf, "persona": "margin", "seed": "1", "author": ""}
    page = seeded.client.post("/deals/1/rehearse/keep", data=data)
    assert "give your name so the copy says who made it" in page.text
    refused = seeded.client.post("/deals/1/rehearse/move", data={"say": "accept"})
    assert refused.status_code == 403
