"""The negotiation brief on the seed case: equal-value packages, asks that reconcile with compare, ZOPA, words."""

from __future__ import annotations

import json
from decimal import Decimal
from pathlib import Path

import pytest

from principal.cost import schedule
from principal.cost.compare import attribute_levers
from principal.model import Deal
from principal.model.negotiation import IssueKey
from principal.money import Amount
from principal.present import formatter_for
from principal.statements import Statement
from principal.strategy.plan.brief import Brief, build_brief
from principal.strategy.plan.deal_space import build_space
from tests.clirunner import run as cli
from tests.conftest import SEED


def usd(value: str) -> Amount:
    return Amount(Decimal(value), "USD")


def words(statement: Statement) -> str:
    return formatter_for("USD").text(statement)


@pytest.fixture(scope="module")
def brief(seed_deal: Deal) -> Brief:
    return build_brief(seed_deal)


def test_three_equal_value_packages_with_tco(seed_deal: Deal, brief: Brief) -> None:
    assert [p.theme for p in brief.packages] == [
        "license-price-led",
        "usage-cap-and-bands-led",
        "credits-and-exit-led",
    ]
    # Recompute each package's buyer utility from the issue levels, independently of the MESO search.
    negotiation = seed_deal.negotiation
    assert negotiation is not None
    space = build_space(seed_deal, "quarter-end", "revised-ask", negotiation)
    by_key = {issue.key.value: issue for issue in space.issues}

    def utility(levels: dict[str, Statement]) -> Decimal:
        total = Decimal(0)
        for key, label in levels.items():
            issue = by_key[key]
            level = next(lv for lv in issue.levels if lv.label == label)
            total += level.buyer_value * negotiation.weight(issue.key)
        return total

    target = utility({i.key.value: i.levels[i.ask_level].label for i in space.issues})
    assert brief.target_utility == usd(str(target.quantize(Decimal("0.01"))))
    for package in brief.packages:
        assert abs(utility(package.levels) - target) <= target / 100
        assert package.term_cost <= brief.walk_away
    lic, usage, credits = brief.packages
    # Each package leads with its own theme: the price-led one cuts deepest on price and uplift.
    seat = {p.theme: p.levels["seat_price"].value("price") for p in (lic, usage)}
    assert isinstance(seat[lic.theme], Amount) and isinstance(seat[usage.theme], Amount)
    assert seat[lic.theme] < seat[usage.theme] or words(lic.levels["uplift"]) != "5%"
    assert words(usage.levels["usage_cap"]) == "cap 105%"
    # The credits-led package leads with the stronger credit ladder (valued by the one Monte Carlo of
    # principal.valuation, the largest risk value of the space).
    assert words(credits.levels["sla_credits"]) == "ask's terms, credits +5 points"
    # TCO comes from the cost engine: the price-led package is the cheapest in cash.
    assert lic.term_cost == usd("5735186.08")
    # Scored by the alignment engine: mean of the five areas (strong 100, needs work 50, at risk 0).
    assert [p.alignment_score for p in brief.packages] == [50.0, 50.0, 40.0]


def test_asks_reconcile_with_compare(seed_deal: Deal, brief: Brief) -> None:
    versus = attribute_levers(seed_deal, "original", "revised-ask")
    assert brief.compare_saving == usd("466540.38")
    assert sum(a.value_vs_baseline.number for a in brief.asks) == brief.compare_saving.number
    levers = {lv.lever: lv.term.quantize(Decimal("0.01")) for lv in versus.levers}
    by_issue = {a.issue: a for a in brief.asks}
    assert by_issue["seat_price"].value_vs_baseline.number == levers["licences"] == Decimal("219143.34")
    assert by_issue["usage_rates"].value_vs_baseline.number == levers["usage_rates"] == Decimal("198000.00")
    assert by_issue["uplift"].value_vs_baseline.number == levers["uplift"] == Decimal("49397.04")
    assert brief.open_saving == usd("296305.38")
    ranked = [a.ranked_value for a in brief.asks]
    assert ranked == sorted(ranked, reverse=True)
    # The SLA ladder is the largest risk value of the one valuation (the cap was first under the old default
    # formula "P(high volume) 0.25 x the saving at 1.3x plan").
    assert brief.asks[0].issue == IssueKey.sla_credits.value


def test_walk_away_zopa_and_nash(seed_deal: Deal, brief: Brief) -> None:
    assert brief.batna_cost == usd(str(162_000 * 36))  # $162,000 a month for 36 months
    assert brief.walk_away == brief.batna_cost
    assert brief.vendor_offer_cost.number == schedule(seed_deal, "quarter-end").total.quantize(Decimal("0.01"))
    z = brief.zopa
    # 5% budget widened by half for high pressure: 7.5% below the vendor's latest offer.
    assert z.vendor_reservation.number == (brief.vendor_offer_cost.number * Decimal("0.925")).quantize(Decimal("0.01"))
    assert z.exists and z.nash_price is not None
    assert z.nash_price.number == ((z.low.number + z.high.number) / 2).quantize(Decimal("0.01"))
    assert z.low < brief.target_cost < z.high
    assert brief.nash_cost is not None and brief.nash_cost <= brief.walk_away


def test_concessions_stop_at_walk_away(brief: Brief) -> None:
    costs = [s.term_cost_after for s in brief.concessions]
    assert costs == sorted(costs)
    flags = [s.within_walk_away for s in brief.concessions]
    assert flags[0] and not flags[-1]
    assert all(s.within_walk_away == (s.term_cost_after <= brief.walk_away) for s in brief.concessions)


def test_words_carry_the_figures(brief: Brief) -> None:
    assert any("$5,735,602.12" in words(line) for line in brief.talk_track)
    assert any("$280,000.00" in words(c.reply) and "10% at 60 days" in words(c.reply) for c in brief.counters)
    assert any("3,375,000" in words(q) and "4,000,000" in words(q) for q in brief.questions)
    assert any("no chronic-failure exit right" in words(q) for q in brief.questions)
    assert len(brief.objectives) == 5


def test_cli_plan(tmp_path: Path) -> None:
    result = cli("plan", str(SEED), "--json")
    assert result.exit_code == 0
    payload = json.loads(result.stdout)["result"]
    assert payload["target"] == "revised-ask" and len(payload["packages"]) == 3
    assert payload["compare_saving"] == "466540.38"
    bad = tmp_path / "deal.yaml"
    bad.write_text(SEED.read_text().replace("target_offer: revised-ask", "target_offer: best-ask"))
    result = cli("plan", str(bad))
    assert result.exit_code == 2
    line = next(n for n, text in enumerate(bad.read_text().splitlines(), start=1) if "best-ask" in text)
    assert f"{bad}:{line}:17: negotiation.target_offer: no offer named 'best-ask'" in result.stderr


def test_plan_without_negotiation_block_uses_defaults(seed_deal: Deal) -> None:
    plain = seed_deal.model_copy(update={"negotiation": None})
    brief = build_brief(plain)
    assert brief.target == "final" and brief.vendor_offer == "revised-ask"
