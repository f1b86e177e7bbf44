"""The schedule's order-form lines, added to an offer's licence, fee and usage lines: true-ups, free months,
signing credits, then surcharges and taxes on everything before them (principal.cost.surcharges)."""

from __future__ import annotations

from principal.cost.fx import offer_currency
from principal.cost.licence_terms import free_month_credits, true_up_lines
from principal.cost.lines import Category, Line
from principal.cost.scenario import Scenario
from principal.cost.surcharges import surcharge_lines
from principal.model.deal import Deal, Offer


def credit_lines(offer: Offer) -> list[Line]:
    return [
        Line(
            credit.month,
            Category.credit,
            credit.name,
            -credit.amount,
            f"credit of {credit.amount} on the month {credit.month} invoice",
            billed_with=Category.one_time,
        )
        for credit in offer.credits
    ]


def order_form_lines(deal: Deal, offer: Offer, scenario: Scenario, lines: list[Line]) -> list[Line]:
    """`lines` with the order-form lines added, all in the offer's currency."""
    out = list(lines)
    out.extend(true_up_lines(offer, scenario))
    out.extend(free_month_credits(offer, out))
    out.extend(credit_lines(offer))
    out.extend(surcharge_lines(offer, out, scenario, offer_currency(deal, offer)))
    return out
