"""`principal align`: one typed result as JSON and as text, in the deal's currency and locale (USD, EUR in de_DE,
JPY), with golden files for the human output on the bundled example."""

from __future__ import annotations

import json
import re
from decimal import ROUND_HALF_UP, Decimal
from pathlib import Path
from typing import Any

import pytest

from principal.cli import output
from tests.clirunner import Result, run
from tests.conftest import SEED
from tests.currency_copies import example_in
from tests.golden import check_golden

GOLDEN = Path(__file__).resolve().parent / "golden"

NBSP = "\u00a0"
EUR_AMOUNT = re.compile(r"(-?[\d.,]+)" + NBSP + "€")
YEN_AMOUNT = re.compile(r"¥[\d,]+(\.\d+)?")

# Independent arithmetic on the example's inputs.
USAGE_30 = Decimal("0.30") * 3_283_500  # 30% of the original offer's term usage at plan: 985,050
MIN_CREDIT = Decimal("0.03") * 169_250 / (Decimal("0.30") - Decimal("0.05"))  # 3% of monthly fees / dP: 20,310
REPEATED_CREDITS = 3 * Decimal("0.05") * 169_250  # three missed months at the 5% rung: 25,387.50


@pytest.fixture
def wide(monkeypatch: pytest.MonkeyPatch) -> None:
    """A fixed 100 x 50 console, so rich lays tables out the same on every machine (pytest-xdist workers start
    with COLUMNS=80, a terminal has its own width)."""
    for console in (output.console, output.err_console):
        monkeypatch.setattr(console, "_width", 100)
        monkeypatch.setattr(console, "_height", 50)


@pytest.fixture(scope="module")
def copies(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    folder = tmp_path_factory.mktemp("align-currencies")
    return {"EUR": example_in("EUR", folder, locale="de_DE"), "JPY": example_in("JPY", folder)}


def ok(*args: str) -> Result:
    result = run(*args)
    assert result.exit_code == 0, result.output
    return result


def payload(*args: str) -> dict[str, Any]:
    envelope: dict[str, Any] = json.loads(ok(*args, "--json").stdout)
    assert (envelope["ok"], envelope["command"]) == (True, "align")
    result: dict[str, Any] = envelope["result"]
    return result


def scenario(offer: dict[str, Any], sid: str) -> dict[str, Any]:
    found: dict[str, Any] = next(s for s in offer["scenarios"] if s["id"] == sid)
    return found


def statement_texts(node: Any) -> list[str]:
    """Every statement's text in a JSON result."""
    if isinstance(node, dict):
        if "template" in node and "values" in node:
            return [node["text"]]
        return [t for v in node.values() for t in statement_texts(v)]
    if isinstance(node, list):
        return [t for v in node for t in statement_texts(v)]
    return []


def test_align_json_side_by_side() -> None:
    result = payload("align", str(SEED), "--offer", "original", "--offer", "final")
    assert result["currency"] == "USD"
    assert [o["offer"] for o in result["offers"]] == ["original", "final"]
    compare = {row["area"]: row for row in result["compare"]}
    assert compare["pricing and usage"]["ratings"] == {"original": "at risk", "final": "needs work"}
    original = result["offers"][0]
    usage30 = scenario(original, "usage+30")
    assert usage30["vendor_change"] == f"{USAGE_30:.2f}" == "985050.00"
    assert usage30["message"]["text"] == (
        "usage 30% over forecast: the vendor earns $985,050.00 more and you pay $985,050.00; "
        "with a 110% annual cap, $328,350.00"
    )
    assert usage30["message"]["values"]["gain"] == "985050.00"
    assert original["incentives"]["reliability"]["minimum_credit"] == f"{MIN_CREDIT:.2f}" == "20310.00"
    assert original["fee_timing"]["share_one_time_before_go_live"] == "1"
    assert len(original["checklist"]) == 23


def test_align_one_offer_text() -> None:
    result = ok("align", str(SEED), "--offer", "final")
    assert "Alignment of offer final" in result.stdout
    assert "month 6: Professional services (implementation): 60 days of stable operations" in result.stdout
    assert "Ask the vendor" in result.stdout


def test_align_unknown_offer() -> None:
    result = run("align", str(SEED), "--offer", "nope")
    assert result.exit_code == 2
    assert "no offer named 'nope'" in result.stderr


# --- other currencies ------------------------------------------------------------------------------------------


def test_json_in_yen_has_whole_amounts_and_no_dollar(copies: dict[str, Path]) -> None:
    result = payload("align", str(copies["JPY"]), "-o", "original", "-o", "final")
    text = json.dumps(result, ensure_ascii=False)
    assert "$" not in text
    assert result["currency"] == "JPY"
    original = result["offers"][0]
    usage30 = scenario(original, "usage+30")
    assert usage30["vendor_change"] == usage30["buyer_change"] == f"{USAGE_30:.0f}" == "985050"
    assert usage30["message"]["text"] == (
        "usage 30% over forecast: the vendor earns ¥985,050 more and you pay ¥985,050; with a 110% annual cap, ¥328,350"
    )
    assert original["incentives"]["reliability"]["minimum_credit"] == "20310"
    # each missed month is credited in whole yen: 5% x 169,250 = 8,462.5 -> 8,463, three times
    whole_yen = 3 * (REPEATED_CREDITS / 3).quantize(Decimal(1), rounding=ROUND_HALF_UP)
    assert scenario(original, "repeated-misses")["vendor_change"] == f"-{whole_yen}" == "-25389"
    assert result["compare"][0]["exposure"] == {"original": "1641750", "final": "308550"}
    texts = statement_texts(result)
    assert len(texts) > 100
    yen = [m.group(0) for t in texts for m in YEN_AMOUNT.finditer(t)]
    assert len(yen) > 50 and all(m.group(1) is None for t in texts for m in YEN_AMOUNT.finditer(t)), yen


def test_json_in_euro_speaks_german(copies: dict[str, Path]) -> None:
    result = payload("align", str(copies["EUR"]), "-o", "original")
    assert "$" not in json.dumps(result, ensure_ascii=False)
    usage30 = scenario(result["offers"][0], "usage+30")
    assert usage30["vendor_change"] == "985050.00"  # JSON figures stay plain decimal strings
    assert usage30["message"]["text"] == (
        f"usage 30% over forecast: the vendor earns 985.050,00{NBSP}€ more and you pay 985.050,00{NBSP}€; "
        f"with a 110% annual cap, 328.350,00{NBSP}€"
    )
    euros = [m.group(1) for t in statement_texts(result) for m in EUR_AMOUNT.finditer(t)]
    assert len(euros) > 30
    assert all(re.fullmatch(r"-?\d{1,3}(\.\d{3})*,\d\d", e) for e in euros), euros


def test_text_in_euro_one_offer(copies: dict[str, Path]) -> None:
    out = ok("align", str(copies["EUR"]), "-o", "original").stdout
    assert "$" not in out
    assert f"(term cost at plan 6.202.142,50{NBSP}€)" in out
    assert f"Usage 30% above forecast: the vendor gains 985.050,00{NBSP}€ (15,9% of the term's cost)" in out
    assert f"so a miss must cost the vendor at least 20.310,00{NBSP}€." in out
    euros = EUR_AMOUNT.findall(out)
    assert len(euros) > 40
    assert all(re.fullmatch(r"-?\d{1,3}(\.\d{3})*,\d\d", e) for e in euros), euros


@pytest.mark.usefixtures("wide")
def test_text_in_yen_side_by_side(copies: dict[str, Path]) -> None:
    out = ok("align", str(copies["JPY"]), "-o", "original", "-o", "final").stdout
    assert "$" not in out
    usage30 = next(line for line in out.splitlines() if "Usage 30% above forecast" in line)
    assert "¥985,050 / ¥985,050" in usage30 and "¥308,550 / ¥308,550" in usage30
    assert "at risk ¥1,641,750" in out
    assert "-¥25,389 / ¥887,211" in out  # whole-yen credits of 8,463 a month
    assert YEN_AMOUNT.findall(out) and all(not m for m in YEN_AMOUNT.findall(out))


@pytest.mark.usefixtures("wide")
def test_text_in_yen_one_offer_and_euro_side_by_side(copies: dict[str, Path]) -> None:
    yen = ok("align", str(copies["JPY"]), "-o", "original").stdout
    assert "$" not in yen and ".00" not in yen
    assert "the vendor earns ¥985,050 more and you pay ¥985,050" in yen
    assert "credits pay ¥25,389; no exit right arises" in yen
    euro = ok("align", str(copies["EUR"]), "-o", "original", "-o", "final").stdout
    assert "$" not in euro
    assert f"at risk 1.641.750{NBSP}€" in euro and f"985.050{NBSP}€ / 985.050{NBSP}€" in euro


# --- golden output ---------------------------------------------------------------------------------------------


@pytest.mark.usefixtures("wide")
def test_golden_one_offer() -> None:
    check_golden("align-final.txt", ok("align", str(SEED), "-o", "final").stdout)


@pytest.mark.usefixtures("wide")
def test_golden_side_by_side() -> None:
    check_golden("align-original-final.txt", ok("align", str(SEED), "-o", "original", "-o", "final").stdout)
