"""Erlang C and Erlang A against published reference values (the domain notes, section 4; pyworkforce, MIT) and
their behaviour at the edges."""

from __future__ import annotations

import math

import pytest

from principal.strategy import erlang, erlang_a

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
    with pytest.raises(ValueError):
        erlang_a.evaluate(100, 1800, 180, 0, 14)


# pyworkforce (rodrigo-arenas/pyworkforce, MIT), queuing/tests/test_erlang.py: 100 transactions per 30 min, AHT
# 3 min, ASA 0.33 min (19.8 s), 30% shrinkage, 80% target.
@pytest.mark.parametrize(
    ("max_occupancy", "agents", "positions", "sl", "occ", "p_wait"),
    [(0.85, 14, 20, 0.888, 0.714, 0.174), (0.70, 15, 22, 0.941, 0.667, 0.102)],
)
def test_erlang_c_reproduces_pyworkforce(
    max_occupancy: float, agents: int, positions: int, sl: float, occ: float, p_wait: float
) -> None:
    needed = erlang.agents_needed(A, 180, service_target=0.8, threshold_seconds=19.8, max_occupancy=max_occupancy)
    assert needed == agents and erlang.positions_for(needed, 0.3) == positions
    assert round(erlang.service_level(A, needed, 19.8, 180), 3) == sl
    assert round(erlang.occupancy(A, needed), 3) == occ
    assert round(erlang.erlang_c(A, needed), 3) == p_wait


def test_erlang_a_reproduces_pyworkforce() -> None:
    # queuing/tests/test_abandonment.py: the same queue with a mean patience of 5 minutes, 14 agents, 20 s.
    q = erlang_a.evaluate(100, 1800, 180, 300, 14, 20)
    assert round(q.p_wait, 5) == 0.14526
    assert round(q.p_abandon, 6) == 0.013984
    assert round(q.occupancy, 6) == 0.704297
    assert round(q.asa_seconds / 60, 6) == 0.069919  # minutes, as published
    assert q.service_level is not None and round(q.service_level, 6) == 0.916792
    # Little's law: ASA over all arrivals is the queue length over the arrival rate (100 per 1800 s).
    assert q.asa_seconds == pytest.approx(q.queue_length / (100 / 1800))


@pytest.mark.parametrize("agents", [15, 20, 25])
def test_erlang_a_tends_to_erlang_c_as_patience_grows(agents: int) -> None:
    q = erlang_a.evaluate(100, 1800, 180, 1e9, agents, 20)
    assert q.p_wait == pytest.approx(erlang.erlang_c(A, agents), abs=1e-4)
    assert q.occupancy == pytest.approx(erlang.occupancy(A, agents), abs=1e-4)
    assert q.service_level == pytest.approx(erlang.service_level(A, agents, 20, 180), abs=1e-3)


def test_erlang_a_behaviour() -> None:
    # Abandonment keeps even an overloaded queue finite; impatient callers abandon more; more agents, better SL.
    overloaded = erlang_a.evaluate(100, 1800, 180, 300, 8, 20)
    assert 0 < overloaded.p_abandon < 1 and overloaded.occupancy <= 1
    assert erlang_a.evaluate(100, 1800, 180, 60, 14).p_abandon > erlang_a.evaluate(100, 1800, 180, 1200, 14).p_abandon
    levels = [erlang_a.evaluate(100, 1800, 180, 300, n, 20).service_level or 0.0 for n in range(14, 20)]
    assert levels == sorted(levels)
    needed = erlang_a.agents_needed(100, 1800, 180, 300, service_target=0.8, threshold_seconds=20)
    assert needed <= 14  # callers who hang up shorten the queue for the rest
    assert erlang_a.agents_needed(100, 1800, 180, 300, service_target=1.0, threshold_seconds=20) is None


def test_a_full_service_target() -> None:
    # 1.0 is accepted as a target: met with no contacts, never met while contacts arrive at random.
    assert erlang.agents_needed(0.0, 180, service_target=1.0, threshold_seconds=20) == 1


def test_targets_no_staffing_can_meet_are_none() -> None:
    # more Erlangs than the most agents ever considered: no stable queue
    assert erlang.agents_needed(erlang.MAX_AGENTS + 1.0, 180, service_target=0.8, threshold_seconds=20) is None
    # a 100% service level is never certain with Erlang C (some contact always waits)
    assert erlang.agents_needed(A, 180, service_target=1.0, threshold_seconds=20) is None
