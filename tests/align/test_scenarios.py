"""Every stress scenario on a small deal: the dollars for the buyer and the vendor, and the verdict."""

from __future__ import annotations

import copy
import json
from decimal import Decimal

from principal.align import stress
from principal.align.outages import repeated_misses, severe_outage
from principal.align.stress import Verdict, verdict
from principal.loader import parse_deal
from principal.model import Deal
from principal.money import Amount
from principal.present import formatter_for
from principal.sla.fee_base import fee_bases_for_offer
from tests.align.builders import ctx, deal_with
from tests.builders import FULL_DEAL

TEXT = formatter_for("USD").text


def deal_with_buyer(**buyer: object) -> Deal:
    data = copy.deepcopy(FULL_DEAL)
    for key, value in buyer.items():
        if value is None:
            data["buyer"].pop(key, None)
        else:
            data["buyer"][key] = value
    return parse_deal(json.dumps(data), "test.json")


def usd(number: Decimal | int) -> Amount:
    return Amount(Decimal(number), "USD")


def test_verdict_rule() -> None:
    assert verdict(Decimal(10), Decimal(10)) is Verdict.misaligned
    assert verdict(Decimal(0), Decimal(10)) is Verdict.indifferent
    assert verdict(Decimal(-5), Decimal(10)) is Verdict.aligned
    assert verdict(Decimal(10), Decimal(0)) is Verdict.aligned  # the buyer is not worse off


def test_usage_overrun_without_a_cap_shows_what_a_cap_would_do() -> None:
    c = ctx(deal_with(None, ("usage_cap",)))
    r = stress.usage_overrun(c, Decimal(30))
    # Plan a month: voice 500k x 0.012 + 500k x 0.01 = 11,000, bots 2,000. At +30% voice is 1.3M minutes:
    # 6,000 + 8,000 = 14,000 (+3,000) and bots 2,600 (+600), for the 22 months from go-live (month 3).
    assert r.vendor_change == r.buyer_change == usd(22 * (3000 + 600))  # usage from go-live (month 3)
    assert r.verdict is Verdict.misaligned
    assert r.with_protection == usd(22 * 1300)  # 110% cap: 10% of the 13,000 monthly plan
    assert TEXT(r.message) == (
        "usage 30% over forecast: the vendor earns $79,200.00 more and you pay $79,200.00; "
        "with a 110% annual cap, $28,600.00"
    )


def test_usage_overrun_with_a_cap_reports_what_it_refuses() -> None:
    r = stress.usage_overrun(ctx(deal_with()), Decimal(50))
    assert r.vendor_change == usd(22 * 1300)
    assert "the cap refuses $" in TEXT(r.message)


def test_launch_spike() -> None:
    r = stress.launch_spike(ctx(deal_with(None, ("usage_cap",))))
    assert r is not None
    assert r.vendor_change == usd(19 * 10_000) * Decimal("0.2")  # months 6-24 at 20,000 instead of 10,000


def test_vendor_configuration_only_for_ai_meters_that_are_not_opt_in() -> None:
    assert stress.vendor_configuration(ctx(deal_with())) is None  # bots are opt-in
    base = deal_with(None, ("usage.1.opt_in", "usage_cap"))
    r = stress.vendor_configuration(ctx(base))
    assert r is not None and r.vendor_change == usd(22 * 2000) * Decimal("0.15")


def test_slip_with_billing_tied_to_go_live_costs_the_vendor() -> None:
    r = stress.implementation_slip(ctx(deal_with()))
    # 3 months late (go-live month 6 instead of 3). The vendor loses what it cannot bill while nothing is live:
    # since billing waits for go-live, three months of licences (3 x 15,000) and of usage (3 x 13,000). The
    # milestone payments only move later: no loss.
    assert r.vendor_change == usd(-3 * 15_000 - 3 * 13_000)
    # The buyer's incremental cash: the contract's 84,000 less, and the incumbent 3 months longer (3 x 40,000).
    assert r.buyer_change == usd(3 * 40_000 - 84_000)
    assert r.verdict is verdict(r.vendor_change.number, r.buyer_change.number) is Verdict.aligned


def test_slip_without_an_incumbent_counts_the_contract_alone() -> None:
    r = stress.implementation_slip(ctx(deal_with_buyer(incumbent=None)))
    assert r.vendor_change == r.buyer_change == usd(-84_000)
    assert "not counting the incumbent" in TEXT(r.message)


def test_low_adoption_and_automation() -> None:
    c = ctx(deal_with())
    low = stress.low_adoption(c)
    assert low.verdict is Verdict.indifferent and low.vendor_change == usd(0)
    auto = stress.automation_seat_cut(c)
    assert auto.verdict is Verdict.aligned  # seat reduction allowed
    silent = stress.automation_seat_cut(ctx(deal_with(None, ("exit.seat_reduction",))))
    assert silent.verdict is Verdict.indifferent and silent.buyer_change > usd(0)


def test_exit_at_renewal() -> None:
    # Every amount the vendor bills for the exit is revenue from the buyer leaving: misaligned by the definition.
    priced = stress.exit_at_renewal(ctx(deal_with()))
    assert priced.buyer_change == priced.vendor_change == usd(400 * 150)
    assert priced.verdict is Verdict.misaligned
    assert TEXT(priced.message) == (
        "leaving at renewal costs $60,000.00, all of it billed by the vendor (400 h of transition at $150.00)"
    )
    # No exit terms: priced at the plan's stated assumptions (export $50,000, 400 h at the $250 market rate).
    unpriced = stress.exit_at_renewal(ctx(deal_with(None, ("exit",))))
    assert unpriced.buyer_change == unpriced.vendor_change == usd(50_000 + 400 * 250)
    assert unpriced.verdict is Verdict.misaligned
    assert "does not price data export, transition rates" in TEXT(unpriced.message)


def test_every_scenario_follows_the_one_definition() -> None:
    for deal in (deal_with(), deal_with(None, ("exit", "usage_cap"))):
        c = ctx(deal)
        for r in stress.cost_scenarios(c):
            assert r.verdict is verdict(r.vendor_change.number, r.buyer_change.number), r.id


def test_severe_outage_and_repeated_misses() -> None:
    deal = deal_with()
    fees = fee_bases_for_offer(deal, "good")
    severe = severe_outage(deal, "good", fees)
    assert severe is not None
    # In the go-live month (3, March): 4 h of voice: 100 agents x $40 + 400 contacts x $50 = $24,000 an hour ->
    # $96,000. 240 of March's 44,640 minutes is 99.46% uptime: the 10% rung (not the 100% one below 99.0%).
    assert severe.replay.impact.total == usd(96000)
    assert severe.result.vendor_change == -fees.all_monthly / 10
    assert severe.result.verdict is Verdict.weak  # $2,800 is under a tenth of the $93,200 the buyer carries
    repeated = repeated_misses(deal, "good", fees)
    assert "down 4 hours in month 3" in TEXT(severe.result.message)
    # Misses only in live months, from go-live every other month: 3, 5, 7; the third fires the exit right.
    assert repeated is not None and "misses in months 3, 5, 7" in TEXT(repeated.result.message)
    assert "arises in month 7" in TEXT(repeated.result.message)
    no_sla = deal_with(None, ("sla",))
    assert severe_outage(no_sla, "good", fee_bases_for_offer(no_sla, "good")) is None
