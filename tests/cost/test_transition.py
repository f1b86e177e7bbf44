"""Dual running and early termination on hand-made deals: each figure is worked out by hand in the test."""

from __future__ import annotations

from decimal import Decimal

from principal.cost.compare import attribute_levers, compare
from principal.cost.lines import Category
from principal.cost.switching import switching_cost
from principal.cost.transition import EndRule, transition
from principal.loader import parse_deal
from principal.model import Deal


def deal(incumbent: str, implementation: str = "{go_live_month: 4}", agents: int = 100) -> Deal:
    return parse_deal(
        f"""
name: transition
buyer:
  agents: {agents}
  incumbent: {incumbent}
offers:
  a:
    term_months: 12
    licenses: [{{name: agent, quantity: {agents}, unit_price: 10}}]
    implementation: {implementation}
"""
    )


WAVES = "{waves: [{name: east, agents: 40, go_live_month: 3}, {name: west, agents: 60, go_live_month: 6}]}"


def dual_months(d: Deal) -> list[tuple[int, Decimal]]:
    return [(ln.month, ln.amount) for ln in transition(d, "a").lines if ln.category is Category.dual_running]


def test_seed_final_runs_the_incumbent_three_months_before_its_month_4_go_live(seed_deal: Deal) -> None:
    moving = switching_cost(seed_deal, "final")
    assert moving.dual_running == 3 * Decimal("162000")  # months 1-3 at the full 162,000
    assert [ln.month for ln in moving.transition.lines] == [1, 2, 3]
    assert moving.total == Decimal("5752292.98") + Decimal("486000.00")  # = 6,238,292.98
    assert moving.staying == 36 * Decimal("162000")  # = 5,832,000.00
    assert moving.difference == Decimal("6238292.98") - Decimal("5832000.00")  # 406,292.98 more to switch
    assert moving.transition.rule is EndRule.moved
    assert [d.path for d in moving.transition.defaults_used] == [
        "buyer.incumbent.notice_months",
        "buyer.incumbent.committed_until_month",
        "buyer.incumbent.overlap_months",
    ]
    years = moving.years
    assert years[0].switching == Decimal("1893700.00") + 3 * Decimal("162000")
    assert years[0].staying == 12 * Decimal("162000")
    assert years[1].dual_running == 0


def test_one_go_live_stops_the_whole_incumbent_in_that_month() -> None:
    d = deal("{monthly_cost: 10000, annual_growth_percent: 10}", "{go_live_month: 4}")
    assert dual_months(d) == [(1, Decimal(10000)), (2, Decimal(10000)), (3, Decimal(10000))]
    moving = switching_cost(d, "a")
    assert moving.contract.total == 12 * 100 * Decimal(10)  # 12,000 of licences
    assert moving.total == Decimal(12000) + 3 * Decimal(10000)  # 42,000
    assert moving.staying == 12 * Decimal(10000)  # one contract year: no growth yet


def test_waves_with_a_variable_share_cut_the_incumbent_as_each_wave_moves() -> None:
    d = deal("{monthly_cost: 10000, variable_percent: 80}", WAVES)
    # Months 1-2: nobody moved, the full 10,000. Months 3-5: 40 of 100 agents moved, so 80% x 40% of the bill
    # falls away: 10,000 x (1 - 0.8 x 0.4) = 6,800. Month 6: everyone has moved and the incumbent stops.
    assert dual_months(d) == [(1, Decimal(10000)), (2, Decimal(10000))] + [(m, Decimal(6800)) for m in (3, 4, 5)]
    assert transition(d, "a").dual_running == 2 * Decimal(10000) + 3 * Decimal(6800)  # 40,400
    assert transition(d, "a").end_month == 6


def test_overlap_keeps_each_wave_on_the_incumbent_after_its_go_live() -> None:
    d = deal("{monthly_cost: 10000, variable_percent: 80, overlap_months: 1}", WAVES)
    # East (go-live 3) leaves in month 4, west (go-live 6) in month 7.
    assert dual_months(d) == [(m, Decimal(10000)) for m in (1, 2, 3)] + [(m, Decimal(6800)) for m in (4, 5, 6)]
    assert transition(d, "a").dual_running == 3 * Decimal(10000) + 3 * Decimal(6800)  # 50,400
    assert transition(d, "a").all_moved_month == 7


def test_notice_served_late_keeps_the_fixed_part_running_until_the_notice_has_run() -> None:
    d = deal("{monthly_cost: 10000, variable_percent: 70, notice_months: 3, notice_served_month: 3}")
    # Go-live month 4, but notice served in month 3 runs out at the end of month 5: months 1-3 at 10,000, months
    # 4-5 with every agent moved at the fixed 30%: 3,000 each.
    full, fixed = Decimal(10000), Decimal(3000)
    assert dual_months(d) == [(1, full), (2, full), (3, full), (4, fixed), (5, fixed)]
    moving = transition(d, "a")
    assert moving.dual_running == 3 * Decimal(10000) + 2 * Decimal(3000)  # 36,000
    assert moving.rule is EndRule.notice and moving.end_month == 6


def test_a_commitment_without_a_fee_is_paid_in_full_to_its_last_month() -> None:
    d = deal("{monthly_cost: 10000, committed_until_month: 9, notice_months: 0}")
    moving = transition(d, "a")
    assert dual_months(d) == [(m, Decimal(10000)) for m in range(1, 10)]  # months 1-9 in full, go-live or not
    assert moving.dual_running == 9 * Decimal(10000)
    assert moving.early_termination == 0
    assert moving.rule is EndRule.commitment and moving.end_month == 10


def test_an_early_termination_fee_ends_the_commitment_when_everyone_has_moved() -> None:
    d = deal("{monthly_cost: 10000, committed_until_month: 9, early_termination_fee: 15000}")
    moving = transition(d, "a")
    assert dual_months(d) == [(m, Decimal(10000)) for m in (1, 2, 3)]
    fee = [(ln.month, ln.amount) for ln in moving.lines if ln.category is Category.early_termination]
    assert fee == [(4, Decimal(15000))]  # charged once, in the go-live month
    assert moving.rule is EndRule.early_termination
    assert switching_cost(d, "a").total == 12 * 100 * Decimal(10) + 3 * Decimal(10000) + Decimal(15000)  # 57,000
    assert moving.notes == ()  # paying months 4-9 (60,000) would cost more than the 15,000 fee


def test_a_fee_dearer_than_paying_through_is_applied_and_said() -> None:
    d = deal("{monthly_cost: 10000, committed_until_month: 6, early_termination_fee: 45000}")
    moving = transition(d, "a")
    assert moving.early_termination == Decimal(45000)  # the deal gives the fee, so it applies
    assert len(moving.notes) == 1
    note = moving.notes[0]
    assert note.value("through").number == 3 * Decimal(10000)  # type: ignore[union-attr]  # months 4-6
    assert note.value("month") == 6


def test_no_incumbent_cost_leaves_dual_running_and_staying_unknown() -> None:
    d = deal("{name: legacy}")
    moving = switching_cost(d, "a")
    assert moving.dual_running is None and moving.staying is None and moving.total is None
    assert moving.basis == moving.contract.total  # levers fall back to the new contract, said in the result
    assert moving.transition.defaults_used[0].path == "buyer.incumbent.monthly_cost"


def test_a_later_go_live_is_a_cost_on_the_timing_lever(seed_deal: Deal) -> None:
    final = seed_deal.offers["final"]
    assert final.implementation is not None
    late = final.model_copy(update={"implementation": final.implementation.model_copy(update={"go_live_month": 7})})
    d = seed_deal.model_copy(update={"offers": {**seed_deal.offers, "late": late}})
    versus = attribute_levers(d, "final", "late")
    [timing] = versus.levers
    assert timing.lever == "timing"
    # Three months less usage on the new platform (3 x 93,500 = 280,500) but three more of the incumbent
    # (3 x 162,000 = 486,000): the later go-live costs 205,500.00.
    assert timing.term == 3 * Decimal(93500) - 3 * Decimal(162000)
    assert versus.saving == timing.term
    assert compare(d, ["final", "late"], "final").switching["late"].dual_running == 6 * Decimal(162000)
