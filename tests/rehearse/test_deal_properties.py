"""Over generated deals (the bundled deal with another vendor model and seat price) and generated move sequences:
every package the rep offers or accepts gives up no more revenue than the vendor's room, recomputed here from the
cost engine and the deal space with the brief's formula, and no issue goes past what that room allows alone."""

from __future__ import annotations

from decimal import Decimal

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from principal.cost import schedule
from principal.cost.scenario import Scenario
from principal.model import Deal
from principal.model.negotiation import PRESSURE_BONUS, Pressure
from principal.rehearse.deal_board import build_board
from principal.rehearse.persona import PERSONAS
from principal.rehearse.session import Session
from principal.strategy.plan.deal_space import build_space

VENDOR_VIEW = Scenario(name="vendor estimate", vendor_view=True)
WORDS = ["ask bands", "ask credits", "ask chronic", "ask holdback", "ask exit", "why", "ask cap 110", "ask uplift 3"]


def _variant(deal: Deal, budget: int, serve: int, pressure: Pressure, price: int) -> Deal:
    neg = deal.negotiation
    assert neg is not None
    vendor = neg.vendor.model_copy(
        update={
            "concession_budget_percent": Decimal(budget),
            "cost_to_serve_percent": Decimal(serve),
            "quarter_end_pressure": pressure,
        }
    )
    offer = deal.offers["quarter-end"]
    lines = tuple(lic.model_copy(update={"unit_price": Decimal(price)}) for lic in offer.licenses)
    offers = {**deal.offers, "quarter-end": offer.model_copy(update={"licenses": lines})}
    return deal.model_copy(update={"negotiation": neg.model_copy(update={"vendor": vendor}), "offers": offers})


@settings(max_examples=6, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    budget=st.integers(1, 15),
    serve=st.integers(20, 99),
    pressure=st.sampled_from(list(Pressure)),
    price=st.integers(143, 150),
    persona=st.sampled_from(sorted(PERSONAS)),
    seed=st.integers(0, 1000),
    moves=st.lists(
        st.one_of(st.sampled_from(WORDS), st.integers(100, 150).map(lambda p: f"we need ${p} a seat")),
        min_size=1,
        max_size=12,
    ),
)
def test_no_offer_past_the_vendors_reservation(
    seed_deal: Deal,
    budget: int,
    serve: int,
    pressure: Pressure,
    price: int,
    persona: str,
    seed: int,
    moves: list[str],
) -> None:
    deal = _variant(seed_deal, budget, serve, pressure, price)
    db = build_board(deal)
    cost = schedule(deal, "quarter-end").total
    room = Decimal(budget) * (1 + PRESSURE_BONUS[pressure])
    reservation = max(cost * (1 - room / 100), cost * Decimal(serve) / 100)
    allowed = cost - reservation
    space = build_space(deal, "quarter-end", "revised-ask", deal.negotiation)  # type: ignore[arg-type]
    ref = deal.offers["quarter-end"]
    base = schedule(deal, "x", VENDOR_VIEW, offer=ref).total
    session = Session(db, PERSONAS[persona], seed=seed)
    replies = [session.start()] + [session.play(text) for text in moves]
    for reply in replies:
        given = Decimal(0)
        for n, (issue, level) in enumerate(zip(db.board.issues, reply.offer, strict=True)):
            if issue.key == "seat_price":
                quoted = issue.levels[level].number
                assert quoted is not None
                lines = tuple(lic.model_copy(update={"unit_price": quoted}) for lic in ref.licenses)
                loss = base - schedule(deal, "x", VENDOR_VIEW, offer=ref.model_copy(update={"licenses": lines})).total
            else:
                loss = -space.issues[n].levels[level].vendor_value
            assert loss <= allowed + Decimal("0.000001"), (issue.key, loss, allowed)
            given += loss
        assert given <= allowed + Decimal("0.00001"), (given, allowed, reply.offer)
