"""The After signature tab in process: key dates of the signed example, the calendar download, and an invoice audit
uploaded as CSV (the same planted over-billing as tests/signed/test_audit.py)."""

from __future__ import annotations

import datetime as dt

import icalendar

from tests.conftest import ROOT
from tests.signed.test_audit import _invoices
from tests.web.conftest import WebClient
from tests.web.html_probe import cells, element

SIGNED = ROOT / "examples" / "ccaas-450" / "signed-deal.yaml"


def _with_signed_deal(web: WebClient) -> None:
    response = web.post_form("/deals", {"yaml_text": SIGNED.read_text(), "author": "ana", "message": "Signed"})
    assert response.status_code == 303  # type: ignore[attr-defined]


def test_key_dates_and_the_calendar_download(web: WebClient) -> None:
    _with_signed_deal(web)
    page = web.client.get("/deals/1/signed").text
    notice = element(page, '<tr data-kind="notice_deadline" class="deadline">', "tr")
    assert cells(notice)[0] == "2029-10-03"  # 2030-01-01 - 90 days
    ics = web.client.get("/deals/1/signed/dates.ics", params={"remind": "14"})
    assert ics.status_code == 200 and ics.headers["content-type"].startswith("text/calendar")
    events = icalendar.Calendar.from_ical(ics.content).walk("VEVENT")
    [deadline] = [e for e in events if str(e.get("categories").cats[0]) == "notice_deadline"]
    assert deadline.decoded("dtstart") == dt.date(2030, 1, 1) - dt.timedelta(days=90)
    assert [a.decoded("trigger") for a in deadline.walk("VALARM")] == [dt.timedelta(days=-14)]
    assert "deal-1-v1.yaml:" in str(deadline.get("description"))


def test_an_uploaded_invoice_is_audited(web: WebClient) -> None:
    _with_signed_deal(web)
    response = web.client.post(
        "/deals/1/signed/audit",
        data={"csrf_token": web.csrf},
        files={"file": ("invoices.csv", _invoices(plant=True).encode())},
    )
    assert response.status_code == 200, response.text
    table = element(response.text, '<table class="list money-table findings">', "table")
    rows = [cells(element(table, f'<tr data-verdict="{v}">', "tr")) for v in ("missing_credit",)]
    assert rows[0][5] == "$4,950.00"
    assert table.count('<tr data-verdict="overbilled">') == 3


def test_a_bad_invoice_file_is_refused_with_its_row(web: WebClient) -> None:
    _with_signed_deal(web)
    bad = "period,kind,item,amount\n2027-01,license,agent,lots\n"
    response = web.client.post(
        "/deals/1/signed/audit", data={"csrf_token": web.csrf}, files={"file": ("bad.csv", bad.encode())}
    )
    assert response.status_code == 422
    assert "bad.csv:2:4: amount" in response.text


def test_a_deal_not_signed_says_what_to_add(seeded: WebClient) -> None:
    page = seeded.client.get("/deals/1/signed").text
    assert "records no signed offer" in page


def test_the_portfolio_page_and_its_calendar(web: WebClient, seed_text: str) -> None:
    _with_signed_deal(web)
    web.post_form("/deals", {"yaml_text": seed_text, "author": "ana", "message": "Not signed"})
    page = web.client.get("/portfolio", params={"as_of": "2029-09-20", "remind": "30"}).text
    upcoming = element(page, '<table class="list upcoming">', "table")
    assert "2029-10-03" in upcoming and "notice of non-renewal" in upcoming  # within 30 days of 20 September
    rows = element(page, '<table class="list money-table portfolio">', "table")
    assert rows.count("<tr data-deal=") == 1  # the unsigned deal is not in the portfolio
    ics = web.client.get("/portfolio/calendar.ics")
    events = icalendar.Calendar.from_ical(ics.content).walk("VEVENT")
    assert any(e.decoded("dtstart") == dt.date(2029, 10, 3) for e in events)


def test_an_uploaded_outage_log_gives_the_credits_owed(web: WebClient) -> None:
    _with_signed_deal(web)
    log = (ROOT / "tests" / "fixtures" / "outages" / "sample.csv").read_bytes()
    response = web.client.post(
        "/deals/1/signed/credits",
        data={"csrf_token": web.csrf, "as_of": "2027-03-20"},
        files={"file": ("outages.csv", log)},
    )
    assert response.status_code == 200, response.text
    table = element(response.text, '<table class="list money-table credits">', "table")
    lapsed = cells(element(table, '<tr data-status="lapsed">', "tr"))
    assert lapsed[0] == "2027-01-01 to 2027-01-31" and lapsed[3] == "2027-03-02"  # 31 January + 30 days
    assert cells(element(table, '<tr data-status="open">', "tr"))[3] == "2027-03-30"
