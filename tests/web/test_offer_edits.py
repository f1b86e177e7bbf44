"""The offer form's figures: which are offered, how entries are read, and how they are written into the YAML."""

from __future__ import annotations

from decimal import Decimal

import pytest

from principal.loader import parse_deal
from principal.store.diff import text_lines
from principal.store.offer_edits import (
    apply_offer_edits,
    describe_changes,
    editable_fields,
    read_form_values,
)


def changed_lines(old: str, new: str) -> list[tuple[str, str]]:
    return [(line.kind, line.text) for line in text_lines(old, new, context=0) if line.kind in ("added", "removed")]


def test_fields_of_the_final_offer_show_its_resolved_figures(seed_text: str) -> None:
    deal = parse_deal(seed_text)
    fields = {f.key: (f.label, f.unit, f.shown) for f in editable_fields(deal, "final")}
    assert fields["term_months"] == ("Committed term", "months", "36")
    assert fields["licenses.0.quantity"] == ("agent: quantity", "seats", "450")
    assert fields["licenses.0.unit_price"] == ("agent: unit price", "USD per seat a month", "143")
    assert fields["uplift.percent"] == ("Uplift per year", "%", "3")
    assert fields["usage.0.rate_card.bands.1.rate"] == (
        "voice_inbound: band 2 rate (above 2,000,000)",
        "USD per minute",
        "0.0099",
    )
    assert fields["usage.3.rate_card.rate"] == ("ai_summaries: rate", "USD per summary", "0.03")
    assert fields["usage_cap.percent_of_forecast"] == ("Cap on usage charges", "% of the forecast charge", "110")
    assert len(fields) == 12


def test_a_price_change_touches_one_line_and_keeps_comments(seed_text: str) -> None:
    new = apply_offer_edits(seed_text, "revised-ask", {("uplift", "percent"): Decimal("2.5")})
    assert changed_lines(seed_text, new) == [
        ("removed", "      percent: 3                 # assumption: the buyer asks for a 3% ceiling"),
        ("added", "      percent: 2.5               # assumption: the buyer asks for a 3% ceiling"),
    ]
    deal = parse_deal(new)
    assert deal.offers["revised-ask"].uplift is not None and deal.offers["revised-ask"].uplift.percent == Decimal("2.5")
    assert deal.offers["final"].uplift is not None and deal.offers["final"].uplift.percent == Decimal("2.5")


def test_an_inherited_term_is_copied_into_the_offer_and_the_parent_is_untouched(seed_text: str) -> None:
    new = apply_offer_edits(
        seed_text,
        "final",
        {("uplift", "percent"): Decimal(2), ("usage", 1, "rate_card", "bands", 1, "rate"): Decimal("0.009")},
    )
    deal = parse_deal(new)
    final, parent = deal.offers["final"], deal.offers["revised-ask"]
    assert final.uplift is not None and final.uplift.percent == 2 and final.uplift.from_year == 2
    assert final.usage[1].rate_card.bands[1].rate == Decimal("0.009")
    assert final.usage[0].rate_card.bands[1].rate == Decimal("0.0099")
    assert parent.uplift is not None and parent.uplift.percent == 3
    assert parent.usage[1].rate_card.bands[1].rate == Decimal("0.0095")
    # The copied keys land at the end of `final`; everything after it is untouched.
    tail = seed_text.split("\nnegotiation:", 1)[1]
    assert new.endswith("        rate_card: {kind: flat, rate: 0.03}\n\nnegotiation:" + tail)


def test_a_new_usage_cap_is_written_when_the_offer_has_none(seed_text: str) -> None:
    new = apply_offer_edits(seed_text, "original", {("usage_cap", "percent_of_forecast"): Decimal(120)})
    assert [text for kind, text in changed_lines(seed_text, new) if kind == "added"] == [
        "    usage_cap:",
        "      percent_of_forecast: 120",
    ]
    cap = parse_deal(new).offers["original"].usage_cap
    assert cap is not None and cap.percent_of_forecast == 120 and cap.period.value == "year"


@pytest.mark.parametrize(
    ("entered", "message"),
    [
        ("abc", "must be a plain number such as 145 or 0.0125 (got 'abc')"),
        ("1e9", "must be a plain number such as 145 or 0.0125 (got '1e9')"),
        ("36.5", "must be a whole number (got 36.5)"),
        ("", "required; to remove this term, edit the deal's YAML"),
        ("0,012", "must be a plain number such as 145 or 0.0125 (got '0,012')"),
    ],
)
def test_unusable_entries_are_reported_per_field(seed_text: str, entered: str, message: str) -> None:
    fields = editable_fields(parse_deal(seed_text), "final")
    changes, errors = read_form_values(fields, {"term_months": entered})
    assert (changes, errors) == ({}, {"term_months": message})


def test_entries_are_read_as_exact_decimals_and_only_changes_kept(seed_text: str) -> None:
    fields = editable_fields(parse_deal(seed_text), "final")
    form = {"licenses.0.unit_price": " 1140.50 ", "licenses.0.quantity": "450", "uplift.percent": "2.5%"}
    changes, errors = read_form_values(fields, form)
    assert errors == {}
    assert changes == {("licenses", 0, "unit_price"): Decimal("1140.50"), ("uplift", "percent"): Decimal("2.5")}
    assert describe_changes("final", fields, changes) == (
        "final: agent: unit price 143 -> 1140.50; Uplift per year 3 -> 2.5"
    )
