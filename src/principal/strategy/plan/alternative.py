"""The buyer's alternative to this deal (BATNA) and the walk-away it sets, taken from the deal, never assumed.

Candidates, each costed on the same basis as the vendor's offer (the cost of switching: the new contract + the
incumbent's dual running + any early-termination fee, or the contract alone when the deal has no incumbent):
- stated: the buyer gives the alternative's term cost (`negotiation.batna.term_cost`); it wins over the others.
- named bid: `negotiation.batna.offer` names another offer of the deal; its own cost of switching.
- best competing bid: the cheapest offer of another vendor (`principal.cost.bids`), its own cost, never the
  incumbent's bill.
- staying: the incumbent's monthly cost over the term (`principal.cost.switching`), when the deal gives it.
Without a stated or named one, the cheaper of the best bid and staying is the alternative. With none it is unknown:
the walk-away and the ZOPA wait for it and the brief asks the question.

Walk-away (the highest term cost of this vendor's contract still worth signing) = the alternative's cost - this
vendor's switching costs (dual running beside the incumbent + ending the incumbent's contract early), unless the
buyer states one.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from enum import StrEnum

from principal.cost.bids import vendor_bids, vendor_of
from principal.cost.switching import SwitchingCost, switching_cost
from principal.model.deal import Deal
from principal.model.negotiation import Negotiation
from principal.money import Amount
from principal.statements import Statement, say
from principal.strategy.sentences import literal


class AlternativeKind(StrEnum):
    stated = "stated"
    bid = "competing bid"
    staying = "staying with the incumbent"
    unknown = "unknown"


@dataclass(frozen=True)
class Alternative:
    kind: AlternativeKind
    description: Statement
    cost: Decimal | None
    """The alternative's own cost over the term (None when unknown)."""
    formula: Statement
    offer: str | None
    """The competing offer that is the alternative (kind bid)."""
    walk_away: Decimal | None
    walk_away_formula: Statement
    walk_away_stated: bool
    switching_extras: Decimal
    """This vendor's dual running + early termination counted against the alternative (0 without an incumbent)."""
    question: Statement | None
    considered: tuple[Statement, ...]


UNKNOWN_QUESTION = literal(
    "What is your alternative if this vendor does not sign: another vendor's bid (add it as an offer with its "
    "vendor), staying on the current platform (give the incumbent's monthly cost), or a cost you state "
    "(negotiation.batna.term_cost)? Until then the walk-away and the zone of agreement are unknown."
)


Candidate = tuple[Decimal, AlternativeKind, Statement, Statement, str | None]
"""cost, kind, description, formula, offer of one alternative considered."""


def _extras(sw: SwitchingCost) -> Decimal:
    return sw.basis - sw.contract.total


def find_alternative(deal: Deal, negotiation: Negotiation, vendor_offer: str) -> Alternative:
    """The alternative to the vendor's offer `vendor_offer`, and the walk-away on that vendor's contract."""
    cur = deal.currency
    own = switching_cost(deal, vendor_offer)
    extras = _extras(own)
    batna = negotiation.batna
    considered: list[Statement] = []
    candidates: list[Candidate] = []

    staying = own.staying
    if staying is not None:
        inc = deal.buyer.incumbent
        name = inc.name if inc is not None and inc.name else "the current platform"
        formula = say(
            "{name}: its monthly cost over the {term} months of the term, grown by contract year",
            name=name,
            term=deal.offers[vendor_offer].term_months,
        )
        candidates.append((staying, AlternativeKind.staying, say("stay on {name}", name=name), formula, None))
        considered.append(say("staying on {name} costs {cost}", name=name, cost=Amount(staying, cur)))

    rival = _best_bid(deal, vendor_offer, batna.offer)
    if rival is not None:
        offer_name, cost, sw = rival
        vendor = vendor_of(deal, offer_name) or "another vendor"
        desc = say("award to {vendor} (offer {offer})", vendor=vendor, offer=offer_name)
        if sw.total is not None:
            formula = say(
                "{vendor}'s own bid {offer}: its contract {contract} + dual running and early termination {extra}",
                vendor=vendor,
                offer=offer_name,
                contract=Amount(sw.contract.total, cur),
                extra=Amount(_extras(sw), cur),
            )
        else:
            formula = say("{vendor}'s own bid {offer}: its contract over the term", vendor=vendor, offer=offer_name)
        candidates.append((cost, AlternativeKind.bid, desc, formula, offer_name))
        considered.append(
            say("{vendor}'s bid {offer} costs {cost}", vendor=vendor, offer=offer_name, cost=Amount(cost, cur))
        )

    if batna.term_cost is not None:
        words = literal(batna.description) if batna.description else literal("the alternative you state")
        chosen: Candidate | None = (
            batna.term_cost,
            AlternativeKind.stated,
            words,
            literal("the term cost stated in negotiation.batna.term_cost"),
            None,
        )
    elif batna.offer is not None and rival is not None:
        chosen = next(c for c in candidates if c[1] is AlternativeKind.bid)
    elif candidates:
        chosen = min(candidates, key=lambda c: c[0])
    else:
        chosen = None

    stated_walk = negotiation.walk_away_tco
    if chosen is None:
        walk_formula = (
            literal("the walk-away stated in negotiation.walk_away_tco")
            if stated_walk is not None
            else literal("unknown until the alternative is known")
        )
        return Alternative(
            kind=AlternativeKind.unknown,
            description=literal(batna.description) if batna.description else literal("not known"),
            cost=None,
            formula=literal("the deal has no competing bid, no incumbent cost and no stated alternative"),
            offer=None,
            walk_away=stated_walk,
            walk_away_formula=walk_formula,
            walk_away_stated=stated_walk is not None,
            switching_extras=extras,
            question=UNKNOWN_QUESTION,
            considered=tuple(considered),
        )
    cost, kind, description, formula, offer = chosen
    if batna.description and kind is not AlternativeKind.stated:
        description = literal(batna.description)
    if stated_walk is not None:
        walk, walk_formula = stated_walk, literal("the walk-away stated in negotiation.walk_away_tco")
    else:
        walk = cost - extras
        walk_formula = say(
            "the alternative {alternative} - what switching to '{offer}' adds on top of its contract (dual running "
            "beside the incumbent and ending the incumbent's contract early) {extra}",
            alternative=Amount(cost, cur),
            offer=vendor_offer,
            extra=Amount(extras, cur),
        )
    return Alternative(
        kind=kind,
        description=description,
        cost=cost,
        formula=formula,
        offer=offer,
        walk_away=walk,
        walk_away_formula=walk_formula,
        walk_away_stated=stated_walk is not None,
        switching_extras=extras,
        question=None,
        considered=tuple(considered),
    )


def _best_bid(deal: Deal, vendor_offer: str, named: str | None) -> tuple[str, Decimal, SwitchingCost] | None:
    """The named competing offer, else the cheapest offer of another vendor, with its cost of switching."""
    vendor = vendor_of(deal, vendor_offer)
    if named is not None:
        sw = switching_cost(deal, named)
        return named, sw.basis, sw
    rivals = [name for name in deal.offers if vendor_of(deal, name) != vendor]
    if not rivals:
        return None
    costs = {name: switching_cost(deal, name) for name in rivals}
    bids = vendor_bids(deal, {name: sw.basis for name, sw in costs.items()})
    best = min(bids, key=lambda b: b.best_cost)
    return best.best_offer, best.best_cost, costs[best.best_offer]
