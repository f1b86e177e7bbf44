"""Erlang C against the reference values of the domain notes (section 4), and its behaviour at the edges."""

from __future__ import annotations

import math

import pytest

from principal.strategy import erlang

A = erlang.offered_load(100, 1800, 180)  # 100 calls per half-hour at 180 s -> 10 Erlangs


def test_reference_case() -> None:
    assert A == 10.0
    assert round(erlang.erlang_c(A, 14), 3) == 0.174
    assert round(erlang.service_level(A, 14, 20, 180), 3) == 0.888
    assert round(erlang.occupancy(A, 14), 3) == 0.714
    assert erlang.agents_needed(A, 180, service_target=0.80, threshold_seconds=20) == 14
    assert erlang.positions_for(14, 0.30) == 20
    assert erlang.agents_after_shrinkage(20, 0.30) == 14


@pytest.mark.parametrize(("agents", "expected"), [(11, 0.390), (12, 0.640), (13, 0.796), (14, 0.888), (15, 0.941)])
def test_service_level_by_agents(agents: int, expected: float) -> None:
    assert round(erlang.service_level(A, agents, 20, 180), 3) == expected


def test_asa_matches_formula() -> None:
    p_wait = erlang.erlang_c(A, 14)
    assert erlang.average_speed_of_answer(A, 14, 180) == pytest.approx(p_wait * 180 / 4)
    assert round(erlang.average_speed_of_answer(A, 14, 180), 2) == 7.84


def test_recursion_equals_factorial_form_for_small_n() -> None:
    for load, n in [(3.5, 5), (10.0, 14), (20.0, 25)]:
        top = load**n / math.factorial(n) * n / (n - load)
        direct = top / (sum(load**k / math.factorial(k) for k in range(n)) + top)
        assert erlang.erlang_c(load, n) == pytest.approx(direct, rel=1e-12)


def test_large_queues_stay_finite() -> None:
    # 4,000 Erlangs: A^N/N! overflows a float, the recursion does not.
    needed = erlang.agents_needed(4000.0, 300, service_target=0.8, threshold_seconds=20)
    assert 4000 < needed < 4100
    sl = erlang.service_level(4000.0, needed, 20, 300)
    assert 0.8 <= sl < 1.0
    assert erlang.service_level(4000.0, needed - 1, 20, 300) < 0.8


def test_unstable_queue() -> None:
    assert erlang.erlang_c(10.0, 10) == 1.0
    assert erlang.service_level(10.0, 9, 20, 180) == 0.0
    assert erlang.average_speed_of_answer(10.0, 10, 180) == math.inf


def test_asa_and_occupancy_targets() -> None:
    # ASA at 13 agents is 17.1 s and at 14 is 7.8 s: a 10 s limit needs 14.
    assert erlang.agents_needed(A, 180, max_asa_seconds=10) == 14
    assert erlang.agents_needed(A, 180, max_occupancy=0.85) == 12


def test_mos_and_csat() -> None:
    assert round(erlang.mos_from_r(93.2), 2) == 4.41
    assert erlang.mos_from_r(0) == 1.0
    assert erlang.mos_from_r(120) == 4.5
    assert round(erlang.csat_percent(74, 107)) == 69


def test_bad_arguments() -> None:
    with pytest.raises(ValueError):
        erlang.positions_for(10, 1.0)
    with pytest.raises(ValueError):
        erlang.agents_needed(A, 180, service_target=1.2)


def test_targets_no_staffing_can_meet_are_none() -> None:
    # more Erlangs than the most agents ever considered: no stable queue
    assert erlang.agents_needed(erlang.MAX_AGENTS + 1.0, 180, service_target=0.8, threshold_seconds=20) is None
    # a 100% service level is never certain with Erlang C (some contact always waits)
    assert erlang.agents_needed(A, 180, service_target=1.0, threshold_seconds=20) is None
