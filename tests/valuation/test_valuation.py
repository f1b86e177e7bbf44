"""The lever valuation: deterministic for a seed, exact where the draws leave nothing to chance, defaults labelled."""

from __future__ import annotations

from decimal import Decimal

from principal.model.deal import Deal
from principal.model.negotiation import BuyerRisk
from principal.valuation import Basis, risk_assumptions, value_levers
from principal.valuation.tornado import tornado


def _with_risk(deal: Deal, **fields: object) -> Deal:
    assert deal.negotiation is not None
    negotiation = deal.negotiation.model_copy(update={"buyer_risk": BuyerRisk.model_validate(fields)})
    return deal.model_copy(update={"negotiation": negotiation})


def test_same_seed_same_figures(seed_deal: Deal) -> None:
    one = value_levers(seed_deal, "revised-ask", "original", draws=2_000, seed=7)
    two = value_levers(seed_deal, "revised-ask", "original", draws=2_000, seed=7)
    assert one == two
    other = value_levers(seed_deal, "revised-ask", "original", draws=2_000, seed=8)
    assert other.expected_cost != one.expected_cost


def test_exit_support_when_the_buyer_surely_leaves(seed_deal: Deal) -> None:
    # Every draw leaves: the ask includes the export (fee 0 against 50,000) and transition hours at 165 against
    # the market's 250, so the lever saves 50,000 + 400 x (250 - 165) = 84,000.00 in every draw.
    deal = _with_risk(seed_deal, exit_probability=1.0)
    valuation = value_levers(deal, "revised-ask", "original", draws=1_000)
    lever = valuation.get("exit_terms")
    assert lever is not None and lever.expected_saving is not None and lever.p90_saving is not None
    assert lever.expected_saving.number == Decimal(50_000 + 400 * (250 - 165))
    assert lever.p90_saving.number == Decimal("84000.00")
    # exit_probability is now stated by the deal; the other exit assumptions are still labelled defaults.
    assert lever.basis is Basis.default
    assert lever.defaults_used == ("transition_hours", "market_rate_per_hour", "data_export_fee")


def test_basis_of_each_assumption(seed_deal: Deal) -> None:
    stated = risk_assumptions(_with_risk(seed_deal, implementation_slip_probability=0.5))
    assert stated.implementation_slip_probability.basis is Basis.deal
    assert stated.implementation_slip_probability.value == Decimal("0.5")
    assert stated.exit_probability.basis is Basis.default
    assert risk_assumptions(seed_deal).implementation_slip_probability.basis is Basis.default


def test_no_cap_saving_without_volume_risk(seed_deal: Deal) -> None:
    # With every forecast fixed at its expected volume (and no launch event) the 110% cap never binds.
    forecasts = {
        name: fc.model_copy(update={"low": None, "high": None, "events": (), "monthly_noise": Decimal(0)})
        for name, fc in seed_deal.buyer.forecasts.items()
    }
    deal = seed_deal.model_copy(update={"buyer": seed_deal.buyer.model_copy(update={"forecasts": forecasts})})
    cap = value_levers(deal, "revised-ask", "original", draws=500).get("usage_cap")
    assert cap is not None and cap.expected_saving is not None
    assert cap.expected_saving.number == 0


def test_tornado_is_deterministic_and_sorted(seed_deal: Deal) -> None:
    offers = ["original", "quarter-end", "revised-ask"]
    first = tornado(seed_deal, offers, "original", draws=400)
    assert first == tornado(seed_deal, offers, "original", draws=400)
    swings = [row.swing for row in first.rows]
    assert swings == sorted(swings, reverse=True)
    assert first.recommended in offers
    rows = {row.assumption: row for row in first.rows}
    # A likelier slip costs the recommended offer more in expectation; a less likely one, less.
    slip = rows["implementation_slip_probability"]
    assert slip.low.change.number < 0 < slip.high.change.number
