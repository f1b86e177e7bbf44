"""SLA cross-field checks give located problems."""

from __future__ import annotations

import pytest

from principal.errors import InputError
from principal.loader import parse_deal
from tests.conftest import SEED


def problems_after(old: str, new: str, *more: tuple[str, str]) -> list[str]:
    text = SEED.read_text()
    for before, after in ((old, new), *more):
        assert before in text
        text = text.replace(before, after, 1)
    with pytest.raises(InputError) as caught:
        parse_deal(text, "deal.yaml")
    return [p.render() for p in caught.value.problems]


def test_chronic_rule_longer_than_the_term() -> None:
    found = problems_after(
        "          count: 3\n          within: 6",
        "          count: 20\n          within: 24",
        ("    term_months: 36", "    term_months: 12"),
    )
    assert any(
        "sla.chronic[0].count: needs 20 months but the 12-month term has only 12; it can never fire" in p for p in found
    )


def test_combined_target_needs_a_combined_computation() -> None:
    found = problems_after(
        "      computation: per_component\n", "      computation: per_component\n      combined_target: 99.9\n"
    )
    assert any(
        "sla.combined_target: combined_target applies only when computation is averaged or series" in p for p in found
    )


def test_duplicate_duration_tiers() -> None:
    found = problems_after(
        "        basis: uptime\n",
        "        basis: duration\n",
        ("{below: 99.9, percent: 5}", "{min_minutes: 10, percent: 5}"),
        ("{below: 99.5, percent: 10}", "{min_minutes: 10, percent: 10}"),
    )
    assert any("duration tiers must each have a different min_minutes" in p for p in found)
