"""Clause drafts filled from the seed offers; gaps named instead of invented."""

from __future__ import annotations

import json
import re
from decimal import Decimal

from principal.model import Deal
from principal.present import formatter_for
from principal.strategy.clause_terms import Parties
from principal.strategy.clauses import draft_clauses
from tests.clirunner import run as cli
from tests.conftest import SEED


def _clause(deal: Deal, offer: str, key: str) -> tuple[str, tuple[str, ...]]:
    drafts = draft_clauses(deal, offer)
    words = formatter_for(deal.currency, deal.locale).text
    clause = next(c for c in drafts.clauses if c.key == key)
    return " ".join(words(p) for p in clause.paragraphs), tuple(words(m) for m in clause.missing)


def test_final_milestones_split_the_fee(seed_deal: Deal) -> None:
    text, missing = _clause(seed_deal, "final", "milestones")
    assert "The fixed fee for Professional services (implementation) is $280,000.00" in text
    for part in (
        "$56,000.00 (20%) on Design sign-off",
        "$112,000.00 (40%) on UAT completed",
        "$84,000.00 (30%) on Production go-live",
        "$28,000.00 (10%) on 60 days of stable operations and reporting delivered (holdback)",
    ):
        assert part in text
    assert "held back until the Customer confirms: 60 days without a missed SLA" in text
    assert missing == ("recurring billing can start before go-live",)


def test_final_usage_sla_people_and_exit(seed_deal: Deal) -> None:
    usage, usage_missing = _clause(seed_deal, "final", "usage")
    assert "$0.012 per minute for the first 2,000,000; $0.0099 per minute above 2,000,000" in usage
    assert "$0.25 per session for the first 150,000; $0.18 per session above 150,000" in usage
    assert "shall not exceed 110% of the charges" in usage and "new countries, new channels" in usage
    assert "ai_summaries has one flat rate: no volume bands step the price down as volume grows" in usage_missing
    sla, sla_missing = _clause(seed_deal, "final", "sla")
    assert "voice routing: 99.95%; agent desktop: 99.95%; digital channels: 99.9%" in sla
    assert "availability below 99%: 15% of the Fee Base" in sla
    assert "shall not exceed 15% of the Fee Base" in sla
    assert "in 3 calendar months within any rolling period of 6 calendar months" in sla
    assert "by notice within [CHRONIC NOTICE PERIOD]" in sla  # the deal gives no notice period: never "60 days"
    # Credits applied without a claim and refunded at the end, whatever the offer's claim window says.
    assert "apply each credit automatically" in sla and "refunded to the Customer with the final invoice" in sla
    assert "without any termination charge" in sla
    assert sla_missing == (
        "the offer makes credits depend on a claim within 30 days; the draft applies them automatically",
        "the offer gives credits only against future invoices; the draft refunds unused ones",
    )
    people, people_missing = _clause(seed_deal, "final", "key_personnel")
    assert "solution architect, project manager" in people and "prior written approval" in people
    assert "until go-live and the 60 days of stable operations after it" in people  # the deal's 60, not a default
    assert "for [HANDOVER OVERLAP] at no charge" in people
    assert people_missing == ()
    exit_text, exit_missing = _clause(seed_deal, "final", "exit")
    assert "Within 30 days after termination" in exit_text and "in CSV and WAV formats, at no charge" in exit_text
    assert "for up to 6 months" in exit_text and "at $165.00 per hour" in exit_text
    assert exit_missing == ()


def test_original_names_what_is_missing(seed_deal: Deal) -> None:
    drafts = draft_clauses(seed_deal, "original")
    missing = {formatter_for("USD").text(m) for m in drafts.missing}
    assert "Usage charges, volume bands and annual cap: no not-to-exceed cap on usage charges" in missing
    assert "Service levels, service credits and chronic failure: no chronic-failure exit right" in missing
    assert "Key personnel: the offer names no key personnel roles" in missing
    assert "Data export and transition assistance: the offer has no data export terms" in missing
    text, _ = _clause(seed_deal, "original", "milestones")
    assert "$280,000.00 (100%) on Contract signature" in text
    # No invented values: the original has no export or personnel terms, so those drafts are empty.
    assert _clause(seed_deal, "original", "exit")[0] == ""
    assert "Usage Cap" not in _clause(seed_deal, "original", "usage")[0]


def test_cli_clauses() -> None:
    result = cli("clauses", str(SEED), "--json")
    assert result.exit_code == 0
    payload = json.loads(result.stdout)["result"]
    assert payload["offer"] == "final" and len(payload["clauses"]) == 7
    assert [p["name"] for p in payload["placeholders"]][:2] == ["[RENEWAL PRICE CAP]", "[CHRONIC NOTICE PERIOD]"]
    human = cli("clauses", str(SEED))
    assert "To fill in (the deal does not give these values" in human.stdout
    assert "   [HOLDBACK LONG-STOP DATE]: the date after which an unmet holdback condition is final" in human.stdout
    result = cli("clauses", str(SEED), "--offer", "original")
    assert result.exit_code == 0 and "MISSING: no chronic-failure exit right" in result.stdout
    result = cli("clauses", str(SEED), "--offer", "best")
    assert result.exit_code == 2
    assert "--offer: no offer named 'best'; offers are original, quarter-end, revised-ask, final" in result.stderr


NUMBER = re.compile(r"(?<![\w.])\d[\d,]*(?:\.\d+)?")


def _numbers(text: str) -> set[Decimal]:
    return {Decimal(n.replace(",", "").replace("_", "")) for n in NUMBER.findall(text.replace("_", ""))}


def test_every_number_in_a_draft_comes_from_the_deal(seed_deal: Deal) -> None:
    # The deal file's own figures, and the milestone amounts worked out from them (fee x percent).
    in_deal = _numbers(SEED.read_text(encoding="utf-8"))
    for offer in seed_deal.offers.values():
        in_deal |= {fee.amount * m.percent / 100 for fee in offer.one_time_fees for m in fee.milestones}
    words = formatter_for("USD").text
    for name in seed_deal.offers:
        drafts = draft_clauses(seed_deal, name)
        slots = " ".join(p.name + " " + p.fill_in for p in drafts.placeholders)
        assert _numbers(slots) == set()  # a placeholder names a value, it never suggests one
        for clause in drafts.clauses:
            for paragraph in clause.paragraphs:
                text = words(paragraph)
                for number in _numbers(text):
                    assert number in in_deal, (name, clause.key, number, text)
                for slot in re.findall(r"\[[A-Z -]+\]", text):
                    assert slot in {p.name for p in drafts.placeholders}


def test_defined_terms_are_defined(seed_deal: Deal) -> None:
    drafts = draft_clauses(seed_deal, "final")
    words = formatter_for("USD").text
    definitions = " ".join(words(p) for p in drafts.clauses[0].paragraphs)
    body = " ".join(words(p) for c in drafts.clauses[1:] for p in c.paragraphs)
    for term in ("Customer", "Supplier", "Term", "Fee Base"):
        assert f'"{term}" means' in definitions
        assert term in body
    assert "fee base" not in body  # only the defined term is used
    assert '"Customer" means B2B software company; "Supplier" means Shortlisted CCaaS vendor' in definitions


def test_price_clause_and_party_names_from_a_reviewed_document(seed_deal: Deal) -> None:
    drafts = draft_clauses(seed_deal, "original", parties=Parties(customer="Client", supplier="Provider"))
    words = formatter_for("USD").text
    price = next(c for c in drafts.clauses if c.key == "price")
    text = " ".join(words(p) for p in price.paragraphs)
    assert "From contract year 2, the fees listed may rise once a year by at most 5%" in text
    assert "[RENEWAL PRICE CAP]" in text and "no cap on price rises at renewal" in [words(m) for m in price.missing]
    every = " ".join(words(p) for c in drafts.clauses for p in c.paragraphs)
    assert '"Client" means B2B software company; "Provider" means Shortlisted CCaaS vendor' in every
    assert "Customer" not in every and "Supplier" not in every
