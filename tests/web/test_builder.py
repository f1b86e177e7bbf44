"""The deal builder, in process: a deal started and filled in forms, numbers by locale, warnings and names by the
field, list entries added and removed, renames that follow references, and comments kept in the saved YAML."""

from __future__ import annotations

import html
import re
from decimal import Decimal
from typing import Any

import pytest

from principal.loader import parse_deal
from principal.store import deals
from principal.web.builder import layout, schema_fields
from principal.web.builder.layout import sections_of
from tests.web.conftest import WebClient
from tests.web.form_probe import filled


def by_field(page: str, field_id: str, kind: str = "field-error") -> str:
    """The message shown under the input `field_id` (its error or warning paragraph), as text."""
    match = re.search(rf'<p class="{kind}" id="{re.escape(field_id)}-{kind.split("-")[1]}">(.*?)</p>', page, re.S)
    assert match is not None, f"no {kind} by {field_id}"
    return html.unescape(re.sub(r"<[^>]+>", "", match.group(1))).strip()


def submit(web: WebClient, url: str, changes: dict[str, str], action: str = "save", page: str | None = None) -> Any:
    page = page if page is not None else web.client.get(url).text
    data = filled(page, url, changes, action=action, csrf_token=web.csrf)
    return web.client.post(url, data=data, follow_redirects=False)


def start(web: WebClient, *, locale: str = "en_US", agents: str = "80", name: str = "Platform for 80 agents") -> Any:
    return web.post_form(
        "/deals/start",
        {
            "name": name,
            "currency": "EUR" if locale == "de_DE" else "USD",
            "locale": locale,
            "vendor": "",
            "agents": agents,
            "offer": "vendor-a",
            "term_months": "36",
            "author": "Ana",
        },
    )


def latest_text(web: WebClient, deal_id: int = 1) -> str:
    store = web.client.app.state.store  # type: ignore[attr-defined]
    return deals.get_version(store, deal_id).yaml_text


def add_meter(web: WebClient, rate: str) -> Any:
    forecasts = "/deals/1/build/forecasts"
    added = submit(web, forecasts, {}, action="add:buyer.forecasts")
    assert added.status_code == 200
    saved = submit(
        web,
        forecasts,
        {
            "buyer.forecasts.0.__key": "voice",
            "buyer.forecasts.0.unit": "minute",
            "buyer.forecasts.0.expected": "100000",
        },
        page=added.text,
    )
    assert saved.status_code == 303, saved.text
    usage = "/deals/1/build/offers/vendor-a/usage"
    added = submit(web, usage, {}, action="add:usage")
    return submit(
        web,
        usage,
        {
            "usage.0.name": "voice",
            "usage.0.forecast": "voice",
            "usage.0.rate_card.kind": "flat",
            "usage.0.rate_card.rate": rate,
        },
        page=added.text,
    )


def test_a_deal_started_in_forms_is_a_valid_minimal_deal(web: WebClient) -> None:
    response = start(web)
    assert (response.status_code, response.headers["location"]) == (303, "/deals/1/build/operation?saved=1")
    text = latest_text(web)
    assert text == (
        "name: Platform for 80 agents\ncurrency: USD\nlocale: en_US\nbuyer:\n  agents: 80\n"
        "offers:\n  vendor-a:\n    term_months: 36\n"
    )
    page = web.client.get("/deals/1/build/operation?saved=1").text
    assert "Saved as version 1." in page
    assert 'aria-current="step">The operation' in page
    assert '<a href="/reference#buyer-agents">' in page


def test_an_empty_deal_name_is_refused_by_the_field(web: WebClient) -> None:
    response = start(web, name="   ")
    assert response.status_code == 422
    assert by_field(response.text, "start-name".removeprefix("start-"), "field-error").startswith("required")
    started = start(web)
    assert started.status_code == 303
    emptied = submit(web, "/deals/1/build/deal", {"name": ""})
    assert emptied.status_code == 422
    assert by_field(emptied.text, "f-name") == "required; give it a name"
    assert latest_text(web).startswith("name: Platform for 80 agents\n")


def test_a_decimal_comma_is_read_as_such_in_a_german_deal(web: WebClient) -> None:
    start(web, locale="de_DE")
    saved = add_meter(web, "0,012")
    assert saved.status_code == 303, saved.text
    text = latest_text(web)
    assert "        rate_card:\n          kind: flat\n          rate: 0.012\n" in text
    assert parse_deal(text).offers["vendor-a"].usage[0].rate_card.rate == Decimal("0.012")
    page = web.client.get("/deals/1/build/offers/vendor-a/usage").text
    assert 'name="usage.0.rate_card.rate" value="0,012"' in page


def test_a_decimal_comma_is_refused_with_a_message_in_an_english_deal(web: WebClient) -> None:
    start(web)
    refused = add_meter(web, "0,012")
    assert refused.status_code == 422
    assert by_field(refused.text, "f-usage-0-rate_card-rate") == (
        "'0,012' is not a number as en_US writes them: the decimal separator is '.' and ',' groups thousands "
        "(1,080); did you mean 0.012?"
    )
    assert "rate: 12" not in latest_text(web)
    assert "usage" not in latest_text(web)


def test_seats_far_above_agents_get_a_warning_by_the_field(web: WebClient) -> None:
    start(web)
    url = "/deals/1/build/offers/vendor-a/seats"
    added = submit(web, url, {}, action="add:licenses")
    saved = submit(
        web,
        url,
        {"licenses.0.name": "agent", "licenses.0.quantity": "1,080", "licenses.0.unit_price": "95.50"},
        page=added.text,
    )
    assert saved.status_code == 303
    page = web.client.get(url).text
    assert by_field(page, "f-licenses-0-quantity", "field-warning") == (
        "Warning: 1,080 seats for 80 agents (13.5 a head): check the quantity (or the number of agents)"
    )
    assert 'aria-describedby="f-licenses-0-quantity-help f-licenses-0-quantity-warning"' in page


def test_a_rate_a_thousand_times_another_offers_and_a_fraction_percent_get_warnings(
    seeded: WebClient, seed_text: str
) -> None:
    url = "/deals/1/build/offers/final/usage"
    changed = submit(seeded, url, {"usage.0.rate_card.bands.0.rate": "12"})
    assert changed.status_code == 303, changed.text
    page = seeded.client.get(url).text
    warning = by_field(page, "f-usage-0-rate_card-bands-0-rate", "field-warning")
    assert warning.startswith("Warning: 12 is ") and "times more than offer" in warning
    assert warning.endswith("for the same meter: check the decimal separator")
    seats = "/deals/1/build/offers/final/seats"
    assert submit(seeded, seats, {"uplift.percent": "0.03"}).status_code == 303
    assert by_field(seeded.client.get(seats).text, "f-uplift-percent", "field-warning") == (
        "Warning: 0.03 means 0.03%; did you mean 3%?"
    )


def test_saving_a_form_changes_only_its_lines_and_keeps_comments(seeded: WebClient, seed_text: str) -> None:
    response = submit(seeded, "/deals/1/build/operation", {"buyer.agents": "500"})
    assert (response.status_code, response.headers["location"]) == (303, "/deals/1/build/operation?saved=2")
    text = latest_text(seeded)
    old_lines, new_lines = seed_text.splitlines(), text.splitlines()
    assert len(old_lines) == len(new_lines)
    changed = [(a, b) for a, b in zip(old_lines, new_lines, strict=True) if a != b]
    assert changed == [("  agents: 450", "  agents: 500")]
    history = seeded.client.get("/api/deals/1/versions").json()["versions"]
    assert history[0]["message"] == "The operation: buyer.agents"


def test_nothing_changed_makes_no_version(seeded: WebClient) -> None:
    for slug in ("deal", "operation", "forecasts", "incumbent", "hours", "downtime", "negotiation"):
        page = submit(seeded, f"/deals/1/build/{slug}", {})
        assert page.status_code == 200, (slug, page.text[-3000:])
        assert "nothing changed; the deal stays at version 1" in page.text
    for slug in ("terms", "seats", "usage", "caps", "fees", "sla", "implementation", "exit"):
        page = submit(seeded, f"/deals/1/build/offers/final/{slug}", {})
        assert page.status_code == 200, (slug, page.text[-3000:])
        assert "nothing changed" in page.text, slug


def test_renaming_a_forecast_renames_the_meters_that_use_it(seeded: WebClient) -> None:
    response = submit(seeded, "/deals/1/build/forecasts", {"buyer.forecasts.0.__key": "inbound"})
    assert response.status_code == 303, response.text
    deal = parse_deal(latest_text(seeded))
    assert next(iter(deal.buyer.forecasts)) == "inbound"
    assert {m.forecast for o in deal.offers.values() for m in o.usage if m.name == "voice_inbound"} == {"inbound"}


def test_list_entries_are_added_and_removed_before_saving(seeded: WebClient) -> None:
    url = "/deals/1/build/offers/original/fees"
    page = seeded.client.get(url).text
    fees = re.findall(r'name="one_time_fees\.(\d+)\.name"', page)
    removed = submit(seeded, url, {}, action="remove:one_time_fees.0", page=page)
    assert removed.status_code == 200
    assert len(re.findall(r'name="one_time_fees\.(\d+)\.name"', removed.text)) == len(fees) - 1
    saved = submit(seeded, url, {}, page=removed.text)
    assert saved.status_code == 303, saved.text
    assert len(parse_deal(latest_text(seeded)).offers["original"].one_time_fees) == len(fees) - 1


def test_a_located_model_error_is_shown_by_its_field(seeded: WebClient) -> None:
    response = submit(seeded, "/deals/1/build/offers/final/terms", {"term_months": "0"})
    assert response.status_code == 422
    assert by_field(response.text, "f-term_months") == "must be >= 1 (got 0)"


def test_every_model_field_has_a_place_in_the_builder() -> None:
    for root, hidden in (("Deal", {"schema_version", "offers"}), ("Offer", set())):
        placed = {path.split(".")[0] for _, paths in sections_of(root) for path in paths}
        keys = {spec.key for spec in schema_fields.record_fields(root)} - hidden
        assert keys == placed, root


def test_a_field_new_to_the_model_appears_in_a_default_section(monkeypatch: pytest.MonkeyPatch) -> None:
    schema = schema_fields.deal_schema()
    grown = {**schema, "$defs": {**schema["$defs"]}}
    offer = dict(grown["$defs"]["Offer"])
    offer["properties"] = {**offer["properties"], "loyalty_discount": {"type": "integer", "title": "Loyalty"}}
    buyer = dict(grown["$defs"]["Buyer"])
    buyer["properties"] = {**buyer["properties"], "discount_rate_percent": {"type": "number", "title": "Rate"}}
    grown["$defs"]["Offer"], grown["$defs"]["Buyer"] = offer, buyer
    monkeypatch.setattr(schema_fields, "deal_schema", lambda: grown)
    schema_fields.record_fields.cache_clear()
    try:
        offer_sections = dict((s.slug, p) for s, p in layout.sections_of("Offer"))
        deal_sections = dict((s.slug, p) for s, p in layout.sections_of("Deal"))
    finally:
        schema_fields.record_fields.cache_clear()
    assert offer_sections["other"] == ["loyalty_discount"]
    assert deal_sections["operation"][-1] == "buyer.discount_rate_percent"
