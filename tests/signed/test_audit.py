"""`principal audit`: a year of invoices for the signed example, clean and with planted over-billing.

The expected figures are worked here by hand from the signed terms (offers.final):
- agent licences: 450 named seats x 143 = 64,350.00 a month (no uplift in year 1);
- voice_inbound, graduated a month: 2,000,000 at 0.012 + the rest at 0.0099; 5,000,000 minutes = 53,700.00;
- voice_outbound: 520,000 at 0.0125 + the rest at 0.0095; 1,120,000 minutes = 6,500 + 5,700 = 12,200.00;
- bot_sessions 120,000 at 0.25 = 30,000.00; ai_summaries 250,000 at 0.03 = 7,500.00 (usage from go-live, month 4);
- usage cap: 110% of the year's usage charge at forecast (9 months x 93,500 = 841,500) = 925,650.00; billed
  9 x 103,400 = 930,600, so month 12 is refused 930,600 - 925,650 = 4,950.00;
- Regulatory recovery fee: 12% of the month's usage charges (after the cap's refusal);
- implementation milestones 20/40/30/10% of 280,000 in months 2, 3, 4 and 6.
"""

from __future__ import annotations

import json
from decimal import Decimal
from pathlib import Path

from tests.clirunner import run
from tests.conftest import ROOT

SIGNED = str(ROOT / "examples" / "ccaas-450" / "signed-deal.yaml")
D = Decimal
MILESTONES = {2: D(56000), 3: D(112000), 4: D(84000), 6: D(28000)}
USAGE = {"voice_inbound": (5_000_000, D("53700")), "voice_outbound": (1_120_000, D("12200")),
         "bot_sessions": (120_000, D("30000")), "ai_summaries": (250_000, D("7500"))}  # fmt: skip


def _invoices(*, plant: bool) -> str:
    rows = ["invoice,period,kind,item,quantity,unit_price,amount"]

    def add(month: int, kind: str, item: str, quantity: object, amount: Decimal) -> None:
        rows.append(f"INV-{month:02d},2027-{month:02d},{kind},{item},{quantity},,{amount:.2f}")

    for month in range(1, 13):
        add(month, "license", "agent", 450, D(450) * 143)
        if month in MILESTONES:
            add(month, "one_time", "Professional services (implementation)", "", MILESTONES[month])
        if month < 4:
            continue
        usage = D(0)
        for meter, (units, charge) in USAGE.items():
            if plant and month == 5 and meter == "voice_outbound":
                charge = D(1_120_000) * D("0.0125")  # planted: every minute at the first band's rate
            add(month, "usage", meter, units, charge)
            usage += charge
        if month == 12:
            if not plant:  # planted: the cap's refusal left off the invoice
                add(month, "cap", "", "", D(-4950))
            usage -= 4950
        base = usage + (D(64350) if plant and month == 6 else 0)  # planted: the fee charged on licences too
        add(month, "surcharge", "Regulatory recovery fee", "", base * D("0.12"))
    return "\n".join(rows) + "\n"


def _audit(tmp_path: Path, text: str, *extra: str) -> tuple[int, dict]:  # type: ignore[type-arg]
    path = tmp_path / "invoices.csv"
    path.write_text(text)
    result = run("audit", SIGNED, str(path), "--json", *extra)
    payload = json.loads(result.stdout) if result.stdout.strip() else {}
    return result.exit_code, payload


def test_every_planted_overbilling_is_found_with_its_amount(tmp_path: Path) -> None:
    code, payload = _audit(tmp_path, _invoices(plant=True))
    assert code == 1
    findings = payload["result"]["findings"]
    got = {(f["month"], f["kind"], f["verdict"]): D(f["difference"]) for f in findings}
    assert got == {
        (5, "usage", "overbilled"): D(1_120_000) * D("0.0125") - (520_000 * D("0.0125") + 600_000 * D("0.0095")),
        (5, "surcharge", "overbilled"): D("0.12") * D(1800),  # the fee charged on the over-billed minutes too
        (6, "surcharge", "overbilled"): D("0.12") * D(64350),
        (12, "cap", "missing_credit"): D(930_600) - D(925_650),
    }
    assert sorted(got.values()) == [D(216), D(1800), D(4950), D(7722)]
    assert D(payload["result"]["audit"]["overbilled"]) == D(1800) + D(216) + D(7722) + D(4950)
    wrong_band = next(f for f in findings if f["kind"] == "usage")
    assert "0-520,000 at 0.0125; over 520,000 at 0.0095" in wrong_band["formula"]
    assert wrong_band["fields"] == ["offers.final.usage[1].rate_card"]
    assert wrong_band["rows"] == [16]  # header row 1; months 1-4 take rows 2-13, month 5 starts at row 14


def test_a_clean_invoice_gives_no_finding(tmp_path: Path) -> None:
    code, payload = _audit(tmp_path, _invoices(plant=False))
    assert code == 0
    audit = payload["result"]["audit"]
    assert payload["result"]["findings"] == []
    assert D(audit["billed"]) == D(audit["expected"])
    cap = audit["caps"][0]
    assert D(cap["limit"]) == D("925650.00")
    assert D(cap["projected"]) == 9 * D(103400)
    inbound = next(u for u in audit["usage"] if u["meter"] == "voice_inbound")
    assert D(inbound["invoiced_units"]) - D(inbound["plan_units"]) == 9 * D(1_000_000)


def test_the_projection_runs_the_year_on_at_the_invoiced_rate(tmp_path: Path) -> None:
    rows = _invoices(plant=False).splitlines()
    months_1_to_6 = rows[:1] + [r for r in rows[1:] if int(r.split(",")[1][5:]) <= 6]
    code, payload = _audit(tmp_path, "\n".join(months_1_to_6) + "\n")
    assert code == 0, payload
    cap = payload["result"]["audit"]["caps"][0]
    # months 4-6 billed 3 x 103,400; months 7-12 at the same rate: 9 x 103,400 > 925,650
    assert D(cap["projected"]) == 9 * D(103400)
    assert cap["invoiced_months"] == [1, 2, 3, 4, 5, 6]


def test_a_charge_the_contract_does_not_name(tmp_path: Path) -> None:
    text = _invoices(plant=False) + "INV-03,2027-03,recurring,Premium support,,,1500.00\n"
    code, payload = _audit(tmp_path, text)
    assert code == 1
    [finding] = payload["result"]["findings"]
    assert finding["verdict"] == "not_in_contract"
    assert D(finding["difference"]) == D(1500)


def test_another_layout_through_a_column_mapping(tmp_path: Path) -> None:
    text = _invoices(plant=True).replace(
        "invoice,period,kind,item,quantity,unit_price,amount", "Doc no,Month,Type,Product,Qty,Price,Net amount"
    )
    mapping = "invoice=Doc no,period=Month,kind=Type,item=Product,quantity=Qty,unit_price=Price,amount=Net amount"
    code, payload = _audit(tmp_path, text, "--columns", mapping)
    assert code == 1
    assert len(payload["result"]["findings"]) == 4


def test_bad_rows_are_located_and_nothing_is_read(tmp_path: Path) -> None:
    text = (
        "invoice,period,kind,item,quantity,unit_price,amount\n"
        "A,2027-01,license,agent,450,143,64350.00\n"
        "A,2027-01,licence,agent,450,143,64.350,00\n"
        "A,2027-13,license,agent,450,143,64350.00\n"
        "A,2026-06,usage,voice_inbound,,,10.00\n"
        "A,2027-02,fee-ish,agent,450,143,64350.00\n"
    )
    path = tmp_path / "bad.csv"
    path.write_text(text)
    result = run("audit", SIGNED, str(path))
    assert result.exit_code == 2
    lines = result.stderr.strip().splitlines()
    assert f"{path}:3:8: (row): 8 values but 7 columns" in lines[0]
    assert any(f"{path}:4:2: period:" in line for line in lines)
    assert any(f"{path}:5:2: period: 2026-06 is outside the signed term" in line for line in lines)
    assert any(f"{path}:5:5: quantity: required for a usage line" in line for line in lines)
    assert any(f"{path}:6:3: kind: unknown kind 'fee-ish'" in line for line in lines)
    assert "Traceback" not in result.output


def test_savings_realised_per_lever_and_what_overbilling_took_back(tmp_path: Path) -> None:
    _, clean = _audit(tmp_path, _invoices(plant=False))
    _, planted = _audit(tmp_path, _invoices(plant=True))
    for payload in (clean, planted):
        savings = payload["result"]["savings"]
        seats = next(lever for lever in savings["levers"] if lever["lever"] == "licences")
        # the baseline 'original' charges 155 a seat, the signed offer 143: 450 x 12 x 12 months in year 1
        assert D(seats["negotiated"]) == D(seats["realised"]) == 450 * D(155 - 143) * 12
        assert D(savings["realised"]) == D(savings["at_invoiced_volumes"]) - D(savings["billing_difference"])
    assert D(clean["result"]["savings"]["billing_difference"]) == 0
    assert D(planted["result"]["savings"]["billing_difference"]) == D(1800) + D(216) + D(7722) + D(4950)


def test_a_year_two_uplift_above_the_signed_3_percent(tmp_path: Path) -> None:
    signed = D(450) * 143 * D("1.03")  # 66,280.50: year 2 carries the 3% uplift
    billed = D(450) * 143 * D("1.05")  # planted: 5%
    text = f"period,kind,item,quantity,amount\n2028-01,license,agent,450,{billed:.2f}\n"
    code, payload = _audit(tmp_path, text)
    assert code == 1
    over = next(c for c in payload["result"]["audit"]["checks"] if c["kind"] == "license")
    assert (over["verdict"], D(over["expected"]), D(over["difference"])) == ("overbilled", signed, billed - signed)
    assert D(over["difference"]) == D("1287.00")
    assert "offers.final.uplift" in over["fields"] and "uplift 1.03 (year 2)" in over["formula"]
