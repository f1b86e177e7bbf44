"""Every number the rep states is a figure of the deal file or the engines: a package's term cost (the cost
engine run here on an offer built from the deal file), its levels, the forecasts, the list price, the values of
the strategy engine's deal space. The test reads every number in every reply and finds it among those figures."""

from __future__ import annotations

import re
from decimal import Decimal

import pytest

from principal.cost import schedule
from principal.cost.scenario import Scenario
from principal.model import Deal
from principal.model.deal import Offer
from principal.present import formatter_for
from principal.rehearse.deal_board import DealBoard
from principal.rehearse.persona import PERSONAS
from principal.rehearse.session import Session
from principal.strategy.plan.brief import pick_names
from principal.strategy.plan.deal_space import build_space

NUMBER = re.compile(r"-?\$?\d[\d,]*(?:\.\d+)?%?")
SCRIPTS = (
    ["we need $140 a seat and a 110% cap", "why", "ask bands", "ask credits", "offer seat_price=142 uplift=3"],
    ["offer seat_price=130 uplift=0 cap=105 bands credits=more chronic=more holdback=more exit"] * 12,
    ["ask uplift 3", "trade uplift=4 for seat_price=141", "ask cap 110", "why", "ask chronic", "accept"],
    ["ask seat_price 144", "ask seat_price 143", "ask exit", "ask holdback", "why", "walk"],
)


def _stated_offer(deal: Deal, reference: str, space_offer: Offer, seat: Decimal) -> Offer:
    lines = tuple(lic.model_copy(update={"unit_price": seat}) for lic in space_offer.licenses)
    return space_offer.model_copy(update={"licenses": lines})


@pytest.mark.parametrize("persona", sorted(PERSONAS))
@pytest.mark.parametrize("script", range(len(SCRIPTS)))
def test_every_number_in_every_reply_is_an_engine_figure(
    seed_deal: Deal, deal_board: DealBoard, persona: str, script: int
) -> None:
    deal = seed_deal
    fmt = formatter_for(deal.currency, deal.locale)
    negotiation = deal.negotiation
    assert negotiation is not None
    _, reference, target = pick_names(deal, negotiation)
    space = build_space(deal, reference, target, negotiation)
    ref = deal.offers[reference]
    allowed: set[str] = set()
    # the deal file's own figures
    allowed |= {fmt.money(Decimal(155)), fmt.money(Decimal(155) - Decimal(145)), fmt.money(Decimal(1))}
    for forecast in deal.buyer.forecasts.values():
        allowed.add(fmt.number(forecast.expected))
        if forecast.vendor_expected is not None:
            allowed.add(fmt.number(forecast.vendor_expected))
    allowed.add(fmt.number(sum(lic.quantity for lic in ref.licenses)))
    # the strategy engine's levels and their values
    for issue in space.issues:
        for level in issue.levels:
            allowed |= {fmt.money(level.buyer_value), fmt.money(-level.vendor_value)}
            allowed |= {fmt.text(level.label)}
            for _, value in level.label.values:
                allowed.add(fmt.value(value))
    # a dollar off the seat, at the vendor's own volume estimates
    vendor_view = Scenario(name="vendor estimate", vendor_view=True)
    cheaper = _stated_offer(deal, reference, ref, ref.licenses[0].unit_price - 1)
    step = schedule(deal, "x", vendor_view, offer=cheaper).total - schedule(deal, "x", vendor_view, offer=ref).total
    allowed.add(fmt.money(-step))
    session = Session(deal_board, PERSONAS[persona], seed=5)
    replies = [session.start()] + [session.play(text) for text in SCRIPTS[script]]
    for reply in replies:
        # the package's term cost, recomputed: the deal space's levels with the stated seat price
        levels = list(reply.offer)
        seat_at = deal_board.board.position("seat_price")
        seat = deal_board.board.issues[seat_at].levels[levels[seat_at]].number
        assert seat is not None and (ref.licenses[0].unit_price - seat) % 1 == 0  # whole dollars off the offer
        allowed.add(fmt.money(seat))
        levels[seat_at] = 0
        offer = _stated_offer(deal, reference, space.offer_for(levels), seat)
        term = schedule(deal, "x", offer=offer).total
        for line in reply.lines:
            if line.kind == "question":
                continue
            text = fmt.text(line.statement)
            if line.kind in ("offer",):
                assert f"Term cost at your volumes: {fmt.money(term)}." in text
            for number in NUMBER.findall(text):
                assert number.rstrip(".,") in allowed | {fmt.money(term)}, (number, text)
