"""Which minutes count: maintenance only with notice AND outside business hours, carve-outs, length, degradation."""

from __future__ import annotations

from decimal import Decimal

import pytest

from principal.model import Deal
from principal.model.buyer import BusinessHours
from principal.model.sla import Exclusions, OutageCause, PartialDegradation
from principal.sla.business_hours import seconds_inside
from principal.sla.exclusions import ExclusionRule, classify
from tests.sla.conftest import ny, outage

D = Decimal
HOURS = BusinessHours(timezone="America/New_York", opens="06:00", closes="22:00")  # type: ignore[arg-type]
STRICT = Exclusions(maintenance_notice_days=7, maintenance_outside_business_hours=True)


def counted_minutes(exclusions: Exclusions, o: object) -> Decimal:
    part = classify(o, o.start, o.end, exclusions, HOURS)  # type: ignore[attr-defined]
    return part.counted_seconds / 60


@pytest.mark.parametrize(
    ("notice", "hour", "counted"),
    [
        (7, 23, 0),  # notice met, outside hours (Wednesday 23:00-00:00): excluded
        (10, 2, 0),  # more notice than needed, 02:00-03:00: excluded
        (6, 23, 60),  # one day short of notice: counts
        (None, 23, 60),  # no notice recorded: counts
        (7, 10, 60),  # notice met but inside business hours: counts
    ],
)
def test_maintenance_excluded_only_when_notice_and_hours_both_hold(notice: int | None, hour: int, counted: int) -> None:
    o = outage(ny(2027, 1, 20, hour), 60, planned=True, notice_days=notice)
    assert counted_minutes(STRICT, o) == counted


def test_maintenance_spanning_opening_time_counts_only_the_open_minutes() -> None:
    # Wednesday 05:00-07:00: the hour from 06:00 is inside business hours and counts; 05:00-06:00 is excluded.
    o = outage(ny(2027, 1, 20, 5), 120, planned=True, notice_days=14)
    part = classify(o, o.start, o.end, STRICT, HOURS)
    assert part.counted_seconds == 3600
    assert part.excluded[0].rule is ExclusionRule.planned_maintenance
    assert part.excluded[0].seconds == 3600


def test_unconditional_maintenance_exclusion_takes_any_hour() -> None:
    o = outage(ny(2027, 1, 20, 10), 60, planned=True)
    assert counted_minutes(Exclusions(), o) == 0
    assert counted_minutes(Exclusions(planned_maintenance=False), o) == 60


def test_weekend_maintenance_is_outside_weekday_hours() -> None:
    o = outage(ny(2027, 1, 23, 12), 90, planned=True, notice_days=7)  # Saturday noon
    assert counted_minutes(STRICT, o) == 0


@pytest.mark.parametrize(
    ("cause", "flag"),
    [
        (OutageCause.carrier, "carrier"),
        (OutageCause.third_party, "third_party"),
        (OutageCause.customer, "customer_caused"),
        (OutageCause.force_majeure, "force_majeure"),
    ],
)
def test_cause_carve_outs(cause: OutageCause, flag: str) -> None:
    o = outage(ny(2027, 1, 20, 10), 30, cause=cause)
    assert counted_minutes(Exclusions(), o) == 0
    assert counted_minutes(Exclusions(**{flag: False}), o) == 30


def test_minimum_outage_length() -> None:
    rules = Exclusions(minimum_outage_minutes=D(5))
    assert counted_minutes(rules, outage(ny(2027, 1, 20, 10), 4)) == 0
    assert counted_minutes(rules, outage(ny(2027, 1, 20, 10), 5)) == 5


def test_partial_degradation_rules() -> None:
    o = outage(ny(2027, 1, 20, 10), 60, degraded_percent=25)
    assert counted_minutes(Exclusions(partial_degradation=PartialDegradation.full), o) == 60
    assert counted_minutes(Exclusions(partial_degradation=PartialDegradation.weighted), o) == 15
    assert counted_minutes(Exclusions(partial_degradation=PartialDegradation.ignored), o) == 0


def test_business_hours_follow_daylight_saving_time() -> None:
    # 14 March 2027: clocks go forward in New York. Monday 15 March 06:00 EDT is 10:00 UTC, not 11:00.
    from datetime import UTC, datetime

    start = datetime(2027, 3, 15, 9, 0, tzinfo=UTC)
    end = datetime(2027, 3, 15, 11, 0, tzinfo=UTC)
    assert seconds_inside(HOURS, start, end) == 3600


def test_always_open_operation_never_excuses_hours_bound_maintenance(seed_deal: Deal) -> None:
    hours = BusinessHours(always_open=True)
    o = outage(ny(2027, 1, 20, 2), 60, planned=True, notice_days=30)
    assert classify(o, o.start, o.end, STRICT, hours).counted_seconds == 3600
