"""Erlang C queueing for contact-center staffing: wait probability, service level, ASA, occupancy, agents needed.

Offered load A (Erlangs) = arrivals per unit time x average handle time in the same unit. With N agents and A < N:

    Erlang B by recursion:  B(0) = 1,  B(k) = A B(k-1) / (k + A B(k-1))
    Erlang C (P_wait):      C = N B(N) / (N - A (1 - B(N)))
    service level:          SL(t) = 1 - C exp(-(N - A) t / AHT)
    average speed of answer ASA = C AHT / (N - A)
    occupancy               A / N

The recursion never forms A^N or N!, so it stays exact to float precision for thousands of agents.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

MAX_AGENTS = 100_000


def offered_load(contacts: float, interval_seconds: float, aht_seconds: float) -> float:
    """Erlangs: contacts arriving in an interval times AHT, divided by the interval (100 per 1800 s at 180 s -> 10)."""
    if interval_seconds <= 0 or aht_seconds <= 0 or contacts < 0:
        raise ValueError("interval and AHT must be above 0 and contacts at least 0")
    return contacts * aht_seconds / interval_seconds


def erlang_b(load: float, agents: int) -> float:
    """Blocking probability with `agents` servers and no queue, by the stable recursion."""
    if agents < 0 or load < 0:
        raise ValueError("agents and load must be at least 0")
    blocking = 1.0
    for k in range(1, agents + 1):
        blocking = load * blocking / (k + load * blocking)
    return blocking


def erlang_c(load: float, agents: int) -> float:
    """Probability that a contact waits (P_wait); 1.0 when the queue is unstable (A >= N)."""
    if agents <= load:
        return 1.0
    blocking = erlang_b(load, agents)
    return _c_from_b(load, agents, blocking)


def _c_from_b(load: float, agents: int, blocking: float) -> float:
    return agents * blocking / (agents - load * (1.0 - blocking))


def service_level(load: float, agents: int, threshold_seconds: float, aht_seconds: float) -> float:
    """Share of contacts answered within the threshold; 0.0 when the queue is unstable."""
    if agents <= load:
        return 0.0
    p_wait = erlang_c(load, agents)
    return 1.0 - p_wait * math.exp(-(agents - load) * threshold_seconds / aht_seconds)


def average_speed_of_answer(load: float, agents: int, aht_seconds: float) -> float:
    """Mean wait over all contacts in seconds; infinite when the queue is unstable."""
    if agents <= load:
        return math.inf
    return erlang_c(load, agents) * aht_seconds / (agents - load)


def occupancy(load: float, agents: int) -> float:
    """Share of agents' time spent handling contacts (capped at 1 when the queue is unstable)."""
    if agents <= 0:
        raise ValueError("agents must be at least 1")
    return min(load / agents, 1.0)


def positions_for(agents: int, shrinkage: float) -> int:
    """Scheduled positions so that `agents` are on the phones after shrinkage (14 at 30% -> 20)."""
    if not 0 <= shrinkage < 1:
        raise ValueError("shrinkage must be from 0 up to (not including) 1")
    # Round away float noise first: 14 / 0.7 is 20.000000000000004 in binary.
    return math.ceil(round(agents / (1.0 - shrinkage), 9))


def agents_after_shrinkage(positions: int, shrinkage: float) -> int:
    """Agents actually available from scheduled positions (20 at 30% -> 14)."""
    if not 0 <= shrinkage < 1:
        raise ValueError("shrinkage must be from 0 up to (not including) 1")
    return math.floor(round(positions * (1.0 - shrinkage), 9))


@dataclass(frozen=True)
class Staffing:
    """The queue at a given number of agents."""

    load: float
    agents: int
    p_wait: float
    service_level: float
    asa_seconds: float
    occupancy: float


def evaluate(load: float, agents: int, threshold_seconds: float, aht_seconds: float) -> Staffing:
    """All the figures for one staffing level."""
    return Staffing(
        load=load,
        agents=agents,
        p_wait=erlang_c(load, agents),
        service_level=service_level(load, agents, threshold_seconds, aht_seconds),
        asa_seconds=average_speed_of_answer(load, agents, aht_seconds),
        occupancy=occupancy(load, agents),
    )


def agents_needed(
    load: float,
    aht_seconds: float,
    *,
    service_target: float | None = None,
    threshold_seconds: float = 0.0,
    max_asa_seconds: float | None = None,
    max_occupancy: float | None = None,
) -> int | None:
    """Fewest agents meeting every given target (service level within the threshold, ASA, occupancy); None when no
    staffing up to MAX_AGENTS meets them (an overloaded plan, a 100% service level, an ASA of 0 s).

    Walks N upwards from the first stable value, carrying Erlang B along, so the cost is one pass of the recursion.
    """
    if service_target is not None and not 0 <= service_target <= 1:
        raise ValueError("service_target is a share from 0 to 1, e.g. 0.8")
    if max_occupancy is not None and not 0 < max_occupancy <= 1:
        raise ValueError("max_occupancy is a share above 0 and at most 1")
    if not math.isfinite(load) or load < 0:
        raise ValueError("load must be a finite number of Erlangs, at least 0")
    if load == 0:
        return 0 if service_target is None and max_asa_seconds is None else 1
    if load >= MAX_AGENTS or service_target == 1:
        return None  # a queue is stable only with more agents than Erlangs; a wait of exactly 0 is never certain
    blocking = 1.0
    for n in range(1, MAX_AGENTS + 1):
        blocking = load * blocking / (n + load * blocking)
        if n <= load:
            continue
        p_wait = _c_from_b(load, n, blocking)
        ok = True
        if service_target is not None:
            sl = 1.0 - p_wait * math.exp(-(n - load) * threshold_seconds / aht_seconds)
            ok = sl >= service_target
        if ok and max_asa_seconds is not None:
            ok = p_wait * aht_seconds / (n - load) <= max_asa_seconds
        if ok and max_occupancy is not None:
            ok = load / n <= max_occupancy
        if ok:
            return n
    return None


def mos_from_r(r_factor: float) -> float:
    """ITU-T G.107 E-model: listening quality MOS from the transmission rating R (R = 93.2 -> 4.41)."""
    if r_factor <= 0:
        return 1.0
    if r_factor >= 100:
        return 4.5
    return 1.0 + 0.035 * r_factor + 7e-6 * r_factor * (r_factor - 60.0) * (100.0 - r_factor)


def csat_percent(satisfied: int, responses: int) -> float:
    """CSAT as the share of 4 and 5 scores among responses, in % (74 of 107 -> 69.2)."""
    if responses <= 0 or not 0 <= satisfied <= responses:
        raise ValueError("need at least one response and 0 <= satisfied <= responses")
    return 100.0 * satisfied / responses
