"""The signed offer of a deal and its contract time: the effective date is the first day of contract month 1.

`signed_view(deal)` gives the deal as signed: the same deal with `start` set to the signed effective date, so the
cost engine's renewal notice date and the SLA engine's windows count from the day the contract really started.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from principal.cost.defaults import Unknown
from principal.cost.exit_terms import add_months
from principal.errors import PrincipalError
from principal.model.deal import Deal, Offer


class NotSigned(PrincipalError):
    """The deal records no signed offer (no `signed:` block)."""


@dataclass(frozen=True)
class SignedView:
    deal: Deal
    """The deal with `start` = the signed effective date (when one is recorded)."""
    offer_name: str
    offer: Offer
    signature_date: dt.date | None
    effective_date: dt.date | None
    questions: tuple[Unknown, ...]

    def month_start(self, month: int) -> dt.date | None:
        """First day of contract month `month` (None without an effective date)."""
        if self.effective_date is None:
            return None
        return add_months(self.effective_date, month - 1)

    @property
    def term_end(self) -> dt.date | None:
        """The day after the last day of the term (effective date + term months)."""
        if self.effective_date is None:
            return None
        return add_months(self.effective_date, self.offer.term_months)

    def path(self, *parts: str) -> str:
        return ".".join(("offers", self.offer_name, *parts))


def signed_view(deal: Deal) -> SignedView:
    signed = deal.signed
    if signed is None:
        raise NotSigned("the deal records no signed offer")
    questions: list[Unknown] = []
    if signed.signature_date is None:
        questions.append(Unknown("signed.signature_date", "When was the contract signed?"))
    if signed.effective_date is None:
        questions.append(
            Unknown("signed.effective_date", "When does the signed term start? Every key date counts from it.")
        )
    view = deal if signed.effective_date is None else deal.model_copy(update={"start": signed.effective_date})
    return SignedView(
        deal=view,
        offer_name=signed.offer,
        offer=deal.offer(signed.offer),
        signature_date=signed.signature_date,
        effective_date=signed.effective_date,
        questions=tuple(questions),
    )
