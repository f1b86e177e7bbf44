"""Clause drafts filled from the seed offers; gaps named instead of invented."""

from __future__ import annotations

import json

from principal.model import Deal
from principal.present import formatter_for
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
    assert "availability below 99%: 15% of all fees invoiced for that month" in sla
    assert "shall not exceed 15% of the fee base" in sla
    assert "in 3 calendar months within any rolling period of 6 calendar months" in sla
    assert "without any termination charge" in sla and sla_missing == ()
    people, people_missing = _clause(seed_deal, "final", "key_personnel")
    assert "solution architect, project manager" in people and "prior written approval" in people
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
    assert payload["offer"] == "final" and len(payload["clauses"]) == 5
    result = cli("clauses", str(SEED), "--offer", "original")
    assert result.exit_code == 0 and "MISSING: no chronic-failure exit right" in result.stdout
    result = cli("clauses", str(SEED), "--offer", "best")
    assert result.exit_code == 2
    assert "--offer: no offer named 'best'; offers are original, quarter-end, revised-ask, final" in result.stderr
