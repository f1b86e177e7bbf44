"""The non-price levers the valuation prices, and how each one is put back to the reference offer's terms.

A lever's value in an offer is measured on the offer's own side: the offer as it stands against the same offer
with only that lever at the reference's terms. So the figure depends on the lever and the offer, not on which
reference it is read against, as long as the references agree on the lever (the vendor's first proposal and its
latest price concession usually do).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from principal.model.deal import Offer
from principal.model.sla import Sla
from principal.model.terms import Exit
from principal.valuation.outcomes import holdback_amount


@dataclass(frozen=True)
class LeverSpec:
    key: str
    title: str
    assumptions: tuple[str, ...]
    differs: Callable[[Offer, Offer], bool]
    revert: Callable[[Offer, Offer], Offer]
    """revert(offer, reference): the offer with this lever at the reference's terms."""
    renewal: bool = False


def _plain(sla: Sla | None) -> Sla | None:
    return None if sla is None else sla.model_copy(update={"chronic": ()})


def _chronic(offer: Offer) -> tuple[object, ...]:
    return offer.sla.chronic if offer.sla is not None else ()


def _credits_back(offer: Offer, ref: Offer) -> Offer:
    if ref.sla is None:
        return offer.model_copy(update={"sla": None})
    return offer.model_copy(update={"sla": ref.sla.model_copy(update={"chronic": _chronic(offer)})})


def _chronic_back(offer: Offer, ref: Offer) -> Offer:
    if offer.sla is None:
        return offer
    return offer.model_copy(update={"sla": offer.sla.model_copy(update={"chronic": _chronic(ref)})})


def _exit_fields(offer: Offer, names: tuple[str, ...]) -> tuple[object, ...]:
    ex = offer.exit
    return tuple(getattr(ex, n) if ex is not None else None for n in names)


def _exit_back(names: tuple[str, ...]) -> Callable[[Offer, Offer], Offer]:
    def revert(offer: Offer, ref: Offer) -> Offer:
        ex = offer.exit if offer.exit is not None else Exit()
        values = dict(zip(names, _exit_fields(ref, names), strict=True))
        return offer.model_copy(update={"exit": ex.model_copy(update=values)})

    return revert


EXIT_SUPPORT = ("data_export", "transition_assistance")
RENEWAL = ("renewal",)
TERMINATION = ("termination_for_convenience", "termination_fee_percent_of_remaining", "termination_fee")
FORECASTS = ("forecast_spread",)
OUTAGES = ("outage_rate", "chronic_failure_probability")
LEAVING = ("exit_probability", "transition_hours", "market_rate_per_hour", "data_export_fee")

LEVER_SPECS: tuple[LeverSpec, ...] = (
    LeverSpec(
        "usage_rates",
        "usage rate cards and bands",
        FORECASTS,
        lambda ref, offer: ref.usage != offer.usage,
        lambda offer, ref: offer.model_copy(update={"usage": ref.usage}),
    ),
    LeverSpec(
        "usage_cap",
        "usage cap and collar",
        FORECASTS,
        lambda ref, offer: ref.usage_cap != offer.usage_cap,
        lambda offer, ref: offer.model_copy(update={"usage_cap": ref.usage_cap}),
    ),
    LeverSpec(
        "sla_credits",
        "SLA components and credits",
        OUTAGES,
        lambda ref, offer: _plain(ref.sla) != _plain(offer.sla),
        _credits_back,
    ),
    LeverSpec(
        "chronic_exit",
        "chronic-failure exit",
        (*OUTAGES, "downtime_cost"),
        lambda ref, offer: _chronic(ref) != _chronic(offer),
        _chronic_back,
    ),
    LeverSpec(
        "holdback",
        "one-time fees, milestones and holdback",
        ("implementation_slip_probability", "slip_months"),
        lambda ref, offer: holdback_amount(ref) != holdback_amount(offer),
        lambda offer, ref: offer.model_copy(update={"one_time_fees": ref.one_time_fees}),
    ),
    LeverSpec(
        "exit_terms",
        "data export and transition",
        LEAVING,
        lambda ref, offer: _exit_fields(ref, EXIT_SUPPORT) != _exit_fields(offer, EXIT_SUPPORT),
        _exit_back(EXIT_SUPPORT),
    ),
    LeverSpec(
        "renewal_cap",
        "renewal price and cap",
        ("exit_probability",),
        lambda ref, offer: _exit_fields(ref, RENEWAL) != _exit_fields(offer, RENEWAL),
        _exit_back(RENEWAL),
        renewal=True,
    ),
    LeverSpec(
        "termination",
        "termination for convenience",
        ("exit_probability",),
        lambda ref, offer: _exit_fields(ref, TERMINATION) != _exit_fields(offer, TERMINATION),
        _exit_back(TERMINATION),
    ),
)

SPECS = {spec.key: spec for spec in LEVER_SPECS}
