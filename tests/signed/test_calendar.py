"""`principal calendar`: the signed example's key dates as iCalendar, read back with the icalendar package."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import icalendar

from tests.clirunner import run
from tests.conftest import ROOT

SIGNED = ROOT / "examples" / "ccaas-450" / "signed-deal.yaml"


def _signed_on(tmp_path: Path, signature: str, effective: str) -> Path:
    text = SIGNED.read_text()
    text = text.replace("signature_date: 2026-12-15", f"signature_date: {signature}")
    text = text.replace("effective_date: 2027-01-01", f"effective_date: {effective}")
    path = tmp_path / "signed.yaml"
    path.write_text(text)
    return path


def _events(path: Path) -> list[icalendar.Event]:
    cal = icalendar.Calendar.from_ical(path.read_bytes())
    return list(cal.walk("VEVENT"))


def _kind(event: icalendar.Event) -> str:
    return str(event.get("categories").cats[0])


def test_the_notice_deadline_is_on_the_right_day(tmp_path: Path) -> None:
    deal = _signed_on(tmp_path, "2027-03-10", "2027-04-01")
    out = tmp_path / "dates.ics"
    result = run("calendar", str(deal), "-o", str(out), "--remind", "45,10")
    assert result.exit_code == 0, result.output
    events = _events(out)
    notice = [e for e in events if _kind(e) == "notice_deadline"]
    assert len(notice) == 1
    # 36-month term from 1 April 2027 ends on 31 March 2030; renewal 1 April 2030; notice 90 days before that.
    renewal = dt.date(2030, 4, 1)
    assert notice[0].decoded("dtstart") == renewal - dt.timedelta(days=90) == dt.date(2030, 1, 1)
    description = str(notice[0].get("description"))
    assert "Clause: " + str(deal) + ":" in description
    assert "offers.final.exit.renewal.notice_days" in description
    triggers = sorted(a.decoded("trigger") for a in notice[0].walk("VALARM"))
    assert triggers == [dt.timedelta(days=-45), dt.timedelta(days=-10)]
    renews = [e for e in events if _kind(e) == "renewal"]
    assert [e.decoded("dtstart") for e in renews] == [renewal]
    assert not list(renews[0].walk("VALARM"))  # reminders only before deadlines


def test_price_increase_notices_and_the_holdback(tmp_path: Path) -> None:
    out = tmp_path / "dates.ics"
    assert run("calendar", str(SIGNED), "-o", str(out)).exit_code == 0
    by_kind: dict[str, list[dt.date]] = {}
    for event in _events(out):
        by_kind.setdefault(_kind(event), []).append(event.decoded("dtstart"))
    # 3% from year 2, announced 60 days ahead: years 2 and 3 start on 2028-01-01 and 2029-01-01.
    assert by_kind["price_increase"] == [dt.date(2028, 1, 1), dt.date(2029, 1, 1)]
    assert by_kind["price_increase_notice"] == [dt.date(2027, 11, 2), dt.date(2028, 11, 2)]
    assert by_kind["holdback"] == [dt.date(2027, 6, 1)]  # contract month 6
    # a claim deadline for each of the 36 monthly windows: the window's last day + 30 days
    claims = by_kind["sla_claim_deadline"]
    assert len(claims) == 36
    assert claims[0] == dt.date(2027, 1, 31) + dt.timedelta(days=30)


def test_a_deal_not_signed_is_a_located_error(tmp_path: Path) -> None:
    out = tmp_path / "dates.ics"
    result = run("calendar", str(ROOT / "examples" / "ccaas-450" / "deal.yaml"), "-o", str(out))
    assert result.exit_code == 2
    assert "deal.yaml: signed: no signed offer" in result.stderr
    assert not out.exists()


def test_a_bad_reminder_is_refused_before_anything_is_written(tmp_path: Path) -> None:
    out = tmp_path / "dates.ics"
    result = run("calendar", str(SIGNED), "-o", str(out), "--remind", "30,soon")
    assert result.exit_code == 2
    assert "--remind" in result.stderr
    assert not out.exists()
