"""Cross-field checks a single record cannot make: references between parts of a deal, and limits.

Each check yields (path, message); the loader turns the path into a file position.
"""

from __future__ import annotations

import itertools
from collections import Counter
from collections.abc import Iterator
from decimal import Decimal

from principal.locales import check_locale
from principal.model.buyer import Distribution
from principal.model.deal import Deal, Offer
from principal.model.order_form_checks import check_order_terms
from principal.model.pricing import Period
from principal.money import is_currency

Finding = tuple[tuple[str | int, ...], str]


def check_deal(deal: Deal) -> list[Finding]:
    found: list[Finding] = []
    if not is_currency(deal.currency):
        found.append((("currency",), f"{deal.currency!r} is not an ISO 4217 currency code (USD, EUR, JPY...)"))
    if deal.locale is not None:
        problem = check_locale(deal.locale)
        if problem is not None:
            found.append((("locale",), problem))
    found.extend(_check_forecasts(deal))
    found.extend(_check_incumbent(deal))
    if deal.baseline is not None and deal.baseline not in deal.offers:
        found.append((("baseline",), f"no offer named {deal.baseline!r}; offers are {_names(deal.offers)}"))
    for name, offer in deal.offers.items():
        found.extend(_check_offer(deal, name, offer))
    found.extend(check_order_terms(deal))
    return found


def _names(items: object) -> str:
    return ", ".join(str(n) for n in items) if items else "(none)"  # type: ignore[attr-defined]


def _check_forecasts(deal: Deal) -> Iterator[Finding]:
    for name, fc in deal.buyer.forecasts.items():
        base = ("buyer", "forecasts", name)
        if fc.distribution is not Distribution.fixed and (fc.low is None or fc.high is None):
            yield (*base, "distribution"), f"a {fc.distribution.value} forecast needs low and high"
        if fc.low is not None and fc.low > fc.expected:
            yield (*base, "low"), f"low {fc.low} is above expected {fc.expected}"
        if fc.high is not None and fc.high < fc.expected:
            yield (*base, "high"), f"high {fc.high} is below expected {fc.expected}"
        if fc.distribution is Distribution.lognormal and fc.low is not None and fc.low <= 0:
            yield (*base, "low"), "a lognormal forecast needs low above 0"
        for i, event in enumerate(fc.events):
            if (event.level is None) == (event.add is None):
                yield (*base, "events", i), "an event needs exactly one of level or add"
        for i, (before, step) in enumerate(itertools.pairwise(fc.schedule), start=1):
            if step.from_month <= before.from_month:
                yield (
                    (*base, "schedule", i, "from_month"),
                    f"month {step.from_month} does not follow month {before.from_month}: "
                    "list schedule steps in increasing from_month",
                )


def _check_incumbent(deal: Deal) -> Iterator[Finding]:
    inc = deal.buyer.incumbent
    if inc is None:
        return
    base = ("buyer", "incumbent")
    if inc.early_termination_fee is not None and inc.committed_until_month is None:
        yield (
            (*base, "early_termination_fee"),
            "an early-termination fee ends a commitment: give committed_until_month, the last month the incumbent "
            "must be paid without it",
        )


def _check_waves(deal: Deal, base: tuple[str | int, ...], offer: Offer) -> Iterator[Finding]:
    impl = offer.implementation
    if impl is None or not impl.waves:
        return
    path = (*base, "implementation", "waves")
    for dup, count in Counter(w.name for w in impl.waves).items():
        if count > 1:
            yield path, f"wave name {dup!r} is used {count} times; names must be unique"
    total = sum(w.agents for w in impl.waves)
    if total != deal.buyer.agents:
        yield path, f"the waves move {total:,} agents but buyer.agents is {deal.buyer.agents:,}; they must match"
    first = min(w.go_live_month for w in impl.waves)
    if impl.go_live_month is not None and impl.go_live_month != first:
        yield (
            (*base, "implementation", "go_live_month"),
            f"go_live_month {impl.go_live_month} differs from the first wave's go-live (month {first}); "
            "leave it out or make them equal",
        )
    for i, wave in enumerate(impl.waves):
        if wave.go_live_month > offer.term_months:
            yield (
                (*path, i, "go_live_month"),
                f"month {wave.go_live_month} is after the {offer.term_months}-month term",
            )


def _check_offer(deal: Deal, name: str, offer: Offer) -> Iterator[Finding]:
    base: tuple[str | int, ...] = ("offers", name)
    term = offer.term_months
    for field_name, items in (("licenses", offer.licenses), ("usage", offer.usage)):
        for dup, count in Counter(item.name for item in items).items():
            if count > 1:
                yield (*base, field_name), f"name {dup!r} is used {count} times; names must be unique"
    for i, lic in enumerate(offer.licenses):
        for j, step in enumerate(lic.ramp):
            if step.from_month > term:
                yield (
                    (*base, "licenses", i, "ramp", j, "from_month"),
                    f"month {step.from_month} is after the {term}-month term",
                )
    if offer.uplift is not None and offer.uplift.from_year > (term + 11) // 12 + 1:
        yield (*base, "uplift", "from_year"), f"year {offer.uplift.from_year} is after the {term}-month term"
    meter_names = [m.name for m in offer.usage]
    for i, meter in enumerate(offer.usage):
        if meter.forecast not in deal.buyer.forecasts:
            yield (
                (*base, "usage", i, "forecast"),
                f"no buyer forecast named {meter.forecast!r}; forecasts are {_names(deal.buyer.forecasts)}",
            )
    cap = offer.usage_cap
    if cap is not None:
        for j, meter_name in enumerate(cap.meters):
            if meter_name not in meter_names:
                yield (*base, "usage_cap", "meters", j), f"no usage meter named {meter_name!r} in this offer"
        if cap.amount is not None:
            covered = [m for m in offer.usage if not cap.meters or m.name in cap.meters]
            per_period = Decimal(12) if cap.period is Period.year else Decimal(1)
            minimum = Decimal(0)
            for meter in covered:
                if meter.minimum is not None:
                    months = Decimal(12) if meter.minimum.period is Period.year else Decimal(1)
                    minimum += meter.minimum.amount / months * per_period
            if cap.amount < minimum:
                yield (
                    (*base, "usage_cap", "amount"),
                    f"cap {cap.amount} is below the minimum commitments it covers ({minimum}); it could never hold",
                )
    waves = [w.name for w in offer.implementation.waves] if offer.implementation else []
    for i, fee in enumerate(offer.one_time_fees):
        for j, milestone in enumerate(fee.milestones):
            if milestone.month > term:
                yield (
                    (*base, "one_time_fees", i, "milestones", j, "month"),
                    f"month {milestone.month} is after the {term}-month term",
                )
            if milestone.wave is not None and milestone.wave not in waves:
                yield (
                    (*base, "one_time_fees", i, "milestones", j, "wave"),
                    f"no wave named {milestone.wave!r} in implementation.waves; waves are {_names(waves)}",
                )
    yield from _check_waves(deal, base, offer)
    impl = offer.implementation
    if impl is not None:
        for field_name in ("go_live_month", "billing_start_month"):
            value = getattr(impl, field_name)
            if value is not None and value > term:
                yield (*base, "implementation", field_name), f"month {value} is after the {term}-month term"
    if offer.sla is not None:
        yield from _check_sla(base, offer)


def _check_sla(base: tuple[str | int, ...], offer: Offer) -> Iterator[Finding]:
    sla = offer.sla
    assert sla is not None
    names = [c.name for c in sla.components]
    for dup, count in Counter(names).items():
        if count > 1:
            yield (*base, "sla", "components"), f"component {dup!r} is listed {count} times"
    for i, rule in enumerate(sla.chronic):
        for j, comp in enumerate(rule.components):
            if comp not in names:
                yield (
                    (*base, "sla", "chronic", i, "components", j),
                    f"no SLA component named {comp!r}; components are {', '.join(names)}",
                )
    if sla.credits.fee_base.value == "component":
        for i, component in enumerate(sla.components):
            if component.monthly_fee is None:
                yield (
                    (*base, "sla", "components", i, "monthly_fee"),
                    "credits are a share of the component's fees, so give its monthly_fee",
                )
    tiers = sla.credits.tiers
    if tiers and sla.credits.basis.value == "uptime":
        belows = [t.below for t in tiers if t.below is not None]
        if belows != sorted(belows, reverse=True) or len(set(belows)) != len(belows):
            yield (
                (*base, "sla", "credits", "tiers"),
                "uptime tiers must be listed from the highest threshold down, each once",
            )
    if tiers and sla.credits.basis.value == "duration":
        minutes = [t.min_minutes for t in tiers]
        if len(set(minutes)) != len(minutes):
            yield (*base, "sla", "credits", "tiers"), "duration tiers must each have a different min_minutes"
    cap = sla.credits.cap_percent
    for i, tier in enumerate(tiers):
        if cap is not None and tier.percent > cap:
            yield (
                (*base, "sla", "credits", "tiers", i, "percent"),
                f"{tier.percent}% is above the {cap}% credit cap, so it can never be paid in full",
            )
    if sla.combined_target is not None and sla.computation.value == "per_component":
        yield (
            (*base, "sla", "combined_target"),
            "combined_target applies only when computation is averaged or series; remove it or set computation",
        )
    months = {"month": 1, "quarter": 3, "year": 12}[sla.window.value]
    windows = -(-offer.term_months // months)
    for i, rule in enumerate(sla.chronic):
        if rule.count > windows:
            yield (
                (*base, "sla", "chronic", i, "count"),
                f"needs {rule.count} {sla.window.value}s but the {offer.term_months}-month term has only {windows}; "
                "it can never fire",
            )
