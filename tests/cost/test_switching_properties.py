"""Property: delaying any wave's go-live never lowers the cost of switching.

The generated deals cover one to three waves, committed or per-live-seat licences, billing tied to go-live (one
wave) or not, notice (served at any month), overlap and a variable share. The property holds whenever what the
delay keeps on the incumbent is at least what it saves on the new contract: the incumbent's variable share for the
delayed agents covers the new platform's charges for them, the incumbent is not already paid in full anyway by a
commitment, and it is off before the term ends (docs/how-numbers-are-computed.md, "When a later go-live is cheaper", and
tests/cost/test_transition.py for those cases). The generator keeps to those deals.
"""

from __future__ import annotations

from decimal import ROUND_CEILING, Decimal

from hypothesis import given, settings
from hypothesis import strategies as st

from principal.cost.switching import switching_cost
from principal.loader import parse_deal
from principal.model import Deal

TERM = 18


@st.composite
def deals(draw: st.DrawFn) -> tuple[Deal, int, int]:
    count = draw(st.integers(1, 3))
    agents = [draw(st.integers(1, 60)) for _ in range(count)]
    # Early enough that the incumbent is off within the term even after the delay and an overlap: what it bills
    # after the term's last month is outside the term's cost of switching (the result notes it instead).
    go_lives = [draw(st.integers(1, TERM - 9)) for _ in range(count)]
    total = sum(agents)
    price = draw(st.integers(0, 80))
    rate = draw(st.decimals(0, "0.05", places=3))
    expected = draw(st.integers(0, 200_000))
    new_monthly = price * total + rate * expected
    variable = draw(st.integers(50, 100))
    # Rounded up: rounded to the nearest cent, a new contract of a tenth of a cent a month made the incumbent $0.00.
    monthly = (new_monthly * 2 + draw(st.integers(0, 5000))).quantize(Decimal("0.01"), rounding=ROUND_CEILING)
    incumbent = [f"monthly_cost: {monthly}", f"variable_percent: {variable}"]
    if draw(st.booleans()):
        incumbent += [f"notice_months: {draw(st.integers(0, 6))}", f"notice_served_month: {draw(st.integers(1, 6))}"]
    if draw(st.booleans()):
        incumbent.append(f"overlap_months: {draw(st.integers(0, 3))}")
    billed_on = draw(st.sampled_from(["committed", "live_seats"]))
    # With billing tied to go-live, delaying the first of several waves moves the whole contract's billing start:
    # a month of every seat saved against one wave's share of the incumbent, which can be cheaper (see the docs).
    tied = count == 1 and draw(st.booleans())
    waves = ", ".join(
        f"{{name: w{i}, agents: {a}, go_live_month: {g}}}"
        for i, (a, g) in enumerate(zip(agents, go_lives, strict=True))
    )
    text = f"""
name: generated
buyer:
  agents: {total}
  forecasts:
    voice: {{unit: minute, expected: {expected}}}
  incumbent: {{{", ".join(incumbent)}}}
offers:
  a:
    term_months: {TERM}
    licenses: [{{name: agent, quantity: {total}, unit_price: {price}, billed_on: {billed_on}}}]
    usage: [{{name: voice, forecast: voice, rate_card: {{kind: flat, rate: {rate}}}}}]
    implementation: {{billing_tied_to_go_live: {str(tied).lower()}, waves: [{waves}]}}
"""
    wave = draw(st.integers(0, count - 1))
    delay = draw(st.integers(1, 6))
    return parse_deal(text), wave, delay


def delayed(deal: Deal, wave: int, months: int) -> Deal:
    offer = deal.offers["a"]
    impl = offer.implementation
    assert impl is not None
    moved = list(impl.waves)
    moved[wave] = moved[wave].model_copy(update={"go_live_month": moved[wave].go_live_month + months})
    later = offer.model_copy(update={"implementation": impl.model_copy(update={"waves": tuple(moved)})})
    return deal.model_copy(update={"offers": {"a": later}})


@settings(max_examples=80, deadline=None)
@given(case=deals())
def test_delaying_any_wave_never_lowers_the_cost_of_switching(case: tuple[Deal, int, int]) -> None:
    deal, wave, months = case
    before = switching_cost(deal, "a").total
    after = switching_cost(delayed(deal, wave, months), "a").total
    assert before is not None and after is not None
    assert after >= before


def test_the_tenth_of_a_cent_deal_hypothesis_found() -> None:
    """A seat at $0 and one minute a month at $0.001 against an incumbent of $0.01 a month: the delayed month
    keeps the incumbent's 50% share ($0.005) and saves the new platform's $0.001."""
    text = """
name: tiny
buyer:
  agents: 1
  forecasts:
    voice: {unit: minute, expected: 1}
  incumbent: {monthly_cost: 0.01, variable_percent: 50}
offers:
  a:
    term_months: 18
    licenses: [{name: agent, quantity: 1, unit_price: 0, billed_on: committed}]
    usage: [{name: voice, forecast: voice, rate_card: {kind: flat, rate: 0.001}}]
    implementation: {billing_tied_to_go_live: false, waves: [{name: w0, agents: 1, go_live_month: 1}]}
"""
    deal = parse_deal(text)
    before = switching_cost(deal, "a").total
    after = switching_cost(delayed(deal, 0, 1), "a").total
    assert before is not None and after is not None
    assert after >= before
