"""The lever values every command quotes: each offer against a reference, on one shared set of draws."""

from __future__ import annotations

import dataclasses
from collections.abc import Sequence
from dataclasses import dataclass, field

from principal.cost.results import ComparisonResult, VersusBaseline
from principal.model.deal import Deal
from principal.valuation.engine import Valuation, value_levers, valuer_for
from principal.valuation.outcomes import DRAWS, SEED
from principal.valuation.tornado import Tornado, tornado


def offer_valuations(
    deal: Deal, offers: Sequence[str], reference: str, *, draws: int = DRAWS, seed: int = SEED
) -> dict[str, Valuation]:
    """Each offer (other than the reference) valued against the reference; one Monte Carlo for all of them."""
    valuer = valuer_for(deal, draws, seed)
    return {
        name: value_levers(deal, name, reference, valuer=valuer) for name in dict.fromkeys(offers) if name != reference
    }


@dataclass(frozen=True)
class ValuedComparison(ComparisonResult):
    """`principal compare` with the non-price levers valued in expectation, and optionally the tornado."""

    lever_values: dict[str, Valuation] = field(default_factory=dict)
    """Per offer: its non-price levers against the baseline (expected and P90 saving, each with its basis)."""
    tornado: Tornado | None = None


COMPARE_LEVERS = {"usage_rates": "usage_rates", "usage_cap": "usage_cap", "one_time_fees": "holdback"}
"""compare's cost levers that the valuation also prices (compare lever -> valuation lever)."""


def _with_values(versus: VersusBaseline, valuation: Valuation | None) -> VersusBaseline:
    if valuation is None:
        return versus
    levers = []
    for lever in versus.levers:
        valued = valuation.get(COMPARE_LEVERS.get(lever.lever, ""))
        if valued is not None:
            lever = dataclasses.replace(lever, expected_saving=valued.expected_saving, p90_saving=valued.p90_saving)
        levers.append(lever)
    return dataclasses.replace(versus, levers=tuple(levers))


def valued_comparison(
    deal: Deal, result: ComparisonResult, offers: Sequence[str], *, with_tornado: bool = False
) -> ValuedComparison:
    values = offer_valuations(deal, offers, result.baseline)
    versus = tuple(_with_values(v, values.get(v.offer)) for v in result.versus_baseline)
    sensitivity = (
        tornado(deal, list(dict.fromkeys([result.baseline, *offers])), result.baseline) if with_tornado else None
    )
    fields = {name: getattr(result, name) for name in result.__dataclass_fields__}
    fields["versus_baseline"] = versus
    return ValuedComparison(**fields, lever_values=values, tornado=sensitivity)
