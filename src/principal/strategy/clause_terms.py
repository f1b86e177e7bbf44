"""Parts of the clause drafts that every clause relies on: named placeholders for values the deal does not give,
the defined terms (the parties, the Fee Base as the SLA engine computes it, the Term), and the price clause
(annual uplift and renewal cap).

A draft never invents a value: where the deal is silent it writes a placeholder such as [CHRONIC NOTICE PERIOD]
and lists it, with what to fill in, at the top of the drafts.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from principal.model.deal import Deal, Offer
from principal.model.pricing import UpliftKind
from principal.statements import Percent, Statement, say
from principal.strategy.sentences import concat, literal


@dataclass(frozen=True)
class Placeholder:
    name: str
    """As written in the draft, e.g. [CHRONIC NOTICE PERIOD]."""
    fill_in: str


@dataclass
class Placeholders:
    """The placeholders a set of drafts uses, in the order they first appear."""

    items: list[Placeholder] = field(default_factory=list)

    def use(self, name: str, fill_in: str) -> str:
        text = f"[{name}]"
        if all(p.name != text for p in self.items):
            self.items.append(Placeholder(text, fill_in))
        return text


@dataclass(frozen=True)
class Parties:
    """The parties' defined names, as a reviewed contract document writes them (e.g. "Provider", "Client")."""

    customer: str
    supplier: str


FEE_BASE_MEANING = {
    "all_monthly": "all licence, recurring and usage fees invoiced for that month, after uplifts, volume bands, "
    "allowances and minimums and before any credit",
    "component": "the monthly fees attributable to the affected component, as listed in the order form",
    "usage": "the usage fees invoiced for that month, after volume bands and allowances and before any credit",
    "licenses": "the licence fees invoiced for that month, after uplifts and before any credit",
}
"""What the Fee Base is, worded from how `principal.sla.fee_base` computes it for each base a credit can name."""


def definitions(deal: Deal, offer: Offer, slots: Placeholders, parties: Parties | None) -> tuple[Statement, ...]:
    customer_name = deal.buyer.organisation or slots.use("CUSTOMER LEGAL NAME", "the buyer's legal entity")
    supplier_name = offer.vendor or deal.vendor or slots.use("SUPPLIER LEGAL NAME", "the vendor's legal entity")
    customer, supplier = (parties.customer, parties.supplier) if parties is not None else ("Customer", "Supplier")
    out = [
        say(
            'Definitions. "{customer}" means {customer_name}; "{supplier}" means {supplier_name}; "Term" means the '
            "committed term of {months} months from the start date in the order form.",
            customer=customer,
            customer_name=customer_name,
            supplier=supplier,
            supplier_name=supplier_name,
            months=offer.term_months,
        )
    ]
    if offer.sla is not None and offer.sla.credits.tiers:
        out.append(
            say(
                '"Fee Base" means, for a month, {meaning}.',
                meaning=FEE_BASE_MEANING[offer.sla.credits.fee_base.value],
            )
        )
    return tuple(out)


def price_clause(offer: Offer, slots: Placeholders) -> tuple[tuple[Statement, ...], tuple[Statement, ...]]:
    """Paragraphs and gaps of the price-increase clause: the annual uplift and the renewal cap."""
    paras: list[Statement] = []
    missing: list[Statement] = []
    up = offer.uplift
    if up is None or up.kind is UpliftKind.none:
        paras.append(literal("Price Increases. The fees are fixed for the Term; no annual increase applies."))
    elif up.kind is UpliftKind.fixed and up.percent is not None:
        paras.append(
            say(
                "Price Increases. From contract year {year}, the fees listed may rise once a year by at most {percent} "
                "of the previous year's fees; no other increase applies during the Term.",
                year=up.from_year,
                percent=Percent(up.percent),
            )
        )
    else:
        cap = (
            say(", never above {cap}", cap=Percent(up.cap))
            if up.cap is not None
            else literal(", never above " + slots.use("CPI UPLIFT CAP", "the most a CPI-linked rise may add in a year"))
        )
        floor = say(" and never below {floor}", floor=Percent(up.floor)) if up.floor is not None else literal("")
        plus = say(" plus {points} points", points=Percent(up.cpi_plus)) if up.cpi_plus else literal("")
        paras.append(
            concat(
                say(
                    "Price Increases. From contract year {year}, the fees may rise once a year by the consumer price "
                    "index change",
                    year=up.from_year,
                ),
                plus,
                cap,
                floor,
                ".",
            )
        )
        if up.cap is None:
            missing.append(literal("the CPI-linked uplift has no cap"))
    renewal = offer.exit.renewal if offer.exit is not None else None
    if renewal is not None and renewal.uplift_cap_percent is not None:
        paras.append(
            say(
                "Renewal. On any renewal, the fees may rise by at most {cap} over those of the last contract year.",
                cap=Percent(renewal.uplift_cap_percent),
            )
        )
    else:
        paras.append(
            literal(
                "Renewal. On any renewal, the fees may rise by at most "
                + slots.use("RENEWAL PRICE CAP", "the most renewal prices may rise over the last contract year's")
                + " over those of the last contract year."
            )
        )
        missing.append(literal("no cap on price rises at renewal"))
    return tuple(paras), tuple(missing)
