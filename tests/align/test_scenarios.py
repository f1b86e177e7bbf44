"""Every stress scenario on a small deal: the dollars for the buyer and the vendor, and the verdict."""

from __future__ import annotations

from decimal import Decimal

from principal.align import stress
from principal.align.outages import repeated_misses, severe_outage
from principal.align.stress import Verdict, verdict
from principal.money import Amount
from principal.present import formatter_for
from principal.sla.fee_base import fee_bases_for_offer
from tests.align.builders import ctx, deal_with

TEXT = formatter_for("USD").text


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
    # 3 months late (go-live month 6): by month 5 the vendor misses the go-live (50,000) and stable (30,000)
    # payments and, since billing waits for go-live, three months of licences (3 x 15,000).
    assert r.vendor_change == usd(-80_000 - 3 * 15_000)
    assert r.verdict is Verdict.aligned
    assert r.buyer_change == usd(3 * 40_000)  # only the incumbent kept running


def test_low_adoption_and_automation() -> None:
    c = ctx(deal_with())
    low = stress.low_adoption(c)
    assert low.verdict is Verdict.indifferent and low.vendor_change == usd(0)
    auto = stress.automation_seat_cut(c)
    assert auto.verdict is Verdict.aligned  # seat reduction allowed
    silent = stress.automation_seat_cut(ctx(deal_with(None, ("exit.seat_reduction",))))
    assert silent.verdict is Verdict.indifferent and silent.buyer_change > usd(0)


def test_exit_at_renewal() -> None:
    priced = stress.exit_at_renewal(ctx(deal_with()))
    assert priced.buyer_change == usd(400 * 150) and priced.verdict is Verdict.aligned
    assert TEXT(priced.message) == "leaving at renewal costs $60,000.00 (400 h of transition at $150.00)"
    unpriced = stress.exit_at_renewal(ctx(deal_with(None, ("exit",))))
    assert unpriced.verdict is Verdict.misaligned
    assert "unpriced: data export, transition rates" in TEXT(unpriced.message)


def test_severe_outage_and_repeated_misses() -> None:
    deal = deal_with()
    fees = fee_bases_for_offer(deal, "good")
    severe = severe_outage(deal, "good", fees)
    assert severe is not None
    # 4 h of voice: 100 agents x $40 + 400 contacts x $50 = $24,000 an hour -> $96,000.
    # 240 of January's 44,640 minutes is 99.46% uptime: the 10% rung (not the 100% one below 99.0%).
    assert severe.replay.impact.total == usd(96000)
    assert severe.result.vendor_change == -fees.all_monthly / 10
    assert severe.result.verdict is Verdict.weak  # $2,800 is under a tenth of the $93,200 the buyer carries
    repeated = repeated_misses(deal, "good", fees)
    assert repeated is not None and "arises in month 5" in TEXT(repeated.result.message)
    no_sla = deal_with(None, ("sla",))
    assert severe_outage(no_sla, "good", fee_bases_for_offer(no_sla, "good")) is None
