"""Erlang A (M/M/N+M): the Erlang C queue with callers who hang up. Each waiting caller abandons after an
exponential patience of mean `patience_seconds` (rate theta = 1 / patience); agents serve at rate mu = 1 / AHT.

The number of contacts in the system is a birth-death chain: arrivals at rate lambda; departures at
k mu for k <= N and N mu + (k - N) theta above N (served plus abandoned). Its stationary probabilities
p_k are built term by term (p_k = p_(k-1) lambda / departure rate at k) until a term is below 1e-15 of the
total, then normalised. From them:

    P(wait)        = sum over k >= N of p_k                 (an arrival finds every agent busy)
    queue length   Lq = sum over k > N of (k - N) p_k
    P(abandon)     = theta Lq / lambda
    ASA            = Lq / lambda                             (mean wait over all arrivals, Little's law)
    occupancy      = lambda (1 - P(abandon)) / (N mu)
    service level  = P(no wait) + sum over k >= N of p_k G_(k-N)(t)

where G_j(t) is the chance that a caller with j callers ahead is answered within t: each caller ahead leaves at
rate N mu + j theta (an agent frees up or someone ahead hangs up) while the caller itself hangs up at rate theta;
G is computed by uniformisation of that small chain (Poisson-weighted steps of a discrete chain).

Always stable: abandonment keeps the queue finite whatever the load. As patience grows the figures tend to
Erlang C's. Reference values (pyworkforce, MIT): 100 contacts per 30 min, AHT 3 min, patience 5 min, 14 agents,
20 s: P(wait) 0.14526, P(abandon) 0.013984, occupancy 0.704297, ASA 0.069919 min, SL 0.916792.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np

from principal.strategy.negotiation.space import FloatArray

TAIL = 1e-15
MAX_STATES = 1_000_000


@dataclass(frozen=True)
class QueueA:
    """The Erlang A queue at one staffing level (times in seconds)."""

    agents: int
    p_wait: float
    p_abandon: float
    queue_length: float
    asa_seconds: float
    occupancy: float
    service_level: float | None


def _stationary(arrival: float, service: float, abandon: float, agents: int) -> FloatArray:
    terms = [1.0]
    total = 1.0
    k = 0
    while True:
        k += 1
        departures = min(k, agents) * service + max(k - agents, 0) * abandon
        term = terms[-1] * arrival / departures
        terms.append(term)
        total += term
        if k > agents and term < TAIL * total:
            break
        if k > agents + MAX_STATES:
            raise ValueError("the Erlang A queue does not settle; check the patience and the load")
        if term > 1e250:  # rescale before a float overflows under very heavy load
            terms = [t / 1e250 for t in terms]
            total /= 1e250
    out: FloatArray = np.asarray(terms, dtype=np.float64)
    normalised: FloatArray = out / out.sum()
    return normalised


def _answered_within(agents: int, service: float, abandon: float, ahead_max: int, t: float) -> FloatArray:
    """G_j(t) for j = 0..ahead_max callers ahead, all at once, by uniformisation."""
    j = np.arange(ahead_max + 1, dtype=np.float64)
    advance = agents * service + j * abandon  # the queue ahead moves (or, at j = 0, the caller is answered)
    rate = float(advance[-1] + abandon)  # the largest total outflow
    stay = 1.0 - (advance + abandon) / rate
    step = advance / rate
    mean = rate * t
    steps = int(mean + 10.0 * math.sqrt(mean) + 50)
    # answered[n][j]: answered within n steps starting with j ahead; step n+1 moves j -> j-1 or stays.
    answered = np.zeros(ahead_max + 1)
    weight = math.exp(-mean)
    result = np.zeros(ahead_max + 1)
    for n in range(1, steps + 1):
        below = np.concatenate(([1.0], answered[:-1]))
        answered = step * below + stay * answered
        weight *= mean / n
        result += weight * answered
    return result


def evaluate(
    contacts: float,
    interval_seconds: float,
    aht_seconds: float,
    patience_seconds: float,
    agents: int,
    threshold_seconds: float | None = None,
) -> QueueA:
    """All the Erlang A figures for `agents` agents (service level only when a threshold is given)."""
    if min(interval_seconds, aht_seconds, patience_seconds) <= 0 or contacts <= 0:
        raise ValueError("contacts, interval, AHT and patience must be above 0")
    if agents < 1:
        raise ValueError("agents must be at least 1")
    arrival = contacts / interval_seconds
    service = 1.0 / aht_seconds
    abandon = 1.0 / patience_seconds
    p = _stationary(arrival, service, abandon, agents)
    ahead = np.arange(len(p) - agents, dtype=np.float64)
    queued = p[agents:]
    p_wait = float(queued.sum())
    length = float((ahead * queued).sum())
    p_abandon = abandon * length / arrival
    occupancy = arrival * (1.0 - p_abandon) / (agents * service)
    sl = None
    if threshold_seconds is not None:
        within = _answered_within(agents, service, abandon, len(queued) - 1, threshold_seconds)
        sl = float(p[:agents].sum() + (queued * within).sum())
    return QueueA(agents, p_wait, p_abandon, length, length / arrival, occupancy, sl)


def agents_needed(
    contacts: float,
    interval_seconds: float,
    aht_seconds: float,
    patience_seconds: float,
    *,
    service_target: float | None = None,
    threshold_seconds: float | None = None,
    max_abandon: float | None = None,
    max_occupancy: float | None = None,
    limit: int = 10_000,
) -> int | None:
    """Fewest agents meeting every target given, from the offered load up; None when none up to `limit` does (a
    service target of 1.0 is never met while contacts arrive at random)."""
    if service_target is not None and not 0 <= service_target <= 1:
        raise ValueError("service_target is a share from 0 to 1")
    if service_target == 1:
        return None
    load = contacts * aht_seconds / interval_seconds
    for n in range(max(1, math.ceil(load) - 1), limit + 1):
        figures = evaluate(contacts, interval_seconds, aht_seconds, patience_seconds, n, threshold_seconds)
        ok = service_target is None or (figures.service_level or 0.0) >= service_target
        ok = ok and (max_abandon is None or figures.p_abandon <= max_abandon)
        ok = ok and (max_occupancy is None or figures.occupancy <= max_occupancy)
        if ok:
            return n
    return None
