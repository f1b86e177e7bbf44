"""One set of random draws that every offer and every lever variant is valued on (common random numbers).

A draw is one possible term: forecast volumes (drawn by `principal.cost.montecarlo` from the same seed, so every
offer sees the same volumes), outages from the SLA engine's outage model, whether the vendor turns out to be
troubled (its components then fail at the troubled preset all term), whether the implementation slips, and whether
and in which contract year the buyer leaves. Events are drawn as uniform numbers and compared with the
probabilities only when a draw is judged, so the tornado changes a probability without redrawing anything else.
"""

from __future__ import annotations

import zlib
from dataclasses import dataclass

import numpy as np

from principal.cost.content_memo import BoundedMemo
from principal.model.deal import Deal
from principal.model.sla import Sla
from principal.sla.business_hours import open_share_of_week
from principal.sla.comparison import outage_components
from principal.sla.coverage import impact_definitions
from principal.sla.draws import BoolArray, DrawnOutages, FloatArray, draw_outages
from principal.sla.impact import hourly_impact
from principal.sla.outage_model import OutageModel, make_model, preset_model
from principal.sla.simulation import month_minutes
from principal.valuation.assumptions import BASE_PRESET, TROUBLED_PRESET, RiskAssumptions


def stream(seed: int, name: str) -> np.random.Generator:
    return np.random.default_rng([seed, zlib.crc32(name.encode())])


def scaled_model(model: OutageModel, factor: float) -> OutageModel:
    return make_model(
        model.component, model.rate_per_month * factor, model.mu, model.sigma, model.cause_shares, model.source
    )


def _select(parts: list[tuple[DrawnOutages, BoolArray]], runs: int, months: int) -> DrawnOutages:
    """The outages of each draw from the model its draw uses (a boolean per draw for each part)."""
    keep = [d.slot // months for d, _ in parts]
    masks = [use[run] for (_, use), run in zip(parts, keep, strict=True)]
    first = parts[0][0]
    return DrawnOutages(
        runs=runs,
        months=months,
        names=first.names,
        component=np.concatenate([d.component[m] for (d, _), m in zip(parts, masks, strict=True)]),
        slot=np.concatenate([d.slot[m] for (d, _), m in zip(parts, masks, strict=True)]),
        minutes=np.concatenate([d.minutes[m] for (d, _), m in zip(parts, masks, strict=True)]),
        cause=np.concatenate([d.cause[m] for (d, _), m in zip(parts, masks, strict=True)]),
        in_hours=np.concatenate([d.in_hours[m] for (d, _), m in zip(parts, masks, strict=True)]),
    )


OUTAGE_DRAWS = 2
"""How many worlds' drawn outages are remembered (each is about 16 MB at 10,000 draws of 36 months)."""

OutagesKey = tuple[str, str, bytes, int, int, float, int]
_drawn: BoundedMemo[OutagesKey, DrawnOutages] = BoundedMemo(OUTAGE_DRAWS)


def _outages(
    base: tuple[OutageModel, ...],
    bad: tuple[OutageModel, ...],
    troubled: BoolArray,
    months: int,
    open_share: float,
    seed: int,
) -> DrawnOutages:
    """Each draw's outages from the base or the troubled models. The same models, vendor states, term and seed
    always draw the same outages, so they are drawn once and shared (read-only) by every world that asks."""
    draws = troubled.size
    key = (repr(base), repr(bad), troubled.tobytes(), draws, months, open_share, seed)

    def draw() -> DrawnOutages:
        drawn_base = draw_outages(base, draws, months, open_share, stream(seed, "outages"))
        drawn_bad = draw_outages(bad, draws, months, open_share, stream(seed, "troubled outages"))
        drawn = _select([(drawn_base, ~troubled), (drawn_bad, troubled)], draws, months)
        for array in (drawn.component, drawn.slot, drawn.minutes, drawn.cause, drawn.in_hours):
            array.flags.writeable = False
        return drawn

    return _drawn.get_or_make(key, draw)


@dataclass(frozen=True)
class World:
    draws: int
    seed: int
    months: int
    components: tuple[str, ...]
    troubled: BoolArray
    """True where the vendor runs at the troubled preset."""
    outages: DrawnOutages | None
    minutes_per_month: FloatArray
    impact: FloatArray
    """Business impact of outages, draws x months x components (zero when the deal gives no downtime cost)."""
    base_impact_per_month: FloatArray
    """Expected monthly impact per component of a vendor at the base preset (what a replacement would carry)."""
    slip_uniform: FloatArray
    exit_uniform: FloatArray
    exit_year_uniform: FloatArray
    models: tuple[OutageModel, ...]


def sla_offers(deal: Deal) -> tuple[str, ...]:
    return tuple(name for name, offer in deal.offers.items() if offer.sla is not None)


def impact_sla(deal: Deal, components: tuple[str, ...]) -> Sla | None:
    for offer in deal.offers.values():
        if offer.sla is not None and tuple(c.name for c in offer.sla.components) == components:
            return offer.sla
    return None


def build_world(deal: Deal, risk: RiskAssumptions, draws: int, seed: int) -> World:
    months = max(offer.term_months for offer in deal.offers.values())
    uniforms = stream(seed, "valuation events")
    slip, leave, year = uniforms.random(draws), uniforms.random(draws), uniforms.random(draws)
    troubled = stream(seed, "vendor state").random(draws) < risk.value("chronic_failure_probability")
    with_sla = sla_offers(deal)
    minutes = month_minutes(deal, months)
    if not with_sla:
        empty = np.zeros((draws, months, 0))
        return World(draws, seed, months, (), troubled, None, minutes, empty, np.zeros(0), slip, leave, year, ())
    components = outage_components(deal, with_sla)
    rate = risk.value("outage_rate")
    base = tuple(scaled_model(preset_model(c, BASE_PRESET), rate) for c in components)
    bad = tuple(scaled_model(preset_model(c, TROUBLED_PRESET), rate) for c in components)
    open_share = float(open_share_of_week(deal.buyer.business_hours))
    drawn = _outages(base, bad, troubled, months, open_share, seed)
    primary = impact_sla(deal, components)
    assert primary is not None
    definitions = impact_definitions(primary, list(components))
    hourly = np.array(
        [float(hourly_impact(deal.buyer, definitions[c], deal.currency).total.number) for c in components]
    ) * risk.value("downtime_cost")
    cost = drawn.minutes / 60.0 * drawn.in_hours * hourly[drawn.component]
    n = len(components)
    flat = np.bincount(drawn.slot * n + drawn.component, weights=cost, minlength=draws * months * n)
    impact: FloatArray = flat.astype(np.float64).reshape(draws, months, n)
    expected = np.array([m.expected_minutes_per_month for m in base]) / 60.0 * open_share * hourly
    return World(
        draws, seed, months, components, troubled, drawn, minutes, impact, expected, slip, leave, year, base + bad
    )
