"""The negotiation brief: roles, the alternative and walk-away from the deal, the seed's three fallbacks, words."""

from __future__ import annotations

import json
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest

from principal.cost.compare import attribute_levers
from principal.model import Deal
from principal.model.negotiation import IssueKey
from principal.money import Amount
from principal.present import formatter_for
from principal.statements import Statement
from principal.strategy.plan.brief import PROTECTIONS, Brief, build_brief
from principal.strategy.plan.deal_space import DealSpace, build_space
from tests.builders import build_deal, offer_data
from tests.clirunner import run as cli
from tests.conftest import SEED

STAYING = 162_000 * 36  # the legacy suite: $162,000 a month over the 36-month term
DUAL_RUNNING = 162_000 * 3  # it runs alongside for months 1-3, before the month-4 go-live
WALK_AWAY = STAYING - DUAL_RUNNING


def usd(value: str | int) -> Amount:
    return Amount(Decimal(value), "USD")


def words(statement: Statement) -> str:
    return formatter_for("USD").text(statement)


@pytest.fixture(scope="module")
def brief(seed_deal: Deal) -> Brief:
    return build_brief(seed_deal)


@pytest.fixture(scope="module")
def space(seed_deal: Deal) -> DealSpace:
    assert seed_deal.negotiation is not None
    return build_space(seed_deal, "quarter-end", "revised-ask", seed_deal.negotiation)


def _level_numbers(space: DealSpace, levels: dict[str, Statement]) -> dict[str, int]:
    out = {}
    for issue in space.issues:
        label = levels[issue.key.value]
        out[issue.key.value] = next(n for n, lv in enumerate(issue.levels) if lv.label == label)
    return out


def _utility(space: DealSpace, levels: dict[str, Statement]) -> Decimal:
    numbers = _level_numbers(space, levels)
    return sum(
        (issue.levels[numbers[issue.key.value]].buyer_value * space.negotiation.weight(issue.key))
        for issue in space.issues
    ) or Decimal(0)


def test_the_seed_three_fallbacks(brief: Brief, space: DealSpace) -> None:
    assert [p.theme for p in brief.packages] == ["license-price-led", "usage-cap-and-bands-led", "credits-and-exit-led"]
    # Lead levers are distinct, one from each theme.
    # Under the one valuation, doubling the holdback is the credits-and-exit theme's furthest step beyond the ask.
    assert [p.lead for p in brief.packages] == ["seat_price", "usage_cap", "holdback"]
    target = _utility(space, {i.key.value: i.levels[i.ask_level].label for i in space.issues})
    values = [_utility(space, p.levels) for p in brief.packages]
    assert max(values) - min(values) <= target / 100  # within 1% of each other under the one valuation
    assert all(abs(v - target) <= target / 200 for v in values)  # and within 0.5% of the ask's value
    for package in brief.packages:
        numbers = _level_numbers(space, package.levels)
        for issue in space.issues:  # no protection the ask holds is given back
            if issue.key in PROTECTIONS:
                assert numbers[issue.key.value] >= issue.ask_level, (package.theme, issue.key)
        seat = package.levels["seat_price"].value("price")
        assert isinstance(seat, Amount) and (seat.number * 2) % 1 == 0  # whole or half dollars a seat
        assert words(package.levels["uplift"]).rstrip("%").isdigit()  # whole percents
        assert package.margin == usd(WALK_AWAY) - package.term_cost
    lic, usage, credits = brief.packages
    assert lic.levels["seat_price"].value("price") == usd("140.50")  # below the ask's $142
    assert words(usage.levels["usage_cap"]) == "cap 105%"
    assert words(credits.levels["holdback"]) == "ask's milestones, holdback doubled"
    assert words(credits.levels["sla_credits"]) == words(credits.levels["exit_terms"]) == "ask's terms"


def test_fallbacks_on_the_example_cannot_beat_staying(brief: Brief) -> None:
    # Staying costs less than even the ask once dual running counts, so no fallback fits inside the walk-away: each
    # is shown with its negative margin and the brief says so.
    assert all(p.inside_margin is False and p.margin is not None and p.margin.number < 0 for p in brief.packages)
    assert any("stays inside the walk-away by the margin" in note for note in brief.notes)


def test_high_acceptance_shows_the_stronger_version(brief: Brief, space: DealSpace) -> None:
    assert any(package.acceptance >= 0.9 for package in brief.packages)
    for package in brief.packages:
        if package.acceptance < 0.9:
            assert package.stronger is None
            continue
        assert package.stronger is not None
        assert _utility(space, package.stronger.levels) > _utility(space, package.levels)
        assert 0.5 <= package.stronger.acceptance < package.acceptance


def test_fallbacks_inside_a_stated_walk_away(seed_deal: Deal) -> None:
    assert seed_deal.negotiation is not None
    negotiation = seed_deal.negotiation.model_copy(
        update={"batna": seed_deal.negotiation.batna.model_copy(update={"term_cost": Decimal(6_500_000)})}
    )
    deal = seed_deal.model_copy(update={"negotiation": negotiation})
    brief = build_brief(deal)
    # Stated alternative 6,500,000 less the 486,000 of dual running: 6,014,000; 1% inside it is 5,953,860.
    assert brief.batna_kind == "stated" and brief.walk_away == usd(6_500_000 - DUAL_RUNNING)
    assert len(brief.packages) == 3
    for package in brief.packages:
        assert package.inside_margin is True
        assert package.term_cost.number <= Decimal(6_014_000) * Decimal("0.99")


def test_asks_reconcile_with_compare(seed_deal: Deal, brief: Brief) -> None:
    versus = attribute_levers(seed_deal, "original", "revised-ask")
    assert brief.compare_saving == usd("466540.38")
    assert sum(a.value_vs_baseline.number for a in brief.asks) == brief.compare_saving.number
    levers = {lv.lever: lv.term.quantize(Decimal("0.01")) for lv in versus.levers}
    by_issue = {a.issue: a for a in brief.asks}
    assert by_issue["seat_price"].value_vs_baseline.number == levers["licences"] == Decimal("219143.34")
    assert by_issue["usage_rates"].value_vs_baseline.number == levers["usage_rates"] == Decimal("198000.00")
    assert by_issue["uplift"].value_vs_baseline.number == levers["uplift"] == Decimal("49397.04")
    ranked = [a.ranked_value for a in brief.asks]
    assert ranked == sorted(ranked, reverse=True)
    # The SLA ladder is the largest risk value of the one valuation (the cap was first under the old default
    # formula "P(high volume) 0.25 x the saving at 1.3x plan").
    assert brief.asks[0].issue == IssueKey.sla_credits.value


def test_alternative_on_the_example_is_staying_with_switching_costs(brief: Brief) -> None:
    assert brief.batna_kind == "staying with the incumbent"
    assert brief.batna_cost == usd(STAYING)
    assert brief.walk_away == usd(WALK_AWAY)
    z = brief.zopa
    assert z is not None
    # 5% budget widened by half for high pressure: 7.5% below the vendor's latest offer, above the walk-away.
    assert z.vendor_reservation.number == (brief.vendor_offer_cost.number * Decimal("0.925")).quantize(Decimal("0.01"))
    assert not z.exists and brief.nash_cost is None
    assert all(s.within_walk_away is False for s in brief.concessions)


def test_no_incumbent_no_bid_the_alternative_is_unknown(seed_deal: Deal) -> None:
    buyer = seed_deal.buyer.model_copy(update={"incumbent": None})
    brief = build_brief(seed_deal.model_copy(update={"buyer": buyer}))
    assert brief.batna_kind == "unknown" and brief.batna_cost is None
    assert brief.walk_away is None and brief.zopa is None and brief.nash_cost is None
    assert brief.alternative_question is not None and "alternative" in words(brief.alternative_question)
    assert all(s.within_walk_away is None for s in brief.concessions)
    assert all(p.margin is None and p.inside_margin is None for p in brief.packages)
    said = " ".join(words(s) for s in brief.talk_track)
    assert "$0" not in said and "alternative" not in said
    assert "walk-away waits for your alternative" in words(brief.objectives[0])


def two_vendor_deal(**negotiation: Any) -> Deal:
    # 10 seats x price x 12 months + 100,000 minutes x 0.01 x 12 months (12,000); no incumbent.
    return build_deal(
        {
            "vendor": "Alpha",
            "offers": {
                "only": None,
                "alpha-first": offer_data(),  # 12,000 + 12,000 = 24,000
                "beta-bid": offer_data(
                    {"vendor": "Beta", "licenses": [{"name": "agent", "quantity": 10, "unit_price": 95}]}
                ),  # 11,400 + 12,000 = 23,400
                "our-ask": offer_data({"licenses": [{"name": "agent", "quantity": 10, "unit_price": 90}]}),  # 22,800
            },
            "baseline": "alpha-first",
            "negotiation": {"vendor_offer": "alpha-first", **negotiation},
        }
    )


def test_two_vendors_the_rival_bid_is_the_alternative_at_its_own_cost() -> None:
    brief = build_brief(two_vendor_deal(target_offer="our-ask"))
    assert brief.batna_kind == "competing bid"
    assert brief.batna_cost == usd(23_400) and brief.walk_away == usd(23_400)
    assert words(brief.batna) == "award to Beta (offer beta-bid)"
    z = brief.zopa
    assert z is not None and z.exists
    # Vendor: 24,000 x (1 - 5% x 1.25 for medium pressure) = 22,500; even split (22,500 + 23,400) / 2.
    assert z.vendor_reservation == usd(22_500) and z.nash_price == usd(22_950)
    said = " ".join(words(s) for s in brief.talk_track)
    assert "today your offer does not beat it" in said  # 24,000 > 23,400


def test_roles_are_labelled_and_chosen() -> None:
    deal = two_vendor_deal()
    default = build_brief(deal)
    assert default.target == "our-ask" and default.roles.target_is_default
    assert "default: the last offer in the file" in words(default.roles.target_source)
    chosen = build_brief(deal, target="our-ask", vendor_offer="alpha-first")
    assert not chosen.roles.target_is_default and words(chosen.roles.target_source) == "chosen for this brief"
    # The vendor's offer comes from the target's own vendor, never from the rival.
    plain = build_brief(two_vendor_deal(vendor_offer=None, target_offer="our-ask"))
    assert plain.vendor_offer == "alpha-first"


def test_a_cheaper_offer_is_not_said_to_lose_to_the_alternative() -> None:
    deal = two_vendor_deal(target_offer="our-ask", batna={"term_cost": 30_000})
    brief = build_brief(deal)
    said = " ".join(words(s) for s in brief.talk_track)
    assert "does not beat" not in said  # 24,000 is below the stated 30,000
    assert "Your latest offer costs us about $24,000 over the term" in said


def test_words_carry_spoken_figures(brief: Brief) -> None:
    said = [words(line) for line in brief.talk_track]
    assert any("brings the term to about $5.7 million" in line for line in said)  # 5,735,602.12 said aloud
    assert not any("$5,735,602.12" in line for line in said)
    assert any("$280,000;" in words(c.reply) and "10% at 60 days" in words(c.reply) for c in brief.counters)
    assert any("3,375,000" in words(q) and "4,000,000" in words(q) for q in brief.questions)
    assert not any("0.5" in words(c.reply) for c in brief.counters)  # a default is not put in the buyer's mouth
    assert not any("assumes" in words(q) for q in brief.questions)
    assert len(brief.objectives) == 5


def test_cli_plan(tmp_path: Path) -> None:
    result = cli("plan", str(SEED), "--json")
    assert result.exit_code == 0
    payload = json.loads(result.stdout)["result"]
    assert payload["target"] == "revised-ask" and len(payload["packages"]) == 3
    assert payload["walk_away"] == f"{WALK_AWAY}.00"
    chosen = cli("plan", str(SEED), "--json", "--target", "final")
    assert json.loads(chosen.stdout)["result"]["target"] == "final"
    unknown = cli("plan", str(SEED), "--target", "best-ask")
    assert unknown.exit_code == 2 and "--target: no offer named 'best-ask'" in unknown.stderr
    bad = tmp_path / "deal.yaml"
    bad.write_text(SEED.read_text().replace("target_offer: revised-ask", "target_offer: best-ask"))
    result = cli("plan", str(bad))
    assert result.exit_code == 2
    line = next(n for n, text in enumerate(bad.read_text().splitlines(), start=1) if "best-ask" in text)
    assert f"{bad}:{line}:17: negotiation.target_offer: no offer named 'best-ask'" in result.stderr
    bad.write_text(SEED.read_text().replace("  batna:\n", "  batna:\n    offer: gamma\n"))
    result = cli("plan", str(bad))
    line = next(n for n, text in enumerate(bad.read_text().splitlines(), start=1) if "gamma" in text)
    assert result.exit_code == 2
    assert f"{bad}:{line}:12: negotiation.batna.offer: no offer named 'gamma'" in result.stderr


def test_plan_without_negotiation_block_labels_its_defaults(seed_deal: Deal) -> None:
    plain = seed_deal.model_copy(update={"negotiation": None})
    brief = build_brief(plain)
    assert brief.target == "final" and brief.vendor_offer == "revised-ask"
    assert brief.roles.target_is_default
    assert "nothing says it is yours" in words(brief.roles.target_source)


def test_the_buyers_words_name_only_the_alternative_they_are_tied_to() -> None:
    # No incumbent: the only alternative is Beta's bid, 23,400. Words tied to it by batna.offer name it; the same
    # words untied are shown beside the costed alternative, never as its name.
    tied = build_brief(
        two_vendor_deal(target_offer="our-ask", batna={"description": "go with Beta", "offer": "beta-bid"})
    )
    assert words(tied.batna) == "go with Beta" and tied.batna_cost == usd(23_400)
    untied = build_brief(two_vendor_deal(target_offer="our-ask", batna={"description": "stay where we are"}))
    assert words(untied.batna) == "award to Beta (offer beta-bid)" and untied.batna_cost == usd(23_400)
    beside = [words(s) for s in untied.alternatives_considered]
    assert any("'stay where we are', are not tied to an offer or a cost" in line for line in beside)


def test_with_no_incumbent_switching_adds_nothing_to_the_walk_away() -> None:
    brief = build_brief(two_vendor_deal(target_offer="our-ask"))
    assert brief.walk_away == usd(23_400)  # the rival's 23,400, less nothing: there is no incumbent to run beside
    assert words(brief.walk_away_formula) == (
        "the alternative $23,400.00: with no incumbent in the deal, switching to 'alpha-first' adds nothing to its "
        "contract"
    )


def test_the_vendors_walk_away_labels_the_defaults_it_rests_on() -> None:
    plain = build_brief(two_vendor_deal(target_offer="our-ask"))
    assert words(plain.vendor_reservation_formula) == (
        "the vendor's latest offer $24,000.00 x (1 - 6.25% concession room: 5% budget (default) widened for medium "
        "quarter-end pressure (default)), never below its 35% cost to serve (default)"
    )
    stated = build_brief(
        two_vendor_deal(target_offer="our-ask", vendor={"concession_budget_percent": 8, "quarter_end_pressure": "none"})
    )
    assert words(stated.vendor_reservation_formula) == (
        "the vendor's latest offer $24,000.00 x (1 - 8% concession room: 8% budget widened for none quarter-end "
        "pressure), never below its 35% cost to serve (default)"
    )
