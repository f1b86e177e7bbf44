"""Over generated deals: nothing said to the vendor is false for that deal, and nothing said to the vendor holds the
walk-away, the alternative's cost or the vendor's estimated reservation in any form (to the cent, grouped, plain,
whole, rounded as said aloud, in millions). The expected facts are worked out from the generated figures by hand.

Deals: the small test deal (10 seats x price x 12 months + 100,000 minutes x 0.01 x 12 = 12,000), the vendor's
offer, the buyer's ask at a lower seat price, optionally a rival vendor's bid, an incumbent (billing from month 1, so
no dual running) and a stated alternative.
"""

from __future__ import annotations

import re
from decimal import ROUND_HALF_UP, Decimal
from typing import Any

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from principal.money import Amount
from principal.present import formatter_for
from principal.statements import Spoken, say
from principal.strategy.plan.brief import Brief, build_brief
from principal.strategy.plan.claims import check, claim, fact, reveals
from tests.builders import build_deal, offer_data

USAGE = 12_000  # 100,000 minutes x 0.01 x 12 months
SEATS = 10


def term_cost(seat_price: Decimal) -> Decimal:
    return SEATS * seat_price * 12 + USAGE


def _round(value: Decimal, step: Decimal) -> Decimal:
    return (value / step).quantize(Decimal(1), rounding=ROUND_HALF_UP) * step


def forms(value: Decimal) -> list[str]:
    """Every way a figure could be written or said: 23,400.00 / 23,400 / 23400 / 23.4 thousand / 0.0 million."""
    v = abs(value)
    out = {f"{v:,.2f}", f"{v.quantize(Decimal(1), rounding=ROUND_HALF_UP):,}", f"{v.quantize(Decimal('0.01')):f}"}
    out.add(str(int(v.quantize(Decimal(1), rounding=ROUND_HALF_UP))))
    if v >= 1000:
        for digits in (2, 3):
            step = Decimal(1).scaleb(v.adjusted() - digits + 1)
            out.add(f"{int(_round(v, step)):,}")
    if v >= 950_000:
        out.add(f"{_round(v / 1_000_000, Decimal('0.1'))} million")
    return sorted(out)


def written(text: str, figure: str) -> bool:
    return re.search(r"(?<![\d.,])" + re.escape(figure) + r"(?![\d]|[.,]\d)", text) is not None


def said_to_vendor(brief: Brief) -> list[str]:
    fmt = formatter_for(brief.currency)
    lines = [fmt.text(s) for s in brief.talk_track]
    lines += [fmt.text(c.vendor_says) + " " + fmt.text(c.reply) for c in brief.counters]
    lines += [fmt.text(q) for q in brief.questions]
    return lines


prices = st.integers(min_value=60, max_value=400)


@settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    vendor_price=prices,
    cut=st.integers(min_value=1, max_value=40),
    rival=st.none() | prices,
    incumbent=st.none() | st.integers(min_value=500, max_value=6_000),
    stated=st.none() | st.integers(min_value=10_000, max_value=60_000),
)
def test_nothing_false_and_no_secret_is_said(
    vendor_price: int, cut: int, rival: int | None, incumbent: int | None, stated: int | None
) -> None:
    ask_price = max(vendor_price - cut, 1)
    offers: dict[str, Any] = {
        "only": None,
        "theirs": offer_data({"licenses": [{"name": "agent", "quantity": SEATS, "unit_price": vendor_price}]}),
        "ours": offer_data({"licenses": [{"name": "agent", "quantity": SEATS, "unit_price": ask_price}]}),
    }
    if rival is not None:
        offers["rival-bid"] = offer_data(
            {"vendor": "Rival", "licenses": [{"name": "agent", "quantity": SEATS, "unit_price": rival}]}
        )
    changes: dict[str, Any] = {
        "vendor": "Incumbent-free vendor",
        "offers": offers,
        "baseline": "theirs",
        "negotiation": {"target_offer": "ours", "vendor_offer": "theirs"},
    }
    if incumbent is not None:
        changes["buyer"] = {"incumbent": {"monthly_cost": incumbent}}
    if stated is not None:
        changes["negotiation"]["batna"] = {"term_cost": stated}
    brief = build_brief(build_deal(changes))

    # The alternative, worked out by hand: the stated one, else the cheaper of the rival's bid and staying.
    candidates = []
    if rival is not None:
        candidates.append(term_cost(Decimal(rival)))
    if incumbent is not None:
        candidates.append(Decimal(incumbent * 12))
    alternative = Decimal(stated) if stated is not None else (min(candidates) if candidates else None)
    vendor_cost = term_cost(Decimal(vendor_price))
    if alternative is None:
        assert brief.batna_cost is None and brief.walk_away is None and brief.zopa is None
    else:
        assert brief.batna_cost == Amount(alternative, "USD") and brief.walk_away == Amount(alternative, "USD")
    reservation = vendor_cost * (1 - Decimal("6.25") / 100)  # 5% budget widened by 25% for medium pressure
    assert brief.vendor_reservation == Amount(reservation.quantize(Decimal("0.01")), "USD")

    lines = said_to_vendor(brief)
    text = "\n".join(lines)
    # True claims only.
    if "does not beat it" in text:
        assert alternative is not None and vendor_cost > alternative
    if "worth the same to us" in text:
        values = [p.buyer_utility.number for p in brief.packages]
        assert len(values) >= 2 and max(values) - min(values) <= abs(brief.target_utility.number) / 100
    if "packages of the same value" in text:
        assert any(p.theme != "license-price-led" for p in brief.packages)
    assert "missed months a year" not in text  # the vendor model's default is never put in the buyer's mouth
    # No secret in any form.
    secrets = [a.number for a in (brief.walk_away, brief.batna_cost, brief.vendor_reservation) if a is not None]
    for secret in secrets:
        for figure in forms(secret):
            assert not written(text, figure), (figure, secret, text)


def test_the_check_drops_false_claims_and_secrets() -> None:
    usd = "USD"
    secret = Decimal("5832000")
    claims = [
        claim(say("true and safe {x}", x=Spoken(Amount(Decimal("143"), usd))), fact("holds", True)),
        claim(say("false"), fact("does not hold", False), otherwise=claim(say("the true version"))),
        claim(say("false, no fallback"), fact("does not hold", False)),
        claim(say("leaks {x}", x=Spoken(Amount(Decimal("5790000"), usd)))),  # said as $5.8 million, as is the secret
    ]
    kept, dropped = check(claims, [secret])
    fmt = formatter_for(usd)
    assert [fmt.text(s) for s in kept] == ["true and safe $143", "the true version"]
    # The false claim with a true version is rewritten, not dropped.
    assert [d.reason for d in dropped] == [
        "not true for this deal: does not hold",
        "would reveal the walk-away, the alternative or a reservation",
    ]
    assert reveals(say("{x}", x=Amount(Decimal("5832000.00"), usd)), [secret])
    assert not reveals(say("{x}", x=Amount(Decimal("5735602.12"), usd)), [secret])  # $5.7 million
