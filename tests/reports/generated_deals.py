"""A hypothesis strategy of deal files that exercise the order-form terms the workbook turns into formulas:
ramps, price steps, free months and true-ups; flat, graduated and all-units cards counted monthly or yearly;
commitments with overage and take-or-pay; minimums with start months, ramps and pro-rating; caps and collars;
one-time fees, signing credits, surcharges and taxes; billing terms; renewal, leaving early, liability caps; offers
priced in another currency; roll-outs in waves, licences billed per live seat, a forecast given as a schedule on
the new platform, and an incumbent with notice, commitment, early-termination fee, parallel running and a fixed
share (each sometimes left out). Every deal is loaded by the product's own loader, so it is valid."""

from __future__ import annotations

import json
from decimal import Decimal
from typing import Any

from hypothesis import strategies as st

from principal.loader import parse_deal
from principal.model import Deal

Draw = Any
METERS = ("voice", "chat")


def money(draw: Draw, low: int, high: int, places: int = 2) -> Decimal:
    return Decimal(draw(st.integers(low * 10**places, high * 10**places))) / 10**places


def months_in(draw: Draw, term: int, count: int, first: int = 1) -> list[int]:
    """`count` distinct increasing months in first..term."""
    if first > term:
        return []
    pool = draw(st.lists(st.integers(first, term), min_size=0, max_size=count, unique=True))
    return sorted(pool)


def _licence(draw: Draw, name: str, term: int, hourly: bool) -> dict[str, Any]:
    lic: dict[str, Any] = {
        "name": name,
        "quantity": draw(st.integers(5, 80)) if not hourly else money(draw, 50, 400, 1),
        "unit_price": money(draw, 20, 150),
    }
    if draw(st.integers(0, 2)) == 0:
        lic["billed_on"] = "live_seats"
    if hourly:
        lic["kind"] = "hourly"
        lic["round_hours_up"] = draw(st.booleans())
        return lic
    if draw(st.booleans()):
        lic["list_price"] = lic["unit_price"] + money(draw, 0, 30)
    steps = months_in(draw, term, 2, 2)
    lic["ramp"] = [{"from_month": m, "quantity": draw(st.integers(5, 100))} for m in steps]
    prices = months_in(draw, term, 2, 2)
    lic["price_steps"] = [{"from_month": m, "unit_price": money(draw, 20, 150)} for m in prices]
    lic["free_months"] = months_in(draw, term, 2)
    if draw(st.booleans()):
        price = "list" if "list_price" in lic and draw(st.booleans()) else "contract"
        up: dict[str, Any] = {"frequency": draw(st.sampled_from(["quarter", "year"])), "price": price}
        if draw(st.booleans()):
            up["basis"] = draw(st.sampled_from(["peak", "average"]))
        lic["true_up"] = up
    return lic


def _card(draw: Draw) -> dict[str, Any]:
    kind = draw(st.sampled_from(["flat", "graduated", "volume"]))
    if kind == "flat":
        return {"kind": "flat", "rate": money(draw, 0, 1, 4) + Decimal("0.001")}
    period = draw(st.sampled_from(["month", "year"]))
    scale = 12 if period == "year" else 1
    first = draw(st.integers(1, 40)) * 10_000 * scale
    second = first + draw(st.integers(1, 40)) * 10_000 * scale
    rates = sorted((money(draw, 0, 1, 4) + Decimal("0.001") for _ in range(3)), reverse=True)
    bands = [{"up_to": first, "rate": rates[0]}, {"up_to": second, "rate": rates[1]}, {"rate": rates[2]}]
    return {"kind": kind, "period": period, "bands": bands}


def _meter(draw: Draw, name: str, expected: int, term: int) -> dict[str, Any]:
    meter: dict[str, Any] = {"name": name, "forecast": name, "rate_card": _card(draw)}
    if draw(st.booleans()):
        rounding: dict[str, Any] = {}
        if draw(st.booleans()):
            rounding = {
                "increment_seconds": 60,
                "minimum_seconds": draw(st.sampled_from([0, 60])),
                "mean_event_seconds": 170,
            }
        if draw(st.booleans()):
            rounding["total_increment"] = draw(st.sampled_from([100, 1000]))
        if rounding:
            meter["rounding"] = rounding
    if draw(st.booleans()):
        meter["included"] = {"per_seat": draw(st.integers(0, 50)), "fixed": draw(st.integers(0, 2000))}
    if draw(st.booleans()):
        period = draw(st.sampled_from(["month", "year"]))
        scale = 12 if period == "year" else 1
        commitment: dict[str, Any] = {
            "quantity": int(expected * scale * draw(st.sampled_from([0.5, 0.8, 1.0, 1.2, 1.6]))) + 1,
            "period": period,
        }
        if draw(st.booleans()):
            commitment["overage_percent"] = draw(st.sampled_from([100, 125, 150, 200]))
        if draw(st.booleans()):
            commitment["take_or_pay"] = draw(st.booleans())
        if draw(st.booleans()):
            commitment["from_month"] = draw(st.integers(1, term))
        if period == "year" and draw(st.booleans()):
            commitment["prorate"] = draw(st.booleans())
        meter["commitment"] = commitment
    if draw(st.booleans()):
        period = draw(st.sampled_from(["month", "year"]))
        scale = 12 if period == "year" else 1
        minimum: dict[str, Any] = {"amount": money(draw, 500, 8000) * scale, "period": period}
        first = 1
        if draw(st.booleans()):
            first = draw(st.integers(1, term))
            minimum["from_month"] = first
        steps = months_in(draw, term, 2, first + 1)
        minimum["ramp"] = [{"from_month": m, "amount": money(draw, 500, 8000) * scale} for m in steps]
        if period == "year" and draw(st.booleans()):
            minimum["prorate"] = draw(st.booleans())
        meter["minimum"] = minimum
    return meter


def _cap(draw: Draw, meters: list[dict[str, Any]]) -> dict[str, Any]:
    cap: dict[str, Any] = {"period": draw(st.sampled_from(["month", "year"]))}
    if draw(st.booleans()):
        cap["meters"] = [draw(st.sampled_from(METERS))]
    if draw(st.booleans()):
        percent = draw(st.integers(80, 130))
        cap["percent_of_forecast"] = percent
        if draw(st.booleans()):
            cap["collar_percent_of_forecast"] = draw(st.integers(10, min(100, percent)))
    else:
        per_period = 12 if cap["period"] == "year" else 1
        floor = Decimal(0)  # the loader refuses an amount cap below the minimums it covers
        for meter in meters:
            minimum = meter.get("minimum")
            if minimum is not None and meter["name"] in cap.get("meters", METERS):
                floor += minimum["amount"] / (12 if minimum["period"] == "year" else 1) * per_period
        cap["amount"] = max(money(draw, 500, 6000) * per_period, floor.quantize(Decimal(1)) + 1)
        if draw(st.booleans()):
            cap["collar_percent_of_forecast"] = draw(st.integers(10, 100))
    return cap


def _surcharges(draw: Draw, term: int, licences: list[str]) -> list[dict[str, Any]]:
    out: list[dict[str, Any]] = []
    for i in range(draw(st.integers(0, 3))):
        name = f"charge {i + 1}"
        kind = draw(st.sampled_from(["surcharge", "tax"]))
        shape = draw(st.sampled_from(["percent", "unit", "monthly"]))
        if shape == "percent":
            bases = draw(
                st.lists(st.sampled_from(["usage", "licenses", "recurring", "one_time"]), min_size=1, unique=True)
            )
            charge: dict[str, Any] = {"name": name, "kind": kind, "percent": money(draw, 0, 25, 1), "applies_to": bases}
            if "usage" in bases and draw(st.booleans()):
                charge["meters"] = [draw(st.sampled_from(METERS))]
            if draw(st.booleans()):
                charge["on_surcharges"] = True
        elif shape == "unit":
            target = {"meter": draw(st.sampled_from(METERS))} if draw(st.booleans()) else {"license": licences[0]}
            charge = {"name": name, "kind": kind, "per_unit": {**target, "amount": money(draw, 0, 2, 4)}}
        else:
            charge = {
                "name": name,
                "kind": kind,
                "monthly": money(draw, 10, 500),
                "from_month": draw(st.integers(1, term)),
            }
        out.append(charge)
    return out


def _exit(draw: Draw) -> dict[str, Any]:
    ex: dict[str, Any] = {}
    right = draw(st.sampled_from([None, True, False]))
    if right is not None:
        ex["termination_for_convenience"] = right
        if right and draw(st.booleans()):
            ex["termination_fee_percent_of_remaining"] = draw(st.integers(0, 100))
        if right and draw(st.booleans()):
            ex["termination_fee"] = money(draw, 0, 20000)
    if draw(st.booleans()):
        price = draw(st.sampled_from([None, "contract", "capped", "list"]))
        renewal: dict[str, Any] = {"auto_renews": draw(st.sampled_from([None, True, False]))}
        if price is not None:
            renewal["price"] = price
        if price == "capped" or (price is None and draw(st.booleans())):
            renewal["uplift_cap_percent"] = draw(st.integers(0, 10))
        if draw(st.booleans()):
            renewal["notice_days"] = draw(st.integers(0, 180))
        if draw(st.booleans()):
            renewal["renewal_term_months"] = draw(st.sampled_from([6, 12, 24]))
        ex["renewal"] = renewal
    if draw(st.booleans()):
        ex["liability_cap_months_of_fees"] = draw(st.integers(1, 24))
    if draw(st.booleans()):
        ex["liability_cap_amount"] = money(draw, 10_000, 500_000)
    if "liability_cap_amount" in ex and "liability_cap_months_of_fees" in ex and draw(st.booleans()):
        ex["liability_cap_combination"] = draw(st.sampled_from(["greater", "lesser"]))
    return ex


def _waves(draw: Draw, agents: int, term: int) -> list[dict[str, Any]]:
    """Two or three waves whose agents add up to `agents`, each with a go-live month (any order)."""
    count = draw(st.integers(2, 3))
    cuts = sorted(draw(st.lists(st.integers(1, agents - 1), min_size=count - 1, max_size=count - 1, unique=True)))
    sizes = [b - a for a, b in zip([0, *cuts], [*cuts, agents], strict=True)]
    return [
        {"name": f"wave-{j + 1}", "agents": n, "go_live_month": draw(st.integers(1, min(9, term)))}
        for j, n in enumerate(sizes)
    ]


def _incumbent(draw: Draw, term: int) -> dict[str, Any]:
    """The incumbent's cost and, each left out at times (a labelled default), how it ends."""
    inc: dict[str, Any] = {"monthly_cost": money(draw, 2000, 60000), "annual_growth_percent": draw(st.integers(0, 6))}
    if draw(st.booleans()):
        inc["notice_months"] = draw(st.integers(0, 6))
    if draw(st.booleans()):
        inc["notice_served_month"] = draw(st.integers(1, 4))
    if draw(st.integers(0, 3)) > 0:
        inc["committed_until_month"] = draw(st.integers(1, term))
        if draw(st.integers(0, 3)) > 0:
            inc["early_termination_fee"] = money(draw, 1000, 80000)
    if draw(st.integers(0, 3)) > 0:
        inc["overlap_months"] = draw(st.sampled_from([0, 1, 1, 2, 3]))
    if draw(st.booleans()):
        inc["variable_percent"] = draw(st.sampled_from([0, 40, 75, 100]))
    return inc


def _offer(draw: Draw, term: int, expected: dict[str, int], currency: str | None, agents: int) -> dict[str, Any]:
    names = ["agent", "supervisor"][: draw(st.integers(1, 2))]
    licences = [_licence(draw, n, term, hourly=False) for n in names]
    if draw(st.integers(0, 3)) == 0:
        licences.append(_licence(draw, "burst", term, hourly=True))
    go_live = draw(st.integers(1, min(6, term)))
    implementation: dict[str, Any] = {
        "go_live_month": go_live,
        "billing_start_month": draw(st.integers(1, min(6, term))),
        "billing_tied_to_go_live": draw(st.booleans()),
    }
    if draw(st.booleans()):
        implementation["waves"] = _waves(draw, agents, term)
        first = min(w["go_live_month"] for w in implementation["waves"])
        if draw(st.booleans()):
            implementation["go_live_month"] = first
        else:
            del implementation["go_live_month"]
    offer: dict[str, Any] = {
        "term_months": term,
        "licenses": licences,
        "usage": [_meter(draw, m, expected[m], term) for m in METERS],
        "implementation": implementation,
    }
    if currency is not None:
        offer["currency"] = currency
    if draw(st.booleans()):
        offer["uplift"] = {
            "kind": "fixed",
            "percent": money(draw, 0, 6, 1),
            "from_year": 2,
            "applies_to": draw(st.sampled_from([["licenses"], ["licenses", "usage"]])),
        }
    if draw(st.booleans()):
        offer["recurring_fees"] = [
            {"name": "platform", "monthly": money(draw, 100, 3000), "from_month": draw(st.integers(1, term)),
             "uplifted": draw(st.booleans())}
        ]  # fmt: skip
    if draw(st.booleans()):
        offer["usage_cap"] = _cap(draw, offer["usage"])
    if draw(st.booleans()):
        shares = draw(st.sampled_from([[100], [40, 60], [20, 30, 50]]))
        offer["one_time_fees"] = [
            {
                "name": "services",
                "amount": money(draw, 1000, 50000),
                "milestones": [
                    {"name": f"step {j + 1}", "percent": p, "month": draw(st.integers(1, term))}
                    for j, p in enumerate(shares)
                ],
            }
        ]
    offer["credits"] = [
        {"name": f"credit {j + 1}", "amount": money(draw, 100, 5000), "month": draw(st.integers(1, term))}
        for j in range(draw(st.integers(0, 2)))
    ]
    offer["surcharges"] = _surcharges(draw, term, names)
    if draw(st.booleans()):
        billing: dict[str, Any] = {}
        for key, values in (("frequency", ["monthly", "quarterly", "annual"]), ("timing", ["advance", "arrears"])):
            if draw(st.booleans()):
                billing[key] = draw(st.sampled_from(values))
        if draw(st.booleans()):
            billing["payment_days"] = draw(st.sampled_from([0, 15, 30, 45, 60, 90]))
        offer["billing"] = billing
    ex = _exit(draw)
    if ex:
        offer["exit"] = ex
    return offer


@st.composite
def deal_files(draw: Draw) -> dict[str, Any]:
    """A deal file's contents (plain data), with one or two offers."""
    term = draw(st.sampled_from([12, 18, 24, 30]))
    expected = {"voice": draw(st.integers(5, 60)) * 10_000, "chat": draw(st.integers(1, 30)) * 500}
    forecasts = {
        "voice": {"unit": "minute", "expected": expected["voice"], "growth_percent": draw(st.sampled_from([0, 3, 8]))},
        "chat": {"unit": "session", "expected": expected["chat"], "growth_percent": draw(st.sampled_from([0, 5]))},
    }
    if draw(st.booleans()):
        steps = months_in(draw, term, 3, 1)
        forecasts["chat"]["schedule"] = [{"from_month": m, "expected": draw(st.integers(1, 30)) * 500} for m in steps]
    agents = draw(st.integers(10, 200))
    buyer: dict[str, Any] = {"agents": agents, "forecasts": forecasts}
    if draw(st.integers(0, 3)) > 0:
        buyer["incumbent"] = _incumbent(draw, term)
    if draw(st.booleans()):
        buyer["discount_rate_percent"] = draw(st.sampled_from([0, 5, 8, 12]))
    if draw(st.booleans()):
        buyer["downtime"] = {"loaded_cost_per_agent_hour": 35, "contacts_per_hour": 200, "value_per_lost_contact": 20}
    data: dict[str, Any] = {"name": "Generated deal", "currency": "USD", "buyer": buyer, "offers": {}}
    if draw(st.booleans()):
        data["start"] = draw(st.sampled_from(["2027-01-01", "2027-01-31", "2028-02-29"]))
    foreign = draw(st.booleans())
    if foreign:
        data["fx_rates"] = {"EUR": draw(st.sampled_from([Decimal("1.08"), Decimal("0.92"), Decimal("1.25")]))}
    for i in range(draw(st.integers(1, 2))):
        currency = "EUR" if foreign and i == 0 else None
        data["offers"][f"offer-{i + 1}"] = _offer(draw, term, expected, currency, agents)
    return data


def as_deal(data: dict[str, Any]) -> Deal:
    return parse_deal(deal_text(data), "generated.json")


def deal_text(data: dict[str, Any]) -> str:
    return json.dumps(data, indent=2, default=lambda v: format(v, "f")) + "\n"
