"""One colour per offer on every page and chart: the offer's place in the deal picks it, so `final` is the same
colour on the Cost, SLA and Decide tabs (colours chosen for contrast on white and apart for colour-blind readers)."""

from __future__ import annotations

from collections.abc import Iterable

PALETTE = ("#0b5cad", "#b35900", "#116329", "#8250df", "#a40e26", "#1b7c83", "#6e5600", "#953800")
INCUMBENT = "#57606a"


def offer_colours(offers: Iterable[str]) -> dict[str, str]:
    return {name: PALETTE[i % len(PALETTE)] for i, name in enumerate(offers)}


def offer_colour(offers: Iterable[str], name: str) -> str:
    return offer_colours(offers).get(name, INCUMBENT)


def offer_classes(offers: Iterable[str]) -> dict[str, str]:
    """The CSS class giving each offer its colour (`offer-c0`...), for swatches and legends on pages."""
    return {name: f"offer-c{i % len(PALETTE)}" for i, name in enumerate(offers)}
