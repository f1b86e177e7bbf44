"""The portfolio of signed deals: renewals and deadlines ahead, annual spend, renewal exposure and negotiated
savings per deal, and comparables (what other deals pay) from the buyer's own signed deals and imported files.

- Annual spend: the signed offer's charges in the contract year that contains `as_of` (the first year before the
  term starts, the last after it ends), from the cost engine's plan schedule.
- Exposure: the cost engine's renewal exposure (the first renewal year at the renewal price) when the contract
  renews automatically and its notice deadline is still ahead; otherwise none.
- Savings: the baseline offer's term cost less the signed offer's (both at the plan).
- Comparables: all-in cost per agent per month (term cost / agents / term months) and per-minute rates (each usage
  meter priced per minute: its flat rate, or its first band's); each one cited to its deal file field or CSV row.
  Quartiles (p25, median, p75; linear between ranks) are given per metric and currency, only from figures in that
  currency (never converted), and only with at least two figures. Nothing is estimated or invented.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal

from principal.cost.exit_terms import renewal_exposure
from principal.cost.schedule import schedule
from principal.model.deal import Deal
from principal.model.signed import Comparable, ComparableMetric
from principal.money import Amount, round_money
from principal.signed.context import signed_view
from principal.signed.dates import DateKind, KeyDate, key_dates


@dataclass(frozen=True)
class DealLine:
    file: str
    deal: str
    vendor: str
    offer: str
    currency: str
    effective_date: dt.date | None
    term_end: dt.date | None
    next_deadline: KeyDate | None
    """The first deadline on or after `as_of` (non-renewal notice, price-increase notice, holdback); the monthly
    SLA claim windows are in the calendar, not here."""
    renewal: KeyDate | None
    annual_spend: Amount | None
    spend_year: int | None
    exposure: Amount | None
    exposure_formula: str
    savings: Amount | None
    """Baseline term cost - signed term cost (None when the signed offer is the baseline)."""
    questions: tuple[str, ...]


@dataclass(frozen=True)
class Quartiles:
    metric: ComparableMetric
    currency: str
    count: int
    p25: Decimal
    median: Decimal
    p75: Decimal


@dataclass(frozen=True)
class Portfolio:
    as_of: dt.date
    deals: tuple[DealLine, ...]
    comparables: tuple[Comparable, ...]
    quartiles: tuple[Quartiles, ...]
    spend: tuple[Amount, ...]
    """Annual spend summed per currency (never converted)."""
    savings: tuple[Amount, ...]
    exposure: tuple[Amount, ...]


def deal_line(deal: Deal, file: str, as_of: dt.date) -> DealLine:
    view = signed_view(deal)
    dates = key_dates(view)
    currency = deal.currency
    plan = schedule(view.deal, view.offer_name)
    ahead = [d for d in dates.dates if d.deadline and d.day >= as_of and d.kind is not DateKind.sla_claim_deadline]
    renewal = next((d for d in dates.dates if d.kind.value == "renewal"), None)
    spend = year = None
    if view.effective_date is not None:
        elapsed = (as_of.year - view.effective_date.year) * 12 + as_of.month - view.effective_date.month
        year = min(max(1, elapsed // 12 + 1), len(plan.year_totals))
        spend = Amount(plan.year_totals[year - 1], currency)
    exposure, formula = None, ""
    risk = renewal_exposure(view.deal, view.offer_name, view.offer, plan)
    notice_ahead = risk.notice_by is None or risk.notice_by >= as_of
    if risk.auto_renews and risk.exposure is not None and notice_ahead:
        exposure, formula = Amount(risk.exposure, currency), risk.formula
    savings = None
    if deal.baseline_name != view.offer_name:
        base = schedule(deal, deal.baseline_name)
        savings = Amount(base.total - plan.total, currency)
    return DealLine(
        file=file,
        deal=deal.name,
        vendor=deal.vendor or "",
        offer=view.offer_name,
        currency=currency,
        effective_date=view.effective_date,
        term_end=view.term_end,
        next_deadline=ahead[0] if ahead else None,
        renewal=renewal,
        annual_spend=spend,
        spend_year=year,
        exposure=exposure,
        exposure_formula=formula,
        savings=savings,
        questions=tuple(q.question for q in dates.questions),
    )


def own_comparables(deal: Deal, file: str) -> list[Comparable]:
    """The signed offer's own price points, each cited to the deal file's field."""
    view = signed_view(deal)
    offer, currency, out = view.offer, deal.currency, []
    agents = deal.buyer.agents
    if agents:
        total = schedule(view.deal, view.offer_name).total
        value = total / agents / offer.term_months
        shown = round_money(total, currency)
        source = f"{file}: offers.{view.offer_name} (term cost {shown} / {agents} agents / {offer.term_months} months)"
        out.append(
            Comparable(
                metric=ComparableMetric.cost_per_agent_month,
                value=value,
                currency=currency,
                source=source,
                label=deal.name,
                as_of=view.effective_date,
            )
        )
    for i, meter in enumerate(offer.usage):
        forecast = deal.buyer.forecasts.get(meter.forecast)
        if forecast is None or forecast.unit != "minute":
            continue
        card = meter.rate_card
        rate = card.rate if card.rate is not None else (card.bands[0].rate if card.bands else None)
        if rate is None:
            continue
        field = f"offers.{view.offer_name}.usage[{i}].rate_card"
        out.append(
            Comparable(
                metric=ComparableMetric.per_minute_rate,
                value=rate,
                currency=currency,
                source=f"{file}: {field}",
                label=f"{deal.name}: {meter.name}",
                as_of=view.effective_date,
            )
        )
    return out


def quantile(sorted_values: Sequence[Decimal], q: Decimal) -> Decimal:
    """Linear interpolation between closest ranks: position q x (n - 1) from 0 (numpy's default method)."""
    position = q * (len(sorted_values) - 1)
    low = int(position)
    high = min(low + 1, len(sorted_values) - 1)
    return sorted_values[low] + (sorted_values[high] - sorted_values[low]) * (position - low)


def quartiles(comparables: Sequence[Comparable]) -> tuple[Quartiles, ...]:
    groups: dict[tuple[ComparableMetric, str], list[Decimal]] = {}
    for c in comparables:
        groups.setdefault((c.metric, c.currency), []).append(c.value)
    out = []
    for (metric, currency), values in sorted(groups.items()):
        if len(values) < 2:
            continue
        ordered = sorted(values)
        out.append(
            Quartiles(
                metric,
                currency,
                len(ordered),
                quantile(ordered, Decimal("0.25")),
                quantile(ordered, Decimal("0.5")),
                quantile(ordered, Decimal("0.75")),
            )
        )
    return tuple(out)


def _per_currency(amounts: Sequence[Amount | None]) -> tuple[Amount, ...]:
    totals: dict[str, Amount] = {}
    for a in amounts:
        if a is not None:
            totals[a.currency] = totals.get(a.currency, Amount.zero(a.currency)) + a
    return tuple(totals[c] for c in sorted(totals))


def portfolio(deals: Sequence[tuple[Deal, str]], *, as_of: dt.date, imported: Sequence[Comparable] = ()) -> Portfolio:
    """The portfolio of `deals` (each with its file name) on `as_of`, with comparables from the deals themselves
    and from `imported` (loaded by principal.loader.comparables)."""
    lines = [deal_line(deal, file, as_of) for deal, file in deals]
    lines.sort(key=lambda d: (d.next_deadline.day if d.next_deadline else dt.date.max, d.file))
    comparables = [c for deal, file in deals for c in own_comparables(deal, file)] + list(imported)
    return Portfolio(
        as_of=as_of,
        deals=tuple(lines),
        comparables=tuple(comparables),
        quartiles=quartiles(comparables),
        spend=_per_currency([d.annual_spend for d in lines]),
        savings=_per_currency([d.savings for d in lines]),
        exposure=_per_currency([d.exposure for d in lines]),
    )
