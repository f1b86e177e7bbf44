"""Service credits owed under the signed SLA: the outage log replayed by the SLA engine (the same replay, the
same figures), each window's credit with its evidence and claim deadline, and which credits are not claimed yet.

A credit is `not_yet` while its window has not ended, `open` while its claim deadline has not passed and no claim
is recorded (`signed.claims`), `claimed` once one is, and `lapsed` when the deadline passed unclaimed. A window
whose credit is forfeited (the last window when credits only offset future invoices) is flagged as the SLA engine
flags it.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal
from enum import StrEnum

from principal.cost.defaults import Unknown
from principal.model.signed import Claim
from principal.model.sla import Outage
from principal.money import Amount
from principal.signed.context import SignedView
from principal.sla.replay import JudgedFigure, OutageOutcome, ReplayResult, WindowResult
from principal.sla.report import sla_report


class ClaimStatus(StrEnum):
    not_yet = "not_yet"
    """The window has not ended on the day judged: nothing to claim yet."""
    open = "open"
    claimed = "claimed"
    lapsed = "lapsed"


@dataclass(frozen=True)
class CreditOwed:
    window: WindowResult
    missed: tuple[JudgedFigure, ...]
    evidence: tuple[OutageOutcome, ...]
    """The outages that fell in the window and counted against a missed figure."""
    amount: Amount
    claim_deadline: dt.date | None
    claim: Claim | None
    status: ClaimStatus
    forfeited: bool


@dataclass(frozen=True)
class CreditsOwed:
    offer: str
    as_of: dt.date
    replay: ReplayResult
    owed: tuple[CreditOwed, ...]
    total: Amount
    unclaimed: Amount
    """Open credits: not claimed, deadline not passed."""
    lapsed: Amount
    fields: tuple[str, ...]
    """The SLA clauses the credits follow from."""
    questions: tuple[Unknown, ...]


def credits_owed(view: SignedView, outages: Sequence[Outage], *, as_of: dt.date) -> CreditsOwed:
    """The credits the signed SLA owes for `outages`, judged as of `as_of` (today)."""
    if view.offer.sla is None:
        raise ValueError(f"offer {view.offer_name!r} has no SLA")
    replay = sla_report(view.deal, view.offer_name, outages=outages).replay
    assert replay is not None
    claims = {c.window_start: c for c in (view.deal.signed.claims if view.deal.signed else ())}
    questions = list(view.questions)
    if view.offer.sla.credits.claim_days is None:
        questions.append(
            Unknown(view.path("sla", "credits", "claim_days"), "Within how many days must credits be claimed?")
        )
    owed = []
    for window in replay.windows:
        if window.credit_paid.number <= 0:
            continue
        missed = tuple(j for j in window.judged if j.missed)
        names = {j.name for j in missed}
        first = dt.datetime.combine(window.first_day, dt.time(0))
        evidence = tuple(
            o
            for o in replay.outages
            if o.counted_minutes > 0
            and (o.counts_against in names or "combined" in names)
            and _overlaps(o, first, window.last_day)
        )
        claim = claims.get(window.first_day)
        deadline = window.claim_deadline
        if claim is not None:
            status = ClaimStatus.claimed
        elif window.last_day >= as_of:
            status = ClaimStatus.not_yet
        elif deadline is not None and deadline < as_of:
            status = ClaimStatus.lapsed
        else:
            status = ClaimStatus.open
        owed.append(CreditOwed(window, missed, evidence, window.credit_paid, deadline, claim, status, window.forfeited))
    zero = Amount.zero(view.deal.currency)
    sla = view.path("sla")
    return CreditsOwed(
        offer=view.offer_name,
        as_of=as_of,
        replay=replay,
        owed=tuple(owed),
        total=sum((c.amount for c in owed), zero),
        unclaimed=sum((c.amount for c in owed if c.status is ClaimStatus.open), zero),
        lapsed=sum((c.amount for c in owed if c.status is ClaimStatus.lapsed), zero),
        fields=(
            f"{sla}.components",
            f"{sla}.credits.tiers",
            f"{sla}.credits.cap_percent",
            f"{sla}.credits.fee_base",
            f"{sla}.credits.claim_days",
        ),
        questions=tuple(questions),
    )


def _overlaps(outage: OutageOutcome, first: dt.datetime, last_day: dt.date) -> bool:
    zone = outage.start.tzinfo
    start = first.replace(tzinfo=zone)
    end = dt.datetime.combine(last_day + dt.timedelta(days=1), dt.time(0), tzinfo=zone)
    return outage.start < end and outage.end > start


def percent_of_base(credit: CreditOwed) -> Decimal:
    """The credit as a percentage of the window's fee base (for the letter)."""
    base = credit.window.fee_base_amount.number
    return credit.amount.number / base * 100 if base else Decimal(0)
