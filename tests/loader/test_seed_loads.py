from principal.model import Deal


def test_seed_has_the_four_versions(seed_deal: Deal) -> None:
    assert list(seed_deal.offers) == ["original", "quarter-end", "revised-ask", "final"]
    assert seed_deal.offers["quarter-end"].licenses[0].unit_price == 145
    assert seed_deal.offers["final"].licenses[0].unit_price == 143
    # `final` extends `revised-ask`, so it inherits the milestone schedule.
    shares = [m.percent for m in seed_deal.offers["final"].one_time_fees[0].milestones]
    assert shares == [20, 40, 30, 10]
