"""Rate-card mechanics: flat, graduated and all-units volume cards, exact and vectorised."""

from __future__ import annotations

from decimal import Decimal

import numpy as np
import pytest

from principal.cost import ratecard
from principal.model import Band, RateCard, RateCardKind

BANDS = (
    Band(up_to=Decimal(1000), rate=Decimal("0.10")),
    Band(up_to=Decimal(5000), rate=Decimal("0.08")),
    Band(rate=Decimal("0.05")),
)
GRADUATED = RateCard(kind=RateCardKind.graduated, bands=BANDS)
VOLUME = RateCard(kind=RateCardKind.volume, bands=BANDS)


@pytest.mark.parametrize(
    ("volume", "graduated", "volume_tier"),
    [
        (0, "0", "0"),
        (500, "50.00", "50.00"),
        (1000, "100.00", "100.00"),  # limits are inclusive
        (1001, "100.08", "80.08"),
        (5000, "420.00", "400.00"),
        (6000, "470.00", "300.00"),
    ],
)
def test_graduated_and_volume_differ(volume: int, graduated: str, volume_tier: str) -> None:
    assert ratecard.price(GRADUATED, Decimal(volume)) == Decimal(graduated)
    assert ratecard.price(VOLUME, Decimal(volume)) == Decimal(volume_tier)


def test_flat_card_with_uplift_factor() -> None:
    card = RateCard(kind=RateCardKind.flat, rate=Decimal("0.0085"))
    assert ratecard.price(card, Decimal(1_000_000), Decimal("1.05")) == Decimal("8925.0000")


def test_array_version_matches_exact() -> None:
    volumes = np.array([0, 500, 1000, 1001, 5000, 6000, 123456.0])
    for card in (GRADUATED, VOLUME):
        exact = [float(ratecard.price(card, Decimal(str(v)))) for v in volumes]
        assert np.allclose(ratecard.price_array(card, volumes), exact, rtol=0, atol=1e-9)


def test_describe_names_the_mechanics() -> None:
    assert (
        ratecard.describe(GRADUATED) == "graduated per month: 0-1,000 at 0.10; 1,000-5,000 at 0.08; over 5,000 at 0.05"
    )
    assert ratecard.describe(VOLUME).startswith("all-units volume per month")
