"""Every downtime figure of domain-notes section 1, and the allowed-downtime report."""

from __future__ import annotations

from decimal import Decimal

import pytest

from principal.model import Deal
from principal.sla.downtime import allowed_downtime, allowed_minutes, availability_percent, series_availability

D = Decimal


@pytest.mark.parametrize(
    ("target", "days", "minutes"),
    [
        ("99.9", 30, "43.2"),
        ("99.9", 31, "44.64"),
        ("99.9", 28, "40.32"),
        ("99.9", 365, "525.6"),
        ("99.95", 30, "21.6"),
        ("99.99", 30, "4.32"),
        ("99.999", 365, "5.256"),
    ],
)
def test_allowed_downtime_matches_the_domain_notes(target: str, days: int, minutes: str) -> None:
    assert allowed_minutes(D(target), D(days) * 1440) == D(minutes)


def test_a_year_at_99_9_is_8_76_hours() -> None:
    assert allowed_minutes(D("99.9"), D(365 * 1440)) / 60 == D("8.76")


def test_tables_saying_43_8_minutes_use_the_365_over_12_day_month() -> None:
    assert allowed_minutes(D("99.9"), D(365) / 12 * 1440) == D("43.8")


def test_45_minutes_in_a_30_day_month_is_99_896_percent_a_miss() -> None:
    availability = availability_percent(D(45), D(43200))
    assert availability.quantize(D("0.001")) == D("99.896")
    assert availability < D("99.9")


def test_averaged_over_three_components_one_can_be_down_129_6_minutes() -> None:
    down = D("129.6")
    average = (availability_percent(down, D(43200)) + 2 * D(100)) / 3
    assert average == D("99.9")


def test_components_in_series_multiply() -> None:
    assert (series_availability([D("99.9"), D("99.95"), D("99.99")]) / 100).quantize(D("0.00001")) == D("0.99840")


def test_report_labels_every_month_length_and_the_average(seed_deal: Deal) -> None:
    sla = seed_deal.offers["final"].sla
    assert sla is not None
    report = allowed_downtime(sla, seed_deal.buyer.business_hours)
    voice = report.components[0]
    assert [p.label for p in voice.periods] == [
        "28-day month",
        "29-day month",
        "30-day month",
        "31-day month",
        "365/12-day average month",
    ]
    assert [p.allowed_minutes for p in voice.periods] == [D("20.16"), D("20.88"), D("21.6"), D("22.32"), D("21.9")]
    assert voice.per_365_day_year_minutes == D("262.8")
    assert "86.40 minutes" in report.combined_note  # 21.6 + 21.6 + 43.2 if outages never overlap


def test_original_averaged_design_reports_its_combined_target(seed_deal: Deal) -> None:
    sla = seed_deal.offers["original"].sla
    assert sla is not None
    report = allowed_downtime(sla, seed_deal.buyer.business_hours)
    assert report.combined_target == D("99.9")
    assert "43.20 minutes" in report.combined_note


def test_maintenance_outside_business_hours_can_take_the_closed_hours(seed_deal: Deal) -> None:
    sla = seed_deal.offers["final"].sla
    assert sla is not None
    carve = {c.rule: c for c in allowed_downtime(sla, seed_deal.buyer.business_hours).carveouts}
    # open 06:00-22:00 on 5 weekdays = 80 of 168 hours; closed share x 43,200 minutes
    assert carve["planned_maintenance"].excludable_minutes == D("22628.57")  # (1 - 80/168) x 43,200
    assert carve["carrier"].applies and carve["carrier"].excludable_minutes is None
    original = seed_deal.offers["original"].sla
    assert original is not None
    plain = {c.rule: c for c in allowed_downtime(original, seed_deal.buyer.business_hours).carveouts}
    assert plain["planned_maintenance"].excludable_minutes is None  # any amount, at any hour
