"""The labelled defaults the schedule assumes for an offer's order-form terms where the deal is silent."""

from __future__ import annotations

from principal.cost.defaults import DefaultUsed
from principal.cost.minimums import commitment_start
from principal.cost.scenario import PLAN
from principal.model.deal import Offer
from principal.model.pricing import Period


def schedule_defaults(offer_name: str, offer: Offer) -> tuple[DefaultUsed, ...]:
    out = []
    base = f"offers.{offer_name}"
    for i, meter in enumerate(offer.usage):
        at = f"{base}.usage[{i}]"
        minimum = meter.minimum
        if minimum is not None:
            if minimum.from_month is None:
                start = commitment_start(offer, PLAN, None)
                out.append(
                    DefaultUsed(
                        f"{at}.minimum.from_month",
                        f"from the billing start, month {start}",
                        f"From which month does the {meter.name} minimum apply?",
                    )
                )
            if minimum.period is Period.year and minimum.prorate is None:
                out.append(
                    DefaultUsed(
                        f"{at}.minimum.prorate",
                        "pro-rated in part years",
                        f"Is the {meter.name} minimum pro-rated for a part year?",
                    )
                )
        commitment = meter.commitment
        if commitment is not None:
            if commitment.overage_percent is None:
                out.append(
                    DefaultUsed(
                        f"{at}.commitment.overage_percent",
                        "units above the commitment at the card rate (100%)",
                        f"What is the {meter.name} price above the commitment?",
                    )
                )
            if commitment.take_or_pay is None:
                out.append(
                    DefaultUsed(
                        f"{at}.commitment.take_or_pay",
                        "take-or-pay: the committed quantity is billed even if unused",
                        f"Is the {meter.name} commitment take-or-pay?",
                    )
                )
            if commitment.from_month is None:
                start = commitment_start(offer, PLAN, None)
                out.append(
                    DefaultUsed(
                        f"{at}.commitment.from_month",
                        f"from the billing start, month {start}",
                        f"From which month does the {meter.name} commitment apply?",
                    )
                )
            if commitment.period.value == "year" and commitment.prorate is None:
                out.append(
                    DefaultUsed(
                        f"{at}.commitment.prorate",
                        "pro-rated in part years",
                        f"Is the {meter.name} commitment pro-rated for a part year?",
                    )
                )
    for i, lic in enumerate(offer.licenses):
        if lic.true_up is not None and lic.true_up.basis is None:
            out.append(
                DefaultUsed(
                    f"{base}.licenses[{i}].true_up.basis",
                    "the peak seats in use in each period",
                    f"Is the {lic.name} true-up on peak or average seats?",
                )
            )
    return tuple(out)
