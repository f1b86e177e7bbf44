"""No edit lost: three-way merges of deal texts, and the conflict view's merge saved as a new version."""

from __future__ import annotations

import html
from typing import Any

from principal.loader import parse_deal
from principal.store.merge import plan_merge
from tests.web.conftest import WebClient

BASE = "# the deal\nname: A\nbuyer:\n  agents: 80  # people\n  sites: [x]\noffers:\n  one:\n    term_months: 36\n"


def test_changes_to_different_fields_merge_and_keep_their_comments() -> None:
    mine = BASE.replace("agents: 80", "agents: 90")
    theirs = BASE.replace("term_months: 36", "term_months: 24")
    plan = plan_merge(BASE, mine, theirs)
    assert [c.path for c in plan.mine] == ["buyer.agents"]
    assert [c.path for c in plan.theirs] == ["offers.one.term_months"]
    assert plan.conflicts == ()
    assert plan.merged_text == BASE.replace("agents: 80", "agents: 90").replace("term_months: 36", "term_months: 24")


def test_the_same_field_changed_on_both_sides_needs_a_choice() -> None:
    mine, theirs = BASE.replace("agents: 80", "agents: 90"), BASE.replace("agents: 80", "agents: 85")
    plan = plan_merge(BASE, mine, theirs)
    assert [(c.path, c.base, c.mine, c.theirs) for c in plan.conflicts] == [("buyer.agents", "80", "90", "85")]
    assert plan.merged_text is None
    assert plan_merge(BASE, mine, theirs, {"buyer.agents": "theirs"}).merged_text == theirs
    assert plan_merge(BASE, mine, theirs, {"buyer.agents": "mine"}).merged_text == mine


def test_additions_and_removals_merge() -> None:
    mine = BASE.replace("  sites: [x]\n", "") + "baseline: one\n"
    theirs = BASE.replace("name: A", "name: B")
    plan = plan_merge(BASE, mine, theirs)
    assert plan.conflicts == ()
    assert plan.merged_text is not None
    deal = parse_deal(plan.merged_text)
    assert (deal.name, deal.buyer.sites, deal.baseline) == ("B", (), "one")


def test_same_change_on_both_sides_is_no_conflict() -> None:
    both = BASE.replace("agents: 80", "agents: 90")
    assert plan_merge(BASE, both, both).conflicts == ()


def two_editors(seeded: WebClient) -> tuple[Any, str]:
    """Bo saves a price from version 1; Cy, also on version 1, changes the term: Cy gets the conflict view."""
    first = seeded.post_form(
        "/deals/1/offers/final", {"base_version": "1", "licenses.0.unit_price": "141", "author": "Bo"}
    )
    assert first.status_code == 303  # type: ignore[attr-defined]
    second: Any = seeded.post_form("/deals/1/offers/final", {"base_version": "1", "term_months": "24", "author": "Cy"})
    return second, second.text


def test_the_second_save_gets_the_conflict_view_and_merging_keeps_both(seeded: WebClient) -> None:
    response, page = two_editors(seeded)
    assert response.status_code == 409
    assert "Version 2 was saved by Bo" in page
    assert "The two changes touch different fields: merging keeps both." in page
    mine = page.split('name="mine"', 1)[1].split(">", 1)[1].split("</textarea>", 1)[0]
    merged = seeded.post_form(
        "/deals/1/merge",
        {
            "base_number": "1",
            "latest_number": "2",
            "mine": html.unescape(mine),
            "back": "/deals/1/offers/final",
            "author": "Cy",
            "message": "term 24",
        },
    )
    assert merged.status_code == 303, merged.text[merged.text.find("conflict-title") :][:3000]  # type: ignore[attr-defined]
    latest = seeded.client.get("/api/deals/1/versions/3").json()["version"]
    final = parse_deal(latest["yaml"]).offers["final"]
    assert (final.term_months, final.licenses[0].unit_price) == (24, 141)
