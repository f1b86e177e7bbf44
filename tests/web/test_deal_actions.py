"""Offers and deals managed in forms: add, copy, extend, rename (references follow), archive, bring back, delete;
the bundled example from package data; the reference the help links point at."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

from principal.loader import parse_deal
from principal.store import audit, deals
from principal.web.builder.layout import sections_of
from principal.web.builder.schema_fields import record_fields
from principal.web.reference import bundled_example
from tests.conftest import SEED
from tests.web.conftest import WebClient


def latest(web: WebClient) -> Any:
    store = web.client.app.state.store  # type: ignore[attr-defined]
    return parse_deal(deals.get_version(store, 1).yaml_text)


def test_offers_are_added_copied_extended_and_renamed_with_their_references(seeded: WebClient) -> None:
    new = seeded.post_form(
        "/deals/1/offers", {"name": "vendor-b", "term_months": "24", "author": "Ana", "base_version": "1"}
    )
    assert new.headers["location"] == "/deals/1/build/offers/vendor-b/terms?saved=2"  # type: ignore[attr-defined]
    assert latest(seeded).offers["vendor-b"].term_months == 24
    copied = seeded.post_form(
        "/deals/1/offers", {"name": "final-copy", "copy_of": "final", "mode": "copy", "author": "Ana"}
    )
    assert copied.status_code == 303  # type: ignore[attr-defined]
    deal = latest(seeded)
    assert deal.offers["final-copy"] == deal.offers["final"]
    extended = seeded.post_form(
        "/deals/1/offers", {"name": "counter", "copy_of": "final", "mode": "extend", "author": "Ana"}
    )
    assert extended.status_code == 303  # type: ignore[attr-defined]
    assert latest(seeded).offers["counter"].extends == "final"
    renamed = seeded.post_form("/deals/1/offers/final/rename", {"new_name": "final-v2", "author": "Ana"})
    assert renamed.status_code == 303  # type: ignore[attr-defined]
    deal = latest(seeded)
    assert "final" not in deal.offers
    assert deal.offers["counter"].extends == "final-v2"
    assert list(deal.offers).index("final-v2") == 3


def test_bad_offer_names_and_removing_an_offer_others_extend_are_refused(seeded: WebClient) -> None:
    empty: Any = seeded.post_form("/deals/1/offers", {"name": "", "term_months": "24", "author": "Ana"})
    assert empty.status_code == 422
    assert 'id="name-error">required; give the offer a short name' in empty.text
    spaced: Any = seeded.post_form("/deals/1/offers", {"name": "Vendor B", "term_months": "24", "author": "Ana"})
    assert "use lower-case letters, digits" in spaced.text
    parent = latest(seeded).offers["quarter-end"].extends
    refused: Any = seeded.post_form(f"/deals/1/offers/{parent}/delete", {"author": "Ana"})
    assert refused.status_code == 422
    assert f"quarter-end, revised-ask extend {parent}; change that first" in refused.text


def test_an_archived_offer_is_taken_out_and_brought_back_as_it_was(seeded: WebClient) -> None:
    before = latest(seeded).offers["final"]
    archived = seeded.post_form("/deals/1/offers/final/archive", {"author": "Ana", "base_version": "1"})
    assert archived.status_code == 303  # type: ignore[attr-defined]
    assert "final" not in latest(seeded).offers
    page = seeded.client.get("/deals/1/offers-manage").text
    restore = re.search(r'action="(/deals/1/archived-offers/\d+/restore)"', page)
    assert restore is not None
    back = seeded.post_form(restore.group(1), {"author": "Ana"})
    assert back.status_code == 303  # type: ignore[attr-defined]
    assert latest(seeded).offers["final"] == before
    assert "Archived offers" not in seeded.client.get("/deals/1/offers-manage").text


def test_deals_are_copied_archived_brought_back_and_deleted(seeded: WebClient) -> None:
    store = seeded.client.app.state.store  # type: ignore[attr-defined]
    assert seeded.post_form("/deals/1/copy", {"author": "Ana"}).status_code == 303  # type: ignore[attr-defined]
    assert deals.list_deals(store)[0].name.startswith("Copy of Contact-center")
    seeded.post_form("/deals/1/archive", {})
    listing = seeded.client.get("/").text
    assert "1 archived deal" in listing
    assert [d.id for d in deals.list_deals(store, archived=True)] == [1]
    refused: Any = seeded.post_form("/deals/1/delete", {})
    assert refused.status_code == 422
    assert seeded.post_form("/deals/1/delete", {"confirm": "delete"}).status_code == 303  # type: ignore[attr-defined]
    assert [d.id for d in deals.list_deals(store)] == [2]
    actions = [e.action for e in audit.events(store)]
    assert actions[:3] == ["deleted", "archived", "created"]


def test_the_bundled_example_loads_from_package_data(web: WebClient) -> None:
    assert bundled_example() == SEED.read_text(encoding="utf-8")
    assert (SEED.parent / "goals.yaml").read_text() == (
        Path(__file__).resolve().parents[2] / "src/principal/examples/ccaas-450/goals.yaml"
    ).read_text()
    page = web.client.get("/").text
    assert "examples/ccaas-450" not in page
    assert "Load the bundled example" in page
    loaded = web.post_form("/examples/load", {})
    assert loaded.headers["location"] == "/deals/1?saved=1"  # type: ignore[attr-defined]


def test_every_help_link_has_its_row_in_the_reference(web: WebClient) -> None:
    page = web.client.get("/reference").text
    rows = set(re.findall(r'<tr id="([a-z]+-[a-z_0-9]+)">', page))
    for root in ("Deal", "Offer"):
        for spec in record_fields(root):
            assert spec.anchor in rows
    assert len(sections_of("Offer")) >= 8
    assert '<a href="#buyer">Buyer</a>' in page


def test_a_deal_with_no_name_stays_reachable(seeded: WebClient, seed_text: str) -> None:
    store = seeded.client.app.state.store  # type: ignore[attr-defined]
    with store.write() as session:
        from principal.store.tables import DealRow

        session.get(DealRow, 1).name = ""  # a deal saved before names were required
    assert '<a href="/deals/1">Deal 1 (no name)</a>' in seeded.client.get("/").text
