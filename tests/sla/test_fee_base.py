"""Fee bases: the first live month of the cost engine's schedule."""

from __future__ import annotations

from principal.model import Deal, RateCard
from principal.model.sla import FeeBase
from principal.sla.fee_base import fee_bases_for_offer
from tests.sla.conftest import usd


def test_original_offer_fee_bases(seed_deal: Deal) -> None:
    fees = fee_bases_for_offer(seed_deal, "original")
    assert fees.licenses == usd("69750.00")  # 450 x 155
    # 4,000,000 x 0.012 + 1,120,000 x 0.0125 + 120,000 x 0.25 + 250,000 x 0.03
    assert fees.usage == usd("99500.00")
    assert fees.all_monthly == usd("169250.00")
    assert fees.monthly(FeeBase.usage) == usd("99500.00")


def test_graduated_bands_in_the_final_offer(seed_deal: Deal) -> None:
    fees = fee_bases_for_offer(seed_deal, "final")
    assert fees.licenses == usd("64350.00")  # 450 x 143
    # inbound 2M x 0.012 + 2M x 0.0099 = 43,800; outbound 520k x 0.0125 + 600k x 0.0095 = 12,200;
    # bots 120k x 0.25 = 30,000; summaries 7,500
    assert fees.usage == usd("93500.00")
    assert fees.all_monthly == usd("157850.00")
    assert fees.monthly(FeeBase.component, ("voice_routing",)) == usd(0)


def test_volume_cards_price_every_unit_at_the_reached_tier(seed_deal: Deal) -> None:
    offer = seed_deal.offers["revised-ask"]
    card = RateCard.model_validate({**offer.usage[0].rate_card.model_dump(), "kind": "volume"})
    meter = offer.usage[0].model_copy(update={"rate_card": card})
    changed = offer.model_copy(update={"usage": (meter,)})
    deal = seed_deal.model_copy(update={"offers": {**seed_deal.offers, "revised-ask": changed}})
    assert fee_bases_for_offer(deal, "revised-ask").usage == usd("39600.00")  # all 4M at 0.0099
