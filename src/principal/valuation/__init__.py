"""One valuation for every non-price lever: one Monte Carlo over the deal's forecasts and the SLA outage model.

Depends on the cost and SLA engines and the model; `align` and `strategy` import it, never the reverse.
`value_levers(deal, offer, reference)` gives each lever's change in expected cost of switching and in its P90;
`tornado(deal, offers)` shows which assumption would change the cheapest offer or a lever's sign.
"""

from principal.valuation.assumptions import Assumption, Basis, RiskAssumptions, risk_assumptions
from principal.valuation.engine import LeverValue, Valuation, lever_between, value_levers, valuer_for
from principal.valuation.levers import LEVER_SPECS, SPECS, LeverSpec
from principal.valuation.outcomes import DRAWS, SEED, Valuer

__all__ = [
    "DRAWS",
    "LEVER_SPECS",
    "SEED",
    "SPECS",
    "Assumption",
    "Basis",
    "LeverSpec",
    "LeverValue",
    "RiskAssumptions",
    "Valuation",
    "Valuer",
    "lever_between",
    "risk_assumptions",
    "value_levers",
    "valuer_for",
]
