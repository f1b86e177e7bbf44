"""The partial deal file: the seed file's keys, a source comment per extracted value, only real gaps left."""

from __future__ import annotations

import os
from decimal import Decimal
from pathlib import Path

import pytest

from principal.errors import InputError
from principal.loader import parse_deal
from principal.review.deal_out import write_atomically
from principal.review.result import ReviewResult


def test_partial_deal_has_the_offer_terms_and_only_forecast_gaps(fixture_reviews: dict[str, ReviewResult]) -> None:
    result = fixture_reviews["pdf"]
    assert [g.field for g in result.deal_gaps] == [f"offers.reviewed.usage[{i}].forecast" for i in range(5)]
    assert all("no buyer forecast named" in g.message for g in result.deal_gaps)
    forecasts = "".join(
        f"    {name}: {{unit: unit, expected: 1000}}\n"
        for name in ("inbound_voice_local_did", "outbound_voice", "toll_free_inbound_voice", "ai_virtual_agent",
                     "ai_conversation_summaries")
    )  # fmt: skip
    completed = result.deal_yaml.replace("  agents: 450", "  agents: 450\n  forecasts:\n" + forecasts.rstrip("\n"), 1)
    deal = parse_deal(completed, "completed.yaml")
    offer = deal.offers["reviewed"]
    assert offer.term_months == 36
    assert [(lic.name, lic.quantity, lic.unit_price) for lic in offer.licenses] == [
        ("cx_premier_named_agent_seat", Decimal(450), Decimal(155)),
        ("supervisor_seat", Decimal(30), Decimal(115)),
        ("workforce_engagement_add_on", Decimal(450), Decimal("18.5")),
    ]
    assert offer.uplift is not None and offer.uplift.percent == Decimal(5)
    bot = next(m for m in offer.usage if m.name == "ai_virtual_agent")
    assert [(b.up_to, b.rate) for b in bot.rate_card.bands] == [
        (Decimal(150000), Decimal("0.25")),
        (None, Decimal("0.18")),
    ]
    assert offer.one_time_fees[0].amount == Decimal(280000)
    assert offer.one_time_fees[0].milestones[0].gate.value == "signature"
    assert offer.implementation is not None and offer.implementation.billing_tied_to_go_live is False
    sla = offer.sla
    assert sla is not None and sla.components[0].target == Decimal("99.9")
    assert [(t.below, t.percent) for t in sla.credits.tiers] == [(Decimal("99.9"), 5), (Decimal("99.5"), 10)]
    assert (sla.credits.cap_percent, sla.credits.claim_days, sla.sole_remedy) == (10, 30, True)
    assert sla.exclusions.maintenance_notice_days == 2 and sla.exclusions.carrier is True
    assert sla.exclusions.planned_maintenance is True
    assert offer.exit is not None and offer.exit.renewal is not None
    assert (offer.exit.renewal.auto_renews, offer.exit.renewal.notice_days) == (True, 90)
    # Not stated in the document: unknown (left out and asked about), never false.
    assert offer.exit.data_export is None and offer.exit.transition_assistance is None
    assert offer.exit.termination_for_convenience is None
    assert {q.field for q in result.questions} >= {
        "offers.reviewed.exit.data_export.included",
        "offers.reviewed.exit.transition_assistance.included",
    }
    assert offer.exit.liability_cap_months_of_fees == 12


def test_every_extracted_value_cites_its_source(fixture_reviews: dict[str, ReviewResult]) -> None:
    lines = fixture_reviews["docx"].deal_yaml.splitlines()
    price = next(line for line in lines if "unit_price: 155" in line)
    assert '# §1.2 p.1 ¶8 [637:725] "CX Premier named agent seat | 450 | USD 155.00' in price
    cap = next(line for line in lines if "cap_percent: 10" in line)
    assert "§3.2 p.3" in cap and "shall not exceed ten percent" in cap
    notice = next(line for line in lines if "notice_days: 90" in line)
    assert "§1.1 p.1" in notice


def test_atomic_write_replaces_whole_file_and_leaves_no_temporary(tmp_path: Path) -> None:
    target = tmp_path / "partial.yaml"
    target.write_text("old content\n")
    write_atomically(target, "new: content\n")
    assert target.read_text() == "new: content\n"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["partial.yaml"]


def test_atomic_write_failure_keeps_the_old_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    target = tmp_path / "partial.yaml"
    target.write_text("old content\n")

    def broken_fsync(fd: int) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "fsync", broken_fsync)
    with pytest.raises(OSError):
        write_atomically(target, "new: content\n")
    assert target.read_text() == "old content\n"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["partial.yaml"]


def test_document_without_terms_gives_a_deal_that_names_its_gaps() -> None:
    from tests.review.conftest import review_text

    result = review_text("This letter confirms our meeting.")
    assert {g.field for g in result.deal_gaps} >= {"buyer.agents", "offers.reviewed.term_months"}
    with pytest.raises(InputError):
        parse_deal(result.deal_yaml, "partial.yaml")
